/// Which ids' rendered documents are behind the metadata, and who renders them (several nodes may share one store);
/// plus a few installation settings.
public protocol RenderingLedger: Sendable {
    /// Ids whose documents must be re-rendered.
    func dirtyLowerIDs() async throws -> [String]
    /// Marks ids dirty (for example after the base URL changed).
    func markDirty(_ lowerIDs: [String]) async throws
    /// Clears the dirty mark if it was not set again after `generation` was read.
    func clearDirty(_ lowerID: String, generation: Int64) async throws
    /// The current dirty generation of an id (0 when clean).
    func dirtyGeneration(_ lowerID: String) async throws -> Int64
    /// The id's mark count whether it is dirty or clean (0 when never marked). A renderer compares it
    /// before and after writing to notice a change that landed meanwhile.
    func renderGeneration(_ lowerID: String) async throws -> Int64
    /// The id's generation and the documents its last render wrote, in one read (a push's render starts here).
    func renderState(_ lowerID: String) async throws -> RenderState
    /// Records `manifest` as the documents of the id's render just written and, like `clearDirty`, clears the
    /// mark when it was not set again after `generation` was read; true when it was not (nothing changed while
    /// rendering), which spares the renderer a second read of the generation.
    func finishRender(_ lowerID: String, generation: Int64, manifest: [String]) async throws -> Bool
    /// Marks touched (marked dirty or rendered) after `after`, in the store's clock (µs since 1970),
    /// with that clock's current reading: how nodes sharing one database see each other's writes.
    func renderMarks(touchedAfter after: Int64) async throws -> RenderMarks
    /// Takes the render lease of a dirty id for `leaseSeconds`; false when it is clean or another process
    /// holds an unexpired lease. Rendering the id and `clearDirty` release it.
    func claimRender(_ lowerID: String, leaseSeconds: Int) async throws -> Bool
    /// A small key/value table for installation facts (schema version, base URL used by rendered documents).
    func setting(_ name: String) async throws -> String?
    /// Sets or replaces an installation setting.
    func setSetting(_ name: String, _ value: String) async throws
}

/// One id's render bookkeeping as another node sees it.
public struct RenderMark: Sendable, Equatable {
    public let lowerID: String
    /// Marks so far; the id is dirty while this is ahead of `renderedGeneration`.
    public let generation: Int64
    public let renderedGeneration: Int64
    /// When it was last marked or rendered, in the database's clock (µs since 1970).
    public let touched: Int64

    public init(lowerID: String, generation: Int64, renderedGeneration: Int64, touched: Int64) {
        self.lowerID = lowerID
        self.generation = generation
        self.renderedGeneration = renderedGeneration
        self.touched = touched
    }

    /// Whether the documents in the blob store reflect every mark.
    public var isRendered: Bool { renderedGeneration >= generation }
}

/// The answer of `renderMarks(touchedAfter:)`.
public struct RenderMarks: Sendable {
    public let marks: [RenderMark]
    /// The database's clock when the marks were read (µs since 1970).
    public let now: Int64

    public init(marks: [RenderMark], now: Int64) {
        self.marks = marks
        self.now = now
    }
}
