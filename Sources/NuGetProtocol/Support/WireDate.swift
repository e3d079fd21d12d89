public import Foundation

/// ISO 8601 dates as NuGet's documents write them: UTC, an explicit offset, a fraction without trailing zeros.
///
/// NuGet.Client parses these with `DateTimeOffset`, which needs an offset (protocol §12.8). nuget.org
/// writes `+00:00` in registration and `Z` in the catalog (`2025-01-02T03:04:05.123456Z`,
/// `1900-01-01T00:00:00+00:00`).
/// A hand-written formatter: it is pure, thread-safe and cheap enough to call for every leaf of a
/// 1,000-version package on each push, which `ISO8601DateFormatter` is not.
public enum WireDate {
    /// How UTC is spelled at the end of the string.
    public enum Zone: Sendable {
        /// `+00:00`, as nuget.org's registration hives write it.
        case offset
        /// `Z`, as nuget.org's catalog writes it.
        case zulu
    }

    /// `1900-01-01T00:00:00Z`: nuget.org's `published` for an unlisted version.
    public static let unlistedPublished = Date(timeIntervalSince1970: -2_208_988_800)

    /// `0001-01-01T00:00:00Z` (.NET `DateTime.MinValue`): the commit time of an empty catalog,
    /// the value catalog readers start their cursor at.
    public static let minimum = Date(timeIntervalSince1970: -62_135_596_800)

    /// Seconds from 1970-01-01 to 2001-01-01 (Foundation's reference date).
    private static let referenceDateUnixSeconds: Int64 = 978_307_200

    /// A UTC instant split into calendar fields, rounded to the microsecond.
    public struct Components: Sendable, Equatable {
        /// Year (proleptic Gregorian), month 1–12, day 1–31, hour, minute, second, microsecond 0–999999.
        public var year, month, day, hour, minute, second, microsecond: Int
    }

    /// The UTC calendar fields of `date`, rounded to the microsecond.
    ///
    /// Stores keep microseconds (`GalleryClock` truncates to them), and a `Date` (a `Double` of seconds since
    /// 2001) is only exact to about 0.1 µs today, so a seventh digit would print noise such as `.1229999`.
    public static func components(_ date: Date) -> Components {
        let micros = Int64((date.timeIntervalSinceReferenceDate * 1_000_000).rounded())
        let seconds = floorDivide(micros, 1_000_000)
        let unixSeconds = seconds + referenceDateUnixSeconds
        let days = floorDivide(unixSeconds, 86_400)
        let secondOfDay = unixSeconds - days * 86_400
        let (year, month, day) = civilDate(daysSince1970: days)
        return Components(
            year: Int(year), month: Int(month), day: Int(day), hour: Int(secondOfDay / 3600),
            minute: Int(secondOfDay / 60 % 60), second: Int(secondOfDay % 60), microsecond: Int(micros - seconds * 1_000_000)
        )
    }

    /// Formats `date` in UTC, rounded to the microsecond, the fraction without trailing zeros.
    public static func format(_ date: Date, zone: Zone) -> String {
        let c = components(date)
        var text = pad(c.year, 4) + "-" + pad(c.month, 2) + "-" + pad(c.day, 2)
        text += "T" + pad(c.hour, 2) + ":" + pad(c.minute, 2) + ":" + pad(c.second, 2)
        if c.microsecond != 0 {
            var digits = pad(c.microsecond, 6)
            while digits.hasSuffix("0") { digits.removeLast() }
            text += "." + digits
        }
        text += zone == .offset ? "+00:00" : "Z"
        return text
    }

    /// Zero-pads a non-negative number to `width` digits.
    public static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// Howard Hinnant's `civil_from_days`: proleptic Gregorian year, month, day of a day number.
    private static func civilDate(daysSince1970 days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = floorDivide(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        let quotient = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? quotient - 1 : quotient
    }
}
