import Logging
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

extension S3Client {
    /// Uploads a file in `partSize` parts, one at a time (a part is streamed from disk, so memory
    /// stays at one chunk); the object appears only when CompleteMultipartUpload succeeds, and any
    /// failure aborts the upload so S3 does not keep (and bill) the orphaned parts.
    func multipartUpload(_ key: String, fileAt path: String, size: Int64) async throws {
        let uploadID = try await createMultipartUpload(key)
        do {
            var parts: [(number: Int, eTag: String)] = []
            var offset: Int64 = 0
            while offset < size {
                let length = min(partSize, size - offset)
                let number = parts.count + 1
                let response = try await send(
                    request("PUT", key: key,
                            query: [.init("partNumber", String(number)), .init("uploadId", uploadID)],
                            headers: [.init("content-length", String(length))]),
                    body: { [offset] in .stream(FileChunks(path: path, offset: offset, length: length), length: .known(length)) },
                    payload: .unsigned, timeout: Self.streamingTimeout
                )
                guard let eTag = response.headers.first(name: "etag") else {
                    throw S3Error.invalidResponse("part \(number) of '\(key)' came back without an ETag.")
                }
                parts.append((number, eTag))
                offset += length
            }
            try await completeMultipartUpload(key, uploadID: uploadID, parts: parts)
        } catch {
            logger.warning("multipart upload failed; aborting it", metadata: ["key": "\(key)", "error": "\(error)"])
            // Best effort: if the service is down the abort fails too; a bucket lifecycle rule
            // (AbortIncompleteMultipartUpload) is the backstop.
            _ = try? await send(request("DELETE", key: key, query: [.init("uploadId", uploadID)]), accept: [404])
            throw error
        }
    }

    func createMultipartUpload(_ key: String) async throws -> String {
        let response = try await send(request("POST", key: key, query: [.init("uploads")]))
        let document = try S3XML.parse(try await Self.collect(response, what: "CreateMultipartUpload"))
        guard let uploadID = document.text("UploadId"), !uploadID.isEmpty else {
            throw S3Error.invalidResponse("CreateMultipartUpload for '\(key)' returned no UploadId.")
        }
        return uploadID
    }

    func completeMultipartUpload(_ key: String, uploadID: String, parts: [(number: Int, eTag: String)]) async throws {
        let xml = "<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
            + parts.map { "<Part><PartNumber>\($0.number)</PartNumber><ETag>\(S3XML.escape($0.eTag))</ETag></Part>" }.joined()
            + "</CompleteMultipartUpload>"
        let body = Data(xml.utf8)
        let response = try await send(
            request("POST", key: key, query: [.init("uploadId", uploadID)], headers: [.init("content-length", String(body.count))]),
            body: { .bytes(ByteBuffer(bytes: body)) }, payload: .bytes(body), timeout: Self.streamingTimeout
        )
        // S3 may answer 200 and still fail: the error document then arrives in the body
        // (https://docs.aws.amazon.com/AmazonS3/latest/API/API_CompleteMultipartUpload.html).
        let document = try S3XML.parse(try await Self.collect(response, what: "CompleteMultipartUpload"))
        if document.name == "Error" {
            let code = document.text("Code") ?? "InternalError"
            let message = document.text("Message") ?? "CompleteMultipartUpload failed."
            throw code == "InternalError" || code == "SlowDown" ? S3Error.unavailable("\(code): \(message)")
                : S3Error.service(status: 200, code: code, message: message)
        }
    }
}
