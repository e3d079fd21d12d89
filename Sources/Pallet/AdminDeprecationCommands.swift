import ArgumentParser
import Foundation
import Gallery

struct DeprecateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deprecate",
        abstract: "Deprecate versions of a package (Legacy, CriticalBugs, Other), or un-deprecate them with no reason."
    )

    @Argument(help: "Package id.") var id: String
    @Argument(help: "Versions to change (one or more).") var versions: [String]
    @Flag(help: "The package is legacy and no longer maintained.") var legacy = false
    @Flag(help: "The versions have critical bugs.") var criticalBugs = false
    @Flag(help: "Another reason (say which with --message).") var other = false
    @Option(help: "Text shown to users.") var message: String?
    @Option(help: "The package to use instead (must exist in this feed).") var alternateID: String?
    @Option(help: "A version of the alternate package (any version when omitted).") var alternateVersion: String?
    @Flag(help: "Also unlist the versions.") var unlist = false
    @Flag(help: "Also relist the versions.") var relist = false
    @OptionGroup var dataOptions: DataOptions

    func validate() throws {
        if unlist && relist { throw ValidationError("Use --unlist or --relist, not both.") }
    }

    func run() async throws {
        var reasons: Set<DeprecationRequest.Reason> = []
        if legacy { reasons.insert(.legacy) }
        if criticalBugs { reasons.insert(.criticalBugs) }
        if other { reasons.insert(.other) }
        let request = DeprecationRequest(
            versions: try versions.map(nuGetVersion), reasons: reasons, message: message,
            alternatePackageID: try alternateID.map(packageID), alternatePackageVersion: try alternateVersion.map(nuGetVersion),
            listing: unlist ? .unlist : relist ? .relist : .unchanged)
        let changed = try await withAdminGallery(dataOptions) { gallery, me in
            try await gallery.deprecate(try packageID(id), request, by: me)
        }
        let verb = reasons.isEmpty ? "Un-deprecated" : "Deprecated"
        print(changed.isEmpty ? "Nothing changed." : "\(verb) '\(id)' \(changed.map(\.normalizedVersion).joined(separator: ", ")).")
    }
}
