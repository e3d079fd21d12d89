import NIOCore
import Synchronization

/// Recently served small package files, kept in memory as ready-to-send buffers.
///
/// Package files never change once pushed (a hard delete removes the blob, and every download
/// first asks the blob store where the file is, so a deleted file is never served from here).
/// Reading a file costs two hops to NIO's blocking thread pool, which on a 2-core machine is the
/// main cost of a download; a hit costs a dictionary lookup. Bounded by total bytes, evicting an
/// arbitrary entry when full.
public final class PackageFileCache: Sendable {
    private struct State {
        var buffers: [String: ByteBuffer] = [:]
        var bytes = 0
    }

    private let state = Mutex(State())
    /// Files larger than this are streamed, never cached.
    let maxFileBytes: Int
    let capacityBytes: Int

    /// Creates an empty cache of at most `capacityBytes`, holding files of at most `maxFileBytes`.
    public init(maxFileBytes: Int = 1 << 20, capacityBytes: Int = 64 << 20) {
        self.maxFileBytes = maxFileBytes
        self.capacityBytes = capacityBytes
    }

    /// The cached bytes of a file, when present with the expected size.
    func buffer(path: String, size: Int64) -> ByteBuffer? {
        state.withLock { state in
            guard let buffer = state.buffers[path], buffer.readableBytes == Int(size) else { return nil }
            return buffer
        }
    }

    /// Remembers a file's bytes.
    func store(_ buffer: ByteBuffer, path: String) {
        let size = buffer.readableBytes
        guard size <= maxFileBytes else { return }
        state.withLock { state in
            if let old = state.buffers.updateValue(buffer, forKey: path) { state.bytes -= old.readableBytes }
            state.bytes += size
            while state.bytes > capacityBytes, let victim = state.buffers.keys.first(where: { $0 != path }) {
                state.bytes -= state.buffers.removeValue(forKey: victim)?.readableBytes ?? 0
            }
        }
    }
}
