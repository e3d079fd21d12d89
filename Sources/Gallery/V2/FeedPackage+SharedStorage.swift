/// The V2 view holds every available version (1M at scale), and the versions of one id mostly repeat
/// their id, description, authors, tags: decoded per row, each copy had heap storage of its own.
/// Assigning an equal value from the previous version shares its storage instead (copy-on-write), so
/// an id's repeated texts are held once. Values are unchanged, only where their bytes live.
extension PackageVersionRecord {
    /// This record with every field equal to `previous`'s pointing at `previous`'s storage.
    func sharingStorage(with previous: PackageVersionRecord) -> PackageVersionRecord {
        var record = self
        if record.id == previous.id { record.id = previous.id }
        if record.packageHash == previous.packageHash { record.packageHash = previous.packageHash }
        if record.deprecation == previous.deprecation { record.deprecation = previous.deprecation }
        if record.metadata == previous.metadata {
            record.metadata = previous.metadata
        } else {
            record.metadata = record.metadata.sharingStorage(with: previous.metadata)
        }
        return record
    }

    /// Whether V2's `Search()` text of both records is the same (then one `FeedSearchText` serves both).
    func hasSameSearchText(as other: PackageVersionRecord) -> Bool {
        let (a, b) = (metadata, other.metadata)
        return id == other.id && a.title == b.title && a.tags == b.tags && a.summary == b.summary
            && a.description == b.description && a.authors == b.authors
    }
}

extension PackageMetadata {
    /// The fields that usually stay the same from one version to the next.
    func sharingStorage(with previous: PackageMetadata) -> PackageMetadata {
        var metadata = self
        if metadata.description == previous.description { metadata.description = previous.description }
        if metadata.authors == previous.authors { metadata.authors = previous.authors }
        if metadata.title == previous.title { metadata.title = previous.title }
        if metadata.summary == previous.summary { metadata.summary = previous.summary }
        if metadata.tags == previous.tags { metadata.tags = previous.tags }
        if metadata.projectUrl == previous.projectUrl { metadata.projectUrl = previous.projectUrl }
        if metadata.iconUrl == previous.iconUrl { metadata.iconUrl = previous.iconUrl }
        if metadata.licenseUrl == previous.licenseUrl { metadata.licenseUrl = previous.licenseUrl }
        if metadata.copyright == previous.copyright { metadata.copyright = previous.copyright }
        if metadata.releaseNotes == previous.releaseNotes { metadata.releaseNotes = previous.releaseNotes }
        if metadata.repository == previous.repository { metadata.repository = previous.repository }
        if metadata.dependencyGroups == previous.dependencyGroups { metadata.dependencyGroups = previous.dependencyGroups }
        if metadata.supportedFrameworks == previous.supportedFrameworks { metadata.supportedFrameworks = previous.supportedFrameworks }
        if metadata.packageTypes == previous.packageTypes { metadata.packageTypes = previous.packageTypes }
        return metadata
    }
}
