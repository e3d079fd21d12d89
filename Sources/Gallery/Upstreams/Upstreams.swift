public import Foundation
public import Logging

/// The upstream sources, in order, with what Pallet remembers of them: each id's merged version list for a
/// while (`ttl`; a miss, "no upstream has it", for `negativeTTL`, since restore asks every source for every
/// id), the package files fetched (kept for good in the blob store's `UpstreamCache`, shared by every node,
/// a `.nupkg` only after it matched the upstream's own hash where it offers one), and a breaker per upstream.
///
/// Concurrent misses for one id share one round of upstream requests. When every upstream asked fails, a
/// list cached earlier is served however old (stale beats nothing for a restore); without one, the caller
/// gets an `UpstreamFailure` to answer 502/504 with. An upstream that failed `breakerThreshold` times in a row
/// is skipped for `breakerCooldown`, so a restore with it down answers at once instead of waiting out a
/// timeout per id.
public actor Upstreams {
    /// A version list: each lowercase normalized version with the index of the first upstream listing it.
    public struct VersionList: Sendable, Equatable {
        public var versions: [(version: String, source: Int)]
        public static func == (lhs: Self, rhs: Self) -> Bool {
            lhs.versions.map(\.version) == rhs.versions.map(\.version) && lhs.versions.map(\.source) == rhs.versions.map(\.source)
        }
    }

    struct Entry {
        var list: VersionList?
        var fetched: Date
    }

    struct Breaker {
        var failures = 0
        var openUntil: Date?
    }

    public let sources: [any UpstreamSource]
    let clock: any GalleryClock
    let ttl: TimeInterval
    let negativeTTL: TimeInterval
    let breakerThreshold: Int
    let breakerCooldown: TimeInterval
    /// The files kept, in the blob store.
    public let cache: UpstreamCache
    let logger: Logger
    private var entries: [String: Entry] = [:]
    private var inFlight: [String: Task<VersionList?, any Error>] = [:]
    private var breakers: [Int: Breaker] = [:]
    /// How many version-list requests went to upstreams (tests check that misses are coalesced and cached).
    public private(set) var upstreamRequests = 0

    public init(
        sources: [any UpstreamSource], clock: any GalleryClock, cache: UpstreamCache, ttl: TimeInterval = 600,
        negativeTTL: TimeInterval = 60, breakerThreshold: Int = 2, breakerCooldown: TimeInterval = 30,
        logger: Logger = Logger(label: "pallet.upstreams")
    ) {
        self.sources = sources
        self.clock = clock
        self.cache = cache
        self.ttl = ttl
        self.negativeTTL = negativeTTL
        self.breakerThreshold = breakerThreshold
        self.breakerCooldown = breakerCooldown
        self.logger = logger
    }

    /// The merged version list of a lowercase id, nil when no upstream has it.
    public func versionList(lowerID: String) async throws -> VersionList? {
        let now = clock.now()
        if let entry = entries[lowerID] {
            let age = now.timeIntervalSince(entry.fetched)
            if age < (entry.list == nil ? negativeTTL : ttl) { return entry.list }
        }
        if let running = inFlight[lowerID] { return try await running.value }
        let task = Task { try await self.fetchList(lowerID) }
        inFlight[lowerID] = task
        defer { inFlight[lowerID] = nil }
        return try await task.value
    }

    private func fetchList(_ lowerID: String) async throws -> VersionList? {
        var merged: [(version: String, source: Int)] = []
        var seen: Set<String> = []
        var answered = false
        var failures: [UpstreamFailure] = []
        for (index, source) in sources.enumerated() {
            guard isClosed(index) else {
                failures.append(UpstreamFailure("\(source.name) is skipped for now after repeated failures"))
                continue
            }
            upstreamRequests += 1
            do {
                let versions = try await source.versions(lowerID: lowerID)
                succeeded(index)
                answered = true
                for version in versions ?? [] where seen.insert(version).inserted { merged.append((version, index)) }
            } catch {
                let failure = error as? UpstreamFailure ?? UpstreamFailure("\(source.name): \(error)")
                failed(index, failure)
                failures.append(failure)
            }
        }
        // What this feed keeps stays listed: pinned versions always (an upstream that stops listing one does not
        // take it away), every cached version when no upstream answered (offline; another node's fetch included).
        let kept = (try? await cache.entries(lowerID: lowerID)) ?? []
        for entry in kept where (entry.pinned || !answered) && !entry.files.isEmpty && seen.insert(entry.key.lowerVersion).inserted {
            merged.append((entry.key.lowerVersion, -1))
        }
        if answered {
            let list = merged.isEmpty ? nil : VersionList(versions: merged)
            entries[lowerID] = Entry(list: list, fetched: clock.now())
            return list
        }
        if let stale = entries[lowerID] {
            guard var list = stale.list else { return merged.isEmpty ? nil : VersionList(versions: merged) }
            let known = Set(list.versions.map(\.version))
            list.versions += merged.filter { !known.contains($0.version) }
            return list
        }
        if !merged.isEmpty { return VersionList(versions: merged) }
        throw UpstreamFailure(
            isTimeout: !failures.isEmpty && failures.allSatisfy(\.isTimeout),
            "No upstream could be reached for '\(lowerID)': \(failures.map(\.description).joined(separator: "; ")).")
    }

    /// A flat-container file of an upstream version (`name` is `{id}.{version}.nupkg` or `{id}.nuspec`), from
    /// the kept copy when any node fetched it before; nil when no upstream lists the version. A `.nupkg` is
    /// checked against the upstream's hash where it offers one: a mismatch is an `UpstreamFailure`, nothing kept.
    public func file(lowerID: String, lowerVersion: String, name: String) async throws -> Data? {
        let key = PackageVersionKey(lowerID: lowerID, lowerVersion: lowerVersion)
        if let data = try await cache.data(key, name: name) { return data }
        guard let list = try await versionList(lowerID: lowerID),
              let entry = list.versions.first(where: { $0.version == lowerVersion }), entry.source >= 0 else { return nil }
        let source = sources[entry.source]
        guard isClosed(entry.source) else {
            throw UpstreamFailure("\(source.name) is skipped for now after repeated failures; '\(lowerID)' \(lowerVersion) is not cached here.")
        }
        let data: Data?
        var expectedHash: String?
        do {
            data = try await source.file(lowerID: lowerID, lowerVersion: lowerVersion, name: name)
            if data != nil, name.hasSuffix(".nupkg") { expectedHash = try await source.packageHash(lowerID: lowerID, lowerVersion: lowerVersion) }
            succeeded(entry.source)
        } catch {
            let failure = error as? UpstreamFailure ?? UpstreamFailure("\(source.name): \(error)")
            failed(entry.source, failure)
            throw UpstreamFailure(
                isTimeout: failure.isTimeout, "'\(lowerID)' \(lowerVersion) is not cached here, and \(failure.description)")
        }
        guard let data else { return nil }
        if let expectedHash, UpstreamCache.sha512Base64(data) != expectedHash {
            logger.error("upstream package does not match its hash", metadata: ["id": "\(lowerID)", "version": "\(lowerVersion)", "upstream": "\(source.name)"])
            throw UpstreamFailure(
                "'\(lowerID)' \(lowerVersion) from \(source.name) does not match the SHA512 hash the upstream publishes for it; it was not kept.")
        }
        try await cache.store(data, for: key, name: name, upstream: source.name, verified: expectedHash != nil, at: clock.now())
        logger.info("cached from upstream", metadata: ["id": "\(lowerID)", "version": "\(lowerVersion)", "upstream": "\(source.name)"])
        return data
    }

    func isClosed(_ index: Int) -> Bool {
        guard let until = breakers[index]?.openUntil else { return true }
        return clock.now() >= until
    }

    func succeeded(_ index: Int) { breakers[index] = Breaker() }

    func failed(_ index: Int, _ failure: UpstreamFailure) {
        var breaker = breakers[index] ?? Breaker()
        breaker.failures += 1
        if breaker.failures >= breakerThreshold {
            breaker.openUntil = clock.now().addingTimeInterval(breakerCooldown)
            logger.warning("upstream skipped for a while", metadata: ["upstream": "\(sources[index].name)", "error": "\(failure)"])
        }
        breakers[index] = breaker
    }
}

extension PackageGallery {
    /// Why an id must never come from an upstream, or nil when it may: it exists here (in any state: a
    /// version number once used stays this feed's), or it falls under a reserved prefix. Dependency confusion:
    /// an attacker who publishes a company's internal id on a public feed must never get it restored.
    public func upstreamRefusal(forLowerID lowerID: String) async throws -> String? {
        if try await !store.versions(ofLowerID: lowerID).isEmpty { return "'\(lowerID)' is a package of this feed" }
        if let reservation = PrefixReservation.deciding(try await store.reservations(), for: lowerID) {
            return "'\(lowerID)' falls under the reserved prefix '\(reservation.pattern)'"
        }
        return nil
    }
}
