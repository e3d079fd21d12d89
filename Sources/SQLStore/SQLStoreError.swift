public import Gallery

/// Misuse of the store that `StoreError` has no case for yet.
public enum SQLStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `publishClaim` found no pending claim with this key (abandoned by the sweeper, or published twice).
    case noPendingClaim(PackageVersionKey)
    /// The database URL given to `openPostgres` cannot be used; the reason never repeats the password.
    case invalidDatabaseURL(String)

    /// The message for logs.
    public var description: String {
        switch self {
        case .noPendingClaim(let key): "No pending claim exists for \(key)."
        case .invalidDatabaseURL(let reason): "The PostgreSQL URL is invalid: \(reason)."
        }
    }
}
