public import Gallery

extension InMemoryMetadataStore {
    public func advisories() async throws -> [Advisory] {
        try read { $0.advisories }
    }

    public func advisories(ofLowerID lowerID: String) async throws -> [Advisory] {
        try read { state in state.advisories.filter { $0.lowerID == lowerID } }
    }

    public func replaceAdvisories(on page: Advisory.Page, with advisories: [Advisory], audit: [AuditEvent]) async throws -> [String] {
        let now = nowMicroseconds
        return try write { state in
            let old = state.advisories.filter { $0.page == page }
            let new = Set(advisories.map { advisory in
                var advisory = advisory
                advisory.page = page
                return advisory
            })
            // As SQL's primary key: one row per advisory id + package + range.
            state.advisories.removeAll { existing in
                existing.page == page || new.contains { Self.sameRow($0, existing) }
            }
            state.advisories += new
            let before = Dictionary(grouping: old, by: \.lowerID).mapValues(Set.init)
            let after = Dictionary(grouping: new, by: \.lowerID).mapValues(Set.init)
            let changed = Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.sorted()
            state.markDirty(changed, now: now)
            state.appendAudit(audit)
            return changed
        }
    }

    public func addAdvisories(_ advisories: [Advisory], audit: [AuditEvent]) async throws {
        let now = nowMicroseconds
        try write { state in
            for advisory in advisories {
                state.advisories.removeAll { Self.sameRow($0, advisory) }
                state.advisories.append(advisory)
            }
            state.markDirty(advisories.map(\.lowerID), now: now)
            state.appendAudit(audit)
        }
    }

    public func removeAdvisory(id advisoryID: String, audit: [AuditEvent]) async throws -> [String] {
        let now = nowMicroseconds
        return try write { state in
            let ids = Set(state.advisories.filter { $0.advisoryID == advisoryID }.map(\.lowerID)).sorted()
            state.advisories.removeAll { $0.advisoryID == advisoryID }
            state.markDirty(ids, now: now)
            if !ids.isEmpty { state.appendAudit(audit) }
            return ids
        }
    }

    static func sameRow(_ a: Advisory, _ b: Advisory) -> Bool {
        a.advisoryID == b.advisoryID && a.lowerID == b.lowerID && a.versions == b.versions
    }
}
