import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A client that streams a large chunked request body over a POSIX socket and reads the answer only
/// after it has stopped sending, as curl and nuget.exe do: what hung against the server when it
/// answered early and then stopped reading (issue 10).
///
/// The body is generated on the fly (nothing of it is held in memory). Sending stops when the whole
/// body is sent or when the server closes or resets the connection. Both socket directions carry a
/// generous timeout that serves only as a hang detector: a test fails on `timedOut`, it never measures time.
struct StreamingUpload: Sendable {
    let port: Int

    /// What the client saw.
    struct Outcome: Sendable {
        /// Body bytes the client handed to its kernel (includes socket buffers: an upper bound of what the server read).
        var bodySent = 0
        /// The answer, when one could be read before the connection ended.
        var response: RawHTTPClient.Response?
        /// Whether the connection was reset instead (also a clean end for an over-limit upload).
        var wasReset = false
        /// Whether a send or receive blocked for the whole hang-detector timeout.
        var timedOut = false
    }

    /// Sends `PUT path` with `headers` and a chunked body of `bodyBytes` bytes.
    func put(
        _ path: String, headers: [(String, String)], bodyBytes: Int, connectionClose: Bool, hangTimeoutSeconds: Int = 60
    ) async throws -> Outcome {
        var head = "PUT \(path) HTTP/1.1\r\nHost: pallet.test\r\nTransfer-Encoding: chunked\r\n"
        if connectionClose { head += "Connection: close\r\n" }
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "\r\n"
        let request = head
        return try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Result {
                    try Self.blockingPut(port: port, head: request, bodyBytes: bodyBytes, timeout: hangTimeoutSeconds)
                })
            }.start()
        }
    }

    private static func blockingPut(port: Int, head: String, bodyBytes: Int, timeout: Int) throws -> Outcome {
        let fd = try RawHTTPClient.connectedSocket(port: port, hangGuardSeconds: timeout, guardsSends: true)
        defer { close(fd) }

        var outcome = Outcome()
        /// Sends all of `bytes`; false when the connection ended (or the hang detector fired).
        func sendAll(_ bytes: [UInt8]) -> Bool {
            var sent = 0
            while sent < bytes.count {
                let n = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL)) }
                if n > 0 {
                    sent += n
                    continue
                }
                if errno == EAGAIN || errno == EWOULDBLOCK { outcome.timedOut = true }
                if errno == ECONNRESET { outcome.wasReset = true }
                return false
            }
            return true
        }

        let chunkSize = 64 * 1024
        let chunk = [UInt8](repeating: 0x5A, count: chunkSize)
        if sendAll(Array(head.utf8)) {
            var remaining = bodyBytes
            while remaining > 0 {
                let size = min(chunkSize, remaining)
                guard sendAll(Array((String(size, radix: 16) + "\r\n").utf8)), sendAll(Array(chunk[0..<size])),
                      sendAll(Array("\r\n".utf8)) else { break }
                outcome.bodySent += size
                remaining -= size
            }
            if remaining == 0 { _ = sendAll(Array("0\r\n\r\n".utf8)) }
        }

        var received = Data()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n > 0 {
                received.append(contentsOf: buffer[0..<n])
                continue
            }
            if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { outcome.timedOut = true }
            if n < 0 && errno == ECONNRESET { outcome.wasReset = true }
            break
        }
        outcome.response = try? RawHTTPClient.parse(received)
        return outcome
    }
}
