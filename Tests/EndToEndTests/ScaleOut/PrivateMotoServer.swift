import Foundation
import Logging
import S3BlobStore
#if canImport(Glibc)
import Glibc
#endif

/// A moto_server of the test's own (`moto_server -H 127.0.0.1 -p PORT`), so the test can kill it (an object
/// store outage) without touching the shared one, and start a new one on the same port.
///
/// moto runs under a small python3 watcher in its own process group: the watcher prints moto's pid and
/// kills the group when its stdin closes, which also happens when the test process dies, so a crashed
/// run leaves no server behind. Stopping is always SIGKILL: a child inherits the test runner's
/// blocked-signal mask, so SIGTERM may never arrive (as in `SMTPTestServer`).
final class PrivateMotoServer: @unchecked Sendable {
    let port: Int
    /// `http://127.0.0.1:PORT`, for an `endpoint=` in a storage URL.
    var endpoint: String { "http://127.0.0.1:\(port)" }
    private let watcher: Process
    private let watcherInput: Pipe
    /// moto's pid, also its process group.
    private let motoGroup: pid_t

    /// moto_server's path on PATH, or nil; the reason is printed once when it is missing.
    static let executable: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/moto_server"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        print("EndToEndTests: moto_server is not on PATH (pip install 'moto[server]'); the object-storage outage test is skipped.")
        return nil
    }()

    /// Starts moto on `port` (a free one when nil) and waits until it accepts connections.
    init(port: Int? = nil) async throws {
        guard let executable = Self.executable else { throw PrivateMotoError("moto_server is not on PATH") }
        self.port = try port ?? Self.freePort()
        watcher = Process()
        watcher.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        watcher.arguments = ["python3", "-c", Self.watcherScript, executable, String(self.port)]
        let output = Pipe()
        watcherInput = Pipe()
        watcher.standardOutput = output
        watcher.standardInput = watcherInput
        try watcher.run()
        let line = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        guard line.hasPrefix("PID "), let pid = pid_t(line.dropFirst(4).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            Glibc.kill(watcher.processIdentifier, SIGKILL)
            watcher.waitUntilExit()
            throw PrivateMotoError("the moto_server watcher did not start: '\(line)'")
        }
        motoGroup = pid
        // Starting moto takes a second or two; a minute covers a loaded CI machine.
        for _ in 0..<600 {
            if Self.accepts(port: self.port) { return }
            guard watcher.isRunning else { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        stop()
        throw PrivateMotoError("moto_server did not listen on port \(self.port)")
    }

    deinit { stop() }

    /// Kills moto at once (SIGKILL, an outage: no goodbye to clients) and waits until its port refuses connections.
    func crash() async throws {
        Glibc.kill(-motoGroup, SIGKILL)
        for _ in 0..<100 {
            if !Self.accepts(port: port) { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw PrivateMotoError("port \(port) still accepts connections after moto was killed")
    }

    /// Stops moto and its watcher.
    func stop() {
        Glibc.kill(-motoGroup, SIGKILL)
        if watcher.isRunning {
            Glibc.kill(watcher.processIdentifier, SIGKILL)
            watcher.waitUntilExit()
        }
    }

    /// Creates a fresh bucket on the S3 server at `endpoint` and returns a storage URL on it
    /// (`s3://bucket/pallet?endpoint=…`, path-style as moto wants).
    static func makeBucket(endpoint: String) async throws -> String {
        // moto accepts any credentials; real ones in the environment win.
        if ProcessInfo.processInfo.environment["AWS_ACCESS_KEY_ID"] == nil { setenv("AWS_ACCESS_KEY_ID", "test", 1) }
        if ProcessInfo.processInfo.environment["AWS_SECRET_ACCESS_KEY"] == nil { setenv("AWS_SECRET_ACCESS_KEY", "test", 1) }
        let bucket = "pallet-scale-" + UUID().uuidString.lowercased().prefix(18)
        let storage = "s3://\(bucket)/pallet?endpoint=\(endpoint)&region=us-east-1&path-style=true"
        try await createBucket(storage: storage)
        return storage
    }

    /// Creates the bucket of a storage URL (again, after a restart of moto, which keeps nothing).
    static func createBucket(storage: String) async throws {
        var logger = Logger(label: "pallet.e2e.moto")
        logger.logLevel = .warning
        let client = S3Client(location: try S3Location(parsing: storage), credentials: try S3Credentials.fromEnvironment(), logger: logger)
        do {
            try await client.createBucket()
            try await client.shutdown()
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    /// A port nobody listens on right now (the kernel's pick for port 0).
    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw PrivateMotoError("socket() failed") }
        defer { close(fd) }
        var address = loopback(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw PrivateMotoError("bind() failed") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Whether something accepts a TCP connection on 127.0.0.1:`port`.
    private static func accepts(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = loopback(port: port)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    /// argv: moto_server's path, the port. Prints `PID n`, then waits for stdin to close.
    private static let watcherScript = #"""
    import os, signal, subprocess, sys
    moto = subprocess.Popen([sys.argv[1], "-H", "127.0.0.1", "-p", sys.argv[2]],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    print("PID %d" % moto.pid, flush=True)
    # Until the test stops us or goes away (stdin closes either way); then moto goes too.
    sys.stdin.read()
    try:
        os.killpg(moto.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    os._exit(0)
    """#
}

extension Logger {
    /// For a server whose stores fail on purpose: it logs every 503 at error level, expected here.
    static var expectingStoreFailures: Logger {
        var logger = Logger(label: "pallet.e2e")
        logger.logLevel = .critical
        return logger
    }
}

struct PrivateMotoError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
