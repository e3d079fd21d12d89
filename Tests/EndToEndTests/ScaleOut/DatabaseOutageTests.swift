import Foundation
import Gallery
import HTTPTypes
import HummingbirdTesting
import Logging
import PalletApp
import PalletTestSupport
import PostgresKit
import Synchronization
import Testing

/// PostgreSQL drops every connection of a running server (a restart, a failover, an operator's
/// `pg_terminate_backend`). Requests caught by it may fail, but only as 503 with Retry-After (a NuGet
/// client retries those), never as a 500; and the server needs no restart to work again.
@Suite("Scale-out: database outage")
struct DatabaseOutageTests {
    /// What one request of the load answered.
    struct Answer: Sendable {
        let label: String
        /// The version a push sent (nil for reads).
        let pushed: String?
        let expected: HTTPResponse.Status
        let status: HTTPResponse.Status
        let hasRetryAfter: Bool
        let text: String
    }

    @Test(
        "connections killed under load: every answer is a success or 503 with Retry-After, never 500; pushes work afterwards without a restart",
        .enabled(if: TestBackend.postgresS3IfConfigured != nil, "needs PALLET_TEST_POSTGRES_URL and PALLET_TEST_S3_ENDPOINT"),
        // A statement on a dropped connection once hung forever (see GuardedPostgresPool): fail rather than hang
        // the run. Generous, as the limit also counts the wait for a place among the PostgreSQL installations.
        .timeLimit(.minutes(10))
    )
    func connectionsTerminated() async throws {
        let backend = try #require(TestBackend.postgresS3IfConfigured)
        guard case .postgresS3(let adminURL, _) = backend else { return }
        // The gallery's clock is moved by the test: a claim cut off by the outage lapses without waiting.
        let clock = TestClock(Date())
        try await withTestServer(logger: .expectingStoreFailures, backend: backend, clock: clock) { client, env in
            try await client.pushCreated(package("Db.Outage", "1.0.0"), apiKey: env.apiKey)
            let database = TestBackend.installationName(env.dataDirectory)
            let done = Flag()

            // Clients push and read without pause while every connection of the database is killed, again and
            // again, so requests meet dead connections, connections dying mid-transaction and fresh ones.
            let (answers, killed) = try await withThrowingTaskGroup(of: ([Answer], Int).self) { group in
                group.addTask {
                    defer { done.set() }
                    var killed = 0
                    for _ in 0..<5 {
                        killed += try await Self.terminateConnections(of: database, adminURL: adminURL)
                        try await Task.sleep(for: .milliseconds(40))
                    }
                    return ([], killed)
                }
                for worker in 0..<2 {
                    group.addTask {
                        var answers: [Answer] = []
                        var round = 0
                        repeat {
                            round += 1
                            answers += try await Self.requestMix(client, apiKey: env.apiKey, version: "1.\(worker).\(round)")
                        } while !done.isSet
                        return (answers, 0)
                    }
                }
                return try await group.reduce(into: ([Answer](), 0)) { $0.0 += $1.0; $0.1 += $1.1 }
            }
            #expect(killed >= 1, "the server held no connection to kill")

            var refusedPushes: [String] = []
            var acceptedPushes: [String] = []
            for answer in answers {
                if answer.status == .serviceUnavailable {
                    #expect(answer.hasRetryAfter, "\(answer.label): 503 without Retry-After")
                    if let version = answer.pushed { refusedPushes.append(version) }
                } else {
                    #expect(answer.status == answer.expected, "\(answer.label): \(answer.status) \(answer.text)")
                    if let version = answer.pushed, answer.status == answer.expected { acceptedPushes.append(version) }
                }
            }

            // No restart: the next push works at once.
            try await client.pushCreated(package("Db.Outage", "2.0.0"), apiKey: env.apiKey)
            let listed = Set(try await client.json("/v3/flat/db.outage/index.json")["versions"]?.strings ?? [])
            #expect(listed.isSuperset(of: ["1.0.0", "2.0.0"] + acceptedPushes), "a push answered 201 is missing")
            // A refused push should leave nothing behind that blocks its retry: 201 now, or 409 only because it
            // had in fact committed (its answer was lost with the connection) and is served.
            for version in refusedPushes {
                let retry = try await client.push(try package("Db.Outage", version).data(), apiKey: env.apiKey)
                if retry.status == .conflict && !listed.contains(version) {
                    // The connection died after the claim and before the publish, and abandoning the claim failed
                    // too: the pending claim holds the number until its lease lapses, then the next push takes it over.
                    clock.advance(by: TimeInterval(ServerConfig().claimLeaseSeconds) + 1)
                    let takeover = try await client.push(try package("Db.Outage", version).data(), apiKey: env.apiKey)
                    #expect(takeover.status == .created, "retry of \(version) after its claim lapsed: \(takeover.status) \(takeover.text)")
                } else {
                    #expect(retry.status == .created || retry.status == .conflict,
                            "retry of \(version) refused during the outage: \(retry.status) \(retry.text)")
                }
            }
            #expect(try await client.get("/health/ready").status == .ok)
        }
    }

    /// One push of `version` and the reads a restore makes, one after another.
    static func requestMix(_ client: FeedClient, apiKey: String, version: String) async throws -> [Answer] {
        let nupkg = try package("Db.Outage", version).data()
        let requests: [(String, String?, HTTPResponse.Status, () async throws -> TestResponse)] = [
            ("push \(version)", version, .created, { try await client.push(nupkg, apiKey: apiKey) }),
            ("flat index", nil, .ok, { try await client.get("/v3/flat/db.outage/index.json") }),
            ("registration", nil, .ok, { try await client.get("/v3/registration/db.outage/index.json") }),
            ("download", nil, .ok, { try await client.get(FeedClient.nupkgPath("db.outage", "1.0.0")) }),
            ("search", nil, .ok, { try await client.get("/v3/query?q=Db.Outage") }),
            ("ready", nil, .ok, { try await client.get("/health/ready") }),
            ("v2 lookup", nil, .ok, { try await client.get("/api/v2/Packages(Id='Db.Outage',Version='1.0.0')") }),
        ]
        var answers: [Answer] = []
        for (label, pushed, expected, send) in requests {
            let response = try await send()
            answers.append(Answer(
                label: label, pushed: pushed, expected: expected, status: response.status,
                hasRetryAfter: response.headers[.retryAfter] != nil, text: response.text
            ))
        }
        return answers
    }

    /// Terminates every connection to `database` but the admin one; returns how many there were.
    static func terminateConnections(of database: String, adminURL: String) async throws -> Int {
        var configuration = try SQLPostgresConfiguration(url: adminURL).coreConfiguration
        configuration.options.connectTimeout = .seconds(5)
        var logger = Logger(label: "pallet.e2e.admin")
        logger.logLevel = .warning
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        do {
            let rows = try await connection.sql(queryLogLevel: nil).raw("""
                SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity
                WHERE datname = \(bind: database) AND pid <> pg_backend_pid()
                """).all()
            try await connection.close()
            return rows.count
        } catch {
            try? await connection.close()
            throw error
        }
    }
}

/// Set once, read by many tasks.
private final class Flag: Sendable {
    private let value = Atomic<Bool>(false)
    var isSet: Bool { value.load(ordering: .acquiring) }
    func set() { value.store(true, ordering: .releasing) }
}
