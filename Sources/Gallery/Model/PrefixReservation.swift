public import Foundation

/// An ID prefix reservation (nuget.org "ID prefix reservation"): `Contoso.` (or `Contoso.*`) covers every id
/// starting with `Contoso.`; a pattern without a trailing `.` or `*` covers exactly that id.
///
/// Only its owners may create new ids it covers, unless it is open; owners' packages under it are verified.
public struct PrefixReservation: Sendable, Equatable, Codable {
    /// The pattern as the admin typed it (`Contoso.`, `Contoso.*` or `Contoso.Exact`).
    public var pattern: String
    /// Others may still push new ids under an open reservation (without the verified mark).
    public var isOpen: Bool
    /// Account keys (users or organizations) that own the reservation.
    public var ownerKeys: [Int64]
    public var created: Date

    /// Creates a reservation.
    public init(pattern: String, isOpen: Bool = false, ownerKeys: [Int64], created: Date) {
        self.pattern = pattern
        self.isOpen = isOpen
        self.ownerKeys = ownerKeys
        self.created = created
    }

    /// The pattern lowercased, the reservation's identity (`contoso.`).
    public var lowerPattern: String { Self.lower(pattern) }

    /// Lowercases and turns a trailing `*` into a prefix (`Contoso.*` → `contoso.`).
    public static func lower(_ pattern: String) -> String {
        var lower = pattern.lowercased()
        if lower.hasSuffix("*") { lower.removeLast() }
        return lower
    }

    /// Whether the pattern is a prefix (ends with `.` or `*`) rather than one exact id.
    public var isPrefix: Bool { pattern.hasSuffix(".") || pattern.hasSuffix("*") }

    /// Whether `id` (any case) lies under this reservation.
    public func covers(_ id: String) -> Bool {
        let lowerID = id.lowercased()
        return isPrefix ? lowerID.hasPrefix(lowerPattern) : lowerID == lowerPattern
    }

    /// The reservation that decides for `id`: the most specific (longest) one covering it.
    public static func deciding(_ reservations: [PrefixReservation], for id: String) -> PrefixReservation? {
        reservations.filter { $0.covers(id) }.max { $0.lowerPattern.count < $1.lowerPattern.count }
    }
}
