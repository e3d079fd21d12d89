import AsyncHTTPClient
import Foundation
import Gallery
@testable import S3BlobStore
import NIOCore
import NIOHTTP1
import Testing

/// How failures surface: typed S3 errors, `unavailable` for outages, `StoreError` from the store.
@Suite("S3 failures")
struct S3FailureTests {
    @Test("an S3 error document becomes .service with its code; 5xx becomes .unavailable")
    func errorDocuments() async throws {
        let document = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match.</Message></Error>
            """
        let refused = HTTPClientResponse(status: .forbidden, body: .bytes(ByteBuffer(string: document)))
        #expect(await S3Client.error(from: refused, method: "PUT")
            == .service(status: 403, code: "SignatureDoesNotMatch", message: "The request signature we calculated does not match."))
        let down = HTTPClientResponse(status: .serviceUnavailable, body: .bytes(ByteBuffer(string: "<Error><Code>SlowDown</Code><Message>Reduce your rate.</Message></Error>")))
        #expect(await S3Client.error(from: down, method: "GET") == .unavailable("SlowDown (HTTP 503): Reduce your rate."))
        let bare = HTTPClientResponse(status: .notFound)
        #expect(await S3Client.error(from: bare, method: "HEAD") == .service(status: 404, code: "NotFound", message: "HEAD answered 404 Not Found."))
    }

    @Test("a server that is not there fails fast with StoreError.unavailable")
    func unreachable() async throws {
        let port = try await Self.closedPort()
        let location = try S3Location(parsing: "s3://pallet-nowhere?endpoint=http://127.0.0.1:\(port)")
        let store = S3BlobStore(location: location, credentials: S3TestServer.credentials, logger: S3TestServer.logger)
        await #expect {
            _ = try await store.data(.nupkg(.init(lowerID: "x", lowerVersion: "1.0.0")))
        } throws: { error in
            guard case StoreError.unavailable(let message) = error else { return false }
            return message.contains("S3 is unavailable")
        }
        await #expect(throws: StoreError.self) { try await store.put(.document("x.json"), data: Data("{}".utf8)) }
        await #expect(throws: StoreError.self) { _ = try await store.location(.document("x.json")) }
        // (A refused connection is not retried until the connect timeout; how fast that is belongs in bench/, not here.)
        try await store.shutdown()
    }

    @Test("keys that would escape are refused before any request", arguments: [BlobKey.document("../x"), .staging("a//b"), .document("./y")])
    func invalidKeys(key: BlobKey) async throws {
        let location = try S3Location(parsing: "s3://pallet-nowhere?endpoint=http://127.0.0.1:9")
        let store = S3BlobStore(location: location, credentials: S3TestServer.credentials, logger: S3TestServer.logger)
        await #expect(throws: S3BlobStoreError.invalidKey(key.path)) { try await store.put(key, data: Data()) }
        await #expect(throws: S3BlobStoreError.invalidKey("..")) { _ = try await store.list(prefix: "..") }
        try await store.shutdown()
    }

    @Test("a wrong secret is refused with a typed error", .enabled(if: S3TestServer.isAvailable, "PALLET_TEST_S3_ENDPOINT is not set"))
    func wrongSecret() async throws {
        try await S3TestServer.withBucket { _, location in
            var wrong = S3TestServer.credentials
            wrong.secretAccessKey += "-wrong"
            let client = S3Client(location: location, credentials: wrong, logger: S3TestServer.logger)
            var refusal: (any Error)?
            do { try await client.putObject("wrong-secret", data: Data("x".utf8)) } catch { refusal = error }
            try await client.shutdown()
            switch refusal {
            case nil:
                // moto verifies signatures only with INITIAL_NO_AUTH_ACTION_COUNT set and IAM users created.
                print("S3FailureTests: the server accepted a request signed with a wrong secret; it does not verify signatures, so that refusal was not checked.")
            case let error?:
                let code = (error as? S3Error)?.code
                #expect(code == "SignatureDoesNotMatch" || code == "InvalidAccessKeyId", "\(error)")
            }
        }
    }

    /// A local port nothing listens on: bind one, note it, close it.
    static func closedPort() async throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
