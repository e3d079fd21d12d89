import Foundation

/// The filter and page of `/account/Packages` (a plain GET form, so it works without JavaScript): an id
/// filter, an owning account, and the page of each table (`pageSize` rows).
struct AccountPackagesQuery {
    static let pageSize = 50
    /// Longer filters cannot match an id (100 characters at most); cut so a huge one costs nothing.
    static let maximumFilterLength = 100

    /// The filter as typed (shown back in the form).
    var q = ""
    /// An account name, or empty for every account the person manages packages of.
    var owner = ""
    /// The page asked for, 1-based (a missing, unreadable or too small number reads as 1; past the end is
    /// answered with the last page and a note).
    var page = 1
    /// The filter, lowercased, as UTF-8.
    private var needle: [UInt8] = []

    init(_ parameters: some Sequence<(key: String, value: String)> = []) {
        for (key, value) in parameters {
            switch key.lowercased() {
            case "q": q = String(value.trimmingCharacters(in: .whitespaces).prefix(Self.maximumFilterLength))
            case "owner": owner = value.trimmingCharacters(in: .whitespaces)
            case "page": page = max(1, Int(value.prefix(9)) ?? 1)
            default: continue
            }
        }
        needle = Array(q.lowercased().utf8)
    }

    /// Whether `lowerID` contains the filter (case-insensitive; every id matches an empty filter). Compares
    /// UTF-8 bytes (package ids are ASCII): this runs once per owned id per view.
    func matches(_ lowerID: String) -> Bool {
        guard !needle.isEmpty else { return true }
        var lowerID = lowerID
        return lowerID.withUTF8 { haystack in
            guard haystack.count >= needle.count else { return false }
            for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
                if haystack[start..<start + needle.count].elementsEqual(needle) { return true }
            }
            return false
        }
    }

    /// This list at another page, with the same filter.
    func url(page: Int) -> String {
        var parts: [String] = []
        if !q.isEmpty { parts.append("q=" + Format.queryValue(q)) }
        if !owner.isEmpty { parts.append("owner=" + Format.queryValue(owner)) }
        if page > 1 { parts.append("page=\(page)") }
        return "/account/Packages" + (parts.isEmpty ? "" : "?" + parts.joined(separator: "&"))
    }
}
