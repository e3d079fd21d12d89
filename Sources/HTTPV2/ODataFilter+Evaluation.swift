import Foundation
import Gallery

extension ODataFilter {
    /// Whether a row passes the filter. A non-boolean result (a bare string) fails the row.
    func accepts(_ row: V2Row, urls: FeedURLs) -> Bool {
        if case .bool(let b) = evaluate(row, urls: urls) { return b }
        return false
    }

    /// OData v2 semantics over one row; null propagates through functions, `eq null` tests it.
    func evaluate(_ row: V2Row, urls: FeedURLs) -> ODataValue {
        switch self {
        case .literal(let value): return value
        case .property(let property): return row.value(property, urls: urls)
        case .not(let inner):
            if case .bool(let b) = inner.evaluate(row, urls: urls) { return .bool(!b) }
            return .null
        case .and(let a, let b):
            return .bool(a.accepts(row, urls: urls) && b.accepts(row, urls: urls))
        case .or(let a, let b):
            return .bool(a.accepts(row, urls: urls) || b.accepts(row, urls: urls))
        case .compare(let op, let a, let b):
            return .bool(Self.compare(op, a.evaluate(row, urls: urls), b.evaluate(row, urls: urls)))
        case .call(let name, let arguments):
            return Self.call(name, arguments.map { $0.evaluate(row, urls: urls) })
        }
    }

    static func compare(_ op: ODataComparison, _ a: ODataValue, _ b: ODataValue) -> Bool {
        switch op {
        case .eq: return ODataValue.equal(a, b)
        case .ne: return !ODataValue.equal(a, b)
        default:
            // Ordering against null is false, as in SQL (nuget.org's OData runs on SQL Server).
            if a == .null || b == .null { return false }
            let order = ODataValue.compare(a, b)
            switch op {
            case .gt: return order > 0
            case .ge: return order >= 0
            case .lt: return order < 0
            default: return order <= 0
            }
        }
    }

    static func call(_ name: String, _ values: [ODataValue]) -> ODataValue {
        let texts = values.map(\.text)
        switch name {
        case "tolower": return texts[0].map { .string($0.lowercased()) } ?? .null
        case "toupper": return texts[0].map { .string($0.uppercased()) } ?? .null
        case "trim": return texts[0].map { .string($0.trimmingSpaces()) } ?? .null
        case "length": return texts[0].map { .int(Int64($0.count)) } ?? .null
        case "concat": return .string((texts[0] ?? "") + (texts[1] ?? ""))
        default: break
        }
        guard let first = texts[0], let second = texts[1] else { return .null }
        // SQL Server's case-insensitive collation makes these ignore case on nuget.org too.
        let a = first.lowercased(), b = second.lowercased()
        switch name {
        case "substringof": return .bool(b.contains(a))  // substringof(needle, haystack)
        case "startswith": return .bool(a.hasPrefix(b))
        case "endswith": return .bool(a.hasSuffix(b))
        case "indexof":
            guard let range = a.range(of: b) else { return .int(-1) }
            return .int(Int64(a.distance(from: a.startIndex, to: range.lowerBound)))
        default: return .null
        }
    }
}
