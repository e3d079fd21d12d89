public import Foundation

extension APIKeyAuthenticator {
    /// How long before expiry a write carries a warning (nuget.org warns in the week before).
    public static let expiryWarningWindow: TimeInterval = 7 * 86_400

    /// The warning NuGet clients print (`X-NuGet-Warning`) after a write made with a key that expires within
    /// `expiryWarningWindow`; nil for other principals. Trusted-publishing keys live minutes by design, so
    /// they never warn.
    public func expiryWarning(for principal: Principal) -> String? {
        guard case .apiKey(let key) = principal.credential, let expires = key.expires else { return nil }
        let left = expires.timeIntervalSince(clock.now())
        guard left > 0, left <= Self.expiryWarningWindow else { return nil }
        let days = Int((left / 86_400).rounded(.up))
        let when = ISO8601DateFormatter().string(from: expires)
        return "The API key '\(key.name)' expires in \(days) day\(days == 1 ? "" : "s") (\(when)); regenerate it to keep publishing."
    }
}
