@testable import HTTPPlumbing
import NIOCore
import NIOEmbedded
import NIOHTTP1
import Testing

/// `RawRequestHead` against NIO's own decoder (llhttp) on generated heads, valid and broken: wherever the raw
/// reader delimits a request, NIO reads the same bytes as one whole request without a body and then the next
/// request (so the two can never read different requests from one connection), and a request the reader lets
/// the fast path answer is one NIO reads without complaint, asking the same (`FastRequest` from NIO's head).
/// Deterministic: a fixed generator per seed.
@Suite("RawRequestHead agrees with NIO's decoder")
struct RawRequestHeadAgreementTests {
    /// SplitMix64: the same sequence on every run.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func pick<T>(_ choices: [T]) -> T { choices[Int(next() % UInt64(choices.count))] }
        mutating func chance(_ percent: UInt64) -> Bool { next() % 100 < percent }
    }

    static let methods = ["GET", "GET", "GET", "HEAD", "HEAD", "POST", "DELETE", "get", "OPTIONS", "PUT"]
    static let targets = ["/fast", "/v3/flat/a.b/index.json", "/v3/index.json", "/v3/query?q=a+b&take=%32", "/a?b=1", "/a?b#c", "/a?", "/a/?b?c=%zz", "/a%20b", "/./x", "/x/../y", "/x{y}", "*",
                          "/a//b", "/caf\u{e9}", "/a#f", "/~user/x+y@z:1"]
    static let versions = ["HTTP/1.1", "HTTP/1.1", "HTTP/1.1", "HTTP/1.0", "HTTP/2.0", "HTTP/1.1 "]
    static let names = ["Host", "Accept-Encoding", "accept-encoding", "If-None-Match", "X-Request-Id", "Connection", "Content-Length",
                        "Transfer-Encoding", "Expect", "Upgrade", "X-Other", "User-Agent", "Accept"]
    static let values = ["x", "gzip", "gzip, br", " gzip", "gzip ", "\"e-1\"", "W/\"e\"", "keep-alive", "Keep-Alive", "close", "0", "5",
                         "chunked", "caf\u{e9}", "a\tb", "", "100-continue", "websocket", "id-1", "*/*"]
    static let separators = [": ", ":", ":\t", " : ", ":  "]
    static let noise: [UInt8] = [0x0A, 0x0D, 0x00, 0x20, 0x09, 0x7F, 0x80, 0x3A, 0x01]

    /// Heads a NuGet client sends (half of them), the rest from every pool.
    static let plainNames = ["Host", "Accept-Encoding", "If-None-Match", "X-Request-Id", "X-Other", "User-Agent", "Accept", "Connection"]
    static let plainValues = ["x", "gzip", "gzip, br", "\"e-1\"", "keep-alive", "id-1", "*/*", "caf\u{e9}", "a\tb", ""]

    static func head(_ generator: inout Generator) -> [UInt8] {
        let plain = generator.chance(50)
        let method = plain ? generator.pick(["GET", "HEAD"]) : generator.pick(methods)
        let target = plain ? generator.pick(Array(targets.prefix(4))) : generator.pick(targets)
        var text = "\(method) \(target) \(plain ? "HTTP/1.1" : generator.pick(versions))\r\n"
        for _ in 0..<(generator.next() % 6) {
            text += plain
                ? generator.pick(plainNames) + generator.pick(separators) + generator.pick(plainValues) + "\r\n"
                : generator.pick(names) + generator.pick(separators) + generator.pick(values) + "\r\n"
        }
        var bytes = Array((text + "\r\n").utf8)
        if generator.chance(30) {
            let at = Int(generator.next() % UInt64(bytes.count))
            bytes.insert(generator.pick(noise), at: at)
        }
        return bytes
    }

    /// What NIO's decoder makes of `bytes`: the parts in order, and whether it failed.
    final class Parts: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = HTTPServerRequestPart
        var parts: [HTTPServerRequestPart] = []
        func channelRead(context: ChannelHandlerContext, data: NIOAny) { parts.append(unwrapInboundIn(data)) }
    }

    static func decode(_ bytes: [UInt8]) -> (parts: [HTTPServerRequestPart], failed: Bool) {
        let channel = EmbeddedChannel()
        let parts = Parts()
        try? channel.pipeline.syncOperations.addHandlers([ByteToMessageHandler(HTTPRequestDecoder(leftOverBytesStrategy: .dropBytes)), parts])
        var failed = false
        do { try channel.writeInbound(ByteBuffer(bytes: bytes)) } catch { failed = true }
        _ = try? channel.finish()
        return (parts.parts, failed)
    }

    static let sentinel = Array("GET /sentinel HTTP/1.1\r\nHost: x\r\n\r\n".utf8)

    @Test("delimited requests are whole bodyless requests to NIO too; fast ones ask NIO the same", arguments: 0..<6)
    func agrees(seed: UInt64) {
        var generator = Generator(state: seed)
        var delimited = 0
        var fastOnes = 0
        for _ in 0..<400 {
            let bytes = Self.head(&generator)
            let scanned = bytes.withUnsafeBytes { RawRequestHead.scan($0) }
            guard case .request(let length, let fast) = scanned else { continue }
            delimited += 1
            let (parts, failed) = Self.decode(Array(bytes[..<length]) + Self.sentinel)
            let text = String(decoding: bytes, as: UTF8.self)
            // NIO may refuse a request the raw reader passes on (it is NIO's then), but never mid-way: its first
            // request ends where the reader said, without a body, and whatever follows is the next request.
            if parts.count >= 2, case .head = parts[0], case .end = parts[1] {
                if parts.count > 2, case .head(let next) = parts[2] { #expect(next.uri == "/sentinel", "\(text)") }
            } else {
                #expect(parts.isEmpty && failed && fast == nil, "NIO read \(parts) of \(text)")
            }
            guard let fast else { continue }
            fastOnes += 1
            guard case .head(let head)? = parts.first, let decoded = FastRequest(head) else {
                Issue.record("the fast path would answer what NIO does not take as a fast request: \(text)")
                continue
            }
            #expect(decoded.method == fast.method && decoded.path == fast.path && decoded.query == fast.query, "\(text)")
            #expect(decoded.acceptEncoding == fast.acceptEncoding && decoded.ifNoneMatch == fast.ifNoneMatch, "\(text)")
            #expect(decoded.requestID == fast.requestID, "\(text)")
        }
        #expect(delimited > 100 && fastOnes > 50, "the generator reaches both kinds (\(delimited), \(fastOnes))")
    }
}
