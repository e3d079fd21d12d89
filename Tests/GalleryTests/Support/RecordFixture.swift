import Foundation
import Gallery
import NuGetCore

/// Builds `PackageVersionRecord`s for document tests, deriving the version facts with NuGetCore.
enum RecordFixture {
    static let urls = FeedURLs(base: "https://pkgs.example.com")
    /// Every absolute URL a V3 document may contain starts with this.
    static let v3 = "https://pkgs.example.com/v3/"
    /// 2025-01-02T03:04:05.123456Z
    static let pushed = Date(timeIntervalSince1970: 1_735_787_045.123456)
    /// 2025-01-03T00:00:00Z
    static let relisted = Date(timeIntervalSince1970: 1_735_862_400)

    /// One version of a package; `metadata` and `configure` adjust the defaults.
    static func record(
        _ id: String = "Contoso.Utils", _ version: String = "1.0.0", listed: Bool = true,
        state: VersionState = .available, semVer2Dependency: Bool = false,
        metadata: (inout PackageMetadata) -> Void = { _ in },
        configure: (inout PackageVersionRecord) -> Void = { _ in }
    ) throws -> PackageVersionRecord {
        let parsed = try NuGetVersion(parsing: version)
        var packageMetadata = PackageMetadata(authors: "Contoso, Fabrikam", description: "Helpers.")
        metadata(&packageMetadata)
        var record = PackageVersionRecord(
            id: id, version: parsed.full, normalizedVersion: parsed.normalized, verbatimVersion: version,
            isPrerelease: parsed.isPrerelease, isSemVer2: parsed.isSemVer2 || semVer2Dependency, listed: listed,
            state: state, created: pushed, published: relisted, packageSize: 12_345,
            packageHash: "q1w2e3r4t5y6u7i8o9p0==", metadata: packageMetadata
        )
        configure(&record)
        return record
    }

    /// `count` versions `1.0.0` … `1.0.{count-1}`, shuffled so tests prove the renderers sort them.
    static func versions(_ count: Int, id: String = "Contoso.Utils") throws -> [PackageVersionRecord] {
        try (0..<count).map { try record(id, "1.0.\($0)") }.shuffled()
    }
}
