import Foundation
public import Gallery
public import Hummingbird
import NIOCore

/// Builds answers for rendered documents and blobs with validators, so clients and proxies can revalidate.
public enum DocumentResponse {
    /// Version lists and indexes change on push: keep client caches short (protocol §12.15).
    public static let indexCacheControl = "public, max-age=60"
    /// A package version's files never change.
    public static let immutableCacheControl = BlobKey.immutableCacheControl

    /// 200 with the document, 304 when `If-None-Match` matches, headers only for HEAD.
    ///
    /// The body is gzip-encoded for clients that accept it (NuGet.Client always does), and always for the
    /// `-gz` registration hives, as nuget.org serves them. The compressed bytes are made once per document
    /// (`RenderedDocument.gzipped`), never per request.
    public static func response(_ document: RenderedDocument, request: Request, cacheControl: String = indexCacheControl) -> Response {
        response(
            document, isHead: request.method == .head, acceptEncoding: request.headers[.acceptEncoding],
            ifNoneMatch: request.headers[.ifNoneMatch], cacheControl: cacheControl)
    }

    /// The answer from the request's parts that decide it (the fast path has no `Request`): one function for
    /// both paths, so they send the same bytes.
    public static func response(
        _ document: RenderedDocument, isHead: Bool, acceptEncoding: String?, ifNoneMatch: String?,
        cacheControl: String = indexCacheControl
    ) -> Response {
        let gzip = sendsGzip(document, acceptEncoding: acceptEncoding)
        let etag = gzip ? document.gzipETag : document.etag
        return response(document, gzip: gzip, notModified: matches(ifNoneMatch, etag), isHead: isHead, cacheControl: cacheControl)
    }

    /// Whether the answer is gzip-encoded: for clients that accept it, and always for the `-gz` hives.
    public static func sendsGzip(_ document: RenderedDocument, acceptEncoding: String?) -> Bool {
        let alwaysGzip = FeedURLs.Hive.isGzipEncoded(documentPath: document.path)
        return (alwaysGzip || acceptsGzip(acceptEncoding)) && document.gzipped(using: GzipEncoder.encode) != nil
    }

    /// One of the document's answers: plain or gzip, 304 or 200, with or without the body.
    public static func response(_ document: RenderedDocument, gzip: Bool, notModified: Bool, isHead: Bool, cacheControl: String) -> Response {
        var headers: HTTPFields = [.contentType: document.contentType, .cacheControl: cacheControl]
        if gzip { headers[.contentEncoding] = "gzip" }
        if !FeedURLs.Hive.isGzipEncoded(documentPath: document.path) { headers[.vary] = "Accept-Encoding" }
        headers[.eTag] = gzip ? document.gzipETag : document.etag
        if notModified {
            return Response(status: .notModified, headers: headers)
        }
        let buffer = sendBuffer(document, gzip: gzip)
        headers[.contentLength] = String(buffer.readableBytes)
        if isHead { return Response(status: .ok, headers: headers) }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: buffer))
    }

    /// The send buffer, made once per document and encoding: a read copies no bytes (ByteBuffer is
    /// copy-on-write, and nothing writes to it).
    public static func sendBuffer(_ document: RenderedDocument, gzip: Bool) -> ByteBuffer {
        document.wireForm(gzip: gzip) {
            ByteBuffer(bytes: gzip ? document.gzipped(using: GzipEncoder.encode) ?? document.body : document.body)
        }
    }

    /// Whether an `Accept-Encoding` value allows gzip: `gzip` or `*` listed without `q=0`.
    public static func acceptsGzip(_ acceptEncoding: String?) -> Bool {
        guard let acceptEncoding else { return false }
        // NuGet sends "gzip, deflate": without q-values, naming gzip is enough (no parsing, no allocation).
        // Bytes, not `String.contains`: Foundation's substring search costs more than the rest of a fast answer.
        if !acceptEncoding.utf8.contains(UInt8(ascii: ";")) && containsGzip(acceptEncoding.utf8) { return true }
        return acceptEncoding.split(separator: ",").contains { item in
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let coding = parts.first, coding == "gzip" || coding == "x-gzip" || coding == "*" else { return false }
            let q = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return q > 0
        }
    }

    /// Whether the bytes contain "gzip" (as `String.contains("gzip")` decides).
    static func containsGzip(_ bytes: String.UTF8View) -> Bool {
        var matched = 0
        for byte in bytes {
            switch (matched, byte) {
            case (0, UInt8(ascii: "g")), (1, UInt8(ascii: "z")), (2, UInt8(ascii: "i")): matched += 1
            case (3, UInt8(ascii: "p")): return true
            default: matched = byte == UInt8(ascii: "g") ? 1 : 0
            }
        }
        return false
    }

    /// Whether an `If-None-Match` value names this ETag (or is `*`).
    public static func matches(_ ifNoneMatch: String?, _ etag: String) -> Bool {
        guard let ifNoneMatch else { return false }
        return ifNoneMatch.split(separator: ",").contains { candidate in
            let trimmed = candidate.trimmingCharacters(in: .whitespaces)
            return trimmed == "*" || trimmed == etag || trimmed == "W/" + etag
        }
    }
}
