/// What a successful push produced.
public struct PushResult: Sendable {
    /// The stored version.
    public let record: PackageVersionRecord
    /// Non-fatal validation findings, sent back as `X-NuGet-Warning` headers.
    public let warnings: [String]
}
