public import Foundation

/// What happened to one package file in a bulk push or import.
public enum BulkOutcome: Sendable, Equatable {
    /// Published (201).
    case published
    /// The version was already there (409) and duplicates were to be skipped.
    case skippedDuplicate(String)
    /// Refused or failed, with the server's (or the pipeline's) one-line message.
    case failed(String)

    public var isFailure: Bool {
        if case .failed = self { return true }
        return false
    }
}

/// One file's result.
public struct BulkResult: Sendable {
    public let file: URL
    public let outcome: BulkOutcome
    public let bytes: Int
}

/// The counts a bulk run ends with.
public struct BulkSummary: Sendable, Equatable, CustomStringConvertible {
    public var published = 0
    public var skipped = 0
    public var failed = 0
    public var bytes = 0
    public var seconds: Double = 0

    public init(_ results: [BulkResult], seconds: Double) {
        for result in results {
            bytes += result.bytes
            switch result.outcome {
            case .published: published += 1
            case .skippedDuplicate: skipped += 1
            case .failed: failed += 1
            }
        }
        self.seconds = seconds
    }

    public var description: String {
        let rate = seconds > 0 ? Double(published + skipped + failed) / seconds : 0
        return "\(published) published, \(skipped) skipped (already there), \(failed) failed; "
            + "\(Self.megabytes(bytes)) in \(String(format: "%.1f", seconds)) s (\(String(format: "%.1f", rate)) packages/s)."
    }

    static func megabytes(_ bytes: Int) -> String { String(format: "%.1f MB", Double(bytes) / 1_000_000) }
}

/// Reports a bulk run: on a terminal one line rewritten in place (count, bytes, rate, ETA) plus a line per
/// failure; otherwise a plain line per file, for logs and CI.
public final class BulkProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var total: Int
    private let interactive: Bool
    private let write: @Sendable (String) -> Void
    private let start = Date()
    private var done = 0
    private var bytes = 0
    private var skipped = 0

    /// `interactive` defaults to whether standard output is a terminal; `write` defaults to standard output.
    public init(total: Int, interactive: Bool? = nil, write: (@Sendable (String) -> Void)? = nil) {
        self.total = total
        self.interactive = interactive ?? (isatty(STDOUT_FILENO) == 1)
        // Through `print`'s buffer (flushed each time), so lines keep their order with the command's own prints.
        self.write = write ?? { text in
            print(text, terminator: "")
            fflush(nil)
        }
    }

    /// Sets the total when it is known only after the run started (a mirror learns it from the catalog).
    public func expect(_ total: Int) {
        lock.withLock { self.total = total }
    }

    /// Counts `count` items as done without a result (a mirror's catalog entries it does not copy), so the
    /// rate and ETA stay true.
    public func skip(_ count: Int) {
        guard count > 0 else { return }
        lock.withLock {
            done += count
            skipped += count
        }
    }

    /// The progress line: count, bytes, rate and ETA. The rate and ETA count only items that did work.
    func line(elapsed: TimeInterval) -> String {
        let worked = done - skipped
        let rate = elapsed > 0 ? Double(worked) / elapsed : 0
        let eta = rate > 0 ? Double(max(0, total - done)) / rate : 0
        return "[\(done)/\(total)] \(BulkSummary.megabytes(bytes)), \(String(format: "%.1f", rate))/s, ETA \(Self.duration(eta))"
    }

    /// `42 s`, `3 min 5 s`, `2 h 10 min`.
    public static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        if whole < 60 { return "\(whole) s" }
        if whole < 3600 { return "\(whole / 60) min \(whole % 60) s" }
        return "\(whole / 3600) h \(whole % 3600 / 60) min"
    }

    /// Records one file's result.
    public func record(_ result: BulkResult) {
        lock.lock()
        defer { lock.unlock() }
        done += 1
        bytes += result.bytes
        let name = result.file.lastPathComponent
        if interactive {
            if case .failed(let message) = result.outcome { write("\r\u{1B}[2K\(name): \(message)\n") }
            write("\r\u{1B}[2K" + line(elapsed: Date().timeIntervalSince(start)))
            if done >= total { write("\n") }
        } else {
            let what: String
            switch result.outcome {
            case .published: what = "published"
            case .skippedDuplicate(let message): what = "skipped: \(message)"
            case .failed(let message): what = "FAILED: \(message)"
            }
            write("[\(done)/\(total)] \(name): \(what)\n")
        }
    }
}

/// Runs `body` for every element with at most `limit` at once; the results keep the elements' order.
public func mapConcurrently<Element: Sendable, Result: Sendable>(
    _ elements: [Element], limit: Int, _ body: @escaping @Sendable (Element) async -> Result
) async -> [Result] {
    await withTaskGroup(of: (Int, Result).self) { group in
        var results = [Result?](repeating: nil, count: elements.count)
        var next = 0
        func startNext() {
            guard next < elements.count else { return }
            let index = next
            let element = elements[index]
            group.addTask { (index, await body(element)) }
            next += 1
        }
        for _ in 0..<max(1, limit) { startNext() }
        while let (index, result) = await group.next() {
            results[index] = result
            startNext()
        }
        return results.map { $0! }
    }
}
