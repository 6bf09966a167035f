//! The validation pipeline: a submission through the limits, the form's
//! judge (the schema engine, [`FormJudge`]) and the rules of materials,
//! conditions, the signature, deadlines and commitments, into one report;
//! and the live check of the form data alone. The entry points that judge
//! with the linked engine need the feature `engine`; the `_judged` ones
//! take the judge from the caller.

use super::*;
use crate::commitment::{CommitmentKind, CommitmentRequest};
use crate::envelope::Signature;
#[cfg(feature = "engine")]
use crate::limits::InputError;
use crate::limits::LimitViolation;
use crate::report::{Report, ReportVariant, Status};

impl CompiledItem {
    /// Validates a submission envelope given as JSON text: the text is
    /// checked against `ctx.limits` before it is parsed (size, nesting), so
    /// a hostile document costs at most one linear scan. A submission over
    /// a limit gets an `invalid` report with `limit.*` errors; text that is
    /// not JSON is a [`ValidationFailure::Syntax`].
    ///
    /// # Errors
    ///
    /// [`ValidationFailure::Syntax`] when `text` is not JSON; every other
    /// problem (limits included) is in the report.
    #[cfg(feature = "engine")]
    pub fn validate_json(
        &self,
        text: &str,
        ctx: &ValidationContext<'_>,
    ) -> Result<Report, ValidationFailure> {
        parse_then(
            text,
            ctx,
            |submission| self.validate(submission, ctx),
            |violation| self.rejected(&[violation], ctx.lang),
        )
    }

    /// Validates a submission envelope (`banli_core::envelope`, whose
    /// contract is `docs/item-format.md`) and returns the report.
    ///
    /// The envelope is first checked against `ctx.limits` by an iterative
    /// walk; one that exceeds them gets an `invalid` report listing the
    /// `limit.*` errors, and its data never reaches the schema engine.
    ///
    /// # Errors
    ///
    /// None today: every problem of a value, a malformed envelope included
    /// ([`EnvelopeError`]), is an error of the report. The `Result` keeps
    /// the signature of [`validate_json`](Self::validate_json).
    #[cfg(feature = "engine")]
    pub fn validate(
        &self,
        submission: &Value,
        ctx: &ValidationContext<'_>,
    ) -> Result<Report, ValidationFailure> {
        Ok(self.validate_judged(submission, ctx, self))
    }

    /// [`validate`](Self::validate) with the form data judged by `judge`:
    /// what a build without the schema engine (the widget's view) calls
    /// with an engine reached elsewhere. Every other rule runs here, so the
    /// report is the one `validate` makes when `judge` answers as the
    /// linked engine does.
    pub fn validate_judged(
        &self,
        submission: &Value,
        ctx: &ValidationContext<'_>,
        judge: &dyn FormJudge,
    ) -> Report {
        let lang = ctx.lang;
        let violations = ctx.limits.check_submission(submission);
        if !violations.is_empty() {
            return self.rejected(&violations, lang);
        }
        let reading = Envelope::read_in_place(submission);
        let empty = Value::Object(Default::default());
        let submitted = Envelope::data_of(submission).unwrap_or(&empty);
        let mut errors = envelope_errors(self, &reading, lang);
        if let Some(data) = reading
            .problems
            .iter()
            .find(|p| matches!(p, EnvelopeError::DataNotObject))
        {
            errors.push(problem(
                &data.path(),
                data.code(),
                text::label_form(),
                data.message(),
                lang,
            ));
        }
        let data: Cow<'_, Value> = self.normalize(submitted);
        let data = data.as_ref();
        if !reading.data_unreadable() {
            errors.extend(judge.judge_form(data, ctx.accepted_on, lang));
        }

        let assessment = materials::assess(self, &reading, data, lang);
        errors.extend(
            assessment
                .problems
                .iter()
                .map(|p| problem(&p.path, p.code, p.label.clone(), p.message.clone(), lang)),
        );
        let (in_lieu_conditions, condition_errors) = conditions_in_lieu(self, &reading, data, lang);
        errors.extend(condition_errors);

        let needs_commitment = commitment_needed(&assessment, &in_lieu_conditions);
        let signature = reading.envelope.signature();
        if needs_commitment {
            errors.extend(signature_errors(&signature, lang));
        }

        let variant = self.definition().variant_for(data);
        let deadlines = deadlines(self, variant, &assessment, ctx);
        // The hash is over what is submitted: the data already normalised,
        // without the values of fields that no longer apply. Only a
        // commitment carries it, and pruning and hashing cost a third of a
        // valid submission's validation, so neither runs without one.
        let data_sha256 = if needs_commitment {
            commitment::data_sha256(&self.pruned(data))
        } else {
            String::new()
        };
        let member_dues = if assessment.deferred.is_empty() {
            Vec::new()
        } else {
            member_deferrals(self, &assessment, data, ctx)
                .into_iter()
                .filter(|own| !own.deferred.is_empty())
                .map(|own| commitment::MemberDue {
                    member: own.member,
                    due: own.deadlines.as_ref().and_then(|d| d.deferred_due.clone()),
                    due_pending_year: own.deadlines.as_ref().and_then(pending_deferral_year),
                    materials: own.deferred,
                })
                .collect()
        };
        let commitments = commitments(
            self,
            &assessment,
            in_lieu_conditions,
            deadlines.as_ref(),
            member_dues,
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
        Report {
            status,
            errors,
            materials: assessment.statuses,
            deadlines,
            commitments,
            variant: variant.map(|v| ReportVariant::of(v, lang)),
        }
    }

    /// The report for a submission over the limits: `invalid`, the limit
    /// errors only, every material as for an empty form, no deadlines and
    /// no commitments (the data was not looked at).
    pub(crate) fn rejected(&self, violations: &[LimitViolation], lang: Lang) -> Report {
        let errors = violations
            .iter()
            .map(|v| {
                problem(
                    v.path(),
                    v.code(),
                    text::label_submission(),
                    v.message(),
                    lang,
                )
            })
            .collect();
        Report {
            status: Status::Invalid,
            errors,
            materials: self.material_requirements(&Value::Object(Default::default()), lang),
            deadlines: None,
            commitments: Vec::new(),
            variant: None,
        }
    }

    /// Only the form data's problems, in document order (the widget asks for
    /// these as the applicant types). Data nested deeper than the default
    /// limit gets one `limit.too_deep` error and is not looked at further.
    /// Without an acceptance date, the dates inside identifiers are not
    /// checked against one: see [`form_errors_on`](Self::form_errors_on).
    #[cfg(feature = "engine")]
    pub fn form_errors(&self, data: &Value, lang: Lang) -> Vec<ReportError> {
        self.form_errors_on(data, None, lang)
    }

    /// [`form_errors`](Self::form_errors), with the dates inside
    /// identifiers checked against `accepted_on` when given (as
    /// [`validate`](Self::validate) does with `ValidationContext::accepted_on`).
    #[cfg(feature = "engine")]
    pub fn form_errors_on(
        &self,
        data: &Value,
        accepted_on: Option<Date>,
        lang: Lang,
    ) -> Vec<ReportError> {
        self.form_errors_judged(data, accepted_on, lang, self)
    }

    /// [`form_errors_on`](Self::form_errors_on) with the data judged by
    /// `judge` (see [`validate_judged`](Self::validate_judged)); data
    /// nested deeper than the default limit never reaches it.
    pub fn form_errors_judged(
        &self,
        data: &Value,
        accepted_on: Option<Date>,
        lang: Lang,
        judge: &dyn FormJudge,
    ) -> Vec<ReportError> {
        if let Some(error) = too_deep_error(data, lang) {
            return vec![error];
        }
        judge.judge_form(data, accepted_on, lang)
    }

    /// The live check: [`form_errors_on`](Self::form_errors_on) of the data
    /// as it would be submitted ([`submitted`](Self::submitted)), what the
    /// JS API's `formErrors` reports as the applicant types. Data nested
    /// deeper than the default limit gets one `limit.too_deep` error at its
    /// place in `data`, not the errors of the empty form it would submit.
    #[cfg(feature = "engine")]
    pub fn live_form_errors(
        &self,
        data: &Value,
        accepted_on: Option<Date>,
        lang: Lang,
    ) -> Vec<ReportError> {
        // One depth walk for both steps: this runs on every keystroke.
        if let Some(error) = too_deep_error(data, lang) {
            return vec![error];
        }
        self.judge_form(&self.submitted_within_limits(data), accepted_on, lang)
    }
}

/// The one `limit.too_deep` error of form data nested deeper than the
/// default limit ([`Limits::max_data_depth`]: the container a submission
/// of this data would be refused at), at the place of the first container
/// too deep; `None` within it.
fn too_deep_error(data: &Value, lang: Lang) -> Option<ReportError> {
    let path = crate::limits::first_too_deep_value(data, Limits::DEFAULT.max_data_depth())?;
    let violation = LimitViolation::TooDeep {
        path,
        limit: Limits::DEFAULT.max_depth,
    };
    Some(problem(
        violation.path(),
        violation.code(),
        text::label_submission(),
        violation.message(),
        lang,
    ))
}

/// Submission text through `ctx.limits` first: `valid` on the parsed
/// envelope, `rejected` on a limit violation (before any parsing of an
/// oversized text), a syntax failure with its line and column otherwise.
/// The one path from text to a verdict, for items and bundles alike.
#[cfg(feature = "engine")]
pub(crate) fn parse_then<T>(
    text: &str,
    ctx: &ValidationContext<'_>,
    valid: impl FnOnce(&Value) -> Result<T, ValidationFailure>,
    rejected: impl FnOnce(LimitViolation) -> T,
) -> Result<T, ValidationFailure> {
    match ctx.limits.parse_submission(text) {
        Ok(submission) => valid(&submission),
        Err(InputError::Limit(violation)) => Ok(rejected(violation)),
        Err(InputError::Syntax(syntax)) => Err(ValidationFailure::Syntax(syntax)),
    }
}

/// The envelope as a whole: a submission that is not an object, or one for
/// another item or version (bundles check their own envelope with it too).
pub(crate) fn envelope_errors(
    item: &CompiledItem,
    reading: &Reading,
    lang: Lang,
) -> Vec<ReportError> {
    let label = text::label_item();
    if let Some(not_object) = reading
        .problems
        .iter()
        .find(|p| matches!(p, EnvelopeError::NotObject))
    {
        return vec![problem(
            &not_object.path(),
            not_object.code(),
            label,
            not_object.message(),
            lang,
        )];
    }
    let definition = item.definition();
    let given = &reading.envelope.item;
    let mut errors = Vec::new();
    if given.code != definition.code {
        errors.push(problem(
            "/item/code",
            "envelope.item_mismatch",
            label.clone(),
            text::envelope_item_mismatch(&definition.code, &given.code),
            lang,
        ));
    } else if given.version != definition.version {
        errors.push(problem(
            "/item/version",
            "envelope.version_mismatch",
            label,
            text::envelope_version_mismatch(&definition.version, &given.version),
            lang,
        ));
    }
    errors
}

fn signature_errors(signature: &Signature, lang: Lang) -> Vec<ReportError> {
    let label = text::label_commitment();
    if signature.signer.is_none() || signature.signed_at.is_none() {
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

/// The deadlines from the variant's time limits when the data chose a
/// variant that states its own, else from the item's.
fn deadlines(
    item: &CompiledItem,
    variant: Option<&crate::definition::Variant>,
    assessment: &MaterialAssessment,
    ctx: &ValidationContext<'_>,
) -> Option<Deadlines> {
    let definition = item.definition();
    let limits = definition.time_limits_under(variant);
    let deferred_days = definition
        .allowed_deferral()
        .and_then(|d| d.deadline_working_days)
        .filter(|_| !assessment.deferred.is_empty());
    deadlines_for(limits, deferred_days, ctx)
}

/// The year a deferral due date waits for (its holidays not loaded yet).
fn pending_deferral_year(deadlines: &Deadlines) -> Option<i32> {
    deadlines
        .pending
        .iter()
        .find(|p| p.deadline == DeadlineKind::DeferredDue)
        .map(|p| p.year)
}

#[allow(clippy::too_many_arguments)]
fn commitments(
    item: &CompiledItem,
    assessment: &MaterialAssessment,
    in_lieu_conditions: Vec<usize>,
    deadlines: Option<&Deadlines>,
    member_dues: Vec<commitment::MemberDue>,
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
            materials: assessment.deferred_covered.clone(),
            conditions: Vec::new(),
            due: deadlines.and_then(|d| d.deferred_due.clone()),
            due_pending_year: deadlines.and_then(pending_deferral_year),
            member_dues,
            signature,
            data_sha256: data_sha256.clone(),
        };
        out.push(commitment::build(&request, lang));
    }
    if !assessment.in_lieu.is_empty() || !in_lieu_conditions.is_empty() {
        let request = CommitmentRequest {
            kind: CommitmentKind::InLieu,
            definition,
            materials: assessment.in_lieu_covered.clone(),
            conditions: in_lieu_conditions,
            due: None,
            due_pending_year: None,
            member_dues: Vec::new(),
            signature,
            data_sha256,
        };
        out.push(commitment::build(&request, lang));
    }
    out
}
