public import Foundation
public import Gallery

/// Relays one object's bytes for a download, as they arrive from S3.
///
/// The ETag seen by HEAD goes in `If-Match`: if the object was replaced in between, S3 answers 412
/// instead of bytes whose length would not match the `Content-Length` already promised.
public struct S3ObjectReader: BlobReader {
    let client: S3Client
    let key: String
    let eTag: String?

    /// Streams `range` (or everything); failures are `StoreError.unavailable`.
    public func read(range: Range<Int64>?) async throws -> AsyncThrowingStream<Data, any Error> {
        do {
            return try await client.streamObject(key, range: range, ifMatch: eTag?.isEmpty == false ? eTag : nil)
        } catch S3Error.service(status: 404, _, _) {
            // Located by the database's size without a HEAD: the row says the file exists, the store does not have it.
            throw GalleryError.notFound("The file '\(key)' is not in the object store.")
        } catch let error as S3Error {
            throw StoreError.unavailable(error.description)
        }
    }
}
