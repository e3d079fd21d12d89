import Foundation
public import Logging
import NuGetCore

/// Reports, messages to owners and the operators' queue of support requests (nuget.org's Report abuse,
/// Contact owners, Contact support and the admin Support Requests tool).
///
/// Every request is stored before any mail is sent, so a mail server that is down loses nothing: the
/// request waits in the queue. Owners' addresses never reach the sender of a message or a report.
public struct SupportDesk: Sendable {
    let store: any MetadataStore
    let clock: any GalleryClock
    let authorizer: Authorizer
    let audit: AuditLog
    let mailer: any Mailer
    /// Where reports go; empty = every site admin's address.
    let operators: [String]
    let siteName: String
    let baseURL: String
    let logger: Logger

    /// The longest details or message accepted (nuget.org's 4000 characters).
    public static let maxDetailsLength = 4_000

    /// Creates the desk.
    /// - Parameter operators: the operators' addresses (`PALLET_MAIL_OPERATORS`); empty = the site admins'.
    public init(
        store: any MetadataStore, clock: any GalleryClock, mailer: any Mailer, operators: [String], siteName: String,
        baseURL: String, logger: Logger
    ) {
        self.store = store
        self.clock = clock
        self.authorizer = Authorizer(store: store)
        self.audit = AuditLog(store: store, clock: clock, logger: logger)
        self.mailer = mailer
        self.operators = operators
        self.siteName = siteName
        self.baseURL = baseURL
        self.logger = logger
    }

    /// The addresses reports are mailed to.
    public func operatorAddresses() async throws -> [String] {
        if !operators.isEmpty { return operators }
        return try await store.siteAdmins().map(\.email).filter { !$0.isEmpty }
    }

    /// Whether the signed-in principal owns the package (owners are sent to Contact support instead).
    public func isOwner(_ principal: Principal?, lowerID: String) async throws -> Bool {
        guard let principal else { return false }
        let owners = Set(try await store.owners(ofLowerID: lowerID))
        return !principal.actingAccountKeys.isDisjoint(with: owners)
    }

    /// A support request's package version, which must exist and be available.
    func reportedVersion(id: String, version: String) async throws -> PackageVersionRecord {
        let (packageID, parsed) = try PackageGallery.parse(id: id, version: version)
        let key = PackageVersionKey(lowerID: packageID.lowercased, lowerVersion: parsed.normalizedLowercased)
        guard let record = try await store.version(key), record.state == .available else {
            throw GalleryError.notFound("There is no package \(id) \(version).")
        }
        return record
    }

    /// Checks details or a message: required, at most 4000 characters.
    static func checkedText(_ text: String, field: String) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw GalleryError.badRequest("\(field) is required.") }
        guard trimmed.count <= maxDetailsLength else {
            throw GalleryError.badRequest("\(field) is \(trimmed.count) characters long; \(maxDetailsLength) at most.")
        }
        return trimmed
    }

    /// A plausible address: one `@`, no spaces or header characters, 255 characters at most.
    static func checkedEmail(_ email: String) throws -> String {
        let trimmed = email.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
        guard trimmed.count <= 255, parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
              !trimmed.contains(where: { $0.isWhitespace || $0.isNewline || "<>,;\"()[]\\".contains($0) }) else {
            throw GalleryError.badRequest("Enter a valid email address.")
        }
        return trimmed
    }

    /// Sends, logging instead of throwing: the request is stored already.
    func deliver(_ message: MailMessage) async {
        guard !message.to.isEmpty else { return }
        do {
            try await mailer.send(message)
        } catch {
            logger.warning("mail could not be sent", metadata: ["subject": "\(message.subject)", "error": "\(error)"])
        }
    }
}
