/// The install instructions of a package version, one tab per client (gallery.md §1.3, "Install tabs").
struct InstallTab {
    struct Snippet {
        let fileLabel: String?
        let code: String
        let domID: String
    }

    let key: String
    let label: String
    let snippets: [Snippet]
    let note: String?
    // Stored, not computed: templates read values through reflection, which sees stored properties only.
    let tabID: String
    let panelID: String
    private(set) var selected = false
    /// `tabindex` of the tab: only the selected one is in the tab order (roving tabindex).
    private(set) var tabIndex = "-1"

    init(key: String, label: String, snippets: [Snippet], note: String?) {
        self.key = key
        self.label = label
        self.snippets = snippets
        self.note = note
        tabID = "install-tab-\(key)"
        panelID = "install-\(key)"
    }

    mutating func select() {
        selected = true
        tabIndex = "0"
    }
}

enum InstallSnippets {
    /// The tabs for a package: .NET tools and templates get their own commands, everything else the
    /// dependency set (.NET CLI, PMC, PackageReference, CPM, Paket, `#r`, `#:package`, Cake).
    static func tabs(id: String, version: String, packageTypes: [String], developmentDependency: Bool) -> [InstallTab] {
        let types = Set(packageTypes.map { $0.lowercased() })
        var tabs: [InstallTab]
        if types.contains("dotnettool") {
            tabs = [
                tab("global", ".NET CLI (Global)", "dotnet tool install --global \(id) --version \(version)"),
                tab("local", ".NET CLI (Local)", "dotnet new tool-manifest\ndotnet tool install --local \(id) --version \(version)",
                    note: "The first line creates a tool manifest if the folder has none."),
                tab("cake", "Cake", "#tool dotnet:?package=\(id)&version=\(version)", note: "Cake support is provided by the Cake project."),
            ]
        } else if types.contains("template") {
            tabs = [tab("cli", ".NET CLI", "dotnet new install \(id)@\(version)")]
        } else if types.contains("msbuildsdk") {
            tabs = [
                tab("sdk", "SDK", "<Sdk Name=\"\(id)\" Version=\"\(version)\" />"),
                tab("filebased", "File-based Apps", "#:sdk \(id)@\(version)"),
            ]
        } else {
            let reference = developmentDependency
                ? "<PackageReference Include=\"\(id)\" Version=\"\(version)\">\n  <PrivateAssets>all</PrivateAssets>\n"
                    + "  <IncludeAssets>runtime; build; native; contentfiles; analyzers</IncludeAssets>\n</PackageReference>"
                : "<PackageReference Include=\"\(id)\" Version=\"\(version)\" />"
            tabs = [
                tab("cli", ".NET CLI", "dotnet add package \(id) --version \(version)"),
                tab("pmc", "Package Manager", "NuGet\\Install-Package \(id) -Version \(version)",
                    note: "Run this in Visual Studio's Package Manager Console."),
                tab("packagereference", "PackageReference", reference,
                    note: "Copy this into your project file to reference the package."),
                InstallTab(key: "cpm", label: "Central Package Management", snippets: [
                    .init(fileLabel: "Directory.Packages.props", code: "<PackageVersion Include=\"\(id)\" Version=\"\(version)\" />", domID: "snippet-cpm-props"),
                    .init(fileLabel: "Project file", code: "<PackageReference Include=\"\(id)\" />", domID: "snippet-cpm-project"),
                ], note: "With Central Package Management the version lives in Directory.Packages.props."),
                tab("paket", "Paket CLI", "paket add \(id) --version \(version)", note: "Paket support is provided by the Paket project."),
                tab("script", "Script & Interactive", "#r \"nuget: \(id), \(version)\"",
                    note: "For F# scripts and .NET Interactive notebooks."),
                tab("filebased", "File-based Apps", "#:package \(id)@\(version)", note: "For C# file-based apps (.NET 10 and later)."),
                tab("cake", "Cake", "#addin nuget:?package=\(id)&version=\(version)\n\n// Install \(id) as a Cake Tool\n#tool nuget:?package=\(id)&version=\(version)",
                    note: "Cake support is provided by the Cake project."),
            ]
        }
        tabs[0].select()
        return tabs
    }

    private static func tab(_ key: String, _ label: String, _ code: String, note: String? = nil) -> InstallTab {
        InstallTab(key: key, label: label, snippets: [.init(fileLabel: nil, code: code, domID: "snippet-\(key)")], note: note)
    }
}
