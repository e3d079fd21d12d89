public import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `.nupkg` files named on a command line: files as given, folders searched recursively, and glob patterns
/// (`out/*.nupkg`, quoted so the shell left them alone) expanded. Symbol packages (`.snupkg`) are not pushed
/// as packages; duplicates are listed once, in the order first named.
public enum PackageFiles {
    /// What went wrong finding the files.
    public struct NotFound: Error, CustomStringConvertible {
        public let description: String
    }

    /// Expands `paths`; throws when one of them names nothing.
    public static func expand(_ paths: [String]) throws -> [URL] {
        var found: [URL] = []
        var seen: Set<String> = []
        func add(_ url: URL) {
            let path = url.standardizedFileURL.path
            if seen.insert(path).inserted { found.append(url.standardizedFileURL) }
        }
        for path in paths {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
                if isDirectory.boolValue {
                    let inFolder = try packages(inFolder: URL(fileURLWithPath: path))
                    guard !inFolder.isEmpty else { throw NotFound(description: "No .nupkg files in '\(path)'.") }
                    inFolder.forEach(add)
                } else {
                    add(URL(fileURLWithPath: path))
                }
            } else if path.contains(where: { "*?[".contains($0) }) {
                let matches = glob(path).filter { $0.hasSuffix(".nupkg") }
                guard !matches.isEmpty else { throw NotFound(description: "No .nupkg files match '\(path)'.") }
                matches.map { URL(fileURLWithPath: $0) }.forEach(add)
            } else {
                throw NotFound(description: "'\(path)' does not exist.")
            }
        }
        return found
    }

    /// Every `.nupkg` below `folder`, sorted by path.
    public static func packages(inFolder folder: URL) throws -> [URL] {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else {
            throw NotFound(description: "'\(folder.path)' cannot be read.")
        }
        var files: [URL] = []
        for case let url as URL in walker where url.pathExtension.lowercased() == "nupkg" {
            files.append(url)
        }
        return files.sorted { $0.path < $1.path }
    }

    private static func glob(_ pattern: String) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        guard Glibc.glob(pattern, 0, nil, &result) == 0 else { return [] }
        return (0..<Int(result.gl_pathc)).compactMap { index in result.gl_pathv[index].map { String(cString: $0) } }
    }
}
