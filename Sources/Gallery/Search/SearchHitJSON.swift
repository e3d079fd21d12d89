import NuGetProtocol

extension SearchResponseRenderer {
    /// Writes a package's `data[]` entry for a query with this filter combination straight from the index entry:
    /// the bytes `render(package.hit(combination:), semVer2:)` encodes to (`SearchResponse.Package.write`, whose
    /// key order this follows), without building the hit, the response value or its URL strings.
    ///
    /// A hit's ten or so registration URLs were most of the strings a rendered hit made; here each is written
    /// from the hive's base, the id and the version (`WireJSONWriter.string(joining:)`).
    /// `SearchAnswerWriterTests` compares both ways on corpora with every optional field set and unset.
    func writeHit(_ package: IndexedPackage, combination: Int, to w: inout WireJSONWriter) {
        let view = package.views[combination]!
        // Read through the text object: copying the record would retain each of its strings.
        let text = package.texts[view.text]
        let metadata = text.record.metadata
        let base = urls.registrationBase(combination & 2 != 0 ? .gzSemVer2 : .semVer1)
        let lowerID = text.record.lowerID
        w.object { w in
            w.key("@id")
            w.string(joining: base, lowerID, "/index.json")
            w.member("@type", "Package")
            w.member("authors", Self.authors(metadata.authors))
            if let deprecation = text.record.deprecation {
                w.key("deprecation")
                Self.deprecation(deprecation).write(to: &w)
            }
            w.member("description", metadata.description)
            w.member("iconUrl", iconURL(text.record))
            w.member("id", text.record.id)
            w.member("licenseUrl", licenseURL(text.record))
            w.member("owners", package.owners)
            w.key("packageTypes")
            let types = metadata.effectivePackageTypes
            w.array(count: types.count) { w, n in w.object { w in w.member("name", types[n]) } }
            w.member("projectUrl", metadata.projectUrl)
            w.key("registration")
            w.string(joining: base, lowerID, "/index.json")
            w.member("summary", metadata.summary)
            w.member("tags", metadata.tags)
            w.member("title", metadata.title)
            w.member("totalDownloads", package.totalDownloads)
            w.member("verified", package.verified)
            w.member("version", text.record.version)
            w.key("versions")
            let prerelease = combination & 1 != 0, semVer2 = combination & 2 != 0
            let versions = package.versions
            let visible = versions.indices.filter { versions[$0].isVisible(prerelease: prerelease, semVer2: semVer2) }
            w.array(count: visible.count) { w, n in
                let version = versions[visible[n]]
                w.object { w in
                    w.key("@id")
                    w.string(joining: base, lowerID, "/", version.lowerVersion, ".json")
                    w.member("downloads", version.downloads)
                    w.member("version", version.full)
                }
            }
            w.key("vulnerabilities")
            // Always an array (empty when none); severity is an integer here, unlike registration's string.
            let vulnerabilities =
                package.advisories.isEmpty ? [] : VulnerabilityRenderer.vulnerabilities(of: text.record.version, in: package.advisories)
            w.array(count: vulnerabilities.count) { w, n in
                let vulnerability = vulnerabilities[n]
                w.object { w in
                    w.member("advisoryUrl", vulnerability.advisoryUrl)
                    w.member("severity", Int64(Int(vulnerability.severity) ?? 0))
                }
            }
        }
    }
}
