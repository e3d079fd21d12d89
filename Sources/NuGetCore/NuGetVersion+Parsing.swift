// Parsing follows NuGet.Versioning `NuGetVersion.TryParse` / `SemanticVersion.ParseSections`:
// `Major[.Minor[.Patch[.Revision]]][-Release][+Metadata]`, surrounding whitespace trimmed.
// It runs over the UTF-8 bytes with no regex and no Foundation: the registry parses a version
// for every row it reads, and NuGet itself avoids Regex here for the same reason.

extension NuGetVersion {
    /// Parses a NuGet version string such as `1.0`, `1.0.0.1`, `2.0.0-rc.1+sha.abc`.
    ///
    /// Numeric parts may have leading zeros (`1.01` is `1.1.0`) but must fit an `Int32`; release
    /// identifiers are `[0-9A-Za-z-]`, non-empty, numeric ones without leading zeros; metadata
    /// identifiers are `[0-9A-Za-z-]`, non-empty.
    /// - Throws: ``NuGetVersionError``.
    public init(parsing text: String) throws {
        var input = text
        self = try input.withUTF8 { bytes in
            var parser = VersionParser(bytes: bytes, text: text)
            return try parser.parse()
        }
    }
}

/// One parse over a UTF-8 buffer; integer offsets keep it allocation-free until the labels are built.
private struct VersionParser {
    let bytes: UnsafeBufferPointer<UInt8>
    let text: String
    var start = 0
    var end = 0

    init(bytes: UnsafeBufferPointer<UInt8>, text: String) {
        self.bytes = bytes
        self.text = text
        self.end = bytes.count
    }

    mutating func parse() throws -> NuGetVersion {
        while start < end, Self.isSpace(bytes[start]) { start += 1 }
        while end > start, Self.isSpace(bytes[end - 1]) { end -= 1 }
        guard start < end else { throw NuGetVersionError.empty }
        let trimmed = (start == 0 && end == bytes.count) ? text : string(start, end)

        var numbers = (0, 0, 0, 0)
        var count = 0
        var i = start
        while true {
            let partStart = i
            var value = 0
            var overflow = false
            while i < end, Self.isDigit(bytes[i]) {
                value = value &* 10 &+ Int(bytes[i] &- 48)
                if value > Int(Int32.max) { overflow = true; value = 0 }
                i += 1
            }
            let atSeparator = i == end || bytes[i] == UInt8(ascii: ".") || bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+")
            if i == partStart || !atSeparator {
                throw NuGetVersionError.invalidNumericPart(trimmed, part: string(partStart, partEnd(from: partStart)))
            }
            if overflow { throw NuGetVersionError.numericPartTooLarge(trimmed, part: string(partStart, i)) }
            if count == 4 { throw NuGetVersionError.tooManyParts(trimmed) }
            switch count {
            case 0: numbers.0 = value
            case 1: numbers.1 = value
            case 2: numbers.2 = value
            default: numbers.3 = value
            }
            count += 1
            guard i < end, bytes[i] == UInt8(ascii: ".") else { break }
            i += 1
        }

        var labels: [String] = []
        if i < end, bytes[i] == UInt8(ascii: "-") {
            i += 1
            labels = try releaseLabels(from: &i, trimmed: trimmed)
        }
        var metadata: String?
        if i < end {  // only '+' can be left here
            i += 1
            try checkMetadata(from: i, trimmed: trimmed)
            metadata = string(i, end)
        }
        return NuGetVersion(
            major: numbers.0, minor: numbers.1, patch: numbers.2, revision: numbers.3,
            releaseLabels: labels, metadata: metadata, originalString: trimmed)
    }

    /// Reads `a.b.c` up to `+` or the end, applying SemVer's identifier rules.
    private func releaseLabels(from i: inout Int, trimmed: String) throws -> [String] {
        var labels: [String] = []
        var labelStart = i
        while true {
            let atEnd = i == end || bytes[i] == UInt8(ascii: "+")
            if atEnd || bytes[i] == UInt8(ascii: ".") {
                if labelStart == i { throw NuGetVersionError.emptyReleaseLabel(trimmed) }
                if bytes[labelStart] == UInt8(ascii: "0"), i - labelStart > 1, allDigits(labelStart, i) {
                    throw NuGetVersionError.leadingZeroInReleaseLabel(trimmed, label: string(labelStart, i))
                }
                labels.append(string(labelStart, i))
                if atEnd { return labels }
                labelStart = i + 1
            } else if !Self.isIdentifierByte(bytes[i]) {
                var labelEnd = i
                while labelEnd < end, bytes[labelEnd] != UInt8(ascii: "."), bytes[labelEnd] != UInt8(ascii: "+") { labelEnd += 1 }
                throw NuGetVersionError.invalidReleaseLabel(trimmed, label: string(labelStart, labelEnd))
            }
            i += 1
        }
    }

    /// Metadata identifiers: `[0-9A-Za-z-]`, non-empty, leading zeros allowed.
    private func checkMetadata(from metadataStart: Int, trimmed: String) throws {
        var partStart = metadataStart
        var i = metadataStart
        while true {
            if i == end || bytes[i] == UInt8(ascii: ".") {
                if partStart == i { throw NuGetVersionError.emptyMetadata(trimmed) }
                if i == end { return }
                partStart = i + 1
            } else if !Self.isIdentifierByte(bytes[i]) {
                var partEnd = i
                while partEnd < end, bytes[partEnd] != UInt8(ascii: ".") { partEnd += 1 }
                throw NuGetVersionError.invalidMetadata(trimmed, part: string(partStart, partEnd))
            }
            i += 1
        }
    }

    private func partEnd(from index: Int) -> Int {
        var i = index
        while i < end, bytes[i] != UInt8(ascii: "."), bytes[i] != UInt8(ascii: "-"), bytes[i] != UInt8(ascii: "+") { i += 1 }
        return i
    }

    private func allDigits(_ from: Int, _ to: Int) -> Bool {
        for i in from..<to where !Self.isDigit(bytes[i]) { return false }
        return true
    }

    private func string(_ from: Int, _ to: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<to]), as: UTF8.self)
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    static func isIdentifierByte(_ byte: UInt8) -> Bool {
        isDigit(byte) || NuGetVersion.isASCIILetter(byte) || byte == UInt8(ascii: "-")
    }

    /// .NET's `string.Trim()` whitespace, restricted to ASCII (non-ASCII fails parsing anyway).
    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }
}
