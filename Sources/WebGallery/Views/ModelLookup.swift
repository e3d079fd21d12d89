import Mustache

// Named lookups for the models every list and page renders (and the package page's), instead of swift-mustache's `Mirror` path: for
// each `{{name}}` it reflects the model and boxes every stored property to find one (perf on /profiles and
// /packages: metadata lookups, demangling and field-name compares were a large part of a page). Each switch
// names every stored property, and `ModelLookupTests` checks them against `Mirror`, so a new field cannot be
// missed; an unknown name is nil, which sends Mustache up the context stack exactly as before.

extension PackageItemModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "url": url
        case "iconURL": iconURL
        case "verified": verified
        case "owners": owners
        case "hasOwners": hasOwners
        case "totalDownloads": totalDownloads
        case "updated": updated
        case "updatedISO": updatedISO
        case "latestVersion": latestVersion
        case "prerelease": prerelease
        case "tags": tags
        case "hasTags": hasTags
        case "moreTags": moreTags.map { $0 as Any }
        case "description": description
        case "deprecated": deprecated
        case "vulnerable": vulnerable
        default: nil
        }
    }
}

extension OwnerModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "url": url
        case "initial": initial
        default: nil
        }
    }
}

extension LinkModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "url": url
        default: nil
        }
    }
}

extension LayoutModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "siteName": siteName
        case "styleURL": styleURL
        case "scriptURL": scriptURL
        case "iconURL": iconURL
        case "navPackages": navPackages
        case "navStats": navStats
        case "headerSearch": headerSearch
        case "query": query.map { $0 as Any }
        case "noIndex": noIndex
        case "description": description.map { $0 as Any }
        case "feedURL": feedURL.map { $0 as Any }
        case "feedTitle": feedTitle.map { $0 as Any }
        case "feedAddress": feedAddress
        case "account": account.map { $0 as Any }
        case "signInURL": signInURL
        default: nil
        }
    }
}

extension PackagePageModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "layout": layout
        case "id": id
        case "version": version
        case "title": title.map { $0 as Any }
        case "iconURL": iconURL
        case "verified": verified
        case "prerelease": prerelease
        case "frameworkBadges": frameworkBadges
        case "alerts": alerts
        case "hasAlerts": hasAlerts
        case "installTabs": installTabs
        case "readmeHTML": readmeHTML.map { $0 as Any }
        case "description": description
        case "frameworks": frameworks
        case "hasFrameworks": hasFrameworks
        case "dependencyGroups": dependencyGroups
        case "hasDependencyGroups": hasDependencyGroups
        case "versions": versions
        case "releaseNotes": releaseNotes.map { $0 as Any }
        case "totalDownloads": totalDownloads
        case "versionDownloads": versionDownloads
        case "perDayAverage": perDayAverage
        case "chart": chart
        case "updated": updated
        case "updatedISO": updatedISO
        case "projectURL": projectURL.map { $0 as Any }
        case "repositoryURL": repositoryURL.map { $0 as Any }
        case "license": license.map { $0 as Any }
        case "licenseInfoURL": licenseInfoURL
        case "downloadURL": downloadURL
        case "packageSize": packageSize
        case "feedURL": feedURL
        case "reportURL": reportURL
        case "contactURL": contactURL
        case "supportURL": supportURL
        case "isOwner": isOwner
        case "owners": owners
        case "hasOwners": hasOwners
        case "authors": authors.map { $0 as Any }
        case "tags": tags
        case "hasTags": hasTags
        case "copyright": copyright.map { $0 as Any }
        case "manageURL": manageURL.map { $0 as Any }
        default: nil
        }
    }
}

extension VersionRowModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "version": version
        case "url": url
        case "downloads": downloads
        case "updated": updated
        case "updatedISO": updatedISO
        case "current": current
        case "unlisted": unlisted
        case "deprecated": deprecated
        default: nil
        }
    }
}
