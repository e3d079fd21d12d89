public import Hummingbird
import HTTPTypes
import Foundation

/// An error answer in the shape NuGet clients can show: a one-line message in the HTTP/1.1
/// reason phrase (the dotnet CLI and nuget.exe print it) and the same line as the body.
///
/// HTTP/2 has no reason phrase, so the body always carries the message too.
public struct NuGetHTTPError: HTTPResponseError, Sendable {
    public let status: HTTPResponse.Status
    public let message: String
    /// Extra headers (`WWW-Authenticate`, `Retry-After`).
    public let headers: HTTPFields
    /// The body is `{"error": "<message>"}` (nuget.org's token endpoint) instead of the plain line.
    public let isJSON: Bool

    /// Creates an error answer; the message is folded onto one Latin-1-safe line of at most 512 characters.
    public init(_ code: Int, _ message: String, headers: HTTPFields = [:], json: Bool = false) {
        let line = Self.oneLine(message)
        self.status = HTTPResponse.Status(code: code, reasonPhrase: line)
        self.message = line
        self.headers = headers
        self.isJSON = json
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        response(isHead: request.method == .head)
    }

    /// The answer for a GET (or HEAD: the same headers, no body); the fast path builds its 404s with it too.
    public func response(isHead: Bool) -> Response {
        var headers = self.headers
        headers[.contentType] = isJSON ? "application/json; charset=utf-8" : "text/plain; charset=utf-8"
        // Moved into the status line by ReasonPhraseWriter (NIO would otherwise write the standard phrase).
        headers[HTTPField.Name(ReasonPhraseWriter.header)!] = message
        let text = bodyText
        let body = isHead ? ByteBuffer() : ByteBuffer(string: text)
        headers[.contentLength] = String(text.utf8.count)
        return Response(status: status, headers: headers, body: .init(byteBuffer: body))
    }

    /// The body of a GET's answer: the line, or `{"error": …}`, and a newline.
    public var bodyText: String {
        if isJSON, let data = try? JSONSerialization.data(withJSONObject: ["error": message], options: [.withoutEscapingSlashes]) {
            return String(decoding: data, as: UTF8.self) + "\n"
        }
        return message + "\n"
    }

    /// Folds CR/LF and control characters to spaces, replaces non-Latin-1 characters with `?`
    /// (a reason phrase is ISO-8859-1 on the wire) and cuts at 512 characters.
    public static func oneLine(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if out.unicodeScalars.count >= 512 { break }
            switch scalar.value {
            case 0..<0x20, 0x7F: out.unicodeScalars.append(" ")
            case 0x20..<0x100: out.unicodeScalars.append(scalar)
            default: out.unicodeScalars.append("?")
            }
        }
        return out.trimmingCharacters(in: .whitespaces)
    }
}
