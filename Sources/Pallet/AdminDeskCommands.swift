import ArgumentParser
import Gallery

/// `pallet admin lock-package ID [--unlock]`: the /admin Lock tool from the command line (desk).
struct LockPackageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lock-package", abstract: "Lock a package (no pushes, listing or owner changes) or unlock it with --unlock."
    )

    @Argument(help: "Package id.") var id: String
    @Flag(help: "Unlock instead.") var unlock = false
    @OptionGroup var dataOptions: DataOptions

    func run() async throws {
        try await withAdministration(dataOptions) { _, admin, me in
            try await admin.setPackageLocked(try packageID(id), locked: !unlock, by: me)
        }
        print("\(unlock ? "Unlocked" : "Locked") '\(id)'.")
    }
}

/// `pallet admin lock-account NAME [--unlock]`: a locked account cannot sign in and its API keys stop working.
struct LockAccountCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lock-account", abstract: "Lock an account (no sign-in, API keys refused) or unlock it with --unlock."
    )

    @Argument(help: "Account name.") var name: String
    @Flag(help: "Unlock instead.") var unlock = false
    @OptionGroup var dataOptions: DataOptions

    func run() async throws {
        try await withAdministration(dataOptions) { _, admin, me in
            try await admin.setAccountLocked(name: name, locked: !unlock, by: me)
        }
        print("\(unlock ? "Unlocked" : "Locked") '\(name)'.")
    }
}
