//! Asking the core about what the applicant has given ([`Answers`]): the
//! problems of one page, of the whole application, and the submission
//! envelope. The widget adds only one check of its own: the applicant
//! ticked "I agree" under the commitment. Nothing here knows the widget's
//! state; the reducer calls these once per change. A verdict is `None`
//! while the schema engine is pending ([`Engine`]).

use std::collections::BTreeMap;

use banli_core::calendar::WorkCalendar;
use banli_core::envelope::{Envelope, Signature};
use banli_core::messages::{Lang, widget as text};
use banli_core::report::{MemberDeadlines, Report, ReportError};
use banli_core::{CompiledItem, ValidationContext};

use crate::engine::Engine;
use serde_json::Value;

use crate::clock;
use crate::model::{MaterialChoice, entry_key, parse_entry_key};
use crate::pages::{self, Pages};

/// What deadlines are computed from: the host's calendars (the built-in
/// national one with the files the host passed, laid by the core's rules)
/// and the acceptance date the host fixes, or today in China.
#[derive(Debug, Default)]
pub struct Dates {
    /// Laid when the host passes files (so a bad file is refused at
    /// mount); otherwise the national calendar, laid when a deadline is
    /// first counted: only the materials and review pages count one, and
    /// laying it is a noticeable part of the work before the first paint.
    calendar: std::cell::OnceCell<WorkCalendar>,
    pub accepted_on: Option<time::Date>,
}

impl Dates {
    /// `calendar`: the host's calendars laid over the national one, or
    /// `None` for the national one alone.
    pub fn new(calendar: Option<WorkCalendar>, accepted_on: Option<time::Date>) -> Self {
        Self {
            calendar: calendar.map(std::cell::OnceCell::from).unwrap_or_default(),
            accepted_on,
        }
    }

    pub fn calendar(&self) -> &WorkCalendar {
        self.calendar.get_or_init(WorkCalendar::national)
    }
}

/// Everything the applicant has given, as the core is asked about it.
#[derive(Clone, Copy)]
pub struct Answers<'a> {
    pub item: &'a CompiledItem,
    pub pages: &'a Pages,
    /// The form data as submitted ([`CompiledItem::submitted_data`] of
    /// what was entered), computed once per change.
    pub submitted: &'a Value,
    pub materials: &'a BTreeMap<String, MaterialChoice>,
    pub signer: &'a str,
    pub confirmed: bool,
    pub dates: &'a Dates,
    pub engine: &'a Engine,
}

/// The submission envelope. The signature is added only when the core says
/// a commitment is needed and a signer is given; `signed_at` (RFC 3339)
/// defaults to now in China.
pub fn envelope(answers: &Answers<'_>, signed_at: Option<&str>) -> Envelope {
    let definition = answers.item.definition();
    let mut envelope = Envelope::new(
        definition.code.clone(),
        definition.version.clone(),
        answers.submitted.clone(),
    );
    envelope.materials = answers
        .materials
        .iter()
        .filter(|(key, _)| parse_entry_key(key).is_none())
        .filter_map(|(id, choice)| Some((id.clone(), choice.to_envelope()?)))
        .collect();
    // A per-item material: one choice per entry of its array, as many as
    // the data has entries (a removed entry's copy goes with it).
    for material in &definition.materials {
        let Some(per_item) = &material.per_item else {
            continue;
        };
        let entries: Vec<_> = (0..per_item.count(answers.submitted))
            .map(|i| {
                answers
                    .materials
                    .get(&entry_key(&material.id, i))
                    .and_then(MaterialChoice::to_envelope)
            })
            .collect();
        if entries.iter().any(Option::is_some) {
            envelope.entries.insert(material.id.clone(), entries);
        }
    }
    if answers.item.needs_commitment(&envelope) && !answers.signer.trim().is_empty() {
        let signed_at = signed_at.map_or_else(clock::now_in_china_rfc3339, str::to_owned);
        envelope.commitment = Some(Signature {
            signer: Some(answers.signer.trim().to_owned()),
            signed_at: Some(signed_at),
        });
    }
    envelope
}

/// The acceptance date the host fixed, or today in China.
fn accepted_on(answers: &Answers<'_>) -> time::Date {
    answers
        .dates
        .accepted_on
        .unwrap_or_else(clock::today_in_china)
}

/// The core's full report for `envelope` (made by [`envelope`]); `None`
/// while the engine is pending.
pub fn report(answers: &Answers<'_>, envelope: &Envelope, lang: Lang) -> Option<Report> {
    let judge = answers.engine.judge()?;
    let ctx =
        ValidationContext::new(lang).accepted_on(accepted_on(answers), answers.dates.calendar());
    Some(
        answers
            .item
            .validate_judged(&envelope.to_value(), &ctx, judge),
    )
}

/// The form data's problems with the acceptance date; `None` while the
/// engine is pending.
fn form_errors(answers: &Answers<'_>, lang: Lang) -> Option<Vec<ReportError>> {
    let judge = answers.engine.judge()?;
    Some(answers.item.form_errors_judged(
        answers.submitted,
        Some(accepted_on(answers)),
        lang,
        judge,
    ))
}

/// In a bundle: each applying member's own deadlines for `envelope`
/// ([`CompiledItem::member_deadlines`]); empty for an item.
pub fn member_deadlines(
    answers: &Answers<'_>,
    envelope: &Envelope,
    lang: Lang,
) -> Vec<MemberDeadlines> {
    let ctx =
        ValidationContext::new(lang).accepted_on(accepted_on(answers), answers.dates.calendar());
    answers.item.member_deadlines(envelope, &ctx)
}

/// Form errors on one form page (`fields`: its JSON Pointers), in order.
pub fn form_page_errors(
    answers: &Answers<'_>,
    fields: &[String],
    lang: Lang,
) -> Option<Vec<ReportError>> {
    let mut errors = form_errors(answers, lang)?;
    errors.retain(|e| pages::on_fields(&e.path, fields));
    Some(errors)
}

/// Form errors of the situation questions (the 办事指引 page), in order.
pub fn question_errors(
    answers: &Answers<'_>,
    questions: &[String],
    lang: Lang,
) -> Option<Vec<ReportError>> {
    let mut errors = form_errors(answers, lang)?;
    errors.retain(|e| questions.iter().any(|q| crate::pages::asks(q, &e.path)));
    Some(errors)
}

/// The materials page's errors, from the report of its envelope.
pub fn materials_page_errors(
    answers: &Answers<'_>,
    report: &Report,
    needs_commitment: bool,
    lang: Lang,
) -> Vec<ReportError> {
    let mut errors: Vec<ReportError> = report
        .errors
        .iter()
        .filter(|e| e.place().is_materials_step())
        .cloned()
        .collect();
    errors.extend(unconfirmed(answers, needs_commitment, lang));
    errors
}

/// Every problem of the application, signed at `signed_at` (RFC 3339).
pub fn all_errors(
    answers: &Answers<'_>,
    signed_at: Option<&str>,
    lang: Lang,
) -> Option<Vec<ReportError>> {
    let envelope = envelope(answers, signed_at);
    let needs = answers.item.needs_commitment(&envelope);
    let mut errors = report(answers, &envelope, lang)?.errors;
    errors.extend(unconfirmed(answers, needs, lang));
    Some(errors)
}

fn unconfirmed(answers: &Answers<'_>, needs_commitment: bool, lang: Lang) -> Option<ReportError> {
    (needs_commitment && !answers.confirmed).then(|| {
        let label = text::commitment_heading();
        let message = text::commitment_needs_confirmation();
        ReportError {
            path: "/commitment/confirmed".into(),
            code: "commitment.unconfirmed".into(),
            label: label.get(lang).into(),
            message: message.get(lang).into(),
        }
    })
}

#[cfg(test)]
mod tests {
    use banli_core::report::Disposition;
    use banli_core::{CompiledItem, Lang};
    use serde_json::json;

    use super::*;

    /// Issue 15: the widget asked for a commitment whenever a material was
    /// chosen as deferred, even one the answers no longer require; the core
    /// asks only for required ones. The widget now asks the core.
    #[test]
    fn a_deferred_material_no_longer_required_needs_no_commitment() {
        let item = CompiledItem::from_json(include_str!(
            "../../../schemas/items/food-business-licence.json"
        ))
        .unwrap();
        let pages = Pages::of(&item);
        let dates = Dates::default();
        let engine = crate::engine::Engine::Pending;
        let mut materials = BTreeMap::new();
        materials.insert(
            "safety-rules".to_owned(),
            MaterialChoice {
                disposition: Some(Disposition::Deferred),
                files: Vec::new(),
                alternative: None,
            },
        );
        let catering = item.submitted_data(&json!({"category": "catering"}));
        let answers = Answers {
            item: &item,
            pages: &pages,
            submitted: &catering,
            materials: &materials,
            signer: "",
            confirmed: false,
            dates: &dates,
            engine: &engine,
        };
        let needs = |answers: &Answers<'_>| item.needs_commitment(&envelope(answers, None));
        assert!(needs(&answers));
        assert!(unconfirmed(&answers, needs(&answers), Lang::ZhCn).is_some());
        // Retail shops need no food-safety rules: nothing is deferred now.
        let retail = item.submitted_data(&json!({"category": "retail"}));
        let answers = Answers {
            submitted: &retail,
            ..answers
        };
        assert!(!needs(&answers));
        assert!(unconfirmed(&answers, needs(&answers), Lang::ZhCn).is_none());
        assert!(envelope(&answers, None).commitment.is_none());
    }
}
