import Gallery
import NIOCore
import NIOPosix
import PostgresKit

/// Unique violations (SQLSTATE 23505) become `.alreadyExists`; a server that refuses, drops or cannot
/// accept the connection becomes `.unavailable`. Anything else (a bad query) is rethrown unchanged.
///
/// PostgresNIO's `PSQLError.description` deliberately hides the server's message (it may contain data),
/// so the SQLSTATE and message are read from `serverInfo`.
@Sendable
func classifyPostgresError(_ error: any Error) -> StoreError? {
    switch error {
    case let error as PSQLError:
        return classify(error)
    case is ConnectionPoolError:
        return .unavailable("The database cannot be reached: the connection pool is shut down.")
    case is ConnectionPoolTimeoutError:
        return .unavailable("The database cannot be reached: no connection became free in time.")
    case let error as ChannelError:
        return .unavailable("The database cannot be reached: \(error).")
    case let error as IOError:
        return .unavailable("The database cannot be reached: \(error.description).")
    case let error as NIOConnectionError:
        return .unavailable("The database cannot be reached: cannot connect to \(error.host):\(error.port).")
    default:
        return nil
    }
}

private func classify(_ error: PSQLError) -> StoreError? {
    if let state = error.serverInfo?[.sqlState] {
        let message = error.serverInfo?[.message] ?? "SQLSTATE \(state)"
        if state == "23505" {
            return .alreadyExists(message)
        }
        if unavailableStates.contains(state) || state.hasPrefix("08") {
            return .unavailable("The database cannot be reached: \(message) (SQLSTATE \(state)).")
        }
        return nil
    }
    switch error.code {
    case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .poolClosed,
         .sslUnsupported, .failedToAddSSLHandler, .receivedUnencryptedDataAfterSSLRequest,
         .authMechanismRequiresPassword, .unsupportedAuthMechanism, .saslError:
        let reason = error.underlying.map { "\($0)" } ?? "\(error.code)"
        return .unavailable("The database cannot be reached: \(reason).")
    default:
        return nil
    }
}

/// Server states that mean "not now" rather than "wrong query": shutdown and restart (57P01–57P03),
/// too many connections (53300), failed authentication (28000, 28P01), missing database (3D000).
/// Class 08 (connection exceptions) is matched by prefix.
private let unavailableStates: Set<String> = ["57P01", "57P02", "57P03", "53300", "28000", "28P01", "3D000"]
