import Foundation
import BlobFileSystem
import Gallery
import Logging
import S3BlobStore
import SQLStore

/// Where an installation's metadata lives, from a database URL (`pallet admin migrate --to-database`).
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    /// A SQLite file: `sqlite:///absolute/path.sqlite` or a plain path.
    case sqlite(path: String)
    /// A PostgreSQL database: `postgres://USER:PASS@HOST:PORT/DB`.
    case postgres(url: String)

    /// Parses a database URL; anything that is neither `postgres(ql)://` nor `sqlite://` is a file path.
    public init(url: String) throws {
        let lowered = url.lowercased()
        if lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://") {
            self = .postgres(url: url)
        } else if lowered.hasPrefix("sqlite://") {
            let path = String(url.dropFirst("sqlite://".count))
            guard path.hasPrefix("/") else { throw StoreLocationError("A SQLite URL needs an absolute path: sqlite:///folder/pallet.sqlite.") }
            self = .sqlite(path: URL(fileURLWithPath: path).standardizedFileURL.path)
        } else if url.contains("://") {
            throw StoreLocationError("The database must be a postgres:// or sqlite:/// URL, or a file path.")
        } else {
            self = .sqlite(path: URL(fileURLWithPath: url).standardizedFileURL.path)
        }
    }

    /// The database the configuration runs on: its PostgreSQL URL, or the SQLite file of the data folder.
    public static func configured(_ config: ServerConfig) throws -> DatabaseLocation {
        if let database = config.database { return .postgres(url: database) }
        return .sqlite(path: try DataDirectory(config.dataDirectory).database)
    }

    /// For messages: never the password of a PostgreSQL URL.
    public var description: String {
        switch self {
        case .sqlite(let path): "SQLite \(path)"
        case .postgres(let url): "PostgreSQL \(URL(string: url)?.host ?? "server")"
        }
    }

    /// Opens the store and, unless told not to, migrates it; the caller shuts it down.
    func open(logger: Logger, maxConnections: Int = 4, migrating: Bool = true) async throws -> SQLMetadataStore {
        let store: SQLMetadataStore
        switch self {
        case .sqlite(let path):
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            store = try await SQLMetadataStore.openSQLite(path: path, logger: logger)
        case .postgres(let url):
            store = try await SQLMetadataStore.openPostgres(url: url, logger: logger, maxConnections: maxConnections)
        }
        guard migrating else { return store }
        do {
            try await store.migrate()
        } catch {
            try? await store.shutdown()
            throw error
        }
        return store
    }
}

/// Where an installation's blobs live, from a storage URL (`pallet admin migrate --to-storage`).
public enum StorageLocation: Sendable, Equatable, CustomStringConvertible {
    /// A folder: `file:///absolute/folder` or a plain path.
    case folder(path: String)
    /// An S3 bucket: `s3://BUCKET[/PREFIX]?endpoint=URL&region=R[&path-style=true]`.
    case s3(url: String)

    /// Parses a storage URL; anything that is neither `s3://` nor `file://` is a folder path.
    public init(url: String) throws {
        let lowered = url.lowercased()
        if lowered.hasPrefix("s3://") {
            self = .s3(url: url)
        } else if lowered.hasPrefix("file://") {
            guard let parsed = URL(string: url), parsed.isFileURL, parsed.path.hasPrefix("/") else {
                throw StoreLocationError("A storage folder URL needs an absolute path: file:///folder.")
            }
            self = .folder(path: parsed.standardizedFileURL.path)
        } else if url.contains("://") {
            throw StoreLocationError("The storage must be an s3:// or file:/// URL, or a folder path.")
        } else {
            self = .folder(path: URL(fileURLWithPath: url).standardizedFileURL.path)
        }
    }

    /// The blob store the configuration runs on: its S3 URL, or the blob folder of the data folder.
    public static func configured(_ config: ServerConfig) throws -> StorageLocation {
        if let storage = config.storage { return .s3(url: storage) }
        return .folder(path: try DataDirectory(config.dataDirectory).blobs)
    }

    public var description: String {
        switch self {
        case .folder(let path): "folder \(path)"
        case .s3(let url): "S3 \(url.split(separator: "?").first ?? "")"
        }
    }

    /// Where local copies wait before the store moves them in: inside a folder store, so the move is a rename.
    var temporaryDirectory: String {
        switch self {
        case .folder(let path): path + "/.uploads"
        case .s3: FileManager.default.temporaryDirectory.appendingPathComponent("pallet-migrate").path
        }
    }

    /// Opens the store; the caller shuts it down. `presignDownloads`: S3 answers downloads with presigned URLs.
    func open(logger: Logger, presignDownloads: Bool = false) throws -> any BlobStore {
        switch self {
        case .folder(let path):
            return try FileSystemBlobStore(root: path)
        case .s3(let url):
            // Credentials from the AWS_* variables, as `pallet serve` reads them.
            return S3BlobStore(
                location: try S3Location(parsing: url), credentials: try S3Credentials.fromEnvironment(),
                presignDownloads: presignDownloads, logger: logger)
        }
    }
}

/// A database or storage URL that cannot be used.
public struct StoreLocationError: Error, Sendable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
