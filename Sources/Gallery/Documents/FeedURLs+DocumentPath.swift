extension FeedURLs {
    /// The `RenderedDocument.path` of a document whose absolute URL is `url`: the URL minus `{base}/v3/`.
    ///
    /// Deriving paths from the URLs written into documents (rather than building them twice) keeps the
    /// place a document is stored and the `@id` clients follow to it from ever disagreeing.
    func documentPath(of url: String) -> String {
        let prefix = "\(base)/v3/"
        precondition(url.hasPrefix(prefix), "\(url) is not a V3 document URL")
        return String(url.dropFirst(prefix.count))
    }
}
