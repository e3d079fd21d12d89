import Foundation
import PostgresKit

/// A checked `postgres://USER:PASSWORD@HOST:PORT/DATABASE[?sslmode=…]` URL.
///
/// PostgresKit parses the URL too, but answers any mistake with a `URLError` that carries the whole URL,
/// password included; this check runs first so a bad URL gets a one-line reason and is never echoed.
struct PostgresURL {
    let configuration: SQLPostgresConfiguration
    /// `host:port/database`, safe to log.
    let redacted: String

    init(_ text: String) throws {
        let expected = "expected postgres://USER:PASSWORD@HOST:PORT/DATABASE"
        func invalid(_ reason: String) -> SQLStoreError { .invalidDatabaseURL("\(reason); \(expected)") }

        guard let url = URL(string: text), let parts = URLComponents(url: url, resolvingAgainstBaseURL: false) else {
            throw invalid("it is not a well-formed URL (percent-encode special characters in the user and password)")
        }
        guard let scheme = parts.scheme?.lowercased(), ["postgres", "postgresql"].contains(scheme) else {
            throw invalid("the scheme must be postgres or postgresql")
        }
        guard let host = parts.host, !host.isEmpty else { throw invalid("it names no host") }
        guard let user = parts.user, !user.isEmpty else { throw invalid("it names no user") }
        let port = parts.port ?? 5432
        guard (1...65_535).contains(port) else { throw invalid("the port \(port) is out of range") }
        let database = String(parts.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else { throw invalid("it names no database (one path segment)") }
        let sslModes: Set<String> = ["disable", "false", "allow", "prefer", "true", "require", "verify-ca", "verify-full"]
        for item in parts.queryItems ?? [] {
            switch item.name.lowercased() {
            case "sslmode", "tlsmode", "ssl", "tls":
                guard let mode = item.value, sslModes.contains(mode) else {
                    throw invalid("sslmode must be one of \(sslModes.sorted().joined(separator: ", "))")
                }
            default:
                throw invalid("the option \(item.name) is not supported (only sslmode)")
            }
        }
        do {
            // PostgresKit percent-decodes user, password and database the same way URLComponents does.
            configuration = try SQLPostgresConfiguration(url: url)
        } catch {
            throw invalid("it cannot be used")
        }
        redacted = "\(host):\(port)/\(database)"
    }
}
