import Foundation
import NuGetCore
import Gallery

/// Writes V2 Atom feeds and entries (OData v2, WCF Data Services dialect; protocol §7, "Entry shape").
///
/// nuget.exe 2.x maps `Id`, `Authors`, `Summary` and `LastUpdated` from the Atom `<title>`,
/// `<author><name>`, `<summary>` and `<updated>` (EntityPropertyMapping with keepInContent=false),
/// so those elements carry them; NuGet.Client reads `d:Id` first, so `m:properties` repeats them.
struct AtomWriter {
    let urls: FeedURLs
    /// `{base}/api/v2/` — the `xml:base` of every document.
    var feedBase: String { urls.legacyGallery }

    static let namespaces = """
        xmlns="http://www.w3.org/2005/Atom" \
        xmlns:d="http://schemas.microsoft.com/ado/2007/08/dataservices" \
        xmlns:m="http://schemas.microsoft.com/ado/2007/08/dataservices/metadata"
        """

    /// A feed: `title` is the collection or function name, `selfPath` is relative to the feed base.
    func feed(
        title: String, selfPath: String, rows: [V2Row], count: Int?, nextLink: String?, updated: Date
    ) -> String {
        let parts = feedParts(title: title, selfPath: selfPath, rows: rows, count: count, nextLink: nextLink)
        return parts.head + ODataDate.atom(updated) + parts.tail
    }

    /// A feed without the value of its `<updated>` (the time of the answer): the text before it and after it.
    func feedParts(title: String, selfPath: String, rows: [V2Row], count: Int?, nextLink: String?) -> (head: String, tail: String) {
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        xml += "<feed xml:base=\"\(Self.escape(feedBase))\" \(Self.namespaces)>"
        xml += "<id>\(Self.escape(feedBase + selfPath))</id>"
        xml += "<title type=\"text\">\(Self.escape(title))</title>"
        xml += "<updated>"
        var tail = "</updated>"
        tail += "<link rel=\"self\" title=\"\(Self.escape(title))\" href=\"\(Self.escape(selfPath))\" />"
        if let count { tail += "<m:count>\(count)</m:count>" }
        for row in rows { appendEntry(row, to: &tail, standalone: false) }
        if let nextLink { tail += "<link rel=\"next\" href=\"\(Self.escape(nextLink))\" />" }
        tail += "</feed>"
        return (xml, tail)
    }

    /// A single entry document (`Packages(Id='…',Version='…')`).
    func entry(_ row: V2Row) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        appendEntry(row, to: &xml, standalone: true)
        return xml
    }

    /// The entry's address: `Packages(Id='X',Version='Y')` with the V2 `Version` spelling.
    func entryURL(_ row: V2Row) -> String {
        "\(feedBase)Packages(Id='\(Self.literal(row.summary.id))',Version='\(Self.literal(V2Row.wireVersion(row.summary)))')"
    }

    /// `<content src>`: the download URL. V2 clients never build it themselves (media link entry).
    func contentURL(_ row: V2Row) -> String {
        "\(feedBase)package/\(row.summary.id)/\(row.summary.normalizedVersion)"
    }

    private func appendEntry(_ row: V2Row, to xml: inout String, standalone: Bool) {
        let v = row.summary, texts = v.texts
        xml += standalone ? "<entry xml:base=\"\(Self.escape(feedBase))\" \(Self.namespaces)>" : "<entry>"
        let address = Self.escape(entryURL(row))
        xml += "<id>\(address)</id>"
        xml += "<category term=\"NuGetGallery.OData.V2FeedPackage\" scheme=\"http://schemas.microsoft.com/ado/2007/08/dataservices/scheme\" />"
        xml += "<link rel=\"edit\" title=\"V2FeedPackage\" href=\"\(address)\" />"
        xml += "<link rel=\"edit-media\" title=\"V2FeedPackage\" href=\"\(address)/$value\" />"
        xml += "<title type=\"text\">\(Self.escape(texts.id))</title>"
        xml += "<summary type=\"text\">\(Self.escape(texts.summary ?? ""))</summary>"
        xml += "<updated>\(ODataDate.atom(v.lastEdited ?? v.created))</updated>"
        xml += "<author><name>\(Self.escape(texts.authors))</name></author>"
        xml += "<content type=\"application/zip\" src=\"\(Self.escape(contentURL(row)))\" />"
        xml += "<m:properties>"
        for property in V2Property.allCases { appendProperty(property, row.value(property, urls: urls), to: &xml) }
        xml += "</m:properties></entry>"
    }

    private func appendProperty(_ property: V2Property, _ value: ODataValue, to xml: inout String) {
        let name = property.rawValue
        let type = property.edmType.map { " m:type=\"\($0)\"" } ?? ""
        switch value {
        case .null: xml += "<d:\(name)\(type) m:null=\"true\" />"
        case .date(let date): xml += "<d:\(name)\(type)>\(ODataDate.edm(date))</d:\(name)>"
        default: xml += "<d:\(name)\(type)>\(Self.escape(value.text ?? ""))</d:\(name)>"
        }
    }

    /// A quote inside an OData string literal is doubled.
    static func literal(_ text: String) -> String { text.replacingOccurrences(of: "'", with: "''") }

    /// XML text and attribute escaping (NuGetCore's one XML escaper, apostrophes kept as the feed always wrote them).
    static func escape(_ text: String) -> String { XMLText.escape(text, apostrophe: false) }
}
