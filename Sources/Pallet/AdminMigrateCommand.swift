import ArgumentParser
import Foundation
import Gallery
import Logging
import PalletApp

/// `pallet admin migrate`: copies the installation to another database (and blob store), then verifies it.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Copy this installation (metadata, blobs, documents, catalog, keys, audit log) to another database and storage.",
        discussion: """
            Stop the server first: the source is read, never changed, and rows written during the copy are missed \
            (verification then fails; run the command again). Safe to re-run: what is already in the target is skipped.
            """
    )

    @Option(name: .customLong("to-database"), help: "Target database: postgres://USER:PASS@HOST:PORT/DB, sqlite:///absolute/path.sqlite or a file path.")
    var toDatabase: String

    @Option(name: .customLong("to-storage"), help: "Target blob storage: s3://BUCKET[/PREFIX]?endpoint=URL&region=R, file:///absolute/folder or a folder path. Leave out to keep the blobs where they are.")
    var toStorage: String?

    @OptionGroup var dataOptions: DataOptions

    func run() async throws {
        let config = try await ServerConfig.load(commandLine: dataOptions.commandLine)
        let migration = try InstallationMigration(config: config, toDatabase: toDatabase, toStorage: toStorage)
        print("Migrating \(migration.sourceDatabase) to \(migration.targetDatabase)"
            + (migration.targetStorage.map { ", \(migration.sourceStorage) to \($0)" } ?? "; blobs stay in \(migration.sourceStorage)") + ".")
        var logger = Logger(label: "pallet-migrate")
        logger.logLevel = .warning
        let report = try await migration.run(logger: logger) { event in Self.show(event) }
        Self.show(report)
        guard report.isComplete else {
            throw MigrationFailed(problems: report.mismatches.count)
        }
    }

    /// Progress: one line per table, per 1000 blobs and per hash page.
    static func show(_ event: InstallationMigration.Event) {
        switch event {
        case .tableBatch: break
        case .tableCopied(let table, let rows): print("  \(table): \(rows) rows")
        case .blobs(let done, let total): print("  blobs: \(done) of \(total)")
        case .packagesVerified(let done) where done % 10_000 == 0: print("  verified \(done) nupkgs")
        case .packagesVerified: break
        }
    }

    static func show(_ report: MigrationReport) {
        print("Verification:")
        for table in report.tables {
            print("  \(table.table): \(table.sourceRows) rows in the source, \(table.targetRows) in the target")
        }
        if let blobs = report.blobs {
            print("  blobs: \(blobs.copied) copied, \(blobs.skipped) already present, \(blobs.ignored) not copied (staged or temp files)")
        }
        print("  nupkgs: \(report.packagesVerified) checked against their SHA-512")
        for mismatch in report.mismatches { print("  MISMATCH \(mismatch)") }
        if report.isComplete { print("The target is complete.") }
    }
}

/// The one-line message (and non-zero exit) of a migration whose target does not match the source.
struct MigrationFailed: Error, CustomStringConvertible {
    let problems: Int
    var description: String {
        "Verification failed (\(problems) problems listed above); run the command again to complete the copy."
    }
}
