import NuGetCore
import Testing

@Suite("NuGetFramework")
struct NuGetFrameworkTests {
    /// Input → (identifier, short folder name, registration name, display name).
    static let nameTable: [(String, String, String, String, String)] = [
        ("net8.0", ".NETCoreApp", "net8.0", "net8.0", ".NET 8.0"),
        ("NET8.0", ".NETCoreApp", "net8.0", "net8.0", ".NET 8.0"),
        ("net8.0-windows7.0", ".NETCoreApp", "net8.0-windows7.0", "net8.0-windows7.0", ".NET 8.0 (windows 7.0)"),
        ("net8.0-windows", ".NETCoreApp", "net8.0-windows", "net8.0-windows", ".NET 8.0 (windows)"),
        ("net5.0-android10", ".NETCoreApp", "net5.0-android10.0", "net5.0-android10.0", ".NET 5.0 (android 10.0)"),
        ("net10.0", ".NETCoreApp", "net10.0", "net10.0", ".NET 10.0"),
        ("netcoreapp5.0", ".NETCoreApp", "net5.0", "net5.0", ".NET 5.0"),
        ("netstandard2.0", ".NETStandard", "netstandard2.0", ".NETStandard2.0", ".NET Standard 2.0"),
        ("netstandard1.3", ".NETStandard", "netstandard1.3", ".NETStandard1.3", ".NET Standard 1.3"),
        ("net472", ".NETFramework", "net472", ".NETFramework4.7.2", ".NET Framework 4.7.2"),
        ("net45", ".NETFramework", "net45", ".NETFramework4.5", ".NET Framework 4.5"),
        ("net4", ".NETFramework", "net40", ".NETFramework4.0", ".NET Framework 4.0"),
        ("net40-client", ".NETFramework", "net40-client", ".NETFramework4.0-Client", ".NET Framework 4.0 (Client)"),
        ("net45-full", ".NETFramework", "net45", ".NETFramework4.5", ".NET Framework 4.5"),
        ("net35-cf", ".NETFramework", "net35-cf", ".NETFramework3.5-CompactFramework", ".NET Framework 3.5 (CompactFramework)"),
        ("netcoreapp3.1", ".NETCoreApp", "netcoreapp3.1", ".NETCoreApp3.1", ".NET Core 3.1"),
        ("netcoreapp2", ".NETCoreApp", "netcoreapp2.0", ".NETCoreApp2.0", ".NET Core 2.0"),
        ("portable-net45+win8", ".NETPortable", "portable-net45+win8", ".NETPortable0.0-Profile7", "Portable (.NET Framework 4.5, Windows 8.0)"),
        ("portable-win8+net45+monoandroid+monotouch", ".NETPortable", "portable-net45+win8", ".NETPortable0.0-Profile7", "Portable (.NET Framework 4.5, Windows 8.0)"),
        ("portable-net45+win8+wp8+wpa81", ".NETPortable", "portable-net45+win8+wp8+wpa81", ".NETPortable0.0-Profile259",
         "Portable (.NET Framework 4.5, Windows 8.0, Windows Phone 8.0, Windows Phone App 8.1)"),
        ("portable-net45%2Bwin%2Bwp8", ".NETPortable", "portable-net45+win8+wp8", ".NETPortable0.0-Profile78",
         "Portable (.NET Framework 4.5, Windows 8.0, Windows Phone 8.0)"),
        ("portable-net45+win10.0", ".NETPortable", "portable-net45+win10.0", ".NETPortable0.0-net45+win10.0",
         "Portable (.NET Framework 4.5, Windows 10.0)"),
        ("native", "native", "native", "native0.0", "Native"),
        ("any", "Any", "any", "", "Any"),
        ("sl5", "Silverlight", "sl5", "Silverlight5.0", "Silverlight 5.0"),
        ("wp8", "WindowsPhone", "wp8", "WindowsPhone8.0", "Windows Phone 8.0"),
        ("wp81", "WindowsPhone", "wp81", "WindowsPhone8.1", "Windows Phone 8.1"),
        ("wpa81", "WindowsPhoneApp", "wpa81", "WindowsPhoneApp8.1", "Windows Phone App 8.1"),
        ("win8", "Windows", "win8", "Windows8.0", "Windows 8.0"),
        ("windows8", "Windows", "win8", "Windows8.0", "Windows 8.0"),
        ("win10.1.2.3", "Windows", "win10.1.2.3", "Windows10.1.2.3", "Windows 10.1.2.3"),
        ("uap10.0", "UAP", "uap10.0", "UAP10.0", "Universal Windows Platform 10.0"),
        ("monoandroid", "MonoAndroid", "monoandroid", "MonoAndroid0.0", "Xamarin.Android"),
        ("monoandroid10", "MonoAndroid", "monoandroid10", "MonoAndroid1.0", "Xamarin.Android 1.0"),
        ("xamarinios", "Xamarin.iOS", "xamarinios", "Xamarin.iOS0.0", "Xamarin.iOS"),
        ("Xamarin.iOS10", "Xamarin.iOS", "xamarinios10", "Xamarin.iOS1.0", "Xamarin.iOS 1.0"),
        ("tizen40", "Tizen", "tizen40", "Tizen4.0", "Tizen 4.0"),
        ("dotnet", ".NETPlatform", "dotnet50", ".NETPlatform5.0", ".NET Platform 5.0"),
        ("45", ".NETFramework", "net45", ".NETFramework4.5", ".NET Framework 4.5"),
        (".NETFramework4.5", ".NETFramework", "net45", ".NETFramework4.5", ".NET Framework 4.5"),
        (".NETFramework3.5", ".NETFramework", "net35", ".NETFramework3.5", ".NET Framework 3.5"),
        (".NETStandard2.0", ".NETStandard", "netstandard2.0", ".NETStandard2.0", ".NET Standard 2.0"),
        (".NETCoreApp3.1", ".NETCoreApp", "netcoreapp3.1", ".NETCoreApp3.1", ".NET Core 3.1"),
        (".NETFramework,Version=v4.5", ".NETFramework", "net45", ".NETFramework4.5", ".NET Framework 4.5"),
        (".NETFramework,Version=v4.0,Profile=Client", ".NETFramework", "net40-client", ".NETFramework4.0-Client", ".NET Framework 4.0 (Client)"),
        (".NETStandard,Version=v2.0", ".NETStandard", "netstandard2.0", ".NETStandard2.0", ".NET Standard 2.0"),
        (".NETCoreApp,Version=v8.0", ".NETCoreApp", "net8.0", "net8.0", ".NET 8.0"),
        ("NETFramework,Version=v4.5", ".NETFramework", "net45", ".NETFramework4.5", ".NET Framework 4.5"),
        (".NETPortable,Version=v0.0,Profile=Profile7", ".NETPortable", "portable-net45+win8", ".NETPortable0.0-Profile7",
         "Portable (.NET Framework 4.5, Windows 8.0)"),
        ("uap,Version=v10.0.10030.1", "UAP", "uap10.0.10030.1", "UAP10.0.10030.1", "Universal Windows Platform 10.0.10030.1"),
    ]

    @Test("short, registration and display names", arguments: nameTable)
    func names(input: String, identifier: String, short: String, registration: String, display: String) throws {
        let framework = try NuGetFramework(parsing: input)
        #expect(framework.identifier == identifier)
        #expect(framework.shortFolderName == short)
        #expect(framework.registrationName == registration)
        #expect(framework.displayName == display)
        #expect(framework.description == short)
    }

    @Test("short folder names round-trip", arguments: nameTable.map(\.2))
    func roundTrip(short: String) throws {
        let framework = try NuGetFramework(parsing: short)
        #expect(framework.shortFolderName == short)
        #expect(try NuGetFramework(parsing: framework.dotNetFrameworkName) == framework || framework.isNet5Era || !framework.isSpecificFramework)
    }

    @Test("registration names parse back to the same framework", arguments: nameTable.map(\.3).filter { !$0.isEmpty })
    func registrationRoundTrip(registration: String) throws {
        let framework = try NuGetFramework(parsing: registration)
        #expect(framework.registrationName == registration)
    }

    @Test("parts of a .NET 5+ platform framework")
    func platformParts() throws {
        let framework = try NuGetFramework(parsing: "net8.0-Windows10.0.19041")
        #expect(framework.version == FrameworkVersion(major: 8))
        #expect(framework.platform == "windows")
        #expect(framework.platformVersion == FrameworkVersion(major: 10, minor: 0, build: 19041))
        #expect(framework.profile == nil)
        #expect(framework.version.description == "8.0")
        #expect(FrameworkVersion(major: 4, minor: 7, build: 2).description == "4.7.2")
    }

    @Test("equal spellings give equal frameworks")
    func equality() throws {
        #expect(try NuGetFramework(parsing: "net45") == NuGetFramework(parsing: ".NETFramework,Version=v4.5"))
        #expect(try NuGetFramework(parsing: "NetStandard2.0") == NuGetFramework(parsing: ".NETStandard2.0"))
        #expect(try NuGetFramework(parsing: "any") == .any)
        #expect(try NuGetFramework(parsing: "ANY").isAny)
        #expect(try !NuGetFramework(parsing: "net45").isAny)
    }

    static let invalid: [(String, NuGetFrameworkError)] = [
        ("", .empty),
        ("  ", .empty),
        ("foo", .unknownFramework("foo")),
        ("foo45", .unknownFramework("foo45")),
        ("foo45-client", .unknownFramework("foo45-client")),
        ("net4x", .unknownFramework("net4x")),
        ("net45-", .unknownFramework("net45-")),
        ("net45_client", .unknownFramework("net45_client")),
        ("11", .unknownFramework("11")),
        ("net8.0-7.0", .unknownFramework("net8.0-7.0")),
        ("net8.0-windows7.x", .unknownFramework("net8.0-windows7.x")),
        ("portable", .invalidPortableProfile("portable")),
        ("portable-foo", .invalidPortableProfile("portable-foo")),
        ("portable-net45++win8", .invalidPortableProfile("portable-net45++win8")),
        ("portable-Profile9999", .invalidPortableProfile("portable-Profile9999")),
        ("Foo,Version=v1.0", .unknownFramework("Foo,Version=v1.0")),
        (".NETFramework,Version=vx", .unknownFramework(".NETFramework,Version=vx")),
    ]

    @Test("unknown frameworks throw", arguments: invalid)
    func invalidFrameworks(input: String, expected: NuGetFrameworkError) {
        #expect(throws: expected) { try NuGetFramework(parsing: input) }
    }

    @Test("error message")
    func message() {
        #expect(NuGetFrameworkError.unknownFramework("foo45").message == "'foo45' is not a known target framework.")
    }
}
