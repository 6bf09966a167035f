//! The soak test: clients submit continuously (retrying with the same
//! `Idempotency-Key` until they get an answer, as a portal does) while the
//! server binary is restarted again and again, gracefully (SIGTERM) and
//! not (SIGKILL). Afterwards every acknowledged application is in the
//! database exactly once, under its key. Bounded: about half a minute,
//! loopback only, on SQLite and on PostgreSQL when configured.

use std::process::{Child, Command};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use banli_server::db;
use sqlx::Row;

use crate::durability::spawn;
use crate::on_both;
use crate::support::{Backend, FOOD, fixture, fresh_db, http};

const WRITERS: usize = 3;
const RESTARTS: usize = 4;
/// How long the server runs between restarts.
const UP: Duration = Duration::from_secs(5);

fn stop(child: &mut Child, graceful: bool) {
    if graceful {
        let status = Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success());
    } else {
        child.kill().expect("SIGKILL");
    }
    child.wait().unwrap();
}

async fn soak_restarts_lose_and_duplicate_nothing(backend: Backend) {
    let Some(db) = fresh_db(backend).await else {
        return;
    };
    let url = &db.url;
    let (mut child, address) = spawn(url);
    let address = Arc::new(Mutex::new(address));
    let envelope = fixture(FOOD, "deferred-floor-plan").to_string();
    // (idempotency key, receipt) of every acknowledged submission.
    let acknowledged = Arc::new(Mutex::new(Vec::<(String, String)>::new()));
    let attempted = Arc::new(Mutex::new(0usize));
    let done = Arc::new(AtomicBool::new(false));
    let writers: Vec<_> = (0..WRITERS)
        .map(|w| {
            let (address, envelope, done) = (address.clone(), envelope.clone(), done.clone());
            let (acknowledged, attempted) = (acknowledged.clone(), attempted.clone());
            std::thread::spawn(move || {
                let mut n = 0;
                'keys: while !done.load(Ordering::Relaxed) {
                    n += 1;
                    let key = format!("soak-{w}-{n}");
                    *attempted.lock().unwrap() += 1;
                    loop {
                        let target = address.lock().unwrap().clone();
                        match http(
                            &target,
                            "POST",
                            "/api/applications",
                            &[("Idempotency-Key", &key)],
                            &envelope,
                        ) {
                            Ok((201 | 200, body)) => {
                                let receipt = body["receipt"].as_str().unwrap().to_owned();
                                acknowledged.lock().unwrap().push((key, receipt));
                                break;
                            }
                            Ok((status, body)) if status < 500 => {
                                panic!("{key}: unexpected {status}: {body}")
                            }
                            // Down, restarting, or killed mid-request: retry the same key.
                            _ => {
                                if done.load(Ordering::Relaxed) {
                                    break 'keys;
                                }
                                std::thread::sleep(Duration::from_millis(20));
                            }
                        }
                    }
                }
            })
        })
        .collect();

    let started = Instant::now();
    for restart in 0..RESTARTS {
        std::thread::sleep(UP);
        stop(&mut child, restart % 2 == 0);
        let (next, next_address) = spawn(url);
        child = next;
        *address.lock().unwrap() = next_address;
    }
    std::thread::sleep(UP);
    done.store(true, Ordering::Relaxed);
    for writer in writers {
        writer.join().unwrap();
    }
    stop(&mut child, true);
    let acknowledged = acknowledged.lock().unwrap().clone();
    let attempted = *attempted.lock().unwrap();
    assert!(
        acknowledged.len() >= 20,
        "only {} acknowledged in {:?}",
        acknowledged.len(),
        started.elapsed()
    );

    let pool = db::connect(url).await.unwrap();
    for (key, receipt) in &acknowledged {
        let rows = sqlx::query("SELECT receipt FROM applications WHERE idempotency_key = $1")
            .bind(key)
            .fetch_all(&pool)
            .await
            .unwrap();
        let receipts: Vec<String> = rows.iter().map(|r| r.get("receipt")).collect();
        assert_eq!(receipts, std::slice::from_ref(receipt), "{key}");
    }
    let stored = db::count_applications(&pool).await.unwrap();
    let stored = usize::try_from(stored).unwrap();
    // Unacknowledged keys (given up when the test stopped) may or may not
    // have been stored, but never more than once.
    assert!(
        stored >= acknowledged.len() && stored <= attempted,
        "{stored} stored, {} acknowledged, {attempted} attempted",
        acknowledged.len()
    );
    pool.close().await;
    eprintln!(
        "{backend:?}: {} acknowledged across {RESTARTS} restarts in {:?}, each stored once",
        acknowledged.len(),
        started.elapsed()
    );
}
on_both!(soak_restarts_lose_and_duplicate_nothing);
