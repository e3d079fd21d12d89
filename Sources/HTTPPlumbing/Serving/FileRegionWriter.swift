public import NIOCore
import HTTPTypes
import NIOHTTP1
public import NIOHTTPTypes
import NIOHTTPTypesHTTP1

/// Sends package files with `sendfile(2)` (a NIO `FileRegion`): the kernel copies from the page cache to
/// the socket, no bytes pass through Pallet's memory.
///
/// Hummingbird's response body writer carries only `ByteBuffer`s, so the file travels as a marker: the
/// response head carries the internal `X-Pallet-Sendfile` header with the file's path, and this handler,
/// between NIO's HTTP/1 encoder and the HTTPTypes codec (where body parts are `IOData`), writes the file
/// region before the response's end. The installer also stamps each incoming request with the internal
/// `X-Pallet-Sendfile-Capable` header (after removing any a client sent), so `BlobResponder` uses the marker
/// only on connections that have this handler; elsewhere (router tests) it sends the bytes itself.
public final class FileRegionInstaller: ChannelInboundHandler, RemovableChannelHandler {
    public typealias InboundIn = HTTPRequestPart
    public typealias InboundOut = HTTPRequestPart

    /// Creates the installer (one per connection).
    public init() {}

    public func handlerAdded(context: ChannelHandlerContext) {
        let pipeline = context.pipeline.syncOperations
        guard let codec = try? pipeline.handler(type: HTTP1ToHTTPServerCodec.self) else { return }
        try? pipeline.addHandler(FileRegionWriter(), position: .before(codec))
    }

    public func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .head(var head) = unwrapInboundIn(data) else {
            context.fireChannelRead(data)
            return
        }
        head.headerFields[.palletSendfileCapable] = "1"
        context.fireChannelRead(wrapInboundOut(.head(head)))
    }
}

extension HTTPField.Name {
    /// Internal: the path of a file `FileRegionWriter` sends as the response body.
    static let palletSendfile = HTTPField.Name("X-Pallet-Sendfile")!
    /// Internal: set on requests whose connection has a `FileRegionWriter`.
    static let palletSendfileCapable = HTTPField.Name("X-Pallet-Sendfile-Capable")!
}

/// Writes the file a response head names (see `FileRegionInstaller`).
final class FileRegionWriter: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    /// The file of the response being written, from its head until its end.
    private var pending: (path: String, size: Int)?

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(var head):
            guard let path = head.headers.first(name: HTTPField.Name.palletSendfile.rawName) else { break }
            head.headers.remove(name: HTTPField.Name.palletSendfile.rawName)
            pending = (path, head.headers.first(name: "content-length").flatMap { Int($0) } ?? 0)
            context.write(wrapOutboundOut(.head(head)), promise: promise)
            return
        case .end(let trailers):
            guard let file = pending else { break }
            pending = nil
            writeFile(file, trailers: trailers, context: context, promise: promise)
            return
        case .body:
            break
        }
        context.write(data, promise: promise)
    }

    private func writeFile(_ file: (path: String, size: Int), trailers: HTTPHeaders?, context: ChannelHandlerContext, promise: EventLoopPromise<Void>?) {
        let handle: NIOFileHandle
        do {
            // open(2) of a file just located by `stat`: as cheap as nginx's own open per request.
            handle = try NIOFileHandle(_deprecatedPath: file.path)
        } catch {
            // The head (with its Content-Length) is out: the only honest end is to close the connection.
            promise?.fail(error)
            context.close(promise: nil)
            return
        }
        if file.size > 0 {
            context.write(wrapOutboundOut(.body(.fileRegion(FileRegion(fileHandle: handle, readerIndex: 0, endIndex: file.size)))), promise: nil)
        }
        let written = promise ?? context.eventLoop.makePromise()
        written.futureResult.whenComplete { _ in try? handle.close() }
        context.write(wrapOutboundOut(.end(trailers)), promise: written)
    }
}
