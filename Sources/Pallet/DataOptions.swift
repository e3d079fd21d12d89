import ArgumentParser
import PalletApp

/// Options every command that opens a data folder shares.
struct DataOptions: ParsableArguments {
    @Option(name: .long, help: "Data folder (SQLite database and blobs). Env PALLET_DATA. Default ./pallet-data.")
    var data: String?

    @Option(name: .long, help: "JSON config file ({\"pallet\": {...}}). Env PALLET_CONFIG.")
    var config: String?

    /// The flags given, by configuration key.
    var commandLine: [String: String] {
        var values: [String: String] = [:]
        values[ServerConfig.Key.data] = data
        values[ServerConfig.Key.configFile] = config
        return values
    }
}
