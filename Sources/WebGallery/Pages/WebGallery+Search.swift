import Foundation
import Gallery

struct OptionModel {
    let value: String
    let label: String
    let selected: Bool
}

struct SearchPageModel {
    let layout: LayoutModel
    let q: String
    let heading: String
    let sortOptions: [OptionModel]
    let typeOptions: [OptionModel]
    let prerelease: Bool
    let unknownType: Bool
    let error: String?
    let results: [PackageItemModel]
    let hasResults: Bool
    let pager: PagerModel?
}

/// `/packages` parameters as nuget.org names them (gallery.md §1.2).
struct BrowseParameters {
    static let pageSize = 20
    static let sorts = [("relevance", "Relevance"), ("totalDownloads-desc", "Downloads"), ("created-desc", "Recently updated")]
    static let packageTypes = [
        ("", "All types"), ("Dependency", "Dependency"), ("DotnetTool", ".NET tool"), ("Template", "Template"),
        ("MSBuildSdk", "MSBuild SDK"), ("McpServer", "MCP Server"),
    ]

    var q = ""
    var page = 1
    var prerelease = true
    var sortBy = "relevance"
    var packageType = ""

    init(_ parameters: some Sequence<(key: String, value: String)>) {
        var sawPrerelease = false, prereleaseTrue = false
        for (key, value) in parameters {
            switch key.lowercased() {
            case "q": q = value
            case "page": page = min(max(Int(value) ?? 1, 1), SearchQuery.maximumSkip / Self.pageSize + 1)
            case "prerel":
                sawPrerelease = true
                if value.lowercased() == "true" { prereleaseTrue = true }
            case "sortby": sortBy = Self.sorts.contains { $0.0.lowercased() == value.lowercased() } ? value : "relevance"
            case "packagetype": packageType = value.trimmingCharacters(in: .whitespaces)
            default: continue
            }
        }
        // The form sends a hidden `prerel=false` before the checkbox's `true`: any true wins; absent means true.
        prerelease = sawPrerelease ? prereleaseTrue : true
    }

    func url(page: Int) -> String {
        var parts: [String] = []
        if !q.isEmpty { parts.append("q=" + Format.queryValue(q)) }
        if sortBy != "relevance" { parts.append("sortby=" + Format.queryValue(sortBy)) }
        if !packageType.isEmpty { parts.append("packagetype=" + Format.queryValue(packageType)) }
        if !prerelease { parts.append("prerel=false") }
        if page > 1 { parts.append("page=\(page)") }
        return "/packages" + (parts.isEmpty ? "" : "?" + parts.joined(separator: "&"))
    }
}

extension WebGallery {
    /// `/packages`.
    func searchPage(_ parameters: BrowseParameters) -> String {
        let (total, items) = browse(parameters)
        let q = parameters.q.trimmingCharacters(in: .whitespaces)
        let heading = q.isEmpty
            ? "There are \(Format.grouped(Int64(total))) packages"
            : "\(Format.grouped(Int64(total))) packages returned for \(q)"
        var layout = layout(q.isEmpty ? "Packages" : "Search: \(q)")
        layout.navPackages = true
        layout.headerSearch = false
        layout.noIndex = !q.isEmpty || parameters.page > 1
        let known = BrowseParameters.packageTypes.contains { $0.0.lowercased() == parameters.packageType.lowercased() }
        return render(SearchPageModel(
            layout: layout, q: parameters.q, heading: heading,
            sortOptions: BrowseParameters.sorts.map { OptionModel(value: $0.0, label: $0.1, selected: $0.0 == parameters.sortBy) },
            typeOptions: BrowseParameters.packageTypes.map {
                OptionModel(value: $0.0, label: $0.1, selected: $0.0.lowercased() == parameters.packageType.lowercased())
            },
            prerelease: parameters.prerelease, unknownType: !known, error: nil, results: items, hasResults: !items.isEmpty,
            pager: PagerModel.make(page: parameters.page, pageSize: BrowseParameters.pageSize, total: total,
                                   url: parameters.url(page:))
        ), "search")
    }

    /// One page of results in the requested order, with the number of matches. Relevance (and downloads with
    /// no query, the same order) comes straight from the index; "Recently updated" with no query or filter pages
    /// through the feed digest; other combinations have the index order the matches by downloads or publication.
    func browse(_ parameters: BrowseParameters) -> (total: Int, items: [PackageItemModel]) {
        let skip = (parameters.page - 1) * BrowseParameters.pageSize
        var query = SearchQuery(
            q: parameters.q, skip: skip, take: BrowseParameters.pageSize, includePrerelease: parameters.prerelease,
            includeSemVer2: true, packageType: parameters.packageType.isEmpty ? nil : parameters.packageType)
        let q = parameters.q.trimmingCharacters(in: .whitespaces)
        if parameters.sortBy == "relevance" || (parameters.sortBy == "totalDownloads-desc" && q.isEmpty) {
            let results = gallery.search.search(query)
            return (results.totalHits, results.hits.map(PackageItemModel.init(hit:)))
        }
        if parameters.sortBy == "created-desc", q.isEmpty, query.packageType == nil, parameters.prerelease {
            let all = digest().latestByPublished
            return (all.count, all.dropFirst(skip).prefix(BrowseParameters.pageSize).compactMap(item))
        }
        // The index orders the matches and builds only the page's hits (it used to build a hit for every
        // match and sort them all here: 35 ms p50 for `json` at 10k ids).
        query.order = parameters.sortBy == "created-desc" ? .recentlyPublished : .downloads
        let page = gallery.search.search(query)
        return (page.totalHits, page.hits.map(PackageItemModel.init(hit:)))
    }
}
