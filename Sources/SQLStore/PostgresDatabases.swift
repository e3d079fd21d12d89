public import Foundation
public import Logging
import Gallery
import PostgresKit

/// Creating and dropping whole PostgreSQL databases through an administrative URL: the target of
/// `pallet admin migrate`, and a fresh database per test server when the suite runs on PostgreSQL.
public enum PostgresDatabases {
    /// Creates database `name` unless it exists. `name` must be a plain identifier (letters, digits, `_`).
    public static func ensure(_ name: String, adminURL: String, logger: Logger) async throws {
        try checkName(name)
        try await withConnection(adminURL, logger: logger) { db in
            let exists = try await db.raw("SELECT 1 AS present FROM pg_database WHERE datname = \(bind: name)").first()
            guard exists == nil else { return }
            do {
                try await db.raw("CREATE DATABASE \(ident: name)").run()
            } catch where classifyPostgresError(error).map({ if case .alreadyExists = $0 { true } else { false } }) == true {
                // Created meanwhile by another process: that is what was asked for.
            }
        }
    }

    /// Drops database `name` if it exists, closing the connections still open on it.
    public static func drop(_ name: String, adminURL: String, logger: Logger) async throws {
        try checkName(name)
        try await withConnection(adminURL, logger: logger) { db in
            try await db.raw("DROP DATABASE IF EXISTS \(ident: name) WITH (FORCE)").run()
        }
    }

    /// `url` with its database replaced by `name` (credentials, host and options kept).
    public static func url(_ url: String, withDatabase name: String) throws -> String {
        guard var parts = URLComponents(string: url) else { throw SQLStoreError.invalidDatabaseURL("the URL cannot be parsed") }
        parts.path = "/" + name
        guard let result = parts.string else { throw SQLStoreError.invalidDatabaseURL("the URL cannot be rebuilt") }
        return result
    }

    private static func checkName(_ name: String) throws {
        guard !name.isEmpty, name.count <= 63,
              name.unicodeScalars.allSatisfy({ CharacterSet.alphanumerics.contains($0) && $0.isASCII || $0 == "_" })
        else { throw SQLStoreError.invalidDatabaseURL("'\(name)' is not a plain database name") }
    }

    private static func withConnection(
        _ url: String, logger: Logger, _ body: (any SQLDatabase) async throws -> Void
    ) async throws {
        var configuration = try PostgresURL(url).configuration.coreConfiguration
        configuration.options.connectTimeout = SQLMetadataStore.postgresConnectTimeout
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        } catch {
            throw classifyPostgresError(error) ?? StoreError.unavailable("The database server cannot be reached.")
        }
        do {
            try await body(connection.sql(queryLogLevel: .trace))
            try await connection.close()
        } catch {
            try? await connection.close()
            throw classifyPostgresError(error) ?? error
        }
    }
}
