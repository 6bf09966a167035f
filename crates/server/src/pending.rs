//! Deadlines accepted as pending (their year's public holidays were not
//! loaded) get their dates once a calendar that covers the year is loaded:
//! at start and after every reload, the server computes them with the core
//! and stores them in the application and its ledger entries.

use banli_core::Lang;
use banli_core::calendar::{WorkCalendar, format_date, parse_date};
use banli_core::report::{DeadlineKind, PendingDeadline};
use banli_core::validate::pending_deadline;
use sqlx::AnyPool;

use crate::db::{self, ResolvedDeadlines, StoredDeadlines};

/// Computes every stored pending deadline `calendar` now covers and stores
/// it; returns how many applications got at least one date.
///
/// # Errors
///
/// A database error, or a stored row that is not readable.
pub async fn resolve(pool: &AnyPool, calendar: &WorkCalendar) -> anyhow::Result<usize> {
    let mut resolved = 0;
    for app in db::applications_with_pending_deadlines(pool).await? {
        let accepted_on = parse_date(&app.accepted_on)
            .map_err(|_| anyhow::anyhow!("stored acceptance date unreadable: {}", app.receipt))?;
        let pending: Vec<PendingDeadline> = serde_json::from_str(&app.pending_deadlines)?;
        let mut found = ResolvedDeadlines {
            receipt: &app.receipt,
            found: StoredDeadlines::default(),
            commitment_due: None,
        };
        let mut left = Vec::new();
        for p in &pending {
            match calendar.add_working_days(accepted_on, p.working_days) {
                Ok(date) => {
                    let date = Some(format_date(date));
                    match p.deadline {
                        DeadlineKind::Promised => found.found.promised_due = date,
                        DeadlineKind::Statutory => found.found.statutory_due = date,
                        DeadlineKind::DeferredDue => {
                            found.commitment_due.clone_from(&date);
                            found.found.deferred_due = date;
                        }
                    }
                }
                Err(missing) => {
                    // Records are kept in Chinese, as at acceptance.
                    let year = missing.missing_year();
                    left.push(pending_deadline(
                        p.deadline,
                        p.working_days,
                        year,
                        Lang::ZhCn,
                    ));
                }
            }
        }
        if left.len() == pending.len() {
            continue;
        }
        if !left.is_empty() {
            found.found.pending_deadlines = Some(serde_json::to_string(&left)?);
        }
        db::resolve_deadlines(pool, &found).await?;
        tracing::info!(receipt = %app.receipt, "pending deadlines resolved");
        resolved += 1;
    }
    Ok(resolved)
}
