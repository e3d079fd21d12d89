/// Every token the index has seen, numbered, with their bytes laid out contiguously.
///
/// Packages store token numbers, not strings. A query word is compared once against the
/// vocabulary (a linear prefix scan over one byte buffer, tens of thousands of short
/// `memcmp`s), producing a bit set; each package then only tests its token numbers in it.
/// Tokens are never removed: the vocabulary grows with the distinct words ever indexed,
/// which is bounded by what was published, and is rebuilt when the process restarts.
struct SearchVocabulary: Sendable {
    private var numbers: [String: Int32] = [:]
    private var bytes: [UInt8] = []
    /// `starts[n]..<starts[n + 1]` are the bytes of token `n`.
    private var starts: [Int32] = [0]

    var count: Int { starts.count - 1 }

    /// The number of `token`, adding it when new.
    mutating func intern(_ token: String) -> Int32 {
        if let number = numbers[token] { return number }
        let number = Int32(count)
        numbers[token] = number
        bytes.append(contentsOf: token.utf8)
        starts.append(Int32(bytes.count))
        return number
    }

    /// Numbers of `tokens`, adding new ones.
    mutating func intern(_ tokens: [String]) -> [Int32] {
        tokens.map { intern($0) }
    }

    /// The number of a token, if it was ever indexed.
    func number(of token: String) -> Int32? { numbers[token] }

    /// The tokens that start with `prefix` (already lowercased).
    func tokens(withPrefix prefix: String) -> TokenSet {
        var set = TokenSet(capacity: count)
        let needle = Array(prefix.utf8)
        guard !needle.isEmpty else { return set }
        bytes.withUnsafeBufferPointer { haystack in
            needle.withUnsafeBufferPointer { needle in
                for n in 0..<count {
                    let start = Int(starts[n]), end = Int(starts[n + 1])
                    guard end - start >= needle.count else { continue }
                    if memcmpEqual(haystack.baseAddress! + start, needle.baseAddress!, needle.count) {
                        set.insert(Int32(n))
                    }
                }
            }
        }
        return set
    }
}

/// A set of token numbers as a bit array, with its lowest and highest member so that
/// most tokens of a package are rejected by two comparisons.
struct TokenSet: Sendable {
    private var words: [UInt64]
    private var lowest = Int32.max
    private var highest = Int32.min

    init(capacity: Int) {
        words = Array(repeating: 0, count: (capacity + 63) / 64)
    }

    var isEmpty: Bool { lowest > highest }

    mutating func insert(_ token: Int32) {
        words[Int(token) >> 6] |= 1 << UInt64(token & 63)
        lowest = min(lowest, token)
        highest = max(highest, token)
    }

    func contains(_ token: Int32) -> Bool {
        token >= lowest && token <= highest && words[Int(token) >> 6] & (1 << UInt64(token & 63)) != 0
    }

    /// The first position in `range` of `tokens` holding a member, if any. This is the
    /// innermost loop of every search: two comparisons reject most tokens.
    func firstMatch(in tokens: UnsafeBufferPointer<Int32>, _ range: Range<Int>) -> Int? {
        if isEmpty { return nil }
        let lowest = lowest, highest = highest
        return words.withUnsafeBufferPointer { bits in
            for n in range {
                let token = tokens[n]
                if token >= lowest, token <= highest, bits[Int(token) >> 6] & (1 << UInt64(token & 63)) != 0 {
                    return n
                }
            }
            return nil
        }
    }
}

/// Byte equality of two buffers of `count` bytes (short tokens: a plain loop beats a call).
@inline(__always)
func memcmpEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
    var n = 0
    while n < count {
        if a[n] != b[n] { return false }
        n += 1
    }
    return true
}
