import Crypto
public import Foundation

/// The files Pallet fetched from upstreams, kept in the blob store under `upstream/{id}/{version}/`, so every
/// node on the same store (a shared folder, S3) serves what any one of them fetched, and none fetches it again.
///
/// Next to the files a version folder holds `origin.json` (which upstream, when, the verified hash) and, when
/// an admin pinned it, `pinned`. A pinned version stays in the id's version list even when its upstream stops
/// listing it (refresh never drops it) and `evict` leaves it alone until it is unpinned.
public struct UpstreamCache: Sendable {
    let blobs: any BlobStore

    public init(blobs: any BlobStore) {
        self.blobs = blobs
    }

    /// Where a cached version came from, written once with its `.nupkg`.
    public struct Origin: Codable, Sendable, Equatable {
        /// The upstream's name (its URL).
        public var upstream: String
        public var fetched: Date
        /// Base64 SHA-512 of the `.nupkg` as kept.
        public var packageHash: String
        /// Whether the upstream offered a hash and it matched (false: it offered none).
        public var verified: Bool
        public var size: Int64
    }

    /// One cached upstream version, as `pallet admin upstream list` shows it.
    public struct Entry: Sendable, Equatable {
        public var key: PackageVersionKey
        public var files: [String]
        public var origin: Origin?
        public var pinned: Bool
    }

    /// A cached file, or nil.
    public func data(_ key: PackageVersionKey, name: String) async throws -> Data? {
        try await blobs.data(.upstream(key, name))
    }

    /// Keeps a fetched file; a `.nupkg` gets its `origin.json` after it, so an origin always names a file there.
    public func store(_ data: Data, for key: PackageVersionKey, name: String, upstream: String, verified: Bool, at now: Date) async throws {
        try await blobs.put(.upstream(key, name), data: data)
        guard name.hasSuffix(".nupkg") else { return }
        let origin = Origin(
            upstream: upstream, fetched: now, packageHash: Self.sha512Base64(data), verified: verified, size: Int64(data.count))
        try await blobs.put(.upstream(key, "origin.json"), data: try Self.encoder.encode(origin))
    }

    /// The origin of a cached version (nil when its `.nupkg` was never fetched).
    public func origin(_ key: PackageVersionKey) async throws -> Origin? {
        guard let data = try await blobs.data(.upstream(key, "origin.json")) else { return nil }
        return try? Self.decoder.decode(Origin.self, from: data)
    }

    /// Every cached version, of one lowercase id or of all, sorted by id then version text.
    public func entries(lowerID: String? = nil) async throws -> [Entry] {
        let prefix = lowerID.map { "upstream/\($0)/" } ?? "upstream/"
        var files: [PackageVersionKey: [String]] = [:]
        for path in try await blobs.list(prefix: prefix) {
            guard case .upstream(let key, let name)? = BlobKey(path: path) else { continue }
            files[key, default: []].append(name)
        }
        var entries: [Entry] = []
        for (key, names) in files {
            let origin = names.contains("origin.json") ? try await origin(key) : nil
            entries.append(Entry(
                key: key, files: names.filter { $0 != "origin.json" && $0 != "pinned" }.sorted(), origin: origin,
                pinned: names.contains("pinned")))
        }
        return entries.sorted { ($0.key.lowerID, $0.key.lowerVersion) < ($1.key.lowerID, $1.key.lowerVersion) }
    }

    /// Pins or unpins a cached version, unaudited: admins go through `PackageGallery.setUpstreamPinned`.
    public func setPinned(_ pinned: Bool, _ key: PackageVersionKey) async throws {
        if pinned {
            try await blobs.put(.upstream(key, "pinned"), data: Data("pinned\n".utf8))
        } else {
            try await blobs.delete(.upstream(key, "pinned"))
        }
    }

    /// Deletes every file of a cached version (origin last, so a half-evicted version still names its upstream).
    func remove(_ entry: Entry) async throws {
        for name in entry.files { try await blobs.delete(.upstream(entry.key, name)) }
        try await blobs.delete(.upstream(entry.key, "origin.json"))
    }

    /// Base64 SHA-512, as NuGet writes `packageHash`.
    public static func sha512Base64(_ data: Data) -> String { Data(SHA512.hash(data: data)).base64EncodedString() }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}
