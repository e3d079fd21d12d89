import NuGetProtocol

/// The URL and date rules of registration's `catalogEntry` (protocol §4).
extension RegistrationEntrySource {
    /// `published`, or nuget.org's `1900-01-01T00:00:00+00:00` while unlisted.
    static func published(_ record: PackageVersionRecord) -> String {
        WireDate.format(record.listed ? record.published : WireDate.unlistedPublished, zone: .offset)
    }

    /// An embedded icon is served from the flat container (nuget.org's convention, §3); otherwise the
    /// nuspec's deprecated `iconUrl`, or `""`.
    static func iconURL(_ record: PackageVersionRecord, urls: FeedURLs) -> String {
        if record.metadata.hasIcon {
            return urls.icon(lowerID: record.lowerID, lowerVersion: record.lowerVersion)
        }
        return record.metadata.iconUrl ?? ""
    }

    /// An expression links to its licenses.nuget.org page, a license file to the copy we serve;
    /// otherwise the nuspec's `licenseUrl` (which `dotnet pack` sets to `https://aka.ms/deprecateLicenseUrl`
    /// alongside `<license>`, hence the order).
    static func licenseURL(_ record: PackageVersionRecord, urls: FeedURLs) -> String {
        let metadata = record.metadata
        if let expression = metadata.licenseExpression, !expression.isEmpty {
            return urls.licenseExpression(expression)
        }
        if metadata.licenseFile != nil {
            return urls.licenseFile(lowerID: record.lowerID, lowerVersion: record.lowerVersion)
        }
        return metadata.licenseUrl ?? ""
    }

    /// The gallery page's readme tab, as nuget.org writes it.
    ///
    /// `readmeUrl` is documented as "URL of a rendered README web page": Visual Studio opens it in a
    /// browser, while the raw Markdown it renders in its own tab comes from `ReadmeUriTemplate` (the flat
    /// container's `readme`). Pointing this at the raw file would show Markdown source in the browser.
    static func readmeURL(_ record: PackageVersionRecord, urls: FeedURLs) -> String {
        guard record.metadata.hasReadme else { return "" }
        return urls.packageDetails(id: record.id, version: record.normalizedVersion) + "#readme-body-tab"
    }
}
