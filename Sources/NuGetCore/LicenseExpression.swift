/// A parsed SPDX license expression from `<license type="expression">`.
///
/// Grammar and validation follow NuGet.Packaging `NuGetLicenseExpressionParser`: identifiers
/// (optionally with `+`), `WITH` exception, `AND` binding tighter than `OR`, parentheses; operators
/// are case-sensitive upper case. Identifiers NuGet does not know (including `LicenseRef-...`)
/// parse, as in NuGet, and are flagged by ``hasUnknownIdentifier`` (nuget.org rejects them).
public struct LicenseExpression: Hashable, Sendable, CustomStringConvertible {
    /// A node of the expression tree.
    indirect enum Node: Hashable, Sendable {
        case license(id: String, plus: Bool)
        case with(license: String, plus: Bool, exception: String)
        case and(Node, Node)
        case or(Node, Node)
    }

    let root: Node

    /// Canonical text: single spaces, upper-case operators, parentheses only where precedence needs them
    /// (`MIT OR (Apache-2.0 AND BSD-3-Clause)` → `MIT OR Apache-2.0 AND BSD-3-Clause`).
    public let normalized: String

    /// Parses `text`.
    /// - Throws: ``LicenseExpressionError``.
    public init(parsing text: String) throws {
        var parser = try LicenseExpressionParser(text)
        root = try parser.parse()
        normalized = Self.render(root)
        if root != .license(id: "UNLICENSED", plus: false), licenseIdentifiers.contains("UNLICENSED") {
            throw LicenseExpressionError.unlicensedNotAlone
        }
    }

    /// License identifiers in order of appearance, without `+`, duplicates kept once.
    public var licenseIdentifiers: [String] {
        var seen: [String] = []
        Self.walk(root) { node in
            switch node {
            case .license(let id, _), .with(let id, _, _): if !seen.contains(id) { seen.append(id) }
            default: break
            }
        }
        return seen
    }

    /// Exception identifiers (after `WITH`) in order of appearance.
    public var exceptionIdentifiers: [String] {
        var seen: [String] = []
        Self.walk(root) { node in
            if case .with(_, _, let exception) = node, !seen.contains(exception) { seen.append(exception) }
        }
        return seen
    }

    /// True for the single identifier `UNLICENSED` (nuget.org's "no license granted").
    public var isUnlicensed: Bool { root == .license(id: "UNLICENSED", plus: false) }

    /// True if any license or exception identifier is not in the SPDX list NuGet knows.
    public var hasUnknownIdentifier: Bool {
        licenseIdentifiers.contains { !SPDXLicenseList.licenses.contains($0) && $0 != "UNLICENSED" }
            || exceptionIdentifiers.contains { !SPDXLicenseList.exceptions.contains($0) }
    }

    /// The ``normalized`` text.
    public var description: String { normalized }

    public static func == (lhs: LicenseExpression, rhs: LicenseExpression) -> Bool { lhs.root == rhs.root }
    public func hash(into hasher: inout Hasher) { hasher.combine(root) }

    private static func walk(_ node: Node, _ visit: (Node) -> Void) {
        visit(node)
        switch node {
        case .and(let left, let right), .or(let left, let right):
            walk(left, visit)
            walk(right, visit)
        default: break
        }
    }

    private static func render(_ node: Node) -> String {
        switch node {
        case .license(let id, let plus): return id + (plus ? "+" : "")
        case .with(let id, let plus, let exception): return id + (plus ? "+" : "") + " WITH " + exception
        case .or(let left, let right): return render(left) + " OR " + render(right)
        case .and(let left, let right):
            // OR binds looser than AND, so an OR under an AND keeps its parentheses.
            func side(_ node: Node) -> String {
                if case .or = node { return "(" + render(node) + ")" }
                return render(node)
            }
            return side(left) + " AND " + side(right)
        }
    }
}
