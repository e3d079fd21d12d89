/// Writes JSON bytes by hand, exactly as `WireJSON.encode` writes them, for the documents made per request.
///
/// A search answer of 20 hits is about 35 KB; `JSONEncoder` builds a tree of boxed values, sorts every object's
/// keys and then serializes, which cost as much CPU as ranking the query (bench/search). A document type that
/// knows its keys in `WireJSON`'s order (sorted, as `.sortedKeys` orders them: by UTF-8 bytes for these keys) can
/// append them straight into one buffer. The bytes are `WireJSON`'s: strings escape `"`, `\` and the control
/// characters below U+0020 (`\b`, `\t`, `\n`, `\f`, `\r`, else `\u00xx` in lowercase hex) and nothing else,
/// slashes included; integers in decimal; a nil optional leaves its key out. Tests compare both encoders.
public struct WireJSONWriter {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []
    /// Whether the object being written still has no member (no comma before the next key).
    private var first = true

    /// A writer with room for about `capacity` bytes.
    public init(capacity: Int = 4096) {
        bytes.reserveCapacity(capacity)
    }

    /// `{`, then `body` writes the members, then `}`.
    public mutating func object(_ body: (inout WireJSONWriter) -> Void) {
        bytes.append(UInt8(ascii: "{"))
        first = true
        body(&self)
        bytes.append(UInt8(ascii: "}"))
        first = false
    }

    /// `[`, one element per item written by `element`, `]`.
    public mutating func array<Items: Sequence>(_ items: Items, _ element: (inout WireJSONWriter, Items.Element) -> Void) {
        bytes.append(UInt8(ascii: "["))
        var firstElement = true
        for item in items {
            if !firstElement { bytes.append(UInt8(ascii: ",")) }
            firstElement = false
            element(&self, item)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// `[`, `count` elements written by `element(writer, n)` for n in `0..<count`, `]`: `array` without a generic
    /// sequence, which a caller in another module would run unspecialized (search writes every hit with it).
    public mutating func array(count: Int, _ element: (inout WireJSONWriter, Int) -> Void) {
        bytes.append(UInt8(ascii: "["))
        for n in 0..<count {
            if n > 0 { bytes.append(UInt8(ascii: ",")) }
            element(&self, n)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// A member's `"key":`; the value is written next.
    public mutating func key(_ key: StaticString) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
        bytes.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    /// A string member, left out when nil.
    public mutating func member(_ key: StaticString, _ value: String?) {
        guard let value else { return }
        self.key(key)
        string(value)
    }

    /// An integer member.
    public mutating func member(_ key: StaticString, _ value: Int64) {
        self.key(key)
        integer(value)
    }

    /// A Boolean member.
    public mutating func member(_ key: StaticString, _ value: Bool) {
        self.key(key)
        bytes.append(contentsOf: value ? Self.trueBytes : Self.falseBytes)
    }

    /// An array-of-strings member.
    public mutating func member(_ key: StaticString, _ values: [String]) {
        self.key(key)
        array(values) { $0.string($1) }
    }

    /// A string value.
    public mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        escaped(value)
        bytes.append(UInt8(ascii: "\""))
    }

    /// The contents of a string value, escaped, without the quotes.
    private mutating func escaped(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            var start = 0
            for (n, byte) in utf8.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<n]))
                escape(byte)
                start = n + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
    }

    /// A value already written as JSON by a writer like this one (a kept array element), copied as it is.
    public mutating func encoded(_ json: [UInt8]) {
        bytes.append(contentsOf: json)
    }

    /// One string value made of the parts in order: the bytes `string(a + b + c + d + e)` writes, without making
    /// that string (search writes each hit's registration URLs from a base, the id and the version this way).
    /// Escaping is per byte, so escaping the parts one after another escapes their concatenation.
    public mutating func string(joining a: String, _ b: String, _ c: String, _ d: String = "", _ e: String = "") {
        bytes.append(UInt8(ascii: "\""))
        escaped(a)
        escaped(b)
        escaped(c)
        if !d.isEmpty { escaped(d) }
        if !e.isEmpty { escaped(e) }
        bytes.append(UInt8(ascii: "\""))
    }

    /// An integer value, in decimal.
    public mutating func integer(_ value: Int64) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[19 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            bytes.append(contentsOf: buffer[(20 - count)...])
        }
    }

    private mutating func escape(_ byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        default:
            let hex = Self.hexDigits
            bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
    private static let trueBytes = Array("true".utf8)
    private static let falseBytes = Array("false".utf8)
}
