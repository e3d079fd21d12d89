import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// One Atom entry read the way nuget.exe 2.x reads it: id from `<title>`, authors from
/// `<author><name>`, download URL from `<content src>`, the rest from `m:properties`.
struct AtomEntry: Sendable {
    var title = ""
    var authorName = ""
    var contentSource = ""
    var entryID = ""
    /// `d:Name` → text; nil for `m:null="true"`.
    var properties: [String: String?] = [:]
    var types: [String: String] = [:]

    func property(_ name: String) -> String? { properties[name] ?? nil }
    var version: String { property("Version") ?? "" }
    func flag(_ name: String) -> Bool { property(name) == "true" }
}

/// A parsed V2 feed (or a single entry document).
struct AtomFeed: Sendable {
    var entries: [AtomEntry] = []
    var nextLink: String?
    var count: Int?
    var xmlBase: String?

    init(parsing data: Data) throws {
        let delegate = AtomDelegate()
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.delegate = delegate
        guard parser.parse() else { throw AtomError(message: "not XML: \(parser.parserError.map { "\($0)" } ?? "?")") }
        self = delegate.feed
    }

    /// `title version` lines, as `nuget list -AllVersions` prints them.
    var listing: [String] { entries.map { "\($0.title) \($0.version)" } }
}

struct AtomError: Error { let message: String }

private final class AtomDelegate: NSObject, XMLParserDelegate {
    static let atom = "http://www.w3.org/2005/Atom"
    static let data = "http://schemas.microsoft.com/ado/2007/08/dataservices"
    static let metadata = "http://schemas.microsoft.com/ado/2007/08/dataservices/metadata"
    var feed = AtomFeed(empty: ())
    var entry: AtomEntry?
    var text = ""
    var nullProperty = false
    var path: [String] = []

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        path.append(name)
        text = ""
        nullProperty = attributes["null"] == "true" || attributes["m:null"] == "true"
        if namespaceURI == Self.atom {
            switch name {
            case "feed": feed.xmlBase = attributes["base"] ?? attributes["xml:base"]
            case "entry":
                entry = AtomEntry()
                if path.count == 1 { feed.xmlBase = attributes["base"] ?? attributes["xml:base"] }
            case "content": entry?.contentSource = attributes["src"] ?? ""
            case "link" where attributes["rel"] == "next" && entry == nil: feed.nextLink = attributes["href"]
            default: break
            }
        }
        if namespaceURI == Self.data, let type = attributes["type"] ?? attributes["m:type"] { entry?.types[name] = type }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        defer { path.removeLast() }
        if namespaceURI == Self.data, entry != nil {
            entry?.properties[name] = nullProperty ? .some(nil) : .some(text)
            return
        }
        if namespaceURI == Self.metadata, name == "count", entry == nil { feed.count = Int(text) }
        guard namespaceURI == Self.atom else { return }
        switch name {
        case "title" where entry != nil && path.count >= 2 && path[path.count - 2] == "entry": entry?.title = text
        case "id" where entry != nil && path[path.count - 2] == "entry": entry?.entryID = text
        case "name" where entry != nil: entry?.authorName = text
        case "entry":
            if let entry { feed.entries.append(entry) }
            entry = nil
        default: break
        }
    }
}

extension AtomFeed {
    /// An empty feed for the parser delegate to fill.
    fileprivate init(empty: Void) {}
}
