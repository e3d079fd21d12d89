public import Foundation
public import Gallery

/// `pallet admin import`: publishes a folder of `.nupkg` files (a NuGet.Server, BaGetter or Sleet store, a
/// build's output) through the same publish pipeline as an HTTP push (validation, claims, catalog, audit),
/// without HTTP. Each file is copied to a staged `upload-*.nupkg` in the data folder first, as an upload is,
/// since the pipeline moves its input into the blob store (and the sweeper removes what a crash leaves).
public struct PackageImporter: Sendable {
    let gallery: PackageGallery
    let principal: Principal
    let stagingDirectory: URL

    public init(gallery: PackageGallery, principal: Principal, stagingDirectory: URL) {
        self.gallery = gallery
        self.principal = principal
        self.stagingDirectory = stagingDirectory
    }

    /// The principal an import acts as: the command line (a site admin, `actingAs` or the operator) for the
    /// account `ownerName` (a user or organization), which owns the ids the import creates.
    public static func principal(gallery: PackageGallery, actingAs: String?, ownerName: String) async throws -> Principal {
        let cli = try await gallery.authorizer.adminCLI(actingAs: actingAs)
        guard let owner = try await gallery.store.user(named: ownerName), !owner.isDeleted else {
            throw GalleryError.notFound("There is no account '\(ownerName)'.")
        }
        return Principal(user: cli.user, credential: .adminCLI, owner: owner, memberships: cli.memberships)
    }

    /// Imports one file. An identical version already there counts as skipped; a different one with the
    /// same number fails unless `skipDuplicate` is set.
    public func importFile(_ file: URL, skipDuplicate: Bool) async -> BulkResult {
        let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
        let staged = stagingDirectory.appendingPathComponent("upload-\(UUID().uuidString).nupkg")
        defer { try? FileManager.default.removeItem(at: staged) }
        do {
            try FileManager.default.copyItem(at: file, to: staged)
            _ = try await gallery.push(packageAt: staged.path, by: principal)
            return BulkResult(file: file, outcome: .published, bytes: size)
        } catch let error as GalleryError {
            switch error {
            case .identicalVersionExists:
                return BulkResult(file: file, outcome: .skippedDuplicate(error.description), bytes: size)
            case .versionExists where skipDuplicate:
                return BulkResult(file: file, outcome: .skippedDuplicate(error.description), bytes: size)
            default:
                return BulkResult(file: file, outcome: .failed(error.description), bytes: size)
            }
        } catch {
            return BulkResult(file: file, outcome: .failed("\(error)"), bytes: size)
        }
    }

    /// Imports every file with at most `parallelism` at once.
    public func importAll(
        _ files: [URL], parallelism: Int, skipDuplicate: Bool, progress: BulkProgress? = nil
    ) async -> [BulkResult] {
        await mapConcurrently(files, limit: parallelism) { file in
            let result = await importFile(file, skipDuplicate: skipDuplicate)
            progress?.record(result)
            return result
        }
    }
}
