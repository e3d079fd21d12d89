import Foundation
import Hummingbird
import HTTPTypes

/// An `application/x-www-form-urlencoded` body, and the checks every posted form passes.
struct WebForm: Sendable {
    let fields: [String: String]
    /// Every value of repeated fields (checkbox lists), in order.
    let all: [(String, String)]

    subscript(_ name: String) -> String? { fields[name] }

    func values(_ name: String) -> [String] { all.filter { $0.0 == name }.map(\.1) }

    /// Reads at most 64 KB of form body.
    static func read(_ request: Request) async throws -> WebForm {
        let buffer = try await request.body.collect(upTo: 64 * 1024)
        return parse(String(buffer: buffer))
    }

    static func parse(_ text: String) -> WebForm {
        var fields: [String: String] = [:]
        var all: [(String, String)] = []
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String {
                part.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            let name = decode(parts[0]), value = parts.count > 1 ? decode(parts[1]) : ""
            if fields[name] == nil { fields[name] = value }
            all.append((name, value))
        }
        return WebForm(fields: fields, all: all)
    }

    /// The CSRF defence: a browser that says the form came from another site is refused, and the form's token
    /// must equal the session's (or, before sign-in, the `pallet_csrf` cookie's).
    func isTrusted(_ request: Request) -> Bool {
        if let site = request.headers[HTTPField.Name("Sec-Fetch-Site")!], site != "same-origin", site != "none" { return false }
        guard let expected = WebVisitor.current?.csrfToken, let token = fields["__RequestVerificationToken"] else { return false }
        return Self.constantTimeEqual(Array(token.utf8), Array(expected.utf8))
    }

    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// A value for a query string.
    static func queryEscape(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~/")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    /// Only a path on this site: `/…` but not `//…` or `/\…` (which browsers read as another host).
    static func localReturnURL(_ candidate: String?) -> String {
        guard let candidate, candidate.hasPrefix("/"), !candidate.hasPrefix("//"), !candidate.hasPrefix("/\\"),
              !candidate.contains(where: { $0.isNewline || $0 == "\\" }), candidate.count < 2_000
        else { return "/" }
        return candidate
    }
}
