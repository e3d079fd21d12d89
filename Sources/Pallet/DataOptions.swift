import ArgumentParser
import PalletApp

/// Options every command that opens a data folder shares.
struct DataOptions: ParsableArguments {
    @Option(name: .long, help: "Data folder (SQLite database and blobs). Env PALLET_DATA. Default ./pallet-data.")
    var data: String?

    @Option(name: .long, help: "JSON config file ({\"pallet\": {...}}). Env PALLET_CONFIG.")
    var config: String?

    @Option(name: .long, help: "PostgreSQL URL postgres://USER:PASS@HOST:PORT/DB. Env PALLET_DATABASE. Default: SQLite in the data folder.")
    var database: String?

    @Option(name: .long, help: "Object storage s3://BUCKET[/PREFIX]?endpoint=URL&region=R[&path-style=true]. Env PALLET_STORAGE. Credentials from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY[/AWS_SESSION_TOKEN]. Default: the data folder.")
    var storage: String?

    @Option(name: .customLong("as"), help: "Admin commands: act, and be recorded in the audit log, as this site admin (default: the operator, 'admin-cli'). Env PALLET_ADMIN_AS.")
    var actingAs: String?

    /// The flags given, by configuration key.
    var commandLine: [String: String] {
        var values: [String: String] = [:]
        values[ServerConfig.Key.data] = data
        values[ServerConfig.Key.configFile] = config
        values[ServerConfig.Key.database] = database
        values[ServerConfig.Key.storage] = storage
        return values
    }
}
