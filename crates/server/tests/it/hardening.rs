//! The server's defences (`docs/security.md`), one test each: body size,
//! nesting, the submission rate per client, the request timeout, the
//! security headers, SQL only with bound parameters, and secrets never in
//! the logs.

use std::net::SocketAddr;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::ConnectInfo;
use axum::http::{HeaderMap, Method, Request, StatusCode};
use banli_server::guard::{Rate, ServerLimits};
use banli_server::{app as build_app, db};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

use crate::support::{Backend, FOOD, TestApp, fixture, http, root};

async fn send(router: Router, request: Request<Body>) -> (StatusCode, HeaderMap, Value) {
    let response = router.oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        headers,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

fn post(path: &str, body: Body, client: &str) -> Request<Body> {
    let mut request = Request::builder()
        .method(Method::POST)
        .uri(path)
        .header("content-type", "application/json")
        .body(body)
        .unwrap();
    let address: SocketAddr = client.parse().unwrap();
    request.extensions_mut().insert(ConnectInfo(address));
    request
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = TestApp::new(Backend::Sqlite).await.unwrap();
    for path in ["/api/items", "/schemas/calendars/cn.json", "/api/nowhere"] {
        let (_, headers, _) = app.call(Method::GET, path, &[], None).await;
        let header = |name: &str| headers.get(name).map(|v| v.to_str().unwrap().to_owned());
        assert!(header("content-security-policy").is_some(), "{path}");
        assert_eq!(header("x-content-type-options").as_deref(), Some("nosniff"));
        assert_eq!(header("referrer-policy").as_deref(), Some("no-referrer"));
        assert_eq!(header("x-frame-options").as_deref(), Some("DENY"));
        assert_eq!(
            header("cross-origin-opener-policy").as_deref(),
            Some("same-origin")
        );
        assert_eq!(
            header("cross-origin-resource-policy").as_deref(),
            Some("same-origin")
        );
        assert!(header("permissions-policy").unwrap().contains("camera=()"));
    }
}

#[tokio::test]
async fn bodies_over_the_limit_are_refused_with_413_even_without_a_length() {
    let app = TestApp::new(Backend::Sqlite).await.unwrap();
    // The test app's body limit is 256 KiB.
    let big = format!("{{\"data\": \"{}\"}}", "x".repeat(300 * 1024));
    for path in ["/api/validate", "/api/applications"] {
        let (status, _, body) = send(
            app.router(),
            post(path, Body::from(big.clone()), "127.0.0.1:1"),
        )
        .await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{path}");
        assert_eq!(body["error"]["code"], "payload_too_large");
        // Streamed in chunks, without Content-Length.
        let chunks = big
            .as_bytes()
            .chunks(16 * 1024)
            .map(Bytes::copy_from_slice)
            .collect();
        let stream = Body::new(Chunks(chunks));
        let (status, _, _) = send(app.router(), post(path, stream, "127.0.0.1:1")).await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{path} chunked");
    }
}

/// A body in chunks with no length known in advance (chunked encoding).
struct Chunks(std::collections::VecDeque<Bytes>);

impl http_body::Body for Chunks {
    type Data = Bytes;
    type Error = std::io::Error;
    fn poll_frame(
        mut self: Pin<&mut Self>,
        _: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, std::io::Error>>> {
        Poll::Ready(self.0.pop_front().map(|c| Ok(http_body::Frame::data(c))))
    }
}

#[tokio::test]
async fn a_deeply_nested_body_is_refused_before_parsing() {
    let app = TestApp::new(Backend::Sqlite).await.unwrap();
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let envelope = format!(
        "{{\"item\": {{\"code\": \"x\", \"version\": \"1\"}}, \"data\": {{\"a\": {deep}}}}}"
    );
    for path in ["/api/validate", "/api/applications"] {
        let (status, _, body) = send(
            app.router(),
            post(path, Body::from(envelope.clone()), "127.0.0.1:1"),
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{path}");
        assert_eq!(body["error"]["code"], "limit.too_deep");
        assert!(body["error"]["message"].as_str().unwrap().contains("32"));
    }
    // Within the parser's reach but over the core's limit: the report says so.
    let mut envelope = fixture(FOOD, "valid-organisation");
    let mut nested = Value::Null;
    for _ in 0..40 {
        nested = Value::Array(vec![nested]);
    }
    envelope["data"]["extra"] = nested;
    let (status, _, body) = send(
        app.router(),
        post(
            "/api/validate",
            Body::from(envelope.to_string()),
            "127.0.0.1:1",
        ),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["error"]["code"], "limit.too_deep");
}

#[tokio::test]
async fn submissions_are_rate_limited_per_client() {
    let app = TestApp::new(Backend::Sqlite).await.unwrap();
    let limits = ServerLimits {
        submit_rate: Some(Rate {
            per_minute: 1,
            burst: 2,
        }),
        ..ServerLimits::default()
    };
    let router = build_app(app.state().with_limits(limits));
    let envelope = fixture(FOOD, "valid-organisation").to_string();
    let submit = |client: &str, key: &str| {
        let mut request = post("/api/applications", Body::from(envelope.clone()), client);
        request
            .headers_mut()
            .insert("idempotency-key", key.parse().unwrap());
        request
    };
    for key in ["a1", "a2"] {
        let (status, _, body) = send(router.clone(), submit("192.0.2.1:5000", key)).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }
    let (status, headers, body) = send(router.clone(), submit("192.0.2.1:5001", "a3")).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(body["error"]["code"], "too_many_requests");
    assert_eq!(headers["retry-after"], "60");
    // Another client has its own bucket; validation is not limited.
    let (status, _, _) = send(router.clone(), submit("192.0.2.2:5000", "b1")).await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, _, _) = send(
        router.clone(),
        post(
            "/api/validate",
            Body::from(envelope.clone()),
            "192.0.2.1:5000",
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(app.count().await, 3);
}

/// A body that never finishes: a client trickling (or withholding) bytes.
struct Stalled;

impl http_body::Body for Stalled {
    type Data = Bytes;
    type Error = std::io::Error;
    fn poll_frame(
        self: Pin<&mut Self>,
        _: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, std::io::Error>>> {
        Poll::Pending
    }
}

#[tokio::test]
async fn a_request_that_takes_too_long_gets_408() {
    let app = TestApp::new(Backend::Sqlite).await.unwrap();
    let limits = ServerLimits {
        request_timeout: Duration::from_millis(200),
        ..ServerLimits::default()
    };
    let router = build_app(app.state().with_limits(limits));
    for path in ["/api/validate", "/api/applications"] {
        let (status, headers, body) = send(
            router.clone(),
            post(path, Body::new(Stalled), "127.0.0.1:1"),
        )
        .await;
        assert_eq!(status, StatusCode::REQUEST_TIMEOUT, "{path}");
        assert_eq!(body["error"]["code"], "request_timeout");
        assert!(headers.contains_key("content-security-policy"));
    }
    assert_eq!(app.count().await, 0);
}

/// Every `sqlx::query*(` in the server's sources (with or without a
/// turbofish) takes a string literal (or the `ledger_select!` /
/// `application_select!` / `supplement_select!` / `outbox_select!` /
/// `outbox_claim!` macros of literals): values are always bound, never
/// formatted into SQL.
#[test]
fn sql_is_never_built_from_strings() {
    let dir = root().join("crates/server/src");
    let mut files = vec![dir.clone()];
    let mut checked = 0;
    while let Some(path) = files.pop() {
        if path.is_dir() {
            files.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
            continue;
        }
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for call in ["query", "query_as", "query_scalar", "raw_sql"] {
            for (at, _) in text.match_indices(&format!("sqlx::{call}")) {
                let after = &text[at + "sqlx::".len() + call.len()..];
                // `query_as::<_, Row>(…)`: past the turbofish to the call.
                let after = match after.strip_prefix("::<") {
                    Some(generic) => &generic[generic.find('>').map_or(0, |end| end + 1)..],
                    None => after,
                };
                let Some(argument) = after.trim_start().strip_prefix('(') else {
                    // `sqlx::query_as` in a longer name or a path, not a call.
                    continue;
                };
                let argument = argument.trim_start();
                let is_literal = |text: &str| {
                    text.starts_with('"') || text.starts_with("r\"") || text.starts_with("r#\"")
                };
                let literal = is_literal(argument)
                    || [
                        "ledger_select!(",
                        "application_select!(",
                        "supplement_select!(",
                        "outbox_select!(",
                        "outbox_claim!(",
                    ]
                    .iter()
                    .any(|m| {
                        argument
                            .strip_prefix(m)
                            .is_some_and(|rest| is_literal(rest.trim_start()))
                    });
                assert!(
                    literal,
                    "{}: sqlx::{call} with a non-literal argument: {}",
                    path.display(),
                    &argument[..argument.len().min(60)]
                );
                checked += 1;
            }
        }
        // Executor methods take either a query builder as receiver (their
        // argument is then the pool or transaction) or SQL text as argument
        // (`conn.execute("PRAGMA …")`): that text must be a literal too.
        for method in [
            "execute(",
            "execute_many(",
            "fetch(",
            "fetch_one(",
            "fetch_optional(",
            "fetch_all(",
            "fetch_many(",
        ] {
            for (at, _) in text.match_indices(&format!(".{method}")) {
                let argument = text[at + 1 + method.len()..].trim_start();
                let executor = [
                    "pool",
                    "&pool",
                    "&mut *tx",
                    "&mut **tx",
                    "&mut tx",
                    "tx",
                    "&self.pool",
                    "self.pool",
                    // `db::changed_one`'s parameter: the pool or a transaction.
                    "executor",
                ]
                .iter()
                .any(|e| {
                    argument.strip_prefix(e).is_some_and(|rest| {
                        rest.trim_start().starts_with(')') || rest.trim_start().starts_with(',')
                    })
                });
                let literal = argument.starts_with('"')
                    || argument.starts_with("r\"")
                    || argument.starts_with("r#\"");
                assert!(
                    executor || literal,
                    "{}: .{method} with SQL that is not a literal: {}",
                    path.display(),
                    &argument[..argument.len().min(60)]
                );
                checked += 1;
            }
        }
        // `format!` followed by SQL, however rustfmt lays it out.
        let mut rest = text.as_str();
        while let Some(at) = rest.find("format!(") {
            rest = &rest[at + "format!(".len()..];
            let head: String = rest
                .trim_start()
                .trim_start_matches(['"', 'r', '#'])
                .chars()
                .take(8)
                .collect::<String>()
                .to_ascii_uppercase();
            assert!(
                ![
                    "SELECT", "INSERT", "UPDATE", "DELETE", "PRAGMA", "CREATE", "DROP", "ALTER",
                    "WITH "
                ]
                .iter()
                .any(|k| head.trim_start().starts_with(k)),
                "{}: SQL built with format!: {head}",
                path.display()
            );
        }
    }
    assert!(
        checked >= 10,
        "only {checked} queries found: is the scan broken?"
    );
}

/// The binary at TRACE level, its log (stderr) captured: a submission, the
/// applicant reading it back, officials reading the ledger, a wrong token.
/// No token appears in the log; database URLs are logged redacted.
#[test]
fn tokens_and_passwords_never_reach_the_logs() {
    use std::io::{BufRead, BufReader, Read};
    use std::process::{Command, Stdio};

    let official = "official-secret-token-4711";
    let db = tokio::runtime::Runtime::new()
        .unwrap()
        .block_on(crate::support::fresh_db(Backend::Sqlite))
        .unwrap();
    let url = &db.url;
    let mut child = Command::new(env!("CARGO_BIN_EXE_banli-server"))
        .args(["--port", "0", "--official-token", official])
        .arg("--root")
        .arg(root())
        .env("DATABASE_URL", url)
        .env("RUST_LOG", "trace")
        .env("BANLI_TODAY", crate::support::tests_today())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let log = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let address = loop {
        let line = lines.next().unwrap().unwrap();
        if let Some(rest) = line.strip_prefix("listening on http://") {
            break rest.trim_end_matches('/').to_owned();
        }
    };
    std::thread::spawn(move || lines.for_each(drop));

    let envelope = fixture(FOOD, "deferred-floor-plan").to_string();
    let (status, body) = http(
        &address,
        "POST",
        "/api/applications",
        &[("Idempotency-Key", "log-test")],
        &envelope,
    )
    .unwrap();
    assert_eq!(status, 201, "{body}");
    let access_token = body["access_token"].as_str().unwrap().to_owned();
    let receipt = body["receipt"].as_str().unwrap().to_owned();
    let auth = format!("Bearer {access_token}");
    let path = format!("/api/applications/{receipt}");
    assert_eq!(
        http(&address, "GET", &path, &[("Authorization", &auth)], "")
            .unwrap()
            .0,
        200
    );
    let official_auth = format!("Bearer {official}");
    assert_eq!(
        http(
            &address,
            "GET",
            "/api/commitments",
            &[("Authorization", &official_auth)],
            ""
        )
        .unwrap()
        .0,
        200
    );
    let wrong = http(
        &address,
        "GET",
        "/api/commitments",
        &[("Authorization", "Bearer wrong-secret-guess")],
        "",
    )
    .unwrap();
    assert_eq!(wrong.0, 401);
    child.kill().unwrap();
    child.wait().unwrap();
    let logs = log.join().unwrap();

    assert!(logs.contains("/api/applications"), "nothing logged: {logs}");
    for secret in [official, access_token.as_str(), "wrong-secret-guess"] {
        assert!(!logs.contains(secret), "{secret} is in the log:\n{logs}");
    }
    // The one place a URL with a password is logged goes through redact.
    let url = "postgres://banli:s3cret-pw@127.0.0.1:1/banli";
    assert_eq!(db::redact(url), "postgres://banli:***@127.0.0.1:1/banli");
}

/// The binary given a database URL with a password it cannot reach (port 1
/// on loopback refuses at once): it exits with an error that names the
/// database, at TRACE level, and the password is in none of its output.
#[test]
fn a_database_password_never_reaches_the_logs() {
    use std::process::Command;

    let output = Command::new(env!("CARGO_BIN_EXE_banli-server"))
        .args(["--port", "0", "--official-token", "t"])
        .arg("--root")
        .arg(root())
        .env(
            "DATABASE_URL",
            "postgres://banli:s3cret-pw@127.0.0.1:1/banli",
        )
        .env("RUST_LOG", "trace")
        .env("BANLI_TODAY", crate::support::tests_today())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(!output.status.success(), "{stderr}");
    assert!(
        stderr.contains("127.0.0.1:1"),
        "the error names the database: {stderr}"
    );
    assert!(
        stderr.contains("***"),
        "the URL is shown redacted: {stderr}"
    );
    for text in [&stderr, &stdout] {
        assert!(
            !text.contains("s3cret-pw"),
            "the password is in the output:\n{text}"
        );
    }
}
