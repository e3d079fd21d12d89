// Parsing follows NuGet.Versioning `VersionRangeFactory.TryParse` (floating allowed), plus one
// leniency the nuspec format needs: an empty string means "any version".

extension VersionRange {
    /// Parses every NuGet range form: `1.0` (≥ 1.0), `[1.0]`, `[1.0,2.0)`, `(,1.0]`, `(1.0,)`,
    /// `(, )`, `""` (any), and floats `*`, `1.*`, `1.0.0-*`, `*-*`, `1.*-*`, `*-rc.*`, `[1.*, 2.0)`.
    ///
    /// Invalid, as in NuGet: `(1.0)`, `[1.0)`, `(,)`, `[,]`, three parts, a floating maximum, min > max.
    /// - Throws: ``VersionRangeError``.
    public init(parsing text: String) throws {
        let trimmed = text.trimmingASCIISpaces()
        if trimmed.isEmpty {
            self = .all
            return
        }
        if trimmed == "*" {
            self.init(
                minVersion: NuGetVersion(major: 0, minor: 0, patch: 0), isMinInclusive: true,
                maxVersion: nil, isMaxInclusive: false, floatRange: FloatRange(parsing: "*"))
            return
        }
        let first = trimmed.utf8.first!, last = trimmed.utf8.last!
        guard first == UInt8(ascii: "[") || first == UInt8(ascii: "(") else {
            // A bare version or float: an inclusive minimum.
            let (minimum, float) = try Self.parseMinimum(trimmed, in: text)
            self.init(minVersion: minimum, isMinInclusive: true, maxVersion: nil, isMaxInclusive: false, floatRange: float)
            return
        }
        guard trimmed.utf8.count >= 2, last == UInt8(ascii: "]") || last == UInt8(ascii: ")") else {
            throw VersionRangeError.invalidSyntax(text)
        }
        let isMinInclusive = first == UInt8(ascii: "[")
        let isMaxInclusive = last == UInt8(ascii: "]")
        let inner = trimmed.dropFirst().dropLast()
        let parts = inner.split(separator: ",", omittingEmptySubsequences: false)
        // "(,)" has no bound at all; NuGet rejects it (it accepts "(, )", whose second part is a space).
        guard parts.count <= 2, parts.contains(where: { !$0.isEmpty }) else { throw VersionRangeError.invalidSyntax(text) }
        // "(1.0)", "[1.0)" and "(1.0]" are invalid: only "[1.0]" may have a single part.
        if parts.count == 1, !(isMinInclusive && isMaxInclusive) { throw VersionRangeError.invalidSyntax(text) }

        let minText = String(parts[0]).trimmingASCIISpaces()
        let maxText = String(parts.count == 2 ? parts[1] : parts[0]).trimmingASCIISpaces()
        var minimum: NuGetVersion?, float: FloatRange?, maximum: NuGetVersion?
        if !minText.isEmpty { (minimum, float) = try Self.parseMinimum(minText, in: text) }
        if !maxText.isEmpty {
            guard !maxText.contains("*") else { throw VersionRangeError.invalidFloat(text, bound: maxText) }
            do { maximum = try NuGetVersion(parsing: maxText) } catch { throw VersionRangeError.invalidBound(text, bound: maxText) }
        }
        if let minimum, let maximum {
            let order = NuGetVersion.compare(minimum, maximum)
            if order > 0 || (order == 0 && isMinInclusive != isMaxInclusive) { throw VersionRangeError.minAboveMax(text) }
        }
        self.init(
            minVersion: minimum, isMinInclusive: isMinInclusive, maxVersion: maximum, isMaxInclusive: isMaxInclusive,
            floatRange: float)
    }

    /// A lower bound: a version, or a float whose minimum becomes the bound.
    private static func parseMinimum(_ bound: String, in text: String) throws -> (NuGetVersion, FloatRange?) {
        if bound.contains("*") {
            guard let float = FloatRange(parsing: bound) else { throw VersionRangeError.invalidFloat(text, bound: bound) }
            return (float.minVersion, float)
        }
        do { return (try NuGetVersion(parsing: bound), nil) } catch { throw VersionRangeError.invalidBound(text, bound: bound) }
    }
}

extension StringProtocol {
    /// Trims the ASCII whitespace .NET's `Trim()` removes; NuGet inputs are ASCII where it matters.
    func trimmingASCIISpaces() -> String {
        let bytes = Array(utf8)
        var start = 0, end = bytes.count
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        if start == 0 && end == bytes.count { return String(self) }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
