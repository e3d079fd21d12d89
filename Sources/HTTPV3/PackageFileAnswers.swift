import Gallery
import HTTPPlumbing
import Hummingbird
import NIOCore
import NIOHTTP1
import Synchronization

/// The heads of a data-folder `.nupkg`'s fast answers, made once per file (issue 13): the blob key and the file's
/// size decide every field (`BlobResponder.localFileAnswer`: content type, cache policy, an ETag made from both,
/// the length, `X-Accel-Redirect`), so the fields, their conversion to NIO's head and its bytes are not made
/// again on every download. Bounded: forgotten all at once when full.
final class PackageFileAnswers: Sendable {
    /// One file's heads: 304, HEAD's 200, and GET's (a 200 followed by the file, or complete: `X-Accel-Redirect`).
    struct Heads: Sendable {
        let size: Int64
        let etag: String
        let notModified: PreparedHead
        let head: PreparedHead
        let get: PreparedHead
        /// GET's answer is complete without the file (`X-Accel-Redirect`).
        let getIsComplete: Bool
    }

    private let heads = Mutex<[PackageVersionKey: Heads]>([:])
    static let capacity = 10_000

    /// The heads of `key`'s file of `size` bytes, made with `files` the first time.
    func heads(_ key: PackageVersionKey, size: Int64, files: BlobResponder) -> Heads {
        if let made = heads.withLock({ $0[key] }), made.size == size { return made }
        let blob = BlobKey.nupkg(key)
        func complete(isHead: Bool, ifNoneMatch: String?) -> (Response, Bool) {
            switch files.localFileAnswer(key: blob, size: size, isHead: isHead, ifNoneMatch: ifNoneMatch) {
            case .complete(let response): (response, true)
            case .send(let fields): (Response(status: .ok, headers: fields), false)
            }
        }
        let get = complete(isHead: false, ifNoneMatch: nil)
        let etag = get.0.headers[.eTag] ?? ""
        let made = Heads(
            size: size, etag: etag, notModified: PreparedHead(of: complete(isHead: false, ifNoneMatch: etag).0),
            head: PreparedHead(of: complete(isHead: true, ifNoneMatch: nil).0), get: PreparedHead(of: get.0), getIsComplete: get.1)
        heads.withLock { heads in
            if heads.count >= Self.capacity { heads.removeAll() }
            heads[key] = made
        }
        return made
    }
}
