public import Foundation

/// Sign-in refused because of too many recent failures for the account or the address (a web page answers 429).
public struct SignInThrottled: Error, Sendable, Equatable {
    public let message: String
    public let retryAfterSeconds: Int
}

/// Failed sign-ins per key (an account name, a client address): `limit` failures within `window` lock the key
/// until the window of the oldest of them ends. The failures live in the metadata store (`AccountSecurityStore`,
/// schema step 9), so several nodes behind one balancer count together and a restart forgets nothing.
public struct SignInThrottle: Sendable {
    let limit: Int
    let window: TimeInterval

    /// 5 failures in 15 minutes by default, as nuget.org's sign-in lockout.
    public init(limit: Int = 5, window: TimeInterval = 15 * 60) {
        self.limit = limit
        self.window = window
    }

    static func accountKey(_ login: String) -> String { "account:" + login.lowercased() }
    static func addressKey(_ address: String) -> String { "address:" + address }

    /// Throws `SignInThrottled` when one of the keys is locked, saying when to retry.
    func check(_ keys: [String], store: any AccountSecurityStore, now: Date) async throws {
        var wait: TimeInterval = 0
        for key in keys {
            let recent = try await store.signInFailures(key: key, since: now.addingTimeInterval(-window))
            guard recent.count >= limit else { continue }
            // Locked until enough of the failures age out of the window to fall below the limit.
            let unlocking = recent[recent.count - limit]
            wait = max(wait, window - now.timeIntervalSince(unlocking))
        }
        guard wait > 0 else { return }
        let minutes = max(1, Int((wait / 60).rounded(.up)))
        throw SignInThrottled(
            message: "Too many failed sign-in attempts. Try again in \(minutes) minute\(minutes == 1 ? "" : "s").",
            retryAfterSeconds: max(1, Int(wait.rounded(.up))))
    }

    /// Records a failure under every key; failures older than the window are forgotten on the way.
    func fail(_ keys: [String], store: any AccountSecurityStore, now: Date) async throws {
        try await store.recordSignInFailure(keys: keys, at: now, forgetBefore: now.addingTimeInterval(-window))
    }
}
