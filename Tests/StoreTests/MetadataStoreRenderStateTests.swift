import Foundation
import Gallery
import SQLStore
import Testing

/// The render bookkeeping a push's render reads and writes in one statement each (schema step 13).
@Suite("MetadataStore contract: render state")
struct MetadataStoreRenderStateTests {
    @Test("renderState answers the generation and the last finished render's manifest; finishRender keeps it", arguments: StoreKind.available)
    func manifestRoundTrip(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            #expect(try await store.renderState("a") == RenderState(generation: 0, manifest: nil))
            try await store.markDirty(["a"])
            let state = try await store.renderState("a")
            #expect(state.generation == (try await store.renderGeneration("a")) && state.generation > 0 && state.manifest == nil)
            let paths = ["flat/a/index.json", "registration/a/1.0.0.json", "registration/a/index.json"]
            #expect(try await store.finishRender("a", generation: state.generation, manifest: paths))
            #expect(try await store.renderState("a") == RenderState(generation: state.generation, manifest: paths))
            #expect(try await store.dirtyLowerIDs().isEmpty)
            // An id never marked (rendered by a repair) still records its manifest, clean.
            #expect(try await store.finishRender("b", generation: 0, manifest: []))
            #expect(try await store.renderState("b") == RenderState(generation: 0, manifest: []))
            #expect(try await store.dirtyLowerIDs().isEmpty)
        }
    }

    @Test("finishRender after a mark landed mid-render keeps the id dirty, answers false and still records the manifest", arguments: StoreKind.available)
    func changedMeanwhile(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            try await store.markDirty(["a"])
            let seen = try await store.renderState("a").generation
            try await store.markDirty(["a"])  // a push landing while "a" was being rendered
            #expect(try await store.finishRender("a", generation: seen, manifest: ["flat/a/index.json"]) == false)
            #expect(try await store.dirtyLowerIDs() == ["a"])
            let now = try await store.renderState("a")
            #expect(now.generation > seen && now.manifest == ["flat/a/index.json"])
            // The render that follows sees the newer generation and clears the mark.
            #expect(try await store.finishRender("a", generation: now.generation, manifest: ["flat/a/index.json", "x"]))
            #expect(try await store.dirtyLowerIDs().isEmpty)
            #expect(try await store.renderState("a").manifest == ["flat/a/index.json", "x"])
        }
    }
}
