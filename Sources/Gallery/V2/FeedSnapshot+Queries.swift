public import NuGetCore

/// The V2 functions' selections (protocol §7, "Endpoints"). Each answers versions in a stable
/// order; `$filter`, `$orderby` and paging are applied by the HTTP layer afterwards.
extension FeedSnapshot {
    /// `Packages()`: every **listed** version the SemVer level shows, by id then version.
    public func listedVersions(semVer2: Bool) -> [FeedVersion] {
        var out: [FeedVersion] = []
        for lowerID in lowerIDs {
            for version in packages[lowerID]!.versions where version.listed && version.isVisible(semVer2: semVer2) {
                out.append(version)
            }
        }
        return out
    }

    /// `FindPackagesById()`: every available version of one id, **unlisted included** (restore of a
    /// pinned version looks here), ascending.
    public func versions(ofID id: String, semVer2: Bool) -> [FeedVersion] {
        guard let package = packages[id.lowercased()] else { return [] }
        return package.versions.filter { $0.isVisible(semVer2: semVer2) }
    }

    /// `Packages(Id='…',Version='…')`: one version by id (any case) and any spelling of its version,
    /// listed or not, at any SemVer level (nuget.org treats the key lookup as SemVer 2.0.0).
    public func version(id: String, version: String) -> FeedVersion? {
        guard let parsed = try? NuGetVersion(parsing: version),
              let package = packages[id.lowercased()] else { return nil }
        return package.version(lowerVersion: parsed.normalizedLowercased)
    }

    /// `Search()`: listed versions of packages matching `searchTerm`, best match first.
    ///
    /// Words are ORed and matched case-insensitively as substrings of id, title, tags, summary,
    /// description and authors (each version against its own metadata). Packages rank by exact id
    /// match, then words matched, then total downloads, then id; versions ascend inside a package.
    public func search(term: String, includePrerelease: Bool, semVer2: Bool, totals: (FeedPackage) -> Int64) -> [FeedVersion] {
        let words = term.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        let exact = term.trimmingSpaces().lowercased()
        var ranked: [(score: Int, downloads: Int64, lowerID: String, versions: [FeedVersion])] = []
        for lowerID in lowerIDs {
            let package = packages[lowerID]!
            var best = 0
            let hits = package.versions.filter { version in
                guard version.listed, version.isVisible(semVer2: semVer2),
                      includePrerelease || !version.isPrerelease else { return false }
                if words.isEmpty { return true }
                let matched = words.count { version.texts.contains($0) }
                best = max(best, matched)
                return matched > 0
            }
            guard !hits.isEmpty else { continue }
            let score = (lowerID == exact ? 1_000 : 0) + best
            ranked.append((score, words.isEmpty ? 0 : totals(package), lowerID, hits))
        }
        if !words.isEmpty {
            ranked.sort { a, b in
                if a.score != b.score { return a.score > b.score }
                if a.downloads != b.downloads { return a.downloads > b.downloads }
                return a.lowerID < b.lowerID
            }
        }
        return ranked.flatMap(\.versions)
    }

    /// `GetUpdates()`: for each id, the listed versions newer than the installed one and inside its
    /// constraint (only the newest unless `includeAllVersions`). Mismatched list lengths yield nothing,
    /// as on nuget.org.
    public func updates(_ request: FeedUpdateRequest) -> [FeedVersion] {
        guard request.packageIDs.count == request.versions.count,
              request.versionConstraints.isEmpty || request.versionConstraints.count == request.packageIDs.count
        else { return [] }
        var out: [FeedVersion] = []
        var seen = Set<String>()
        for (index, id) in request.packageIDs.enumerated() {
            guard let installed = try? NuGetVersion(parsing: request.versions[index]),
                  let package = packages[id.lowercased()] else { continue }
            let constraintText = request.versionConstraints.isEmpty ? "" : request.versionConstraints[index]
            let constraint = constraintText.isEmpty ? nil : try? VersionRange(parsing: constraintText)
            let candidates = package.versions.filter { version in
                guard let parsed = version.parsed, version.listed, version.isVisible(semVer2: request.semVer2),
                      request.includePrerelease || !version.isPrerelease else { return false }
                return parsed > installed && (constraint?.contains(parsed) ?? true)
            }
            let chosen = request.includeAllVersions ? candidates : candidates.last.map { [$0] } ?? []
            for version in chosen where seen.insert(version.key.description).inserted { out.append(version) }
        }
        return out
    }
}

/// The parameters of `GetUpdates()`.
public struct FeedUpdateRequest: Sendable, Equatable {
    public var packageIDs: [String]
    public var versions: [String]
    /// Per id, a NuGet range or an empty string for none; may be empty altogether.
    public var versionConstraints: [String]
    public var includePrerelease: Bool
    public var includeAllVersions: Bool
    public var semVer2: Bool

    /// Creates a request.
    public init(
        packageIDs: [String], versions: [String], versionConstraints: [String] = [],
        includePrerelease: Bool = false, includeAllVersions: Bool = false, semVer2: Bool = false
    ) {
        self.packageIDs = packageIDs
        self.versions = versions
        self.versionConstraints = versionConstraints
        self.includePrerelease = includePrerelease
        self.includeAllVersions = includeAllVersions
        self.semVer2 = semVer2
    }
}

extension String {
    func trimmingSpaces() -> String {
        var view = Substring(self)
        while view.first?.isWhitespace == true { view.removeFirst() }
        while view.last?.isWhitespace == true { view.removeLast() }
        return String(view)
    }
}
