public import Foundation

/// Another NuGet V3 feed Pallet answers from for ids it does not hold (a pull-through cache): nuget.org, or
/// another Pallet. Gallery declares it; PalletApp implements it over HTTP.
public protocol UpstreamSource: Sendable {
    /// How messages name the upstream (its URL).
    var name: String { get }
    /// The upstream's flat-container version list of a lowercase id (unlisted versions included), as
    /// lowercase normalized versions; nil when the upstream does not have the id (404).
    /// Throws `UpstreamFailure` when the upstream cannot be reached or answers an error.
    func versions(lowerID: String) async throws -> [String]?
    /// One flat-container file of a version (`{id}.{version}.nupkg` or `{id}.nuspec`); nil on 404.
    func file(lowerID: String, lowerVersion: String, name: String) async throws -> Data?
}

/// An upstream could not answer: down, refusing, or too slow.
public struct UpstreamFailure: Error, Sendable, CustomStringConvertible {
    /// Whether it ran out of time (504) rather than failed (502).
    public let isTimeout: Bool
    public let description: String

    public init(isTimeout: Bool = false, _ description: String) {
        self.isTimeout = isTimeout
        self.description = description
    }
}
