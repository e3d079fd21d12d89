public import Foundation
public import NuGetCore

/// A value in a V2 `$filter` or `$orderby`: an OData literal or a `V2FeedPackage` property.
public enum ODataValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    case string(String)
    /// A package version: compared in NuGet order against another version, as text against a string.
    case version(NuGetVersion?, String)
    case date(Date)

    /// The text a string function (`tolower`, `substringof`) sees; nil for null.
    var text: String? {
        switch self {
        case .null: nil
        case .bool(let b): b ? "true" : "false"
        case .int(let i): String(i)
        case .string(let s): s
        case .version(_, let s): s
        case .date(let d): ODataDate.edm(d)
        }
    }

    /// Ordering for `gt`/`lt` and `$orderby`: null first (as SQL Server sorts), numbers and dates by
    /// value, versions in NuGet order, strings ordinally ignoring case (nuget.org's collation is case-insensitive).
    static func compare(_ a: ODataValue, _ b: ODataValue) -> Int {
        switch (a, b) {
        case (.null, .null): return 0
        case (.null, _): return -1
        case (_, .null): return 1
        case let (.bool(x), .bool(y)): return x == y ? 0 : (x ? 1 : -1)
        case let (.int(x), .int(y)): return x == y ? 0 : (x < y ? -1 : 1)
        case let (.date(x), .date(y)): return x == y ? 0 : (x < y ? -1 : 1)
        case let (.version(x?, _), .version(y?, _)): return NuGetVersion.compare(x, y)
        case let (.version(x?, _), .string(s)), let (.string(s), .version(x?, _)):
            guard let y = try? NuGetVersion(parsing: s) else { return compareText(a, b) }
            let order = NuGetVersion.compare(x, y)
            if case .string = a { return -order }
            return order
        default: return compareText(a, b)
        }
    }

    private static func compareText(_ a: ODataValue, _ b: ODataValue) -> Int {
        let x = a.text?.lowercased() ?? "", y = b.text?.lowercased() ?? ""
        return x == y ? 0 : (x < y ? -1 : 1)
    }

    /// `eq`: strings compare ignoring case (SQL Server's default collation on nuget.org); versions by NuGet equality.
    static func equal(_ a: ODataValue, _ b: ODataValue) -> Bool {
        switch (a, b) {
        case (.null, .null): true
        case (.null, _), (_, .null): false
        default: compare(a, b) == 0
        }
    }
}

/// `Edm.DateTime` text: UTC without an offset, milliseconds (what nuget.org writes and WCF clients parse).
enum ODataDate {
    static func edm(_ date: Date) -> String { format(date, suffix: "") }
    /// Atom `<updated>`: the same instant with `Z`.
    static func atom(_ date: Date) -> String { format(date, suffix: "Z") }

    /// Civil date from days since 1970 (H. Hinnant's algorithm): a Calendar per call costs
    /// microseconds, and a 100-entry page formats 400 dates.
    private static func format(_ date: Date, suffix: String) -> String {
        let totalMillis = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let days = totalMillis >= 0 ? totalMillis / 86_400_000 : (totalMillis - 86_399_999) / 86_400_000
        let dayMillis = totalMillis - days * 86_400_000
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        func pad(_ n: Int64, _ width: Int) -> String {
            let s = String(n)
            return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
        }
        let seconds = dayMillis / 1000
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(seconds / 3600, 2)):\(pad(seconds / 60 % 60, 2)):"
            + "\(pad(seconds % 60, 2)).\(pad(dayMillis % 1000, 3))\(suffix)"
    }

    /// Parses `datetime'2014-01-01T00:00:00'` bodies (with or without fraction and `Z`) as UTC.
    static func parse(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        var body = text
        if !body.hasSuffix("Z") { body += "Z" }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: body) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: body)
    }
}
