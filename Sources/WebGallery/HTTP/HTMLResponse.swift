import CompressNIO
import Foundation
import Hummingbird
import HTTPTypes
import NIOCore

/// Builds every web answer: security headers on all of them, gzip when the client accepts it.
enum HTMLResponse {
    /// No script but our own file, no style but our own sheet, images from ourselves only (package icons are
    /// served by the flat container; README images are rendered as links, see docs/WEB.md), no framing.
    static let contentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
        + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

    /// An HTML page.
    static func page(_ html: String, status: HTTPResponse.Status = .ok, request: Request, cacheSeconds: Int = 0) -> Response {
        make(html, contentType: "text/html; charset=utf-8", status: status, request: request,
             cacheControl: cacheSeconds > 0 ? "public, max-age=\(cacheSeconds)" : "no-cache")
    }

    /// Any text body (stylesheet, script, Atom feed, SVG) with its content type and cache policy.
    static func make(
        _ text: String, contentType: String, status: HTTPResponse.Status = .ok, request: Request, cacheControl: String
    ) -> Response {
        var headers = securityHeaders
        headers[.contentType] = contentType
        headers[.cacheControl] = cacheControl
        headers[.vary] = "Accept-Encoding"
        var buffer = ByteBuffer(string: text)
        if buffer.readableBytes > 1_024, acceptsGzip(request), let compressed = try? buffer.compress(with: .gzip()) {
            buffer = compressed
            headers[.contentEncoding] = "gzip"
        }
        headers[.contentLength] = String(buffer.readableBytes)
        // HEAD answers the same headers without a body.
        let body = request.method == .head ? ResponseBody() : ResponseBody(byteBuffer: buffer)
        return Response(status: status, headers: headers, body: body)
    }

    /// A redirect (302) to a path on this site.
    static func redirect(to location: String, status: HTTPResponse.Status = .found) -> Response {
        var headers = securityHeaders
        headers[.location] = location
        headers[.cacheControl] = "no-cache"
        return Response(status: status, headers: headers)
    }

    static var securityHeaders: HTTPFields {
        var headers = HTTPFields()
        headers[.contentSecurityPolicy] = contentSecurityPolicy
        headers[.xContentTypeOptions] = "nosniff"
        headers[.xFrameOptions] = "DENY"
        headers[.referrerPolicy] = "strict-origin-when-cross-origin"
        headers[.crossOriginOpenerPolicy] = "same-origin"
        return headers
    }

    /// `gzip` listed in Accept-Encoding without `q=0`.
    static func acceptsGzip(_ request: Request) -> Bool {
        guard let value = request.headers[.acceptEncoding]?.lowercased() else { return false }
        return value.split(separator: ",").contains { part in
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard pieces.first == "gzip" || pieces.first == "*" else { return false }
            let refused: Set<String> = ["q=0", "q=0.0", "q=0.00", "q=0.000"]
            return !pieces.dropFirst().contains { refused.contains($0.replacingOccurrences(of: " ", with: "")) }
        }
    }
}

extension HTTPField.Name {
    static let xFrameOptions = HTTPField.Name("X-Frame-Options")!
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    static let crossOriginOpenerPolicy = HTTPField.Name("Cross-Origin-Opener-Policy")!
}

extension HTMLResponse {
    /// An HTML page with pre-compressed fragments (`SplicedPage`): the same headers as `page`, and the same
    /// text; gzip is spliced from the fragments' stored deflate instead of compressing the whole page.
    static func page(_ page: SplicedPage, status: HTTPResponse.Status = .ok, request: Request) -> Response {
        var headers = securityHeaders
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-cache"
        headers[.vary] = "Accept-Encoding"
        let buffer: ByteBuffer
        if page.count > 1_024, acceptsGzip(request) {
            buffer = page.gzip()
            headers[.contentEncoding] = "gzip"
        } else {
            buffer = page.plain()
        }
        headers[.contentLength] = String(buffer.readableBytes)
        let body = request.method == .head ? ResponseBody() : ResponseBody(byteBuffer: buffer)
        return Response(status: status, headers: headers, body: body)
    }
}
