//! Bundles (一件事一次办):
//! `GET /api/bundles` (the list), `GET /api/bundles/{code}` (the merged
//! definition, which `<banli-form>` renders like an item, with an ETag),
//! `GET /api/bundles/{code}/guide` and `/materials` (the core's guide of the
//! merged definition), `POST /api/bundle-applications` and
//! `GET /api/bundle-applications/{receipt}`.
//!
//! Submitting: the core validates the bundle envelope member by member
//! (`Bundle::validate`) with the acceptance date set here; 422 with the
//! bundle report when any member is invalid, and nothing is stored;
//! otherwise one transaction stores the bundle application (its own
//! receipt, the applicant's token, the idempotency key as for
//! `/api/applications`) and one application per member, each cut for its
//! item by the core (`Bundle::member_envelope`) with its own receipt,
//! deadlines, commitments and ledger entries. The member applications
//! share the bundle's access token.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::{Json, Router, routing::get, routing::post};
use banli_core::bundle::BundleReport;
use banli_core::calendar::format_date;
use banli_core::commitment::{canonical_json, sha256_hex};
use banli_core::definition::ItemDefinition;
use banli_core::envelope::ItemRef;
use banli_core::{Lang, Status, ValidationContext};
use serde_json::{Value, json};
use time::Date;

use super::Applicant;
use super::applications::{
    Accepted, Submit, application_json, no_store, record_and_answer, replayed,
};
use super::items::{Served, guide, materials, one, summary};
use crate::bundles::BundleEntry;
use crate::db::{self, BundleLink, BundleRecord, Stored, Submission};
use crate::{AppError, AppState, ids};

pub fn router(state: &AppState) -> Router<AppState> {
    let rate_limit = axum::middleware::from_fn_with_state(state.clone(), crate::guard::rate_limit);
    Router::new()
        .route("/api/bundles", get(list))
        .route("/api/bundles/{code}", get(one::<BundleRoutes>))
        .route("/api/bundles/{code}/guide", get(guide::<BundleRoutes>))
        .route(
            "/api/bundles/{code}/materials",
            get(materials::<BundleRoutes>),
        )
        .route("/api/bundle-applications", post(submit).layer(rate_limit))
        .route("/api/bundle-applications/{receipt}", get(show))
}

async fn list(State(state): State<AppState>) -> Json<Value> {
    let bundles: Vec<Value> = state
        .bundles
        .latest()
        .map(|(entry, versions)| {
            let d = entry.bundle.merged().definition();
            let members: Vec<Value> = entry
                .bundle
                .members()
                .map(|(key, item)| {
                    let m = item.definition();
                    json!({"key": key, "code": m.code, "version": m.version, "name": m.name})
                })
                .collect();
            let mut summary = summary(&entry.file, d, &versions);
            summary["description"] = json!(d.description);
            summary["authority"] = json!(d.authority.name);
            summary["members"] = Value::Array(members);
            summary
        })
        .collect();
    Json(Value::Array(bundles))
}

/// The bundles of `schemas/bundles/`, served as their merged definitions.
struct BundleRoutes;

impl Served for BundleRoutes {
    type Entry = BundleEntry;

    fn find<'a>(
        state: &'a AppState,
        code: &str,
        version: Option<&str>,
    ) -> Result<&'a BundleEntry, AppError> {
        state
            .bundles
            .get(code, version)
            .ok_or_else(|| AppError::BundleNotFound {
                code: code.to_owned(),
                version: version.map(str::to_owned),
            })
    }

    fn definition(entry: &BundleEntry) -> &ItemDefinition {
        entry.bundle.merged().definition()
    }

    fn text(entry: &BundleEntry) -> (&str, &str) {
        (&entry.text, &entry.etag)
    }
}

/// The bundle report for `envelope`, accepted on `accepted_on` on the
/// server's calendar.
fn check(
    state: &AppState,
    entry: &BundleEntry,
    envelope: &Value,
    lang: Lang,
    accepted_on: Date,
) -> Result<BundleReport, AppError> {
    let calendar = state.calendar.current();
    let ctx = ValidationContext::new(lang)
        .accepted_on(accepted_on, &calendar)
        .with_limits(state.limits.submission);
    entry
        .bundle
        .validate(envelope, &ctx)
        .map_err(|failure| AppError::BadRequest(failure.message()))
}

async fn submit(State(state): State<AppState>, request: Submit) -> Result<Response, AppError> {
    let ItemRef { code, version } = super::validate::named(&request.envelope)?;
    let entry = BundleRoutes::find(&state, &code, Some(&version))?;
    let today = state.clock.today();
    let (record, answer) = record_and_answer(request.lang, |lang| {
        check(&state, entry, &request.envelope, lang, today)
    })?;
    if record.status == Status::Invalid {
        return Err(AppError::BundleInvalid(Box::new(answer)));
    }

    let receipt = ids::bundle_receipt(today);
    let token = ids::token();
    let merged = entry.bundle.merged().definition();
    let mut members = Vec::with_capacity(record.members.len());
    let mut summaries = Vec::with_capacity(record.members.len());
    for (position, ((key, item), (kept, answered))) in entry
        .bundle
        .members()
        .zip(record.members.iter().zip(&answer.members))
        .enumerate()
    {
        // A member whose `when` does not hold is not applied for: no
        // application, receipt or deadlines of its own.
        let (Some(kept), Some(answered)) = (&kept.report, &answered.report) else {
            continue;
        };
        let member_envelope = entry
            .bundle
            .member_envelope(key, &request.envelope)
            .ok_or_else(|| AppError::Internal(anyhow::anyhow!("bundle member {key} vanished")))?;
        let accepted = Accepted {
            compiled: item,
            envelope: &member_envelope,
            record: kept,
            answer: answered,
        };
        let link = BundleLink {
            receipt: receipt.clone(),
            member: key.to_owned(),
            position: i64::try_from(position).map_err(anyhow::Error::new)?,
        };
        let (mut application, mut summary) = accepted.application(&state, &token, Some(link))?;
        summary["key"] = json!(key);
        application.submission.response = summary.to_string();
        summaries.push(summary);
        members.push(application);
    }
    let response = json!({
        "receipt": receipt,
        "access_token": token,
        "status": record.status.as_str(),
        "bundle": {"code": merged.code, "version": merged.version, "name": merged.name},
        "accepted_on": format_date(today),
        "members": summaries,
        "report": answer,
    })
    .to_string();
    let bundle = Submission {
        receipt,
        idempotency_key: request.key,
        request_sha256: sha256_hex(&canonical_json(&request.envelope)),
        token_sha256: sha256_hex(&token),
        code: merged.code.clone(),
        version: merged.version.clone(),
        name: merged.name.clone(),
        status: record.status.as_str().to_owned(),
        accepted_on: format_date(today),
        submitted_at: state.clock.now_rfc3339(),
        report: serde_json::to_string(&record).map_err(anyhow::Error::new)?,
        response,
    };
    match db::insert_bundle(&state.db, &bundle, &members).await? {
        Stored::Created => {
            tracing::info!(receipt = %bundle.receipt, bundle = %bundle.code, members = members.len(), "bundle application accepted");
            Ok(no_store(StatusCode::CREATED, bundle.response, false))
        }
        stored => replayed(stored, &bundle.request_sha256),
    }
}

/// The bundle application and its member applications (each as
/// `GET /api/applications/{receipt}` shows it, with its key), for the
/// bundle's access token; any other token gets the same 404 as a wrong
/// receipt.
async fn show(
    State(state): State<AppState>,
    Applicant(record): Applicant<BundleRecord>,
) -> Result<Response, AppError> {
    let mut members = Vec::new();
    for member in db::bundle_members(&state.db, &record.receipt).await? {
        let mut shown = application_json(&state, &member).await?;
        shown["key"] = json!(member.bundle_member);
        members.push(shown);
    }
    let body = json!({
        "receipt": record.receipt,
        "status": record.status,
        "bundle": {"code": record.bundle_code, "version": record.bundle_version, "name": record.bundle_name},
        "accepted_on": record.accepted_on,
        "submitted_at": record.submitted_at,
        "members": members,
    });
    Ok(no_store(StatusCode::OK, body.to_string(), false))
}
