import ArgumentParser
import Foundation
import Gallery
import NuGetCore

/// `pallet admin upstream list|pin|unpin|evict`: the packages this feed keeps from its upstreams (in the blob
/// store, shared by every node). Pinned versions stay listed and are never evicted; an evicted version is
/// fetched (and verified) again on its next request.
struct UpstreamAdminCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upstream", abstract: "List, pin, unpin or evict the packages kept from upstream feeds.",
        subcommands: [ListUpstreamCommand.self, PinUpstreamCommand.self, UnpinUpstreamCommand.self, EvictUpstreamCommand.self]
    )
}

/// An id and an optional version from the command line, lowercased and normalized as the cache keys them.
struct UpstreamTarget: ParsableArguments {
    @Argument(help: "Package id.") var id: String
    @Argument(help: "One version (all cached versions of the id when omitted).") var version: String?

    var lowerID: String { get throws { try packageID(id).lowercased } }
    var lowerVersion: String? { get throws { try version.map { try nuGetVersion($0).normalizedLowercased } } }
}

struct ListUpstreamCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the upstream packages kept here.")
    @Argument(help: "Only this id.") var id: String?
    @OptionGroup var dataOptions: DataOptions

    func run() async throws {
        let lowerID = try id.map { try packageID($0).lowercased }
        let entries = try await withAdminGallery(dataOptions) { gallery, _ in try await gallery.upstreamCache.entries(lowerID: lowerID) }
        if entries.isEmpty { print("No upstream packages are kept here.") }
        for entry in entries {
            let origin = entry.origin.map { "from \($0.upstream), \($0.size) bytes, \($0.verified ? "hash verified" : "no upstream hash")" }
                ?? "nuspec only"
            print("\(entry.key.lowerID) \(entry.key.lowerVersion)\(entry.pinned ? " [pinned]" : ""): \(origin)")
        }
    }
}

struct PinUpstreamCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pin", abstract: "Keep upstream packages: always listed, never evicted.")
    @OptionGroup var target: UpstreamTarget
    @OptionGroup var dataOptions: DataOptions

    func run() async throws {
        let (lowerID, lowerVersion) = (try target.lowerID, try target.lowerVersion)
        let changed = try await withAdminGallery(dataOptions) { gallery, me in
            try await gallery.setUpstreamPinned(true, lowerID: lowerID, lowerVersion: lowerVersion, by: me)
        }
        print(changed.isEmpty ? "Already pinned." : "Pinned \(lowerID) \(changed.map(\.lowerVersion).joined(separator: ", ")).")
    }
}

struct UnpinUpstreamCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "unpin", abstract: "Let upstream packages be evicted and dropped again.")
    @OptionGroup var target: UpstreamTarget
    @OptionGroup var dataOptions: DataOptions

    func run() async throws {
        let (lowerID, lowerVersion) = (try target.lowerID, try target.lowerVersion)
        let changed = try await withAdminGallery(dataOptions) { gallery, me in
            try await gallery.setUpstreamPinned(false, lowerID: lowerID, lowerVersion: lowerVersion, by: me)
        }
        print(changed.isEmpty ? "Not pinned." : "Unpinned \(lowerID) \(changed.map(\.lowerVersion).joined(separator: ", ")).")
    }
}

struct EvictUpstreamCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "evict", abstract: "Remove kept upstream packages (pinned ones stay).")
    @OptionGroup var target: UpstreamTarget
    @OptionGroup var dataOptions: DataOptions

    func run() async throws {
        let (lowerID, lowerVersion) = (try target.lowerID, try target.lowerVersion)
        let (evicted, pinned) = try await withAdminGallery(dataOptions) { gallery, me in
            try await gallery.evictUpstream(lowerID: lowerID, lowerVersion: lowerVersion, by: me)
        }
        if !evicted.isEmpty { print("Evicted \(lowerID) \(evicted.map(\.lowerVersion).joined(separator: ", ")).") }
        if !pinned.isEmpty { print("Kept (pinned): \(lowerID) \(pinned.map(\.lowerVersion).joined(separator: ", ")).") }
    }
}
