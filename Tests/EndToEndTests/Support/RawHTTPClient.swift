import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A deliberately dumb HTTP/1.1 client over a POSIX socket, for what HummingbirdTesting's client
/// hides: the status line exactly as it is on the wire (the reason phrase `dotnet nuget push`
/// prints) and request bodies sent with `Transfer-Encoding: chunked` as NuGet.Client does.
///
/// Each call opens one connection, sends `Connection: close` and reads to the end, on its own
/// thread so the blocking socket never holds a cooperative-pool thread the server needs.
struct RawHTTPClient: Sendable {
    let port: Int
    /// The `Host` header (the connection always goes to 127.0.0.1); another server's `host:port` when
    /// following a redirect to it, e.g. a presigned object-store URL.
    var host = "pallet.test"

    /// A response as read off the socket.
    struct Response: Sendable {
        var statusLine: String
        var statusCode: Int
        var reasonPhrase: String
        /// Header names lowercased.
        var headers: [String: String]
        var body: Data
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// Sends `method path` with `headers`; the body goes in chunks of `chunkSize` bytes when given,
    /// else with a `Content-Length`.
    func send(
        _ method: String, _ path: String, headers: [(String, String)] = [], body: Data? = nil, chunkSize: Int? = nil
    ) async throws -> Response {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        var request = Data()
        if let body, let chunkSize {
            request.append(Data((head + "Transfer-Encoding: chunked\r\n\r\n").utf8))
            var offset = 0
            while offset < body.count {
                let chunk = body[body.startIndex + offset..<body.startIndex + min(offset + chunkSize, body.count)]
                request.append(Data((String(chunk.count, radix: 16) + "\r\n").utf8))
                request.append(chunk)
                request.append(Data("\r\n".utf8))
                offset += chunkSize
            }
            request.append(Data("0\r\n\r\n".utf8))
        } else {
            request.append(Data((head + "Content-Length: \(body?.count ?? 0)\r\n\r\n").utf8))
            if let body { request.append(body) }
        }
        let raw = try await Self.exchange(port: port, request: request)
        return try Self.parse(raw)
    }

    struct SocketError: Error, CustomStringConvertible {
        let description: String
    }

    private static func exchange(port: Int, request: Data) async throws -> Data {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Result { try blockingExchange(port: port, request: request) })
            }
            thread.start()
        }
    }

    /// A TCP socket connected to 127.0.0.1:`port`, whose blocking reads (and sends, when `guardsSends`) give up
    /// after `hangGuardSeconds`: a hang guard, not a time limit. The caller closes it.
    static func connectedSocket(port: Int, hangGuardSeconds: Int, guardsSends: Bool = false) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw SocketError(description: "socket() failed") }
        var timeout = timeval(tv_sec: hangGuardSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        if guardsSends { setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size)) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(fd)
            throw SocketError(description: "connect() to port \(port) failed")
        }
        return fd
    }

    private static func blockingExchange(port: Int, request: Data) throws -> Data {
        // A hang guard, not a time limit: generous, since a loaded CI machine can take tens of seconds for a
        // push sent in 1000-byte chunks.
        let fd = try connectedSocket(port: port, hangGuardSeconds: 180)
        defer { close(fd) }
        request.withUnsafeBytes { buffer in
            var sent = 0
            while sent < buffer.count {
                let n = Glibc.send(fd, buffer.baseAddress! + sent, buffer.count - sent, Int32(MSG_NOSIGNAL))
                // The server may answer (413) and close before the whole body is sent: stop writing, read the answer.
                if n <= 0 { return }
                sent += n
            }
        }
        var response = Data()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            response.append(contentsOf: buffer[0..<n])
        }
        guard !response.isEmpty else { throw SocketError(description: "no response from port \(port)") }
        return response
    }

    /// Splits the status line, headers and body (de-chunking a chunked body).
    static func parse(_ raw: Data) throws -> Response {
        guard let separator = raw.range(of: Data("\r\n\r\n".utf8)) else { throw SocketError(description: "incomplete response head") }
        let head = String(decoding: raw[raw.startIndex..<separator.lowerBound], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst()
        let fields = statusLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard fields.count >= 2, let code = Int(fields[1]) else { throw SocketError(description: "bad status line '\(statusLine)'") }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Data(raw[separator.upperBound...])
        if headers["transfer-encoding"]?.lowercased() == "chunked" { body = dechunk(body) }
        return Response(
            statusLine: statusLine, statusCode: code, reasonPhrase: fields.count == 3 ? String(fields[2]) : "",
            headers: headers, body: body
        )
    }

    private static func dechunk(_ data: Data) -> Data {
        var out = Data()
        var rest = data[...]
        while let lineEnd = rest.range(of: Data("\r\n".utf8)) {
            let sizeText = String(decoding: rest[rest.startIndex..<lineEnd.lowerBound], as: UTF8.self)
            guard let size = Int(sizeText.split(separator: ";").first ?? "", radix: 16), size > 0 else { break }
            let start = lineEnd.upperBound
            guard rest.endIndex - start >= size else { break }
            out.append(rest[start..<start + size])
            rest = rest[min(start + size + 2, rest.endIndex)...]
        }
        return out
    }
}
