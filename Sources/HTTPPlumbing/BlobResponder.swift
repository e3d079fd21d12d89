import Foundation
public import Gallery
public import Hummingbird
import HTTPTypes
import NIOCore
import _NIOFileSystem

/// Sends package files (nupkg, nuspec, readme, icon, license) from the blob store.
///
/// Files are immutable once pushed, so the ETag is derived from the blob key and size; the key
/// decides content type and cache policy (`BlobKey+Media`), so V3 and V2 answer a file alike.
/// `.nupkg` files go out with sendfile(2) on live connections (`FileRegionWriter`) at every size, as nginx sends
/// them; other small files (up to 1 MiB) are kept in memory once read (`PackageFileCache`), larger ones go out
/// with sendfile(2) too, and without the connection handler (router tests) files are read whole up to 4 MiB or
/// streamed in 128 KiB chunks. Make one responder per application and hand it
/// to every surface: it holds the one in-memory file cache.
public struct BlobResponder: Sendable {
    let fileIO: FileIO
    let fileSystem = FileSystem.shared
    /// Files up to this size are read with a single read.
    let wholeReadLimit: Int64 = 4 << 20
    /// When set, local files are answered with `X-Accel-Redirect` to this internal nginx location prefix.
    let accelRedirectPrefix: String?
    /// Small files recently served (shared by every copy of this responder: it is a reference).
    let cache: PackageFileCache

    /// Creates a responder; with `accelRedirectPrefix`, local files are answered with
    /// `X-Accel-Redirect: {prefix}{blob path}` for nginx to serve.
    public init(fileIO: FileIO = FileIO(), accelRedirectPrefix: String?, cache: PackageFileCache = PackageFileCache()) {
        self.fileIO = fileIO
        self.accelRedirectPrefix = accelRedirectPrefix
        self.cache = cache
    }

    /// The download answer for a blob: redirect, 304, HEAD, X-Accel-Redirect or the bytes.
    public func response(
        _ location: BlobLocation, key: BlobKey, request: Request, context: some RequestContext
    ) async throws -> Response {
        switch location {
        case .redirect(let url):
            return Response(status: .found, headers: [.location: url.absoluteString, .cacheControl: "no-store"])
        case .remote(let size, let reader):
            var headers = fileHeaders(key: key, size: size)
            if DocumentResponse.matches(request.headers[.ifNoneMatch], headers[.eTag]!) {
                return Response(status: .notModified, headers: headers)
            }
            headers[.contentLength] = String(size)
            if request.method == .head { return Response(status: .ok, headers: headers) }
            // Relayed chunk by chunk as the object store sends them, so memory stays bounded.
            let chunks = try await reader.read(range: nil)
            return Response(status: .ok, headers: headers, body: .init(asyncSequence: chunks.map { ByteBuffer(bytes: $0) }))
        case .localFile(let path, let size):
            let headers: HTTPFields
            switch localFileAnswer(key: key, size: size, isHead: request.method == .head, ifNoneMatch: request.headers[.ifNoneMatch]) {
            case .complete(let response): return response
            case .send(let fields): headers = fields
            }
            if case .nupkg = key, request.headers[.palletSendfileCapable] != nil {
                // Package downloads of every size go out with sendfile(2), as nginx sends them: no copy in memory.
                return sendfileResponse(headers, path: path)
            }
            if let cached = cache.buffer(path: path, size: size) {
                ServingMetrics.shared.countFileCache(hit: true)
                return Response(status: .ok, headers: headers, body: .init(byteBuffer: cached))
            }
            ServingMetrics.shared.countFileCache(hit: false)
            if size <= Int64(cache.maxFileBytes) {
                let buffer = try await ByteBuffer(
                    contentsOf: FilePath(path), maximumSizeAllowed: .bytes(size), fileSystem: fileSystem
                )
                cache.store(buffer, path: path)
                return Response(status: .ok, headers: headers, body: .init(byteBuffer: buffer))
            }
            if request.headers[.palletSendfileCapable] != nil {
                return sendfileResponse(headers, path: path)
            }
            let body = size <= wholeReadLimit
                ? try await fileIO.loadFile(path: path, context: context, chunkLength: Int(max(size, 1)))
                : try await fileIO.loadFile(path: path, context: context)
            return Response(status: .ok, headers: headers, body: body)
        }
    }

    /// What a local file's answer is when it needs no bytes of the file, or the headers of its 200.
    public enum LocalFileAnswer: Sendable {
        /// 304, the headers of a HEAD, or an `X-Accel-Redirect` for nginx: complete as it is.
        case complete(Response)
        /// A 200 whose body is the file: its headers, `Content-Length` included.
        case send(HTTPFields)
    }

    /// The part of a local file's answer that reads nothing: one function for the ordinary path and the
    /// event-loop fast path, so both send the same headers.
    public func localFileAnswer(key: BlobKey, size: Int64, isHead: Bool, ifNoneMatch: String?) -> LocalFileAnswer {
        var headers = fileHeaders(key: key, size: size)
        if DocumentResponse.matches(ifNoneMatch, headers[.eTag]!) {
            return .complete(Response(status: .notModified, headers: headers))
        }
        headers[.contentLength] = String(size)
        if isHead { return .complete(Response(status: .ok, headers: headers)) }
        if let prefix = accelRedirectPrefix {
            headers[HTTPField.Name("X-Accel-Redirect")!] = prefix + key.path
            headers[.contentLength] = nil
            return .complete(Response(status: .ok, headers: headers))
        }
        return .send(headers)
    }

    /// Zero-copy: the connection's FileRegionWriter sends the file with sendfile(2).
    func sendfileResponse(_ headers: HTTPFields, path: String) -> Response {
        var headers = headers
        headers[.palletSendfile] = path
        return Response(status: .ok, headers: headers)
    }

    /// The blob kind's content type and cache policy, and a stable ETag.
    func fileHeaders(key: BlobKey, size: Int64) -> HTTPFields {
        [.contentType: key.contentType, .eTag: stableETag(key: key, size: size), .cacheControl: key.cacheControl]
    }

    /// A validator that is the same on every node and every run: FNV-1a of the key path plus the size.
    func stableETag(key: BlobKey, size: Int64) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.path.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        return "\"\(String(hash, radix: 16))-\(String(size, radix: 16))\""
    }
}
