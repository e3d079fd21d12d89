import Foundation
import Gallery
import NuGetCore

/// The outcome of looking up a package page.
enum PackagePageResult {
    case page(String)
    case redirect(String)
    case notFound
    /// The version was deleted for a policy violation and no other is left (a 404 that says so).
    case gone(String)
}

extension WebGallery {
    /// `/packages/{id}` (version nil) and `/packages/{id}/{version}`.
    /// - Parameter requested: a version the visitor asked for that does not exist (shown as a notice).
    func packagePage(id: String, version: String?, requested missing: String?) async throws -> PackagePageResult {
        guard let packageID = try? PackageID(validating: id) else { return .notFound }
        // An id this feed does not hold may be one its upstream cache keeps: shown with a "from upstream" note.
        var upstream: String?? = nil
        let package: FeedPackage, records: FeedRecordSource
        if let local = gallery.feed.snapshot().packages[packageID.lowercased] {
            (package, records) = (local, gallery.feedRecords)
        } else if let kept = try await gallery.keptUpstreamPackage(lowerID: packageID.lowercased) {
            (package, records, upstream) = (kept.package.package, kept.package.source, .some(kept.upstream))
        } else {
            return try await deletedVersionMessage(id: id, version: version).map(PackagePageResult.gone) ?? .notFound
        }
        let versions = package.versions
        let current: FeedVersion
        if let version {
            guard let parsed = try? NuGetVersion(parsing: version),
                  let found = package.version(lowerVersion: parsed.normalizedLowercased) else {
                return .redirect(PackageURLs.package(id: package.versions.last?.id ?? id)
                                 + "?requestedVersion=" + Format.queryValue(version))
            }
            current = found
        } else {
            // The latest listed stable version, else the latest listed prerelease, else the latest (unlisted).
            guard let chosen = versions.last(where: { $0.listed && !$0.isPrerelease })
                ?? versions.last(where: \.listed) ?? versions.last else { return .notFound }
            current = chosen
        }
        // The view keeps summaries; the page shows the whole record (README, dependencies, license).
        guard let record = try await records.record(current.key) else { return .notFound }
        // Owners see every version, unlisted ones marked, and a link to the Manage page (gallery.md §1.3).
        let manager = try await gallery.mayManage(lowerID: package.lowerID, by: WebVisitor.current?.principal)
        var model = try await packageModel(
            package: package, current: record, missing: missing, manager: manager, upstream: upstream)
        if manager {
            model.manageURL = PackageURLs.version(id: current.id, version: current.normalizedVersion) + "/Manage"
        }
        return .page(render(model, "package"))
    }

    func packageModel(
        package: FeedPackage, current record: PackageVersionRecord, missing: String?, manager: Bool, upstream: String?? = nil
    ) async throws -> PackagePageModel {
        let metadata = record.metadata
        let downloads = gallery.feed.downloads(of: package)
        let facts = gallery.search.facts(ofLowerID: package.lowerID)
        let ownerNames: [String]
        if let facts { ownerNames = facts.owners } else { ownerNames = try await ownerNamesFromStore(lowerID: package.lowerID) }
        async let history = gallery.store.dailyDownloads(ofLowerID: package.lowerID, fromDay: today - Int64(DownloadChart.days) + 1)
        async let readme = readmeHTML(record)
        let index = package.versions.firstIndex { $0.lowerVersion == record.lowerVersion } ?? 0
        // A newer listed stable version wins over a newer prerelease (nuget.org's two notices).
        let later = package.versions[(index + 1)...].filter(\.listed)
        let newer = later.last { !$0.isPrerelease } ?? later.last
        var layout = layout("\(record.id) \(record.version)")
        layout.navPackages = true
        layout.description = Format.truncated(metadata.summary ?? metadata.description, limit: 200)
        layout.feedURL = PackageURLs.package(id: record.id) + "/atom.xml"
        layout.feedTitle = "\(record.id) versions"
        layout.noIndex = !record.listed
        let rows = package.versions.reversed().filter { manager || $0.listed || $0.lowerVersion == record.lowerVersion }.map {
            let updated = $0.lastEdited ?? $0.published
            return VersionRowModel(
                version: $0.version, url: PackageURLs.version(id: $0.id, version: $0.normalizedVersion),
                downloads: Format.grouped(downloads.byLowerVersion[$0.lowerVersion] ?? 0), updated: Format.shortDay(updated),
                updatedISO: Format.iso(updated), current: $0.lowerVersion == record.lowerVersion,
                unlisted: !$0.listed, deprecated: $0.isDeprecated)
        }
        let frameworks = metadata.supportedFrameworks.map { FrameworkModel(display: Self.frameworkName($0), folder: $0) }
        var badges: [String] = []
        for framework in frameworks where !badges.contains(framework.display) && badges.count < 6 { badges.append(framework.display) }
        let groups = metadata.dependencyGroups.map { group in
            let dependencies = group.dependencies.map {
                DependencyModel(id: $0.id, url: PackageURLs.package(id: $0.id), range: Self.prettyRange($0.range))
            }
            return DependencyGroupModel(
                framework: group.targetFramework.map(Self.frameworkName) ?? "Any framework",
                dependencies: dependencies, hasDependencies: !dependencies.isEmpty)
        }
        let oldest = package.versions.map(\.created).min() ?? record.created
        let days = max(1, Int64(gallery.clock.now().timeIntervalSince(oldest) / 86_400))
        let average = downloads.total / days
        let advisories = try await gallery.advisories(affecting: record).map {
            AdvisoryModel(url: $0.url, severity: Advisory.severityNames.indices.contains($0.severity)
                ? Advisory.severityNames[$0.severity] : "unknown")
        }
        var packageAlerts = PackageAlerts.make(record: record, newerListed: newer, advisories: advisories, missingVersion: missing)
        if let upstream {
            packageAlerts.insert(AlertModel(
                tone: "info", heading: "From upstream \(upstream ?? "feed"): a copy kept by this feed's pull-through cache."), at: 0)
        }
        let alerts = try await deskAlerts(packageAlerts, record: record, missing: missing)
        let isOwner = try await desk.isOwner(WebVisitor.current?.principal, lowerID: record.lowerID)
        let updated = record.lastEdited ?? record.published
        let idPath = PackageURLs.package(id: record.id)
        return PackagePageModel(
            layout: layout, id: record.id, version: record.version,
            title: metadata.title.flatMap { $0.isEmpty || $0 == record.id ? nil : $0 }, iconURL: PackageURLs.icon(record),
            verified: facts?.verified ?? false, prerelease: record.isPrerelease, frameworkBadges: badges, alerts: alerts,
            hasAlerts: !alerts.isEmpty,
            installTabs: InstallSnippets.tabs(
                id: record.id, version: record.version, packageTypes: metadata.effectivePackageTypes,
                developmentDependency: metadata.developmentDependency),
            readmeHTML: try await readme, description: metadata.description, frameworks: frameworks,
            hasFrameworks: !frameworks.isEmpty, dependencyGroups: groups, hasDependencyGroups: !groups.isEmpty, versions: rows,
            releaseNotes: metadata.releaseNotes.flatMap { $0.isEmpty ? nil : $0 },
            totalDownloads: Format.compact(downloads.total),
            versionDownloads: Format.compact(downloads.byLowerVersion[record.lowerVersion] ?? 0),
            perDayAverage: downloads.total > 0 && average == 0 ? "<1" : Format.compact(average),
            chart: DownloadChart(history: try await history, today: today),
            updated: Format.shortDay(updated), updatedISO: Format.iso(updated),
            projectURL: SafeURL.http(metadata.projectUrl), repositoryURL: SafeURL.http(metadata.repository?.url),
            license: metadata.licenseExpression.map { LicenseModel(parts: Self.licenseParts($0)) },
            licenseInfoURL: PackageURLs.version(id: record.id, version: record.normalizedVersion) + "/license",
            downloadURL: PackageURLs.nupkg(record), packageSize: Format.bytes(record.packageSize),
            feedURL: idPath + "/atom.xml",
            reportURL: idPath + "/" + Format.pathSegment(record.normalizedVersion) + "/ReportAbuse",
            contactURL: idPath + "/" + Format.pathSegment(record.normalizedVersion) + "/ContactOwners",
            supportURL: idPath + "/" + Format.pathSegment(record.normalizedVersion) + "/ReportMyPackage", isOwner: isOwner,
            owners: ownerNames.map(OwnerModel.init(name:)), hasOwners: !ownerNames.isEmpty,
            authors: metadata.authors.isEmpty ? nil : metadata.authors,
            tags: metadata.tags.map { LinkModel(name: $0, url: PackageURLs.tagSearch($0)) }, hasTags: !metadata.tags.isEmpty,
            copyright: metadata.copyright.flatMap { $0.isEmpty ? nil : $0 }
        )
    }

    /// Owner names when the index does not hold the id (every version unlisted): one store read per owner.
    func ownerNamesFromStore(lowerID: String) async throws -> [String] {
        var names: [String] = []
        for key in try await gallery.store.owners(ofLowerID: lowerID) {
            if let user = try await gallery.store.user(key: key), !user.isDeleted { names.append(user.name) }
        }
        return names.sorted()
    }

    /// The README rendered once per version and edit (cmark-gfm, safe), or nil when the package has none.
    func readmeHTML(_ record: PackageVersionRecord) async throws -> String? {
        guard record.metadata.hasReadme else { return nil }
        return try await readmes.html(for: ReadmeCache.Key(version: record.key, edited: record.lastEdited)) {
            guard let data = try await gallery.blobs.data(.readme(record.key)) else { return nil }
            return MarkdownRenderer.html(String(decoding: data, as: UTF8.self))
        }
    }
}
