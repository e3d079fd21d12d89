import Foundation

/// Just enough NuGet version and range logic for the restore scenario, written without the
/// server's NuGetCore so the scenario checks the server against an independent reading.
struct ClientVersion: Comparable, CustomStringConvertible {
    let numbers: [Int]
    let prerelease: [String]
    let text: String

    init?(_ text: String) {
        let withoutMetadata = text.split(separator: "+", maxSplits: 1).first.map(String.init) ?? ""
        let parts = withoutMetadata.split(separator: "-", maxSplits: 1)
        guard let release = parts.first else { return nil }
        let numbers = release.split(separator: ".").compactMap { Int($0) }
        guard !numbers.isEmpty, numbers.count == release.split(separator: ".").count else { return nil }
        self.numbers = numbers + Array(repeating: 0, count: max(0, 4 - numbers.count))
        self.prerelease = parts.count == 2 ? parts[1].split(separator: ".").map { $0.lowercased() } : []
        self.text = text
    }

    var description: String { text }

    static func == (lhs: Self, rhs: Self) -> Bool { lhs.numbers == rhs.numbers && lhs.prerelease == rhs.prerelease }

    /// SemVer 2.0.0 precedence: numbers, then a release above its prereleases, then labels part by part.
    static func < (lhs: Self, rhs: Self) -> Bool {
        if lhs.numbers != rhs.numbers { return lhs.numbers.lexicographicallyPrecedes(rhs.numbers) }
        switch (lhs.prerelease.isEmpty, rhs.prerelease.isEmpty) {
        case (true, _): return false
        case (false, true): return true
        default: break
        }
        for (a, b) in zip(lhs.prerelease, rhs.prerelease) where a != b {
            switch (Int(a), Int(b)) {
            case let (x?, y?): return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default: return a < b
            }
        }
        return lhs.prerelease.count < rhs.prerelease.count
    }
}

/// A NuGet range: `1.0` (= `[1.0, )`), `[a, b)`, `(a, ]`, `[a]`, `(, )`.
struct ClientRange {
    var minimum: ClientVersion?
    var includesMinimum = true
    var maximum: ClientVersion?
    var includesMaximum = false

    init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let first = trimmed.first, first == "[" || first == "(" else {
            guard let version = ClientVersion(trimmed) else { return nil }
            minimum = version
            return
        }
        guard let last = trimmed.last, last == "]" || last == ")" else { return nil }
        let inner = trimmed.dropFirst().dropLast()
        let bounds = inner.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        includesMinimum = first == "["
        includesMaximum = last == "]"
        if bounds.count == 1 {
            minimum = ClientVersion(bounds[0])
            maximum = minimum
        } else if bounds.count == 2 {
            minimum = bounds[0].isEmpty ? nil : ClientVersion(bounds[0])
            maximum = bounds[1].isEmpty ? nil : ClientVersion(bounds[1])
        } else {
            return nil
        }
    }

    func contains(_ version: ClientVersion) -> Bool {
        if let minimum, includesMinimum ? version < minimum : version <= minimum { return false }
        if let maximum, includesMaximum ? version > maximum : version >= maximum { return false }
        return true
    }

    /// NuGet's dependency behaviour "Lowest": the lowest version in range; prereleases only when
    /// a bound is itself a prerelease.
    func lowestApplicable(_ versions: [ClientVersion]) -> ClientVersion? {
        let allowPrerelease = !(minimum?.prerelease.isEmpty ?? true) || !(maximum?.prerelease.isEmpty ?? true)
        return versions.filter { contains($0) && (allowPrerelease || $0.prerelease.isEmpty) }.min()
    }
}
