import AsyncHTTPClient
public import Foundation
import NIOCore
import NIOHTTP1

/// What HEAD says about an object.
public struct S3ObjectInfo: Sendable, Equatable {
    /// The size in bytes.
    public var size: Int64
    /// The ETag as sent (quoted); multipart uploads end in `-N`, N being the part count.
    public var eTag: String
}

extension S3Client {
    /// PutObject from bytes in memory, with the body's real SHA-256 signed. S3 PUTs replace an
    /// object atomically: readers see the old bytes or the new, never a mix.
    public func putObject(_ key: String, data: Data) async throws {
        let body = HTTPClientRequest.Body.bytes(ByteBuffer(bytes: data))
        _ = try await send(
            request("PUT", key: key, headers: [.init("content-length", String(data.count))]),
            body: { body }, payload: .bytes(data)
        )
    }

    /// PutObject from a local file, streamed from disk; multipart above `multipartThreshold`.
    public func putObject(_ key: String, fileAt path: String) async throws {
        let size = try Self.fileSize(path)
        if size > multipartThreshold {
            try await multipartUpload(key, fileAt: path, size: size)
            return
        }
        // Unsigned payload: hashing first would read the file twice; S3 still checks the length.
        _ = try await send(
            request("PUT", key: key, headers: [.init("content-length", String(size))]),
            body: { .stream(FileChunks(path: path, length: size), length: .known(size)) },
            payload: .unsigned, timeout: Self.streamingTimeout
        )
    }

    /// GetObject whole; nil when absent. For small objects only.
    public func getObject(_ key: String, maxBytes: Int = 64 << 20) async throws -> Data? {
        let response = try await send(request("GET", key: key), accept: [404])
        if response.status.code == 404 {
            let error = await Self.error(from: response, method: "GET")
            guard error.code == "NoSuchKey" || error.code == "NotFound" else { throw error }
            return nil
        }
        do {
            return Data(try await response.body.collect(upTo: maxBytes).readableBytesView)
        } catch let error as NIOTooManyBytesError {
            throw S3Error.invalidResponse("'\(key)' is larger than \(maxBytes) bytes: \(error)")
        } catch {
            throw S3Error.unavailable("reading '\(key)' broke off: \(error)")
        }
    }

    /// GetObject as a stream of chunks, optionally a byte range and only if the ETag still matches;
    /// chunks are pulled from the connection as the consumer reads, so memory stays bounded.
    public func streamObject(_ key: String, range: Range<Int64>? = nil, ifMatch eTag: String? = nil) async throws -> AsyncThrowingStream<Data, any Error> {
        var headers: [SigV4Request.Header] = []
        if let range { headers.append(.init("range", "bytes=\(range.lowerBound)-\(range.upperBound - 1)")) }
        if let eTag { headers.append(.init("if-match", eTag)) }
        let response = try await send(request("GET", key: key, headers: headers), timeout: Self.streamingTimeout)
        let source = ResponseChunks(iterator: response.body.makeAsyncIterator(), key: key)
        return AsyncThrowingStream(unfolding: { try await source.next() })
    }

    /// HeadObject; nil when absent.
    public func headObject(_ key: String) async throws -> S3ObjectInfo? {
        let response = try await send(request("HEAD", key: key), accept: [404])
        if response.status.code == 404 { return nil }
        guard let size = response.headers.first(name: "content-length").flatMap({ Int64($0) }) else {
            throw S3Error.invalidResponse("HEAD '\(key)' has no Content-Length.")
        }
        return S3ObjectInfo(size: size, eTag: response.headers.first(name: "etag") ?? "")
    }

    /// DeleteObject; absent is fine (S3 answers 204 either way).
    public func deleteObject(_ key: String) async throws {
        _ = try await send(request("DELETE", key: key), accept: [404])
    }

    /// A URL that GETs `key` without credentials until `expiry` has passed.
    public func presignedGetURL(_ key: String, expiry: Duration) -> URL {
        signer.presign(request("GET", key: key), expires: expiry, date: now())
    }

    static func fileSize(_ path: String) throws -> Int64 {
        guard let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber else {
            throw LocalFileError("Cannot read the size of '\(path)'.")
        }
        return size.int64Value
    }
}

/// The response body iterator behind a download stream.
///
/// `AsyncThrowingStream(unfolding:)` calls `next` once at a time, never concurrently, which is
/// what makes holding the non-Sendable iterator here safe.
private final class ResponseChunks: @unchecked Sendable {
    private var iterator: HTTPClientResponse.Body.AsyncIterator
    private let key: String

    init(iterator: HTTPClientResponse.Body.AsyncIterator, key: String) {
        self.iterator = iterator
        self.key = key
    }

    func next() async throws -> Data? {
        do {
            return try await iterator.next().map { Data($0.readableBytesView) }
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw S3Error.unavailable("reading '\(key)' broke off: \(error)")
        }
    }
}
