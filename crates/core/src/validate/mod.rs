//! Validating a submission envelope against a compiled item: the form data,
//! the materials, conditions met by commitment, the signature, deadlines and
//! commitment documents, gathered into one [`Report`] with every problem at
//! once, in document order.

mod data;
mod render;

pub use data::normalize;

use std::borrow::Cow;

use serde_json::Value;
use time::Date;

use crate::calendar::{CalendarError, WorkCalendar, format_date};
use crate::commitment::{self, CommitmentKind, CommitmentRequest, Signature};
use crate::definition::CompiledItem;
use crate::materials::{self, MaterialAssessment};
use crate::messages::{Lang, Text, validation as text};
use crate::pointer;
use crate::report::{Deadlines, Report, ReportError, Status};
use crate::schema::{SchemaWalker, violation};

/// What validation needs from the caller: the core reads no clock and no
/// file, so the acceptance date and the calendar come from outside.
#[derive(Debug, Clone, Copy)]
pub struct ValidationContext<'a> {
    pub lang: Lang,
    /// The acceptance date (受理日期); deadlines are computed from it.
    pub accepted_on: Option<Date>,
    pub calendar: Option<&'a WorkCalendar>,
}

impl<'a> ValidationContext<'a> {
    pub fn new(lang: Lang) -> Self {
        Self {
            lang,
            accepted_on: None,
            calendar: None,
        }
    }

    /// Computes deadlines from `accepted_on` on `calendar`.
    pub fn accepted_on(mut self, accepted_on: Date, calendar: &'a WorkCalendar) -> Self {
        self.accepted_on = Some(accepted_on);
        self.calendar = Some(calendar);
        self
    }
}

/// Validation could not give a reliable verdict.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValidationFailure {
    /// A deadline falls in a year no loaded calendar covers.
    #[error(transparent)]
    Calendar(#[from] CalendarError),
}

impl CompiledItem {
    /// Validates a submission envelope (DESIGN.md) and returns the report.
    pub fn validate(
        &self,
        submission: &Value,
        ctx: &ValidationContext<'_>,
    ) -> Result<Report, ValidationFailure> {
        let lang = ctx.lang;
        let mut errors = envelope_errors(self, submission, lang);
        let raw_data = submission.get("data");
        let data: Cow<'_, Value> = match raw_data {
            Some(value @ Value::Object(_)) => normalize(value),
            _ => {
                if submission.is_object() {
                    errors.push(problem(
                        "/data",
                        "envelope.data",
                        Text::new("申请表", "Form"),
                        text::envelope_data_not_object(),
                        lang,
                    ));
                }
                Cow::Owned(Value::Object(Default::default()))
            }
        };
        let data = data.as_ref();
        if raw_data.is_some_and(Value::is_object) {
            errors.extend(self.form_errors(data, lang));
        }

        let assessment = materials::assess(self, submission.get("materials"), data, lang);
        errors.extend(
            assessment
                .problems
                .iter()
                .map(|p| problem(&p.path, p.code, p.label.clone(), p.message.clone(), lang)),
        );
        let (in_lieu_conditions, condition_errors) =
            conditions_in_lieu(self, submission.get("conditions"), lang);
        errors.extend(condition_errors);

        let needs_commitment = !assessment.deferred.is_empty()
            || !assessment.in_lieu.is_empty()
            || !in_lieu_conditions.is_empty();
        let signature = signature(submission.get("commitment"));
        if needs_commitment {
            errors.extend(signature_errors(
                submission.get("commitment"),
                &signature,
                lang,
            ));
        }

        let deadlines = deadlines(self, &assessment, ctx)?;
        let data_sha256 = commitment::sha256_hex(&commitment::canonical_json(data));
        let commitments = commitments(
            self,
            &assessment,
            in_lieu_conditions,
            deadlines.as_ref(),
            &signature,
            data_sha256,
            lang,
        );

        let status = if !errors.is_empty() {
            Status::Invalid
        } else if needs_commitment {
            Status::ValidWithCommitments
        } else {
            Status::Valid
        };
        Ok(Report {
            status,
            errors,
            materials: assessment.statuses,
            deadlines,
            commitments,
        })
    }

    /// Every material with whether it is required for `data` (as entered so
    /// far) and no disposition yet: what the materials step shows.
    pub fn material_requirements(
        &self,
        data: &Value,
        lang: Lang,
    ) -> Vec<crate::report::MaterialStatus> {
        materials::assess(self, None, &normalize(data), lang).statuses
    }

    /// Only the form data's problems, in document order (the widget asks for
    /// these as the applicant types).
    pub fn form_errors(&self, data: &Value, lang: Lang) -> Vec<ReportError> {
        // Most submissions are valid: the yes/no pass is much cheaper than
        // collecting errors, so take it first.
        if self.validator().is_valid(data) {
            return Vec::new();
        }
        let walker = SchemaWalker::new(self.form());
        let mut found: Vec<(Vec<u32>, ReportError)> = Vec::new();
        for v in violation::collect(self.validator(), self.form(), data) {
            let path = v.pointer();
            if found
                .iter()
                .any(|(_, e)| e.path == path && e.code == v.code)
            {
                continue;
            }
            let order = walker.order_key(&v.path, data, self.step_order());
            let error = render::report_error(&walker, &v, data, lang);
            found.push((order, error));
        }
        found.sort_by(|a, b| a.0.cmp(&b.0));
        found.into_iter().map(|(_, e)| e).collect()
    }
}

fn problem(path: &str, code: &str, label: Text, message: Text, lang: Lang) -> ReportError {
    ReportError {
        path: path.to_owned(),
        code: code.to_owned(),
        label: label.get(lang).to_owned(),
        message: message.get(lang).to_owned(),
    }
}

fn envelope_errors(item: &CompiledItem, submission: &Value, lang: Lang) -> Vec<ReportError> {
    let label = Text::new("申请事项", "Item");
    let Some(envelope) = submission.as_object() else {
        return vec![problem(
            "",
            "envelope.not_object",
            label,
            text::envelope_not_object(),
            lang,
        )];
    };
    let definition = item.definition();
    let mut errors = Vec::new();
    let code = envelope
        .get("item")
        .and_then(|i| i.get("code"))
        .and_then(Value::as_str);
    match code {
        Some(code) if code == definition.code => {}
        other => errors.push(problem(
            "/item/code",
            "envelope.item_mismatch",
            label.clone(),
            text::envelope_item_mismatch(&definition.code, other.unwrap_or("")),
            lang,
        )),
    }
    let version = envelope
        .get("item")
        .and_then(|i| i.get("version"))
        .and_then(Value::as_str);
    if code == Some(definition.code.as_str()) && version != Some(definition.version.as_str()) {
        errors.push(problem(
            "/item/version",
            "envelope.version_mismatch",
            label,
            text::envelope_version_mismatch(&definition.version, version.unwrap_or("")),
            lang,
        ));
    }
    errors
}

/// Conditions the applicant meets by commitment instead of proof.
fn conditions_in_lieu(
    item: &CompiledItem,
    conditions: Option<&Value>,
    lang: Lang,
) -> (Vec<usize>, Vec<ReportError>) {
    let definition = item.definition();
    let label = Text::new("申请条件", "Conditions");
    let mut accepted = Vec::new();
    let mut errors = Vec::new();
    let Some(entries) = conditions.and_then(Value::as_object) else {
        if conditions.is_some_and(|c| !c.is_null()) {
            errors.push(problem(
                "/conditions",
                "envelope.malformed",
                label,
                text::envelope_malformed("conditions", "应为对象 / an object is expected"),
                lang,
            ));
        }
        return (accepted, errors);
    };
    for (id, entry) in entries {
        let path = pointer::join("/conditions", id);
        let Some(index) = definition.conditions.iter().position(|c| c.id == *id) else {
            errors.push(problem(
                &path,
                "condition.unknown",
                label.clone(),
                text::condition_unknown(id),
                lang,
            ));
            continue;
        };
        let condition = &definition.conditions[index];
        match entry.get("disposition").and_then(Value::as_str) {
            Some("in_lieu") if condition.in_lieu.is_some() => accepted.push(index),
            Some("in_lieu") => {
                let message = Text::new(
                    text::condition_in_lieu_not_allowed(condition.localized_text(Lang::ZhCn)).zh,
                    text::condition_in_lieu_not_allowed(condition.localized_text(Lang::En)).en,
                );
                errors.push(problem(
                    &path,
                    "condition.in_lieu_not_allowed",
                    label.clone(),
                    message,
                    lang,
                ));
            }
            other => errors.push(problem(
                &path,
                "condition.invalid_disposition",
                label.clone(),
                text::envelope_malformed(
                    &format!("conditions/{id}/disposition"),
                    &format!("“{}” 应为 in_lieu / must be in_lieu", other.unwrap_or("")),
                ),
                lang,
            )),
        }
    }
    accepted.sort_unstable();
    (accepted, errors)
}

fn signature(commitment: Option<&Value>) -> Signature {
    let field = |key: &str| {
        commitment
            .and_then(|c| c.get(key))
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    Signature {
        signer: field("signer"),
        signed_at: field("signed_at"),
    }
}

fn signature_errors(
    commitment: Option<&Value>,
    signature: &Signature,
    lang: Lang,
) -> Vec<ReportError> {
    let label = Text::new("承诺书", "Commitment");
    if signature.signer.is_none() || signature.signed_at.is_none() {
        let _ = commitment;
        return vec![problem(
            "/commitment",
            "commitment.unsigned",
            label,
            text::commitment_unsigned(),
            lang,
        )];
    }
    let signed_at = signature.signed_at.as_deref().unwrap_or_default();
    let well_formed =
        time::OffsetDateTime::parse(signed_at, &time::format_description::well_known::Rfc3339)
            .is_ok();
    if well_formed {
        Vec::new()
    } else {
        vec![problem(
            "/commitment/signed_at",
            "commitment.signed_at",
            label,
            text::commitment_bad_time(signed_at),
            lang,
        )]
    }
}

fn deadlines(
    item: &CompiledItem,
    assessment: &MaterialAssessment,
    ctx: &ValidationContext<'_>,
) -> Result<Option<Deadlines>, ValidationFailure> {
    let (Some(accepted_on), Some(calendar)) = (ctx.accepted_on, ctx.calendar) else {
        return Ok(None);
    };
    let definition = item.definition();
    let limits = &definition.time_limits;
    let add = |days: Option<u32>| -> Result<Option<String>, ValidationFailure> {
        match days {
            Some(days) => Ok(Some(format_date(
                calendar.add_working_days(accepted_on, days)?,
            ))),
            None => Ok(None),
        }
    };
    let deferred_days = definition
        .allowed_deferral()
        .and_then(|d| d.deadline_working_days)
        .filter(|_| !assessment.deferred.is_empty());
    Ok(Some(Deadlines {
        accepted_on: format_date(accepted_on),
        on_the_spot: limits.promised.on_the_spot,
        promised: add(limits.promised.working_days)?,
        statutory: add(limits.statutory.working_days)?,
        deferred_due: add(deferred_days)?,
    }))
}

fn commitments(
    item: &CompiledItem,
    assessment: &MaterialAssessment,
    in_lieu_conditions: Vec<usize>,
    deadlines: Option<&Deadlines>,
    signature: &Signature,
    data_sha256: String,
    lang: Lang,
) -> Vec<commitment::Commitment> {
    let definition = item.definition();
    let mut out = Vec::new();
    if !assessment.deferred.is_empty() {
        let request = CommitmentRequest {
            kind: CommitmentKind::Deferral,
            definition,
            materials: assessment.deferred.clone(),
            conditions: Vec::new(),
            due: deadlines.and_then(|d| d.deferred_due.clone()),
            signature,
            data_sha256: data_sha256.clone(),
        };
        out.push(commitment::build(&request, lang));
    }
    if !assessment.in_lieu.is_empty() || !in_lieu_conditions.is_empty() {
        let request = CommitmentRequest {
            kind: CommitmentKind::InLieu,
            definition,
            materials: assessment.in_lieu.clone(),
            conditions: in_lieu_conditions,
            due: None,
            signature,
            data_sha256,
        };
        out.push(commitment::build(&request, lang));
    }
    out
}
