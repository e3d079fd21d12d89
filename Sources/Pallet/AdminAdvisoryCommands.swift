import ArgumentParser
import Foundation
import Gallery
import NuGetCore

struct ImportAdvisoriesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-advisories",
        abstract: "Import NuGet advisories from OSV JSON (a file or a folder such as a github/advisory-database checkout)."
    )

    @Argument(help: "An OSV .json file, or a folder searched recursively.") var path: String
    @OptionGroup var dataOptions: DataOptions

    func run() async throws {
        let count = try await withAdminGallery(dataOptions) { gallery, me in try await gallery.importAdvisories(at: path, by: me) }
        print("The base vulnerability page holds \(count) advisory range(s).")
    }
}

struct AddAdvisoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add-advisory", abstract: "Add a private advisory for a package (the update vulnerability page)."
    )

    @Argument(help: "Advisory id (e.g. CONTOSO-2026-001).") var advisoryID: String
    @Argument(help: "Package id.") var id: String
    @Argument(help: "Affected versions as a NuGet range, e.g. '[1.0.0, 1.4.2)'.") var range: String
    @Option(help: "low, moderate, high or critical.") var severity: String
    @Option(help: "The advisory's web page.") var url: String
    @OptionGroup var dataOptions: DataOptions

    func run() async throws {
        guard let level = Advisory.severity(named: severity) else {
            throw ValidationError("'\(severity)' is not a severity: use low, moderate, high or critical.")
        }
        let versions: VersionRange
        do {
            versions = try VersionRange(parsing: range)
        } catch {
            throw ValidationError("'\(range)' is not a NuGet version range: \(error)")
        }
        try await withAdminGallery(dataOptions) { gallery, me in
            try await gallery.addAdvisory(id: advisoryID, package: try packageID(id), versions: versions, severity: level, url: url, by: me)
        }
        print("Added '\(advisoryID)' for '\(id)' \(versions.normalized).")
    }
}

struct RemoveAdvisoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "remove-advisory", abstract: "Remove an advisory (imported or private).")

    @Argument(help: "Advisory id.") var advisoryID: String
    @OptionGroup var dataOptions: DataOptions

    func run() async throws {
        let removed = try await withAdminGallery(dataOptions) { gallery, me in try await gallery.removeAdvisory(id: advisoryID, by: me) }
        print(removed ? "Removed '\(advisoryID)'." : "No advisory '\(advisoryID)'.")
    }
}
