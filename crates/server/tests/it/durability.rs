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
use crate::support::{Backend, FOOD, fixture, fresh_url, http, http_with_head, root};

/// Starts `banli-server` on a free port; returns the child and its address.
pub fn spawn(url: &str) -> (Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_banli-server"))
        .args(["--port", "0", "--official-token", "durability"])
        .arg("--root")
        .arg(root())
        .env("DATABASE_URL", url)
        .env("RUST_LOG", "warn")
        .env("BANLI_SUBMIT_RATE", "0")
        .env("BANLI_TODAY", crate::support::tests_today())
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

async fn sigkill_loses_no_acknowledged_application(backend: Backend) {
    let Some(url) = fresh_url(backend).await else {
        return;
    };
    let (mut child, address) = spawn(&url);
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
    kill_mid_stream(
        &mut child,
        || acknowledged.lock().unwrap().len() >= 30 && bundles.lock().unwrap().len() >= 15,
        &stop,
        writers,
    );
    let acknowledged = acknowledged.lock().unwrap().clone();
    let bundles = bundles.lock().unwrap().clone();
    assert!(
        acknowledged.len() >= 10 && bundles.len() >= 5,
        "only {} applications and {} bundles acknowledged",
        acknowledged.len(),
        bundles.len()
    );
    every_stored_bundle_is_whole(&url).await;

    let (mut child, address) = spawn(&url);
    for (receipt, token) in &acknowledged {
        let auth = format!("Bearer {token}");
        let (status, body) = http(
            &address,
            "GET",
            &format!("/api/applications/{receipt}"),
            &[("Authorization", &auth)],
            "",
        )
        .unwrap();
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
        let auth = format!("Bearer {token}");
        let (status, body) = http(
            &address,
            "GET",
            &format!("/api/bundle-applications/{receipt}"),
            &[("Authorization", &auth)],
            "",
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
    eprintln!(
        "{backend:?}: {} acknowledged applications and {} bundles survived SIGKILL",
        acknowledged.len(),
        bundles.len()
    );
    child.kill().unwrap();
    child.wait().unwrap();
}
on_both!(sigkill_loses_no_acknowledged_application);

/// Issue 20: an applicant's 补交 upload and an official's decision, once
/// acknowledged, survive a SIGKILL that lands while others are in flight.
async fn sigkill_loses_no_acknowledged_upload_or_decision(backend: Backend) {
    let Some(url) = fresh_url(backend).await else {
        return;
    };
    let (mut child, address) = spawn(&url);
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
    kill_mid_stream(
        &mut child,
        || uploads.lock().unwrap().len() >= 20 && decisions.lock().unwrap().len() >= 20,
        &stop,
        writers,
    );
    let uploads = uploads.lock().unwrap().clone();
    let decisions = decisions.lock().unwrap().clone();
    assert!(
        uploads.len() >= 10 && decisions.len() >= 10,
        "only {} uploads and {} decisions acknowledged",
        uploads.len(),
        decisions.len()
    );
    assert!(
        uploads.len() < applications.len() && decisions.len() < applications.len(),
        "the kill came after every request: it tested nothing"
    );

    let (mut child, address) = spawn(&url);
    let view = |i: usize| {
        let (receipt, token) = &applications[i];
        let auth = format!("Bearer {token}");
        let (status, body) = http(
            &address,
            "GET",
            &format!("/api/applications/{receipt}"),
            &[("Authorization", &auth)],
            "",
        )
        .unwrap();
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
    eprintln!(
        "{backend:?}: {} acknowledged uploads and {} decisions survived SIGKILL",
        uploads.len(),
        decisions.len()
    );
    child.kill().unwrap();
    child.wait().unwrap();
}
on_both!(sigkill_loses_no_acknowledged_upload_or_decision);

/// Issue 20: two `banli-server` processes on loopback ports and one
/// database behave as one: an official's session opened on one is valid on
/// the other, and the same upload slot or decision sent to both at once is
/// taken once.
async fn two_instances_on_one_database_behave_as_one(backend: Backend) {
    let Some(url) = fresh_url(backend).await else {
        return;
    };
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
        .env("DATABASE_URL", &url)
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
    let (mut one, first) = spawn(&url);
    let (mut two, second) = spawn(&url);

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

    let auth = format!("Bearer {token}");
    for address in [&first, &second] {
        let (status, view) = http(
            address,
            "GET",
            &format!("/api/applications/{receipt}"),
            &[("Authorization", &auth)],
            "",
        )
        .unwrap();
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

/// Lets a stream of requests build up until `enough` (at most 20 s), then
/// kills the server with SIGKILL while requests are in flight, and stops
/// and joins the writers.
fn kill_mid_stream(
    child: &mut Child,
    enough: impl Fn() -> bool,
    stop: &AtomicBool,
    writers: Vec<std::thread::JoinHandle<()>>,
) {
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while !enough() && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().expect("SIGKILL");
    child.wait().unwrap();
    stop.store(true, Ordering::Relaxed);
    for writer in writers {
        writer.join().unwrap();
    }
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
