//! A year whose holidays are not loaded never blocks an application: the
//! real binary, its date fixed in the gap (December 2026, the 2027 notice
//! not loaded), accepts valid applications with their deadlines pending;
//! loading a calendar that covers 2027 (SIGHUP, with requests running)
//! fills in the stored dates, in the application and in the ledger.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use serde_json::Value;

use crate::on_both;
use crate::support::{Backend, FOOD, fixture, fresh_db, http, root};

const TOKEN: &str = "calendar-official";

struct Server {
    child: Child,
    address: String,
    lines: Receiver<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn spawn(url: &str, today: &str, calendar_dir: &std::path::Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_banli-server"))
        .args(["--port", "0", "--official-token", TOKEN, "--today", today])
        .arg("--root")
        .arg(root())
        .arg("--calendar-dir")
        .arg(calendar_dir)
        .env("DATABASE_URL", url)
        .env("RUST_LOG", "warn")
        .env("BANLI_SUBMIT_RATE", "0")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the server binary starts");
    let (send, lines) = channel();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = send.send(line);
        }
    });
    let address = wait_for(&lines, "listening on http://")
        .trim_start_matches("listening on http://")
        .trim_end_matches('/')
        .to_owned();
    Server {
        child,
        address,
        lines,
    }
}

fn wait_for(lines: &Receiver<String>, prefix: &str) -> String {
    loop {
        let line = lines
            .recv_timeout(Duration::from_secs(60))
            .unwrap_or_else(|_| panic!("the server printed no line starting with {prefix}"));
        if line.starts_with(prefix) {
            return line;
        }
    }
}

fn hangup(server: &Server) {
    let status = Command::new("kill")
        .args(["-HUP", &server.child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    wait_for(&server.lines, "calendars reloaded");
}

fn submit(server: &Server, name: &str) -> Value {
    let (status, body) = http(
        &server.address,
        "POST",
        "/api/applications",
        &[],
        &fixture(FOOD, name).to_string(),
    )
    .unwrap();
    assert_eq!(status, 201, "{body}");
    body
}

fn show(server: &Server, submitted: &Value) -> Value {
    let path = format!(
        "/api/applications/{}",
        submitted["receipt"].as_str().unwrap()
    );
    let token = submitted["access_token"].as_str().unwrap();
    let (status, body) = http(
        &server.address,
        "GET",
        &path,
        &[("Authorization", &format!("Bearer {token}"))],
        "",
    )
    .unwrap();
    assert_eq!(status, 200, "{body}");
    body
}

fn ledger(server: &Server) -> Vec<Value> {
    let (status, body) = http(
        &server.address,
        "GET",
        "/api/commitments",
        &[("Authorization", &format!("Bearer {TOKEN}"))],
        "",
    )
    .unwrap();
    assert_eq!(status, 200, "{body}");
    body["commitments"].as_array().unwrap().clone()
}

/// An empty folder of its own for one test's calendar files, removed at
/// the end of the test.
fn calendar_dir() -> tempfile::TempDir {
    crate::support::scratch_dir("calendars")
}

fn install_test_calendar(dir: &std::path::Path) {
    std::fs::copy(
        root().join("tests/fixtures/calendars/cn-2027-test.json"),
        dir.join("cn-2027-test.json"),
    )
    .unwrap();
}

async fn a_valid_application_in_the_gap_is_accepted_and_dated_after_reload(backend: Backend) {
    let Some(db) = fresh_db(backend).await else {
        return;
    };
    let url = &db.url;
    let scratch = calendar_dir();
    let dir = scratch.path();
    let server = spawn(url, "2026-12-10", dir);

    let (status, health) = http(&server.address, "GET", "/api/health", &[], "").unwrap();
    assert_eq!(status, 200);
    assert_eq!(health["calendar"]["coverage"]["days_left"], 21);
    assert_eq!(health["calendar"]["coverage"]["ends_soon"], true);
    assert!(
        health["calendar"]["warning"]["zh-CN"]
            .as_str()
            .unwrap()
            .contains("2026-12-31")
    );

    let valid = submit(&server, "valid-organisation");
    assert_eq!(valid["status"], "valid");
    let deadlines = &valid["deadlines"];
    assert_eq!(deadlines["accepted_on"], "2026-12-10");
    assert!(deadlines.get("statutory").is_none(), "{deadlines}");
    let pending = &deadlines["pending"][0];
    assert_eq!(pending["deadline"], "statutory");
    assert_eq!(pending["working_days"], 20);
    assert_eq!(pending["year"], 2027);
    assert_eq!(pending["code"], "calendar.year_not_covered");
    assert_eq!(show(&server, &valid)["deadlines"]["statutory"], Value::Null);

    // Load the (made-up) 2027 calendar while requests keep coming: none fails.
    install_test_calendar(dir);
    let stop = Arc::new(AtomicBool::new(false));
    let (ok, failed) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let envelope = fixture(FOOD, "valid-organisation").to_string();
    let clients: Vec<_> = (0..2)
        .map(|_| {
            let (address, envelope) = (server.address.clone(), envelope.clone());
            let (stop, ok, failed) = (stop.clone(), ok.clone(), failed.clone());
            std::thread::spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    match http(&address, "POST", "/api/validate", &[], &envelope) {
                        Ok((200, _)) => ok.fetch_add(1, Ordering::Relaxed),
                        _ => failed.fetch_add(1, Ordering::Relaxed),
                    };
                }
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(200));
    hangup(&server);
    std::thread::sleep(Duration::from_millis(200));
    stop.store(true, Ordering::Relaxed);
    for client in clients {
        client.join().unwrap();
    }
    assert_eq!(
        failed.load(Ordering::Relaxed),
        0,
        "requests failed during the reload"
    );
    assert!(ok.load(Ordering::Relaxed) > 0);

    // The stored application now has its date (20 working days on the test calendar).
    let stored = show(&server, &valid);
    assert_eq!(stored["deadlines"]["statutory"], "2027-01-08", "{stored}");
    assert_eq!(stored["deadlines"]["pending"], serde_json::json!([]));
    let (_, health) = http(&server.address, "GET", "/api/health", &[], "").unwrap();
    assert_eq!(
        health["calendar"]["coverage"]["last_covered_day"],
        "2027-12-31"
    );
    assert_eq!(health["calendar"]["warning"], Value::Null);
}
on_both!(a_valid_application_in_the_gap_is_accepted_and_dated_after_reload);

async fn a_pending_due_date_is_undetermined_in_the_ledger_until_the_year_is_loaded(
    backend: Backend,
) {
    let Some(db) = fresh_db(backend).await else {
        return;
    };
    let url = &db.url;
    let scratch = calendar_dir();
    let dir = scratch.path();
    // Accepted on Tue 2026-12-29: 3 working days end in 2027.
    let server = spawn(url, "2026-12-29", dir);
    let deferred = submit(&server, "deferred-floor-plan");
    assert_eq!(deferred["status"], "valid_with_commitments");
    let kinds: Vec<&str> = deferred["deadlines"]["pending"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["deadline"].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"deferred_due"), "{kinds:?}");
    let document = &deferred["report"]["commitments"][0];
    assert_eq!(document["due_pending_year"], 2027);
    assert!(
        document["text"]["zh-CN"]
            .as_str()
            .unwrap()
            .contains("受理之日起3个工作日内（工作日按国家公布的节假日安排计算，2027年节假日安排公布后确定具体日期）"),
        "{document}"
    );
    let row = ledger(&server).remove(0);
    assert_eq!(row["status"], "undetermined", "{row}");
    assert_eq!(row["due"], Value::Null);
    assert_eq!(row["due_pending_working_days"], 3);

    install_test_calendar(dir);
    hangup(&server);
    let row = ledger(&server).remove(0);
    // 12-30, 12-31, then Mon 2027-01-04 (01-01..03 off on the test calendar).
    assert_eq!(row["due"], "2027-01-04", "{row}");
    // Three working days left (12-30, 12-31, 01-04): pending, not yet due soon.
    assert_eq!(row["status"], "pending");
    assert_eq!(
        show(&server, &deferred)["deadlines"]["deferred_due"],
        "2027-01-04"
    );
}
on_both!(a_pending_due_date_is_undetermined_in_the_ledger_until_the_year_is_loaded);

#[test]
fn a_calendar_file_that_does_not_load_stops_the_start_with_every_problem() {
    let scratch = calendar_dir();
    let dir = scratch.path();
    std::fs::write(
        dir.join("broken.json"),
        r#"{"format": "banli-calendar/1", "region": "CN", "name": "x", "years": [{"year": 2027, "holidays": [{"from": "2027-02-30", "to": "2027-02-01", "name": "春节"}]}]}"#,
    )
    .unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_banli-server"))
        .args(["--port", "0", "--database-url", "sqlite::memory:"])
        .arg("--root")
        .arg(root())
        .arg("--calendar-dir")
        .arg(dir)
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("broken.json"), "{stderr}");
    assert!(stderr.contains("/years/0/holidays/0/from"), "{stderr}");
    assert!(stderr.contains("calendar.date"), "{stderr}");
}
