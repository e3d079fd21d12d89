import PalletTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Real packages from many packing tools and eras (the shared corpus and Debian's nupkgs): each
/// is accepted and served back byte-identical; `[dup]` files are 409 (MANIFEST.tsv).
@Suite("Real packages")
struct CorpusTests {
    @Test("every valid corpus package pushes (201, or 409 for [dup]) and downloads byte-identical",
          .enabled(if: Corpus.isPresent, Comment(rawValue: Corpus.missingReason)))
    func validCorpus() async throws {
        let entries = Corpus.valid()
        try #require(entries.count >= 50, "corpus at \(Corpus.root.path)")
        try await withTestServer { client, env in
            var accepted: [Corpus.Entry] = []
            var acceptedKeys: Set<String> = []
            for entry in entries {
                let nupkg = try Data(contentsOf: entry.url)
                #expect(SHA512.base64(nupkg) == entry.sha512, "\(entry.file) matches its manifest hash")
                let response = try await client.push(nupkg, apiKey: env.apiKey)
                let key = "\(entry.id.lowercased())/\(lowerNormalized(entry.version))"
                let outcome = "\(entry.file): \(response.status) \(response.text)"
                if entry.isDuplicate && acceptedKeys.contains(key) {
                    #expect(response.status == .conflict, "\(outcome)")
                } else if entry.isSoft || entry.isDuplicate {
                    // Policy, not format (e.g. a nuspec without <description>, which nuget.org requires):
                    // accepting or refusing with a 400 message are both defensible; a [dup] of a refused
                    // file shares its fate.
                    #expect(response.status == .created || response.status == .badRequest, "\(outcome)")
                } else {
                    #expect(response.status == .created, "\(outcome)")
                }
                if response.status == .created {
                    accepted.append(entry)
                    acceptedKeys.insert(key)
                }
            }
            #expect(accepted.count >= entries.count - 8, "\(accepted.count) of \(entries.count) accepted")
            for entry in accepted {
                let lowerID = entry.id.lowercased()
                let version = lowerNormalized(entry.version)
                let versions = try await client.json("/v3/flat/\(lowerID)/index.json")["versions"]?.strings ?? []
                #expect(versions.contains(version), "\(entry.file): \(version) in \(versions)")
                let download = try await client.get(FeedClient.nupkgPath(lowerID, version))
                #expect(download.status == .ok, "\(entry.file)")
                #expect(SHA512.base64(download.data) == entry.sha512, "\(entry.file) served byte-identical")
            }
        }
    }

    /// Debian's `nupkg-newtonsoft.json.6.0.8` and `nupkg-nunit.2.6.4` install these.
    static let debianPackages: [(file: String, id: String, version: String)] = [
        ("/usr/share/nupkg/Newtonsoft.Json.6.0.8.nupkg", "newtonsoft.json", "6.0.8"),
        ("/usr/share/nupkg/NUnit.2.6.4.nupkg", "nunit", "2.6.4"),
    ]

    @Test("Debian's nupkgs push and come back byte-identical, with registration metadata",
          .enabled(if: debianPackages.allSatisfy { FileManager.default.fileExists(atPath: $0.file) },
                   "install nupkg-newtonsoft.json.6.0.8 and nupkg-nunit.2.6.4 (apt-get) to run this test"),
          arguments: debianPackages.map { [$0.file, $0.id, $0.version] })
    func debian(_ row: [String]) async throws {
        let (file, lowerID, version) = (row[0], row[1], row[2])
        let nupkg = try Data(contentsOf: URL(fileURLWithPath: file))
        try await withTestServer { client, env in
            try await client.pushCreated(nupkg, apiKey: env.apiKey, label: file)
            let download = try await client.get(FeedClient.nupkgPath(lowerID, version))
            #expect(download.data == nupkg)
            let entry = try await client.json("/v3/registration/\(lowerID)/index.json")["items"]?[0]?["items"]?[0]?["catalogEntry"]
            #expect(entry?["id"]?.string?.lowercased() == lowerID)
            #expect(entry?["version"]?.string == version)
            #expect(try await client.json("/v3/query?q=\(lowerID)")["data"]?[0]?["id"]?.string?.lowercased() == lowerID)
        }
    }
}

