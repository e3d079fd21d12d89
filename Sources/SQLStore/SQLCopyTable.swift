/// A table `SQLStoreCopier` copies: its columns (explicit, one spec per schema column), its primary key
/// (the order pages are read in) and what `verify()` compares beyond the row count.
///
/// When a schema step adds a column, add it here too: the copier refuses a source row with a column this
/// spec does not name, rather than silently dropping it.
public struct SQLCopyTable: Sendable, Hashable {
    /// The table name.
    public let name: String
    /// Every column, in the order they are selected and inserted.
    public let columns: [SQLCopyColumn]
    /// The primary key columns (keyset paging order).
    public let primaryKey: [String]
    /// A column filled from a sequence (`autoincrementKey`), whose sequence the target must advance after the copy.
    public let identityColumn: String?
    /// Columns compared row by row (by primary key) in `verify()`; empty means the count only.
    public let comparedColumns: [String]

    init(
        _ name: String, key: [String], identity: String? = nil, compared: [String] = [], columns: [SQLCopyColumn]
    ) {
        self.name = name
        self.columns = columns
        self.primaryKey = key
        self.identityColumn = identity
        self.comparedColumns = compared
    }
}

extension SQLCopyTable {
    /// Every table of the schema but `schema_migrations` (the target's own `migrate()` writes it), parents
    /// before the tables whose foreign keys point at them.
    public static let all: [SQLCopyTable] = [
        SQLCopyTable("users", key: ["key"], identity: "key", compared: ["lower_name", "kind", "deleted", "is_site_admin"], columns: [
            .int64("key"), .text("name"), .text("lower_name"), .text("email"), .bool("is_site_admin"),
            .int64("created"), .text("kind"), .bool("deleted"),
        ]),
        SQLCopyTable("api_keys", key: ["key"], identity: "key", compared: ["user_key", "owner_key", "secret_hash", "revoked"], columns: [
            .int64("key"), .int64("user_key"), .text("name"), .text("secret_hash"), .text("scopes"), .text("globs"),
            .text("package_ids"), .int64("created"), .optionalInt64("expires"), .bool("revoked"),
            .optionalInt64("owner_key"), .bool("expiry_reminder_sent"),
        ]),
        SQLCopyTable("organization_members", key: ["organization_key", "user_key"], columns: [
            .int64("organization_key"), .int64("user_key"), .text("role"),
        ]),
        SQLCopyTable("packages", key: ["lower_id"], columns: [
            .text("lower_id"), .text("id"), .int64("created"),
        ]),
        SQLCopyTable(
            "package_versions", key: ["lower_id", "lower_version"],
            compared: ["package_hash", "downloads", "listed", "state"],
            columns: [
                .text("lower_id"), .text("lower_version"), .text("id"), .text("version"), .text("normalized_version"),
                .text("verbatim_version"), .bool("is_prerelease"), .bool("is_semver2"), .bool("listed"), .text("state"),
                .int64("created"), .int64("published"), .optionalInt64("last_edited"), .int64("package_size"),
                .text("package_hash"), .int64("downloads"), .text("metadata_json"), .optionalText("deprecation_json"),
                .optionalText("catalog_leaf_path"), .optionalText("claim_token"), .optionalInt64("claim_expires"),
                .optionalText("feed_texts"),
            ]
        ),
        SQLCopyTable("download_days", key: ["lower_id", "day", "lower_version"], compared: ["downloads"], columns: [
            .text("lower_id"), .text("lower_version"), .int64("day"), .int64("downloads"),
        ]),
        SQLCopyTable("package_owners", key: ["lower_id", "user_key"], columns: [
            .text("lower_id"), .int64("user_key"),
        ]),
        SQLCopyTable("prefix_reservations", key: ["lower_pattern"], columns: [
            .text("lower_pattern"), .text("pattern"), .bool("is_open"), .int64("created"),
        ]),
        SQLCopyTable("prefix_reservation_owners", key: ["lower_pattern", "account_key"], columns: [
            .text("lower_pattern"), .int64("account_key"),
        ]),
        SQLCopyTable("catalog", key: ["sequence"], compared: ["commit_id", "leaf_path"], columns: [
            .int64("sequence"), .text("kind"), .text("commit_id"), .int64("commit_ts"), .text("id"), .text("version"),
            .text("leaf_path"), .bytes("leaf_json"),
        ]),
        SQLCopyTable("dirty_packages", key: ["lower_id"], columns: [
            .text("lower_id"), .int64("generation"), .int64("rendered_generation"), .int64("touched"), .int64("render_lease"),
            .optionalText("manifest_json"),
        ]),
        SQLCopyTable("settings", key: ["name"], compared: ["value"], columns: [
            .text("name"), .text("value"),
        ]),
        SQLCopyTable("audit_log", key: ["sequence"], identity: "sequence", columns: [
            .int64("sequence"), .int64("time"), .text("actor"), .text("action"), .text("target"), .text("details"),
        ]),
        SQLCopyTable("advisories", key: ["advisory_id", "lower_id", "versions"], compared: ["severity", "url", "page"], columns: [
            .text("advisory_id"), .text("lower_id"), .text("versions"), .int64("severity"), .text("url"), .text("page"),
        ]),
        SQLCopyTable("publishing_policies", key: ["key"], identity: "key", compared: ["owner_key", "policy_json"], columns: [
            .int64("key"), .int64("owner_key"), .int64("creator_key"), .text("name"), .text("policy_json"),
            .optionalText("pinned_owner_id"), .optionalText("pinned_repository_id"), .int64("created"),
        ]),
        SQLCopyTable("used_token_ids", key: ["jti"], columns: [.text("jti"), .int64("expires")]),
        SQLCopyTable("user_credentials", key: ["user_key"], compared: ["email_confirmed"], columns: [
            .int64("user_key"), .optionalText("password_hash"), .bool("email_confirmed"),
        ]),
        SQLCopyTable("account_tokens", key: ["token_hash"], columns: [
            .text("token_hash"), .int64("user_key"), .text("purpose"), .int64("expires"),
        ]),
        SQLCopyTable("web_sessions", key: ["id_hash"], columns: [
            .text("id_hash"), .int64("user_key"), .text("csrf_token"), .int64("created"), .int64("expires"),
        ]),
        SQLCopyTable("sign_in_failures", key: ["key"], identity: "key", columns: [
            .int64("key"), .text("throttle_key"), .int64("failed_at"),
        ]),
        SQLCopyTable("account_preferences", key: ["user_key"], compared: ["allow_contact", "notify_on_publish"], columns: [
            .int64("user_key"), .bool("allow_contact"), .bool("notify_on_publish"),
        ]),
        SQLCopyTable("pending_email_changes", key: ["token_hash"], columns: [
            .text("token_hash"), .int64("user_key"), .text("new_email"), .int64("expires"),
        ]),
        SQLCopyTable("pending_transforms", key: ["token_hash"], columns: [
            .text("token_hash"), .int64("user_key"), .int64("admin_key"), .int64("expires"),
        ]),
        SQLCopyTable("ownership_requests", key: ["lower_id", "account_key"], columns: [
            .text("lower_id"), .int64("account_key"), .int64("requester_key"), .text("message"), .int64("created"),
        ]),
        SQLCopyTable("membership_requests", key: ["organization_key", "user_key"], columns: [
            .int64("organization_key"), .int64("user_key"), .text("role"), .int64("requester_key"), .int64("created"),
        ]),
        // desk (schema step 11)
        SQLCopyTable("support_requests", key: ["key"], identity: "key", compared: ["status", "comments_json"], columns: [
            .int64("key"), .text("kind"), .text("package_id"), .text("lower_id"), .text("version"), .text("reason"),
            .text("details"), .optionalInt64("reporter_key"), .text("reporter_email"), .bool("contacted_owner"), .text("status"),
            .optionalInt64("assignee_key"), .text("comments_json"), .optionalText("resolution"), .int64("created"), .int64("updated"),
        ]),
        SQLCopyTable("package_locks", key: ["lower_id"], columns: [.text("lower_id"), .int64("locked")]),
        SQLCopyTable("account_flags", key: ["user_key"], compared: ["locked"], columns: [
            .int64("user_key"), .bool("locked"),
        ]),
        SQLCopyTable("external_logins", key: ["issuer", "subject"], columns: [
            .text("issuer"), .text("subject"), .int64("user_key"), .text("provider_name"), .int64("created"),
        ]),
        SQLCopyTable("sign_in_flows", key: ["token_hash"], columns: [
            .text("token_hash"), .text("purpose"), .text("payload"), .int64("expires"),
        ]),
    ]

    /// The spec of one column.
    func column(_ name: String) -> SQLCopyColumn? {
        columns.first { $0.name == name }
    }
}
