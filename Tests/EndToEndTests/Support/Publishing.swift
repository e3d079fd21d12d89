import Foundation
import HTTPTypes
import HummingbirdTesting
import PalletTestSupport
import Testing

extension FeedClient {
    /// Pushes `package` and expects `201 Created`; returns the exact bytes that were pushed.
    @discardableResult
    func pushCreated(
        _ package: TestPackage, apiKey: String, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> Data {
        let nupkg = try package.data()
        try await pushCreated(nupkg, apiKey: apiKey, label: "\(package.id) \(package.version)", sourceLocation: sourceLocation)
        return nupkg
    }

    /// Pushes raw nupkg bytes and expects `201 Created`.
    func pushCreated(
        _ nupkg: Data, apiKey: String, label: String, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let response = try await push(nupkg, apiKey: apiKey)
        #expect(response.status == .created, "push of \(label): \(response.status) \(response.text)", sourceLocation: sourceLocation)
    }

    /// The flat-container download URL path of a version (lowercase id, lowercase normalized version).
    static func nupkgPath(_ lowerID: String, _ lowerVersion: String) -> String {
        "/v3/flat/\(lowerID)/\(lowerVersion)/\(lowerID).\(lowerVersion).nupkg"
    }
}

/// `lower(norm(v))` of protocol §8, written independently of the server: build metadata dropped,
/// leading zeros removed, a fourth part kept only when non-zero, at least three parts.
func lowerNormalized(_ version: String) -> String { normalized(version).lowercased() }

/// `norm(v)` keeping the case of the prerelease label (as messages and `catalogEntry.version` show it).
func normalized(_ version: String) -> String {
    let withoutMetadata = version.split(separator: "+", maxSplits: 1)[0]
    let parts = withoutMetadata.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
    var numbers = parts[0].split(separator: ".").map { String(Int($0) ?? 0) }
    while numbers.count < 3 { numbers.append("0") }
    if numbers.count == 4, numbers[3] == "0" { numbers.removeLast() }
    let release = numbers.joined(separator: ".")
    return parts.count == 2 ? "\(release)-\(parts[1])" : release
}

/// A small valid package with the defaults the tests share.
func package(_ id: String, _ version: String, configure: (inout TestPackage) -> Void = { _ in }) -> TestPackage {
    var package = TestPackage(id: id, version: version)
    configure(&package)
    return package
}
