public import Foundation
public import Gallery

extension InMemoryMetadataStore {
    public func dirtyLowerIDs() async throws -> [String] {
        try read { state in state.dirty.filter { $0.value.generation > $0.value.renderedGeneration }.keys.sorted() }
    }

    public func markDirty(_ lowerIDs: [String]) async throws {
        let now = nowMicroseconds
        try write { $0.markDirty(lowerIDs, now: now) }
    }

    public func clearDirty(_ lowerID: String, generation: Int64) async throws {
        let now = nowMicroseconds
        try write { state in
            guard var row = state.dirty[lowerID], row.generation == generation else { return }
            row.renderedGeneration = row.generation
            row.touched = now
            row.renderLease = 0
            state.dirty[lowerID] = row
        }
    }

    public func dirtyGeneration(_ lowerID: String) async throws -> Int64 {
        try read { state in
            guard let row = state.dirty[lowerID], row.generation > row.renderedGeneration else { return 0 }
            return row.generation
        }
    }

    public func renderGeneration(_ lowerID: String) async throws -> Int64 {
        try read { $0.dirty[lowerID]?.generation ?? 0 }
    }

    public func renderMarks(touchedAfter after: Int64) async throws -> RenderMarks {
        let now = nowMicroseconds
        return try read { state in
            let marks = state.dirty.filter { $0.value.touched > after }
                .map { RenderMark(lowerID: $0.key, generation: $0.value.generation, renderedGeneration: $0.value.renderedGeneration, touched: $0.value.touched) }
                .sorted { ($0.touched, $0.lowerID) < ($1.touched, $1.lowerID) }
            return RenderMarks(marks: marks, now: now)
        }
    }

    public func claimRender(_ lowerID: String, leaseSeconds: Int) async throws -> Bool {
        let now = nowMicroseconds
        return try write { state in
            guard var row = state.dirty[lowerID], row.generation > row.renderedGeneration, row.renderLease < now else { return false }
            row.renderLease = now + Int64(leaseSeconds) * 1_000_000
            state.dirty[lowerID] = row
            return true
        }
    }

    public func setting(_ name: String) async throws -> String? {
        try read { $0.settings[name] }
    }

    public func setSetting(_ name: String, _ value: String) async throws {
        try write { $0.settings[name] = value }
    }
}

extension InMemoryMetadataStore {
    public func renderState(_ lowerID: String) async throws -> RenderState {
        try read { state in
            let row = state.dirty[lowerID]
            return RenderState(generation: row?.generation ?? 0, manifest: row?.manifest)
        }
    }

    public func finishRender(_ lowerID: String, generation: Int64, manifest: [String]) async throws -> Bool {
        let now = nowMicroseconds
        return try write { state in
            var row = state.dirty[lowerID] ?? InMemoryState.DirtyRow(touched: now)
            row.manifest = manifest
            if row.generation == generation {
                row.renderedGeneration = row.generation
                row.touched = now
                row.renderLease = 0
            }
            state.dirty[lowerID] = row
            return row.generation == generation
        }
    }
}
