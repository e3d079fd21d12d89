import Logging
import Synchronization

/// Everything a logger wrote, as text, for tests that grep the server's log (secrets must never appear).
final class CapturedLog: Sendable {
    private let lines = Mutex<[String]>([])

    /// A logger at `level` that records every message with its metadata and source here.
    func logger(label: String = "pallet.captured", level: Logger.Level = .trace) -> Logger {
        var logger = Logger(label: label) { _ in CapturingHandler(log: self) }
        logger.logLevel = level
        return logger
    }

    /// The captured lines joined with newlines.
    var text: String { lines.withLock { $0.joined(separator: "\n") } }

    /// How many lines were captured.
    var count: Int { lines.withLock { $0.count } }

    fileprivate func append(_ line: String) { lines.withLock { $0.append(line) } }
}

private struct CapturingHandler: LogHandler {
    let log: CapturedLog
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        log.append("\(event.level) \(event.source) \(event.message) \(merged)")
    }
}
