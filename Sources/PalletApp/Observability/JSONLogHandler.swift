public import Foundation
public import Logging
import Synchronization

/// A swift-log handler writing one JSON object per line to standard output, for log shippers
/// (`--log-format json`): `{"time":…,"level":…,"label":…,"message":…,"request_id":…,<metadata>…}`.
///
/// The request id (Hummingbird's `hb.request.id` metadata, set by `RequestIDMiddleware`) is written as
/// `request_id`; every other metadata value as a string under its own key.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    let label: String
    let write: @Sendable (String) -> Void

    /// A handler for `label` that writes lines to standard output (or to `write`, for tests).
    public init(label: String, write: (@Sendable (String) -> Void)? = nil) {
        self.label = label
        self.write = write ?? JSONLogHandler.standardOutput
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        write(Self.line(time: Date(), level: event.level, label: label, message: "\(event.message)",
                        metadata: metadata.merging(event.metadata ?? [:]) { _, new in new }, source: event.source))
    }

    /// UTC, with milliseconds: `2026-12-07T04:01:02.345Z`.
    static let timeStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    /// One log line (without the newline).
    public static func line(time: Date, level: Logger.Level, label: String, message: String, metadata: Logger.Metadata, source: String) -> String {
        var fields: [(String, String)] = [
            ("time", timeStyle.format(time)),
            ("level", level.rawValue), ("label", label), ("message", message),
        ]
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) {
            fields.append((key == "hb.request.id" ? "request_id" : key, "\(value)"))
        }
        fields.append(("source", source))
        return "{" + fields.map { "\(quoted($0.0)):\(quoted($0.1))" }.joined(separator: ",") + "}"
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped, so a line never breaks.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
                out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Lines from concurrent requests must not interleave: one write(2) per line, under a lock.
    private static let outputLock = Mutex(())
    static let standardOutput: @Sendable (String) -> Void = { line in
        let bytes = Array((line + "\n").utf8)
        outputLock.withLock { _ in
            bytes.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = Foundation.write(1, buffer.baseAddress! + offset, buffer.count - offset)
                    if written <= 0 { break }
                    offset += written
                }
            }
        }
    }
}
