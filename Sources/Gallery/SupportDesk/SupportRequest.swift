public import Foundation

/// Who filed a support request: anyone reporting abuse, or an owner asking support about their own package.
public enum SupportRequestKind: String, Sendable, Codable, CaseIterable {
    /// "Report abuse" (`/packages/{id}/{version}/ReportAbuse`), anonymous visitors too.
    case abuse
    /// "Contact support" by an owner (`/packages/{id}/{version}/ReportMyPackage`).
    case ownerSupport = "owner"
}

/// Where a request is in the operators' queue.
public enum SupportRequestStatus: String, Sendable, Codable {
    case open
    case resolved
}

/// A note an operator added to a request.
public struct SupportComment: Sendable, Equatable, Codable {
    /// The account name of the operator who wrote it.
    public var author: String
    public var text: String
    public var time: Date

    /// Creates a comment.
    public init(author: String, text: String, time: Date) {
        self.author = author
        self.text = text
        self.time = time
    }
}

/// One abuse report or owner support request (nuget.org's support ticket), kept for the site admins' queue.
public struct SupportRequest: Sendable, Equatable {
    /// Assigned by the store on insert.
    public var key: Int64
    public var kind: SupportRequestKind
    /// The package as it was reported (display id, lower id, normalized version).
    public var packageID: String
    public var lowerID: String
    public var version: String
    /// One of `SupportReasons` for the kind.
    public var reason: String
    public var details: String
    /// The reporter's account, nil for anonymous reports.
    public var reporterKey: Int64?
    /// The reporter's address (typed by an anonymous reporter, the account's otherwise): the operators reply here.
    public var reporterEmail: String
    /// "I have already tried to contact the owner".
    public var contactedOwner: Bool
    public var status: SupportRequestStatus
    /// The site admin handling it.
    public var assigneeKey: Int64?
    public var comments: [SupportComment]
    /// What was done, set when resolved.
    public var resolution: String?
    public var created: Date
    public var updated: Date

    /// Creates a request.
    public init(
        key: Int64 = 0, kind: SupportRequestKind, packageID: String, lowerID: String, version: String, reason: String,
        details: String, reporterKey: Int64?, reporterEmail: String, contactedOwner: Bool, status: SupportRequestStatus = .open,
        assigneeKey: Int64? = nil, comments: [SupportComment] = [], resolution: String? = nil, created: Date, updated: Date
    ) {
        self.key = key
        self.kind = kind
        self.packageID = packageID
        self.lowerID = lowerID
        self.version = version
        self.reason = reason
        self.details = details
        self.reporterKey = reporterKey
        self.reporterEmail = reporterEmail
        self.contactedOwner = contactedOwner
        self.status = status
        self.assigneeKey = assigneeKey
        self.comments = comments
        self.resolution = resolution
        self.created = created
        self.updated = updated
    }
}

/// Per-account flags an operator sets: the lock. ("Allow others to contact me" is the person's own preference,
/// `AccountPreferences`, set on the account settings page.)
public struct AccountFlags: Sendable, Equatable {
    public var userKey: Int64
    /// A locked account cannot sign in and its API keys stop working.
    public var isLocked: Bool

    /// Creates the flags; the defaults are an account nobody changed.
    public init(userKey: Int64, isLocked: Bool = false) {
        self.userKey = userKey
        self.isLocked = isLocked
    }
}
