/// Every absolute URL Pallet writes into a document, built from one base URL.
///
/// Clients ignore resources with relative `@id`s (protocol §12.2), so every URL is absolute.
/// Paths are lowercase; routes accept any case.
public struct FeedURLs: Sendable, Equatable {
    /// `http://host:port` or the configured public base, without a trailing slash.
    public let base: String

    /// Creates the URL set; a trailing slash on `base` is dropped.
    public init(base: String) {
        var trimmed = base
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.base = trimmed
    }

    /// The registration hives (protocol §4).
    public enum Hive: String, Sendable, CaseIterable {
        /// `registration5-semver1`: SemVer2 packages excluded, identity encoding.
        case semVer1 = "registration"
        /// `registration5-gz-semver1`: same content under its own base, always gzip-encoded on the wire.
        case gzSemVer1 = "registration-gz"
        /// `registration5-gz-semver2`: every package, always gzip-encoded on the wire.
        case gzSemVer2 = "registration-gz-semver2"

        /// Whether SemVer 2.0.0 packages appear in this hive.
        public var includesSemVer2: Bool { self == .gzSemVer2 }

        /// nuget.org sends the `-gz` hives with `Content-Encoding: gzip` whatever the request says; the
        /// clients that find them (`RegistrationsBaseUrl/3.4.0` and later) all decode it.
        public var isGzipEncoded: Bool { self != .semVer1 }

        /// Whether a document path (below `/v3/`) lies in a gzip-encoded hive.
        public static func isGzipEncoded(documentPath path: String) -> Bool {
            let root = path.split(separator: "/", maxSplits: 1).first.map(String.init) ?? ""
            return Hive(rawValue: root)?.isGzipEncoded ?? false
        }
    }

    public var serviceIndex: String { "\(base)/v3/index.json" }
    /// `PackageBaseAddress/3.0.0` (with trailing slash).
    public var flatContainer: String { "\(base)/v3/flat/" }
    public var packagePublish: String { "\(base)/api/v2/package" }
    public var symbolPackagePublish: String { "\(base)/api/v2/symbolpackage" }
    public var search: String { "\(base)/v3/query" }
    public var autocomplete: String { "\(base)/v3/autocomplete" }
    public var catalogIndex: String { "\(base)/v3/catalog/index.json" }
    /// `VulnerabilityInfo/6.7.0`: the index of vulnerability pages.
    public var vulnerabilityIndex: String { "\(base)/v3/vulnerabilities/index.json" }
    /// One vulnerability page (`base`, `update`).
    public func vulnerabilityPage(_ name: String) -> String { "\(base)/v3/vulnerabilities/\(name).json" }
    public var legacyGallery: String { "\(base)/api/v2/" }

    /// Base of a registration hive (with trailing slash).
    public func registrationBase(_ hive: Hive) -> String { "\(base)/v3/\(hive.rawValue)/" }
    public func registrationIndex(_ hive: Hive, lowerID: String) -> String {
        "\(registrationBase(hive))\(lowerID)/index.json"
    }
    public func registrationPage(_ hive: Hive, lowerID: String, lower: String, upper: String) -> String {
        "\(registrationBase(hive))\(lowerID)/page/\(lower.lowercased())/\(upper.lowercased()).json"
    }
    /// Inline pages use the index URL with a fragment, as nuget.org does.
    public func inlinePage(_ hive: Hive, lowerID: String, lower: String, upper: String) -> String {
        "\(registrationIndex(hive, lowerID: lowerID))#page/\(lower.lowercased())/\(upper.lowercased())"
    }
    public func registrationLeaf(_ hive: Hive, lowerID: String, lowerVersion: String) -> String {
        "\(registrationBase(hive))\(lowerID)/\(lowerVersion).json"
    }

    public func flatIndex(lowerID: String) -> String { "\(flatContainer)\(lowerID)/index.json" }
    public func packageContent(lowerID: String, lowerVersion: String) -> String {
        "\(flatContainer)\(lowerID)/\(lowerVersion)/\(lowerID).\(lowerVersion).nupkg"
    }
    public func nuspec(lowerID: String, lowerVersion: String) -> String {
        "\(flatContainer)\(lowerID)/\(lowerVersion)/\(lowerID).nuspec"
    }
    public func icon(lowerID: String, lowerVersion: String) -> String { "\(flatContainer)\(lowerID)/\(lowerVersion)/icon" }
    public func readme(lowerID: String, lowerVersion: String) -> String { "\(flatContainer)\(lowerID)/\(lowerVersion)/readme" }
    public func licenseFile(lowerID: String, lowerVersion: String) -> String { "\(flatContainer)\(lowerID)/\(lowerVersion)/license" }

    /// Gallery page of a version (`PackageDetailsUriTemplate/5.1.0` fills the same shape).
    public func packageDetails(id: String, version: String) -> String { "\(base)/packages/\(id)/\(version)" }
    /// `licenseUrl` for an expression, as nuget.org writes it.
    public func licenseExpression(_ expression: String) -> String {
        "https://licenses.nuget.org/\(expression.addingPercentEncodingForPath())"
    }

    public func catalogPage(_ page: Int64) -> String { "\(base)/v3/catalog/page\(page).json" }
    public func catalogLeaf(path: String) -> String { "\(base)/v3/catalog/\(path)" }
}

extension String {
    /// Percent-encodes what may not appear raw in a URL path segment (spaces, parentheses stay readable for SPDX).
    func addingPercentEncodingForPath() -> String {
        var out = ""
        for scalar in unicodeScalars {
            switch scalar {
            case "A"..."Z", "a"..."z", "0"..."9", "-", ".", "_", "~", "+", "(", ")":
                out.unicodeScalars.append(scalar)
            default:
                for byte in String(scalar).utf8 { out += "%" + String(byte, radix: 16, uppercase: true) }
            }
        }
        return out
    }
}
