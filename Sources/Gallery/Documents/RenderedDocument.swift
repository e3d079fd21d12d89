public import Foundation
import Crypto

/// A read document rendered on write and served as-is (design: "static-first reads").
public struct RenderedDocument: Sendable, Equatable {
    /// URL path below `/v3/` (`flat/x/index.json`, `registration/x/index.json`, `catalog/page0.json`).
    public let path: String
    public let body: Data
    /// Strong validator: quoted hex of the body's SHA-256 prefix.
    public let etag: String
    public let contentType: String

    /// Wraps a body; the ETag is derived from the bytes so equal bodies on every node share it.
    public init(path: String, body: Data, contentType: String = "application/json; charset=utf-8") {
        self.path = path
        self.body = body
        self.contentType = contentType
        let digest = SHA256.hash(data: body)
        self.etag = "\"" + digest.prefix(12).map { String(format: "%02x", $0) }.joined() + "\""
    }
}
