//! The database: connecting (SQLite file or PostgreSQL by URL), the embedded
//! migrations and every query the server makes. One set of portable SQL for
//! both back ends through sqlx's `Any` driver: `$N` placeholders (SQLite
//! accepts them too), text ids and ISO dates, `BIGINT` integers, and
//! `INSERT ... ON CONFLICT DO NOTHING` for idempotency, which both support.
//!
//! SQLite runs in WAL mode with `synchronous=FULL`, so an application is on
//! disk before it is acknowledged; a transaction starts with its write so
//! that writers queue on the busy timeout instead of failing.

use std::path::Path;
use std::time::Duration;

use anyhow::Context;
use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::{AnyPool, Executor, Row};

/// The migrations in `crates/server/migrations`, embedded in the binary.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// Connects, creating the SQLite file (and its folder) on first start, and
/// applies the migrations.
pub async fn connect(url: &str) -> anyhow::Result<AnyPool> {
    install_default_drivers();
    let sqlite = url.starts_with("sqlite:");
    if sqlite {
        let path = url
            .trim_start_matches("sqlite://")
            .trim_start_matches("sqlite:");
        let path = path.split('?').next().unwrap_or_default();
        if let Some(parent) = Path::new(path).parent()
            && !parent.as_os_str().is_empty()
        {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create the folder {}", parent.display()))?;
        }
    }
    let pool = AnyPoolOptions::new()
        .max_connections(if sqlite { 4 } else { 16 })
        .acquire_timeout(Duration::from_secs(30))
        .after_connect(|conn, _meta| {
            Box::pin(async move {
                if conn.backend_name().eq_ignore_ascii_case("sqlite") {
                    conn.execute(
                        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
                         PRAGMA busy_timeout = 30000; PRAGMA foreign_keys = ON;",
                    )
                    .await?;
                }
                Ok(())
            })
        })
        .connect(url)
        .await
        .with_context(|| format!("cannot open the database {}", redact(url)))?;
    MIGRATOR
        .run(&pool)
        .await
        .context("cannot apply the database migrations")?;
    Ok(pool)
}

/// The URL without its password, for messages.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let credentials = &url[scheme + 3..at];
            match credentials.find(':') {
                Some(colon) => format!(
                    "{}{}:***{}",
                    &url[..scheme + 3],
                    &credentials[..colon],
                    &url[at..]
                ),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// One material row of an application.
pub struct MaterialRow {
    pub material_id: String,
    pub name: String,
    pub required: bool,
    pub disposition: String,
}

/// One commitment row.
pub struct CommitmentRow {
    pub id: String,
    pub kind: String,
    pub due_on: Option<String>,
    /// Working days from acceptance while `due_on` is pending.
    pub due_pending_days: Option<i64>,
    pub materials: String,
    pub signer: Option<String>,
    pub title: String,
    pub document: String,
}

/// Everything stored for an accepted application, in one transaction.
pub struct NewApplication {
    pub receipt: String,
    pub idempotency_key: Option<String>,
    pub request_sha256: String,
    pub token_sha256: String,
    pub item_code: String,
    pub item_version: String,
    pub item_name: String,
    pub status: String,
    pub accepted_on: String,
    pub submitted_at: String,
    pub promised_due: Option<String>,
    pub statutory_due: Option<String>,
    pub deferred_due: Option<String>,
    /// The report's `deadlines.pending` as JSON, when not empty.
    pub pending_deadlines: Option<String>,
    pub data_sha256: String,
    pub envelope: String,
    pub report: String,
    pub response: String,
    pub materials: Vec<MaterialRow>,
    pub commitments: Vec<CommitmentRow>,
    /// The bundle this application is a member of, if any.
    pub bundle: Option<BundleLink>,
}

/// A member application's link to its bundle application.
pub struct BundleLink {
    pub receipt: String,
    /// The member's key in the bundle file.
    pub member: String,
    /// The member's place in the bundle's member order (from 0).
    pub position: i64,
}

/// A bundle application (一件事): stored with its member applications.
pub struct NewBundle {
    pub receipt: String,
    pub idempotency_key: Option<String>,
    pub request_sha256: String,
    pub token_sha256: String,
    pub bundle_code: String,
    pub bundle_version: String,
    pub bundle_name: String,
    pub status: String,
    pub accepted_on: String,
    pub submitted_at: String,
    pub report: String,
    pub response: String,
}

/// What storing an application did.
pub enum Stored {
    Created,
    /// The idempotency key was used before: the first response and the
    /// hash of the first request.
    Replay {
        response: String,
        request_sha256: String,
    },
}

/// Stores an application with its materials and commitments atomically, or
/// finds the application stored earlier under the same idempotency key.
pub async fn insert_application(pool: &AnyPool, app: &NewApplication) -> sqlx::Result<Stored> {
    let mut tx = pool.begin().await?;
    if !insert_application_rows(&mut tx, app).await? {
        tx.rollback().await?;
        return replay(pool, Keyed::Application, app.idempotency_key.as_deref()).await;
    }
    tx.commit().await?;
    Ok(Stored::Created)
}

/// Stores a bundle application and every member application (each with
/// its materials and commitments) in one transaction, or finds the bundle
/// stored earlier under the same idempotency key: a bundle is never stored
/// in part.
pub async fn insert_bundle(
    pool: &AnyPool,
    bundle: &NewBundle,
    members: &[NewApplication],
) -> sqlx::Result<Stored> {
    let mut tx = pool.begin().await?;
    // The bundle row first: it is the transaction's first write (writers
    // queue on SQLite's busy timeout) and the key's conflict check.
    let inserted = sqlx::query(
        "INSERT INTO bundle_applications (receipt, idempotency_key, request_sha256, token_sha256, \
         bundle_code, bundle_version, bundle_name, status, accepted_on, submitted_at, report, response) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) \
         ON CONFLICT (idempotency_key) DO NOTHING",
    )
    .bind(&bundle.receipt)
    .bind(&bundle.idempotency_key)
    .bind(&bundle.request_sha256)
    .bind(&bundle.token_sha256)
    .bind(&bundle.bundle_code)
    .bind(&bundle.bundle_version)
    .bind(&bundle.bundle_name)
    .bind(&bundle.status)
    .bind(&bundle.accepted_on)
    .bind(&bundle.submitted_at)
    .bind(&bundle.report)
    .bind(&bundle.response)
    .execute(&mut *tx)
    .await?;
    if inserted.rows_affected() == 0 {
        tx.rollback().await?;
        return replay(pool, Keyed::Bundle, bundle.idempotency_key.as_deref()).await;
    }
    for member in members {
        insert_application_rows(&mut tx, member).await?;
    }
    tx.commit().await?;
    Ok(Stored::Created)
}

/// Which table an idempotency key was used in.
#[derive(Clone, Copy)]
enum Keyed {
    Application,
    Bundle,
}

/// The first answer stored under `key`.
async fn replay(pool: &AnyPool, table: Keyed, key: Option<&str>) -> sqlx::Result<Stored> {
    let query = match table {
        Keyed::Application => sqlx::query(
            "SELECT response, request_sha256 FROM applications WHERE idempotency_key = $1",
        ),
        Keyed::Bundle => sqlx::query(
            "SELECT response, request_sha256 FROM bundle_applications WHERE idempotency_key = $1",
        ),
    };
    let row = query.bind(key).fetch_one(pool).await?;
    Ok(Stored::Replay {
        response: row.try_get("response")?,
        request_sha256: row.try_get("request_sha256")?,
    })
}

/// One application's rows inside `tx`; false (nothing written) when its
/// idempotency key was used before.
async fn insert_application_rows(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    app: &NewApplication,
) -> sqlx::Result<bool> {
    let link = app.bundle.as_ref();
    let inserted = sqlx::query(
        "INSERT INTO applications (receipt, idempotency_key, request_sha256, token_sha256, \
         item_code, item_version, item_name, status, accepted_on, submitted_at, promised_due, \
         statutory_due, deferred_due, data_sha256, envelope, report, response, pending_deadlines, \
         bundle_receipt, bundle_member, bundle_position) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, \
         $19, $20, $21) \
         ON CONFLICT (idempotency_key) DO NOTHING",
    )
    .bind(&app.receipt)
    .bind(&app.idempotency_key)
    .bind(&app.request_sha256)
    .bind(&app.token_sha256)
    .bind(&app.item_code)
    .bind(&app.item_version)
    .bind(&app.item_name)
    .bind(&app.status)
    .bind(&app.accepted_on)
    .bind(&app.submitted_at)
    .bind(&app.promised_due)
    .bind(&app.statutory_due)
    .bind(&app.deferred_due)
    .bind(&app.data_sha256)
    .bind(&app.envelope)
    .bind(&app.report)
    .bind(&app.response)
    .bind(&app.pending_deadlines)
    .bind(link.map(|l| l.receipt.as_str()))
    .bind(link.map(|l| l.member.as_str()))
    .bind(link.map(|l| l.position))
    .execute(&mut **tx)
    .await?;
    if inserted.rows_affected() == 0 {
        return Ok(false);
    }
    for (position, m) in app.materials.iter().enumerate() {
        sqlx::query(
            "INSERT INTO application_materials (receipt, position, material_id, name, required, disposition) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&app.receipt)
        .bind(position as i64)
        .bind(&m.material_id)
        .bind(&m.name)
        .bind(i64::from(m.required))
        .bind(&m.disposition)
        .execute(&mut **tx)
        .await?;
    }
    for (position, c) in app.commitments.iter().enumerate() {
        sqlx::query(
            "INSERT INTO commitments (id, receipt, position, kind, due_on, materials, signer, title, \
             document, resolution, created_at, due_pending_days) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'open', $10, $11)",
        )
        .bind(&c.id)
        .bind(&app.receipt)
        .bind(position as i64)
        .bind(&c.kind)
        .bind(&c.due_on)
        .bind(&c.materials)
        .bind(&c.signer)
        .bind(&c.title)
        .bind(&c.document)
        .bind(&app.submitted_at)
        .bind(c.due_pending_days)
        .execute(&mut **tx)
        .await?;
    }
    Ok(true)
}

/// A stored application as the applicant sees it.
pub struct ApplicationRecord {
    pub receipt: String,
    pub token_sha256: String,
    pub item_code: String,
    pub item_version: String,
    pub item_name: String,
    pub status: String,
    pub accepted_on: String,
    pub submitted_at: String,
    pub promised_due: Option<String>,
    pub statutory_due: Option<String>,
    pub deferred_due: Option<String>,
    pub pending_deadlines: Option<String>,
    pub report: String,
    /// The bundle application this one is a member of, and its key there.
    pub bundle_receipt: Option<String>,
    pub bundle_member: Option<String>,
}

/// The columns [`application_record`] reads.
macro_rules! application_select {
    ($tail:literal) => {
        concat!(
            "SELECT receipt, token_sha256, item_code, item_version, item_name, status, accepted_on, ",
            "submitted_at, promised_due, statutory_due, deferred_due, pending_deadlines, report, ",
            "bundle_receipt, bundle_member FROM applications",
            $tail
        )
    };
}

pub async fn application(pool: &AnyPool, receipt: &str) -> sqlx::Result<Option<ApplicationRecord>> {
    sqlx::query(application_select!(" WHERE receipt = $1"))
        .bind(receipt)
        .fetch_optional(pool)
        .await?
        .as_ref()
        .map(application_record)
        .transpose()
}

/// The member applications of a bundle application, in the bundle's member order.
pub async fn bundle_members(
    pool: &AnyPool,
    bundle_receipt: &str,
) -> sqlx::Result<Vec<ApplicationRecord>> {
    sqlx::query(application_select!(
        " WHERE bundle_receipt = $1 ORDER BY bundle_position"
    ))
    .bind(bundle_receipt)
    .fetch_all(pool)
    .await?
    .iter()
    .map(application_record)
    .collect()
}

fn application_record(row: &sqlx::any::AnyRow) -> sqlx::Result<ApplicationRecord> {
    Ok(ApplicationRecord {
        receipt: row.try_get("receipt")?,
        token_sha256: row.try_get("token_sha256")?,
        item_code: row.try_get("item_code")?,
        item_version: row.try_get("item_version")?,
        item_name: row.try_get("item_name")?,
        status: row.try_get("status")?,
        accepted_on: row.try_get("accepted_on")?,
        submitted_at: row.try_get("submitted_at")?,
        promised_due: row.try_get("promised_due")?,
        statutory_due: row.try_get("statutory_due")?,
        deferred_due: row.try_get("deferred_due")?,
        pending_deadlines: row.try_get("pending_deadlines")?,
        report: row.try_get("report")?,
        bundle_receipt: row.try_get("bundle_receipt")?,
        bundle_member: row.try_get("bundle_member")?,
    })
}

/// A stored bundle application as the applicant sees it.
pub struct BundleRecord {
    pub receipt: String,
    pub token_sha256: String,
    pub bundle_code: String,
    pub bundle_version: String,
    pub bundle_name: String,
    pub status: String,
    pub accepted_on: String,
    pub submitted_at: String,
}

pub async fn bundle_application(
    pool: &AnyPool,
    receipt: &str,
) -> sqlx::Result<Option<BundleRecord>> {
    let Some(row) = sqlx::query(
        "SELECT receipt, token_sha256, bundle_code, bundle_version, bundle_name, status, \
         accepted_on, submitted_at FROM bundle_applications WHERE receipt = $1",
    )
    .bind(receipt)
    .fetch_optional(pool)
    .await?
    else {
        return Ok(None);
    };
    Ok(Some(BundleRecord {
        receipt: row.try_get("receipt")?,
        token_sha256: row.try_get("token_sha256")?,
        bundle_code: row.try_get("bundle_code")?,
        bundle_version: row.try_get("bundle_version")?,
        bundle_name: row.try_get("bundle_name")?,
        status: row.try_get("status")?,
        accepted_on: row.try_get("accepted_on")?,
        submitted_at: row.try_get("submitted_at")?,
    }))
}

/// A commitment with what the ledger shows about its application.
pub struct LedgerRow {
    pub id: String,
    pub receipt: String,
    pub kind: String,
    pub due_on: Option<String>,
    pub due_pending_days: Option<i64>,
    pub materials: String,
    pub signer: Option<String>,
    pub title: String,
    pub resolution: String,
    pub resolved_at: Option<String>,
    pub fulfilled_sha256: Option<String>,
    pub termination_reason: Option<String>,
    pub item_code: String,
    pub item_name: String,
    pub accepted_on: String,
    /// The bundle (一件事) the application is a member of, if any.
    pub bundle_receipt: Option<String>,
    pub bundle_code: Option<String>,
    pub bundle_name: Option<String>,
    pub bundle_member: Option<String>,
}

/// Which commitments to list.
pub enum LedgerFilter<'a> {
    All,
    Resolution(&'a str),
    Receipt(&'a str),
}

/// The ledger's query with a tail (the queries are fixed text; values are
/// always bound).
macro_rules! ledger_select {
    ($tail:literal) => {
        concat!(
            "SELECT c.id, c.receipt, c.kind, c.due_on, c.due_pending_days, c.materials, c.signer, c.title, ",
            "c.resolution, c.resolved_at, c.fulfilled_sha256, c.termination_reason, ",
            "a.item_code, a.item_name, a.accepted_on, a.bundle_receipt, a.bundle_member, ",
            "b.bundle_code, b.bundle_name ",
            "FROM commitments c JOIN applications a ON a.receipt = c.receipt ",
            "LEFT JOIN bundle_applications b ON b.receipt = a.bundle_receipt",
            $tail
        )
    };
}

pub async fn ledger(pool: &AnyPool, filter: LedgerFilter<'_>) -> sqlx::Result<Vec<LedgerRow>> {
    let query = match filter {
        LedgerFilter::All => sqlx::query(ledger_select!("")),
        LedgerFilter::Resolution(r) => {
            sqlx::query(ledger_select!(" WHERE c.resolution = $1")).bind(r)
        }
        LedgerFilter::Receipt(r) => {
            sqlx::query(ledger_select!(" WHERE c.receipt = $1 ORDER BY c.position")).bind(r)
        }
    };
    let rows = query.fetch_all(pool).await?;
    rows.iter()
        .map(|row| {
            Ok(LedgerRow {
                id: row.try_get("id")?,
                receipt: row.try_get("receipt")?,
                kind: row.try_get("kind")?,
                due_on: row.try_get("due_on")?,
                due_pending_days: row.try_get("due_pending_days")?,
                materials: row.try_get("materials")?,
                signer: row.try_get("signer")?,
                title: row.try_get("title")?,
                resolution: row.try_get("resolution")?,
                resolved_at: row.try_get("resolved_at")?,
                fulfilled_sha256: row.try_get("fulfilled_sha256")?,
                termination_reason: row.try_get("termination_reason")?,
                item_code: row.try_get("item_code")?,
                item_name: row.try_get("item_name")?,
                accepted_on: row.try_get("accepted_on")?,
                bundle_receipt: row.try_get("bundle_receipt")?,
                bundle_code: row.try_get("bundle_code")?,
                bundle_name: row.try_get("bundle_name")?,
                bundle_member: row.try_get("bundle_member")?,
            })
        })
        .collect()
}

/// A commitment's current resolution and its application's receipt, if
/// it exists.
pub async fn resolution(pool: &AnyPool, id: &str) -> sqlx::Result<Option<(String, String)>> {
    sqlx::query("SELECT resolution, receipt FROM commitments WHERE id = $1")
        .bind(id)
        .fetch_optional(pool)
        .await?
        .map(|row| Ok((row.try_get("resolution")?, row.try_get("receipt")?)))
        .transpose()
}

/// What an official records when closing a commitment.
pub struct Resolve<'a> {
    pub id: &'a str,
    pub resolution: &'a str,
    pub at: &'a str,
    pub fulfilled_sha256: Option<&'a str>,
    pub termination_reason: Option<&'a str>,
}

/// Closes an open commitment and appends `audit`, in one transaction;
/// false (nothing written) when it was closed meanwhile.
pub async fn resolve(
    pool: &AnyPool,
    change: &Resolve<'_>,
    audit: &AuditEntry,
) -> sqlx::Result<bool> {
    let mut tx = pool.begin().await?;
    if !resolve_in(&mut tx, change).await? {
        tx.rollback().await?;
        return Ok(false);
    }
    insert_audit(&mut tx, audit).await?;
    tx.commit().await?;
    Ok(true)
}

/// Closes an open commitment inside `tx`; false when it is not open.
pub async fn resolve_in(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    change: &Resolve<'_>,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE commitments SET resolution = $1, resolved_at = $2, fulfilled_sha256 = $3, \
         termination_reason = $4 WHERE id = $5 AND resolution = 'open'",
    )
    .bind(change.resolution)
    .bind(change.at)
    .bind(change.fulfilled_sha256)
    .bind(change.termination_reason)
    .bind(change.id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The number of applications stored (tests and the benchmark).
pub async fn count_applications(pool: &AnyPool) -> sqlx::Result<i64> {
    sqlx::query("SELECT COUNT(*) AS n FROM applications")
        .fetch_one(pool)
        .await?
        .try_get("n")
}

/// The number of bundle applications stored (tests).
pub async fn count_bundle_applications(pool: &AnyPool) -> sqlx::Result<i64> {
    sqlx::query("SELECT COUNT(*) AS n FROM bundle_applications")
        .fetch_one(pool)
        .await?
        .try_get("n")
}

/// An application with deadlines still pending.
pub struct PendingApplication {
    pub receipt: String,
    pub accepted_on: String,
    /// JSON array of the report's `deadlines.pending` entries.
    pub pending_deadlines: String,
}

pub async fn applications_with_pending_deadlines(
    pool: &AnyPool,
) -> sqlx::Result<Vec<PendingApplication>> {
    let rows = sqlx::query(
        "SELECT receipt, accepted_on, pending_deadlines FROM applications \
         WHERE pending_deadlines IS NOT NULL ORDER BY receipt",
    )
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(PendingApplication {
                receipt: row.try_get("receipt")?,
                accepted_on: row.try_get("accepted_on")?,
                pending_deadlines: row.try_get("pending_deadlines")?,
            })
        })
        .collect()
}

/// Dates found for an application's pending deadlines.
pub struct ResolvedDeadlines<'a> {
    pub receipt: &'a str,
    pub promised_due: Option<String>,
    pub statutory_due: Option<String>,
    pub deferred_due: Option<String>,
    /// What is still pending (JSON array), or `None` when nothing is.
    pub still_pending: Option<String>,
    /// The due date of the application's pending deferral commitments.
    pub commitment_due: Option<String>,
}

/// Fills in the dates found, in one transaction; a column already set is
/// never overwritten, so running this twice (two instances, two reloads)
/// changes nothing the second time.
pub async fn resolve_deadlines(pool: &AnyPool, r: &ResolvedDeadlines<'_>) -> sqlx::Result<()> {
    let mut tx = pool.begin().await?;
    sqlx::query(
        "UPDATE applications SET promised_due = COALESCE(promised_due, $1), \
         statutory_due = COALESCE(statutory_due, $2), deferred_due = COALESCE(deferred_due, $3), \
         pending_deadlines = $4 WHERE receipt = $5",
    )
    .bind(&r.promised_due)
    .bind(&r.statutory_due)
    .bind(&r.deferred_due)
    .bind(&r.still_pending)
    .bind(r.receipt)
    .execute(&mut *tx)
    .await?;
    if let Some(due) = &r.commitment_due {
        sqlx::query(
            "UPDATE commitments SET due_on = $1, due_pending_days = NULL \
             WHERE receipt = $2 AND due_pending_days IS NOT NULL",
        )
        .bind(due)
        .bind(r.receipt)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await
}

// ---- Officials, sessions and the audit log (issue 20) ---------------------

/// An official's account.
pub struct OfficialRow {
    pub id: String,
    pub login: String,
    pub display_name: String,
    /// The wire name of a `followup::roles::Role`.
    pub role: String,
    /// Argon2id, PHC string format.
    pub password_hash: String,
}

/// Adds an account; false when the login is taken.
pub async fn insert_official(
    pool: &AnyPool,
    official: &OfficialRow,
    created_at: &str,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "INSERT INTO officials (id, login, display_name, role, password_hash, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (login) DO NOTHING",
    )
    .bind(&official.id)
    .bind(&official.login)
    .bind(&official.display_name)
    .bind(&official.role)
    .bind(&official.password_hash)
    .bind(created_at)
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

fn official_row(row: &sqlx::any::AnyRow) -> sqlx::Result<OfficialRow> {
    Ok(OfficialRow {
        id: row.try_get("id")?,
        login: row.try_get("login")?,
        display_name: row.try_get("display_name")?,
        role: row.try_get("role")?,
        password_hash: row.try_get("password_hash")?,
    })
}

pub async fn official_by_login(pool: &AnyPool, login: &str) -> sqlx::Result<Option<OfficialRow>> {
    sqlx::query(
        "SELECT id, login, display_name, role, password_hash FROM officials WHERE login = $1",
    )
    .bind(login)
    .fetch_optional(pool)
    .await?
    .as_ref()
    .map(official_row)
    .transpose()
}

/// A new session (hashes only).
pub struct NewSession<'a> {
    pub token_sha256: &'a str,
    pub official_id: &'a str,
    pub csrf_sha256: &'a str,
    pub created_at: &'a str,
    /// Seconds since the Unix epoch.
    pub expires_at: i64,
}

pub async fn insert_session(pool: &AnyPool, session: &NewSession<'_>) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO sessions (token_sha256, official_id, csrf_sha256, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(session.token_sha256)
    .bind(session.official_id)
    .bind(session.csrf_sha256)
    .bind(session.created_at)
    .bind(session.expires_at)
    .execute(pool)
    .await?;
    Ok(())
}

/// A live session: its official and the SHA-256 of its CSRF token.
pub struct SessionRow {
    pub official: OfficialRow,
    pub csrf_sha256: String,
}

/// The session with this token hash that has not expired at `now` (seconds
/// since the epoch).
pub async fn session(
    pool: &AnyPool,
    token_sha256: &str,
    now: i64,
) -> sqlx::Result<Option<SessionRow>> {
    let Some(row) = sqlx::query(
        "SELECT o.id, o.login, o.display_name, o.role, o.password_hash, s.csrf_sha256 \
         FROM sessions s JOIN officials o ON o.id = s.official_id \
         WHERE s.token_sha256 = $1 AND s.expires_at > $2",
    )
    .bind(token_sha256)
    .bind(now)
    .fetch_optional(pool)
    .await?
    else {
        return Ok(None);
    };
    Ok(Some(SessionRow {
        official: official_row(&row)?,
        csrf_sha256: row.try_get("csrf_sha256")?,
    }))
}

/// Ends a session (logout), and every expired one with it.
pub async fn delete_session(pool: &AnyPool, token_sha256: &str, now: i64) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM sessions WHERE token_sha256 = $1 OR expires_at <= $2")
        .bind(token_sha256)
        .bind(now)
        .execute(pool)
        .await?;
    Ok(())
}

/// One entry of the audit log.
pub struct AuditEntry {
    /// Sorts in the order of writing.
    pub id: String,
    /// `None` for the shared bearer token.
    pub official_id: Option<String>,
    pub official_login: String,
    /// The wire name of a `followup::roles::Action`.
    pub action: String,
    pub receipt: Option<String>,
    pub commitment_id: Option<String>,
    /// A JSON object.
    pub detail: String,
    pub at: String,
}

/// Appends `entry` inside `tx`, so that an action and its record are
/// written together or not at all.
pub async fn insert_audit(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    entry: &AuditEntry,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO audit_log (id, official_id, official_login, action, receipt, commitment_id, \
         detail, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&entry.id)
    .bind(&entry.official_id)
    .bind(&entry.official_login)
    .bind(&entry.action)
    .bind(&entry.receipt)
    .bind(&entry.commitment_id)
    .bind(&entry.detail)
    .bind(&entry.at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Appends one entry on its own (an export, which changes nothing else).
pub async fn append_audit(pool: &AnyPool, entry: &AuditEntry) -> sqlx::Result<()> {
    let mut tx = pool.begin().await?;
    insert_audit(&mut tx, entry).await?;
    tx.commit().await
}

/// The audit trail of one application, oldest first.
pub async fn audit_of(pool: &AnyPool, receipt: &str) -> sqlx::Result<Vec<AuditEntry>> {
    sqlx::query(
        "SELECT id, official_id, official_login, action, receipt, commitment_id, detail, at \
         FROM audit_log WHERE receipt = $1 ORDER BY id",
    )
    .bind(receipt)
    .fetch_all(pool)
    .await?
    .iter()
    .map(|row| {
        Ok(AuditEntry {
            id: row.try_get("id")?,
            official_id: row.try_get("official_id")?,
            official_login: row.try_get("official_login")?,
            action: row.try_get("action")?,
            receipt: row.try_get("receipt")?,
            commitment_id: row.try_get("commitment_id")?,
            detail: row.try_get("detail")?,
            at: row.try_get("at")?,
        })
    })
    .collect()
}

// ---- 补交: materials handed in after acceptance, and their review ---------

/// One handed-in material (a row of `supplements`).
pub struct SupplementRow {
    pub id: String,
    pub receipt: String,
    pub material_id: String,
    pub commitment_id: String,
    /// From 1, per material.
    pub n: i64,
    pub file_name: String,
    pub file_size: i64,
    pub file_sha256: String,
    pub media_type: Option<String>,
    /// RFC 3339, +08:00.
    pub handed_in_at: String,
    /// `YYYY-MM-DD`, China's date.
    pub handed_in_on: String,
    /// The wire name of a `supplement::Lateness`.
    pub lateness: String,
    /// The wire name of a `supplement::SupplementState`.
    pub state: String,
    /// The login of the official who reviewed it.
    pub reviewed_by: Option<String>,
    pub reviewed_at: Option<String>,
    pub return_reason: Option<String>,
}

macro_rules! supplement_select {
    ($tail:literal) => {
        concat!(
            "SELECT id, receipt, material_id, commitment_id, n, file_name, file_size, file_sha256, ",
            "media_type, handed_in_at, handed_in_on, lateness, state, reviewed_by, reviewed_at, ",
            "return_reason FROM supplements",
            $tail
        )
    };
}

fn supplement_row(row: &sqlx::any::AnyRow) -> sqlx::Result<SupplementRow> {
    Ok(SupplementRow {
        id: row.try_get("id")?,
        receipt: row.try_get("receipt")?,
        material_id: row.try_get("material_id")?,
        commitment_id: row.try_get("commitment_id")?,
        n: row.try_get("n")?,
        file_name: row.try_get("file_name")?,
        file_size: row.try_get("file_size")?,
        file_sha256: row.try_get("file_sha256")?,
        media_type: row.try_get("media_type")?,
        handed_in_at: row.try_get("handed_in_at")?,
        handed_in_on: row.try_get("handed_in_on")?,
        lateness: row.try_get("lateness")?,
        state: row.try_get("state")?,
        reviewed_by: row.try_get("reviewed_by")?,
        reviewed_at: row.try_get("reviewed_at")?,
        return_reason: row.try_get("return_reason")?,
    })
}

/// Every handed-in material of one application (`Some(receipt)`) or of
/// all, by receipt, material and number.
pub async fn supplements(
    pool: &AnyPool,
    receipt: Option<&str>,
) -> sqlx::Result<Vec<SupplementRow>> {
    let rows = match receipt {
        Some(receipt) => {
            sqlx::query(supplement_select!(
                " WHERE receipt = $1 ORDER BY receipt, material_id, n"
            ))
            .bind(receipt)
            .fetch_all(pool)
            .await?
        }
        None => {
            sqlx::query(supplement_select!(" ORDER BY receipt, material_id, n"))
                .fetch_all(pool)
                .await?
        }
    };
    rows.iter().map(supplement_row).collect()
}

/// Stores a handed-in material; false (nothing written) when its number
/// was taken or another upload of the material waits for review meanwhile
/// (the table's unique keys, so two instances cannot both take one).
pub async fn insert_supplement(pool: &AnyPool, s: &SupplementRow) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "INSERT INTO supplements (id, receipt, material_id, commitment_id, n, file_name, file_size, \
         file_sha256, media_type, handed_in_at, handed_in_on, lateness, state) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT DO NOTHING",
    )
    .bind(&s.id)
    .bind(&s.receipt)
    .bind(&s.material_id)
    .bind(&s.commitment_id)
    .bind(s.n)
    .bind(&s.file_name)
    .bind(s.file_size)
    .bind(&s.file_sha256)
    .bind(&s.media_type)
    .bind(&s.handed_in_at)
    .bind(&s.handed_in_on)
    .bind(&s.lateness)
    .bind(&s.state)
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Locks a commitment's row for the rest of `tx` (a write that changes
/// nothing: a row lock on PostgreSQL, the write lock on SQLite), so that
/// two reviews of its materials are applied one after the other; its
/// resolution.
pub async fn lock_commitment(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    id: &str,
) -> sqlx::Result<Option<String>> {
    sqlx::query("UPDATE commitments SET resolution = resolution WHERE id = $1")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    sqlx::query("SELECT resolution FROM commitments WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?
        .map(|row| row.try_get("resolution"))
        .transpose()
}

/// A supplement's current row inside `tx`.
pub async fn supplement_in(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    receipt: &str,
    material_id: &str,
    n: i64,
) -> sqlx::Result<Option<SupplementRow>> {
    sqlx::query(supplement_select!(
        " WHERE receipt = $1 AND material_id = $2 AND n = $3"
    ))
    .bind(receipt)
    .bind(material_id)
    .bind(n)
    .fetch_optional(&mut **tx)
    .await?
    .as_ref()
    .map(supplement_row)
    .transpose()
}

/// Every upload of the materials of one commitment inside `tx`.
pub async fn supplements_of_commitment(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    commitment_id: &str,
) -> sqlx::Result<Vec<SupplementRow>> {
    sqlx::query(supplement_select!(
        " WHERE commitment_id = $1 ORDER BY material_id, n"
    ))
    .bind(commitment_id)
    .fetch_all(&mut **tx)
    .await?
    .iter()
    .map(supplement_row)
    .collect()
}

/// A review to record.
pub struct ReviewChange<'a> {
    pub id: &'a str,
    pub state: &'a str,
    pub reviewed_by: &'a str,
    pub at: &'a str,
    pub return_reason: Option<&'a str>,
}

/// Records a review of an upload that waits for it, inside `tx`; false
/// when it was reviewed meanwhile.
pub async fn review_supplement(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    change: &ReviewChange<'_>,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE supplements SET state = $1, reviewed_by = $2, reviewed_at = $3, return_reason = $4 \
         WHERE id = $5 AND state = 'submitted'",
    )
    .bind(change.state)
    .bind(change.reviewed_by)
    .bind(change.at)
    .bind(change.return_reason)
    .bind(change.id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

// ---- Decisions and timeliness ---------------------------------------------

/// The decision on an application (a row of `decisions`).
pub struct DecisionRow {
    pub receipt: String,
    /// The wire name of a `followup::decision::Decision`.
    pub decision: String,
    /// `YYYY-MM-DD`.
    pub decided_on: String,
    pub reason: Option<String>,
    pub official_id: Option<String>,
    pub official_login: String,
    pub recorded_at: String,
}

pub async fn decision_of(pool: &AnyPool, receipt: &str) -> sqlx::Result<Option<DecisionRow>> {
    let Some(row) = sqlx::query(
        "SELECT receipt, decision, decided_on, reason, official_id, official_login, recorded_at \
         FROM decisions WHERE receipt = $1",
    )
    .bind(receipt)
    .fetch_optional(pool)
    .await?
    else {
        return Ok(None);
    };
    Ok(Some(DecisionRow {
        receipt: row.try_get("receipt")?,
        decision: row.try_get("decision")?,
        decided_on: row.try_get("decided_on")?,
        reason: row.try_get("reason")?,
        official_id: row.try_get("official_id")?,
        official_login: row.try_get("official_login")?,
        recorded_at: row.try_get("recorded_at")?,
    }))
}

/// Records a decision, its audit entry and the applicant's notice in one
/// transaction; false (nothing written) when the application was decided
/// meanwhile: the primary key makes a decision final on every instance.
pub async fn insert_decision(
    pool: &AnyPool,
    d: &DecisionRow,
    audit: &AuditEntry,
    notice: &OutboxRow,
) -> sqlx::Result<bool> {
    let mut tx = pool.begin().await?;
    let done = sqlx::query(
        "INSERT INTO decisions (receipt, decision, decided_on, reason, official_id, official_login, \
         recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (receipt) DO NOTHING",
    )
    .bind(&d.receipt)
    .bind(&d.decision)
    .bind(&d.decided_on)
    .bind(&d.reason)
    .bind(&d.official_id)
    .bind(&d.official_login)
    .bind(&d.recorded_at)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        tx.rollback().await?;
        return Ok(false);
    }
    insert_audit(&mut tx, audit).await?;
    queue_in(&mut tx, notice).await?;
    tx.commit().await?;
    Ok(true)
}

/// What the timeliness report reads of one application.
pub struct TimelinessRow {
    pub receipt: String,
    pub item_code: String,
    pub accepted_on: String,
    pub promised_due: Option<String>,
    pub statutory_due: Option<String>,
    /// The report's `deadlines.pending` (JSON array), when any.
    pub pending_deadlines: Option<String>,
    pub decision: Option<String>,
    pub decided_on: Option<String>,
}

/// Every application accepted from `from` to `to` (`YYYY-MM-DD`, inclusive:
/// ISO dates compare as text), with its decision if any.
pub async fn timeliness_rows(
    pool: &AnyPool,
    from: &str,
    to: &str,
) -> sqlx::Result<Vec<TimelinessRow>> {
    sqlx::query(
        "SELECT a.receipt, a.item_code, a.accepted_on, a.promised_due, a.statutory_due, \
         a.pending_deadlines, d.decision, d.decided_on \
         FROM applications a LEFT JOIN decisions d ON d.receipt = a.receipt \
         WHERE a.accepted_on >= $1 AND a.accepted_on <= $2 ORDER BY a.receipt",
    )
    .bind(from)
    .bind(to)
    .fetch_all(pool)
    .await?
    .iter()
    .map(|row| {
        Ok(TimelinessRow {
            receipt: row.try_get("receipt")?,
            item_code: row.try_get("item_code")?,
            accepted_on: row.try_get("accepted_on")?,
            promised_due: row.try_get("promised_due")?,
            statutory_due: row.try_get("statutory_due")?,
            pending_deadlines: row.try_get("pending_deadlines")?,
            decision: row.try_get("decision")?,
            decided_on: row.try_get("decided_on")?,
        })
    })
    .collect()
}

// ---- The outbox of reminders and notices ----------------------------------

/// A notice to deliver (a row of `outbox`).
pub struct OutboxRow {
    /// The core's reminder key: the same however often the rule runs.
    pub key: String,
    /// The wire name of a `reminders::ReminderKind`.
    pub kind: String,
    pub receipt: String,
    /// The JSON body the webhook receives.
    pub payload: String,
    pub created_at: String,
    pub attempts: i64,
    /// Seconds since the Unix epoch.
    pub next_attempt_at: i64,
    pub delivered_at: Option<String>,
    pub last_error: Option<String>,
}

/// The outbox's insert (fixed text; values are always bound).
macro_rules! outbox_insert {
    () => {
        "INSERT INTO outbox (key, kind, receipt, payload, created_at, attempts, next_attempt_at) \
         VALUES ($1, $2, $3, $4, $5, 0, $6) ON CONFLICT (key) DO NOTHING"
    };
}

/// Queues a notice once: false when its key is queued already.
pub async fn queue(pool: &AnyPool, row: &OutboxRow) -> sqlx::Result<bool> {
    let done = sqlx::query(outbox_insert!())
        .bind(&row.key)
        .bind(&row.kind)
        .bind(&row.receipt)
        .bind(&row.payload)
        .bind(&row.created_at)
        .bind(row.next_attempt_at)
        .execute(pool)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Queues a notice inside `tx`, with the action that causes it.
pub async fn queue_in(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    row: &OutboxRow,
) -> sqlx::Result<()> {
    sqlx::query(outbox_insert!())
        .bind(&row.key)
        .bind(&row.kind)
        .bind(&row.receipt)
        .bind(&row.payload)
        .bind(&row.created_at)
        .bind(row.next_attempt_at)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Claims up to `limit` undelivered notices due at `now` for `lease`
/// seconds: their next attempt moves past the lease, so no other instance
/// takes them meanwhile, and one left by a crash is taken again once the
/// lease ends (at least once). On PostgreSQL, `FOR UPDATE SKIP LOCKED`
/// lets instances claim side by side; SQLite's single writer does the same.
pub async fn claim_outbox(
    pool: &AnyPool,
    now: i64,
    lease: i64,
    limit: i64,
) -> sqlx::Result<Vec<OutboxRow>> {
    let postgres = pool
        .acquire()
        .await?
        .backend_name()
        .eq_ignore_ascii_case("postgresql");
    let query = if postgres {
        sqlx::query(
            "UPDATE outbox SET next_attempt_at = $1 WHERE key IN (SELECT key FROM outbox \
             WHERE delivered_at IS NULL AND next_attempt_at <= $2 ORDER BY next_attempt_at, key \
             LIMIT $3 FOR UPDATE SKIP LOCKED) \
             RETURNING key, kind, receipt, payload, created_at, attempts, next_attempt_at, \
             delivered_at, last_error",
        )
    } else {
        sqlx::query(
            "UPDATE outbox SET next_attempt_at = $1 WHERE key IN (SELECT key FROM outbox \
             WHERE delivered_at IS NULL AND next_attempt_at <= $2 ORDER BY next_attempt_at, key \
             LIMIT $3) \
             RETURNING key, kind, receipt, payload, created_at, attempts, next_attempt_at, \
             delivered_at, last_error",
        )
    };
    let mut rows: Vec<OutboxRow> = query
        .bind(now + lease)
        .bind(now)
        .bind(limit)
        .fetch_all(pool)
        .await?
        .iter()
        .map(outbox_row)
        .collect::<sqlx::Result<_>>()?;
    rows.sort_by(|a, b| a.key.cmp(&b.key));
    Ok(rows)
}

fn outbox_row(row: &sqlx::any::AnyRow) -> sqlx::Result<OutboxRow> {
    Ok(OutboxRow {
        key: row.try_get("key")?,
        kind: row.try_get("kind")?,
        receipt: row.try_get("receipt")?,
        payload: row.try_get("payload")?,
        created_at: row.try_get("created_at")?,
        attempts: row.try_get("attempts")?,
        next_attempt_at: row.try_get("next_attempt_at")?,
        delivered_at: row.try_get("delivered_at")?,
        last_error: row.try_get("last_error")?,
    })
}

/// Marks a claimed notice delivered.
pub async fn outbox_delivered(pool: &AnyPool, key: &str, at: &str) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE outbox SET delivered_at = $1, attempts = attempts + 1, last_error = NULL \
         WHERE key = $2",
    )
    .bind(at)
    .bind(key)
    .execute(pool)
    .await?;
    Ok(())
}

/// Records a failed attempt; the next one at `retry_at` (seconds since the epoch).
pub async fn outbox_failed(
    pool: &AnyPool,
    key: &str,
    retry_at: i64,
    error: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = $1, last_error = $2 \
         WHERE key = $3",
    )
    .bind(retry_at)
    .bind(error)
    .bind(key)
    .execute(pool)
    .await?;
    Ok(())
}

/// The notices of one application (the ledger shows them), or all.
pub async fn outbox_of(pool: &AnyPool, receipt: Option<&str>) -> sqlx::Result<Vec<OutboxRow>> {
    let rows = match receipt {
        Some(receipt) => {
            sqlx::query(
                "SELECT key, kind, receipt, payload, created_at, attempts, next_attempt_at, \
                 delivered_at, last_error FROM outbox WHERE receipt = $1 ORDER BY created_at, key",
            )
            .bind(receipt)
            .fetch_all(pool)
            .await?
        }
        None => {
            sqlx::query(
                "SELECT key, kind, receipt, payload, created_at, attempts, next_attempt_at, \
                 delivered_at, last_error FROM outbox ORDER BY created_at, key",
            )
            .fetch_all(pool)
            .await?
        }
    };
    rows.iter().map(outbox_row).collect()
}

/// Every open deferral commitment with a known due date (the daily
/// reminders run over these).
pub async fn open_deferrals(pool: &AnyPool) -> sqlx::Result<Vec<LedgerRow>> {
    Ok(ledger(pool, LedgerFilter::Resolution("open"))
        .await?
        .into_iter()
        .filter(|row| row.kind == "deferral" && row.due_on.is_some())
        .collect())
}
