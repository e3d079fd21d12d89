public import NuGetCore

/// Reads and validates an uploaded package off the cooperative thread pool.
///
/// Opening a zip and hashing it is blocking file I/O and CPU work; it runs in a detached task so
/// one large upload does not stall every other request.
public struct PackageReader: Sendable {
    /// Caps for entries, nuspec, readme, icon and license sizes.
    public let limits: NupkgLimits

    /// Creates a reader with the given caps.
    public init(limits: NupkgLimits = .default) {
        self.limits = limits
    }

    /// The contents and warnings of a valid package, or `GalleryError.invalidPackage` with NuGetCore's sentence.
    public func read(fileAt path: String) async throws -> (NupkgContents, warnings: [String]) {
        let limits = self.limits
        return try await Task.detached(priority: .medium) {
            do {
                let contents = try NupkgReader.read(fileAt: path, limits: limits)
                let warnings = try PackageValidator.validate(contents)
                return (contents, warnings)
            } catch let error as any NuGetCoreError {
                throw GalleryError.invalidPackage(error.message)
            }
        }.value
    }
}
