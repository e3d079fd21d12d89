import Foundation
import NIOCore
import NIOPosix

/// A byte range of a local file as an async sequence of buffers, read on NIO's blocking pool one
/// chunk at a time as the consumer asks: an upload holds one chunk in memory, not the file.
struct FileChunks: AsyncSequence, Sendable {
    typealias Element = ByteBuffer

    let path: String
    let offset: Int64
    let length: Int64
    let chunkSize: Int

    init(path: String, offset: Int64 = 0, length: Int64, chunkSize: Int = 256 << 10) {
        (self.path, self.offset, self.length, self.chunkSize) = (path, offset, length, chunkSize)
    }

    func makeAsyncIterator() -> Iterator { Iterator(chunks: self) }

    struct Iterator: AsyncIteratorProtocol {
        let chunks: FileChunks
        var handle: FileHandleBox?
        var sent: Int64 = 0

        init(chunks: FileChunks) { self.chunks = chunks }

        mutating func next() async throws -> ByteBuffer? {
            guard sent < chunks.length else {
                handle?.close()
                return nil
            }
            if handle == nil { handle = try FileHandleBox(path: chunks.path, offset: chunks.offset) }
            let count = Int(Swift.min(Int64(chunks.chunkSize), chunks.length - sent))
            let box = handle!
            let data = try await NIOThreadPool.singleton.runIfActive { try box.read(count) }
            guard data.count == count else {
                box.close()
                throw LocalFileError("'\(chunks.path)' ended early (it changed while being uploaded).")
            }
            sent += Int64(count)
            return ByteBuffer(bytes: data)
        }
    }
}

/// A `FileHandle` used by one iterator at a time, reads running on the blocking pool.
final class FileHandleBox: @unchecked Sendable {
    private let handle: FileHandle
    private var closed = false

    init(path: String, offset: Int64) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw LocalFileError("Cannot open '\(path)' for reading.")
        }
        try handle.seek(toOffset: UInt64(offset))
        self.handle = handle
    }

    func read(_ count: Int) throws -> Data {
        try handle.read(upToCount: count) ?? Data()
    }

    func close() {
        guard !closed else { return }
        closed = true
        try? handle.close()
    }

    deinit { close() }
}

/// Reading a local file to upload failed.
public struct LocalFileError: Error, Sendable, CustomStringConvertible {
    /// The message.
    public let description: String

    init(_ description: String) { self.description = description }
}
