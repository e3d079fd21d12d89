import Foundation
import NuGetCore
import GalleryTestSupport
import Testing

/// Every package of the shared corpus of real `.nupkg` files, and Debian's packaged nupkgs.
@Suite("Real package corpus", .enabled(if: Corpus.isPresent, Comment(rawValue: Corpus.missingReason)))
struct CorpusTests {
    @Test("the corpus and its manifest are present")
    func corpusPresent() {
        #expect(Corpus.files(in: "valid").count >= 60, "corpus not found at \(Corpus.root.path)")
        #expect(Corpus.files(in: "invalid").count >= 19)
        #expect(Corpus.files(in: "symbols").count >= 4)
        #expect(Corpus.manifest.count >= 83)
    }

    @Test("valid packages read, match the manifest and pass validation", arguments: Corpus.files(in: "valid"))
    func valid(_ file: String) throws {
        let row = try #require(Corpus.manifest[file])
        let contents = try NupkgReader.read(fileAt: Corpus.path(file))
        #expect(contents.nuspec.id.original == row.id)
        #expect(contents.nuspec.verbatimVersion == row.version)
        #expect(contents.sha512Base64 == row.sha512)
        #expect(!contents.isLegacySymbolsPackage)
        if Self.validWithoutAuthors.contains(file) {
            // NuGet.Client signing fixtures with no <description> or <authors>: readable, refused by push validation.
            #expect(throws: PackageValidationError.missingDescription) { try PackageValidator.validate(contents) }
        } else {
            _ = try PackageValidator.validate(contents)
        }
    }

    static let validWithoutAuthors: Set = [
        "valid/ExpiredPrimaryAndTimestampCertificatesWithUnavailableRevocationInfo.nupkg",
        "valid/TimestampInvalidGenTimePackage.nupkg",
    ]

    /// What each invalid package must fail with. `[soft]` rows are our policy choices (see the notes).
    static let invalidPackages: [(String, Expectation)] = [
        ("CycloneDX.0.3.0.nupkg", .reader(NupkgError.notAZip)),
        ("DependencyMissingId.0.1.0.nupkg", .invalidNuspecValue("<dependency> id")),
        ("EmptyDependencyId.0.1.0.nupkg", .invalidNuspecValue("<dependency> id")),
        ("FakeSignedContents.nupkg", .reader(NupkgError.noNuspec)),
        ("InvalidDependencyVersionRange.0.1.0.nupkg", .invalidNuspecValue("<dependency> version")),
        ("OneValidDependencyOneEmptyIdWithGroups.0.1.0.nupkg", .invalidNuspecValue("<dependency> id")),
        ("PackageWithDoubleBackwardSlash.1.0.0.nupkg", .unsafePath),
        ("PackageWithDoubleForwardSlash.1.0.0.nupkg", .unsafePath),
        ("PackageWithInvalidUnicode.nupkg", .reader(NupkgError.noNuspec)),
        // [soft] nuget.org refuses its U+FFFD text; we only warn, but its <readme> README_en.md is missing.
        ("PackageWithInvalidUnicodeCharacters.1.0.0.nupkg",
         .reader(NupkgError.missingFile(kind: .readme, path: "README_en.md"))),
        // [soft] nuget.org refuses entry paths past 260 characters; NupkgLimits.maxEntryPathLength = 260.
        ("PackageWithVeryLongZipFileEntry.1.0.0.nupkg", .longPath),
        ("TestPackage.IconOnlyFileType.0.4.2.nupkg", .reader(NupkgError.missingFile(kind: .icon, path: "icon.png"))),
        ("TestPackage.IconOnlyNoType.0.4.2.nupkg", .reader(NupkgError.missingFile(kind: .icon, path: "icon.png"))),
        // [soft] nuget.org refuses <license> with a licenseUrl other than the deprecation URL; so do we.
        ("TestPackage.LicenseExpressionAndUrl.0.1.0.nupkg", .validation(.licenseURLWithLicense)),
        ("UnsignedContents.nupkg", .reader(NupkgError.noNuspec)),
        ("WhitespaceDependencyId.0.1.0.nupkg", .invalidNuspecValue("<dependency> id")),
        // Its CRLF-before-<?xml nuspec is never reached: ZIPFoundation reads the ZIP64 extra field's sizes as
        // larger than the file, and the reader refuses the entry as corrupt.
        ("Zip64Package.1.0.0.nupkg", .reader(NupkgError.corruptEntry("Zip64Package.nuspec"))),
        // [soft] a ZIP64 locator claiming 2 disks: .NET's ZipArchive and nuget.org refuse; so do we.
        ("Zip64Package.Corrupted.1.0.0.nupkg", .reader(NupkgError.notAZip)),
        ("package.name.0.1.2.nupkg", .reader(NupkgError.empty)),
    ]

    @Test("invalid packages fail with the right error", arguments: invalidPackages)
    func invalid(_ file: String, _ expectation: Expectation) throws {
        let path = Corpus.path("invalid/\(file)")
        do {
            let contents = try NupkgReader.read(fileAt: path)
            guard case .validation(let expected) = expectation else {
                Issue.record("\(file) opened but should fail while reading: \(expectation)")
                return
            }
            #expect(throws: expected) { try PackageValidator.validate(contents) }
        } catch {
            #expect(expectation.matches(error), "\(file): \(error)")
        }
    }

    @Test("every invalid corpus file has an expectation")
    func invalidCovered() {
        #expect(Set(Corpus.files(in: "invalid").map { String($0.dropFirst("invalid/".count)) }) == Set(Self.invalidPackages.map(\.0)))
    }

    @Test(".snupkg files are symbols packages and refused", arguments: ["TestData.1.2.3.snupkg", "TestDataFullDebug.1.2.3.snupkg"])
    func snupkg(_ file: String) throws {
        let contents = try NupkgReader.read(fileAt: Corpus.path("symbols/\(file)"))
        #expect(contents.isLegacySymbolsPackage)
        #expect(throws: PackageValidationError.symbolsPackage) { try PackageValidator.validate(contents) }
    }

    /// Legacy `.symbols.nupkg` files are told apart only by NuGet.Server's layout test (`.pdb` + `src/`).
    /// These two have no `src/` (Composable's is byte-for-byte the normal package's nuspec with no files), so
    /// by content they are ordinary packages; we document that rather than guess from `.pdb` files, which
    /// many real packages ship.
    @Test("legacy .symbols.nupkg without src/ read as ordinary packages (documented limit)",
          arguments: ["Composable.Core.3.4.0.symbols.nupkg", "test-package-a.1.0.0.symbols.nupkg"])
    func legacySymbols(_ file: String) throws {
        let row = try #require(Corpus.manifest["symbols/\(file)"])
        let contents = try NupkgReader.read(fileAt: Corpus.path("symbols/\(file)"))
        #expect(contents.nuspec.id.original == row.id)
        #expect(contents.sha512Base64 == row.sha512)
        #expect(!contents.isLegacySymbolsPackage)
    }

    static let debianPackageList: [(String, String, String)] = [
        ("/usr/share/nupkg/Newtonsoft.Json.6.0.8.nupkg", "Newtonsoft.Json", "6.0.8"),
        ("/usr/share/nupkg/NUnit.2.6.4.nupkg", "NUnit", "2.6.4"),
    ]

    // A fresh clone passes `swift test` without them; `.ci/run` installs them, so CI always runs this.
    @Test("Debian's packaged nupkgs read and validate",
          .enabled(if: debianPackageList.allSatisfy { FileManager.default.fileExists(atPath: $0.0) },
                   "install nupkg-newtonsoft.json.6.0.8 and nupkg-nunit.2.6.4 (apt-get) to run this test"),
          arguments: debianPackageList)
    func debianPackages(_ path: String, _ id: String, _ version: String) throws {
        let contents = try NupkgReader.read(fileAt: path)
        #expect(contents.nuspec.id.original == id)
        #expect(contents.nuspec.version.normalized == version)
        #expect(!contents.libFrameworks.isEmpty)
        _ = try PackageValidator.validate(contents)
    }
}

/// The failure an invalid corpus package must produce.
enum Expectation: Sendable, CustomStringConvertible {
    case reader(NupkgError)
    case invalidNuspecValue(String)
    case unsafePath
    case longPath
    case validation(PackageValidationError)

    func matches(_ error: any Error) -> Bool {
        switch (self, error) {
        case (.reader(let expected), let actual as NupkgError): return expected == actual
        case (.invalidNuspecValue(let element), NuspecError.invalidValue(let actual, _, _)): return element == actual
        case (.unsafePath, NupkgError.unsafeEntryPath): return true
        case (.longPath, NupkgError.entryPathTooLong): return true
        default: return false
        }
    }

    var description: String {
        switch self {
        case .reader(let error): return error.message
        case .invalidNuspecValue(let element): return "invalid \(element)"
        case .unsafePath: return "unsafe entry path"
        case .longPath: return "entry path too long"
        case .validation(let error): return error.message
        }
    }
}
