// Data: framework identifiers and their names, from NuGet.Frameworks `FrameworkConstants` and
// `DefaultFrameworkMappings` (IdentifierShortNames, IdentifierSynonyms, ProfileShortNames,
// SingleDigitVersionFrameworks, DecimalPointFrameworks), plus gallery display names from
// NuGetGallery `FrameworkProductNames`.

/// Lookup tables for target framework names.
enum FrameworkNames {
    /// Canonical long identifier, short folder identifier, display product name.
    static let entries: [(identifier: String, short: String, display: String)] = [
        (".NETCoreApp", "netcoreapp", ".NET Core"),
        (".NETStandardApp", "netstandardapp", ".NET Standard App"),
        (".NETStandard", "netstandard", ".NET Standard"),
        (".NETPlatform", "dotnet", ".NET Platform"),
        (".NETFramework", "net", ".NET Framework"),
        (".NETMicroFramework", "netmf", ".NET Micro Framework"),
        ("Silverlight", "sl", "Silverlight"),
        (".NETPortable", "portable", "Portable"),
        ("WindowsPhone", "wp", "Windows Phone"),
        ("WindowsPhoneApp", "wpa", "Windows Phone App"),
        ("Windows", "win", "Windows"),
        ("ASP.NET", "aspnet", "ASP.NET"),
        ("ASP.NETCore", "aspnetcore", "ASP.NET Core"),
        ("native", "native", "Native"),
        ("MonoAndroid", "monoandroid", "Xamarin.Android"),
        ("MonoTouch", "monotouch", "MonoTouch"),
        ("MonoMac", "monomac", "MonoMac"),
        ("Xamarin.iOS", "xamarinios", "Xamarin.iOS"),
        ("Xamarin.Mac", "xamarinmac", "Xamarin.Mac"),
        ("Xamarin.PlayStation3", "xamarinpsthree", "Xamarin.PlayStation 3"),
        ("Xamarin.PlayStation4", "xamarinpsfour", "Xamarin.PlayStation 4"),
        ("Xamarin.PlayStationVita", "xamarinpsvita", "Xamarin.PlayStation Vita"),
        ("Xamarin.WatchOS", "xamarinwatchos", "Xamarin.watchOS"),
        ("Xamarin.TVOS", "xamarintvos", "Xamarin.tvOS"),
        ("Xamarin.Xbox360", "xamarinxboxthreesixty", "Xamarin.Xbox 360"),
        ("Xamarin.XboxOne", "xamarinxboxone", "Xamarin.Xbox One"),
        ("DNX", "dnx", "DNX"),
        ("DNXCore", "dnxcore", "DNX Core"),
        (".NETCore", "netcore", "Windows Store"),
        ("WinRT", "winrt", "WinRT"),
        ("UAP", "uap", "Universal Windows Platform"),
        ("Tizen", "tizen", "Tizen"),
        ("nanoFramework", "netnano", ".NET nanoFramework"),
    ]

    /// NuGet's `IdentifierSynonyms`.
    static let synonyms: [String: String] = [
        "netframework": ".NETFramework", ".net": ".NETFramework", "netportable": ".NETPortable",
        "asp.net": "ASP.NET", "asp.netcore": "ASP.NETCore",
        "xamarin.playstationthree": "Xamarin.PlayStation3", "xamarinplaystationthree": "Xamarin.PlayStation3",
        "xamarin.playstationfour": "Xamarin.PlayStation4", "xamarinplaystationfour": "Xamarin.PlayStation4",
        "xamarinplaystationvita": "Xamarin.PlayStationVita",
    ]

    /// Any accepted spelling, lowercased → canonical identifier (short names, long names, synonyms).
    static let identifierByName: [String: String] = {
        var map = synonyms
        for entry in entries {
            map[entry.short] = entry.identifier
            map[entry.identifier.lowercased()] = entry.identifier
        }
        return map
    }()

    static let shortByIdentifier: [String: String] = Dictionary(uniqueKeysWithValues: entries.map { ($0.identifier, $0.short) })
    static let displayByIdentifier: [String: String] = Dictionary(uniqueKeysWithValues: entries.map { ($0.identifier, $0.display) })

    /// Legacy frameworks whose folder version may be one digit (`win8`, `wp7`, `sl5`).
    static let singleDigitVersion: Set<String> = ["Windows", "WindowsPhone", "Silverlight"]
    /// Frameworks whose folder version always has a decimal point (`netstandard2.0`, `netcoreapp3.1`).
    static let decimalPointVersion: Set<String> = [".NETCoreApp", ".NETStandard", "nanoFramework"]

    /// NuGet's `ProfileShortNames`: short profile (lowercased) → long profile (`""` means none).
    static let profileByShortName: [String: String] = [
        "client": "Client", "cf": "CompactFramework", "full": "", "wp": "WindowsPhone", "wp71": "WindowsPhone71",
    ]
    /// Long profile → short profile, for folder names (`net40-client`).
    static let shortNameByProfile: [String: String] = [
        "Client": "client", "CompactFramework": "cf", "WindowsPhone": "wp", "WindowsPhone71": "wp71",
    ]

    /// The special identifiers, which carry no version.
    static let any = "Any", agnostic = "Agnostic", unsupported = "Unsupported"
}
