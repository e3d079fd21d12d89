import AsyncHTTPClient
import Foundation
import NIOCore

extension S3Client {
    /// ListObjectsV2, following continuation tokens until the listing ends; keys in S3's order
    /// (UTF-8 binary, which is sorted). `pageSize` is `max-keys` (S3 caps it at 1000).
    public func listObjects(prefix: String, pageSize: Int = 1000) async throws -> [String] {
        var keys: [String] = []
        var token: String?
        repeat {
            var query: [SigV4Request.QueryParameter] = [.init("list-type", "2"), .init("prefix", prefix), .init("max-keys", String(pageSize))]
            if let token { query.append(.init("continuation-token", token)) }
            let response = try await send(request("GET", key: nil, query: query))
            let page = try S3XML.parse(try await Self.collect(response, what: "the listing of '\(prefix)'"))
            keys += page.children("Contents").compactMap { $0.text("Key") }
            token = page.text("IsTruncated") == "true" ? page.text("NextContinuationToken") : nil
            if page.text("IsTruncated") == "true", token == nil {
                throw S3Error.invalidResponse("a truncated listing of '\(prefix)' has no NextContinuationToken.")
            }
        } while token != nil
        return keys
    }

    /// CreateBucket; an existing bucket of ours is fine, so it can run at every start.
    public func createBucket() async throws {
        var body = ""
        if location.region != "us-east-1" {  // us-east-1 refuses its own name as a constraint
            body = "<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><LocationConstraint>"
                + S3XML.escape(location.region) + "</LocationConstraint></CreateBucketConfiguration>"
        }
        let configuration = body
        var makeBody: (@Sendable () -> HTTPClientRequest.Body)?
        if !configuration.isEmpty {
            let bytes = ByteBuffer(string: configuration)
            makeBody = { HTTPClientRequest.Body.bytes(bytes) }
        }
        do {
            _ = try await send(
                request("PUT", key: nil, headers: [.init("content-length", String(configuration.utf8.count))]),
                body: makeBody, payload: .bytes(Data(configuration.utf8))
            )
        } catch S3Error.service(_, "BucketAlreadyOwnedByYou", _) {
            return
        }
    }

    /// Deletes every object under the prefix and then the bucket (test clean-up; never used by the store).
    public func deleteBucketAndContents() async throws {
        for key in try await listObjects(prefix: "") { try await deleteObject(key) }
        _ = try await send(request("DELETE", key: nil), accept: [404])
    }
}
