import HTTPPlumbing
import HummingbirdCore
import Testing

/// `FastQueryString` against Hummingbird's own `URI.queryParameters` (what the routes read): wherever it gives
/// parameters they are Hummingbird's, name for name and value for value, in order; where the two could differ
/// (an undecodable or non-ASCII escape, a very long query) it gives nil and the router answers.
@Suite("FastQueryString reads queries as Hummingbird does")
struct FastQueryStringTests {
    static func hummingbird(_ query: String) -> [String] {
        URI("/v3/query?" + query).queryParameters.map { "\($0.key)=\($0.value)" }
    }

    static func fast(_ query: String) -> [String]? {
        FastQueryString.parameters(Substring(query))?.map { "\($0.key)=\($0.value)" }
    }

    @Test("queries NuGet clients send and odd spellings read alike", arguments: [
        "q=json", "q=fast%20json", "q=fast+json", "Q=JSON&TAKE=1", "q=json&q=tool", "&&q=json&", "q", "q=", "=v", "",
        "&", "q=a=b", "q=id%3Afast.json", "q=%22a%22", "prerelease=true&semVerLevel=2.0.0", "q=json?take=1", "a%20b=c",
        "q=%7e%7E", "q=%00", "q=%2B%25",
    ])
    func alike(query: String) {
        #expect(Self.fast(query) == Self.hummingbird(query), "\(query)")
    }

    @Test("escapes Hummingbird keeps as they came or decodes outside ASCII, and long queries, are the router's", arguments: [
        "q=%zz", "q=json%2", "q=%", "q=caf%C3%A9", "q=%FF", "a=1&q=%G0", String(repeating: "q=x&", count: 300),
    ])
    func routed(query: String) {
        #expect(Self.fast(query) == nil, "\(query)")
    }

    @Test("generated queries: parameters are Hummingbird's whenever given", arguments: 0..<4)
    func generated(seed: UInt64) {
        var state = seed &+ 1
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        let pieces = ["q", "Q", "take", "=", "&", "%20", "%2", "%zz", "%41", "%c3%a9", "+", "a", "json", "%", "?", "1", "=="]
        var read = 0
        for _ in 0..<500 {
            let query = (0..<(next() % 8)).map { _ in pieces[Int(next() % UInt64(pieces.count))] }.joined()
            guard let fast = Self.fast(query) else { continue }
            read += 1
            #expect(fast == Self.hummingbird(query), "\(query)")
        }
        #expect(read > 100, "the generator reaches queries the fast path reads (\(read))")
    }
}
