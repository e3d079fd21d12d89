public import Foundation

extension PackageVersionRecord {
    /// The record after an unlist or relist at `date`: both set `lastEdited`; relisting also sets `published`
    /// (nuget.org's "last listed" time, which registration shows for listed versions).
    public func listing(_ listed: Bool, at date: Date) -> PackageVersionRecord {
        var record = self
        record.listed = listed
        record.lastEdited = date
        if listed { record.published = date }
        return record
    }
}
