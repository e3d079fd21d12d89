import Foundation
import Gallery
import NIOCore

/// Start-up's summary page on PostgreSQL as one row per id: the database folds an id's versions into one text
/// (`string_agg`, in lower version order), and this type reads it back into the `SummaryRow`s the per-row read
/// would have produced.
///
/// Why: at a million versions PostgresNIO's per-row work (a `DataRow` message, the row iterator, thirteen cells)
/// was about a fifth of start-up's CPU; one row per id (about ten versions) is a tenth of it, and reading the text
/// here is a scan over bytes. Each version carries its texts, even when they repeat the previous version's: the
/// reader compares the bytes and decodes only texts that changed, as the per-row read's `lag()` window has the
/// database do. Without the window the database spends a third less CPU on a page; the text is about three times
/// longer, which costs little on a local socket (about 250 instead of 80 MB at 1M versions, bench/scale/RESULTS.md).
///
/// The text is self-delimiting, whatever the strings hold: per version, in the order of `versionFields`,
/// each string as `<byte length>:<bytes>` (only `:` when NULL) and each number as `<decimal>,` (only `,` when NULL).
enum SummaryAggregate {
    /// The fields of one version in the aggregated text.
    static let versionFields = """
        octet_length(id), ':', id, octet_length(version), ':', version,
        octet_length(normalized_version), ':', normalized_version, octet_length(verbatim_version), ':', verbatim_version,
        flags, ',', created, ',', published, ',', last_edited, ',', package_size, ',', downloads, ',',
        octet_length(feed_texts), ':', feed_texts, octet_length(metadata_json), ':', metadata_json
        """

    /// The summaries of the available versions with a lower id in `($1, $2]`: one row per id, its lower id and its
    /// versions' text. `concat` (one call, NULL as empty) formats a version for less database CPU than a chain of
    /// `||`; the aggregate's own order is the one the reader relies on (a sorted subquery "usually" keeps its
    /// order through an aggregate, PostgreSQL's documentation says, which is not enough).
    static let sql = """
        SELECT lower_id, string_agg(concat(\(versionFields)), '' ORDER BY lower_version) AS versions
        FROM (
            SELECT lower_id, lower_version, id, \(SQLMetadataStore.summaryPlainColumns), feed_texts,
                CASE WHEN feed_texts IS NULL THEN metadata_json END AS metadata_json
            FROM package_versions
            WHERE state = 'available' AND lower_id > $1 AND lower_id <= $2) AS v
        GROUP BY lower_id ORDER BY lower_id
        """

    /// Appends to `reader` the versions of `lowerID` held in `text` (one row of `sql`).
    static func read(_ text: ByteBuffer, lowerID: String, into reader: inout SummaryReader) throws {
        try text.withUnsafeReadableBytes { bytes in
            var scanner = Scanner(bytes: bytes)
            // The previous version's id casing and texts, where they are in `bytes`.
            var previous: (id: Range<Int>, cased: String, texts: Range<Int>?)?
            while !scanner.atEnd {
                guard let idBytes = try scanner.field() else { throw SummaryAggregateError.malformed(lowerID) }
                let sameID = previous.map { scanner.equal($0.id, idBytes) } ?? false
                let id = sameID ? previous!.cased : scanner.string(idBytes)
                guard let version = try scanner.field().map(scanner.string) else { throw SummaryAggregateError.malformed(lowerID) }
                let normalizedVersion = try scanner.field().map(scanner.string)
                let verbatimVersion = try scanner.field().map(scanner.string)
                guard let flags = try scanner.number(), let created = try scanner.number(), let published = try scanner.number()
                else { throw SummaryAggregateError.malformed(lowerID) }
                let lastEdited = try scanner.number()
                guard let packageSize = try scanner.number(), let downloads = try scanner.number()
                else { throw SummaryAggregateError.malformed(lowerID) }
                let textBytes = try scanner.field(), metadata = try scanner.field().map(scanner.string)
                // Texts equal to the previous version's of the same casing are left out, as the per-row read's window does.
                let repeated = sameID && textBytes != nil && previous?.texts.map { scanner.equal($0, textBytes!) } == true
                try reader.append(SummaryRow(
                    lowerID: lowerID, id: id, version: version, normalizedVersion: normalizedVersion,
                    verbatimVersion: verbatimVersion, flags: Int32(truncatingIfNeeded: flags), created: created,
                    published: published, lastEdited: lastEdited, packageSize: packageSize, downloads: downloads,
                    texts: repeated ? nil : textBytes.map(scanner.string), metadata: metadata))
                previous = (idBytes, id, textBytes)
            }
        }
    }

    /// Reads the fields of the aggregated text one after the other; throws `.malformed` on anything else.
    private struct Scanner {
        let bytes: UnsafeRawBufferPointer
        var position = 0
        var atEnd: Bool { position == bytes.count }

        init(bytes: UnsafeRawBufferPointer) {
            self.bytes = bytes
        }

        /// Where the bytes of `<length>:<bytes>` are, or nil for `:`.
        mutating func field() throws -> Range<Int>? {
            guard let length = try digits(until: UInt8(ascii: ":")) else { return nil }
            guard length >= 0, length <= bytes.count - position else { throw SummaryAggregateError.malformed("a string runs past the end") }
            defer { position += Int(length) }
            return position..<position + Int(length)
        }

        /// The UTF-8 text at `range`.
        func string(_ range: Range<Int>) -> String {
            String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }

        /// Whether two ranges hold the same bytes.
        func equal(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
            a.count == b.count && memcmp(bytes.baseAddress! + a.lowerBound, bytes.baseAddress! + b.lowerBound, a.count) == 0
        }

        /// `<decimal>,`, or nil for `,`.
        mutating func number() throws -> Int64? {
            try digits(until: UInt8(ascii: ","))
        }

        /// A decimal number (optionally negative) ended by `terminator`, or nil when the terminator comes at once.
        private mutating func digits(until terminator: UInt8) throws -> Int64? {
            var value: Int64 = 0, negative = false, count = 0
            while position < bytes.count {
                let byte = bytes[position]
                position += 1
                if byte == terminator {
                    guard count > 0 else {
                        guard !negative else { break }
                        return nil
                    }
                    return negative ? -value : value
                }
                if byte == UInt8(ascii: "-"), count == 0, !negative {
                    negative = true
                    continue
                }
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), count < 18 else { break }
                value = value * 10 + Int64(byte - UInt8(ascii: "0"))
                count += 1
            }
            throw SummaryAggregateError.malformed("a number is not terminated")
        }
    }
}

/// An aggregated summary row the store cannot read: only a bug between `SummaryAggregate.sql` and its reader makes one.
enum SummaryAggregateError: Error, CustomStringConvertible {
    case malformed(String)

    var description: String {
        switch self {
        case .malformed(let detail): "The aggregated version summaries cannot be read (\(detail))."
        }
    }
}
