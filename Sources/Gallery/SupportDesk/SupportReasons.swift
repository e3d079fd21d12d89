/// The reasons each form offers, from the policy on deleting packages (`shared/seeds/deleting-packages.md`,
/// "Prohibited use") and nuget.org's owner support form.
public enum SupportReasons {
    /// Packages that meet any of these are removed by the operators (the seed's prohibited-use list).
    public static let prohibitedUse: [String] = [
        "Contains malware, adware, or any kind of spyware",
        "Designed to harm a developer's workstation or their organization",
        "Infringes copyrights or violates licenses",
        "Contains illegal content",
        "Squats on a package identifier (no productive content)",
        "Attempts to make the gallery do something it is not designed to do",
    ]

    /// "Report abuse": the prohibited uses, or something else.
    public static let abuse = prohibitedUse + ["Other"]

    /// "Contact support" for an owner's own package.
    public static let ownerSupport = [
        "Contains private or confidential data",
        "Published by mistake (not meant to be public)",
        "Other",
    ]

    /// The reasons a kind of request accepts.
    public static func reasons(for kind: SupportRequestKind) -> [String] {
        kind == .abuse ? abuse : ownerSupport
    }
}
