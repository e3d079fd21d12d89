public import Foundation
public import Gallery
import SQLKit

extension SQLMetadataStore {
    /// The id's generation and its last render's manifest, in one statement.
    public func renderState(_ lowerID: String) async throws -> RenderState {
        try await read { db in
            guard let row = try await db.raw("""
                SELECT generation, manifest_json FROM dirty_packages WHERE lower_id = \(bind: lowerID)
                """).first() else { return RenderState(generation: 0, manifest: nil) }
            let generation = try row.decode(column: "generation", as: Int64.self)
            let json = try row.decodeNil(column: "manifest_json") ? nil : try row.decode(column: "manifest_json", as: String.self)
            return RenderState(generation: generation, manifest: json.flatMap { try? JSONDecoder().decode([String].self, from: Data($0.utf8)) })
        }
    }

    /// Stores the manifest whatever the generation (the documents are written), and clears the mark as
    /// `clearDirty` does only when the generation is still `generation`; one statement, so one round trip.
    /// An id never marked gets a clean row (generation 0) to hold its manifest.
    public func finishRender(_ lowerID: String, generation: Int64, manifest: [String]) async throws -> Bool {
        let now = dialect.currentMicroseconds
        let json = String(decoding: try JSONEncoder().encode(manifest), as: UTF8.self)
        return try await writeStatement { db in
            let row = try await db.raw("""
                INSERT INTO dirty_packages (lower_id, generation, rendered_generation, touched, manifest_json)
                VALUES (\(bind: lowerID), 0, 0, \(unsafeRaw: now), \(bind: json))
                ON CONFLICT (lower_id) DO UPDATE SET
                    manifest_json = excluded.manifest_json,
                    rendered_generation = CASE WHEN dirty_packages.generation = \(bind: generation)
                        THEN dirty_packages.generation ELSE dirty_packages.rendered_generation END,
                    touched = CASE WHEN dirty_packages.generation = \(bind: generation)
                        THEN excluded.touched ELSE dirty_packages.touched END,
                    render_lease = CASE WHEN dirty_packages.generation = \(bind: generation)
                        THEN 0 ELSE dirty_packages.render_lease END
                RETURNING generation
                """).first()
            return try row?.decode(column: "generation", as: Int64.self) == generation
        }
    }
}
