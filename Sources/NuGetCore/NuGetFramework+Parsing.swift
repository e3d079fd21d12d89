// Parsing follows NuGet.Frameworks `NuGetFramework.Parse`: a comma means the .NET FrameworkName
// form (`ParseFrameworkName`), anything else is a folder name (`ParseFolder`, `RawParse`), with
// the net5.0+ platform suffix of current NuGet. Where NuGet answers "Unsupported", we throw.

extension NuGetFramework {
    /// Parses a target framework, case-insensitively, in any form NuGet accepts: folder names
    /// (`net8.0`, `net8.0-windows7.0`, `netstandard2.0`, `net472`, `net40-client`, `netcoreapp3.1`,
    /// `portable-net45+win8`, `native`, `any`, `sl5`, `wp8`, `win8`, `uap10.0`, `monoandroid`,
    /// `xamarinios`), long names (`.NETFramework4.5`, `.NETStandard2.0`) and FrameworkName strings
    /// (`.NETFramework,Version=v4.5`, `.NETPortable,Version=v0.0,Profile=Profile7`).
    /// - Throws: ``NuGetFrameworkError``.
    public init(parsing text: String) throws {
        var folder = text.trimmingASCIISpaces()
        guard !folder.isEmpty else { throw NuGetFrameworkError.empty }
        if folder.contains("%") {  // folder names in zips may be escaped: portable-net45%2Bwin8
            folder = folder.split(separator: "%", omittingEmptySubsequences: false).enumerated().map { index, piece in
                guard index > 0 else { return String(piece) }
                return piece.lowercased().hasPrefix("2b") ? "+" + piece.dropFirst(2) : "%" + piece
            }.joined()
        }
        if folder.contains(",") {
            self = try Self.parseFrameworkName(folder, original: text)
        } else {
            self = try Self.parseFolder(folder, original: text)
        }
    }

    private static func special(_ text: String) -> NuGetFramework? {
        switch text.lowercased() {
        case "any": return .any
        case "agnostic": return NuGetFramework(identifier: FrameworkNames.agnostic)
        case "unsupported": return NuGetFramework(identifier: FrameworkNames.unsupported)
        default: return nil
        }
    }

    private static func parseFolder(_ text: String, original: String) throws -> NuGetFramework {
        if let special = special(text) { return special }
        switch text.lowercased() {
        // NuGet's TryParseDeprecatedFramework: bare numbers from NuGet 1.x folders.
        case "45", "4.5": return NuGetFramework(identifier: ".NETFramework", version: FrameworkVersion(major: 4, minor: 5))
        case "40", "4.0", "4": return NuGetFramework(identifier: ".NETFramework", version: FrameworkVersion(major: 4))
        case "35", "3.5": return NuGetFramework(identifier: ".NETFramework", version: FrameworkVersion(major: 3, minor: 5))
        case "20", "2", "2.0": return NuGetFramework(identifier: ".NETFramework", version: FrameworkVersion(major: 2))
        // TryParseCommonFramework: `dotnet` means .NETPlatform 5.0.
        case "dotnet": return NuGetFramework(identifier: ".NETPlatform", version: FrameworkVersion(major: 5))
        default: break
        }
        guard let raw = RawFolder(text) else { throw NuGetFrameworkError.unknownFramework(original) }
        guard var identifier = FrameworkNames.identifierByName[raw.identifier.lowercased()] else {
            throw NuGetFrameworkError.unknownFramework(original)
        }
        var version = FrameworkVersion.zero
        if let versionText = raw.version {
            guard let parsed = FrameworkVersion(folder: versionText) else { throw NuGetFrameworkError.unknownFramework(original) }
            version = parsed
        }
        // net5.0 and later are .NETCoreApp; their "profile" is a platform (net8.0-windows7.0).
        if identifier == ".NETFramework", raw.identifier.lowercased() == "net", version.major >= 5 { identifier = ".NETCoreApp" }
        if identifier == ".NETCoreApp", version.major >= 5 {
            guard let platformText = raw.profile else { return NuGetFramework(identifier: identifier, version: version) }
            let (platform, platformVersion) = try parsePlatform(platformText, original: original)
            return NuGetFramework(identifier: identifier, version: version, platform: platform, platformVersion: platformVersion)
        }
        if identifier == ".NETPortable" {
            guard let profile = raw.profile else { throw NuGetFrameworkError.invalidPortableProfile(original) }
            return NuGetFramework(identifier: identifier, version: version, profile: try portableProfile(profile, original: original))
        }
        let profile = raw.profile.map { FrameworkNames.profileByShortName[$0.lowercased()] ?? String($0) }
        return NuGetFramework(identifier: identifier, version: version, profile: profile)
    }

    /// `windows7.0` → ("windows", 7.0); `android` → ("android", 0.0); `ios14` → ("ios", 14.0).
    private static func parsePlatform(_ text: Substring, original: String) throws -> (String, FrameworkVersion) {
        let name = text.prefix { $0.isASCII && $0.isLetter }
        let rest = text.dropFirst(name.count)
        guard !name.isEmpty else { throw NuGetFrameworkError.unknownFramework(original) }
        if rest.isEmpty { return (name.lowercased(), .zero) }
        guard let version = FrameworkVersion(dotted: rest) else { throw NuGetFrameworkError.unknownFramework(original) }
        return (name.lowercased(), version)
    }

    /// Resolves `net45+win8` or `Profile7` to the canonical member list NuGet would print.
    static func portableProfile(_ text: Substring, original: String) throws -> String {
        let lower = text.lowercased()
        if lower.hasPrefix("profile"), let number = Int(lower.dropFirst(7)) {
            guard let members = PortableProfiles.byNumber[number] else { throw NuGetFrameworkError.invalidPortableProfile(original) }
            return PortableProfiles.profileText(members)
        }
        var members: [NuGetFramework] = []
        for part in text.split(separator: "+", omittingEmptySubsequences: false) {
            guard !part.isEmpty, !part.contains("-") || part.lowercased().hasPrefix("net-"),
                let member = try? NuGetFramework(parsing: String(part)), member.isSpecificFramework, !member.isPortable
            else { throw NuGetFrameworkError.invalidPortableProfile(original) }
            members.append(member)
        }
        let required = members.filter { !PortableProfiles.optionalIdentifiers.contains($0.identifier) }
        let canonical = Set(required.map { PortableProfiles.canonicalMember($0).shortFolderName })
        if let number = PortableProfiles.number(for: canonical), let known = PortableProfiles.byNumber[number] {
            return PortableProfiles.profileText(known)
        }
        return PortableProfiles.profileText(members.map(\.shortFolderName))
    }

    /// `.NETFramework,Version=v4.5,Profile=Client`: NuGet's `ParseFrameworkName`.
    private static func parseFrameworkName(_ text: String, original: String) throws -> NuGetFramework {
        let parts = text.split(separator: ",").map { $0.trimmingASCIISpaces() }.filter { !$0.isEmpty }
        guard let first = parts.first else { throw NuGetFrameworkError.unknownFramework(original) }
        if let special = special(first) { return special }
        guard let identifier = FrameworkNames.identifierByName[first.lowercased()] else {
            throw NuGetFrameworkError.unknownFramework(original)
        }
        var version = FrameworkVersion.zero
        var profile: String?
        for part in parts.dropFirst() {
            let lower = part.lowercased()
            if lower.hasPrefix("version=") {
                var value = part.dropFirst(8)
                if value.first == "v" || value.first == "V" { value = value.dropFirst() }
                guard let parsed = FrameworkVersion(dotted: value) else { throw NuGetFrameworkError.unknownFramework(original) }
                version = parsed
            } else if lower.hasPrefix("profile=") {
                profile = String(part.dropFirst(8))
            }
        }
        if identifier == ".NETPortable" {
            guard let profile, !profile.isEmpty else { throw NuGetFrameworkError.invalidPortableProfile(original) }
            return NuGetFramework(identifier: identifier, version: version, profile: try portableProfile(Substring(profile), original: original))
        }
        return NuGetFramework(identifier: identifier, version: version, profile: profile)
    }
}

/// NuGet's `RawParse`: identifier `[A-Za-z.]+`, version `[0-9.]*`, then optional `-profile` of `[A-Za-z0-9.+-]`.
private struct RawFolder {
    let identifier: Substring
    let version: Substring?
    let profile: Substring?

    init?(_ text: String) {
        let identifier = text.prefix { $0.isASCII && ($0.isLetter || $0 == ".") }
        guard !identifier.isEmpty else { return nil }  // "40"-style names are handled before
        let afterIdentifier = text[identifier.endIndex...]
        let version = afterIdentifier.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
        var rest = afterIdentifier[version.endIndex...]
        self.identifier = identifier
        self.version = version.isEmpty ? nil : version
        guard !rest.isEmpty else {
            self.profile = nil
            return
        }
        guard rest.first == "-" else { return nil }
        rest = rest.dropFirst()
        guard !rest.isEmpty, rest.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+.-".contains($0)) }) else { return nil }
        self.profile = rest
    }
}
