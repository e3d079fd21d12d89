// Parsing follows NuGet.Versioning `FloatRange.TryParse` step by step: floats only come from
// project files and tools, never from the hot path of reading stored versions, so plain String
// operations are fine here.

extension FloatRange {
    /// Parses a floating version such as `*`, `1.*`, `1.2.*`, `1.0.0-*`, `1.0.0-beta*`, `*-*`,
    /// `1.*-*`, `*-rc.*`. Returns nil when `text` has no `*` or is not a valid float.
    public init?(parsing text: String) {
        guard let (behavior, version, prefix) = Self.parseParts(text) else { return nil }
        self.init(behavior: behavior, minVersion: version, releasePrefix: prefix)
    }

    private static func parseParts(_ text: String) -> (Behavior, NuGetVersion, String?)? {
        guard let firstStar = text.firstIndex(of: "*"), let lastStar = text.lastIndex(of: "*"),
            !text.contains("+")  // a star may not float the metadata
        else { return nil }
        if text == "*" { return (.major, NuGetVersion(major: 0, minor: 0, patch: 0), nil) }
        if text == "*-*" {
            return (.absoluteLatest, NuGetVersion(major: 0, minor: 0, patch: 0, releaseLabels: ["0"]), "")
        }
        if firstStar != lastStar { return parseDoubleStar(text, firstStar: firstStar, lastStar: lastStar) }
        // A single star must be the last character.
        guard text.index(after: lastStar) == text.endIndex else { return nil }
        var stable = String(text[..<lastStar])
        guard let dash = text.firstIndex(of: "-") else {
            stable += "0"
            let behavior: Behavior
            switch partCount(stable) {
            case 2: behavior = .minor
            case 3: behavior = .patch
            case 4: behavior = .revision
            default: return nil  // "1*" and the like: NuGet builds FloatBehavior.None, which is no float
            }
            guard let version = try? NuGetVersion(parsing: stable) else { return nil }
            return (behavior, version, nil)
        }
        // 1.0.0-beta* / 1.0.0-* / 1.0.0-rc.*: the release label floats.
        var prefix: String?
        if text.lastIndex(of: "-") == dash {
            let label = String(text[text.index(after: dash)..<lastStar])
            prefix = label
            if label.isEmpty || stable.hasSuffix(".") {
                stable += "0"  // "1.0.0-*" → "1.0.0-0": an empty label is not a version
            } else if stable.hasSuffix("-") {
                stable += "-"
            }
        }
        guard let version = try? NuGetVersion(parsing: stable) else { return nil }
        return (.prerelease, version, prefix)
    }

    /// `1.*-beta*`: two stars, the first right before the first dash, the last at the end.
    private static func parseDoubleStar(
        _ text: String, firstStar: String.Index, lastStar: String.Index
    ) -> (Behavior, NuGetVersion, String?)? {
        guard let dash = text.firstIndex(of: "-"), text.index(after: lastStar) == text.endIndex,
            text.index(after: firstStar) == dash
        else { return nil }
        let stable = String(text[..<firstStar]) + "0"
        let behavior: Behavior
        switch partCount(stable) {
        case 1: behavior = .prereleaseMajor
        case 2: behavior = .prereleaseMinor
        case 3: behavior = .prereleasePatch
        case 4: behavior = .prereleaseRevision
        default: return nil
        }
        let prefix = String(text[text.index(after: dash)..<lastStar])
        let label = (prefix.isEmpty || prefix.hasSuffix(".")) ? prefix + "0" : prefix
        guard let version = try? NuGetVersion(parsing: stable + "-" + label) else { return nil }
        return (behavior, version, prefix)
    }

    private static func partCount(_ text: String) -> Int {
        text.utf8.reduce(1) { $0 + ($1 == UInt8(ascii: ".") ? 1 : 0) }
    }
}
