// Ordering is NuGet.Versioning `VersionComparer` in `VersionRelease` mode: numbers, then release
// labels (numeric < alphanumeric, alphanumeric compared case-insensitively, more identifiers win
// on a tie), metadata ignored. Comparisons run on UTF-8 bytes without allocating.

extension NuGetVersion: Hashable, Comparable {
    public static func == (lhs: NuGetVersion, rhs: NuGetVersion) -> Bool {
        guard lhs.major == rhs.major, lhs.minor == rhs.minor, lhs.patch == rhs.patch, lhs.revision == rhs.revision,
            lhs.releaseLabels.count == rhs.releaseLabels.count
        else { return false }
        for (left, right) in zip(lhs.releaseLabels, rhs.releaseLabels) where compareIgnoringCase(left, right) != 0 {
            return false
        }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(major)
        hasher.combine(minor)
        hasher.combine(patch)
        hasher.combine(revision)
        hasher.combine(releaseLabels.count)
        for label in releaseLabels {
            for byte in label.utf8 { hasher.combine(Self.lowercase(byte)) }
            hasher.combine(0 as UInt8)  // separates ["ab"] from ["a", "b"]
        }
    }

    public static func < (lhs: NuGetVersion, rhs: NuGetVersion) -> Bool { compare(lhs, rhs) < 0 }

    /// -1, 0 or 1, as NuGet's `VersionComparer.VersionRelease.Compare`.
    public static func compare(_ lhs: NuGetVersion, _ rhs: NuGetVersion) -> Int {
        if lhs.major != rhs.major { return lhs.major < rhs.major ? -1 : 1 }
        if lhs.minor != rhs.minor { return lhs.minor < rhs.minor ? -1 : 1 }
        if lhs.patch != rhs.patch { return lhs.patch < rhs.patch ? -1 : 1 }
        if lhs.revision != rhs.revision { return lhs.revision < rhs.revision ? -1 : 1 }
        // A stable version sorts above every prerelease of the same numbers.
        switch (lhs.releaseLabels.isEmpty, rhs.releaseLabels.isEmpty) {
        case (true, true): return 0
        case (true, false): return 1
        case (false, true): return -1
        case (false, false): break
        }
        for (left, right) in zip(lhs.releaseLabels, rhs.releaseLabels) {
            let result = compareLabel(left, right)
            if result != 0 { return result }
        }
        let (leftCount, rightCount) = (lhs.releaseLabels.count, rhs.releaseLabels.count)
        return leftCount == rightCount ? 0 : (leftCount < rightCount ? -1 : 1)
    }

    /// NuGet's `CompareRelease`: labels that parse as `Int32` compare numerically and sort before the rest.
    static func compareLabel(_ left: String, _ right: String) -> Int {
        switch (numericValue(left), numericValue(right)) {
        case let (l?, r?): return l == r ? 0 : (l < r ? -1 : 1)
        case (.some, nil): return -1
        case (nil, .some): return 1
        case (nil, nil): return compareIgnoringCase(left, right)
        }
    }

    /// Ordinal comparison after ASCII lowercasing (labels are `[0-9A-Za-z-]`, where this matches
    /// .NET's `OrdinalIgnoreCase`).
    static func compareIgnoringCase(_ left: String, _ right: String) -> Int {
        var leftBytes = left.utf8.makeIterator()
        var rightBytes = right.utf8.makeIterator()
        while true {
            switch (leftBytes.next(), rightBytes.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case let (l?, r?):
                let (a, b) = (lowercase(l), lowercase(r))
                if a != b { return a < b ? -1 : 1 }
            }
        }
    }

    private static func numericValue(_ label: String) -> Int? {
        var value = 0
        var sawDigit = false
        for byte in label.utf8 {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - 48)
            if value > Int(Int32.max) { return nil }  // int.TryParse fails: compared as text
            sawDigit = true
        }
        return sawDigit ? value : nil
    }

    @inline(__always)
    static func lowercase(_ byte: UInt8) -> UInt8 {
        (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) ? byte + 32 : byte
    }
}
