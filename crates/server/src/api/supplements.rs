//! 补交 and its review. The applicant (with the access token, like
//! `GET /api/applications/{receipt}`) hands a deferred material in:
//! `POST /api/applications/{receipt}/materials/{id}/supplements` (for one
//! entry of a per-item material, `{id}` is its key `<id>/entries/<n>`,
//! percent-encoded as one segment: `driving-licence%2Fentries%2F1`) with the
//! file reference the widget's upload hook gives (`name`, `size`,
//! `sha256`, and the browser's `type`), checked by the core
//! (`FileRef::read`, `materials::check_upload` against the material's
//! limits, `supplement::may_hand_in`), its lateness by
//! `supplement::lateness`. An official accepts it
//! (`…/supplements/{n}/accept`) or returns it with a reason
//! (`…/supplements/{n}/return`) through `supplement::review`; the
//! commitment is fulfilled once every material it names is accepted
//! (`supplement::commitment_resolution`). A review, the commitment it
//! fulfils and its audit-log entry are one transaction, behind a lock on
//! the commitment's row, so two officials (or two instances) apply one
//! review each, one after the other.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::{Json, Router, routing::post};
use banli_core::Text;
use banli_core::calendar::format_date;
use banli_core::commitment::CommittedMaterial;
use banli_core::envelope::{FileRef, parse_entry_key};
use banli_core::followup::reminders::{self, ReminderKind};
use banli_core::followup::roles::Action;
use banli_core::followup::supplement::{self, Review, SupplementState};
use banli_core::ledger::Resolution;
use banli_core::materials::check_upload;
use banli_core::messages::followup as followup_text;
use banli_core::messages::server as text;
use serde::Deserialize;
use serde_json::{Value, json};

use super::applications::no_store;
use super::ledger::{due_of, resolution_of};
use super::{ApplicantToken, JsonBody, Official};
use crate::db::{self, LedgerFilter, LedgerRow, ReviewChange, SupplementRow};
use crate::{AppError, AppState, outbox};

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/api/applications/{receipt}/materials/{material}/supplements",
            post(hand_in),
        )
        .route(
            "/api/applications/{receipt}/materials/{material}/supplements/{n}/accept",
            post(accept),
        )
        .route(
            "/api/applications/{receipt}/materials/{material}/supplements/{n}/return",
            post(give_back),
        )
}

/// One upload as the applicant (`official: false`) or the ledger sees it;
/// only officials see who reviewed it.
pub fn supplement_json(row: &SupplementRow, official: bool) -> Value {
    let label = SupplementState::parse(&row.state).map(|s| {
        let l = s.label();
        json!({"zh-CN": l.zh, "en": l.en})
    });
    let mut value = json!({
        "n": row.n,
        "material_id": row.material_id,
        "commitment_id": row.commitment_id,
        "file": {"name": row.file_name, "size": row.file_size, "sha256": row.file_sha256},
        "type": row.media_type,
        "handed_in_at": row.handed_in_at,
        "handed_in_on": row.handed_in_on,
        "lateness": row.lateness,
        "state": row.state,
        "state_label": label,
        "reviewed_at": row.reviewed_at,
        "return_reason": row.return_reason,
    });
    if official {
        value["reviewed_by"] = json!(row.reviewed_by);
    }
    value
}

/// What a commitment covers, as stored (`materials`: the core's
/// `CommittedMaterial` list).
pub fn covered(row: &LedgerRow) -> Vec<CommittedMaterial> {
    serde_json::from_str(&row.terms.materials).unwrap_or_default()
}

/// The keys a commitment's follow-up addresses (`CommittedMaterial::key`:
/// the material id, or `<id>/entries/<n>` for one entry of a per-item
/// material), which supplements are stored under as `material_id`.
pub fn material_ids(row: &LedgerRow) -> Vec<String> {
    covered(row).iter().map(CommittedMaterial::key).collect()
}

/// The name of the material (or entry) under `key` among what a
/// commitment covers ([`covered`]), as it names it (Chinese, as stored).
pub fn material_name(covered: &[CommittedMaterial], key: &str) -> String {
    covered
        .iter()
        .find(|m| m.key() == key)
        .map_or_else(|| key.to_owned(), |m| m.name.clone())
}

/// The deferral commitment of the application that names `material`.
async fn deferral_of(
    state: &AppState,
    receipt: &str,
    material: &str,
) -> Result<LedgerRow, AppError> {
    db::ledger(&state.db, LedgerFilter::Receipt(receipt))
        .await?
        .into_iter()
        .find(|row| row.terms.kind == "deferral" && material_ids(row).iter().any(|m| m == material))
        .ok_or_else(|| AppError::MaterialNotDeferred(material.to_owned()))
}

fn states(rows: &[&SupplementRow]) -> Result<Vec<SupplementState>, AppError> {
    rows.iter()
        .map(|row| {
            SupplementState::parse(&row.state).ok_or_else(|| {
                AppError::Internal(anyhow::anyhow!("stored state unreadable: {}", row.id))
            })
        })
        .collect()
}

async fn hand_in(
    State(state): State<AppState>,
    Path((receipt, material)): Path<(String, String)>,
    token: ApplicantToken,
    JsonBody(body): JsonBody<Value>,
) -> Result<Response, AppError> {
    let record = token.owns(db::application(&state.db, &receipt).await?)?;
    let commitment = deferral_of(&state, &receipt, &material).await?;
    let file = FileRef::read(&body).map_err(|p| AppError::UploadRefused(p.message()))?;
    let media_type = match body.get("type") {
        None | Some(Value::Null) => None,
        Some(Value::String(t)) => Some(t.clone()),
        Some(_) => {
            return Err(AppError::InvalidParameter {
                name: "type",
                detail: text::media_type_expected(),
            });
        }
    };
    // The limits the widget applies before it hashes a file.
    let definition = state
        .catalog
        .get(&record.item_code, Some(&record.item_version))
        .map(|item| item.compiled.definition());
    // One entry's copy of a per-item material has the material's limits.
    let id = parse_entry_key(&material).map_or(material.as_str(), |(id, _)| id);
    if let Some(m) = definition.and_then(|d| d.materials.iter().find(|m| m.id == id))
        && let Some(problem) = check_upload(m, media_type.as_deref().unwrap_or(""), file.size)
    {
        return Err(AppError::UploadRefused(problem.message(&file.name)));
    }

    let all = db::supplements(&state.db, Some(&receipt)).await?;
    let earlier: Vec<&SupplementRow> = all.iter().filter(|s| s.material_id == material).collect();
    let sha256 = file.sha256.to_ascii_lowercase();
    // A retry of the upload that waits for review gets the same answer:
    // an upload is never taken twice.
    if let Some(same) = earlier
        .iter()
        .find(|s| s.state == SupplementState::Submitted.as_str() && s.file_sha256 == sha256)
    {
        return Ok(no_store(
            StatusCode::OK,
            supplement_json(same, false).to_string(),
            true,
        ));
    }
    supplement::may_hand_in(resolution_of(&commitment)?, &states(&earlier)?)
        .map_err(AppError::Supplement)?;
    let today = state.clock.today();
    let lateness = supplement::lateness(due_of(&commitment)?, today);
    let n = i64::try_from(earlier.len()).unwrap_or(i64::MAX - 1) + 1;
    let row = SupplementRow {
        id: format!("{receipt}:{material}:{n}"),
        receipt: receipt.clone(),
        material_id: material.clone(),
        commitment_id: commitment.id.clone(),
        n,
        file_name: file.name,
        file_size: i64::try_from(file.size).unwrap_or(i64::MAX),
        file_sha256: sha256,
        media_type,
        handed_in_at: state.clock.now_rfc3339(),
        handed_in_on: format_date(today),
        lateness: lateness.as_str().to_owned(),
        state: SupplementState::Submitted.as_str().to_owned(),
        reviewed_by: None,
        reviewed_at: None,
        return_reason: None,
    };
    if !db::insert_supplement(&state.db, &row).await? {
        // Another upload of this material was taken meanwhile.
        return Err(AppError::ChangedMeanwhile);
    }
    tracing::info!(receipt = %receipt, material = %material, n, lateness = lateness.as_str(), "material handed in");
    Ok(no_store(
        StatusCode::CREATED,
        supplement_json(&row, false).to_string(),
        false,
    ))
}

async fn accept(
    official: Official,
    State(state): State<AppState>,
    Path((receipt, material, n)): Path<(String, String, i64)>,
) -> Result<Json<Value>, AppError> {
    review(&state, &official, &receipt, &material, n, Review::Accept).await
}

#[derive(Deserialize)]
struct ReturnBody {
    reason: String,
}

async fn give_back(
    official: Official,
    State(state): State<AppState>,
    Path((receipt, material, n)): Path<(String, String, i64)>,
    JsonBody(body): JsonBody<ReturnBody>,
) -> Result<Json<Value>, AppError> {
    if body.reason.chars().count() > 1000 {
        return Err(AppError::InvalidParameter {
            name: "reason",
            detail: text::characters_at_most(1000),
        });
    }
    let reason = body.reason.trim();
    review(
        &state,
        &official,
        &receipt,
        &material,
        n,
        Review::Return { reason },
    )
    .await
}

async fn review(
    state: &AppState,
    official: &Official,
    receipt: &str,
    material: &str,
    n: i64,
    review: Review<'_>,
) -> Result<Json<Value>, AppError> {
    let action = match review {
        Review::Accept => Action::AcceptMaterial,
        Review::Return { .. } => Action::ReturnMaterial,
    };
    official.permit(action)?;
    let commitment = deferral_of(state, receipt, material)
        .await
        .map_err(|_| AppError::SupplementNotFound)?;
    let at = state.clock.now_rfc3339();

    let mut tx = state.db.begin().await?;
    // The lock is the transaction's first statement: a write, so SQLite
    // writers queue on the busy timeout instead of failing.
    let resolution = db::lock_commitment(&mut tx, &commitment.id)
        .await?
        .and_then(|r| Resolution::parse(&r))
        .ok_or(AppError::CommitmentNotFound)?;
    let Some(current) = db::supplement_in(&mut tx, receipt, material, n).await? else {
        return Err(AppError::SupplementNotFound);
    };
    if resolution != Resolution::Open {
        return Err(AppError::Supplement(
            supplement::SupplementError::CommitmentClosed(resolution),
        ));
    }
    let current_state = states(&[&current])?[0];
    let (next, _) = supplement::review(current_state, &review).map_err(AppError::Supplement)?;
    let reason = match review {
        Review::Return { reason } => Some(reason),
        Review::Accept => None,
    };
    if !db::review_supplement(
        &mut tx,
        &ReviewChange {
            id: &current.id,
            state: next.as_str(),
            reviewed_by: &official.login,
            at: &at,
            return_reason: reason,
        },
    )
    .await?
    {
        return Err(AppError::ChangedMeanwhile);
    }
    let mut commitment_resolution = Resolution::Open;
    if next == SupplementState::Accepted {
        let uploads = db::supplements_of_commitment(&mut tx, &commitment.id).await?;
        let per_material = material_ids(&commitment)
            .iter()
            .map(|id| {
                states(
                    &uploads
                        .iter()
                        .filter(|s| &s.material_id == id)
                        .collect::<Vec<_>>(),
                )
            })
            .collect::<Result<Vec<_>, _>>()?;
        commitment_resolution = supplement::commitment_resolution(&per_material);
        if commitment_resolution == Resolution::Fulfilled {
            db::resolve_in(
                &mut tx,
                &db::Resolve {
                    id: &commitment.id,
                    resolution: Resolution::Fulfilled.as_str(),
                    at: &at,
                    fulfilled_sha256: Some(&current.file_sha256),
                    termination_reason: None,
                },
            )
            .await?;
        }
    }
    if let Review::Return { reason } = review {
        // The applicant hears of the return (the outbox delivers it).
        let key = reminders::event_key(
            &format!("commitment:{}", commitment.id),
            ReminderKind::MaterialReturned,
            &current.id,
        );
        let name = material_name(&covered(&commitment), material);
        let words =
            followup_text::reminder_returned(receipt, &Text::new(name.clone(), name), reason);
        let notice = outbox::notice(
            key,
            ReminderKind::MaterialReturned,
            receipt,
            json!({"commitment_id": commitment.id, "material": material, "reason": reason,
                   "text": outbox::words(&words)}),
            &at,
        );
        db::queue_in(&mut tx, &notice).await?;
    }
    let audit = official.audit(
        state,
        action,
        Some(receipt),
        Some(&commitment.id),
        json!({
            "material": material,
            "n": n,
            "sha256": current.file_sha256,
            "reason": reason,
            "commitment_resolution": commitment_resolution.as_str(),
        }),
    );
    db::insert_audit(&mut tx, &audit).await?;
    tx.commit().await?;
    tracing::info!(receipt, material, n, state = next.as_str(), official = %official.login, "material reviewed");

    let reviewed = SupplementRow {
        state: next.as_str().to_owned(),
        reviewed_by: Some(official.login.clone()),
        reviewed_at: Some(at),
        return_reason: reason.map(str::to_owned),
        ..current
    };
    Ok(Json(json!({
        "supplement": supplement_json(&reviewed, true),
        "commitment": {"id": commitment.id, "resolution": commitment_resolution.as_str()},
    })))
}
