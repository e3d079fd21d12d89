/// One numbered schema step. Steps are append-only: a released step is never edited, a change is a new step.
struct SQLMigration: Sendable {
    let version: Int64
    let name: String
    /// The statements of the step, with the dialect's type names filled in.
    let statements: @Sendable (SQLDialectFeatures) -> [String]
}

/// The schema of the metadata store, in order.
///
/// Ids are stored twice: `lower_id` (the key, lowercased by the caller with Swift's `lowercased()`,
/// so SQLite and PostgreSQL agree on non-ASCII) and `id` as pushed. Dates are microseconds since 1970.
enum SQLSchema {
    static let migrations: [SQLMigration] = [
        SQLMigration(version: 1, name: "initial schema") { d in
            [
                """
                CREATE TABLE packages (
                    lower_id TEXT PRIMARY KEY,
                    id TEXT NOT NULL,
                    created \(d.bigintType) NOT NULL
                )
                """,
                // PRIMARY KEY (lower_id, lower_version) decides races between pushes of the same version.
                // A hard-deleted version keeps its row (state 'deleted') so its number is never reused.
                """
                CREATE TABLE package_versions (
                    lower_id TEXT NOT NULL REFERENCES packages (lower_id),
                    lower_version TEXT NOT NULL,
                    id TEXT NOT NULL,
                    version TEXT NOT NULL,
                    normalized_version TEXT NOT NULL,
                    verbatim_version TEXT NOT NULL,
                    is_prerelease \(d.booleanType) NOT NULL,
                    is_semver2 \(d.booleanType) NOT NULL,
                    listed \(d.booleanType) NOT NULL,
                    state TEXT NOT NULL,
                    created \(d.bigintType) NOT NULL,
                    published \(d.bigintType) NOT NULL,
                    last_edited \(d.bigintType),
                    package_size \(d.bigintType) NOT NULL,
                    package_hash TEXT NOT NULL,
                    downloads \(d.bigintType) NOT NULL DEFAULT 0,
                    metadata_json TEXT NOT NULL,
                    deprecation_json TEXT,
                    catalog_leaf_path TEXT,
                    PRIMARY KEY (lower_id, lower_version)
                )
                """,
                "CREATE INDEX package_versions_state_created ON package_versions (state, created)",
                """
                CREATE TABLE catalog (
                    sequence \(d.bigintType) PRIMARY KEY,
                    kind TEXT NOT NULL,
                    commit_id TEXT NOT NULL,
                    commit_ts \(d.bigintType) NOT NULL,
                    id TEXT NOT NULL,
                    version TEXT NOT NULL,
                    leaf_path TEXT NOT NULL,
                    leaf_json \(d.bytesType) NOT NULL
                )
                """,
                // `generation` counts marks; the id is dirty while it is ahead of `rendered_generation`.
                // Rows are kept when clean so generations only grow and a stale renderer can never clear a newer mark.
                """
                CREATE TABLE dirty_packages (
                    lower_id TEXT PRIMARY KEY,
                    generation \(d.bigintType) NOT NULL,
                    rendered_generation \(d.bigintType) NOT NULL DEFAULT 0
                )
                """,
                "CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
                """
                CREATE TABLE users (
                    "key" \(d.autoincrementKey),
                    name TEXT NOT NULL,
                    lower_name TEXT NOT NULL UNIQUE,
                    email TEXT NOT NULL,
                    is_site_admin \(d.booleanType) NOT NULL,
                    created \(d.bigintType) NOT NULL
                )
                """,
                """
                CREATE TABLE api_keys (
                    "key" \(d.autoincrementKey),
                    user_key \(d.bigintType) NOT NULL REFERENCES users ("key"),
                    name TEXT NOT NULL,
                    secret_hash TEXT NOT NULL UNIQUE,
                    scopes TEXT NOT NULL,
                    globs TEXT NOT NULL,
                    package_ids TEXT NOT NULL,
                    created \(d.bigintType) NOT NULL,
                    expires \(d.bigintType),
                    revoked \(d.booleanType) NOT NULL
                )
                """,
                "CREATE INDEX api_keys_user_key ON api_keys (user_key)",
                // No foreign key to packages: owners may be recorded before the first version exists.
                """
                CREATE TABLE package_owners (
                    lower_id TEXT NOT NULL,
                    user_key \(d.bigintType) NOT NULL REFERENCES users ("key"),
                    PRIMARY KEY (lower_id, user_key)
                )
                """,
            ]
        },
        // Accounts become users or organizations; deleted accounts keep their row (the name stays reserved).
        // `package_owners.user_key` now holds any account key (user or organization).
        SQLMigration(version: 2, name: "organizations, key owners, prefix reservations, audit log") { d in
            [
                "ALTER TABLE users ADD COLUMN kind TEXT NOT NULL DEFAULT 'user'",
                "ALTER TABLE users ADD COLUMN deleted \(d.booleanType) NOT NULL DEFAULT FALSE",
                // NULL = the key acts for its user (every key created before this step).
                "ALTER TABLE api_keys ADD COLUMN owner_key \(d.bigintType) REFERENCES users (\"key\")",
                "ALTER TABLE api_keys ADD COLUMN expiry_reminder_sent \(d.booleanType) NOT NULL DEFAULT FALSE",
                "CREATE INDEX api_keys_owner_key ON api_keys (owner_key)",
                "CREATE INDEX package_owners_user_key ON package_owners (user_key)",
                """
                CREATE TABLE organization_members (
                    organization_key \(d.bigintType) NOT NULL REFERENCES users ("key"),
                    user_key \(d.bigintType) NOT NULL REFERENCES users ("key"),
                    role TEXT NOT NULL,
                    PRIMARY KEY (organization_key, user_key)
                )
                """,
                "CREATE INDEX organization_members_user_key ON organization_members (user_key)",
                """
                CREATE TABLE prefix_reservations (
                    lower_pattern TEXT PRIMARY KEY,
                    pattern TEXT NOT NULL,
                    is_open \(d.booleanType) NOT NULL,
                    created \(d.bigintType) NOT NULL
                )
                """,
                """
                CREATE TABLE prefix_reservation_owners (
                    lower_pattern TEXT NOT NULL REFERENCES prefix_reservations (lower_pattern),
                    account_key \(d.bigintType) NOT NULL REFERENCES users ("key"),
                    PRIMARY KEY (lower_pattern, account_key)
                )
                """,
                """
                CREATE TABLE audit_log (
                    sequence \(d.autoincrementKey),
                    time \(d.bigintType) NOT NULL,
                    actor TEXT NOT NULL,
                    action TEXT NOT NULL,
                    target TEXT NOT NULL,
                    details TEXT NOT NULL
                )
                """,
                "CREATE INDEX audit_log_time ON audit_log (time)",
            ]
        },
        // Several nodes share one database: `touched` (the database's clock, µs) tells every node which ids
        // changed recently (marked or rendered), `render_lease` lets one node at a time render an id left dirty.
        SQLMigration(version: 3, name: "render marks for several nodes") { d in
            [
                "ALTER TABLE dirty_packages ADD COLUMN touched \(d.bigintType) NOT NULL DEFAULT 0",
                "ALTER TABLE dirty_packages ADD COLUMN render_lease \(d.bigintType) NOT NULL DEFAULT 0",
                "CREATE INDEX dirty_packages_touched ON dirty_packages (touched)",
            ]
        },
        // A claim is a lease: the push holding it renews `claim_expires` while it stores blobs, and a push of the
        // same version after the lease lapsed takes the claim over (a new token) instead of answering 409.
        SQLMigration(version: 4, name: "claim leases") { d in
            [
                "ALTER TABLE package_versions ADD COLUMN claim_token TEXT",
                "ALTER TABLE package_versions ADD COLUMN claim_expires \(d.bigintType)",
            ]
        },
        // Downloads per version per day (UTC day number), added by the buffered flush: the package page's chart.
        SQLMigration(version: 5, name: "download history per version per day") { d in
            [
                """
                CREATE TABLE download_days (
                    lower_id TEXT NOT NULL,
                    lower_version TEXT NOT NULL,
                    day \(d.bigintType) NOT NULL,
                    downloads \(d.bigintType) NOT NULL,
                    PRIMARY KEY (lower_id, day, lower_version)
                )
                """,
            ]
        },
        // Known vulnerabilities for VulnerabilityInfo/6.7.0 and registration (issue 11).
        SQLMigration(version: 6, name: "advisories") { d in
            [
                """
                CREATE TABLE advisories (
                    advisory_id TEXT NOT NULL,
                    lower_id TEXT NOT NULL,
                    versions TEXT NOT NULL,
                    severity \(d.bigintType) NOT NULL,
                    url TEXT NOT NULL,
                    page TEXT NOT NULL,
                    PRIMARY KEY (advisory_id, lower_id, versions)
                )
                """,
                "CREATE INDEX advisories_lower_id ON advisories (lower_id)",
            ]
        },
        // Trusted publishing (issue 11): policies (the provider's fields as JSON, read whole) and the ids of CI
        // tokens already exchanged, kept until they expire (a replay must fail).
        SQLMigration(version: 7, name: "trusted publishing") { d in
            [
                """
                CREATE TABLE publishing_policies (
                    "key" \(d.autoincrementKey),
                    owner_key \(d.bigintType) NOT NULL REFERENCES users ("key"),
                    creator_key \(d.bigintType) NOT NULL REFERENCES users ("key"),
                    name TEXT NOT NULL,
                    policy_json TEXT NOT NULL,
                    pinned_owner_id TEXT,
                    pinned_repository_id TEXT,
                    created \(d.bigintType) NOT NULL
                )
                """,
                "CREATE INDEX publishing_policies_owner ON publishing_policies (owner_key)",
                "CREATE TABLE used_token_ids (jti TEXT PRIMARY KEY, expires \(d.bigintType) NOT NULL)",
            ]
        },
        // Web sign-in (issue 15): a password hash and the email-confirmed mark per account; sessions by the hash
        // of their id (never the id itself), so any node serves any request.
        SQLMigration(version: 8, name: "web accounts and sessions") { d in
            [
                """
                CREATE TABLE user_credentials (
                    user_key \(d.bigintType) PRIMARY KEY REFERENCES users ("key"),
                    password_hash TEXT,
                    email_confirmed \(d.booleanType) NOT NULL
                )
                """,
                """
                CREATE TABLE web_sessions (
                    id_hash TEXT PRIMARY KEY,
                    user_key \(d.bigintType) NOT NULL REFERENCES users ("key"),
                    csrf_token TEXT NOT NULL,
                    created \(d.bigintType) NOT NULL,
                    expires \(d.bigintType) NOT NULL
                )
                """,
                "CREATE INDEX web_sessions_user_key ON web_sessions (user_key)",
                """
                CREATE TABLE account_tokens (
                    token_hash TEXT PRIMARY KEY,
                    user_key \(d.bigintType) NOT NULL REFERENCES users ("key"),
                    purpose TEXT NOT NULL,
                    expires \(d.bigintType) NOT NULL
                )
                """,
                "CREATE INDEX account_tokens_user_key ON account_tokens (user_key)",
            ]
        },
        // Accounts, second part (issue 15): sign-in failures shared by every node (throttling), notification
        // preferences, new email addresses and transform requests waiting for their mailed link (only the link token's hash),
        // OpenID Connect logins and sign-in flows.
        SQLMigration(version: 9, name: "account security and settings") { d in
            [
                """
                CREATE TABLE sign_in_failures (
                    "key" \(d.autoincrementKey),
                    throttle_key TEXT NOT NULL,
                    failed_at \(d.bigintType) NOT NULL
                )
                """,
                "CREATE INDEX sign_in_failures_key ON sign_in_failures (throttle_key, failed_at)",
                // Every failure deletes the rows older than the window: without this index that is a full scan
                // (32 ms at 200k rows in SQLite, against 0.004 ms with it).
                "CREATE INDEX sign_in_failures_time ON sign_in_failures (failed_at)",
                """
                CREATE TABLE account_preferences (
                    user_key \(d.bigintType) PRIMARY KEY REFERENCES users ("key"),
                    allow_contact \(d.booleanType) NOT NULL,
                    notify_on_publish \(d.booleanType) NOT NULL
                )
                """,
                """
                CREATE TABLE pending_email_changes (
                    token_hash TEXT PRIMARY KEY,
                    user_key \(d.bigintType) NOT NULL REFERENCES users ("key"),
                    new_email TEXT NOT NULL,
                    expires \(d.bigintType) NOT NULL
                )
                """,
                "CREATE INDEX pending_email_changes_user_key ON pending_email_changes (user_key)",
                // "Transform into an organization" waits for the named admin to accept by a mailed link.
                """
                CREATE TABLE pending_transforms (
                    token_hash TEXT PRIMARY KEY,
                    user_key \(d.bigintType) NOT NULL REFERENCES users ("key"),
                    admin_key \(d.bigintType) NOT NULL REFERENCES users ("key"),
                    expires \(d.bigintType) NOT NULL
                )
                """,
                "CREATE INDEX pending_transforms_user_key ON pending_transforms (user_key)",
                // OpenID Connect sign-in: one row per linked (issuer, subject), and the flows in progress (the
                // authorization request's state, nonce and PKCE verifier; an identity waiting for its username).
                """
                CREATE TABLE external_logins (
                    issuer TEXT NOT NULL,
                    subject TEXT NOT NULL,
                    user_key \(d.bigintType) NOT NULL REFERENCES users ("key"),
                    provider_name TEXT NOT NULL,
                    created \(d.bigintType) NOT NULL,
                    PRIMARY KEY (issuer, subject)
                )
                """,
                "CREATE INDEX external_logins_user_key ON external_logins (user_key)",
                """
                CREATE TABLE sign_in_flows (
                    token_hash TEXT PRIMARY KEY,
                    purpose TEXT NOT NULL,
                    payload TEXT NOT NULL,
                    expires \(d.bigintType) NOT NULL
                )
                """,
                "CREATE INDEX sign_in_flows_expires ON sign_in_flows (expires)",
            ]
        },
        // Self-service management (issue 15, manage): pending owner invitations and organization invitations,
        // answered by the invited account; accepting grants the ownership or membership in the same transaction.
        SQLMigration(version: 10, name: "ownership and membership requests") { d in
            [
                """
                CREATE TABLE ownership_requests (
                    lower_id TEXT NOT NULL,
                    account_key \(d.bigintType) NOT NULL REFERENCES users ("key"),
                    requester_key \(d.bigintType) NOT NULL REFERENCES users ("key"),
                    message TEXT NOT NULL,
                    created \(d.bigintType) NOT NULL,
                    PRIMARY KEY (lower_id, account_key)
                )
                """,
                "CREATE INDEX ownership_requests_account ON ownership_requests (account_key)",
                "CREATE INDEX ownership_requests_requester ON ownership_requests (requester_key)",
                """
                CREATE TABLE membership_requests (
                    organization_key \(d.bigintType) NOT NULL REFERENCES users ("key"),
                    user_key \(d.bigintType) NOT NULL REFERENCES users ("key"),
                    role TEXT NOT NULL,
                    requester_key \(d.bigintType) NOT NULL REFERENCES users ("key"),
                    created \(d.bigintType) NOT NULL,
                    PRIMARY KEY (organization_key, user_key)
                )
                """,
                "CREATE INDEX membership_requests_user ON membership_requests (user_key)",
            ]
        },
        // The operators' desk (issue 16): support requests (comments as JSON, read whole), package locks, and
        // per-account flags (locked by an operator).
        SQLMigration(version: 11, name: "support desk") { d in
            [
                """
                CREATE TABLE support_requests (
                    "key" \(d.autoincrementKey),
                    kind TEXT NOT NULL,
                    package_id TEXT NOT NULL,
                    lower_id TEXT NOT NULL,
                    version TEXT NOT NULL,
                    reason TEXT NOT NULL,
                    details TEXT NOT NULL,
                    reporter_key \(d.bigintType) REFERENCES users ("key"),
                    reporter_email TEXT NOT NULL,
                    contacted_owner \(d.booleanType) NOT NULL,
                    status TEXT NOT NULL,
                    assignee_key \(d.bigintType) REFERENCES users ("key"),
                    comments_json TEXT NOT NULL,
                    resolution TEXT,
                    created \(d.bigintType) NOT NULL,
                    updated \(d.bigintType) NOT NULL
                )
                """,
                "CREATE INDEX support_requests_status ON support_requests (status, created)",
                "CREATE TABLE package_locks (lower_id TEXT PRIMARY KEY, locked \(d.bigintType) NOT NULL)",
                """
                CREATE TABLE account_flags (
                    user_key \(d.bigintType) PRIMARY KEY REFERENCES users ("key"),
                    locked \(d.booleanType) NOT NULL
                )
                """,
            ]
        },
        // Start-up without decoding a million metadata documents (issue 13): the texts the V2 view filters and
        // searches on (`authors`, `description`, `summary`, `tags`, `title`: StoredVersionTexts) as JSON of their
        // own, written with every row and copied here out of the rows already stored. NULL (a row an older Pallet
        // wrote while this one ran beside it) makes start-up decode that row's metadata_json instead.
        SQLMigration(version: 12, name: "version texts apart from the metadata") { d in
            [
                "ALTER TABLE package_versions ADD COLUMN feed_texts TEXT",
                d.versionTextsBackfill,
            ]
        },
        // The paths of each id's rendered documents (JSON array), read with its generation in one statement:
        // a push's render no longer GETs and PUTs a manifest blob (issue 13). NULL until the id's next render.
        SQLMigration(version: 13, name: "rendered document manifests") { _ in
            ["ALTER TABLE dirty_packages ADD COLUMN manifest_json TEXT"]
        },
        // The lower ids that have available versions, in order (issue 13): each start-up page first finds the last
        // of its next 2,000 such ids. Through the primary key that visits every row of the range in the table to
        // check its state (12-25 ms a page at 1M versions on PostgreSQL); this partial index answers it from the
        // index alone (1.5 ms). Its entries follow a row into and out of 'available' (publish, hard delete).
        SQLMigration(version: 14, name: "ids with available versions") { _ in
            ["CREATE INDEX package_versions_available_ids ON package_versions (lower_id) WHERE state = 'available'"]
        },
    ]
}
