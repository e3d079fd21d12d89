/// Search and autocomplete answers written by hand (`WireJSONWriter`): the bytes `WireJSON.encode` makes of the
/// same values, at a fraction of its CPU. The keys below are in `.sortedKeys` order; `SearchWireBytesTests`
/// compares both encoders over every field, nil and set.
extension SearchResponse {
    /// `WireJSON.encode(self)`, written directly.
    public var wireBytes: [UInt8] {
        var writer = WireJSONWriter(capacity: 2048 * max(data.count, 1))
        writer.object { w in
            w.key("data")
            w.array(data) { w, package in package.write(to: &w) }
            w.member("totalHits", Int64(totalHits))
        }
        return writer.bytes
    }
}

extension SearchResponse.Package {
    /// Writes this `data[]` entry as `WireJSON.encode` would (search keeps each hit's bytes: `SearchAnswerWriter`).
    public func write(to w: inout WireJSONWriter) {
        w.object { w in
            w.member("@id", atID)
            w.member("@type", atType)
            w.member("authors", authors)
            if let deprecation {
                w.key("deprecation")
                deprecation.write(to: &w)
            }
            w.member("description", description)
            w.member("iconUrl", iconUrl)
            w.member("id", id)
            w.member("licenseUrl", licenseUrl)
            w.member("owners", owners)
            w.key("packageTypes")
            w.array(packageTypes) { w, type in w.object { w in w.member("name", type.name) } }
            w.member("projectUrl", projectUrl)
            w.member("registration", registration)
            w.member("summary", summary)
            w.member("tags", tags)
            w.member("title", title)
            w.member("totalDownloads", totalDownloads)
            w.member("verified", verified)
            w.member("version", version)
            w.key("versions")
            w.array(versions) { w, version in
                w.object { w in
                    w.member("@id", version.atID)
                    w.member("downloads", version.downloads)
                    w.member("version", version.version)
                }
            }
            w.key("vulnerabilities")
            w.array(vulnerabilities) { w, vulnerability in
                w.object { w in
                    w.member("advisoryUrl", vulnerability.advisoryUrl)
                    w.member("severity", Int64(vulnerability.severity))
                }
            }
        }
    }
}

extension Deprecation {
    /// Writes this deprecation object as `WireJSON.encode` would.
    public func write(to w: inout WireJSONWriter) {
        w.object { w in
            if let alternatePackage {
                w.key("alternatePackage")
                w.object { w in
                    w.member("id", alternatePackage.id)
                    w.member("range", alternatePackage.range)
                }
            }
            w.member("message", message)
            w.member("reasons", reasons)
        }
    }
}

extension AutocompleteResponse {
    /// `WireJSON.encode(self)`, written directly.
    public var wireBytes: [UInt8] {
        var writer = WireJSONWriter(capacity: 64 + 48 * data.count)
        writer.object { w in
            w.member("data", data)
            if let totalHits { w.member("totalHits", Int64(totalHits)) }
        }
        return writer.bytes
    }
}
