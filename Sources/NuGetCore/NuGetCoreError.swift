/// An error raised while reading NuGet data that a user can act on.
///
/// Every error thrown by `NuGetCore` conforms: its `message` is one sentence telling the
/// uploader what is wrong and what to fix (`The nuspec has no <version> element.`). The HTTP
/// layer puts that sentence, unchanged, in the reason phrase and the body of a 400 answer, so it
/// must never contain internals such as file-system paths or type names.
public protocol NuGetCoreError: Error, CustomStringConvertible, Sendable {
    /// One sentence for the user, ending with a period.
    var message: String { get }
}

extension NuGetCoreError {
    public var description: String { message }
}
