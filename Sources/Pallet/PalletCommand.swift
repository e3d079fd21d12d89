import ArgumentParser

/// `pallet`: the NuGet server and its administration.
@main
struct PalletCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pallet",
        abstract: "A NuGet package server: your own nuget.org.",
        version: PalletVersion.current,
        subcommands: [ServeCommand.self, PushCommand.self, MirrorCommand.self, AdminCommand.self]
    )
}

/// The product version printed by `pallet --version`.
enum PalletVersion {
    static let current = "0.1.0"
}
