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
use sqlx::{AnyPool, Executor};

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

/// A query of fixed SQL text whose values are bound one by one.
type AnyQuery<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>;

/// Runs a write on `executor` (the pool or a transaction): whether it
/// changed exactly one row, i.e. an `INSERT ... ON CONFLICT DO NOTHING`
/// inserted, or an `UPDATE` whose guard still held.
async fn changed_one<'q, 'c, E>(query: AnyQuery<'q>, executor: E) -> sqlx::Result<bool>
where
    E: Executor<'c, Database = sqlx::Any> + 'q,
{
    Ok(query.execute(executor).await?.rows_affected() == 1)
}

/// One material row of an application.
pub struct MaterialRow {
    pub material_id: String,
    pub name: String,
    pub required: bool,
    pub disposition: String,
}

/// What a commitment says, as stored: the columns of `commitments` that
/// both the insert ([`CommitmentRow`]) and the ledger ([`LedgerRow`]) carry.
#[derive(sqlx::FromRow)]
pub struct CommitmentTerms {
    /// The wire name of a `commitment::CommitmentKind`.
    pub kind: String,
    /// `YYYY-MM-DD`, or `None` while the due date is pending.
    pub due_on: Option<String>,
    /// Working days from acceptance while `due_on` is pending.
    pub due_pending_days: Option<i64>,
    /// The materials it covers, a JSON array.
    pub materials: String,
    pub signer: Option<String>,
    pub title: String,
}

/// One commitment row to store.
pub struct CommitmentRow {
    pub id: String,
    pub terms: CommitmentTerms,
    /// The core's commitment document, JSON.
    pub document: String,
}

/// An application's deadlines as stored (`YYYY-MM-DD`): each `None` while
/// its year's calendar is not loaded, and then listed in
/// `pending_deadlines`.
#[derive(sqlx::FromRow, Default)]
pub struct StoredDeadlines {
    pub promised_due: Option<String>,
    pub statutory_due: Option<String>,
    pub deferred_due: Option<String>,
    /// The report's `deadlines.pending` (a JSON array), when not empty.
    pub pending_deadlines: Option<String>,
}

/// What every accepted submission stores, an item's application or a
/// bundle application (一件事): the columns `applications` and
/// `bundle_applications` share, bound first and in this order by
/// [`bind_submission`].
pub struct Submission {
    /// The receipt number (受理编号).
    pub receipt: String,
    pub idempotency_key: Option<String>,
    /// SHA-256 (hex) of the request's canonical JSON.
    pub request_sha256: String,
    /// SHA-256 (hex) of the applicant's access token.
    pub token_sha256: String,
    /// The item's (or the bundle's) code, version and name.
    pub code: String,
    pub version: String,
    pub name: String,
    /// The wire name of the report's `Status`.
    pub status: String,
    /// `YYYY-MM-DD`.
    pub accepted_on: String,
    /// RFC 3339.
    pub submitted_at: String,
    /// The report kept (zh-CN), JSON.
    pub report: String,
    /// The first answer, replayed for a request under the same key.
    pub response: String,
}

/// Binds `$1` to `$12`: the columns every submission stores, in
/// [`Submission`]'s order.
fn bind_submission<'q>(query: AnyQuery<'q>, s: &'q Submission) -> AnyQuery<'q> {
    query
        .bind(&s.receipt)
        .bind(&s.idempotency_key)
        .bind(&s.request_sha256)
        .bind(&s.token_sha256)
        .bind(&s.code)
        .bind(&s.version)
        .bind(&s.name)
        .bind(&s.status)
        .bind(&s.accepted_on)
        .bind(&s.submitted_at)
        .bind(&s.report)
        .bind(&s.response)
}

/// Everything stored for an accepted application, in one transaction.
pub struct NewApplication {
    /// Its code, version and name are the item's.
    pub submission: Submission,
    pub deadlines: StoredDeadlines,
    /// The core's data hash (RFC 8785, SHA-256 hex).
    pub data_sha256: String,
    /// The stored envelope, JSON.
    pub envelope: String,
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
        return replay(pool, Keyed::Application, &app.submission).await;
    }
    tx.commit().await?;
    Ok(Stored::Created)
}

/// Stores a bundle application (its code, version and name are the
/// bundle's) and every member application (each with its materials and
/// commitments) in one transaction, or finds the bundle stored earlier
/// under the same idempotency key: a bundle is never stored in part.
pub async fn insert_bundle(
    pool: &AnyPool,
    bundle: &Submission,
    members: &[NewApplication],
) -> sqlx::Result<Stored> {
    let mut tx = pool.begin().await?;
    // The bundle row first: it is the transaction's first write (writers
    // queue on SQLite's busy timeout) and the key's conflict check.
    let inserted = bind_submission(
        sqlx::query(
            "INSERT INTO bundle_applications (receipt, idempotency_key, request_sha256, \
             token_sha256, bundle_code, bundle_version, bundle_name, status, accepted_on, \
             submitted_at, report, response) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) \
             ON CONFLICT (idempotency_key) DO NOTHING",
        ),
        bundle,
    );
    if !changed_one(inserted, &mut *tx).await? {
        tx.rollback().await?;
        return replay(pool, Keyed::Bundle, bundle).await;
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

/// The first answer stored under the key of `submission`.
async fn replay(pool: &AnyPool, table: Keyed, submission: &Submission) -> sqlx::Result<Stored> {
    let query = match table {
        Keyed::Application => sqlx::query_as(
            "SELECT response, request_sha256 FROM applications WHERE idempotency_key = $1",
        ),
        Keyed::Bundle => sqlx::query_as(
            "SELECT response, request_sha256 FROM bundle_applications WHERE idempotency_key = $1",
        ),
    };
    let (response, request_sha256) = query
        .bind(&submission.idempotency_key)
        .fetch_one(pool)
        .await?;
    Ok(Stored::Replay {
        response,
        request_sha256,
    })
}

/// One application's rows inside `tx`; false (nothing written) when its
/// idempotency key was used before.
async fn insert_application_rows(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    app: &NewApplication,
) -> sqlx::Result<bool> {
    let link = app.bundle.as_ref();
    let dates = &app.deadlines;
    let inserted = bind_submission(
        sqlx::query(
            "INSERT INTO applications (receipt, idempotency_key, request_sha256, token_sha256, \
             item_code, item_version, item_name, status, accepted_on, submitted_at, report, \
             response, promised_due, statutory_due, deferred_due, pending_deadlines, \
             data_sha256, envelope, bundle_receipt, bundle_member, bundle_position) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, \
             $17, $18, $19, $20, $21) \
             ON CONFLICT (idempotency_key) DO NOTHING",
        ),
        &app.submission,
    )
    .bind(&dates.promised_due)
    .bind(&dates.statutory_due)
    .bind(&dates.deferred_due)
    .bind(&dates.pending_deadlines)
    .bind(&app.data_sha256)
    .bind(&app.envelope)
    .bind(link.map(|l| l.receipt.as_str()))
    .bind(link.map(|l| l.member.as_str()))
    .bind(link.map(|l| l.position));
    if !changed_one(inserted, &mut **tx).await? {
        return Ok(false);
    }
    let receipt = &app.submission.receipt;
    for (position, m) in app.materials.iter().enumerate() {
        sqlx::query(
            "INSERT INTO application_materials (receipt, position, material_id, name, required, disposition) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(receipt)
        .bind(position as i64)
        .bind(&m.material_id)
        .bind(&m.name)
        .bind(i64::from(m.required))
        .bind(&m.disposition)
        .execute(&mut **tx)
        .await?;
    }
    for (position, c) in app.commitments.iter().enumerate() {
        let terms = &c.terms;
        sqlx::query(
            "INSERT INTO commitments (id, receipt, position, kind, due_on, materials, signer, title, \
             document, resolution, created_at, due_pending_days) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'open', $10, $11)",
        )
        .bind(&c.id)
        .bind(receipt)
        .bind(position as i64)
        .bind(&terms.kind)
        .bind(&terms.due_on)
        .bind(&terms.materials)
        .bind(&terms.signer)
        .bind(&terms.title)
        .bind(&c.document)
        .bind(&app.submission.submitted_at)
        .bind(terms.due_pending_days)
        .execute(&mut **tx)
        .await?;
    }
    Ok(true)
}

/// A stored application as the applicant sees it.
#[derive(sqlx::FromRow)]
pub struct ApplicationRecord {
    pub receipt: String,
    pub token_sha256: String,
    pub item_code: String,
    pub item_version: String,
    pub item_name: String,
    pub status: String,
    pub accepted_on: String,
    pub submitted_at: String,
    #[sqlx(flatten)]
    pub deadlines: StoredDeadlines,
    pub report: String,
    /// The bundle application this one is a member of, and its key there.
    pub bundle_receipt: Option<String>,
    pub bundle_member: Option<String>,
}

/// The columns [`ApplicationRecord`] reads.
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
    sqlx::query_as(application_select!(" WHERE receipt = $1"))
        .bind(receipt)
        .fetch_optional(pool)
        .await
}

/// The member applications of a bundle application, in the bundle's member order.
pub async fn bundle_members(
    pool: &AnyPool,
    bundle_receipt: &str,
) -> sqlx::Result<Vec<ApplicationRecord>> {
    sqlx::query_as(application_select!(
        " WHERE bundle_receipt = $1 ORDER BY bundle_position"
    ))
    .bind(bundle_receipt)
    .fetch_all(pool)
    .await
}

/// A stored bundle application as the applicant sees it.
#[derive(sqlx::FromRow)]
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
    sqlx::query_as(
        "SELECT receipt, token_sha256, bundle_code, bundle_version, bundle_name, status, \
         accepted_on, submitted_at FROM bundle_applications WHERE receipt = $1",
    )
    .bind(receipt)
    .fetch_optional(pool)
    .await
}

/// A commitment with what the ledger shows about its application.
#[derive(sqlx::FromRow)]
pub struct LedgerRow {
    pub id: String,
    pub receipt: String,
    #[sqlx(flatten)]
    pub terms: CommitmentTerms,
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
        LedgerFilter::All => sqlx::query_as(ledger_select!("")),
        LedgerFilter::Resolution(r) => {
            sqlx::query_as(ledger_select!(" WHERE c.resolution = $1")).bind(r)
        }
        LedgerFilter::Receipt(r) => {
            sqlx::query_as(ledger_select!(" WHERE c.receipt = $1 ORDER BY c.position")).bind(r)
        }
    };
    query.fetch_all(pool).await
}

/// A commitment's current resolution and its application's receipt, if
/// it exists.
pub async fn resolution(pool: &AnyPool, id: &str) -> sqlx::Result<Option<(String, String)>> {
    sqlx::query_as("SELECT resolution, receipt FROM commitments WHERE id = $1")
        .bind(id)
        .fetch_optional(pool)
        .await
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
    let query = sqlx::query(
        "UPDATE commitments SET resolution = $1, resolved_at = $2, fulfilled_sha256 = $3, \
         termination_reason = $4 WHERE id = $5 AND resolution = 'open'",
    )
    .bind(change.resolution)
    .bind(change.at)
    .bind(change.fulfilled_sha256)
    .bind(change.termination_reason)
    .bind(change.id);
    changed_one(query, &mut **tx).await
}

/// The number of applications stored (tests and the benchmark).
pub async fn count_applications(pool: &AnyPool) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT COUNT(*) AS n FROM applications")
        .fetch_one(pool)
        .await
}

/// The number of bundle applications stored (tests).
pub async fn count_bundle_applications(pool: &AnyPool) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT COUNT(*) AS n FROM bundle_applications")
        .fetch_one(pool)
        .await
}

/// An application with deadlines still pending.
#[derive(sqlx::FromRow)]
pub struct PendingApplication {
    pub receipt: String,
    pub accepted_on: String,
    /// JSON array of the report's `deadlines.pending` entries.
    pub pending_deadlines: String,
}

pub async fn applications_with_pending_deadlines(
    pool: &AnyPool,
) -> sqlx::Result<Vec<PendingApplication>> {
    sqlx::query_as(
        "SELECT receipt, accepted_on, pending_deadlines FROM applications \
         WHERE pending_deadlines IS NOT NULL ORDER BY receipt",
    )
    .fetch_all(pool)
    .await
}

/// Dates found for an application's pending deadlines.
pub struct ResolvedDeadlines<'a> {
    pub receipt: &'a str,
    /// The dates found; `pending_deadlines` is what is still pending, or
    /// `None` when nothing is.
    pub found: StoredDeadlines,
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
    .bind(&r.found.promised_due)
    .bind(&r.found.statutory_due)
    .bind(&r.found.deferred_due)
    .bind(&r.found.pending_deadlines)
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
#[derive(sqlx::FromRow)]
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
    let query = sqlx::query(
        "INSERT INTO officials (id, login, display_name, role, password_hash, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (login) DO NOTHING",
    )
    .bind(&official.id)
    .bind(&official.login)
    .bind(&official.display_name)
    .bind(&official.role)
    .bind(&official.password_hash)
    .bind(created_at);
    changed_one(query, pool).await
}

pub async fn official_by_login(pool: &AnyPool, login: &str) -> sqlx::Result<Option<OfficialRow>> {
    sqlx::query_as(
        "SELECT id, login, display_name, role, password_hash FROM officials WHERE login = $1",
    )
    .bind(login)
    .fetch_optional(pool)
    .await
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
#[derive(sqlx::FromRow)]
pub struct SessionRow {
    #[sqlx(flatten)]
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
    sqlx::query_as(
        "SELECT o.id, o.login, o.display_name, o.role, o.password_hash, s.csrf_sha256 \
         FROM sessions s JOIN officials o ON o.id = s.official_id \
         WHERE s.token_sha256 = $1 AND s.expires_at > $2",
    )
    .bind(token_sha256)
    .bind(now)
    .fetch_optional(pool)
    .await
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
#[derive(sqlx::FromRow)]
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
    sqlx::query_as(
        "SELECT id, official_id, official_login, action, receipt, commitment_id, detail, at \
         FROM audit_log WHERE receipt = $1 ORDER BY id",
    )
    .bind(receipt)
    .fetch_all(pool)
    .await
}

// ---- 补交: materials handed in after acceptance, and their review ---------

/// One handed-in material (a row of `supplements`).
#[derive(sqlx::FromRow)]
pub struct SupplementRow {
    pub id: String,
    pub receipt: String,
    /// The key the commitment covers it by (`CommittedMaterial::key`): the
    /// material id, or `<id>/entries/<n>` for one entry of a per-item
    /// material, so each driver's copy is followed up on its own.
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

/// The columns [`SupplementRow`] reads.
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

/// Every handed-in material of one application (`Some(receipt)`) or of
/// all, by receipt, material and number.
pub async fn supplements(
    pool: &AnyPool,
    receipt: Option<&str>,
) -> sqlx::Result<Vec<SupplementRow>> {
    let query = match receipt {
        Some(receipt) => sqlx::query_as(supplement_select!(
            " WHERE receipt = $1 ORDER BY receipt, material_id, n"
        ))
        .bind(receipt),
        None => sqlx::query_as(supplement_select!(" ORDER BY receipt, material_id, n")),
    };
    query.fetch_all(pool).await
}

/// Stores a handed-in material; false (nothing written) when its number
/// was taken or another upload of the material waits for review meanwhile
/// (the table's unique keys, so two instances cannot both take one).
pub async fn insert_supplement(pool: &AnyPool, s: &SupplementRow) -> sqlx::Result<bool> {
    let query = sqlx::query(
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
    .bind(&s.state);
    changed_one(query, pool).await
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
    sqlx::query_scalar("SELECT resolution FROM commitments WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut **tx)
        .await
}

/// A supplement's current row inside `tx`.
pub async fn supplement_in(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    receipt: &str,
    material_id: &str,
    n: i64,
) -> sqlx::Result<Option<SupplementRow>> {
    sqlx::query_as(supplement_select!(
        " WHERE receipt = $1 AND material_id = $2 AND n = $3"
    ))
    .bind(receipt)
    .bind(material_id)
    .bind(n)
    .fetch_optional(&mut **tx)
    .await
}

/// Every upload of the materials of one commitment inside `tx`.
pub async fn supplements_of_commitment(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    commitment_id: &str,
) -> sqlx::Result<Vec<SupplementRow>> {
    sqlx::query_as(supplement_select!(
        " WHERE commitment_id = $1 ORDER BY material_id, n"
    ))
    .bind(commitment_id)
    .fetch_all(&mut **tx)
    .await
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
    let query = sqlx::query(
        "UPDATE supplements SET state = $1, reviewed_by = $2, reviewed_at = $3, return_reason = $4 \
         WHERE id = $5 AND state = 'submitted'",
    )
    .bind(change.state)
    .bind(change.reviewed_by)
    .bind(change.at)
    .bind(change.return_reason)
    .bind(change.id);
    changed_one(query, &mut **tx).await
}

// ---- Decisions and timeliness ---------------------------------------------

/// The decision on an application (a row of `decisions`).
#[derive(sqlx::FromRow)]
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
    sqlx::query_as(
        "SELECT receipt, decision, decided_on, reason, official_id, official_login, recorded_at \
         FROM decisions WHERE receipt = $1",
    )
    .bind(receipt)
    .fetch_optional(pool)
    .await
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
    let query = sqlx::query(
        "INSERT INTO decisions (receipt, decision, decided_on, reason, official_id, official_login, \
         recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (receipt) DO NOTHING",
    )
    .bind(&d.receipt)
    .bind(&d.decision)
    .bind(&d.decided_on)
    .bind(&d.reason)
    .bind(&d.official_id)
    .bind(&d.official_login)
    .bind(&d.recorded_at);
    if !changed_one(query, &mut *tx).await? {
        tx.rollback().await?;
        return Ok(false);
    }
    insert_audit(&mut tx, audit).await?;
    queue_in(&mut tx, notice).await?;
    tx.commit().await?;
    Ok(true)
}

/// What the timeliness report reads of one application.
#[derive(sqlx::FromRow)]
pub struct TimelinessRow {
    pub receipt: String,
    pub item_code: String,
    pub accepted_on: String,
    #[sqlx(flatten)]
    pub deadlines: StoredDeadlines,
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
    sqlx::query_as(
        "SELECT a.receipt, a.item_code, a.accepted_on, a.promised_due, a.statutory_due, \
         a.deferred_due, a.pending_deadlines, d.decision, d.decided_on \
         FROM applications a LEFT JOIN decisions d ON d.receipt = a.receipt \
         WHERE a.accepted_on >= $1 AND a.accepted_on <= $2 ORDER BY a.receipt",
    )
    .bind(from)
    .bind(to)
    .fetch_all(pool)
    .await
}

// ---- The outbox of reminders and notices ----------------------------------

/// A notice to deliver (a row of `outbox`).
#[derive(sqlx::FromRow)]
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

/// The outbox's claim: undelivered notices due at `$2`, at most `$3`,
/// pushed to `$1`; `$lock` is the row-locking clause, if the database has
/// one. Returns the columns [`OutboxRow`] reads.
macro_rules! outbox_claim {
    ($lock:literal) => {
        concat!(
            "UPDATE outbox SET next_attempt_at = $1 WHERE key IN (SELECT key FROM outbox ",
            "WHERE delivered_at IS NULL AND next_attempt_at <= $2 ORDER BY next_attempt_at, key ",
            "LIMIT $3",
            $lock,
            ") RETURNING key, kind, receipt, payload, created_at, attempts, next_attempt_at, ",
            "delivered_at, last_error"
        )
    };
}

/// The columns [`OutboxRow`] reads.
macro_rules! outbox_select {
    ($tail:literal) => {
        concat!(
            "SELECT key, kind, receipt, payload, created_at, attempts, next_attempt_at, ",
            "delivered_at, last_error FROM outbox",
            $tail
        )
    };
}

/// Queues a notice once on `executor` (the pool or a transaction): false
/// when its key is queued already.
async fn queue_on<'q, 'c, E>(executor: E, row: &'q OutboxRow) -> sqlx::Result<bool>
where
    E: Executor<'c, Database = sqlx::Any> + 'q,
{
    let query = sqlx::query(
        "INSERT INTO outbox (key, kind, receipt, payload, created_at, attempts, next_attempt_at) \
         VALUES ($1, $2, $3, $4, $5, 0, $6) ON CONFLICT (key) DO NOTHING",
    )
    .bind(&row.key)
    .bind(&row.kind)
    .bind(&row.receipt)
    .bind(&row.payload)
    .bind(&row.created_at)
    .bind(row.next_attempt_at);
    changed_one(query, executor).await
}

/// Queues a notice once: false when its key is queued already.
pub async fn queue(pool: &AnyPool, row: &OutboxRow) -> sqlx::Result<bool> {
    queue_on(pool, row).await
}

/// Queues a notice inside `tx`, with the action that causes it (once: a
/// key queued already is left as it is).
pub async fn queue_in(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    row: &OutboxRow,
) -> sqlx::Result<()> {
    queue_on(&mut **tx, row).await.map(drop)
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
        sqlx::query_as(outbox_claim!(" FOR UPDATE SKIP LOCKED"))
    } else {
        sqlx::query_as(outbox_claim!(""))
    };
    let mut rows: Vec<OutboxRow> = query
        .bind(now + lease)
        .bind(now)
        .bind(limit)
        .fetch_all(pool)
        .await?;
    rows.sort_by(|a, b| a.key.cmp(&b.key));
    Ok(rows)
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
    let query = match receipt {
        Some(receipt) => sqlx::query_as(outbox_select!(
            " WHERE receipt = $1 ORDER BY created_at, key"
        ))
        .bind(receipt),
        None => sqlx::query_as(outbox_select!(" ORDER BY created_at, key")),
    };
    query.fetch_all(pool).await
}

/// Every open deferral commitment with a known due date (the daily
/// reminders run over these).
pub async fn open_deferrals(pool: &AnyPool) -> sqlx::Result<Vec<LedgerRow>> {
    Ok(ledger(pool, LedgerFilter::Resolution("open"))
        .await?
        .into_iter()
        .filter(|row| row.terms.kind == "deferral" && row.terms.due_on.is_some())
        .collect())
}
