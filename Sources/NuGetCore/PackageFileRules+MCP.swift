import Foundation

extension PackageFileRules {
    /// Where an MCP server package describes how to run it (lowercased; matched ignoring case).
    static let mcpServerJSONPath = ".mcp/server.json"
    /// nuget.org's limit on `.mcp/server.json`, in characters.
    static let maxMCPServerJSONCharacters = 20_000

    /// `.mcp/server.json`, when present: UTF-8, at most 20,000 characters, one JSON object (the gallery renders
    /// a VS Code `mcp.json` entry from it, so anything else would break the page, not just the file).
    static func checkMCPServerJSON(_ contents: NupkgContents) throws {
        guard let data = contents.mcpServerJSON else { return }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw PackageValidationError.invalidMCPServerJSON("is not UTF-8 text")
        }
        guard text.count <= maxMCPServerJSONCharacters else {
            throw PackageValidationError.invalidMCPServerJSON("is longer than \(maxMCPServerJSONCharacters) characters")
        }
        let parsed = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        guard parsed is [String: Any] else {
            throw PackageValidationError.invalidMCPServerJSON("must be a JSON object")
        }
    }
}
