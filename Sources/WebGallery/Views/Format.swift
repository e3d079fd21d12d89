import Foundation

/// How numbers and dates read on the pages (gallery.md §7: digit-grouped in text, kilo-formatted in
/// compact spots, dates as ISO days with a machine-readable `datetime`).
enum Format {
    /// `1234567` → `1,234,567`.
    static func grouped(_ number: Int64) -> String {
        let digits = String(number.magnitude)
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return number < 0 ? "-" + out : out
    }

    /// `1234` → `1.2K`, `3400000` → `3.4M` (nuget.org's sidebar).
    static func compact(_ number: Int64) -> String {
        let value = Double(number)
        for (limit, suffix) in [(1e9, "B"), (1e6, "M"), (1e3, "K")] where value >= limit {
            let scaled = value / limit
            let text = scaled >= 100 ? String(Int(scaled)) : String(format: "%.1f", (scaled * 10).rounded(.down) / 10)
            return (text.hasSuffix(".0") ? String(text.dropLast(2)) : text) + suffix
        }
        return String(number)
    }

    /// `2026-12-07` (UTC).
    static func day(_ date: Date) -> String {
        let parts = Calendar.utc.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    /// `Dec 7, 2026` (UTC), for lists.
    static func shortDay(_ date: Date) -> String {
        let parts = Calendar.utc.dateComponents([.year, .month, .day], from: date)
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return "\(months[max(0, min(11, (parts.month ?? 1) - 1))]) \(parts.day ?? 0), \(parts.year ?? 0)"
    }

    /// RFC 3339 (Atom, `datetime` attributes).
    static func iso(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    /// `12.3 KB`.
    static func bytes(_ count: Int64) -> String {
        let units = ["bytes", "KB", "MB", "GB"]
        var value = Double(count), unit = 0
        while value >= 1024, unit < units.count - 1 { value /= 1024; unit += 1 }
        return unit == 0 ? "\(count) bytes" : String(format: "%.1f %@", value, units[unit])
    }

    /// Percent-encodes one path segment (package ids and versions are ASCII-safe already, account names may not be).
    static func pathSegment(_ text: String) -> String {
        // Foundation's percent-encoding bridges through CFString (about 10 µs); ids and versions never need
        // it, and Manage Packages builds two such links for each of up to 10,000 rows.
        if text.utf8.allSatisfy(Self.isUnreservedInPathSegment) { return text }
        return text.addingPercentEncoding(withAllowedCharacters: .pathSegment) ?? text
    }

    /// The ASCII bytes `CharacterSet.pathSegment` allows, which percent-encoding leaves as they are.
    private static func isUnreservedInPathSegment(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "+"): true
        default: false
        }
    }

    /// Percent-encodes a query value.
    static func queryValue(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .queryValue) ?? text
    }

    /// Text cut at a word boundary to about `limit` characters, with an ellipsis when cut.
    static func truncated(_ text: String, limit: Int) -> String {
        guard text.count > limit else { return text }
        let prefix = text.prefix(limit)
        let cut = prefix.lastIndex(of: " ").map { prefix[..<$0] } ?? prefix
        return cut.trimmingCharacters(in: .whitespacesAndNewlines) + "…"
    }
}

extension Calendar {
    static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}

extension CharacterSet {
    static let pathSegment = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+")
    static let queryValue = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}

/// Links safe to put in an `href` from package metadata: absolute `http(s)` only (nuspec URLs).
enum SafeURL {
    static func http(_ text: String?) -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty,
              let url = URL(string: text), let scheme = url.scheme?.lowercased(),
              scheme == "https" || scheme == "http", url.host != nil
        else { return nil }
        return text
    }
}
