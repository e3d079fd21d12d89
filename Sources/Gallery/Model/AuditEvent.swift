public import Foundation

/// One security-relevant event: who did what to which target, when. Never holds a secret.
public struct AuditEvent: Sendable, Equatable, Codable {
    /// Position in the log, assigned by the store.
    public var sequence: Int64
    public var time: Date
    /// Who acted: a username, `user/keyname` for an API key, or `admin-cli`.
    public var actor: String
    /// What happened, a stable dotted name (`apikey.created`, `owner.added`, `package.deleted`, …).
    public var action: String
    /// What it happened to (`package Contoso.Utils 1.0.0`, `user alice`, `prefix Contoso.`).
    public var target: String
    /// Free text (the reason of a hard delete, the scopes of a key).
    public var details: String

    /// Creates an event; `sequence` is assigned by the store.
    public init(sequence: Int64 = 0, time: Date, actor: String, action: String, target: String, details: String = "") {
        self.sequence = sequence
        self.time = time
        self.actor = actor
        self.action = action
        self.target = target
        self.details = details
    }
}
