import Foundation
import Gallery
import NuGetCore

extension WebGallery {
    /// `/packages/{id}/atom.xml`: the package's listed versions, newest first (nil for an unknown id).
    func atomFeed(id: String) -> String? {
        guard let packageID = try? PackageID(validating: id),
              let package = gallery.feed.snapshot().packages[packageID.lowercased] else { return nil }
        let listed = package.versions.filter(\.listed).reversed()
        guard let newest = listed.first ?? package.versions.last else { return nil }
        let base = gallery.urls.base
        let packageURL = base + PackageURLs.package(id: newest.id)
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
            <title>\(Self.xml(newest.id)) versions on \(Self.xml(siteName))</title>
            <id>\(Self.xml(packageURL))</id>
            <link rel="alternate" type="text/html" href="\(Self.xml(packageURL))"/>
            <link rel="self" type="application/atom+xml" href="\(Self.xml(packageURL + "/atom.xml"))"/>
            <updated>\(Format.iso(listed.map { $0.lastEdited ?? $0.published }.max() ?? newest.created))</updated>

            """
        for version in listed.prefix(100) {
            let record = version
            let url = base + PackageURLs.version(id: record.id, version: record.normalizedVersion)
            xml += """
                <entry>
                <title>\(Self.xml(record.id)) \(Self.xml(record.version))</title>
                <id>\(Self.xml(url))</id>
                <link rel="alternate" type="text/html" href="\(Self.xml(url))"/>
                <updated>\(Format.iso(record.lastEdited ?? record.published))</updated>
                <published>\(Format.iso(record.published))</published>
                <author><name>\(Self.xml(record.texts.authors))</name></author>
                <summary type="text">\(Self.xml(record.texts.summary ?? record.texts.description))</summary>
                </entry>

                """
        }
        return xml + "</feed>\n"
    }

    /// Escapes text for XML content and attributes (NuGetCore's one XML escaper).
    static func xml(_ text: String) -> String { XMLText.escape(text) }
}
