//! `POST /api/applications` and `GET /api/applications/{receipt}`.
//!
//! Submitting: parse the envelope, let the core re-validate it with the
//! acceptance date set here (today in Asia/Shanghai) on the server's
//! calendar, so every deadline and commitment stored is the server's, and
//! whatever dates the client sent are ignored; 422 with the report when
//! invalid; otherwise store the application, its materials and commitments
//! in one transaction and answer with the receipt number (受理编号) and the
//! applicant's access token. An `Idempotency-Key` header makes a retry
//! return the first answer instead of creating a second application; that
//! answer (token included) is kept with the application for replays, while
//! authorisation compares only the token's SHA-256.

use axum::extract::{FromRequest, FromRequestParts, Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::{Router, routing::get, routing::post};
use banli_core::calendar::format_date;
use banli_core::commitment::{canonical_json, data_sha256, sha256_hex};
use banli_core::messages::server as text;
use banli_core::{CompiledItem, Envelope, Lang, Report, Status};
use serde_json::{Value, json};

use super::ledger::{commitment_json, status_of};
use super::supplements::supplement_json;
use super::validate::check;
use super::{Applicant, LangQuery, SubmissionBody};
use crate::db::{
    self, ApplicationRecord, BundleLink, CommitmentRow, CommitmentTerms, LedgerFilter, MaterialRow,
    NewApplication, Stored, StoredDeadlines, Submission,
};
use crate::{AppError, AppState, ids};

/// The header a client sets to make a submit safe to retry.
pub const IDEMPOTENCY_KEY: &str = "idempotency-key";

pub fn router(state: &AppState) -> Router<AppState> {
    let rate_limit = axum::middleware::from_fn_with_state(state.clone(), crate::guard::rate_limit);
    Router::new()
        .route("/api/applications", post(submit).layer(rate_limit))
        .route("/api/applications/{receipt}", get(show))
}

pub(super) fn idempotency_key(headers: &HeaderMap) -> Result<Option<String>, AppError> {
    let Some(value) = headers.get(IDEMPOTENCY_KEY) else {
        return Ok(None);
    };
    match value.to_str() {
        Ok(key) if (1..=200).contains(&key.len()) => Ok(Some(key.to_owned())),
        _ => Err(AppError::InvalidParameter {
            name: "Idempotency-Key",
            detail: text::visible_ascii_between(1, 200),
        }),
    }
}

pub(super) fn no_store(status: StatusCode, body: String, replayed: bool) -> Response {
    let mut response = (
        status,
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        body,
    )
        .into_response();
    if replayed {
        response
            .headers_mut()
            .insert("idempotent-replayed", HeaderValue::from_static("true"));
    }
    response
}

/// What a submit (of an item or a bundle) reads of its request: the
/// answer's language (`?lang=`), the `Idempotency-Key` and the envelope
/// (read within the core's limits).
pub(super) struct Submit {
    pub(super) lang: Lang,
    pub(super) key: Option<String>,
    pub(super) envelope: Value,
}

impl FromRequest<AppState> for Submit {
    type Rejection = Response;

    /// In the order the handlers' own extractors had: the query string's
    /// shape, the body, then the language and the key.
    async fn from_request(req: Request, state: &AppState) -> Result<Self, Response> {
        let (mut parts, body) = req.into_parts();
        let Query(query) = Query::<LangQuery>::from_request_parts(&mut parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let headers = parts.headers.clone();
        let SubmissionBody(envelope) =
            SubmissionBody::from_request(Request::from_parts(parts, body), state)
                .await
                .map_err(IntoResponse::into_response)?;
        let lang = query.lang().map_err(IntoResponse::into_response)?;
        let key = idempotency_key(&headers).map_err(IntoResponse::into_response)?;
        Ok(Submit {
            lang,
            key,
            envelope,
        })
    }
}

async fn submit(State(state): State<AppState>, request: Submit) -> Result<Response, AppError> {
    let today = state.clock.today();
    let ((item, record), (_, answer)) = record_and_answer(request.lang, |lang| {
        check(&state, &request.envelope, lang, today)
    })?;
    if record.status == Status::Invalid {
        return Err(AppError::Invalid(Box::new(answer)));
    }

    let token = ids::token();
    let accepted = Accepted {
        compiled: &item.compiled,
        envelope: &request.envelope,
        record: &record,
        answer: &answer,
    };
    let (mut application, summary) = accepted.application(&state, &token, None)?;
    application.submission.idempotency_key = request.key;
    let mut response = summary;
    response["access_token"] = json!(token);
    response["report"] = json!(answer);
    application.submission.response = response.to_string();
    match db::insert_application(&state.db, &application).await? {
        Stored::Created => {
            let stored = application.submission;
            tracing::info!(receipt = %stored.receipt, item = %stored.code, "application accepted");
            Ok(no_store(StatusCode::CREATED, stored.response, false))
        }
        stored => replayed(stored, &application.submission.request_sha256),
    }
}

/// A submission checked twice over: the record, kept in Chinese
/// (authoritative), and the answer, in the applicant's `lang` (the record
/// again when that is Chinese).
///
/// # Errors
///
/// The first error of `check`.
pub(super) fn record_and_answer<R: Clone>(
    lang: Lang,
    check: impl Fn(Lang) -> Result<R, AppError>,
) -> Result<(R, R), AppError> {
    let record = check(Lang::ZhCn)?;
    let answer = if lang == Lang::ZhCn {
        record.clone()
    } else {
        check(lang)?
    };
    Ok((record, answer))
}

/// The answer to a submit whose idempotency key was used before: the first
/// answer for the same request, a conflict for another.
pub(super) fn replayed(stored: Stored, request_sha256: &str) -> Result<Response, AppError> {
    match stored {
        Stored::Replay {
            response,
            request_sha256: first,
        } if first == request_sha256 => Ok(no_store(StatusCode::OK, response, true)),
        Stored::Replay { .. } => Err(AppError::IdempotencyConflict),
        Stored::Created => Err(AppError::Internal(anyhow::anyhow!(
            "a created application is not a replay"
        ))),
    }
}

/// A submission the core accepted for one item: its envelope, the report
/// kept on record (Chinese) and the one answered (the applicant's language).
pub(super) struct Accepted<'a> {
    pub compiled: &'a CompiledItem,
    pub envelope: &'a Value,
    pub record: &'a Report,
    pub answer: &'a Report,
}

impl Accepted<'_> {
    /// What is stored for the application, with a new receipt, the
    /// applicant's `token` (only its hash is kept) and the bundle it
    /// belongs to; and its summary for the answer (`receipt`, `status`,
    /// `item`, `accepted_on`, `deadlines`, `commitments`). The caller sets
    /// `idempotency_key` and `response`.
    pub fn application(
        &self,
        state: &AppState,
        token: &str,
        bundle: Option<BundleLink>,
    ) -> Result<(NewApplication, Value), AppError> {
        let (record, answer) = (self.record, self.answer);
        let today = state.clock.today();
        let receipt = ids::receipt(today);
        let definition = self.compiled.definition();
        let deadlines = record.deadlines.clone().ok_or_else(|| {
            AppError::Internal(anyhow::anyhow!(
                "the core gave no deadlines although an acceptance date was set"
            ))
        })?;
        let commitments: Vec<CommitmentRow> = record
            .commitments
            .iter()
            .enumerate()
            .map(|(i, c)| CommitmentRow {
                id: format!("{receipt}-{}", i + 1),
                terms: CommitmentTerms {
                    kind: c.kind.as_str().to_owned(),
                    due_on: c.due.clone(),
                    due_pending_days: c.due_pending_year.and(c.due_working_days).map(i64::from),
                    materials: serde_json::to_string(&c.materials).unwrap_or_default(),
                    signer: c.signer.clone(),
                    title: c.title.clone(),
                },
                document: serde_json::to_string(c).unwrap_or_default(),
            })
            .collect();
        let summary = json!({
            "receipt": receipt,
            "status": record.status.as_str(),
            "item": {"code": definition.code, "version": definition.version, "name": definition.name},
            "accepted_on": format_date(today),
            "deadlines": answer.deadlines,
            "commitments": commitments.iter().map(|c| json!({
                "id": c.id, "kind": c.terms.kind, "due": c.terms.due_on, "title": c.terms.title,
            })).collect::<Vec<_>>(),
        });
        // Stored as submitted: normalised, hidden-branch values dropped, by the
        // core's one definition; the hash is the core's too (RFC 8785), the same
        // as in the commitments.
        // A valid envelope reads without problems; the stored one is its
        // typed form (keys the contract does not know are not kept).
        let mut stored_envelope = Envelope::read(self.envelope).envelope;
        stored_envelope.data = self.compiled.submitted_data(&stored_envelope.data);
        let data_sha256 = data_sha256(&stored_envelope.data);
        let application = NewApplication {
            submission: Submission {
                receipt,
                idempotency_key: None,
                request_sha256: sha256_hex(&canonical_json(self.envelope)),
                token_sha256: sha256_hex(token),
                code: definition.code.clone(),
                version: definition.version.clone(),
                name: definition.name.clone(),
                status: record.status.as_str().to_owned(),
                accepted_on: deadlines.accepted_on.clone(),
                submitted_at: state.clock.now_rfc3339(),
                report: record.to_json(),
                response: String::new(),
            },
            deadlines: StoredDeadlines {
                promised_due: deadlines.promised.clone(),
                statutory_due: deadlines.statutory.clone(),
                deferred_due: deadlines.deferred_due.clone(),
                pending_deadlines: (!deadlines.pending.is_empty())
                    .then(|| serde_json::to_string(&deadlines.pending))
                    .transpose()
                    .map_err(anyhow::Error::new)?,
            },
            data_sha256,
            envelope: stored_envelope.to_json(),
            materials: record
                .materials
                .iter()
                .map(|m| MaterialRow {
                    material_id: m.id.clone(),
                    name: m.name.clone(),
                    required: m.required,
                    disposition: m.disposition.as_str().to_owned(),
                })
                .collect(),
            commitments,
            bundle,
        };
        Ok((application, summary))
    }
}

async fn show(
    State(state): State<AppState>,
    Applicant(record): Applicant<ApplicationRecord>,
) -> Result<Response, AppError> {
    let body = application_json(&state, &record).await?;
    Ok(no_store(StatusCode::OK, body.to_string(), false))
}

/// A stored application as its applicant sees it: deadlines, the ledger's
/// commitments with today's status, the report, and the bundle it is a
/// member of (`null` for a single item).
pub(super) async fn application_json(
    state: &AppState,
    record: &ApplicationRecord,
) -> Result<Value, AppError> {
    let today = state.clock.today();
    let rows = db::ledger(&state.db, LedgerFilter::Receipt(&record.receipt)).await?;
    let commitments = rows
        .iter()
        .map(|row| Ok(commitment_json(row, status_of(state, row, today)?)))
        .collect::<Result<Vec<_>, AppError>>()?;
    // Each deferred material with its due date, what was handed in and
    // every return with its reason (补交).
    let uploads = db::supplements(&state.db, Some(&record.receipt)).await?;
    let mut deferred = Vec::new();
    for row in rows.iter().filter(|row| row.terms.kind == "deferral") {
        let status = status_of(state, row, today)?;
        for material in super::supplements::covered(row) {
            // The key the follow-up addresses: the id of a material given
            // once, `<id>/entries/<n>` for one entry of a per-item one.
            let id = material.key();
            deferred.push(json!({
                "id": id,
                "name": material.name,
                "commitment_id": row.id,
                "due": row.terms.due_on,
                "due_pending_working_days": row.terms.due_pending_days,
                "status": status.as_str(),
                "uploads": uploads
                    .iter()
                    .filter(|u| u.commitment_id == row.id && u.material_id == id)
                    .map(|u| supplement_json(u, false))
                    .collect::<Vec<_>>(),
            }));
        }
    }
    let decision = db::decision_of(&state.db, &record.receipt)
        .await?
        .as_ref()
        .map(super::decisions::decision_json);
    let report: Value = serde_json::from_str(&record.report).map_err(anyhow::Error::new)?;
    let pending: Value = match &record.deadlines.pending_deadlines {
        Some(text) => serde_json::from_str(text).map_err(anyhow::Error::new)?,
        None => json!([]),
    };
    let bundle = record
        .bundle_receipt
        .as_ref()
        .map(|receipt| json!({"receipt": receipt, "member": record.bundle_member}));
    Ok(json!({
        "receipt": record.receipt,
        "status": record.status,
        "item": {"code": record.item_code, "version": record.item_version, "name": record.item_name},
        "accepted_on": record.accepted_on,
        "submitted_at": record.submitted_at,
        "deadlines": {
            "promised": record.deadlines.promised_due,
            "statutory": record.deadlines.statutory_due,
            "deferred_due": record.deadlines.deferred_due,
            "pending": pending,
        },
        "commitments": commitments,
        "deferred_materials": deferred,
        "decision": decision,
        "bundle": bundle,
        "report": report,
    }))
}
