/// Why a `.nuspec` manifest could not be read.
///
/// Each case's `message` is the sentence nuget.org-style clients show after `Response status code does not
/// indicate success: 400 (…)`, so it names the element and what to change, never parser internals.
public enum NuspecError: NuGetCoreError, Equatable {
    /// A required element (`id`, `version`, `authors`, `description`, `metadata`) is absent or empty.
    case missingElement(String)
    /// The document declares a DOCTYPE. Refused outright: a nuspec never needs one, and it is the door to
    /// entity expansion ("billion laughs") and external entities (XXE).
    case doctypeNotAllowed
    /// The document has a processing instruction (`<?name …?>`) other than the XML declaration.
    case processingInstructionNotAllowed
    /// The nuspec is larger than the configured cap.
    case tooLarge(limit: Int)
    /// The bytes are neither UTF-8 nor UTF-16 with a byte-order mark.
    case invalidEncoding
    /// The XML is not well-formed.
    case malformedXML(line: Int, column: Int)
    /// The root element is not `<package>`.
    case wrongRootElement(String)
    /// Elements nest deeper than the cap.
    case tooDeep(limit: Int)
    /// The document has more elements than the cap.
    case tooManyElements(limit: Int)
    /// More `<dependency>` elements than the cap.
    case tooManyDependencies(limit: Int)
    /// An element or attribute has a value NuGet cannot read (`<version>1.0.0.0.0</version>`).
    case invalidValue(element: String, value: String, reason: String)
    /// `<dependencies>` mixes `<dependency>` and `<group>` children, which NuGet forbids.
    case mixedDependencyLayout
    /// `<license type="…">` is neither `expression` nor `file`.
    case invalidLicenseType(String)
    /// `<license>` has child elements; NuGet allows only text.
    case licenseHasChildElements

    /// The user-facing sentence.
    public var message: String {
        switch self {
        case .missingElement(let name):
            return "The nuspec has no <\(name)> element."
        case .doctypeNotAllowed:
            return "The nuspec contains a DOCTYPE declaration, which is not allowed."
        case .processingInstructionNotAllowed:
            return "The nuspec contains a processing instruction, which is not allowed."
        case .tooLarge(let limit):
            return "The nuspec is larger than the limit of \(limit) bytes."
        case .invalidEncoding:
            return "The nuspec is not valid UTF-8 or UTF-16 text."
        case .malformedXML(let line, let column):
            return "The nuspec is not well-formed XML (line \(line), column \(column))."
        case .wrongRootElement(let name):
            return "The nuspec's root element is <\(Self.clip(name))>, expected <package>."
        case .tooDeep(let limit):
            return "The nuspec nests elements deeper than the limit of \(limit) levels."
        case .tooManyElements(let limit):
            return "The nuspec has more than the limit of \(limit) elements."
        case .tooManyDependencies(let limit):
            return "The nuspec has more than the limit of \(limit) dependencies."
        case .invalidValue(let element, let value, let reason):
            return "The nuspec's \(element) value '\(Self.clip(value))' is invalid: \(Self.trimPeriod(reason))."
        case .mixedDependencyLayout:
            return "The nuspec's <dependencies> mixes <dependency> and <group> elements; use groups only."
        case .invalidLicenseType(let type):
            return "The nuspec's <license> type '\(Self.clip(type))' is not supported; use 'expression' or 'file'."
        case .licenseHasChildElements:
            return "The nuspec's <license> element must contain only text."
        }
    }

    /// Keeps user-supplied text short enough for an HTTP reason phrase.
    static func clip(_ text: String) -> String {
        text.count > 100 ? String(text.prefix(100)) + "…" : text
    }

    /// Lets a nested error's sentence continue this one without a doubled period.
    static func trimPeriod(_ text: String) -> String {
        var text = text
        while text.hasSuffix(".") { text.removeLast() }
        guard let first = text.first else { return text }
        return first.lowercased() + text.dropFirst()
    }
}
