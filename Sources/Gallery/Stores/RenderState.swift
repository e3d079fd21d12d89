/// What a renderer reads before rendering an id: its generation, and which documents the last render wrote.
public struct RenderState: Sendable, Equatable {
    /// The id's mark count whether dirty or clean (0 when never marked), as `renderGeneration` answers it.
    public let generation: Int64
    /// The paths (below `/v3/`) of the documents the last finished render wrote, so the next render deletes
    /// the ones that no longer exist; nil when no render recorded them in the store (documents rendered before
    /// the store kept them list them in the blob store's `_manifests/` instead).
    public let manifest: [String]?

    public init(generation: Int64, manifest: [String]?) {
        self.generation = generation
        self.manifest = manifest
    }
}
