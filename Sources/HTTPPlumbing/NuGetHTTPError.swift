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

    /// Creates an error answer; the message is folded onto one Latin-1-safe line of at most 512 characters.
    public init(_ code: Int, _ message: String, headers: HTTPFields = [:]) {
        let line = Self.oneLine(message)
        self.status = HTTPResponse.Status(code: code, reasonPhrase: line)
        self.message = line
        self.headers = headers
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = self.headers
        headers[.contentType] = "text/plain; charset=utf-8"
        // Moved into the status line by ReasonPhraseWriter (NIO would otherwise write the standard phrase).
        headers[HTTPField.Name(ReasonPhraseWriter.header)!] = message
        let body = request.method == .head ? ByteBuffer() : ByteBuffer(string: message + "\n")
        headers[.contentLength] = String(message.utf8.count + 1)
        return Response(status: status, headers: headers, body: .init(byteBuffer: body))
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
