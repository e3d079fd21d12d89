public import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A real SMTP server for tests: aiosmtpd (PyPI, `pip install aiosmtpd`) on 127.0.0.1 and a free port,
/// saving every received message as JSON so tests can check what was sent.
///
/// Modes: plain, STARTTLS (required before MAIL) and implicit TLS; with `credentials`, AUTH is required
/// (aiosmtpd only accepts it over TLS). The certificate is self-signed for 127.0.0.1 (`certificateFile`).
public final class SMTPTestServer: @unchecked Sendable {
    /// How clients must connect.
    public enum Mode: String, Sendable, CaseIterable {
        case plain, starttls, tls
    }

    /// A message as the server received it.
    public struct Received: Decodable, Sendable {
        public let mailFrom: String
        public let rcptTos: [String]
        /// The DATA payload, CRLF line ends, as on the wire (dot-unstuffed by the server).
        public let data: String
        public let tls: Bool
        public let authUser: String?

        enum CodingKeys: String, CodingKey {
            case mailFrom = "mail_from", rcptTos = "rcpt_tos", data, tls, authUser = "auth_user"
        }

        /// The value of a header (first occurrence), unfolded.
        public func header(_ name: String) -> String? {
            let head = data.components(separatedBy: "\r\n\r\n").first ?? ""
            for line in head.components(separatedBy: "\r\n") where line.lowercased().hasPrefix(name.lowercased() + ":") {
                return line.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces)
            }
            return nil
        }

        /// The body after the blank line.
        public var body: String { data.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n") }
    }

    public let port: Int
    public let folder: URL
    public var certificateFile: String { folder.appendingPathComponent("cert.pem").path }
    private let process: Process

    /// Whether aiosmtpd can be imported; tests print a reason and skip otherwise.
    public static var isAvailable: Bool {
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        check.arguments = ["python3", "-c", "import aiosmtpd"]
        check.standardError = FileHandle.nullDevice
        guard (try? check.run()) != nil else { return false }
        check.waitUntilExit()
        return check.terminationStatus == 0
    }

    /// Starts a server and waits until it listens.
    public init(mode: Mode, credentials: (user: String, password: String)? = nil) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("pallet-smtp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("messages"), withIntermediateDirectories: true)
        let script = folder.appendingPathComponent("server.py")
        try Self.script.write(to: script, atomically: true, encoding: .utf8)
        if mode != .plain { try Self.makeCertificate(in: folder) }
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, folder.path, mode.rawValue, credentials.map { "\($0.user):\($0.password)" } ?? ""]
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = Pipe()
        try process.run()
        let line = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        guard line.hasPrefix("READY "), let port = Int(line.dropFirst(6).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            process.terminate()
            throw SMTPTestServerError(message: "aiosmtpd did not start: '\(line)'")
        }
        self.port = port
    }

    deinit { stop() }

    /// Stops the server and removes its folder.
    ///
    /// SIGKILL, not `terminate()`: a child inherits the test runner's blocked-signal mask, so SIGTERM may never arrive.
    public func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: folder)
    }

    /// The messages received so far, oldest first; waits up to `timeout` for at least `count`.
    public func messages(atLeast count: Int = 1, timeout: TimeInterval = 5) async throws -> [Received] {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("messages").path)
                .filter { $0.hasSuffix(".json") }.sorted()
            if files.count >= count || Date() > deadline {
                return try files.map {
                    try JSONDecoder().decode(Received.self, from: Data(contentsOf: folder.appendingPathComponent("messages/\($0)")))
                }
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    private static func makeCertificate(in folder: URL) throws {
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        openssl.arguments = [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
            "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
            "-keyout", folder.appendingPathComponent("key.pem").path, "-out", folder.appendingPathComponent("cert.pem").path,
        ]
        openssl.standardError = FileHandle.nullDevice
        try openssl.run()
        openssl.waitUntilExit()
        guard openssl.terminationStatus == 0 else { throw SMTPTestServerError(message: "openssl could not make a certificate") }
    }

    static let script = #"""
    import asyncio, json, os, signal, socket, ssl, sys, time
    # The test runner may block SIGTERM; unblock it so the server can always be stopped.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult

    folder, mode, creds = sys.argv[1], sys.argv[2], sys.argv[3]
    counter = [0]

    class Saver:
        async def handle_DATA(self, server, session, envelope):
            counter[0] += 1
            auth = session.auth_data.login.decode() if session.authenticated and session.auth_data else None
            secure = session.ssl is not None or mode == "tls"
            record = {"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos,
                      "data": envelope.original_content.decode("utf-8", "replace"),
                      "tls": secure, "auth_user": auth}
            path = os.path.join(folder, "messages", "%06d.json" % counter[0])
            with open(path + ".tmp", "w") as f:
                json.dump(record, f)
            os.rename(path + ".tmp", path)
            return "250 OK"

    def authenticator(server, session, envelope, mechanism, auth_data):
        user, _, password = creds.partition(":")
        ok = auth_data.login.decode() == user and auth_data.password.decode() == password
        return AuthResult(success=ok, auth_data=auth_data if ok else None)

    s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close()
    kwargs = {}
    if mode != "plain":
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(os.path.join(folder, "cert.pem"), os.path.join(folder, "key.pem"))
        if mode == "tls":
            kwargs["ssl_context"] = context
        else:
            kwargs["tls_context"] = context
            kwargs["require_starttls"] = True
    if creds:
        kwargs["authenticator"] = authenticator
        kwargs["auth_required"] = True
        # aiosmtpd only knows about STARTTLS; an implicit-TLS connection is encrypted from the start.
        kwargs["auth_require_tls"] = mode == "starttls"
    controller = Controller(Saver(), hostname="127.0.0.1", port=port, ready_timeout=10, **kwargs)
    controller.start()
    print("READY %d" % port, flush=True)
    # Exit when the test process goes away (stdin closes), so a crashed test leaves no server behind.
    sys.stdin.read()
    os._exit(0)
    """#
}

/// The test SMTP server could not start.
public struct SMTPTestServerError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
