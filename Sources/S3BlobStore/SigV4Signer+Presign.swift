public import Foundation

extension SigV4Signer {
    /// A URL anyone can GET (or `method`) until `expires` after `date`, signed in its query string.
    ///
    /// Only `host` is signed and the payload is `UNSIGNED-PAYLOAD`, as S3 requires for query-string
    /// auth (<https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html>). A session
    /// token goes in the query too, so the URL works without any header.
    public func presign(_ request: SigV4Request, expires: Duration, date: Date) -> URL {
        var signed = request
        let stamp = SigV4Date(date)
        let seconds = max(1, min(604_800, expires.components.seconds))  // S3 allows 1 s to 7 days
        signed.query += [
            .init("X-Amz-Algorithm", "AWS4-HMAC-SHA256"),
            .init("X-Amz-Credential", "\(credentials.accessKeyID)/\(scope(stamp))"),
            .init("X-Amz-Date", stamp.dateTime),
            .init("X-Amz-Expires", String(seconds)),
            .init("X-Amz-SignedHeaders", "host"),
        ]
        if let token = credentials.sessionToken { signed.query.append(.init("X-Amz-Security-Token", token)) }
        signed.headers = []
        let (canonicalHeaders, signedHeaders) = Self.canonicalHeaders(signed)
        let canonical = [
            signed.method, signed.encodedPath, signed.canonicalQuery, canonicalHeaders, signedHeaders, "UNSIGNED-PAYLOAD",
        ].joined(separator: "\n")
        signed.query.append(.init("X-Amz-Signature", signature(canonicalRequest: canonical, stamp: stamp)))
        return URL(string: signed.url)!
    }
}
