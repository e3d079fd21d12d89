import Gallery

/// The texts of `/policies/Contact`, `/policies/Terms` and `/policies/Privacy`, in Markdown (rendered safe, as
/// READMEs, so `#` headings become the page's second level under its title). An operator replaces any of them through configuration (`pallet.policies.*File`); the defaults
/// below say what this installation does and carry the prohibited-use list of the policy on deleting packages.
public struct PolicyTexts: Sendable {
    public var contact: String
    public var terms: String
    public var privacy: String

    /// The texts; nil keeps the default.
    public init(contact: String? = nil, terms: String? = nil, privacy: String? = nil) {
        self.contact = contact ?? Self.defaultContact
        self.terms = terms ?? Self.defaultTerms
        self.privacy = privacy ?? Self.defaultPrivacy
    }

    static let defaultContact = """
        - **A problem with a package** (a bug, a question about its license): use **Contact owners** on the package's page.
        - **A package that breaks the terms of use**: use **Report package** on the package's page. The operators of this
          site read every report.
        - **Your own package** (private data published, published by mistake): sign in and use **Contact support** on the
          package's page.
        """

    static let defaultTerms = """
        Packages on this feed are not deleted: deleting a version would break every project that depends on it.
        Owners can *unlist* a version, which hides it from search while keeping restores working.

        # Prohibited use

        Packages that meet any of the following criteria are not allowed and will be removed by the operators.
        Package owners will be notified of the removal.

        - Contains malware, adware, or any kind of spyware.
        - Are designed to harm a developer's workstation or their organization.
        - Infringes copyrights or violates licenses.
        - Contains illegal content.
        - Are being used to squat on package identifiers, including packages that have zero productive content.
          Packages must contain code or the owners must concede the identifier to someone who actually has a product to ship.
        - Attempt to make the gallery do something that it's not explicitly designed to do.

        If you find a package that is in violation of any of these items, use **Report package** on its page.
        The operators reserve the right to change these criteria at any time.
        """

    static let defaultPrivacy = """
        This site keeps what it needs to run the feed: your account name, your email address (never shown to other
        users), a hash of your password, your API keys' hashes and an audit log of changes. Downloads are counted per
        version and per day, without addresses. Reports and messages you send are kept for the operators. Pages load
        nothing from other sites.
        """
}
