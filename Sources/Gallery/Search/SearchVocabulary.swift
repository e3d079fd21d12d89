/// Every token the index has seen, numbered, with their bytes laid out contiguously.
///
/// Packages store token numbers, not strings. A query word is looked up once in the
/// vocabulary (a binary search in the tokens' byte order, plus a scan of the few newest
/// tokens not yet merged into that order), producing a bit set; each package then only
/// tests its token numbers in it.
/// Tokens are never removed: the vocabulary grows with the distinct words ever indexed,
/// which is bounded by what was published, and is rebuilt when the process restarts.
struct SearchVocabulary: Sendable {
    private var numbers: [String: Int32] = [:]
    private var bytes: [UInt8] = []
    /// `starts[n]..<starts[n + 1]` are the bytes of token `n`.
    private var starts: [Int32] = [0]
    /// The tokens numbered below `sorted.count`, in byte order: the tokens with a prefix are a range of it. Newer
    /// ones (a tail of at most an eighth, or 256) are scanned, and merged in when the tail grows past that.
    private var sorted: [Int32] = []

    var count: Int { starts.count - 1 }

    /// The number of `token`, adding it when new.
    mutating func intern(_ token: String) -> Int32 {
        if let number = numbers[token] { return number }
        let number = Int32(count)
        numbers[token] = number
        bytes.append(contentsOf: token.utf8)
        starts.append(Int32(bytes.count))
        if count - sorted.count > max(256, sorted.count / 8) { mergeTail() }
        return number
    }

    /// Merges the tokens numbered `sorted.count..<count` into `sorted`.
    private mutating func mergeTail() {
        let tail = (Int32(sorted.count)..<Int32(count)).sorted { precedes($0, $1) }
        var merged: [Int32] = []
        merged.reserveCapacity(count)
        var a = 0, b = 0
        while a < sorted.count, b < tail.count {
            if precedes(tail[b], sorted[a]) {
                merged.append(tail[b]); b += 1
            } else {
                merged.append(sorted[a]); a += 1
            }
        }
        merged += sorted[a...]
        merged += tail[b...]
        sorted = merged
    }

    /// Whether token `a`'s bytes sort before token `b`'s.
    private func precedes(_ a: Int32, _ b: Int32) -> Bool {
        bytes.withUnsafeBufferPointer { bytes in
            compare(Int(a), in: bytes, UnsafeBufferPointer(rebasing: bytes[Int(starts[Int(b)])..<Int(starts[Int(b) + 1])])) < 0
        }
    }

    /// Token `n`'s bytes against `other`: negative, zero or positive as they sort before, equal or after.
    private func compare(_ n: Int, in bytes: UnsafeBufferPointer<UInt8>, _ other: UnsafeBufferPointer<UInt8>) -> Int {
        let start = Int(starts[n]), length = Int(starts[n + 1]) - start
        let common = min(length, other.count)
        var k = 0
        while k < common {
            let (x, y) = (bytes[start + k], other[k])
            if x != y { return x < y ? -1 : 1 }
            k += 1
        }
        return length - other.count
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
                func starts(_ n: Int) -> Bool {
                    let start = Int(self.starts[n]), end = Int(self.starts[n + 1])
                    guard end - start >= needle.count else { return false }
                    for k in 0..<needle.count where haystack[start + k] != needle[k] { return false }
                    return true
                }
                // The first token not before the prefix; the ones starting with it follow it.
                var low = 0, high = sorted.count
                while low < high {
                    let mid = (low + high) / 2
                    if compare(Int(sorted[mid]), in: haystack, needle) < 0 { low = mid + 1 } else { high = mid }
                }
                while low < sorted.count, starts(Int(sorted[low])) {
                    set.insert(sorted[low])
                    low += 1
                }
                for n in sorted.count..<count where starts(n) { set.insert(Int32(n)) }
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
    /// The members, in the order inserted: a query's candidates are the slots listed under them (`SearchPostings`).
    private(set) var members: [Int32] = []

    init(capacity: Int) {
        words = Array(repeating: 0, count: (capacity + 63) / 64)
    }

    var isEmpty: Bool { lowest > highest }

    mutating func insert(_ token: Int32) {
        if !contains(token) { members.append(token) }
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
