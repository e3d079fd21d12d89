import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// A parsed XML element, by local name; the small tree `Nuspec` is read from.
///
/// NuGet clients read nuspec elements by local name (the NuGet 1.0 layout has a namespace-less `<package>`
/// around a namespaced `<metadata>`), so the tree keeps only local names and the namespace for reference.
struct XMLNode: Sendable {
    var name: String
    var namespace: String?
    var attributes: [String: String]
    var children: [XMLNode] = []
    var text = ""

    /// The first child with this local name (element names are case-sensitive in nuspecs).
    func child(_ name: String) -> XMLNode? { children.first { $0.name == name } }

    /// The trimmed text of a child, or nil when the child is absent or blank.
    func childText(_ name: String) -> String? {
        guard let text = child(name)?.text.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else {
            return nil
        }
        return text
    }

    /// A trimmed attribute value, or nil when absent or blank.
    func attribute(_ name: String) -> String? {
        guard let value = attributes[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
            return nil
        }
        return value
    }
}

/// Turns nuspec bytes into an `XMLNode` tree with Foundation's `XMLParser`, enforcing `NuspecLimits`.
///
/// Hostile input is stopped before the parser sees it: the size cap first, then any DOCTYPE (the only way
/// to declare entities, so this closes both entity expansion and XXE), then depth and element caps while
/// parsing.
enum NuspecXMLReader {
    static func parse(_ data: Data, limits: NuspecLimits) throws -> XMLNode {
        try parse(data, limits: limits, work: NuspecParseWork())
    }

    /// `parse(_:limits:)`, counting the work done into `work` (also when it throws), so tests can assert how
    /// far hostile input got instead of timing it.
    static func parse(_ data: Data, limits: NuspecLimits, work: NuspecParseWork) throws -> XMLNode {
        guard data.count <= limits.maxBytes else { throw NuspecError.tooLarge(limit: limits.maxBytes) }
        work.bytesDecoded = data.count
        let utf8 = try utf8Document(data)
        let parser = XMLParser(data: utf8)
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        let builder = TreeBuilder(limits: limits, work: work)
        parser.delegate = builder
        work.parserStarted = true
        let succeeded = parser.parse()
        if let error = builder.limitError { throw error }
        guard succeeded, let root = builder.root else {
            throw NuspecError.malformedXML(line: parser.lineNumber, column: parser.columnNumber)
        }
        return root
    }

    /// Returns the document as UTF-8 without a byte-order mark, after refusing any DOCTYPE.
    ///
    /// UTF-16 documents (allowed by XML, written by some Windows tools) are transcoded and their XML
    /// declaration dropped, since it would name the old encoding.
    static func utf8Document(_ data: Data) throws -> Data {
        let bytes = [UInt8](data)
        var text: String
        var transcoded = false
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let encoding: String.Encoding = bytes[0] == 0xFF ? .utf16LittleEndian : .utf16BigEndian
            guard bytes.count % 2 == 0, let decoded = String(bytes: bytes.dropFirst(2), encoding: encoding) else {
                throw NuspecError.invalidEncoding
            }
            text = decoded
            transcoded = true
        } else {
            let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
            guard let decoded = String(validating: body, as: UTF8.self) else { throw NuspecError.invalidEncoding }
            text = decoded
        }
        if text.range(of: "<!DOCTYPE", options: .caseInsensitive) != nil { throw NuspecError.doctypeNotAllowed }
        try refuseProcessingInstructions(text)
        if transcoded, text.hasPrefix("<?xml"), let end = text.range(of: "?>") {
            text.removeSubrange(text.startIndex..<end.upperBound)
        }
        return Data(text.utf8)
    }

    /// Refuses every `<?…?>` except the leading XML declaration.
    ///
    /// swift-corelibs-foundation's `XMLParser` calls `strlen` on a processing instruction's data, which libxml2
    /// passes as NULL for `<?x?>`, crashing the process (found by Fuzz/FuzzNuspec). A nuspec never needs one.
    static func refuseProcessingInstructions(_ text: String) throws {
        var rest = Substring(text)
        if rest.hasPrefix("<?xml"), let next = rest.dropFirst(5).first, next.isWhitespace,
           let end = rest.range(of: "?>") {
            rest = rest[end.upperBound...]
        }
        if rest.contains("<?") { throw NuspecError.processingInstructionNotAllowed }
    }
}

/// How far one nuspec got: refused before decoding, before `XMLParser`, or after how many elements.
final class NuspecParseWork {
    /// Bytes decoded and scanned for a DOCTYPE (0 when the size cap refused the document first).
    var bytesDecoded = 0
    /// Whether `XMLParser` was run at all (never for a DOCTYPE or a processing instruction).
    var parserStarted = false
    /// Elements `XMLParser` reported before the document ended or a cap stopped it.
    var elementsStarted = 0
    /// Of those, `<dependency>` elements.
    var dependenciesStarted = 0
}

/// `XMLParserDelegate` that builds the tree and aborts as soon as a cap is passed.
private final class TreeBuilder: NSObject, XMLParserDelegate {
    let limits: NuspecLimits
    var stack: [XMLNode] = []
    var root: XMLNode?
    var limitError: NuspecError?
    let work: NuspecParseWork
    var elementCount = 0
    var dependencyCount = 0

    init(limits: NuspecLimits, work: NuspecParseWork) {
        self.limits = limits
        self.work = work
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
        qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
    ) {
        elementCount += 1
        if elementName == "dependency" || elementName.hasSuffix(":dependency") { dependencyCount += 1 }
        work.elementsStarted = elementCount
        work.dependenciesStarted = dependencyCount
        if stack.count >= limits.maxDepth {
            return stop(parser, .tooDeep(limit: limits.maxDepth))
        }
        if elementCount > limits.maxElements {
            return stop(parser, .tooManyElements(limit: limits.maxElements))
        }
        if dependencyCount > limits.maxDependencies {
            return stop(parser, .tooManyDependencies(limit: limits.maxDependencies))
        }
        let localName = elementName.split(separator: ":").last.map(String.init) ?? elementName
        let namespace = namespaceURI?.isEmpty == false ? namespaceURI : nil
        stack.append(XMLNode(name: localName, namespace: namespace, attributes: attributeDict))
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        guard let node = stack.popLast() else { return }
        if stack.isEmpty {
            root = node
        } else {
            stack[stack.count - 1].children.append(node)
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += string
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += String(decoding: CDATABlock, as: UTF8.self)
    }

    private func stop(_ parser: XMLParser, _ error: NuspecError) {
        limitError = error
        parser.abortParsing()
    }
}
