/// Why a string is not a target framework NuGet knows.
public enum NuGetFrameworkError: NuGetCoreError, Equatable {
    /// Nothing but whitespace.
    case empty
    /// Not a framework NuGet.Frameworks recognises (`foo45`, `net4x`); NuGet would call it "Unsupported".
    case unknownFramework(String)
    /// A portable profile that is empty, malformed or lists an unknown framework (`portable-`, `portable-foo`).
    case invalidPortableProfile(String)

    public var message: String {
        switch self {
        case .empty:
            return "The target framework must not be empty."
        case .unknownFramework(let text):
            return "'\(Self.shown(text))' is not a known target framework."
        case .invalidPortableProfile(let text):
            return "'\(Self.shown(text))' is not a valid portable framework profile."
        }
    }

    private static func shown(_ text: String) -> String {
        text.count > 100 ? String(text.prefix(100)) + "…" : text
    }
}
