import Crypto
public import Foundation
import Logging
public import PalletApp
import S3BlobStore
import SQLStore

/// Which stores the test servers (EndToEndTests, HTTPV2Tests) run on. `PALLET_TEST_BACKEND=postgres-s3` runs
/// them on PostgreSQL (`PALLET_TEST_POSTGRES_URL`, an admin URL) and S3 (`PALLET_TEST_S3_ENDPOINT`, e.g. moto_server);
/// unset means the embedded default (SQLite + blob folder). CI runs the suite once each way.
///
/// Each data folder gets its own database and bucket, named after the folder, so a restart test that
/// opens a second server on the same folder finds the same installation.
public enum TestBackend: Sendable {
    case embedded
    case postgresS3(adminURL: String, s3Endpoint: String)

    /// The backend chosen by the environment, decided once per test process.
    public static let current: TestBackend = {
        let environment = ProcessInfo.processInfo.environment
        guard let name = environment["PALLET_TEST_BACKEND"], !name.isEmpty, name != "embedded" else { return .embedded }
        guard name == "postgres-s3" else {
            fatalError("PALLET_TEST_BACKEND must be 'embedded' or 'postgres-s3', not '\(name)'.")
        }
        guard let adminURL = environment["PALLET_TEST_POSTGRES_URL"], !adminURL.isEmpty,
              let endpoint = environment["PALLET_TEST_S3_ENDPOINT"], !endpoint.isEmpty else {
            fatalError("PALLET_TEST_BACKEND=postgres-s3 needs PALLET_TEST_POSTGRES_URL and PALLET_TEST_S3_ENDPOINT (scripts/test-services.sh start).")
        }
        // moto accepts any credentials; real ones in the environment win.
        if environment["AWS_ACCESS_KEY_ID"] == nil { setenv("AWS_ACCESS_KEY_ID", "test", 1) }
        if environment["AWS_SECRET_ACCESS_KEY"] == nil { setenv("AWS_SECRET_ACCESS_KEY", "test", 1) }
        print("Tests: running every test server on PostgreSQL + S3 (\(endpoint)).")
        return .postgresS3(adminURL: adminURL, s3Endpoint: endpoint)
    }()

    /// PostgreSQL + S3 when their servers are named in the environment (whatever backend the suite runs on),
    /// for tests that need both kinds at once (migrating from embedded to PostgreSQL + S3); nil otherwise.
    public static let postgresS3IfConfigured: TestBackend? = {
        let environment = ProcessInfo.processInfo.environment
        guard let adminURL = environment["PALLET_TEST_POSTGRES_URL"], !adminURL.isEmpty,
              let endpoint = environment["PALLET_TEST_S3_ENDPOINT"], !endpoint.isEmpty else {
            print("Tests: PALLET_TEST_POSTGRES_URL or PALLET_TEST_S3_ENDPOINT is not set; the migration to PostgreSQL + S3 is skipped.")
            return nil
        }
        if environment["AWS_ACCESS_KEY_ID"] == nil { setenv("AWS_ACCESS_KEY_ID", "test", 1) }
        if environment["AWS_SECRET_ACCESS_KEY"] == nil { setenv("AWS_SECRET_ACCESS_KEY", "test", 1) }
        return .postgresS3(adminURL: adminURL, s3Endpoint: endpoint)
    }()

    /// The limit a test installation on this backend holds while it runs: PostgreSQL's connections are
    /// bounded (`TestConcurrencyLimit.postgres`); the embedded stores need none.
    public var concurrencyLimit: TestConcurrencyLimit? {
        isEmbedded ? nil : .postgres
    }

    /// Whether servers run on the embedded SQLite file and blob folder (tests that look inside them need it).
    public var isEmbedded: Bool {
        if case .embedded = self { return true }
        return false
    }

    /// Points `config` at this backend's stores for one data folder, creating the database and bucket.
    public func apply(to config: inout ServerConfig, dataDirectory: URL) async throws {
        guard case .postgresS3(let adminURL, let endpoint) = self else { return }
        let name = Self.installationName(dataDirectory)
        var logger = Logger(label: "pallet.tests.backend")
        logger.logLevel = .warning
        try await PostgresDatabases.ensure(name, adminURL: adminURL, logger: logger)
        config.database = try PostgresDatabases.url(adminURL, withDatabase: name)
        // Many test servers run at once; a small pool each keeps them under max_connections (at most
        // `TestConcurrencyLimit.postgres` installations at once). The pool is split per event loop, so 2 meant one
        // connection per loop: under load four concurrent pushes waited out the 10 s request timeout (503s).
        config.databaseConnections = 4
        let bucket = name.replacingOccurrences(of: "_", with: "-")
        let storage = "s3://\(bucket)/pallet?endpoint=\(endpoint)&region=us-east-1&path-style=true"
        let client = S3Client(location: try S3Location(parsing: storage), credentials: try S3Credentials.fromEnvironment(), logger: logger)
        do {
            try await client.createBucket()
            try await client.shutdown()
        } catch {
            try? await client.shutdown()
            throw error
        }
        config.storage = storage
    }

    /// Drops what `apply` created for a data folder (the database; moto's buckets live in its memory).
    public func cleanUp(dataDirectory: URL) async {
        guard case .postgresS3(let adminURL, _) = self else { return }
        var logger = Logger(label: "pallet.tests.backend")
        logger.logLevel = .warning
        do {
            try await PostgresDatabases.drop(Self.installationName(dataDirectory), adminURL: adminURL, logger: logger)
        } catch {
            print("Tests: could not drop the test database of \(dataDirectory.lastPathComponent): \(error)")
        }
    }

    /// Every byte the metadata store keeps for a data folder, for tests that grep it: the SQLite files, or a
    /// `pg_dump` of the folder's PostgreSQL database. Close the store first (SQLite's WAL is then flushed).
    public func databaseBytes(dataDirectory: URL) throws -> Data {
        switch self {
        case .embedded:
            var bytes = Data()
            for file in ["pallet.sqlite", "pallet.sqlite-wal"] {
                bytes.append((try? Data(contentsOf: dataDirectory.appendingPathComponent(file))) ?? Data())
            }
            return bytes
        case .postgresS3(let adminURL, _):
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["pg_dump", "--data-only", try PostgresDatabases.url(adminURL, withDatabase: Self.installationName(dataDirectory))]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            let bytes = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { throw TestBackendError.dumpFailed(process.terminationStatus) }
            return bytes
        }
    }

    /// The database (and, with `-` for `_`, bucket) name of a data folder: `pallet_e2e_` + 16 hex digits of
    /// the folder's path hash, stable per folder, unique across folders.
    public static func installationName(_ dataDirectory: URL) -> String {
        let digest = SHA256.hash(data: Data(dataDirectory.standardizedFileURL.path.utf8))
        return "pallet_e2e_" + digest.prefix(8).map { String(format: "%02x", $0) }.joined()
    }
}

public enum TestBackendError: Error {
    case dumpFailed(Int32)
}
