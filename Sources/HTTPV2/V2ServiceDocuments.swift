import Gallery

/// The V2 service document and `$metadata` (protocol §7).
///
/// nuget.exe 2.x reads `$metadata` to choose its queries: the container whose first entity set
/// is `Packages`, its `FunctionImport` names (`Search`, `FindPackagesById`, `GetUpdates` present ⇒
/// used, absent ⇒ `Packages()?$filter=…` fallbacks) and the set's property names
/// (`IsAbsoluteLatestVersion` present ⇒ the feed "supports prerelease"; without it prereleases are hidden).
enum V2ServiceDocuments {
    static func serviceDocument(_ urls: FeedURLs) -> String {
        """
        <?xml version="1.0" encoding="utf-8"?>
        <service xml:base="\(AtomWriter.escape(urls.legacyGallery))" xmlns="http://www.w3.org/2007/app" \
        xmlns:atom="http://www.w3.org/2005/Atom"><workspace><atom:title>Default</atom:title>\
        <collection href="Packages"><atom:title>Packages</atom:title></collection></workspace></service>
        """
    }

    static let metadata: String = {
        let properties = V2Property.allCases.map { property in
            let nullable = property.isNullable ? "true" : "false"
            return "<Property Name=\"\(property.rawValue)\" Type=\"\(property.edmType ?? "Edm.String")\" Nullable=\"\(nullable)\" />"
        }.joined()
        let set = "EntitySet=\"Packages\" ReturnType=\"Collection(NuGetGallery.OData.V2FeedPackage)\" m:HttpMethod=\"GET\""
        func parameter(_ name: String, _ type: String = "Edm.String") -> String {
            "<Parameter Name=\"\(name)\" Type=\"\(type)\" Mode=\"In\" />"
        }
        return """
        <?xml version="1.0" encoding="utf-8"?>
        <edmx:Edmx Version="1.0" xmlns:edmx="http://schemas.microsoft.com/ado/2007/06/edmx">\
        <edmx:DataServices m:DataServiceVersion="2.0" m:MaxDataServiceVersion="2.0" \
        xmlns:m="http://schemas.microsoft.com/ado/2007/08/dataservices/metadata">\
        <Schema Namespace="NuGetGallery.OData" xmlns="http://schemas.microsoft.com/ado/2006/04/edm">\
        <EntityType Name="V2FeedPackage" m:HasStream="true"><Key><PropertyRef Name="Id" /><PropertyRef Name="Version" /></Key>\
        \(properties)</EntityType></Schema>\
        <Schema Namespace="NuGetGallery" xmlns="http://schemas.microsoft.com/ado/2006/04/edm">\
        <EntityContainer Name="V2FeedContext" m:IsDefaultEntityContainer="true">\
        <EntitySet Name="Packages" EntityType="NuGetGallery.OData.V2FeedPackage" />\
        <FunctionImport Name="Search" \(set)>\(parameter("searchTerm"))\(parameter("targetFramework"))\
        \(parameter("includePrerelease", "Edm.Boolean"))</FunctionImport>\
        <FunctionImport Name="FindPackagesById" \(set)>\(parameter("id"))</FunctionImport>\
        <FunctionImport Name="GetUpdates" \(set)>\(parameter("packageIds"))\(parameter("versions"))\
        \(parameter("includePrerelease", "Edm.Boolean"))\(parameter("includeAllVersions", "Edm.Boolean"))\
        \(parameter("targetFrameworks"))\(parameter("versionConstraints"))</FunctionImport>\
        </EntityContainer></Schema></edmx:DataServices></edmx:Edmx>
        """
    }()
}
