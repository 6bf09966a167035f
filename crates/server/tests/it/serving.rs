//! The files served as production assets (issue 16): the precompressed
//! `.br`/`.gz` copies by `Accept-Encoding`, strong ETags and 304, the
//! `Cache-Control` of files and API, and CORS for the `--allow-origin`
//! list only. A temporary root with fake package files stands in for
//! `cargo xtask build` (the server never decompresses: fake bytes show
//! which file was sent).

use std::io::{BufRead, BufReader, Read, Write};

use std::process::{Command, Stdio};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, Method, Request, StatusCode};
use banli_core::calendar::parse_date;
use banli_server::{AppState, Catalog, Clock, app};
use http_body_util::BodyExt;
use tower::ServiceExt;

use crate::support::{Backend, FOOD, OFFICIAL_TOKEN, TODAY, TestApp, fixture, root, scratch_dir};

const WASM: &[u8] = b"\0asm identity bytes of the widget module";
const WASM_BR: &[u8] = b"brotli bytes";
const WASM_GZ: &[u8] = b"gzip bytes, longer than brotli";
const PORTAL: &str = "https://portal.example.gov.cn";

/// A root with `www/`, `schemas/` and a widget package with precompressed copies.
fn site() -> tempfile::TempDir {
    let scratch = scratch_dir("site");
    let dir = scratch.path();
    let widget = dir.join("target/pkg/banli-widget");
    std::fs::create_dir_all(&widget).unwrap();
    std::fs::create_dir_all(dir.join("target/pkg/banli-wasm/web")).unwrap();
    std::fs::create_dir_all(dir.join("schemas/calendars")).unwrap();
    std::fs::create_dir_all(dir.join("www")).unwrap();
    for (path, bytes) in [
        ("target/pkg/banli-widget/banli_widget_bg.wasm", WASM),
        ("target/pkg/banli-widget/banli_widget_bg.wasm.br", WASM_BR),
        ("target/pkg/banli-widget/banli_widget_bg.wasm.gz", WASM_GZ),
        // No precompressed copy: identity even when br is accepted.
        ("target/pkg/banli-widget/banli-form.js", b"export {};"),
        ("target/pkg/banli-wasm/web/banli.js", b"export {};"),
        ("schemas/calendars/cn.json", b"{}"),
        ("www/index.html", b"<!doctype html><title>t</title>"),
    ] {
        std::fs::write(dir.join(path), bytes).unwrap();
    }
    scratch
}

async fn router(site: &std::path::Path, origins: &[&str]) -> (TestApp, Router) {
    let test = TestApp::new(Backend::Sqlite).await.unwrap();
    let catalog = Catalog::load_dir(&root().join("schemas/items")).unwrap();
    let origins: Vec<String> = origins.iter().map(|o| (*o).to_owned()).collect();
    let state = AppState::new(
        test.pool.clone(),
        catalog,
        OFFICIAL_TOKEN,
        Clock::Fixed(parse_date(TODAY).unwrap()),
        site.to_path_buf(),
        256 * 1024,
    )
    .with_allowed_origins(&origins);
    (test, app(state))
}

async fn send(
    router: &Router,
    method: Method,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<String>,
) -> (StatusCode, HeaderMap, Bytes) {
    let mut request = Request::builder().method(method).uri(path);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let request = request
        .body(body.map(Body::from).unwrap_or_else(Body::empty))
        .unwrap();
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, headers, bytes)
}

async fn get(
    router: &Router,
    path: &str,
    headers: &[(&str, &str)],
) -> (StatusCode, HeaderMap, Bytes) {
    send(router, Method::GET, path, headers, None).await
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).map(|v| v.to_str().unwrap())
}

/// Every `Vary` value, lower case, as one list.
fn vary(headers: &HeaderMap) -> Vec<String> {
    headers
        .get_all("vary")
        .iter()
        .flat_map(|v| v.to_str().unwrap().split(','))
        .map(|v| v.trim().to_ascii_lowercase())
        .collect()
}

const WIDGET_WASM: &str = "/banli-form/banli_widget_bg.wasm";

#[tokio::test]
async fn the_precompressed_copy_is_sent_for_the_encoding_the_browser_accepts() {
    let scratch = site();
    let site = scratch.path();
    let (_test, router) = router(site, &[]).await;
    for (accept, encoding, body) in [
        (Some("br"), Some("br"), WASM_BR),
        (Some("gzip, deflate, br, zstd"), Some("br"), WASM_BR),
        (Some("gzip"), Some("gzip"), WASM_GZ),
        (Some("br;q=0, gzip"), Some("gzip"), WASM_GZ),
        (Some("identity"), None, WASM),
        (None, None, WASM),
    ] {
        let headers: Vec<(&str, &str)> =
            accept.map(|a| ("accept-encoding", a)).into_iter().collect();
        let (status, headers, bytes) = get(&router, WIDGET_WASM, &headers).await;
        assert_eq!(status, StatusCode::OK, "{accept:?}");
        assert_eq!(header(&headers, "content-encoding"), encoding, "{accept:?}");
        assert_eq!(&bytes[..], body, "{accept:?}");
        assert_eq!(header(&headers, "content-type"), Some("application/wasm"));
        assert!(
            vary(&headers).contains(&"accept-encoding".to_owned()),
            "{accept:?}"
        );
    }
    // No copy beside it: identity, whatever is accepted.
    let (_, headers, bytes) = get(
        &router,
        "/banli-form/banli-form.js",
        &[("accept-encoding", "br, gzip")],
    )
    .await;
    assert_eq!(header(&headers, "content-encoding"), None);
    assert_eq!(&bytes[..], b"export {};");
}

#[tokio::test]
async fn a_known_etag_gets_304_and_a_changed_file_a_new_etag() {
    let scratch = site();
    let site = scratch.path();
    let (_test, router) = router(site, &[]).await;
    let br = [("accept-encoding", "br")];
    let (_, headers, _) = get(&router, WIDGET_WASM, &br).await;
    let etag = header(&headers, "etag").expect("an ETag").to_owned();
    assert!(
        etag.starts_with('"') && !etag.starts_with("W/"),
        "strong: {etag}"
    );

    let (status, headers, bytes) = get(
        &router,
        WIDGET_WASM,
        &[("accept-encoding", "br"), ("if-none-match", &etag)],
    )
    .await;
    assert_eq!(status, StatusCode::NOT_MODIFIED);
    assert!(bytes.is_empty());
    assert_eq!(header(&headers, "etag"), Some(etag.as_str()));
    assert_eq!(header(&headers, "cache-control"), Some("no-cache"));
    assert!(vary(&headers).contains(&"accept-encoding".to_owned()));
    assert!(header(&headers, "content-security-policy").is_some());

    // The identity bytes are another representation with another tag.
    let (_, identity, _) = get(&router, WIDGET_WASM, &[]).await;
    let identity_etag = header(&identity, "etag").unwrap().to_owned();
    assert_ne!(identity_etag, etag);
    let (status, _, bytes) = get(&router, WIDGET_WASM, &[("if-none-match", &etag)]).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "the brotli tag must not validate identity bytes"
    );
    assert_eq!(&bytes[..], WASM);
    let (status, _, _) = get(
        &router,
        WIDGET_WASM,
        &[("if-none-match", &format!("\"x\", {identity_etag}"))],
    )
    .await;
    assert_eq!(status, StatusCode::NOT_MODIFIED);

    // A rebuilt module: the old tag no longer matches.
    std::fs::write(
        site.join("target/pkg/banli-widget/banli_widget_bg.wasm.br"),
        b"new brotli bytes!",
    )
    .unwrap();
    let (status, headers, bytes) = get(
        &router,
        WIDGET_WASM,
        &[("accept-encoding", "br"), ("if-none-match", &etag)],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(&bytes[..], b"new brotli bytes!");
    assert_ne!(header(&headers, "etag"), Some(etag.as_str()));

    // The pages and schemas revalidate the same way; If-None-Match beats If-Modified-Since.
    for path in [
        "/",
        "/index.html",
        "/schemas/calendars/cn.json",
        "/banli-wasm/web/banli.js",
    ] {
        let (status, headers, _) = get(&router, path, &[]).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        let etag = header(&headers, "etag").expect(path).to_owned();
        let last_modified = header(&headers, "last-modified").unwrap().to_owned();
        let (status, _, _) = get(&router, path, &[("if-none-match", &etag)]).await;
        assert_eq!(status, StatusCode::NOT_MODIFIED, "{path}");
        let (status, _, _) = get(
            &router,
            path,
            &[
                ("if-none-match", "\"other\""),
                ("if-modified-since", &last_modified),
            ],
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{path}");
    }
}

#[tokio::test]
async fn files_revalidate_and_the_api_keeps_its_caching() {
    let scratch = site();
    let site = scratch.path();
    let (_test, router) = router(site, &[]).await;
    for path in [
        "/",
        "/index.html",
        "/banli-form/banli-form.js",
        WIDGET_WASM,
        "/banli-wasm/web/banli.js",
        "/schemas/calendars/cn.json",
    ] {
        let (status, headers, _) = get(&router, path, &[("accept-encoding", "br")]).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_eq!(
            header(&headers, "cache-control"),
            Some("no-cache"),
            "{path}"
        );
    }
    for path in [
        "/nowhere.html",
        "/banli-form/nowhere.js",
        "/schemas/nowhere.json",
    ] {
        let (status, headers, body) = get(&router, path, &[("accept-encoding", "br")]).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(header(&headers, "etag"), None, "{path}");
        // Said in both languages, not a blank page.
        assert_eq!(
            header(&headers, "content-type"),
            Some("text/plain; charset=utf-8"),
            "{path}"
        );
        assert_eq!(
            std::str::from_utf8(&body).unwrap(),
            "未找到此文件：请检查地址\nNot found: check the address\n",
            "{path}"
        );
    }

    let envelope = fixture(FOOD, "valid-organisation").to_string();
    let (status, headers, _) = send(
        &router,
        Method::POST,
        "/api/applications",
        &[
            ("content-type", "application/json"),
            ("idempotency-key", "cache-1"),
        ],
        Some(envelope),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(header(&headers, "cache-control"), Some("no-store"));
    assert_eq!(header(&headers, "etag"), None);
    assert_eq!(header(&headers, "content-encoding"), None);
}

#[tokio::test]
async fn an_allowed_origin_gets_cors_headers_and_another_origin_none() {
    let scratch = site();
    let site = scratch.path();
    let (_test, router) = router(site, &[PORTAL, "http://localhost:3000"]).await;

    // The widget, the package, the schemas and the API, read from the portal.
    for path in [
        WIDGET_WASM,
        "/banli-form/banli-form.js",
        "/banli-wasm/web/banli.js",
        "/schemas/calendars/cn.json",
        "/api/items",
    ] {
        let (status, headers, _) = get(&router, path, &[("origin", PORTAL)]).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_eq!(
            header(&headers, "access-control-allow-origin"),
            Some(PORTAL),
            "{path}"
        );
        assert!(vary(&headers).contains(&"origin".to_owned()), "{path}");
        assert_eq!(
            header(&headers, "cross-origin-resource-policy"),
            Some("cross-origin"),
            "{path}"
        );
        assert!(
            header(&headers, "access-control-expose-headers")
                .unwrap()
                .contains("etag")
        );
        assert!(
            header(&headers, "content-security-policy").is_some(),
            "{path}"
        );

        for other in [
            "https://evil.example",
            "https://portal.example.gov.cn.evil.example",
            "null",
        ] {
            let (status, headers, _) = get(&router, path, &[("origin", other)]).await;
            assert_eq!(status, StatusCode::OK, "{path} {other}");
            for (name, _) in &headers {
                assert!(
                    !name.as_str().starts_with("access-control-"),
                    "{path} {other}: {name}"
                );
            }
            assert!(vary(&headers).contains(&"origin".to_owned()), "{path}");
            assert_eq!(
                header(&headers, "cross-origin-resource-policy"),
                Some("same-origin")
            );
        }
    }
    // The demo pages stay same-origin.
    let (_, headers, _) = get(&router, "/index.html", &[("origin", PORTAL)]).await;
    assert_eq!(header(&headers, "access-control-allow-origin"), None);
    assert_eq!(
        header(&headers, "cross-origin-resource-policy"),
        Some("same-origin")
    );

    // The preflight of a submission, then the submission.
    let preflight = |origin: &'static str| {
        [
            ("origin", origin),
            ("access-control-request-method", "POST"),
            (
                "access-control-request-headers",
                "content-type,idempotency-key,authorization",
            ),
        ]
    };
    let (status, headers, _) = send(
        &router,
        Method::OPTIONS,
        "/api/applications",
        &preflight(PORTAL),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(
        header(&headers, "access-control-allow-origin"),
        Some(PORTAL)
    );
    assert!(
        header(&headers, "access-control-allow-methods")
            .unwrap()
            .contains("POST")
    );
    let allowed = header(&headers, "access-control-allow-headers").unwrap();
    for name in ["content-type", "idempotency-key", "authorization"] {
        assert!(allowed.contains(name), "{allowed}");
    }
    assert!(header(&headers, "access-control-max-age").is_some());
    assert!(header(&headers, "content-security-policy").is_some());
    let (status, headers, _) = send(
        &router,
        Method::POST,
        "/api/applications",
        &[
            ("origin", PORTAL),
            ("content-type", "application/json"),
            ("idempotency-key", "cors-1"),
        ],
        Some(fixture(FOOD, "valid-organisation").to_string()),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(
        header(&headers, "access-control-allow-origin"),
        Some(PORTAL)
    );
    assert_eq!(header(&headers, "cache-control"), Some("no-store"));

    let (status, headers, _) = send(
        &router,
        Method::OPTIONS,
        "/api/applications",
        &preflight("https://evil.example"),
        None,
    )
    .await;
    assert_ne!(status, StatusCode::NO_CONTENT);
    for (name, _) in &headers {
        assert!(!name.as_str().starts_with("access-control-"), "{name}");
    }
}

#[tokio::test]
async fn without_an_allow_list_no_origin_gets_cors_headers() {
    let scratch = site();
    let site = scratch.path();
    let (_test, router) = router(site, &[]).await;
    for path in [WIDGET_WASM, "/api/items"] {
        let (_, headers, _) = get(&router, path, &[("origin", PORTAL)]).await;
        for (name, _) in &headers {
            assert!(
                !name.as_str().starts_with("access-control-"),
                "{path}: {name}"
            );
        }
        assert!(!vary(&headers).contains(&"origin".to_owned()), "{path}");
        assert_eq!(
            header(&headers, "cross-origin-resource-policy"),
            Some("same-origin")
        );
    }
}

/// The binary refuses a bad `--allow-origin` (or `BANLI_ALLOW_ORIGIN`)
/// before it starts, naming the value in both languages.
#[test]
fn a_bad_allow_origin_stops_the_start_with_a_clear_message() {
    for (args, env, bad) in [
        (
            vec!["--allow-origin", "https://portal.gov.cn/apply"],
            None,
            "https://portal.gov.cn/apply",
        ),
        (
            vec!["--allow-origin", PORTAL, "--allow-origin", "*"],
            None,
            "*",
        ),
        (
            vec![],
            Some("https://a.gov.cn,ftp://b.gov.cn"),
            "ftp://b.gov.cn",
        ),
    ] {
        let mut command = Command::new(env!("CARGO_BIN_EXE_banli-server"));
        command
            .args(["--port", "0", "--official-token", "t"])
            .args(&args)
            .env_remove("BANLI_ALLOW_ORIGIN")
            .env("DATABASE_URL", "sqlite::memory:");
        if let Some(env) = env {
            command.env("BANLI_ALLOW_ORIGIN", env);
        }
        let output = command.output().unwrap();
        assert!(!output.status.success(), "{args:?} {env:?} started");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(&format!("“{bad}”")), "{stderr}");
        assert!(stderr.contains("不是有效的来源"), "{stderr}");
        assert!(stderr.contains("is not a valid origin"), "{stderr}");
    }
}

/// `BANLI_ALLOW_ORIGIN` reaches the running server: a preflight from a
/// listed origin is answered, over a real socket.
#[test]
fn the_allow_list_from_the_environment_reaches_the_server() {
    let db = tokio::runtime::Runtime::new()
        .unwrap()
        .block_on(crate::support::fresh_db(Backend::Sqlite))
        .unwrap();
    let url = &db.url;
    let mut child = Command::new(env!("CARGO_BIN_EXE_banli-server"))
        .args(["--port", "0", "--official-token", "t"])
        .arg("--root")
        .arg(root())
        .env("DATABASE_URL", url)
        .env(
            "BANLI_ALLOW_ORIGIN",
            "http://localhost:3000, HTTPS://Portal.Example.gov.cn:443",
        )
        .env("BANLI_TODAY", crate::support::tests_today())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let address = loop {
        let line = lines.next().unwrap().unwrap();
        if let Some(rest) = line.strip_prefix("listening on http://") {
            break rest.trim_end_matches('/').to_owned();
        }
    };
    let head = |origin: &str| {
        let mut stream = std::net::TcpStream::connect(&address).unwrap();
        write!(
            stream,
            "OPTIONS /api/applications HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\
             Origin: {origin}\r\nAccess-Control-Request-Method: POST\r\n\r\n"
        )
        .unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        response.to_ascii_lowercase()
    };
    let answers = [
        head(PORTAL),
        head("http://localhost:3000"),
        head("https://evil.example"),
    ];
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(answers[0].starts_with("http/1.1 204"), "{}", answers[0]);
    assert!(
        answers[0].contains(&format!("access-control-allow-origin: {PORTAL}")),
        "{}",
        answers[0]
    );
    assert!(
        answers[1].contains("access-control-allow-origin: http://localhost:3000"),
        "{}",
        answers[1]
    );
    assert!(
        !answers[2].contains("access-control-allow-origin"),
        "{}",
        answers[2]
    );
}
