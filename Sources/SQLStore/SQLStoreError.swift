public import Gallery

/// Misuse of the store that `StoreError` has no case for yet.
public enum SQLStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `publishClaim` found no pending claim with this key (abandoned by the sweeper, or published twice).
    case noPendingClaim(PackageVersionKey)

    /// The message for logs.
    public var description: String {
        switch self {
        case .noPendingClaim(let key): "No pending claim exists for \(key)."
        }
    }
}
