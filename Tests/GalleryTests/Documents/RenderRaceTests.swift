import Foundation
import Gallery
import GalleryTestSupport
import Logging
import Testing

/// Two nodes on one store render the same id at once: node A's render read the records before node B's hard
/// delete and writes after B's render removed the deleted version's documents (the order a loaded machine
/// produced in MultiNodeTests). Each step is placed by a gate in A's blob store, so the race happens every time.
@Suite("Renders of one id racing on two nodes")
struct RenderRaceTests {
    /// Two galleries on one metadata store and one blob store; A's blob operations go through a gate.
    struct Nodes {
        let a: TestGallery
        let b: TestGallery
        let gate: GatedBlobStore
        let shared: InMemoryBlobStore

        static func open() async throws -> Nodes {
            let clock = TestClock()
            let store = InMemoryMetadataStore(clock: clock)
            let shared = InMemoryBlobStore()
            let gate = GatedBlobStore(over: shared)
            let b = try await TestGallery.open(clock: clock, store: store, blobs: shared)
            let a = try await TestGallery.open(clock: clock, store: store, blobs: gate)
            return Nodes(a: a, b: b, gate: gate, shared: shared)
        }

        func close() async {
            await a.close()
            await b.close()
        }

        /// Seen.Lib 1.0.0 and 2.0.0 pushed on B; returns the paths of 2.0.0's registration leaves (every hive).
        func pushTwoVersions() async throws -> [String] {
            let key = try await b.userWithKey("alice")
            for version in ["1.0.0", "2.0.0"] {
                _ = try await b.gallery.push(
                    packageAt: try b.upload(TestPackage(id: "Seen.Lib", version: version)),
                    by: try await b.gallery.authenticator.authenticate(key))
            }
            _ = try await b.gallery.accounts.createUser(name: "root", email: "root@pallet.test", isSiteAdmin: true, by: .adminCLI())
            let leaves = try await manifest().filter { $0.hasSuffix("/2.0.0.json") }
            #expect(leaves.count >= 3, "the three registration hives: \(leaves)")
            return leaves
        }

        /// The id's manifest as the store records it (the paths of its documents).
        func manifest() async throws -> [String] {
            try #require(try await b.store.renderState("seen.lib").manifest)
        }

        func hardDeleteOnB() async throws {
            let admin = b.gallery.administration(mailer: LogMailer(logger: Logger(label: "test")))
            try await admin.deletePackageVersion("Seen.Lib", version: "2.0.0", reason: "Test.", by: .adminCLI())
        }
    }

    @Test("a render that wrote a deleted version's leaf after the delete's render removes it, and no node serves it")
    func staleWriteRemoved() async throws {
        let nodes = try await Nodes.open()
        defer { Task { await nodes.close() } }
        let leaves = try await nodes.pushTwoVersions()
        let leaf = try #require(leaves.sorted().first)

        // A's follower renders the id (dirty, as the admin CLI leaves it), reading both versions; it stops
        // right before writing 2.0.0's leaf while B hard-deletes 2.0.0 and renders.
        nodes.gate.arm(put: .document(leaf))
        try await nodes.a.store.markDirty(["seen.lib"])
        let render = Task { try await nodes.a.gallery.follower.poll() }
        await nodes.gate.reached.wait()
        try await nodes.hardDeleteOnB()
        #expect(try await nodes.shared.data(.document(leaf)) == nil, "B's render removed the leaf")

        // A writes the stale leaf: it is in the shared store, yet B (which rendered the delete) does not serve it.
        nodes.gate.proceed()
        await nodes.gate.wrote.wait()
        #expect(try await nodes.shared.data(.document(leaf)) != nil, "the race happened: A put the leaf back")
        #expect(try await nodes.b.gallery.documents.document(at: leaf) == nil, "B answers 404 for what it removed")

        // A notices the change and repairs: every leaf of the deleted version is gone, for good.
        nodes.gate.finish()
        _ = try await render.value
        for path in leaves {
            #expect(try await nodes.shared.data(.document(path)) == nil, "\(path) removed")
            #expect(try await nodes.a.gallery.documents.document(at: path) == nil, "A: \(path)")
        }
        #expect(try await nodes.manifest().allSatisfy { !$0.hasSuffix("/2.0.0.json") })
        #expect(try await nodes.a.store.dirtyLowerIDs().isEmpty, "the repair's own mark is rendered")
        // B sees the repair's mark, reloads the id, and still serves neither the leaf nor 2.0.0 in its index.
        #expect(try await nodes.b.gallery.follower.poll() == 1, "B reloads the id once")
        for path in leaves {
            #expect(try await nodes.b.gallery.documents.document(at: path) == nil, "B: \(path)")
        }
        for node in [nodes.a, nodes.b] {
            #expect(try await node.json("flat/seen.lib/index.json")?["versions"] as? [String] == ["1.0.0"])
        }
    }
}
