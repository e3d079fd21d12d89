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
    public static func response(_ document: RenderedDocument, request: Request, cacheControl: String = indexCacheControl) -> Response {
        var headers: HTTPFields = [
            .contentType: document.contentType,
            .eTag: document.etag,
            .cacheControl: cacheControl,
        ]
        if matches(request.headers[.ifNoneMatch], document.etag) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentLength] = String(document.body.count)
        if request.method == .head { return Response(status: .ok, headers: headers) }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: document.body)))
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
