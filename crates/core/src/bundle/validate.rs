//! Validating a bundle submission per member: each member's envelope is cut
//! from the bundle's (its own data under its key, the shared fields put back
//! where the member expects them, its materials and conditions, the one
//! signature) and checked against the member's own definition, so each
//! office's verdict uses its own rules, deferral settings and deadlines.
//! A member with a `when` is checked only when its condition holds of the
//! submitted merged data; the bundle's questions, which no member owns, are
//! checked against the merged form.

use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::envelope::Envelope;
use crate::pointer;
use crate::report::{Report, ReportError, Status};
use crate::validate::{ValidationContext, ValidationFailure, envelope_errors, parse_then};

use super::Bundle;

/// The verdict on a bundle submission (the bundle report, public contract in
/// `docs/item-format.md`): `invalid` when the envelope is not for this
/// bundle, a question is not answered well or any applying member is
/// invalid, else the worst applying member's status; the envelope's and the
/// questions' own problems; each member's full report, in the bundle's
/// member order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BundleReport {
    pub status: Status,
    /// Problems of the bundle envelope itself (`/item/code`,
    /// `/item/version`: another bundle or version) and of the answers to
    /// the bundle's questions (`/<question>`, into `data` like a form
    /// error's). Omitted when empty.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ReportError>,
    pub members: Vec<MemberReport>,
}

/// One member item's verdict: its key in the bundle, its implementation
/// code and name, whether it applies to this application, and, when it
/// does, the report its own definition gives the envelope cut for it
/// (paths in the member's own data, deadlines from its own limits).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MemberReport {
    pub key: String,
    pub code: String,
    pub name: String,
    /// `false` when the member's `when` does not hold of the submitted
    /// data: the member is not applied for, so it has no report (no
    /// errors, deadlines or commitments) and the bundle's status ignores it.
    pub applies: bool,
    /// The member's own report; absent when it does not apply.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub report: Option<Report>,
}

impl BundleReport {
    /// The report as pretty JSON, the bundle's counterpart of `Report::to_json_pretty`.
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).expect("a bundle report serialises")
    }
}

impl Bundle {
    /// The envelope `submission` (data shaped like the merged form) as the
    /// member `key` would have received it on its own.
    pub fn member_envelope(&self, key: &str, submission: &Value) -> Option<Value> {
        let member = self.members.iter().find(|m| m.key == key)?;
        let definition = member.item.definition();
        let data = submission.get("data");
        let mut own = data
            .and_then(|d| d.get(key))
            .filter(|d| d.is_object())
            .cloned()
            .unwrap_or_else(|| Value::Object(Map::new()));
        for (name, place) in &member.shared {
            if let Some(value) = data.and_then(|d| d.get(name)) {
                put(&mut own, place, value.clone());
            }
        }
        let mut materials = Map::new();
        for material in &definition.materials {
            if let Some(given) = submission
                .get("materials")
                .and_then(|m| m.get(&material.id))
            {
                materials.insert(material.id.clone(), given.clone());
            }
        }
        let mut conditions = Map::new();
        for condition in &definition.conditions {
            if let Some(given) = submission
                .get("conditions")
                .and_then(|c| c.get(format!("{key}-{}", condition.id)))
            {
                conditions.insert(condition.id.clone(), given.clone());
            }
        }
        let mut envelope = json!({
            "item": {"code": definition.code, "version": definition.version},
            "data": own,
            "materials": materials,
        });
        if !conditions.is_empty() {
            envelope["conditions"] = Value::Object(conditions);
        }
        if let Some(commitment) = submission.get("commitment") {
            envelope["commitment"] = commitment.clone();
        }
        Some(envelope)
    }

    /// Validates a bundle submission given as JSON text: the text is checked
    /// against `ctx.limits` before it is parsed (a violation gives every
    /// member an `invalid` report of `limit.*` errors).
    ///
    /// # Errors
    /// [`ValidationFailure::Syntax`] when the text is not JSON.
    pub fn validate_json(
        &self,
        text: &str,
        ctx: &ValidationContext<'_>,
    ) -> Result<BundleReport, ValidationFailure> {
        parse_then(
            text,
            ctx,
            |submission| self.validate(submission, ctx),
            |violation| {
                let members = self
                    .members
                    .iter()
                    .map(|member| {
                        let definition = member.item.definition();
                        // Which members apply is unknown for data refused
                        // unread: every member gets the refusal.
                        MemberReport {
                            key: member.key.clone(),
                            code: definition.code.clone(),
                            name: definition.localized_name(ctx.lang).to_owned(),
                            applies: true,
                            report: Some(
                                member
                                    .item
                                    .rejected(std::slice::from_ref(&violation), ctx.lang),
                            ),
                        }
                    })
                    .collect();
                BundleReport {
                    status: Status::Invalid,
                    errors: Vec::new(),
                    members,
                }
            },
        )
    }

    /// Validates a bundle submission (the bundle envelope: `item` naming the
    /// bundle's code and version, `data` shaped like the merged form,
    /// `materials` by material id, each given once for every member that
    /// needs it, `conditions` as `<member key>-<condition id>`, one
    /// `commitment`) member by member. A member applies unless its `when`
    /// is known not to hold of the submitted merged data (normalised, and
    /// pruned of the branches that do not apply, so a `when` reading a
    /// hidden field sees it absent); the bundle's questions are checked
    /// against the merged form.
    ///
    /// # Errors
    /// None today; the `Result` matches [`CompiledItem::validate`](crate::CompiledItem::validate).
    pub fn validate(
        &self,
        submission: &Value,
        ctx: &ValidationContext<'_>,
    ) -> Result<BundleReport, ValidationFailure> {
        let mut errors = envelope_errors(self.merged(), &Envelope::read_head(submission), ctx.lang);
        let empty = Value::Object(Map::new());
        let data = submission
            .get("data")
            .filter(|d| d.is_object())
            .unwrap_or(&empty);
        errors.extend(self.question_errors(data, ctx));
        let submitted = self.merged.submitted(data);
        let mut members = Vec::with_capacity(self.members.len());
        for member in &self.members {
            let definition = member.item.definition();
            let applies = super::member_applies(member.when.as_ref(), &submitted);
            let report = if applies {
                let envelope = self
                    .member_envelope(&member.key, submission)
                    .expect("the member exists");
                Some(member.item.validate(&envelope, ctx)?)
            } else {
                None
            };
            members.push(MemberReport {
                key: member.key.clone(),
                code: definition.code.clone(),
                name: definition.localized_name(ctx.lang).to_owned(),
                applies,
                report,
            });
        }
        let statuses: Vec<Status> = members
            .iter()
            .filter_map(|m| m.report.as_ref().map(|r| r.status))
            .collect();
        let status = if !errors.is_empty() || statuses.contains(&Status::Invalid) {
            Status::Invalid
        } else if statuses.contains(&Status::ValidWithCommitments) {
            Status::ValidWithCommitments
        } else {
            Status::Valid
        };
        Ok(BundleReport {
            status,
            errors,
            members,
        })
    }
}

impl Bundle {
    /// The merged form's problems with the answers to the bundle's
    /// questions (no member checks those), their paths into `data` as any
    /// form error's.
    fn question_errors(&self, data: &Value, ctx: &ValidationContext<'_>) -> Vec<ReportError> {
        if self.questions.is_empty() {
            return Vec::new();
        }
        let mut errors = self.merged.form_errors_on(data, ctx.accepted_on, ctx.lang);
        errors.retain(|e| {
            pointer::parse(&e.path)
                .first()
                .is_some_and(|s| self.questions.iter().any(|q| *q == s.as_key()))
        });
        errors
    }
}

/// Sets `value` at `place` inside `data`, creating objects on the way.
fn put(data: &mut Value, place: &str, value: Value) {
    let path = pointer::parse(place);
    let Some((last, parents)) = path.split_last() else {
        return;
    };
    let mut current = data;
    for segment in parents {
        let Some(object) = current.as_object_mut() else {
            return;
        };
        current = object
            .entry(segment.as_key().into_owned())
            .or_insert_with(|| Value::Object(Map::new()));
    }
    if let Some(object) = current.as_object_mut() {
        object.insert(last.as_key().into_owned(), value);
    }
}
