import Foundation
import Gallery
import HTTPTypes
import HummingbirdTesting
import Logging
import PalletTestSupport
import Synchronization
import Testing

/// Several nodes on one installation's stores: races decided by the database, writes of one node visible
/// on the others after a follower poll, background work done once, download counts adding up.
/// (The 3-process test over real sockets lives in MultiProcessTests; these run in one process so each step
/// can be checked exactly, on whichever backend the suite runs.)
@Suite("Several nodes on one store")
struct MultiNodeTests {
    @Test("20 concurrent pushes of one id+version spread over 3 nodes: exactly one 201, the rest 409")
    func pushRace() async throws {
        try await withTestNodes(3) { nodes, galleries, env in
            let nupkg = try package("Race.Lib", "1.0.0").data()
            let answers = try await withThrowingTaskGroup(of: (HTTPResponse.Status, String).self) { group in
                for attempt in 0..<20 {
                    group.addTask {
                        let response = try await nodes[attempt % 3].push(nupkg, apiKey: env.apiKey)
                        return (response.status, response.text)
                    }
                }
                return try await group.reduce(into: [(HTTPResponse.Status, String)]()) { $0.append($1) }
            }
            let statuses = answers.map(\.0)
            let others = answers.filter { $0.0 != .created && $0.0 != .conflict }.map { "\($0.0) \($0.1)" }
            #expect(statuses.filter { $0 == .created }.count == 1, "\(statuses) \(others)")
            #expect(statuses.filter { $0 == .conflict }.count == 19, "\(statuses) \(others)")
            for (index, gallery) in galleries.enumerated() {
                try await gallery.follower.poll()
                #expect(try await nodes[index].json("/v3/flat/race.lib/index.json")["versions"]?.strings == ["1.0.0"], "node \(index)")
            }
            let records = try await galleries[0].store.versions(ofLowerID: "race.lib")
            #expect(records.count == 1)
            #expect(try await galleries[0].store.catalogCount() == 1, "one catalog entry for the one accepted push")
        }
    }

    @Test("a push, an unlist and a hard delete on one node reach every node's documents and search after a poll")
    func visibility() async throws {
        try await withTestNodes(3) { nodes, galleries, env in
            try await nodes[0].pushCreated(package("Seen.Lib", "1.0.0"), apiKey: env.apiKey)
            for gallery in galleries { try await gallery.follower.poll() }
            for (index, node) in nodes.enumerated() {
                #expect(try await node.json("/v3/flat/seen.lib/index.json")["versions"]?.strings == ["1.0.0"], "node \(index)")
                #expect(try await node.json("/v3/query?q=packageid:Seen.Lib")["totalHits"]?.int == 1, "node \(index)")
            }
            // Node 1 pushes a second version: node 0 had the id's documents cached and must drop them.
            try await nodes[1].pushCreated(package("Seen.Lib", "2.0.0"), apiKey: env.apiKey)
            #expect(try await nodes[2].unlist("Seen.Lib", "1.0.0", apiKey: env.apiKey).status == .noContent)
            for gallery in galleries { try await gallery.follower.poll() }
            for (index, node) in nodes.enumerated() {
                #expect(try await node.json("/v3/flat/seen.lib/index.json")["versions"]?.strings == ["1.0.0", "2.0.0"], "node \(index)")
                let leaf = try await node.json("/v3/registration/seen.lib/index.json")["items"]?[0]?["items"]?[0]?["catalogEntry"]
                #expect(leaf?["listed"]?.bool == false, "node \(index) sees the unlist")
                let hit = try await node.json("/v3/query?q=packageid:Seen.Lib")["data"]?[0]
                #expect(hit?["version"]?.string == "2.0.0", "node \(index)")
                #expect(try await node.json("/v3/catalog/page0.json")["items"]?.array?.count == 3, "node \(index): 2 pushes + 1 unlist")
            }
            // A hard delete by a site admin on node 2: gone from every node.
            _ = try await galleries[2].accounts.createUser(name: "root", email: "root@pallet.test", isSiteAdmin: true, by: .adminCLI())
            let admin = galleries[2].administration(mailer: LogMailer(logger: Logger(label: "test")))
            try await admin.deletePackageVersion("Seen.Lib", version: "2.0.0", reason: "Test.", by: .adminCLI())
            for gallery in galleries { try await gallery.follower.poll() }
            for (index, node) in nodes.enumerated() {
                #expect(try await node.json("/v3/flat/seen.lib/index.json")["versions"]?.strings == ["1.0.0"], "node \(index)")
                #expect(try await node.get("/v3/registration/seen.lib/2.0.0.json").status == .notFound, "node \(index)")
                #expect(try await node.get(FeedClient.nupkgPath("seen.lib", "2.0.0")).status == .notFound, "node \(index)")
            }
        }
    }

    @Test("an id marked by a process that does not render (the admin CLI) is rendered by exactly one node")
    func renderedOnce() async throws {
        try await withTestNodes(3) { nodes, galleries, env in
            try await nodes[0].pushCreated(package("Once.Lib", "1.0.0"), apiKey: env.apiKey)
            for gallery in galleries { try await gallery.follower.poll() }
            let cli = galleries[0].administration(mailer: LogMailer(logger: Logger(label: "t")), rendersChanges: false)
            _ = try await galleries[0].accounts.createUser(name: "carol", email: "carol@pallet.test", by: .adminCLI())
            try await cli.addOwner("Once.Lib", accountName: "carol", by: .adminCLI())
            // (The nodes' background followers may already be at it; the loop below waits for whoever renders.)
            // Every node polls at once, repeatedly (with several nodes a dirty id is left to its marker for a
            // short grace first); the render lease lets one node render it, the others reload it after.
            var rendered = 0
            for _ in 0..<100 {
                rendered += try await withThrowingTaskGroup(of: Int.self) { group in
                    for gallery in galleries { group.addTask { try await gallery.follower.poll() } }
                    return try await group.reduce(0, +)
                }
                if try await galleries[0].store.dirtyLowerIDs().isEmpty { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            _ = rendered
            #expect(try await galleries[0].store.dirtyLowerIDs().isEmpty, "some node rendered the id")
            for gallery in galleries { try await gallery.follower.poll() }
            for (index, node) in nodes.enumerated() {
                let owners = try await node.json("/v3/query?q=packageid:Once.Lib")["data"]?[0]?["owners"]?.strings ?? []
                #expect(owners.contains("carol"), "node \(index): \(owners)")
            }
        }
    }

    @Test("download counts from every node add up")
    func downloadsAddUp() async throws {
        try await withTestNodes(3) { nodes, galleries, env in
            try await nodes[0].pushCreated(package("Counted.Lib", "1.0.0"), apiKey: env.apiKey)
            for gallery in galleries { try await gallery.follower.poll() }
            for (index, node) in nodes.enumerated() {
                for _ in 0...index {
                    #expect(try await node.get(FeedClient.nupkgPath("counted.lib", "1.0.0")).status == .ok)
                }
            }
            for gallery in galleries { await gallery.downloads.flush() }
            let record = try await galleries[0].store.version(PackageVersionKey(lowerID: "counted.lib", lowerVersion: "1.0.0"))
            #expect(record?.downloads == 6)
        }
    }
}
