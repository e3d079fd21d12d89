import Foundation
import PalletTestSupport
import Testing

/// One seeded test server for a whole suite of read-only tests: `@Suite(.sharedServer(seed))` builds the
/// server and runs `seed` once, then every test of the suite reads from it through `withSharedServer`.
///
/// Tests of such a suite must not write (no push, unlist or key change): they run in parallel against the
/// same state. A suite that writes uses `withTestServer` per test instead.
struct SharedServerTrait: SuiteTrait, TestScoping {
    let seed: @Sendable (FeedClient, TestEnvironment) async throws -> Void

    /// The scope is the suite itself (once), not each of its tests.
    var isRecursive: Bool { false }

    func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        // The test server's body escapes by type only: it runs, and is released, before withTestServer returns.
        try await withoutActuallyEscaping(function) { function in
            try await withTestServer { client, env in
                try await seed(client, env)
                try await SharedServer.$current.withValue(SharedServer(client: client, environment: env)) {
                    try await function()
                }
            }
        }
    }
}

extension Trait where Self == SharedServerTrait {
    /// Runs the suite against one server, seeded once by `seed`.
    static func sharedServer(_ seed: @escaping @Sendable (FeedClient, TestEnvironment) async throws -> Void = { _, _ in }) -> Self {
        SharedServerTrait(seed: seed)
    }
}

/// The server of the running `.sharedServer` suite.
struct SharedServer: Sendable {
    let client: FeedClient
    let environment: TestEnvironment

    @TaskLocal static var current: SharedServer?
}

/// Runs `body` against the suite's shared server (the suite must carry `.sharedServer`).
func withSharedServer(_ body: (FeedClient, TestEnvironment) async throws -> Void) async throws {
    let server = try #require(SharedServer.current, "the suite needs the .sharedServer trait")
    try await body(server.client, server.environment)
}
