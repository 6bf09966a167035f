//! The binary itself: killed with SIGKILL in the middle of a stream of
//! submissions, it loses no application and no bundle application it
//! acknowledged, and never keeps part of a bundle; killed in the middle of
//! 补交 uploads and decisions, it loses none it acknowledged. Two of them
//! on one database behave as one. On SQLite and on PostgreSQL.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::on_both;
use crate::support::{
    Backend, FOOD, FreshDb, fixture, fresh_db, http, http_bearer_get, http_with_head, root,
};

/// `banli-server` on a free port, the database at `url`, the tests' date,
/// the officials' token `token`.
fn server(url: &str, token: &str) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_banli-server"));
    command
        .args(["--port", "0", "--official-token", token])
        .arg("--root")
        .arg(root())
        .env("DATABASE_URL", url)
        .env("BANLI_TODAY", crate::support::tests_today());
    command
}

/// Starts `banli-server` on a free port; returns the child and its address.
pub fn spawn(url: &str) -> (Child, String) {
    let mut child = server(url, "durability")
        .env("RUST_LOG", "warn")
        .env("BANLI_SUBMIT_RATE", "0")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the server binary starts");
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let address = loop {
        let line = lines
            .next()
            .expect("the server prints its address")
            .unwrap();
        if let Some(rest) = line.strip_prefix("listening on http://") {
            break rest.trim_end_matches('/').to_owned();
        }
    };
    // Keep draining stdout so the child never blocks on a full pipe.
    std::thread::spawn(move || lines.for_each(drop));
    (child, address)
}

#[test]
fn a_log_written_to_a_pipe_has_no_colour_codes() {
    let dir = crate::support::scratch_dir("log");
    let url = format!("sqlite://{}/banli.db?mode=rwc", dir.path().display());
    let mut child = server(&url, "log")
        .env("RUST_LOG", "info")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the server binary starts");
    let stderr = child.stderr.take().unwrap();
    let first = BufReader::new(stderr)
        .lines()
        .next()
        .expect("the server logs")
        .unwrap();
    let _ = child.kill();
    let _ = child.wait();
    assert!(first.contains("INFO") || first.contains("WARN"), "{first}");
    assert!(!first.contains('\u{1b}'), "{first:?}");
}

async fn sigkill_loses_no_acknowledged_application(backend: Backend) {
    let Some((db, mut child, address)) = started(backend).await else {
        return;
    };
    let url = &db.url;
    let envelope = fixture(FOOD, "deferred-floor-plan").to_string();
    let bundle = fixture("bundles/open-restaurant", "deferred-floor-plan").to_string();
    let acknowledged = Arc::new(Mutex::new(Vec::<(String, String)>::new()));
    let bundles = Arc::new(Mutex::new(Vec::<(String, String)>::new()));
    let stop = Arc::new(AtomicBool::new(false));
    // Writers 0 and 2 submit single items, 1 and 3 bundles of three.
    let writers: Vec<_> = (0..4)
        .map(|w| {
            let (address, stop) = (address.clone(), stop.clone());
            let (path, body, acknowledged) = if w % 2 == 0 {
                ("/api/applications", envelope.clone(), acknowledged.clone())
            } else {
                ("/api/bundle-applications", bundle.clone(), bundles.clone())
            };
            std::thread::spawn(move || {
                let mut n = 0;
                while !stop.load(Ordering::Relaxed) {
                    n += 1;
                    let key = format!("w{w}-{n}");
                    // A failed request (the server died mid-request) is
                    // not acknowledged.
                    if let Ok((201, body)) =
                        http(&address, "POST", path, &[("Idempotency-Key", &key)], &body)
                    {
                        acknowledged.lock().unwrap().push((
                            body["receipt"].as_str().unwrap().to_owned(),
                            body["access_token"].as_str().unwrap().to_owned(),
                        ));
                    }
                }
            })
        })
        .collect();
    let (acknowledged, bundles) = kill_mid_stream(
        &mut child,
        Stream {
            stop: &stop,
            writers,
            acknowledged: (&acknowledged, &bundles),
            enough: (30, 15),
            at_least: (10, 5),
            names: ("applications", "bundles"),
        },
    );
    every_stored_bundle_is_whole(url).await;

    let (child, address) = spawn(url);
    for (receipt, token) in &acknowledged {
        let (status, body) =
            http_bearer_get(&address, &format!("/api/applications/{receipt}"), token).unwrap();
        assert_eq!(
            status, 200,
            "acknowledged {receipt} lost after SIGKILL: {body}"
        );
        assert_eq!(
            body["commitments"][0]["due"].as_str().map(str::len),
            Some(10)
        );
    }
    for (receipt, token) in &bundles {
        let (status, body) = http_bearer_get(
            &address,
            &format!("/api/bundle-applications/{receipt}"),
            token,
        )
        .unwrap();
        assert_eq!(
            status, 200,
            "acknowledged {receipt} lost after SIGKILL: {body}"
        );
        assert_eq!(body["members"].as_array().map(Vec::len), Some(3), "{body}");
        assert_eq!(
            body["members"][1]["commitments"][0]["due"]
                .as_str()
                .map(str::len),
            Some(10)
        );
    }
    survived(
        backend,
        child,
        &format!(
            "{} acknowledged applications and {} bundles",
            acknowledged.len(),
            bundles.len()
        ),
    );
}
on_both!(sigkill_loses_no_acknowledged_application);

/// Issue 20: an applicant's 补交 upload and an official's decision, once
/// acknowledged, survive a SIGKILL that lands while others are in flight.
async fn sigkill_loses_no_acknowledged_upload_or_decision(backend: Backend) {
    let Some((db, mut child, address)) = started(backend).await else {
        return;
    };
    let url = &db.url;
    let envelope = fixture(FOOD, "deferred-floor-plan").to_string();
    let applications: Vec<(String, String)> = (0..120)
        .map(|n| {
            let key = format!("app-{n}");
            let (status, body) = http(
                &address,
                "POST",
                "/api/applications",
                &[("Idempotency-Key", &key)],
                &envelope,
            )
            .unwrap();
            assert_eq!(status, 201, "{body}");
            (
                body["receipt"].as_str().unwrap().to_owned(),
                body["access_token"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let applications = Arc::new(applications);
    let uploads = Arc::new(Mutex::new(Vec::<usize>::new()));
    let decisions = Arc::new(Mutex::new(Vec::<usize>::new()));
    let stop = Arc::new(AtomicBool::new(false));
    // Two writers, each on every other application: the applicant hands
    // the floor plan in, then the official decides with the shared token.
    let writers: Vec<_> = (0..2)
        .map(|w| {
            let (address, stop, applications) =
                (address.clone(), stop.clone(), applications.clone());
            let (uploads, decisions) = (uploads.clone(), decisions.clone());
            std::thread::spawn(move || {
                for (i, (receipt, token)) in applications.iter().enumerate().skip(w).step_by(2) {
                    let steps = [
                        (
                            format!("/api/applications/{receipt}/materials/floor-plan/supplements"),
                            format!("Bearer {token}"),
                            upload(i).to_string(),
                            &uploads,
                        ),
                        (
                            format!("/api/applications/{receipt}/decision"),
                            "Bearer durability".to_owned(),
                            r#"{"decision": "approved"}"#.to_owned(),
                            &decisions,
                        ),
                    ];
                    for (path, auth, body, acknowledged) in steps {
                        if stop.load(Ordering::Relaxed) {
                            return;
                        }
                        // A failed request (the server died mid-request)
                        // is not acknowledged.
                        if let Ok((200 | 201, _)) =
                            http(&address, "POST", &path, &[("Authorization", &auth)], &body)
                        {
                            acknowledged.lock().unwrap().push(i);
                        }
                    }
                }
            })
        })
        .collect();
    let (uploads, decisions) = kill_mid_stream(
        &mut child,
        Stream {
            stop: &stop,
            writers,
            acknowledged: (&uploads, &decisions),
            enough: (20, 20),
            at_least: (10, 10),
            names: ("uploads", "decisions"),
        },
    );
    assert!(
        uploads.len() < applications.len() && decisions.len() < applications.len(),
        "the kill came after every request: it tested nothing"
    );

    let (child, address) = spawn(url);
    let view = |i: usize| {
        let (receipt, token) = &applications[i];
        let (status, body) =
            http_bearer_get(&address, &format!("/api/applications/{receipt}"), token).unwrap();
        assert_eq!(status, 200, "{body}");
        body
    };
    for &i in &uploads {
        let body = view(i);
        let files = &body["deferred_materials"][0]["uploads"];
        assert!(
            files
                .as_array()
                .is_some_and(|files| files.iter().any(|f| f.to_string().contains(&sha(i)))),
            "acknowledged upload {i} lost after SIGKILL: {body}"
        );
    }
    for &i in &decisions {
        let body = view(i);
        assert_eq!(
            body["decision"]["decision"], "approved",
            "acknowledged decision {i} lost after SIGKILL: {body}"
        );
    }
    survived(
        backend,
        child,
        &format!(
            "{} acknowledged uploads and {} decisions",
            uploads.len(),
            decisions.len()
        ),
    );
}
on_both!(sigkill_loses_no_acknowledged_upload_or_decision);

/// Issue 20: two `banli-server` processes on loopback ports and one
/// database behave as one: an official's session opened on one is valid on
/// the other, and the same upload slot or decision sent to both at once is
/// taken once.
async fn two_instances_on_one_database_behave_as_one(backend: Backend) {
    let Some(db) = fresh_db(backend).await else {
        return;
    };
    let url = &db.url;
    // The first account, as a deployment adds it.
    let mut add = Command::new(env!("CARGO_BIN_EXE_banli-server"))
        .args([
            "officials",
            "add",
            "--login",
            "li",
            "--name",
            "李审核",
            "--role",
            "review",
        ])
        .env("DATABASE_URL", url)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut stdin = add.stdin.take().unwrap();
        stdin.write_all(b"a-password-long-enough\n").unwrap();
    }
    assert!(add.wait().unwrap().success(), "officials add");
    let (mut one, first) = spawn(url);
    let (mut two, second) = spawn(url);

    let (status, accepted) = http(
        &first,
        "POST",
        "/api/applications",
        &[("Idempotency-Key", "two-instances")],
        &fixture(FOOD, "deferred-floor-plan").to_string(),
    )
    .unwrap();
    assert_eq!(status, 201, "{accepted}");
    let receipt = accepted["receipt"].as_str().unwrap().to_owned();
    let token = accepted["access_token"].as_str().unwrap().to_owned();

    // A session opened on the first instance is valid on the second.
    let (status, head, login) = http_with_head(
        &first,
        "POST",
        "/api/officials/login",
        &[],
        r#"{"login": "li", "password": "a-password-long-enough"}"#,
    )
    .unwrap();
    assert_eq!(status, 200, "{login}");
    let cookie: Vec<&str> = head
        .lines()
        .filter_map(|line| line.strip_prefix("set-cookie: "))
        .filter_map(|c| c.split(';').next())
        .collect();
    assert_eq!(cookie.len(), 2, "{head}");
    let cookie = cookie.join("; ");
    let csrf = login["csrf_token"].as_str().unwrap().to_owned();
    let (status, me) = http(
        &second,
        "GET",
        "/api/officials/me",
        &[("Cookie", &cookie)],
        "",
    )
    .unwrap();
    assert_eq!((status, me["login"].as_str()), (200, Some("li")), "{me}");

    // One upload slot and one decision, each sent to both at once.
    let race = |path: String, bodies: [String; 2], headers: Vec<(String, String)>| {
        let threads: Vec<_> = [first.clone(), second.clone()]
            .into_iter()
            .zip(bodies)
            .map(|(address, body)| {
                let (path, headers) = (path.clone(), headers.clone());
                std::thread::spawn(move || {
                    let headers: Vec<(&str, &str)> = headers
                        .iter()
                        .map(|(n, v)| (n.as_str(), v.as_str()))
                        .collect();
                    http(&address, "POST", &path, &headers, &body).unwrap()
                })
            })
            .collect();
        let mut statuses: Vec<u16> = threads.into_iter().map(|t| t.join().unwrap().0).collect();
        statuses.sort_unstable();
        statuses
    };
    let statuses = race(
        format!("/api/applications/{receipt}/materials/floor-plan/supplements"),
        [upload(1).to_string(), upload(2).to_string()],
        vec![("Authorization".into(), format!("Bearer {token}"))],
    );
    assert_eq!(
        statuses,
        [201, 409],
        "one upload waits for review at a time"
    );
    let statuses = race(
        format!("/api/applications/{receipt}/decision"),
        [
            r#"{"decision": "approved"}"#.to_owned(),
            r#"{"decision": "refused", "reason": "材料不符"}"#.to_owned(),
        ],
        vec![
            ("Cookie".into(), cookie.clone()),
            ("X-CSRF-Token".into(), csrf.clone()),
        ],
    );
    assert_eq!(statuses, [200, 409], "a decision is final");

    for address in [&first, &second] {
        let (status, view) =
            http_bearer_get(address, &format!("/api/applications/{receipt}"), &token).unwrap();
        assert_eq!(status, 200, "{view}");
        assert_eq!(
            view["deferred_materials"][0]["uploads"]
                .as_array()
                .map(Vec::len),
            Some(1),
            "{view}"
        );
        assert!(view["decision"]["decision"].is_string(), "{view}");
    }
    for child in [&mut one, &mut two] {
        child.kill().unwrap();
        child.wait().unwrap();
    }
}
on_both!(two_instances_on_one_database_behave_as_one);

/// The SHA-256 the test gives the `i`th application's upload.
fn sha(i: usize) -> String {
    format!("{i:064x}")
}

/// A file reference as the widget's upload hook gives it.
fn upload(i: usize) -> serde_json::Value {
    serde_json::json!({"name": format!("平面图-{i}.pdf"), "size": 2048, "sha256": sha(i), "type": "application/pdf"})
}

/// A fresh database for `backend` and the binary on it: the database URL,
/// the child and its address; `None` where PostgreSQL is not configured.
async fn started(backend: Backend) -> Option<(FreshDb, Child, String)> {
    let db = fresh_db(backend).await?;
    let (child, address) = spawn(&db.url);
    Some((db, child, address))
}

/// Says what survived the kill, and stops the restarted server.
fn survived(backend: Backend, mut child: Child, what: &str) {
    eprintln!("{backend:?}: {what} survived SIGKILL");
    child.kill().unwrap();
    child.wait().unwrap();
}

/// What the writers acknowledge, of two kinds.
type Acknowledged<T> = Arc<Mutex<Vec<T>>>;

/// A stream of requests of two kinds sent by `writers` until `stop`.
struct Stream<'a, A, B> {
    stop: &'a AtomicBool,
    writers: Vec<std::thread::JoinHandle<()>>,
    /// Where the writers record the requests the server acknowledged.
    acknowledged: (&'a Acknowledged<A>, &'a Acknowledged<B>),
    /// How many of each kind to wait for before the kill.
    enough: (usize, usize),
    /// How many of each kind make the test meaningful.
    at_least: (usize, usize),
    /// The kinds' names, for the failure message.
    names: (&'static str, &'static str),
}

/// Lets `stream` build up until it has `enough` of each kind (at most
/// 20 s), then kills the server with SIGKILL while requests are in flight,
/// stops and joins the writers, and returns what was acknowledged (at
/// least `at_least` of each kind).
fn kill_mid_stream<A: Clone, B: Clone>(
    child: &mut Child,
    stream: Stream<'_, A, B>,
) -> (Vec<A>, Vec<B>) {
    let (first, second) = stream.acknowledged;
    let counts = || (first.lock().unwrap().len(), second.lock().unwrap().len());
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while std::time::Instant::now() < deadline {
        let (a, b) = counts();
        if a >= stream.enough.0 && b >= stream.enough.1 {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().expect("SIGKILL");
    child.wait().unwrap();
    stream.stop.store(true, Ordering::Relaxed);
    for writer in stream.writers {
        writer.join().unwrap();
    }
    let (first, second) = (
        first.lock().unwrap().clone(),
        second.lock().unwrap().clone(),
    );
    assert!(
        first.len() >= stream.at_least.0 && second.len() >= stream.at_least.1,
        "only {} {} and {} {} acknowledged",
        first.len(),
        stream.names.0,
        second.len(),
        stream.names.1
    );
    (first, second)
}

/// Straight from the database the killed server left: every bundle
/// application has its three member applications, and no member
/// application is without its bundle (acknowledged or not).
async fn every_stored_bundle_is_whole(url: &str) {
    use sqlx::Row;
    let pool = banli_server::db::connect(url).await.unwrap();
    let counts = sqlx::query(
        "SELECT b.receipt, COUNT(a.receipt) AS n FROM bundle_applications b \
         LEFT JOIN applications a ON a.bundle_receipt = b.receipt GROUP BY b.receipt",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert!(!counts.is_empty(), "no bundle was stored before the kill");
    for row in &counts {
        let receipt: String = row.try_get("receipt").unwrap();
        let n: i64 = row.try_get("n").unwrap();
        assert_eq!(n, 3, "bundle {receipt} kept {n} of its 3 members");
    }
    let orphans: i64 = sqlx::query(
        "SELECT COUNT(*) AS n FROM applications a WHERE a.bundle_receipt IS NOT NULL \
         AND NOT EXISTS (SELECT 1 FROM bundle_applications b WHERE b.receipt = a.bundle_receipt)",
    )
    .fetch_one(&pool)
    .await
    .unwrap()
    .try_get("n")
    .unwrap();
    assert_eq!(orphans, 0, "member applications without their bundle");
    pool.close().await;
}
