/// Why a string is not a valid package ID.
///
/// The rules are nuget.org's (NuGetGallery `PackageIdValidator`), which are stricter than the
/// client's: ASCII letters, digits and `_`, joined by single `.` or `-`, at most 100 characters.
public enum PackageIDError: NuGetCoreError, Equatable {
    /// The ID is the empty string.
    case empty
    /// The ID is longer than ``PackageID/maxLength`` characters.
    case tooLong(length: Int)
    /// The ID contains characters or separators nuget.org does not allow (the ID is attached).
    case invalidCharacters(String)
    /// The ID is the unreplaced `$id$` token of a nuspec template.
    case unreplacedToken

    public var message: String {
        switch self {
        case .empty:
            return "The package ID must not be empty."
        case .tooLong(let length):
            return "The package ID is \(length) characters long; the maximum is \(PackageID.maxLength)."
        case .invalidCharacters(let id):
            return "'\(id.prefix(PackageID.maxLength + 20))' is not a valid package ID: use letters, digits and '_', "
                + "separated by single '.' or '-' characters."
        case .unreplacedToken:
            return "The package ID is the '$id$' token; replace it with the real ID before packing."
        }
    }
}
