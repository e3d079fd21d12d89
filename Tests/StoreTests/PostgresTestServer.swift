import Foundation
import Logging
import PostgresKit
import SQLKit

/// The PostgreSQL server named by `PALLET_TEST_POSTGRES_URL`, where each test gets its own database.
///
/// A database per test (not a schema) so the store runs exactly as in production (its own `public`
/// schema, advisory locks scoped to it) and `DROP DATABASE … WITH (FORCE)` cleans up even after a test
/// left connections open.
enum PostgresTestServer {
    /// The admin URL, or nil when PostgreSQL tests are off.
    static let adminURL: String? = {
        guard let url = ProcessInfo.processInfo.environment["PALLET_TEST_POSTGRES_URL"], !url.isEmpty else { return nil }
        return url
    }()

    /// Creates `pallet_t_<random>` and returns its URL (the admin URL with the database replaced).
    static func createDatabase() async throws -> String {
        let name = "pallet_t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        try await withAdminConnection { try await $0.raw("CREATE DATABASE \(ident: name)").run() }
        return try url(forDatabase: name)
    }

    /// Drops the database of `url`, closing its remaining connections; failures are printed, not thrown.
    static func dropDatabase(url: String) async {
        guard let name = URLComponents(string: url)?.path.dropFirst() else { return }
        do {
            try await withAdminConnection { try await $0.raw("DROP DATABASE IF EXISTS \(ident: String(name)) WITH (FORCE)").run() }
        } catch {
            print("StoreTests: could not drop the test database \(name): \(String(reflecting: error))")
        }
    }

    /// The admin URL pointing at another database.
    static func url(forDatabase name: String) throws -> String {
        var parts = try adminComponents()
        parts.path = "/\(name)"
        return try parts.url.map(\.absoluteString) ?? { throw TestServerError.badAdminURL }()
    }

    static func adminComponents() throws -> URLComponents {
        guard let adminURL, let parts = URLComponents(string: adminURL) else { throw TestServerError.badAdminURL }
        return parts
    }

    /// Runs `body` on one fresh connection to `url` (the admin database by default), closed afterwards.
    static func withAdminConnection<R: Sendable>(
        url: String? = nil, _ body: (any SQLDatabase) async throws -> R
    ) async throws -> R {
        guard let target = url ?? adminURL else { throw TestServerError.badAdminURL }
        var configuration = try SQLPostgresConfiguration(url: target).coreConfiguration
        configuration.options.connectTimeout = .seconds(5)
        var logger = Logger(label: "pallet.store-tests.admin")
        logger.logLevel = .warning
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        do {
            let result = try await body(connection.sql(queryLogLevel: nil))
            try await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw error
        }
    }
}

enum TestServerError: Error {
    case badAdminURL
}
