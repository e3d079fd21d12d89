import NIOCore
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Request ids in Hummingbird's format (a random prefix for the process, then a 16-digit hex counter).
enum FastRequestID {
    private static let prefix = String(UInt64.random(in: .min ... .max), radix: 16)
    private static let counter = Atomic<UInt64>(UInt64.random(in: .min ... .max))
    private static let digits = Array("0123456789abcdef".utf8)

    static func next() -> String {
        let value = counter.add(1, ordering: .relaxed).oldValue
        let hex = String(unsafeUninitializedCapacity: 16) { buffer in
            for index in 0..<16 {
                buffer[index] = digits[Int((value >> UInt64(60 - 4 * index)) & 0xF)]
            }
            return 16
        }
        return prefix + hex
    }

    /// The length of every id.
    static let length = prefix.utf8.count + 16

    /// Writes the next id into `bytes` (at least `length` of them; the same text as `next()`, without making a
    /// string); returns `length`.
    static func write(into bytes: UnsafeMutableRawBufferPointer) -> Int {
        let value = counter.add(1, ordering: .relaxed).oldValue
        var prefix = prefix
        let count = prefix.withUTF8 { text in
            bytes.copyMemory(from: UnsafeRawBufferPointer(text))
            return text.count
        }
        for index in 0..<16 {
            bytes[count + index] = digits[Int((value >> UInt64(60 - 4 * index)) & 0xF)]
        }
        return count + 16
    }
}

/// The `Date` header's value (RFC 9110 IMF-fixdate), formatted once per second.
enum HTTPDate {
    private static let cache = Mutex<(second: Int, text: String)>((-1, ""))
    private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func now() -> String {
        now(second: currentSecond())
    }

    /// Seconds since the epoch, as `now()` reads them (a connection keeps the text of the second it saw last).
    static func currentSecond() -> Int { Int(time(nil)) }

    /// The header value for `second`.
    static func now(second: Int) -> String {
        cache.withLock { cache in
            if cache.second == second { return cache.text }
            let text = format(second)
            cache = (second, text)
            return text
        }
    }

    static func format(_ second: Int) -> String {
        var seconds = time_t(second)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(days[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(parts.tm_year + 1900) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
    }
}
