//! Asking the core about the form state: the problems of one page, of the
//! whole application, and the submission envelope. The widget adds only one
//! check of its own: the applicant ticked "I agree" under the commitment.

use banli_core::calendar::WorkCalendar;
use banli_core::envelope::{Envelope, Signature};
use banli_core::messages::{Lang, widget as text};
use banli_core::report::{Report, ReportError};
use banli_core::{ValidationContext, pointer};
use serde_json::Value;

use crate::clock;
use crate::pages::Page;
use crate::state::FormState;

/// What deadlines are computed from: the host's calendars (the built-in
/// national one with the files the host passed, laid by the core's rules)
/// and the acceptance date the host fixes, or today in China.
#[derive(Debug)]
pub struct Dates {
    pub calendar: WorkCalendar,
    pub accepted_on: Option<time::Date>,
}

impl Default for Dates {
    fn default() -> Self {
        Self {
            calendar: WorkCalendar::national(),
            accepted_on: None,
        }
    }
}

/// The form data as it would be submitted: blanks removed, hidden branches pruned.
pub fn submitted_data(state: &FormState) -> Value {
    state.item.submitted_data(&state.data)
}

/// The submission envelope of the current state. The signature is added
/// only when the core says a commitment is needed and a signer is given;
/// `signed_at` (RFC 3339) defaults to now in China.
pub fn envelope(state: &FormState, signed_at: Option<&str>) -> Envelope {
    let definition = state.item.definition();
    let mut envelope = Envelope::new(
        definition.code.clone(),
        definition.version.clone(),
        submitted_data(state),
    );
    envelope.materials = state
        .materials
        .iter()
        .filter_map(|(id, choice)| Some((id.clone(), choice.to_envelope()?)))
        .collect();
    if state.item.needs_commitment(&envelope) && !state.signer.trim().is_empty() {
        let signed_at = signed_at.map_or_else(clock::now_in_china_rfc3339, str::to_owned);
        envelope.commitment = Some(Signature {
            signer: Some(state.signer.trim().to_owned()),
            signed_at: Some(signed_at),
        });
    }
    envelope
}

/// Whether the applicant must sign a commitment: the core's one rule on
/// the envelope as it would be submitted.
pub fn needs_commitment(state: &FormState) -> bool {
    state.item.needs_commitment(&envelope(state, None))
}

/// The acceptance date the host fixed, or today in China.
fn accepted_on(state: &FormState) -> time::Date {
    state
        .dates
        .accepted_on
        .unwrap_or_else(clock::today_in_china)
}

/// The core's full report for the current state.
pub fn report(state: &FormState, lang: Lang, signed_at: Option<&str>) -> Report {
    let envelope = envelope(state, signed_at);
    let ctx = ValidationContext::new(lang).accepted_on(accepted_on(state), &state.dates.calendar);
    // A deadline in a year not loaded is pending in the report, not an
    // error; validating a value (not text) has no other failure.
    state
        .item
        .validate(&envelope.to_value(), &ctx)
        .expect("validating an envelope value cannot fail")
}

/// Form errors on one page, or the materials page's errors, in order.
pub fn page_errors(state: &FormState, page: usize) -> Vec<ReportError> {
    page_errors_in(state, page, lang_of(state))
}

pub fn page_errors_in(state: &FormState, page: usize, lang: Lang) -> Vec<ReportError> {
    match state.pages.get(page) {
        Page::Form { fields, .. } => state
            .item
            .form_errors_on(&submitted_data(state), Some(accepted_on(state)), lang)
            .into_iter()
            .filter(|e| {
                pointer::parse(&e.path)
                    .first()
                    .is_some_and(|s| fields.contains(&s.as_key().into_owned()))
            })
            .collect(),
        Page::Materials => {
            let mut errors: Vec<ReportError> = report(state, lang, None)
                .errors
                .into_iter()
                .filter(|e| e.place().is_materials_step())
                .collect();
            errors.extend(unconfirmed(state, lang));
            errors
        }
        Page::Review => all_errors_in(state, None, lang),
    }
}

pub fn all_errors(state: &FormState, signed_at: Option<&str>) -> Vec<ReportError> {
    all_errors_in(state, signed_at, lang_of(state))
}

fn all_errors_in(state: &FormState, signed_at: Option<&str>, lang: Lang) -> Vec<ReportError> {
    let mut errors = report(state, lang, signed_at).errors;
    errors.extend(unconfirmed(state, lang));
    errors
}

fn unconfirmed(state: &FormState, lang: Lang) -> Option<ReportError> {
    (needs_commitment(state) && !state.confirmed).then(|| {
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

fn lang_of(state: &FormState) -> Lang {
    state.lang
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use banli_core::{CompiledItem, Lang};
    use serde_json::json;

    use super::*;
    use crate::state::MaterialChoice;
    use banli_core::report::Disposition;

    /// Issue 15: the widget asked for a commitment whenever a material was
    /// chosen as deferred, even one the answers no longer require; the core
    /// asks only for required ones. The widget now asks the core.
    #[test]
    fn a_deferred_material_no_longer_required_needs_no_commitment() {
        let item = CompiledItem::from_json(include_str!(
            "../../../schemas/items/food-business-licence.json"
        ))
        .unwrap();
        let mut state = FormState::new(Rc::new(item), Lang::ZhCn, "t-".into(), Rc::default());
        state.data = json!({"category": "catering"});
        state.materials.insert(
            "safety-rules".into(),
            MaterialChoice {
                disposition: Some(Disposition::Deferred),
                files: Vec::new(),
            },
        );
        assert!(needs_commitment(&state));
        assert!(unconfirmed(&state, Lang::ZhCn).is_some());
        // Retail shops need no food-safety rules: nothing is deferred now.
        state.data = json!({"category": "retail"});
        assert!(!needs_commitment(&state));
        assert!(unconfirmed(&state, Lang::ZhCn).is_none());
        assert!(envelope(&state, None).commitment.is_none());
    }
}
