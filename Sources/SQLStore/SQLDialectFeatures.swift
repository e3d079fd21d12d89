import Gallery

/// The few things that differ between the SQL databases the metadata store runs on.
///
/// Everything else (queries, schema shape, transactions) is shared SQL that SQLite and PostgreSQL
/// both accept: `ON CONFLICT … DO UPDATE`, `RETURNING`, `COALESCE`, double-quoted identifiers.
/// A new dialect adds one static value here and an error classifier beside it.
public struct SQLDialectFeatures: Sendable {
    /// A short name for logs ("sqlite", "postgres").
    public let name: String
    /// Column type for true/false (SQLite has no boolean type).
    let booleanType: String
    /// Column type for 64-bit integers (dates are stored as microseconds since 1970).
    let bigintType: String
    /// Column type for raw bytes (catalog leaves).
    let bytesType: String
    /// Column definition of an auto-assigned, never reused integer primary key.
    let autoincrementKey: String
    /// Starts a transaction that will write. SQLite needs `BEGIN IMMEDIATE`: a deferred transaction that
    /// reads first and writes later fails with SQLITE_BUSY_SNAPSHOT in WAL mode instead of waiting.
    let beginWriteTransaction: String
    /// Run first inside the migration transaction so two processes starting at once migrate one after the other
    /// (nil when `beginWriteTransaction` already excludes other writers, as in SQLite).
    let migrationLock: String?
    /// Run before computing the next catalog sequence, so concurrent appends stay dense
    /// (nil when writers are already serialized).
    let catalogAppendLock: String?
    /// Appended to a `SELECT` inside a write transaction to lock the rows read (`FOR UPDATE` on PostgreSQL;
    /// empty on SQLite, whose `BEGIN IMMEDIATE` already excludes other writers).
    let lockRowsForUpdate: String
    /// An SQL expression for the database's current time in microseconds since 1970. Render marks are
    /// stamped with the database's clock, not a node's, so nodes with skewed clocks still agree on order.
    let currentMicroseconds: String
    /// Appended to a `SELECT` to keep the rows read from being deleted until the transaction ends, without
    /// blocking other such readers (`FOR KEY SHARE` on PostgreSQL; empty on SQLite).
    let lockRowsAgainstDelete: String
    /// The database allows one statement at a time on the connection the store is given,
    /// so the store must hand it to one caller at a time (a single SQLite connection).
    let serializesCallers: Bool
    /// Maps a driver error to the store's vocabulary, or nil to rethrow it unchanged.
    let classify: @Sendable (any Error) -> StoreError?
    /// The statement that moves the sequence behind an identity column (`table`, `column`) past the largest
    /// value in it, run after `SQLStoreCopier` inserted rows with explicit keys; nil when the database does
    /// that by itself (SQLite's AUTOINCREMENT follows explicit inserts). PostgreSQL (next value = largest + 1):
    /// `SELECT setval(pg_get_serial_sequence('users', 'key'), COALESCE(MAX("key"), 0) + 1, false) FROM users`.
    let resetIdentitySQL: (@Sendable (_ table: String, _ column: String) -> String)?
    /// Schema step 12's backfill: sets `package_versions.feed_texts` of every row from its `metadata_json` with the
    /// database's own JSON functions (the `authors`, `description`, `summary`, `tags` and `title` values copied
    /// as they are), leaving NULL where the JSON holds an escaped NUL, which not every database's JSON type accepts
    /// (start-up then decodes that row's metadata instead).
    let versionTextsBackfill: String
}
