import Foundation
public import Gallery
public import Hummingbird

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
        let alwaysGzip = FeedURLs.Hive.isGzipEncoded(documentPath: document.path)
        var gzip = false
        var etag = document.etag
        var headers: HTTPFields = [.contentType: document.contentType, .cacheControl: cacheControl]
        if alwaysGzip || acceptsGzip(request.headers[.acceptEncoding]), document.gzipped(using: GzipEncoder.encode) != nil {
            gzip = true
            etag = document.gzipETag
            headers[.contentEncoding] = "gzip"
        }
        if !alwaysGzip { headers[.vary] = "Accept-Encoding" }
        headers[.eTag] = etag
        if matches(request.headers[.ifNoneMatch], etag) {
            return Response(status: .notModified, headers: headers)
        }
        // The send buffer is made once per document and encoding: a read copies no bytes (ByteBuffer is
        // copy-on-write, and nothing writes to it).
        let buffer = document.wireForm(gzip: gzip) {
            ByteBuffer(bytes: gzip ? document.gzipped(using: GzipEncoder.encode) ?? document.body : document.body)
        }
        headers[.contentLength] = String(buffer.readableBytes)
        if request.method == .head { return Response(status: .ok, headers: headers) }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: buffer))
    }

    /// Whether an `Accept-Encoding` value allows gzip: `gzip` or `*` listed without `q=0`.
    static func acceptsGzip(_ acceptEncoding: String?) -> Bool {
        guard let acceptEncoding else { return false }
        // NuGet sends "gzip, deflate": without q-values, naming gzip is enough (no parsing, no allocation).
        if !acceptEncoding.utf8.contains(UInt8(ascii: ";")) && acceptEncoding.contains("gzip") { return true }
        return acceptEncoding.split(separator: ",").contains { item in
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let coding = parts.first, coding == "gzip" || coding == "x-gzip" || coding == "*" else { return false }
            let q = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return q > 0
        }
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
