//! Validating a submission envelope against a compiled item: the form data,
//! the materials, conditions met by commitment, the signature, deadlines and
//! commitment documents, gathered into one [`Report`] with every problem at
//! once, in document order.

mod data;
#[cfg(feature = "engine")]
mod dated;
#[cfg(feature = "engine")]
mod engine;
mod label;
mod pipeline;
#[cfg(feature = "engine")]
mod render;

pub(crate) use data::form_has_formats;
#[cfg(feature = "engine")]
pub(crate) use pipeline::{envelope_errors, parse_then};

pub use data::normalize;

use std::borrow::Cow;

use serde_json::Value;
use time::Date;

use crate::calendar::{CalendarError, WorkCalendar, add_natural_days, format_date};
use crate::commitment;
use crate::definition::CompiledItem;
use crate::envelope::{Envelope, EnvelopeError, Reading, keys};
use crate::limits::{Limits, too_deep};
use crate::materials::{self, MaterialAssessment};
use crate::messages::{Lang, Text, calendar as calendar_text, validation as text};
use crate::pointer;
use crate::report::{DeadlineKind, Deadlines, PendingDeadline, ReportError};
use crate::schema::SchemaWalker;

/// What judges form data against the item's form schema: the schema
/// engine. With the feature `engine` the item itself is one (its compiled
/// form); a build without it (the widget's view, which paints before the
/// engine has arrived) passes one that reaches the engine elsewhere, and
/// every other rule of validation runs where it is.
pub trait FormJudge {
    /// The problems of form data `data` (normalised, as submitted, within
    /// the limits) as report errors in document order: the schema's
    /// violations, then, with `accepted_on`, the impossible dates inside
    /// identifiers (a birth date after it).
    fn judge_form(&self, data: &Value, accepted_on: Option<Date>, lang: Lang) -> Vec<ReportError>;

    /// Whether `requirement`'s `when` holds for `data` (normalised form
    /// data). A build without the engine asks this only of a condition
    /// [`crate::schema::Condition`] cannot decide (`minimum`, `pattern`,
    /// `oneOf`, …), once the judge is lent to the item
    /// ([`CompiledItem::lend_engine`](crate::CompiledItem::lend_engine)).
    fn requirement_holds(&self, requirement: RequirementOf, data: &Value) -> bool;
}

/// One requirement of an item with a `when`, by its place in the
/// definition (the same indices in every build of the same definition).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequirementOf {
    /// `materials[index].required`.
    Material(usize),
    /// In a merged bundle, `members[member].material_terms[term]`: the
    /// member's own requirement of that material.
    MemberTerm { member: usize, term: usize },
}

/// What validation needs from the caller: the core reads no clock and no
/// file, so the acceptance date and the calendar come from outside.
#[derive(Debug, Clone, Copy)]
pub struct ValidationContext<'a> {
    pub lang: Lang,
    /// The acceptance date (受理日期): deadlines are computed from it, and
    /// the dates inside identifiers are checked against it (nobody is born
    /// after it). Without it, neither happens: the core reads no clock.
    pub accepted_on: Option<Date>,
    pub calendar: Option<&'a WorkCalendar>,
    /// What a submission may contain at most; checked before anything else.
    pub limits: Limits,
}

impl<'a> ValidationContext<'a> {
    pub fn new(lang: Lang) -> Self {
        Self {
            lang,
            accepted_on: None,
            calendar: None,
            limits: Limits::DEFAULT,
        }
    }

    /// Validates within `limits` instead of the defaults.
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// Sets the acceptance date without a calendar: identifiers' dates are
    /// checked against it, and deadlines are computed when every limit that
    /// applies is in natural days (自然日 need no calendar); an item with a
    /// limit in working days gets no `deadlines` this way.
    pub fn accepted_on_natural_days(mut self, accepted_on: Date) -> Self {
        self.accepted_on = Some(accepted_on);
        self
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
    /// The submission text is not JSON (from [`CompiledItem::validate_json`]).
    #[error(transparent)]
    Syntax(crate::json_text::SyntaxError),
}

impl ValidationFailure {
    /// What went wrong, in words (zh-CN and en), with the place.
    pub fn message(&self) -> crate::Text {
        match self {
            ValidationFailure::Syntax(syntax) => syntax.message(),
        }
    }
}

impl CompiledItem {
    /// The label path of the form field at `at` (JSON Pointer into
    /// the data) for this data, as errors name it: "拟聘用驾驶员",
    /// "经营者信息 › 身份证号码".
    pub fn field_label(&self, at: &str, data: &Value, lang: Lang) -> String {
        let path = pointer::parse(at);
        let trail = SchemaWalker::new(self.form()).trail(&path, data);
        label::label_path(&path, &trail, data, lang)
    }

    /// Whether `submission` (an envelope) needs a signed commitment
    /// (承诺书): a material the data makes required is deferred (容缺后补) or
    /// replaced by a commitment (告知承诺), or a condition is met by
    /// commitment. A deferred material that the answers no longer require
    /// needs none. The one rule: [`validate`](Self::validate) asks for a
    /// signature exactly when this is true, and the widget shows the
    /// commitment exactly then.
    pub fn needs_commitment(&self, envelope: &Envelope) -> bool {
        let empty = Value::Object(Default::default());
        let data = match &envelope.data {
            data @ Value::Object(_) if !too_deep(data) => self.normalize_within_limits(data),
            _ => Cow::Borrowed(&empty),
        };
        let reading = choices_of(envelope);
        let assessment = materials::assess(self, &reading, &data, Lang::ZhCn);
        let (conditions, _) = conditions_in_lieu(self, &reading, &data, Lang::ZhCn);
        commitment_needed(&assessment, &conditions)
    }

    /// In a merged bundle (一件事一次办): each member that applies to the
    /// envelope's data ([`crate::bundle::member_applies`]) with its own
    /// deadlines, from its own time limits and, when one of its own required
    /// materials is deferred, its own deferral deadline
    /// (`members[].deferral_working_days`): the dates its office sets. Empty
    /// for an ordinary item, and without an acceptance date (or, for limits
    /// in working days, a calendar) in `ctx`.
    pub fn member_deadlines(
        &self,
        envelope: &Envelope,
        ctx: &ValidationContext<'_>,
    ) -> Vec<crate::report::MemberDeadlines> {
        let definition = self.definition();
        if definition.members.is_empty() || too_deep(&envelope.data) {
            return Vec::new();
        }
        let data = self.normalize(&envelope.data);
        let reading = choices_of(envelope);
        let assessment = materials::assess(self, &reading, &data, ctx.lang);
        member_deferrals(self, &assessment, &data, ctx)
            .into_iter()
            .filter_map(|own| {
                let member = &definition.members[own.member];
                Some(crate::report::MemberDeadlines {
                    key: member.key.clone(),
                    name: member.localized_name(ctx.lang).to_owned(),
                    variant: member
                        .variant_for(&data)
                        .map(|v| crate::report::ReportVariant::of(v, ctx.lang)),
                    deadlines: own.deadlines?,
                    deferred: own
                        .deferred
                        .iter()
                        .map(|covered| covered.name(definition, ctx.lang).to_owned())
                        .collect(),
                })
            })
            .collect()
    }

    /// `data` as the rules read it: blank strings removed ([`normalize`]),
    /// then times and dates with times completed to the RFC 3339 shape their
    /// format requires ("09:30" → "09:30:00+08:00", see
    /// [`crate::formats::time`]). Borrowed unchanged when nothing changes.
    /// Data nested deeper than the default limit is returned as it is.
    pub fn normalize<'d>(&self, data: &'d Value) -> Cow<'d, Value> {
        if too_deep(data) {
            // Every entry refuses such data; nothing recurses over it.
            return Cow::Borrowed(data);
        }
        self.normalize_within_limits(data)
    }

    /// [`normalize`](Self::normalize) of data already known to be within
    /// the nesting limit.
    fn normalize_within_limits<'d>(&self, data: &'d Value) -> Cow<'d, Value> {
        let without_blanks = normalize(data);
        if !self.has_normalised_formats() {
            return without_blanks;
        }
        let walker = SchemaWalker::new(self.form());
        match data::complete_formats(&walker, &without_blanks) {
            Some(complete) => Cow::Owned(complete),
            None => without_blanks,
        }
    }

    /// What is submitted of `data`: normalised ([`normalize`](Self::normalize)),
    /// then the values of fields that no longer apply (a hidden `then`
    /// branch, the other `oneOf` branch) dropped ([`prune`](Self::prune)).
    /// The one definition of the submitted data: the widget submits it, the
    /// server stores it, and its RFC 8785 SHA-256
    /// ([`commitment::data_sha256`]) is the data hash written into
    /// commitments and stored with the application.
    pub fn submitted_data(&self, data: &Value) -> Value {
        self.submitted(data).into_owned()
    }

    /// [`submitted_data`](Self::submitted_data), borrowing `data` when it
    /// is submitted as it is (nothing to normalise or prune): a live check
    /// then copies nothing.
    pub fn submitted<'d>(&self, data: &'d Value) -> Cow<'d, Value> {
        // Depth is checked once here, not again by each step: the check
        // walks all of the data, and this runs on every live check.
        if too_deep(data) {
            return Cow::Owned(Value::Object(Default::default()));
        }
        self.submitted_within_limits(data)
    }

    /// [`submitted`](Self::submitted) of data already known to be within
    /// the nesting limit.
    fn submitted_within_limits<'d>(&self, data: &'d Value) -> Cow<'d, Value> {
        match self.normalize_within_limits(data) {
            Cow::Owned(normalized) => Cow::Owned(self.prune_owned_within_limits(normalized)),
            Cow::Borrowed(as_given) => self.pruned_within_limits(as_given),
        }
    }

    /// Every material with whether it is required for `data` (as entered so
    /// far) and no disposition yet: what the materials step shows. Data
    /// nested deeper than the default limit counts as an empty form.
    pub fn material_requirements(
        &self,
        data: &Value,
        lang: Lang,
    ) -> Vec<crate::report::MaterialStatus> {
        let empty = Value::Object(Default::default());
        let data = if too_deep(data) { &empty } else { data };
        let nothing = Reading::of(Envelope::new("", "", Value::Null));
        materials::assess(self, &nothing, &self.normalize(data), lang).statuses
    }
}

/// Conditions the applicant meets by commitment instead of proof.
fn commitment_needed(assessment: &MaterialAssessment, in_lieu_conditions: &[usize]) -> bool {
    !assessment.deferred.is_empty()
        || !assessment.in_lieu.is_empty()
        || !in_lieu_conditions.is_empty()
}

fn conditions_in_lieu(
    item: &CompiledItem,
    reading: &Reading,
    data: &Value,
    lang: Lang,
) -> (Vec<usize>, Vec<ReportError>) {
    let definition = item.definition();
    // In a merged bundle, the conditions of a member that does not apply
    // to the answers are not offered: a commitment given for one is left
    // out (its office receives no application), as the per-member verdict
    // leaves it out.
    let submitted = if definition.members.is_empty() {
        Cow::Owned(Value::Null)
    } else {
        item.pruned(data)
    };
    let not_offered: Vec<&str> = definition
        .members
        .iter()
        .filter(|m| !crate::bundle::member_applies(m.when.as_ref(), &submitted))
        .flat_map(|m| m.conditions.iter().map(String::as_str))
        .collect();
    let label = text::label_conditions();
    let mut accepted = Vec::new();
    let mut errors = Vec::new();
    if let Some(malformed) = reading
        .problems
        .iter()
        .find(|p| matches!(p, EnvelopeError::NotAMap { key } if *key == keys::CONDITIONS))
    {
        errors.push(problem(
            &malformed.path(),
            malformed.code(),
            label.clone(),
            malformed.message(),
            lang,
        ));
    }
    for id in &reading.condition_ids {
        if not_offered.contains(&id.as_str()) {
            continue;
        }
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
        if let Some(malformed) = reading.condition_problem(id) {
            errors.push(problem(
                &path,
                malformed.code(),
                label.clone(),
                malformed.message(),
                lang,
            ));
        } else if condition.in_lieu.is_some() {
            accepted.push(index);
        } else {
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
    }
    accepted.sort_unstable();
    (accepted, errors)
}

/// The deadlines of `limits` from the context's acceptance date, and the
/// deferred materials' due date `deferred_days` working days on (`None`:
/// nothing deferred): the one computation for an item's report and for
/// each member of a bundle.
fn deadlines_for(
    limits: &crate::definition::TimeLimits,
    deferred_days: Option<u32>,
    ctx: &ValidationContext<'_>,
) -> Option<Deadlines> {
    let accepted_on = ctx.accepted_on?;
    // Only working days need the calendar: without one, a report whose
    // limits are all in natural days still has its deadlines, and one
    // with a working-day limit has none rather than half of them.
    let counts_working_days = limits.promised.working_days.is_some()
        || limits.statutory.working_days.is_some()
        || deferred_days.is_some();
    let calendar = match ctx.calendar {
        Some(calendar) => Some(calendar),
        None if counts_working_days => return None,
        None => None,
    };
    let mut pending = Vec::new();
    let mut add = |kind: DeadlineKind, days: Option<u32>| -> Option<String> {
        let days = days?;
        match calendar?.add_working_days(accepted_on, days) {
            Ok(date) => Some(format_date(date)),
            Err(CalendarError::YearNotCovered { year }) => {
                pending.push(pending_deadline(kind, days, year, ctx.lang));
                None
            }
        }
    };
    // A limit in natural days needs no calendar; one in working days
    // (or none) goes through the calendar as before.
    let natural = |days: Option<u32>| {
        days.and_then(|d| add_natural_days(accepted_on, d))
            .map(format_date)
    };
    let promised = natural(limits.promised.natural_days)
        .or_else(|| add(DeadlineKind::Promised, limits.promised.working_days));
    let statutory = natural(limits.statutory.natural_days)
        .or_else(|| add(DeadlineKind::Statutory, limits.statutory.working_days));
    let deferred_due = add(DeadlineKind::DeferredDue, deferred_days);
    Some(Deadlines {
        accepted_on: format_date(accepted_on),
        on_the_spot: limits.promised.on_the_spot,
        promised,
        statutory,
        deferred_due,
        pending,
    })
}

/// A deadline of `days` working days that ends in `year`, not yet loaded.
pub fn pending_deadline(kind: DeadlineKind, days: u32, year: i32, lang: Lang) -> PendingDeadline {
    let label = match kind {
        DeadlineKind::Promised => calendar_text::promised_limit(),
        DeadlineKind::Statutory => calendar_text::statutory_limit(),
        DeadlineKind::DeferredDue => calendar_text::deferred_due(),
    };
    let message =
        calendar_text::pending_deadline(&label, days, &calendar_text::working_days_unit(), year);
    PendingDeadline {
        deadline: kind,
        working_days: days,
        year,
        code: crate::calendar::codes::YEAR_NOT_COVERED.to_owned(),
        message: message.get(lang).to_owned(),
    }
}

/// One applying member of a merged bundle with its own deferred
/// materials and deadlines ([`member_deferrals`]).
struct MemberDeferral {
    /// Index into the merged definition's `members`.
    member: usize,
    /// The merged materials (or a per-item one's entries) validly
    /// deferred and required by this member itself.
    deferred: Vec<commitment::Covered>,
    /// From its own limits; `deferred_due` by its own deferral deadline
    /// when it defers any. `None` without an acceptance date (or, for
    /// working days, a calendar).
    deadlines: Option<Deadlines>,
}

/// In a merged bundle (empty for an item): each member that applies to
/// `data` (normalised) with its own deferred materials and deadlines, the
/// dates its office sets. The one computation behind
/// [`CompiledItem::member_deadlines`] and the deferral commitment's
/// per-member due dates.
fn member_deferrals(
    item: &CompiledItem,
    assessment: &MaterialAssessment,
    data: &Value,
    ctx: &ValidationContext<'_>,
) -> Vec<MemberDeferral> {
    let definition = item.definition();
    if definition.members.is_empty() {
        return Vec::new();
    }
    let submitted = item.pruned(data);
    definition
        .members
        .iter()
        .enumerate()
        .filter(|(_, m)| crate::bundle::member_applies(m.when.as_ref(), &submitted))
        .map(|(m, member)| {
            let deferred: Vec<commitment::Covered> = assessment
                .deferred_covered
                .iter()
                .filter(|covered| {
                    let id = &definition.materials[covered.material].id;
                    match member.material_terms.iter().position(|t| t.id == *id) {
                        Some(term) => item.member_requires(m, term, data),
                        // A merged definition written before the terms.
                        None => member.material_terms.is_empty() && member.materials.contains(id),
                    }
                })
                .cloned()
                .collect();
            let days = member
                .deferral_working_days
                .filter(|_| !deferred.is_empty());
            // The member's variant, chosen by its own situations' answers,
            // sets its limits as it does when the member is applied alone.
            let limits = member.time_limits_under(member.variant_for(data));
            MemberDeferral {
                member: m,
                deadlines: deadlines_for(limits, days, ctx),
                deferred,
            }
        })
        .collect()
}

/// The reading of `envelope`'s choices (materials, conditions, the
/// commitment) with its data left out, for the rules that read the data
/// normalised apart. Field by field: `..envelope.clone()` would copy the
/// data first, recursing over data that may be deeper than the limits
/// allow.
fn choices_of(envelope: &Envelope) -> Reading {
    Reading::of(Envelope {
        item: envelope.item.clone(),
        data: Value::Null,
        materials: envelope.materials.clone(),
        entries: envelope.entries.clone(),
        conditions: envelope.conditions.clone(),
        commitment: envelope.commitment.clone(),
    })
}

fn problem(path: &str, code: &str, label: Text, message: Text, lang: Lang) -> ReportError {
    ReportError {
        path: path.to_owned(),
        code: code.to_owned(),
        label: label.get(lang).to_owned(),
        message: message.get(lang).to_owned(),
    }
}
