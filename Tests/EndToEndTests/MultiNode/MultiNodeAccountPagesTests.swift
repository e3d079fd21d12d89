import Foundation
import Gallery
import Logging
import NuGetCore
import PalletTestSupport
import Testing
@testable import WebGallery

/// The account pages' per-node caches (owned ids, the API keys page's package list) on several nodes: what
/// one node changes reaches the others' pages after a follower poll, as it reaches their feeds.
@Suite("Several nodes: the account pages' caches")
struct MultiNodeAccountPagesTests {
    @Test("a new id pushed and an owner moved on one node: another node's API keys list and Manage Packages follow after a poll")
    func ownersAcrossNodes() async throws {
        try await withTestNodes(2) { nodes, galleries, env in
            try await nodes[0].pushCreated(package("Node.One", "1.0.0"), apiKey: env.apiKey)
            for gallery in galleries { try await gallery.follower.poll() }
            let web = WebGallery(gallery: galleries[1])
            func picker(_ name: String) async throws -> [String] {
                let user = try #require(try await galleries[1].store.user(named: name))
                return try await web.packagePicker(web.keyOwners(try await galleries[1].authorizer.signedIn(user))).ids
            }
            func managed(_ name: String) async throws -> String {
                let user = try #require(try await galleries[1].store.user(named: name))
                return try await web.accountPackagesPage(try await galleries[1].authorizer.signedIn(user))
            }
            #expect(try await picker("alice") == ["Node.One"])
            #expect(try await picker("bob") == [])
            // Node 0 pushes a new id: node 1's cached list is the old one until it has polled.
            try await nodes[0].pushCreated(package("Node.Two", "1.0.0"), apiKey: env.apiKey)
            for gallery in galleries { try await gallery.follower.poll() }
            #expect(try await picker("alice") == ["Node.One", "Node.Two"])
            #expect(try await managed("alice").contains(">Node.Two</a>"))
            // Node 0 gives Node.One to bob and takes it from alice.
            let admin = galleries[0].administration(mailer: LogMailer(logger: Logger(label: "test")))
            try await admin.addOwner(try PackageID(validating: "Node.One"), accountName: "bob", by: .adminCLI())
            try await admin.removeOwner(try PackageID(validating: "Node.One"), accountName: "alice", by: .adminCLI())
            for gallery in galleries { try await gallery.follower.poll() }
            #expect(try await picker("alice") == ["Node.Two"])
            #expect(try await picker("bob") == ["Node.One"])
            #expect(!(try await managed("alice")).contains("Node.One"))
            #expect(try await managed("bob").contains(">Node.One</a>"))
        }
    }
}
