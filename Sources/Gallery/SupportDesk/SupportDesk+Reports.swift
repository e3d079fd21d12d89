import Foundation

/// What a visitor fills in on "Report abuse" or an owner on "Contact support".
public struct SupportReport: Sendable {
    public var kind: SupportRequestKind
    public var id: String
    public var version: String
    public var reason: String
    public var details: String
    /// Typed by an anonymous reporter; ignored when signed in (the account's address is used).
    public var email: String?
    public var contactedOwner: Bool
    public var sendCopy: Bool

    /// Creates a report.
    public init(
        kind: SupportRequestKind, id: String, version: String, reason: String, details: String, email: String? = nil,
        contactedOwner: Bool = false, sendCopy: Bool = false
    ) {
        self.kind = kind
        self.id = id
        self.version = version
        self.reason = reason
        self.details = details
        self.email = email
        self.contactedOwner = contactedOwner
        self.sendCopy = sendCopy
    }
}

extension SupportDesk {
    /// Files a report (abuse: anyone, but not an owner; owner support: owners only), stores it as an open
    /// support request with its audit event, then mails the operators with reply-to the reporter, and the
    /// reporter a copy when asked.
    @discardableResult
    public func file(_ report: SupportReport, by principal: Principal?) async throws -> SupportRequest {
        let record = try await reportedVersion(id: report.id, version: report.version)
        let owner = try await isOwner(principal, lowerID: record.lowerID)
        switch report.kind {
        case .abuse where owner:
            throw GalleryError.forbidden("You own \(record.id): use Contact support instead of reporting your own package.")
        case .ownerSupport where !owner:
            throw GalleryError.forbidden("Only the owners of \(record.id) can contact support about it.")
        default: break
        }
        guard SupportReasons.reasons(for: report.kind).contains(report.reason) else {
            throw GalleryError.badRequest("Choose a reason from the list.")
        }
        let details = try Self.checkedText(report.details, field: "Details")
        let email: String
        if let principal, principal.user.key != 0 {
            guard !principal.user.email.isEmpty else { throw GalleryError.badRequest("Your account has no email address.") }
            email = principal.user.email
        } else {
            email = try Self.checkedEmail(report.email ?? "")
        }
        let now = clock.now()
        let request = SupportRequest(
            kind: report.kind, packageID: record.id, lowerID: record.lowerID, version: record.normalizedVersion,
            reason: report.reason, details: details, reporterKey: principal.map(\.user.key).flatMap { $0 == 0 ? nil : $0 },
            reporterEmail: email, contactedOwner: report.kind == .abuse && report.contactedOwner, created: now, updated: now)
        let event = AuditEvent(
            time: now, actor: principal?.auditName ?? "anonymous <\(email)>",
            action: report.kind == .abuse ? "support.reported" : "support.requested",
            target: "support request #new (package \(record.id) \(record.normalizedVersion))", details: report.reason)
        let stored = try await store.createSupportRequest(request, audit: [event])
        let heading = report.kind == .abuse
            ? "Abuse report for '\(record.id)' version \(record.normalizedVersion)"
            : "Owner support request for '\(record.id)' version \(record.normalizedVersion)"
        let body = """
            \(heading) (support request #\(stored.key)).
            From: \(principal?.user.name ?? "an anonymous visitor") <\(email)>
            Reason: \(report.reason)
            \(report.kind == .abuse ? "Already tried to contact the owner: \(stored.contactedOwner ? "yes" : "no")\n" : "")
            \(details)

            Package: \(baseURL)/packages/\(record.id)/\(record.normalizedVersion)
            Queue: \(baseURL)/admin/SupportRequests

            """
        await deliver(MailMessage(
            to: try await operatorAddresses(), subject: "[\(siteName)] \(heading)", body: body, replyTo: email))
        if report.sendCopy {
            await deliver(MailMessage(
                to: [email], subject: "[\(siteName)] Copy of your report: \(heading)",
                body: "You sent this to the operators of \(siteName):\n\n" + body))
        }
        return stored
    }
}
