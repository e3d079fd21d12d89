public import HTTPTypes

extension HTTPField.Name {
    /// The API key header of NuGet clients (read before any of a write request's body).
    public static let nuGetAPIKey = HTTPField.Name("X-NuGet-ApiKey")!
    /// Warnings the client prints after a push (protocol §2).
    public static let nuGetWarning = HTTPField.Name("X-NuGet-Warning")!
}
