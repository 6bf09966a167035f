//! The outbox of reminders and notices (至少一次: at least once). Which
//! reminders are due is the core's `followup::reminders::due_on`, run once
//! a day over every open deferral; each is queued under the core's key, so
//! it is queued once however many instances run the rule, and after a
//! restart. Notices of events (a material returned, a decision made) are
//! queued by the action itself, in its transaction, under
//! `reminders::event_key`.
//!
//! A background task delivers what is due to the configured webhook
//! (`--webhook-url`, plain HTTP/1.1 `POST` of the notice's JSON, with the
//! key in `Idempotency-Key` so the receiver can drop a repeat): a notice is
//! claimed for a lease (`FOR UPDATE SKIP LOCKED` on PostgreSQL, so
//! instances share the work), marked delivered on a 2xx answer, and retried
//! with a growing delay otherwise; one left by a crash is taken again when
//! its lease ends.

use std::time::Duration;

use banli_core::Text;
use banli_core::calendar::{format_date, parse_date};
use banli_core::followup::reminders::{self, ReminderKind};
use banli_core::ledger::{Due, Resolution};
use banli_core::messages::followup as text;
use http_body_util::{BodyExt, Full};
use hyper_util::rt::TokioIo;
use serde_json::{Value, json};
use time::Date;

use crate::db::{self, OutboxRow};
use crate::{AppState, officials};

/// How a deployment delivers notices.
#[derive(Debug, Clone)]
pub struct OutboxConfig {
    /// `http://host[:port]/path`; no delivery (notices stay queued) without it.
    pub webhook: Option<String>,
    /// Warn this many working days before a due date.
    pub days_before: u32,
    /// How often the task looks for notices to deliver.
    pub poll: Duration,
}

/// How long a claimed notice is someone's, in seconds.
pub const LEASE_SECONDS: i64 = 120;
/// How long one delivery may take.
pub const DELIVERY_TIMEOUT: Duration = Duration::from_secs(10);

/// The delay before the next attempt after `attempts` failed ones, in
/// seconds: 30 s, doubling, at most an hour.
pub fn backoff(attempts: i64) -> i64 {
    let exponent = u32::try_from(attempts.clamp(1, 8) - 1).unwrap_or(0);
    (30_i64 << exponent).min(3600)
}

/// A notice row for `payload` (which gets `key`, `kind` and `receipt`).
pub fn notice(
    key: String,
    kind: ReminderKind,
    receipt: &str,
    mut payload: Value,
    created_at: &str,
) -> OutboxRow {
    payload["key"] = json!(key);
    payload["kind"] = json!(kind.as_str());
    payload["receipt"] = json!(receipt);
    OutboxRow {
        key,
        kind: kind.as_str().to_owned(),
        receipt: receipt.to_owned(),
        payload: payload.to_string(),
        created_at: created_at.to_owned(),
        attempts: 0,
        next_attempt_at: 0,
        delivered_at: None,
        last_error: None,
    }
}

/// The notice's words as the payload carries them.
pub fn words(text: &Text) -> Value {
    json!({"zh-CN": text.zh, "en": text.en})
}

/// The names of the materials a commitment names (stored in Chinese, the
/// record's language), joined for a sentence.
fn material_names(materials: &str) -> String {
    serde_json::from_str::<Vec<Value>>(materials)
        .unwrap_or_default()
        .iter()
        .filter_map(|m| m.get("name").and_then(Value::as_str))
        .collect::<Vec<_>>()
        .join("、")
}

/// Queues the reminders due on `today` for every open deferral; returns
/// how many were new.
///
/// # Errors
///
/// A database error, or a stored date that does not read.
pub async fn queue_due(state: &AppState, today: Date, days_before: u32) -> anyhow::Result<usize> {
    let calendar = state.calendar.current();
    let now = state.clock.now_rfc3339();
    let mut queued = 0;
    for row in db::open_deferrals(&state.db).await? {
        let Some(due_text) = &row.terms.due_on else {
            continue;
        };
        let due = parse_date(due_text)
            .map_err(|_| anyhow::anyhow!("stored due date unreadable: {}", row.id))?;
        let subject = format!("commitment:{}", row.id);
        let names = material_names(&row.terms.materials);
        let material = Text::new(names.clone(), names);
        for reminder in reminders::due_on(
            &subject,
            Due::On(due),
            Resolution::Open,
            today,
            &calendar,
            days_before,
        ) {
            let words_of = match reminder.kind {
                ReminderKind::DueIn => text::reminder_due_in(
                    &row.receipt,
                    &material,
                    &format_date(due),
                    reminder.working_days_left.unwrap_or(0),
                ),
                _ => text::reminder_overdue(&row.receipt, &material, &format_date(due)),
            };
            let payload = json!({
                "commitment_id": row.id,
                "due": due_text,
                "working_days_left": reminder.working_days_left,
                "text": words(&words_of),
            });
            let row = notice(reminder.key, reminder.kind, &row.receipt, payload, &now);
            if db::queue(&state.db, &row).await? {
                queued += 1;
            }
        }
    }
    Ok(queued)
}

/// What one delivery round did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Round {
    pub delivered: usize,
    pub failed: usize,
}

/// Delivers every notice due at `now` (seconds since the epoch) to
/// `webhook`, claiming a batch at a time.
///
/// # Errors
///
/// A database error (a failed delivery is recorded, not an error).
pub async fn deliver_due(state: &AppState, webhook: &str, now: i64) -> anyhow::Result<Round> {
    let mut round = Round::default();
    loop {
        let batch = db::claim_outbox(&state.db, now, LEASE_SECONDS, 20).await?;
        if batch.is_empty() {
            return Ok(round);
        }
        for row in batch {
            match post_json(webhook, &row.key, &row.payload).await {
                Ok(()) => {
                    db::outbox_delivered(&state.db, &row.key, &state.clock.now_rfc3339()).await?;
                    round.delivered += 1;
                }
                Err(error) => {
                    let retry_at = now + backoff(row.attempts + 1);
                    tracing::warn!(key = %row.key, attempts = row.attempts + 1, %error, "notice not delivered; will retry");
                    db::outbox_failed(&state.db, &row.key, retry_at, &error).await?;
                    round.failed += 1;
                }
            }
        }
    }
}

/// `POST`s `body` to `url` (plain HTTP/1.1); Ok on a 2xx answer.
async fn post_json(url: &str, key: &str, body: &str) -> Result<(), String> {
    let uri: hyper::Uri = url.parse().map_err(|e| format!("webhook URL: {e}"))?;
    let host = uri.host().ok_or("webhook URL has no host")?.to_owned();
    let port = uri.port_u16().unwrap_or(80);
    let request = hyper::Request::post(uri.path_and_query().map_or("/", |p| p.as_str()))
        .header(hyper::header::HOST, format!("{host}:{port}"))
        .header(hyper::header::CONTENT_TYPE, "application/json")
        .header("idempotency-key", key)
        .body(Full::new(hyper::body::Bytes::from(body.to_owned())))
        .map_err(|e| e.to_string())?;
    let exchange = async {
        let stream = tokio::net::TcpStream::connect((host.as_str(), port))
            .await
            .map_err(|e| format!("connect: {e}"))?;
        let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
            .await
            .map_err(|e| format!("handshake: {e}"))?;
        tokio::spawn(connection);
        let response = sender
            .send_request(request)
            .await
            .map_err(|e| format!("request: {e}"))?;
        let status = response.status();
        let _ = response.into_body().collect().await;
        if status.is_success() {
            Ok(())
        } else {
            Err(format!("the webhook answered {status}"))
        }
    };
    tokio::time::timeout(DELIVERY_TIMEOUT, exchange)
        .await
        .map_err(|_| "timed out".to_owned())?
}

/// Runs the outbox in the background: the day's reminders once per day
/// (and at start), then delivery every `poll`.
pub fn spawn(state: AppState, config: OutboxConfig) {
    tokio::spawn(async move {
        let mut last_queued: Option<Date> = None;
        let mut tick = tokio::time::interval(config.poll);
        loop {
            tick.tick().await;
            let today = state.clock.today();
            if last_queued != Some(today) {
                match queue_due(&state, today, config.days_before).await {
                    Ok(queued) => {
                        tracing::info!(queued, today = %format_date(today), "reminders queued");
                        last_queued = Some(today);
                    }
                    Err(e) => tracing::error!("queuing reminders failed: {e:#}"),
                }
            }
            if let Some(webhook) = &config.webhook
                && let Err(e) = deliver_due(&state, webhook, officials::now_unix()).await
            {
                tracing::error!("delivering notices failed: {e:#}");
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_wait_longer_each_time_up_to_an_hour() {
        let delays: Vec<i64> = (1..=9).map(backoff).collect();
        assert_eq!(delays, [30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
    }
}
