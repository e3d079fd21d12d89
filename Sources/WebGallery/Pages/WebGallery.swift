public import Gallery
public import HTTPPlumbing
import Foundation
import Logging
import Mustache
import Synchronization

/// The public web gallery: renders the pages from the gallery's in-memory read models (search index and
/// feed view, which the change follower keeps current on every node) plus at most a few store and blob reads.
public final class WebGallery: Sendable {
    let gallery: PackageGallery
    let templates: MustacheLibrary
    let siteName: String
    let readmes = ReadmeCache()
    let digests = FeedDigestCache()
    /// The API keys pages' package lists, per set of owning accounts.
    let pickers = PackagePickerCache()
    /// Each account's owned ids, read again after the feed changed (the account pages).
    let ownedIDs = OwnedIDsCache()
    /// Local accounts: register, sign in, sessions.
    public let accounts: WebAccounts
    /// Sign-in with OpenID Connect providers (nil when none is configured).
    public let externalSignIn: ExternalSignIn?
    /// Whether cookies are marked `Secure` (the base URL is https).
    let secureCookies: Bool
    /// Account deletion, transform, API keys, owners, organizations and members, with their mail (the same
    /// services as the admin command line), mailing through the configured mailer (or the log).
    let administration: GalleryAdministration
    /// The client's address for sign-in throttling (X-Forwarded-For from trusted proxies only).
    let clientAddresses: ClientAddressResolver
    /// Where uploads from `/packages/manage/upload` go and how large they may be (nil: uploading is off).
    let uploads: UploadSettings?
    /// Reports, messages to owners, the support queue (desk).
    let desk: SupportDesk
    /// The texts of `/policies/*` (desk).
    let policies: PolicyTexts

    /// Creates the web gallery over a started `PackageGallery`.
    /// - Parameter siteName: shown in the header, titles and footer.
    /// - Parameter passwordHashCost: bcrypt's cost (12 in production; tests use 4).
    /// - Parameter passwordSignIn: false turns local passwords off (sign-in, Register, password reset).
    /// - Parameter openIDProviders: the "Sign in with NAME" providers, served by `openIDClient`.
    public init(
        gallery: PackageGallery, siteName: String = "Pallet", passwordHashCost: UInt8 = 12,
        throttle: SignInThrottle = SignInThrottle(), mailer: (any Mailer)? = nil, trustedProxies: [String] = [],
        uploads: UploadSettings? = nil, operators: [String] = [], policies: PolicyTexts = PolicyTexts(),
        passwordSignIn: Bool = true, openIDProviders: [OpenIDProvider] = [], openIDClient: (any OpenIDClient)? = nil
    ) {
        self.clientAddresses = ClientAddressResolver(trustedProxies: trustedProxies)
        self.uploads = uploads
        self.gallery = gallery
        self.siteName = siteName
        accounts = WebAccounts(
            store: gallery.store, clock: gallery.clock, hasher: BcryptPasswordHasher(cost: passwordHashCost), throttle: throttle,
            mailer: mailer, baseURL: gallery.urls.base, passwordSignIn: passwordSignIn)
        if let openIDClient, !openIDProviders.isEmpty {
            externalSignIn = ExternalSignIn(providers: openIDProviders, client: openIDClient, web: accounts)
        } else {
            externalSignIn = nil
        }
        secureCookies = gallery.urls.base.lowercased().hasPrefix("https:")
        templates = Self.makeLibrary()
        let deskMailer = mailer ?? LogMailer(logger: Logger(label: "pallet.desk"))
        desk = SupportDesk(
            store: gallery.store, clock: gallery.clock, mailer: deskMailer, operators: operators, siteName: siteName,
            baseURL: gallery.urls.base, logger: Logger(label: "pallet.desk"))
        administration = gallery.administration(mailer: deskMailer)
        self.policies = policies
    }

    static func makeLibrary() -> MustacheLibrary {
        var library = MustacheLibrary()
        let all: [(String, String)] = [
            ("layout", Templates.layout), ("packageItem", Templates.packageItem), ("pager", Templates.pager),
            ("home", Templates.home), ("search", Templates.search), ("package", Templates.package),
            ("profile", Templates.profile), ("stats", Templates.stats), ("error", Templates.error),
            ("license", Templates.license), ("logOn", Templates.logOn), ("register", Templates.register), ("oidcRegister", Templates.oidcRegister),
            ("apiKeys", Templates.apiKeys), ("apiKeyEdit", Templates.apiKeyEdit),
            ("forgotPassword", Templates.forgotPassword), ("resetPassword", Templates.resetPassword),
            ("accountSettings", Templates.accountSettings), ("accountDelete", Templates.accountDelete),
            ("accountTransform", Templates.accountTransform), ("transformConfirm", Templates.transformConfirm),
            ("manage", Templates.manage), ("accountPackages", Templates.accountPackages),
            ("organizations", Templates.organizations), ("addOrganization", Templates.addOrganization),
            ("manageOrganization", Templates.manageOrganization), ("upload", Templates.upload),
            ("trustedPublishing", Templates.trustedPublishing),
        ] + Templates.desk
        for (name, text) in all {
            do {
                try library.register(text, named: name)
            } catch {
                // The templates are constants compiled in; WebGalleryTests renders every one of them.
                fatalError("web template '\(name)' does not parse: \(error)")
            }
        }
        return library
    }

    /// Renders a template; a missing template is a programming error caught by the rendering tests.
    func render(_ model: Any, _ template: String) -> String {
        templates.render(model, withTemplate: template) ?? ""
    }

    func layout(_ title: String) -> LayoutModel {
        var model = LayoutModel(title: title, siteName: siteName, feedAddress: gallery.urls.base + "/v3/index.json")
        if let visitor = WebVisitor.current {
            if let principal = visitor.principal {
                model.account = AccountMenuModel(name: principal.user.name, csrf: visitor.csrfToken, isSiteAdmin: principal.user.isSiteAdmin)
            } else if let back = visitor.returnPath, back != "/", !back.lowercased().hasPrefix("/users/account/") {
                model.signInURL = "/users/account/LogOn?ReturnUrl=" + WebForm.queryEscape(back)
            }
        }
        return model
    }

    /// The derived lists of the current feed.
    func digest() -> FeedDigest {
        digests.digest(gallery.feed.snapshot())
    }

    /// A list item for a package's shown version, with owners and downloads from the search index.
    /// The card of a digest entry, from the record search displays for it (nil for the moment between a write's
    /// V2 and search updates, when search does not show that version yet).
    func item(_ entry: FeedDigest.Entry) -> PackageItemModel? {
        gallery.search.displayedRecord(entry.key).map(item)
    }

    func item(_ record: PackageVersionRecord) -> PackageItemModel {
        let facts = gallery.search.facts(ofLowerID: record.lowerID)
        return PackageItemModel(
            record: record, owners: facts?.owners ?? [], verified: facts?.verified ?? false,
            totalDownloads: facts?.totalDownloads ?? record.downloads)
    }

    /// Today as a UTC day number, by the gallery's clock.
    var today: Int64 { DailyDownloads.day(of: gallery.clock.now().timeIntervalSince1970) }
}

/// Rendered README HTML per version edit: an owner may replace a version's README (which sets the record's
/// `lastEdited`, on every node through the change follower), so the key carries the edit time.
final class ReadmeCache: Sendable {
    struct Key: Hashable {
        let version: PackageVersionKey
        let edited: Date?
    }

    private let entries = Mutex<[Key: String]>([:])
    private let limit = 2_000

    func html(for key: Key, render: () async throws -> String?) async rethrows -> String? {
        if let cached = entries.withLock({ $0[key] }) { return cached }
        guard let html = try await render() else { return nil }
        entries.withLock { entries in
            // Crude but bounded: start over when full rather than track recency.
            if entries.count >= limit { entries.removeAll(keepingCapacity: true) }
            entries[key] = html
        }
        return html
    }
}
