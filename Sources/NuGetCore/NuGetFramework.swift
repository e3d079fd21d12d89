/// A target framework (TFM), as NuGet.Frameworks `NuGetFramework` models it.
///
/// Parsed from any spelling NuGet accepts (see ``init(parsing:)``) into a canonical identifier,
/// version, profile and, for .NET 5+, platform; then written back out in the three forms a
/// gallery needs: folder name, registration name and display name.
public struct NuGetFramework: Hashable, Sendable, CustomStringConvertible {
    /// Canonical long identifier: `.NETFramework`, `.NETStandard`, `.NETCoreApp`, `.NETPortable`, `native`,
    /// `Any`, `Agnostic`, `Unsupported`, `Silverlight`, `WindowsPhone`, `Windows`, `MonoAndroid`, `Xamarin.iOS`, ...
    public let identifier: String
    /// Framework version; ``FrameworkVersion/zero`` for "all versions" (`net`, `monoandroid`).
    public let version: FrameworkVersion
    /// Profile: `Client`, `CompactFramework`, or a portable profile's members (`net45+win8`); nil for none.
    public let profile: String?
    /// .NET 5+ platform, lowercased (`windows`, `android`, `ios`); nil for none.
    public let platform: String?
    /// Platform version (``FrameworkVersion/zero`` when the platform has none); nil without a platform.
    public let platformVersion: FrameworkVersion?

    /// Builds a framework from canonical parts (no validation or mapping is done).
    public init(
        identifier: String, version: FrameworkVersion = .zero, profile: String? = nil,
        platform: String? = nil, platformVersion: FrameworkVersion? = nil
    ) {
        self.identifier = identifier
        self.version = version
        self.profile = (profile?.isEmpty ?? true) ? nil : profile
        self.platform = platform?.lowercased()
        self.platformVersion = platform == nil ? nil : (platformVersion ?? .zero)
    }

    /// The framework that matches every framework (a dependency group with no `targetFramework`).
    public static let any = NuGetFramework(identifier: FrameworkNames.any)

    /// True for ``any``.
    public var isAny: Bool { identifier == FrameworkNames.any }

    /// False for the special frameworks `Any`, `Agnostic` and `Unsupported`.
    public var isSpecificFramework: Bool {
        identifier != FrameworkNames.any && identifier != FrameworkNames.agnostic && identifier != FrameworkNames.unsupported
    }

    /// True for portable class library frameworks (`portable-net45+win8`).
    public var isPortable: Bool { identifier == ".NETPortable" }

    /// True for `net5.0` and later, which NuGet writes with the `net` short name and a platform suffix.
    public var isNet5Era: Bool { identifier == ".NETCoreApp" && version.major >= 5 }

    /// NuGet's `GetShortFolderName()`: `net8.0`, `net8.0-windows7.0`, `netstandard2.0`, `net472`,
    /// `netcoreapp3.1`, `net40-client`, `portable-net45+win8`, `win8`, `uap10.0`, `monoandroid`, `any`.
    public var shortFolderName: String {
        guard isSpecificFramework else { return identifier.lowercased() }
        if isNet5Era {
            var name = "net" + version.folderString(singleDigitAllowed: false, alwaysDecimal: true)
            if let platform {
                name += "-" + platform
                if let platformVersion, !platformVersion.isZero { name += platformVersion.description }
            }
            return name
        }
        var name = FrameworkNames.shortByIdentifier[identifier] ?? String(identifier.filter { $0.isLetter || $0.isNumber })
        name += version.folderString(
            singleDigitAllowed: FrameworkNames.singleDigitVersion.contains(identifier),
            alwaysDecimal: FrameworkNames.decimalPointVersion.contains(identifier))
        if let profile {
            name += "-" + (isPortable ? profile : (FrameworkNames.shortNameByProfile[profile] ?? profile))
        }
        return name.lowercased()
    }

    /// What nuget.org writes as a registration `dependencyGroups[].targetFramework` (NuGet.Packaging's
    /// `GetFrameworkString()`): `.NETFramework4.5`, `.NETStandard2.0`, `.NETCoreApp3.1`,
    /// `.NETFramework4.0-Client`, `.NETPortable0.0-Profile7`, and for .NET 5+ the folder name
    /// (`net8.0`, `net8.0-windows7.0`). Empty for ``any``: registration omits the property then.
    public var registrationName: String {
        if isAny { return "" }
        if isNet5Era { return shortFolderName }
        var name = identifier + version.description
        if let profile {
            if isPortable, let number = PortableProfiles.number(for: Set(profile.split(separator: "+").map(String.init))) {
                name += "-Profile\(number)"
            } else {
                name += "-" + profile
            }
        }
        return name
    }

    /// The .NET `FrameworkName` form: `.NETFramework,Version=v4.5`, `.NETFramework,Version=v4.0,Profile=Client`.
    public var dotNetFrameworkName: String {
        guard isSpecificFramework else { return identifier + ",Version=v0.0" }
        var name = identifier + ",Version=v" + version.description
        if let profile { name += ",Profile=" + profile }
        return name
    }

    /// Gallery display name: `.NET 8.0`, `.NET 8.0 (windows 7.0)`, `.NET Standard 2.0`,
    /// `.NET Framework 4.7.2`, `.NET Core 3.1`, `Portable (.NET Framework 4.5, Windows 8.0)`.
    public var displayName: String {
        guard isSpecificFramework else { return identifier }
        if isNet5Era {
            var name = ".NET " + version.description
            if let platform {
                let platformVersionText = platformVersion.flatMap { $0.isZero ? nil : " \($0)" } ?? ""
                name += " (\(platform)\(platformVersionText))"
            }
            return name
        }
        if isPortable, let profile {
            let members = profile.split(separator: "+").map { (try? NuGetFramework(parsing: String($0)))?.displayName ?? String($0) }
            return "Portable (" + members.joined(separator: ", ") + ")"
        }
        var name = FrameworkNames.displayByIdentifier[identifier] ?? identifier
        if !version.isZero { name += " " + version.description }
        if let profile { name += " (\(profile))" }
        return name
    }

    /// The ``shortFolderName``.
    public var description: String { shortFolderName }
}
