-- The follow-up loop (issue 20): officials one by one, their sessions and
-- the audit log; materials handed in later (补交) and their review; the
-- decision on an application; the outbox of reminders. Portable SQL as
-- before (text ids, ISO dates, BIGINT integers, no booleans).

-- One account per official; `role` is a wire name of
-- banli_core::followup::roles::Role (intake | review | supervision).
CREATE TABLE officials (
    id TEXT PRIMARY KEY,
    login TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL,
    -- Argon2id in the PHC string format ($argon2id$v=19$...).
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- A logged-in official. Only the SHA-256 of the session token and of the
-- CSRF token are kept; sessions live here (not in a server's memory), so a
-- session is valid on every instance that shares the database.
CREATE TABLE sessions (
    token_sha256 TEXT PRIMARY KEY,
    official_id TEXT NOT NULL REFERENCES officials (id),
    csrf_sha256 TEXT NOT NULL,
    created_at TEXT NOT NULL,
    -- Seconds since the Unix epoch: compared as a number on both databases.
    expires_at BIGINT NOT NULL
);

CREATE INDEX sessions_by_official ON sessions (official_id);

-- Append-only: the server only ever inserts. `id` sorts in the order of
-- writing (nanoseconds since the epoch, then random digits). `official_id`
-- is NULL for the shared bearer token (the single-account mode), whose
-- entries say so in `official_login`.
CREATE TABLE audit_log (
    id TEXT PRIMARY KEY,
    official_id TEXT REFERENCES officials (id),
    official_login TEXT NOT NULL,
    action TEXT NOT NULL,
    receipt TEXT,
    commitment_id TEXT,
    detail TEXT NOT NULL,
    at TEXT NOT NULL
);

CREATE INDEX audit_log_by_receipt ON audit_log (receipt, id);

-- A deferred material handed in after acceptance (补交): the file
-- reference the upload hook gives (name, size, SHA-256), numbered per
-- material from 1; `state` is a wire name of SupplementState, `lateness`
-- of Lateness.
CREATE TABLE supplements (
    id TEXT PRIMARY KEY,
    receipt TEXT NOT NULL REFERENCES applications (receipt),
    material_id TEXT NOT NULL,
    commitment_id TEXT NOT NULL REFERENCES commitments (id),
    n BIGINT NOT NULL,
    file_name TEXT NOT NULL,
    file_size BIGINT NOT NULL,
    file_sha256 TEXT NOT NULL,
    media_type TEXT,
    handed_in_at TEXT NOT NULL,
    handed_in_on TEXT NOT NULL,
    lateness TEXT NOT NULL,
    state TEXT NOT NULL,
    reviewed_by TEXT,
    reviewed_at TEXT,
    return_reason TEXT,
    UNIQUE (receipt, material_id, n)
);

-- At most one upload per material waits for review, even when two
-- instances take two uploads at the same moment.
CREATE UNIQUE INDEX supplements_one_waiting ON supplements (receipt, material_id)
    WHERE state = 'submitted';

-- The decision (办理决定); one per application, final: the primary key is
-- what makes a second decision fail on any instance.
CREATE TABLE decisions (
    receipt TEXT PRIMARY KEY REFERENCES applications (receipt),
    decision TEXT NOT NULL,
    decided_on TEXT NOT NULL,
    reason TEXT,
    official_id TEXT REFERENCES officials (id),
    official_login TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);

-- Reminders and notices to deliver (至少一次): `key` is the core's
-- reminders key, so a reminder is queued once however many instances run
-- the daily rule. Delivered rows keep `delivered_at`.
CREATE TABLE outbox (
    key TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    receipt TEXT NOT NULL,
    payload TEXT NOT NULL,
    created_at TEXT NOT NULL,
    attempts BIGINT NOT NULL,
    -- Seconds since the Unix epoch.
    next_attempt_at BIGINT NOT NULL,
    delivered_at TEXT,
    last_error TEXT
);

CREATE INDEX outbox_undelivered ON outbox (delivered_at, next_attempt_at);
