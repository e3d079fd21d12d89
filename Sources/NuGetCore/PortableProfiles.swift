// Data: NuGet.Frameworks `DefaultPortableFrameworkMappings`: the known PCL profiles and the
// frameworks each requires, plus the Xamarin frameworks that are optional in every profile.

/// Known portable class library profiles.
enum PortableProfiles {
    /// Profile number → required frameworks as short folder names.
    static let byNumber: [Int: [String]] = [
        31: ["win81", "wp81"], 32: ["win81", "wpa81"], 44: ["net451", "win81"], 84: ["wp81", "wpa81"],
        151: ["net451", "win81", "wpa81"], 157: ["win81", "wp81", "wpa81"],
        7: ["net45", "win8"], 49: ["net45", "wp8"], 78: ["net45", "win8", "wp8"], 111: ["net45", "win8", "wpa81"],
        259: ["net45", "win8", "wpa81", "wp8"],
        2: ["net40", "win8", "sl4", "wp7"], 3: ["net40", "sl4"], 4: ["net45", "sl4", "win8", "wp7"], 5: ["net40", "win8"],
        6: ["net403", "win8"], 14: ["net40", "sl5"], 18: ["net403", "sl4"], 19: ["net403", "sl5"], 23: ["net45", "sl4"],
        24: ["net45", "sl5"], 36: ["net40", "sl4", "win8", "wp8"], 37: ["net40", "sl5", "win8"],
        41: ["net403", "sl4", "win8"], 42: ["net403", "sl5", "win8"], 46: ["net45", "sl4", "win8"],
        47: ["net45", "sl5", "win8"], 88: ["net40", "sl4", "win8", "wp75"], 92: ["net40", "win8", "wpa81"],
        95: ["net403", "sl4", "win8", "wp7"], 96: ["net403", "sl4", "win8", "wp75"], 102: ["net403", "win8", "wpa81"],
        104: ["net45", "sl4", "win8", "wp75"], 136: ["net40", "sl5", "win8", "wp8"], 143: ["net403", "sl4", "win8", "wp8"],
        147: ["net403", "sl5", "win8", "wp8"], 154: ["net45", "sl4", "win8", "wp8"], 158: ["net45", "sl5", "win8", "wp8"],
        225: ["net40", "sl5", "win8", "wpa81"], 240: ["net403", "sl5", "win8", "wpa81"], 255: ["net45", "sl5", "win8", "wpa81"],
        328: ["net40", "sl5", "win8", "wpa81", "wp8"], 336: ["net403", "sl5", "win8", "wpa81", "wp8"],
        344: ["net45", "sl5", "win8", "wpa81", "wp8"],
    ]

    /// Frameworks NuGet treats as optional members of a profile (`portable-net45+win8+monoandroid`
    /// is still Profile7), by identifier.
    static let optionalIdentifiers: Set<String> = ["MonoAndroid", "MonoTouch", "Xamarin.iOS", "Xamarin.WatchOS", "Xamarin.TVOS"]

    /// The profile number whose required set is exactly `members` (canonical short names), if any.
    static func number(for members: Set<String>) -> Int? {
        byNumber.first { Set($0.value) == members }?.key
    }

    /// The canonical profile text for members: short names sorted as NuGet sorts them (ordinal, ignoring case).
    static func profileText(_ members: some Sequence<String>) -> String {
        Set(members).sorted { $0.lowercased() < $1.lowercased() }.joined(separator: "+")
    }

    /// Maps a member to the form the profile table uses: NuGet's equivalent frameworks
    /// (`win` = `win8` = `netcore45`, `win81` = `netcore451`, `wp` = `wp7`, `wpa` = `wpa81`).
    static func canonicalMember(_ framework: NuGetFramework) -> NuGetFramework {
        let v = framework.version
        switch framework.identifier {
        case "Windows" where v.isZero, ".NETCore" where v.isZero || v == FrameworkVersion(major: 4, minor: 5),
            "WinRT" where v.isZero || v == FrameworkVersion(major: 4, minor: 5):
            return NuGetFramework(identifier: "Windows", version: FrameworkVersion(major: 8))
        case ".NETCore" where v == FrameworkVersion(major: 4, minor: 5, build: 1):
            return NuGetFramework(identifier: "Windows", version: FrameworkVersion(major: 8, minor: 1))
        case "WindowsPhone" where v.isZero:
            return NuGetFramework(identifier: "WindowsPhone", version: FrameworkVersion(major: 7))
        case "WindowsPhoneApp" where v.isZero:
            return NuGetFramework(identifier: "WindowsPhoneApp", version: FrameworkVersion(major: 8, minor: 1))
        default:
            return framework
        }
    }
}
