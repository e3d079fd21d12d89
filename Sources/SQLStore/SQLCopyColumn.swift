import Foundation
import SQLKit

/// One column of a copied table: its name and how its values are read and bound.
///
/// The kind is explicit (not inferred from the database) because SQLite stores booleans as 0/1 integers
/// and has no BIGINT or BYTEA: a value read from SQLite must be bound as the type PostgreSQL declares.
public struct SQLCopyColumn: Sendable, Hashable {
    /// How a column's values are decoded and bound.
    public enum Kind: Sendable, Hashable {
        case text, int64, bool, bytes
    }

    /// The column name, as in `SQLSchema`.
    public let name: String
    /// The value type.
    public let kind: Kind
    /// Whether NULL is allowed.
    public let isOptional: Bool

    static func text(_ name: String) -> Self { .init(name: name, kind: .text, isOptional: false) }
    static func int64(_ name: String) -> Self { .init(name: name, kind: .int64, isOptional: false) }
    static func bool(_ name: String) -> Self { .init(name: name, kind: .bool, isOptional: false) }
    static func bytes(_ name: String) -> Self { .init(name: name, kind: .bytes, isOptional: false) }
    static func optionalText(_ name: String) -> Self { .init(name: name, kind: .text, isOptional: true) }
    static func optionalInt64(_ name: String) -> Self { .init(name: name, kind: .int64, isOptional: true) }

    /// Reads this column of `row`; a boolean also decodes from SQLite's 0/1 integer.
    func decode(_ row: any SQLRow) throws -> SQLCopyValue {
        if isOptional, try row.decodeNil(column: name) { return .null(kind) }
        switch kind {
        case .text: return .text(try row.decode(column: name, as: String.self))
        case .int64: return .int64(try row.decode(column: name, as: Int64.self))
        case .bool: return .bool(try row.decode(column: name, as: Bool.self))
        case .bytes: return .bytes(try row.decode(column: name, as: Data.self))
        }
    }
}

/// One value read from the source, bound unchanged (with its declared type) on the target.
enum SQLCopyValue: Sendable, Hashable {
    case text(String)
    case int64(Int64)
    case bool(Bool)
    case bytes(Data)
    /// NULL of a column of this kind: bound as a typed nil so PostgreSQL knows the parameter's type.
    case null(SQLCopyColumn.Kind)

    /// The value to hand to `SQLBind`.
    var bindable: any Encodable & Sendable {
        switch self {
        case .text(let value): value
        case .int64(let value): value
        case .bool(let value): value
        case .bytes(let value): value
        case .null(.text): String?.none
        case .null(.int64): Int64?.none
        case .null(.bool): Bool?.none
        case .null(.bytes): Data?.none
        }
    }
}
