import Foundation
import Gallery
import Logging
import S3BlobStore

/// The S3-compatible server the live tests use: `PALLET_TEST_S3_ENDPOINT` (moto, MinIO, …), with
/// `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY` or moto's usual `test`/`test`. Unset: the live
/// tests are skipped and say so once.
enum S3TestServer {
    static let endpoint: String? = ProcessInfo.processInfo.environment["PALLET_TEST_S3_ENDPOINT"].flatMap { $0.isEmpty ? nil : $0 }

    /// Whether the live tests run; prints the reason when they do not.
    static let isAvailable: Bool = {
        if endpoint == nil {
            print("S3BlobStoreTests: PALLET_TEST_S3_ENDPOINT is not set; skipping the tests against a real S3 server (start moto_server and set it).")
        }
        return endpoint != nil
    }()

    static var credentials: S3Credentials {
        (try? S3Credentials.fromEnvironment()) ?? S3Credentials(accessKeyID: "test", secretAccessKey: "test")
    }

    static var logger: Logger {
        var logger = Logger(label: "pallet.s3-tests")
        logger.logLevel = .critical  // the failure tests fail on purpose
        return logger
    }

    /// A location on a fresh bucket name.
    static func freshLocation(prefix: String = "") throws -> S3Location {
        try S3Location(parsing: "s3://pallet-test-\(UUID().uuidString.lowercased())/\(prefix)?endpoint=\(endpoint!)")
    }

    /// Runs `body` with a client on a new, empty bucket, deleted (with its objects) afterwards.
    static func withBucket(
        prefix: String = "", credentials: S3Credentials = credentials,
        _ body: (S3Client, S3Location) async throws -> Void
    ) async throws {
        let location = try freshLocation(prefix: prefix)
        let client = S3Client(location: location, credentials: credentials, logger: logger)
        do {
            try await client.createBucket()
            try await body(client, location)
            try await client.deleteBucketAndContents()
        } catch {
            try? await client.deleteBucketAndContents()
            try await client.shutdown()
            throw error
        }
        try await client.shutdown()
    }
}
