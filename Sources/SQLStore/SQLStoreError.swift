
/// Misuse of the store that `StoreError` has no case for yet.
public enum SQLStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The database URL given to `openPostgres` cannot be used; the reason never repeats the password.
    case invalidDatabaseURL(String)

    /// The message for logs.
    public var description: String {
        switch self {
        case .invalidDatabaseURL(let reason): "The PostgreSQL URL is invalid: \(reason)."
        }
    }
}
