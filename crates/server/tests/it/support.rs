//! Test scaffolding: fresh databases (an SQLite file in a new temp folder,
//! or a new PostgreSQL database), the app on a fixed date, one-shot
//! requests, fixtures, and a minimal HTTP/1.1 client for the spawned binary.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode};
use banli_core::calendar::parse_date;
use banli_core::followup::roles::Role;
use banli_server::{AppState, Bundles, Catalog, Clock, app, db, officials};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use sqlx::{AnyPool, Connection};
use tower::ServiceExt;

pub const OFFICIAL_TOKEN: &str = "test-official-token";
/// A Monday.
pub const TODAY: &str = "2026-11-23";
pub const FOOD: &str = "food-business-licence";

/// The tests' date (`tests/fixtures/today.txt`), for the binaries the tests
/// start: no test depends on the day it runs.
pub fn tests_today() -> &'static str {
    include_str!("../../../../tests/fixtures/today.txt").trim()
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn fixture(item: &str, name: &str) -> Value {
    let path = root().join(format!("tests/fixtures/{item}/{name}.json"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// A name no other test of any run takes: the PostgreSQL databases' names.
fn unique(prefix: &str) -> String {
    let mut bytes = [0u8; 6];
    getrandom::fill(&mut bytes).unwrap();
    let tail: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("{prefix}_{}_{tail}", std::process::id())
}

/// Where a test's database lives.
#[derive(Debug, Clone, Copy)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A folder of one test's own under the system's temporary folder, removed
/// with everything in it when the value is dropped (at the end of the test,
/// passed or failed): a run of the suite leaves nothing behind. Each SQLite
/// database is a few megabytes, and the suite makes dozens a run.
pub fn scratch_dir(prefix: &str) -> tempfile::TempDir {
    let parent = std::env::temp_dir().join("banli-server-tests");
    std::fs::create_dir_all(&parent).unwrap();
    tempfile::Builder::new()
        .prefix(&format!("{prefix}_"))
        .tempdir_in(parent)
        .unwrap()
}

/// A fresh, empty database: its URL, and what removes it when this is
/// dropped (at the end of the test, passed or failed): for SQLite the
/// folder that holds it, for PostgreSQL the database itself. Keep it alive
/// as long as anything (a pool, a spawned server) uses the database.
pub struct FreshDb {
    pub url: String,
    _dir: Option<tempfile::TempDir>,
    postgres: Option<PostgresDb>,
}

/// A database the tests created on a PostgreSQL server: the server's URL
/// (`BANLI_TEST_POSTGRES_URL`) and the database's name.
struct PostgresDb {
    server: String,
    name: String,
}

impl Drop for PostgresDb {
    /// Drops the database, so that a developer's own server does not keep
    /// one per test and run. `WITH (FORCE)` (PostgreSQL 13+) ends the
    /// connections still open: a pool's close is asynchronous, and a spawned
    /// server may still hold some. It runs on a thread of its own because a
    /// `Drop` cannot await, and the test's runtime may be the one dropping.
    /// A failure is reported, not raised: a panic here during a failing
    /// test's unwinding would abort the run and hide the failure.
    fn drop(&mut self) {
        let (server, name) = (self.server.clone(), self.name.clone());
        let dropped = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(|e| e.to_string())?;
            runtime.block_on(async {
                let mut conn = sqlx::AnyConnection::connect(&server)
                    .await
                    .map_err(|e| e.to_string())?;
                sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .execute(&mut conn)
                    .await
                    .map_err(|e| e.to_string())?;
                conn.close().await.map_err(|e| e.to_string())
            })
        })
        .join();
        match dropped {
            Ok(Ok(())) => {}
            Ok(Err(message)) => {
                let _ = writeln!(
                    std::io::stderr(),
                    "warning: the test database {} was not dropped: {message}",
                    self.name
                );
            }
            Err(_) => {
                let _ = writeln!(
                    std::io::stderr(),
                    "warning: the test database {} was not dropped: the dropping thread panicked",
                    self.name
                );
            }
        }
    }
}

/// A fresh, empty database for `backend`, or `None` when PostgreSQL is
/// not configured on a developer's machine (on CI it must be: see
/// [`postgres_base_url`]). A PostgreSQL database is made on the server the
/// caller gives, and dropped with the value.
pub async fn fresh_db(backend: Backend) -> Option<FreshDb> {
    match backend {
        Backend::Sqlite => {
            let dir = scratch_dir("db");
            Some(FreshDb {
                url: format!("sqlite://{}/banli.db?mode=rwc", dir.path().display()),
                _dir: Some(dir),
                postgres: None,
            })
        }
        Backend::Postgres => {
            let base = postgres_base_url(
                std::env::var("BANLI_TEST_POSTGRES_URL").ok(),
                std::env::var("CI").ok(),
            )
            .unwrap_or_else(|message| panic!("{message}"));
            let Some(base) = base else {
                // Written to the file descriptor, past the test harness's
                // capture, once per run.
                static NOTICE: std::sync::Once = std::sync::Once::new();
                NOTICE.call_once(|| {
                    let _ = writeln!(
                        std::io::stderr(),
                        "notice: PostgreSQL tests skipped (BANLI_TEST_POSTGRES_URL is not set; cargo xtask test sets it)"
                    );
                });
                return None;
            };
            sqlx::any::install_default_drivers();
            let name = unique("banli_test");
            let mut conn = sqlx::AnyConnection::connect(&base).await.unwrap();
            sqlx::query(&format!("CREATE DATABASE {name}"))
                .execute(&mut conn)
                .await
                .unwrap();
            conn.close().await.unwrap();
            let (prefix, _) = base.rsplit_once('/').unwrap();
            Some(FreshDb {
                url: format!("{prefix}/{name}"),
                _dir: None,
                postgres: Some(PostgresDb { server: base, name }),
            })
        }
    }
}

/// The PostgreSQL server the tests create their databases on
/// (`BANLI_TEST_POSTGRES_URL`), or `None` to skip them. Skipping is for a
/// developer's machine only: on CI (`CI=true`) a missing URL is an error,
/// or the PostgreSQL variants would pass there without having run.
pub fn postgres_base_url(
    url: Option<String>,
    ci: Option<String>,
) -> Result<Option<String>, String> {
    match url {
        Some(url) => Ok(Some(url)),
        None if ci.as_deref() == Some("true") => Err(
            "the PostgreSQL tests must run on CI (CI=true), but BANLI_TEST_POSTGRES_URL is not set: \
             run `cargo xtask test`, which starts a throwaway PostgreSQL and sets it, \
             or set BANLI_TEST_POSTGRES_URL=postgres://USER@HOST:PORT/DATABASE yourself"
                .to_owned(),
        ),
        None => Ok(None),
    }
}

#[test]
fn postgres_tests_are_skipped_only_off_ci() {
    let url = "postgres://banli@127.0.0.1:5432/postgres".to_owned();
    assert_eq!(
        postgres_base_url(Some(url.clone()), Some("true".to_owned())),
        Ok(Some(url.clone()))
    );
    assert_eq!(postgres_base_url(Some(url.clone()), None), Ok(Some(url)));
    assert_eq!(postgres_base_url(None, None), Ok(None));
    assert_eq!(postgres_base_url(None, Some("false".to_owned())), Ok(None));
    let message = postgres_base_url(None, Some("true".to_owned())).unwrap_err();
    assert!(message.contains("BANLI_TEST_POSTGRES_URL"), "{message}");
    assert!(message.contains("cargo xtask test"), "{message}");
}

/// Whether the PostgreSQL server at `server` has a database called `name`.
async fn postgres_has_database(server: &str, name: &str) -> bool {
    let mut conn = sqlx::AnyConnection::connect(server).await.unwrap();
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM pg_database WHERE datname = $1")
        .bind(name)
        .fetch_one(&mut conn)
        .await
        .unwrap();
    conn.close().await.unwrap();
    count == 1
}

#[tokio::test]
async fn a_postgres_test_database_is_dropped_with_its_value_even_while_in_use() {
    let Some(fresh) = fresh_db(Backend::Postgres).await else {
        return;
    };
    let postgres = fresh.postgres.as_ref().unwrap();
    let (server, name) = (postgres.server.clone(), postgres.name.clone());
    assert!(postgres_has_database(&server, &name).await);
    // A pool still open on it, as a test's app holds one until its end.
    let pool = db::connect(&fresh.url).await.unwrap();
    sqlx::query("SELECT 1").execute(&pool).await.unwrap();
    drop(fresh);
    assert!(
        !postgres_has_database(&server, &name).await,
        "{name} is still on the server"
    );
    drop(pool);
}

/// The app on a fresh database, with "today" fixed.
pub struct TestApp {
    pub pool: AnyPool,
    pub today: &'static str,
    /// Test items served beside `schemas/items/` (paths from the
    /// repository's root), e.g. a `tests/fixtures/kinds/` item.
    pub extra_items: Vec<&'static str>,
    /// The database's folder stays while any view of the app (`on`) does.
    _db: std::sync::Arc<FreshDb>,
}

impl TestApp {
    pub async fn new(backend: Backend) -> Option<TestApp> {
        let fresh = fresh_db(backend).await?;
        let pool = db::connect(&fresh.url).await.unwrap();
        Some(TestApp {
            pool,
            today: TODAY,
            extra_items: Vec::new(),
            _db: std::sync::Arc::new(fresh),
        })
    }

    /// The same database, also serving the test item at `path` (from the
    /// repository's root).
    pub fn with_item(mut self, path: &'static str) -> TestApp {
        self.extra_items.push(path);
        self
    }

    /// The same database, another day.
    pub fn on(&self, today: &'static str) -> TestApp {
        TestApp {
            pool: self.pool.clone(),
            today,
            extra_items: self.extra_items.clone(),
            _db: self._db.clone(),
        }
    }

    pub fn router(&self) -> Router {
        app(self.state())
    }

    /// The state `router` serves (a new one each time: its own rate limiter).
    pub fn state(&self) -> AppState {
        let mut catalog = Catalog::load_dir(&root().join("schemas/items")).unwrap();
        for path in &self.extra_items {
            let text = std::fs::read_to_string(root().join(path)).unwrap();
            catalog.insert((*path).to_owned(), text).unwrap();
        }
        let bundles = Bundles::load_dir(&root().join("schemas/bundles"), &catalog).unwrap();
        AppState::new(
            self.pool.clone(),
            catalog,
            OFFICIAL_TOKEN,
            Clock::Fixed(parse_date(self.today).unwrap()),
            root(),
            256 * 1024,
        )
        .with_bundles(bundles)
    }

    /// One request; the body parsed as JSON (`Null` when empty or not JSON).
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<String>,
    ) -> (StatusCode, HeaderMap, Value) {
        let mut request = Request::builder().method(method).uri(path);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let request = request
            .header("content-type", "application/json")
            .body(body.map(Body::from).unwrap_or_else(Body::empty))
            .unwrap();
        let response = self.router().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        let value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        (status, headers, value)
    }

    /// `POST /api/applications`, with an idempotency key if any.
    pub async fn submit(
        &self,
        envelope: &Value,
        key: Option<&str>,
    ) -> (StatusCode, HeaderMap, Value) {
        self.submit_to("/api/applications", envelope, key).await
    }

    /// `POST /api/bundle-applications`, with an idempotency key if any.
    pub async fn submit_bundle(
        &self,
        envelope: &Value,
        key: Option<&str>,
    ) -> (StatusCode, HeaderMap, Value) {
        self.submit_to("/api/bundle-applications", envelope, key)
            .await
    }

    /// `POST path` with `envelope` and an idempotency key if any.
    async fn submit_to(
        &self,
        path: &str,
        envelope: &Value,
        key: Option<&str>,
    ) -> (StatusCode, HeaderMap, Value) {
        let headers: Vec<(&str, &str)> = key.map(|k| ("idempotency-key", k)).into_iter().collect();
        self.call(Method::POST, path, &headers, Some(envelope.to_string()))
            .await
    }

    /// Submits the fixture `name` of `item`: the receipt and the access
    /// token of the application it answered with.
    pub async fn receipt_and_token(&self, item: &str, name: &str) -> (String, String) {
        let (_, _, submitted) = self.submit(&fixture(item, name), None).await;
        let receipt = submitted["receipt"].as_str().unwrap().to_owned();
        let token = submitted["access_token"].as_str().unwrap().to_owned();
        (receipt, token)
    }

    /// `method path` with `Authorization: Bearer token` (an applicant's
    /// access token or the officials' shared token) and a JSON body if any.
    pub async fn bearer(
        &self,
        method: Method,
        path: &str,
        token: &str,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let auth = format!("Bearer {token}");
        let (status, _, body) = self
            .call(
                method,
                path,
                &[("authorization", &auth)],
                body.map(|b| b.to_string()),
            )
            .await;
        (status, body)
    }

    pub async fn official_get(&self, path: &str) -> (StatusCode, Value) {
        self.bearer(Method::GET, path, OFFICIAL_TOKEN, None).await
    }

    pub async fn official_post(&self, path: &str, body: Value) -> (StatusCode, Value) {
        self.bearer(Method::POST, path, OFFICIAL_TOKEN, Some(body))
            .await
    }

    /// `GET path` with the applicant's access token.
    pub async fn applicant_get(&self, path: &str, token: &str) -> (StatusCode, Value) {
        self.bearer(Method::GET, path, token, None).await
    }

    /// `POST path` with the applicant's access token.
    pub async fn applicant_post(
        &self,
        path: &str,
        token: &str,
        body: Value,
    ) -> (StatusCode, Value) {
        self.bearer(Method::POST, path, token, Some(body)).await
    }

    pub async fn count(&self) -> i64 {
        db::count_applications(&self.pool).await.unwrap()
    }

    pub async fn count_bundles(&self) -> i64 {
        db::count_bundle_applications(&self.pool).await.unwrap()
    }
}

/// The password of every account [`official`] adds.
pub const PASSWORD: &str = "correct-horse-battery";

/// A logged-in official: the cookie header and the CSRF token.
pub struct Session {
    pub cookie: String,
    pub csrf: String,
}

impl Session {
    pub fn headers(&self) -> Vec<(&str, &str)> {
        vec![("cookie", &self.cookie), ("x-csrf-token", &self.csrf)]
    }

    /// `GET path` as the session.
    pub async fn get(&self, app: &TestApp, path: &str) -> (StatusCode, Value) {
        self.request(app, Method::GET, path, None).await
    }

    /// `POST path` as the session, with its CSRF header.
    pub async fn post(
        &self,
        app: &TestApp,
        path: &str,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        self.request(app, Method::POST, path, body).await
    }

    async fn request(
        &self,
        app: &TestApp,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let (status, _, body) = app
            .call(method, path, &self.headers(), body.map(|b| b.to_string()))
            .await;
        (status, body)
    }
}

/// Adds an account with `role` and logs it in.
pub async fn official(app: &TestApp, login: &str, role: Role) -> Session {
    officials::add(
        &app.pool,
        login,
        login,
        role,
        PASSWORD,
        "2026-11-23T09:00:00+08:00",
    )
    .await
    .unwrap();
    let (status, headers, body) = app
        .call(
            Method::POST,
            "/api/officials/login",
            &[],
            Some(json!({"login": login, "password": PASSWORD}).to_string()),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let cookies: Vec<String> = headers
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_owned())
        .collect();
    let session_cookie = headers
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap())
        .find(|c| c.starts_with("banli_session="))
        .unwrap();
    assert!(session_cookie.contains("HttpOnly"), "{session_cookie}");
    assert!(
        session_cookie.contains("SameSite=Strict"),
        "{session_cookie}"
    );
    assert_eq!(body["official"]["role"], role.as_str());
    Session {
        cookie: cookies.join("; "),
        csrf: body["csrf_token"].as_str().unwrap().to_owned(),
    }
}

/// Runs a test body on SQLite and, when configured, on PostgreSQL.
#[macro_export]
macro_rules! on_both {
    ($name:ident) => {
        mod $name {
            use $crate::support::Backend;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$name(Backend::Sqlite).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                super::$name(Backend::Postgres).await;
            }
        }
    };
}

/// A minimal blocking HTTP/1.1 request (`Connection: close`) for the
/// spawned server: the status and the JSON body.
pub fn http(
    addr: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> std::io::Result<(u16, Value)> {
    http_with_head(addr, method, path, headers, body).map(|(status, _, body)| (status, body))
}

/// `GET path` from the spawned server with `Authorization: Bearer token`.
pub fn http_bearer_get(addr: &str, path: &str, token: &str) -> std::io::Result<(u16, Value)> {
    let auth = format!("Bearer {token}");
    http(addr, "GET", path, &[("Authorization", &auth)], "")
}

/// As [`http`], with the response's head (status line and headers) as text.
pub fn http_with_head(
    addr: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> std::io::Result<(u16, String, Value)> {
    let mut stream = TcpStream::connect(addr)?;
    let mut request = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("\r\n");
    stream.write_all(request.as_bytes())?;
    stream.write_all(body.as_bytes())?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response)?;
    let text = String::from_utf8_lossy(&response);
    let (head, body) = text
        .split_once("\r\n\r\n")
        .ok_or_else(|| std::io::Error::other("truncated response"))?;
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other("no status"))?;
    Ok((
        status,
        head.to_owned(),
        serde_json::from_str(body).unwrap_or(Value::Null),
    ))
}
