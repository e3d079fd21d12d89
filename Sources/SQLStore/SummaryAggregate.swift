import Gallery
import NIOCore

/// Start-up's summary page on PostgreSQL as one row per id: the database folds an id's versions into one text
/// (`string_agg`, in lower version order), and this type reads it back into the `SummaryRow`s the per-row read
/// would have produced.
///
/// Why: at a million versions PostgresNIO's per-row work (a `DataRow` message, the row iterator, thirteen cells)
/// was about a fifth of start-up's CPU; one row per id (about ten versions) is a tenth of it, and parsing the text
/// here is a scan over bytes. The database pays a little more (formatting the numbers as text and one small sort
/// per id for the aggregate's order, bench/scale/RESULTS.md).
///
/// The text is self-delimiting, whatever the strings hold: per version, in the order of `versionFields`,
/// each string as `<byte length>:<bytes>` (only `:` when NULL) and each number as `<decimal>,` (only `,` when NULL).
enum SummaryAggregate {
    /// The fields of one version in the aggregated text. Strings that repeat the previous version's of the id
    /// are NULL (the id's casing and the texts, through the same `lag()` window as the per-row read).
    static let versionFields = """
        octet_length(id), ':', id, octet_length(version), ':', version,
        octet_length(normalized_version), ':', normalized_version, octet_length(verbatim_version), ':', verbatim_version,
        flags, ',', created, ',', published, ',', last_edited, ',', package_size, ',', downloads, ',',
        octet_length(feed_texts), ':', feed_texts, octet_length(metadata_json), ':', metadata_json
        """

    /// The summaries of the available versions with a lower id in `($1, $2]`: one row per id, its lower id and its
    /// versions' text. The inner rows are `SQLMetadataStore.summaryColumns` but for the id, which is sent only
    /// when its casing differs from the previous version's (the column list names that one `id` and the table's
    /// `table_id`); `concat` (one call, NULL as empty) formats a version for less database CPU than a chain of `||`.
    static let sql = """
        SELECT lower_id, string_agg(concat(\(versionFields)), '' ORDER BY lower_version) AS versions
        FROM (
            SELECT lower_version, CASE WHEN id = lag(id) OVER previous THEN NULL ELSE id END AS cased_id,
                \(SQLMetadataStore.summaryColumns)
            FROM package_versions
            WHERE state = 'available' AND lower_id > $1 AND lower_id <= $2
            \(SQLMetadataStore.summaryWindow)) AS v(lower_version, id, lower_id, table_id)
        GROUP BY lower_id ORDER BY lower_id
        """

    /// Appends to `reader` the versions of `lowerID` held in `text` (one row of `sql`).
    static func read(_ text: ByteBuffer, lowerID: String, into reader: inout SummaryReader) throws {
        try text.withUnsafeReadableBytes { bytes in
            var scanner = Scanner(bytes: bytes)
            var previousID: String?
            while !scanner.atEnd {
                // NULL: the casing of the previous version of this id.
                guard let id = try scanner.string() ?? previousID else { throw SummaryAggregateError.malformed(lowerID) }
                previousID = id
                guard let version = try scanner.string() else { throw SummaryAggregateError.malformed(lowerID) }
                let normalizedVersion = try scanner.string(), verbatimVersion = try scanner.string()
                guard let flags = try scanner.number(), let created = try scanner.number(), let published = try scanner.number()
                else { throw SummaryAggregateError.malformed(lowerID) }
                let lastEdited = try scanner.number()
                guard let packageSize = try scanner.number(), let downloads = try scanner.number()
                else { throw SummaryAggregateError.malformed(lowerID) }
                try reader.append(SummaryRow(
                    lowerID: lowerID, id: id, version: version, normalizedVersion: normalizedVersion,
                    verbatimVersion: verbatimVersion, flags: Int32(truncatingIfNeeded: flags), created: created,
                    published: published, lastEdited: lastEdited, packageSize: packageSize, downloads: downloads,
                    texts: try scanner.string(), metadata: try scanner.string()))
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

        /// `<length>:<bytes>`, or nil for `:`.
        mutating func string() throws -> String? {
            guard let length = try digits(until: UInt8(ascii: ":")) else { return nil }
            guard length >= 0, length <= bytes.count - position else { throw SummaryAggregateError.malformed("a string runs past the end") }
            let value = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[position..<position + Int(length)]), as: UTF8.self)
            position += Int(length)
            return value
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
