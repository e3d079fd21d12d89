import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A small element tree read with `XMLParser`: S3's answers are short documents (a list page is at
/// most 1000 keys), so a tree is simpler than a streaming state machine. Namespaces are ignored.
struct S3XML: Sendable {
    /// The local element name (`Key`).
    var name: String
    /// The text directly inside the element.
    var text = ""
    /// Child elements in document order.
    var children: [S3XML] = []

    /// The first child named `name`.
    func child(_ name: String) -> S3XML? { children.first { $0.name == name } }
    /// All children named `name`.
    func children(_ name: String) -> [S3XML] { children.filter { $0.name == name } }
    /// The text of the first child named `name`.
    func text(_ name: String) -> String? { child(name)?.text }

    /// Parses a document; throws `S3Error.invalidResponse` when it is not XML.
    static func parse(_ data: Data) throws -> S3XML {
        let builder = TreeBuilder()
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            throw S3Error.invalidResponse("the body is not an XML document: \(String(decoding: data.prefix(200), as: UTF8.self))")
        }
        return root
    }

    /// Escapes text for an element body.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}

/// The delegate that builds the tree: a stack of open elements.
private final class TreeBuilder: NSObject, XMLParserDelegate {
    var stack: [S3XML] = []
    var root: S3XML?

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        stack.append(S3XML(name: name))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if !stack.isEmpty { stack[stack.count - 1].text += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        guard let done = stack.popLast() else { return }
        if stack.isEmpty { root = done } else { stack[stack.count - 1].children.append(done) }
    }
}
