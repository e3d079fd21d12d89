import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One keep-alive HTTP/1.1 connection over a POSIX socket that returns each answer exactly as it came off the
/// wire (status line, every header in order, body): what the fast path tests compare byte for byte. Unlike
/// `RawHTTPClient` it sends no `Connection: close`, since the fast path leaves such requests to the router.
///
/// Requests go one after another on one connection, on a thread of their own so the blocking socket never
/// holds a cooperative-pool thread the server needs.
struct KeepAliveHTTPClient: Sendable {
    let port: Int

    /// One request: method, target (path and query) and extra header lines.
    struct Request: Sendable {
        var method: String
        var target: String
        var headers: [(String, String)] = []
        /// Sent after the head with its `Content-Length`.
        var body: String?
    }

    /// Sends the requests in turn on one connection; the raw bytes of each answer.
    func exchange(_ requests: [Request]) async throws -> [Data] {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try blockingExchange(requests) }) }.start()
        }
    }

    /// Sends all the requests at once (pipelined), in pieces of `segment` bytes when given (each its own
    /// `send`, with Nagle's algorithm off), then reads the answers in order.
    func pipelined(_ requests: [Request], segment: Int? = nil) async throws -> [Data] {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try blockingPipelined(requests, segment: segment) }) }.start()
        }
    }

    private func blockingPipelined(_ requests: [Request], segment: Int?) throws -> [Data] {
        let fd = try connected()
        defer { close(fd) }
        var noDelay: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, socklen_t(MemoryLayout<Int32>.size))
        let bytes = Array(requests.map(Self.head).joined().utf8)
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + (segment ?? bytes.count))
            try bytes[offset..<end].withUnsafeBytes { buffer in
                guard Glibc.send(fd, buffer.baseAddress!, buffer.count, Int32(MSG_NOSIGNAL)) == buffer.count else {
                    throw RawHTTPClient.SocketError(description: "send() failed")
                }
            }
            offset = end
        }
        var pending = Data()
        return try requests.map { try readAnswer(fd, pending: &pending, bodyless: $0.method == "HEAD") }
    }

    static func head(_ request: Request) -> String {
        var head = "\(request.method) \(request.target) HTTP/1.1\r\nHost: pallet.test\r\n"
        for (name, value) in request.headers { head += "\(name): \(value)\r\n" }
        guard let body = request.body else { return head + "\r\n" }
        return head + "Content-Length: \(body.utf8.count)\r\n\r\n" + body
    }

    private func connected() throws -> Int32 {
        try RawHTTPClient.connectedSocket(port: port, hangGuardSeconds: 120)
    }

    private func blockingExchange(_ requests: [Request]) throws -> [Data] {
        let fd = try connected()
        defer { close(fd) }
        var pending = Data()
        var answers: [Data] = []
        for request in requests {
            try Data(Self.head(request).utf8).withUnsafeBytes { buffer in
                guard Glibc.send(fd, buffer.baseAddress!, buffer.count, Int32(MSG_NOSIGNAL)) == buffer.count else {
                    throw RawHTTPClient.SocketError(description: "send() failed")
                }
            }
            let answer = try readAnswer(fd, pending: &pending, bodyless: request.method == "HEAD")
            answers.append(answer)
        }
        return answers
    }

    /// Reads one answer: the head, then `Content-Length` bytes (none for HEAD, 304 and 204).
    private func readAnswer(_ fd: Int32, pending: inout Data, bodyless: Bool) throws -> Data {
        let separator = Data("\r\n\r\n".utf8)
        while pending.range(of: separator) == nil { try receive(fd, into: &pending) }
        let end = pending.range(of: separator)!.upperBound
        let head = String(decoding: pending[pending.startIndex..<end], as: UTF8.self)
        let status = head.split(separator: " ", maxSplits: 2).dropFirst().first.flatMap { Int($0) } ?? 0
        var length = 0
        for line in head.components(separatedBy: "\r\n") where line.lowercased().hasPrefix("content-length:") {
            length = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) ?? 0
        }
        if bodyless || status == 304 || status == 204 { length = 0 }
        while pending.count - (end - pending.startIndex) < length { try receive(fd, into: &pending) }
        let answer = Data(pending[pending.startIndex..<end + length])
        pending = Data(pending[(end + length)...])
        return answer
    }

    private func receive(_ fd: Int32, into data: inout Data) throws {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        let n = recv(fd, &buffer, buffer.count, 0)
        guard n > 0 else { throw RawHTTPClient.SocketError(description: "connection closed mid-answer") }
        data.append(contentsOf: buffer[0..<n])
    }
}
