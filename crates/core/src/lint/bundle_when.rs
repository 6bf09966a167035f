//! A bundle's `when` conditions and questions (一件事一次办, issue 19): a
//! `when` may read only fields of the merged form, and only fields that
//! are there whenever the bundle is applied for (a question, a shared field
//! or a field of a member that always applies), so which members apply is
//! decided by answers that cannot themselves come and go; a question that
//! no `when` reads asks the applicant for nothing.

use serde_json::Value;

use crate::bundle::BundleFile;
use crate::diagnostic::Diagnostic;
use crate::messages::lint as text;
use crate::pointer::{self, Segment};
use crate::schema::{Condition, SchemaWalker};

/// Diagnostics for the bundle `file` whose merged form is `form`, their
/// pointers into the bundle file (`/members/<i>/when/...`,
/// `/questions/<name>`).
pub fn check(file: &BundleFile, form: &Value, out: &mut Vec<Diagnostic>) {
    let walker = SchemaWalker::new(form);
    let conditional: Vec<&str> = file
        .members
        .iter()
        .filter(|m| m.when.is_some())
        .map(|m| m.key.as_str())
        .collect();
    let mut read: Vec<&str> = Vec::new();
    for (i, member) in file.members.iter().enumerate() {
        let Some(when) = &member.when else { continue };
        // One finding per conditional member a `when` reads, at the
        // outermost place naming it (`properties` entries come first).
        let mut told: Vec<&str> = Vec::new();
        for (place, field) in Condition::parse(when).named_fields(&format!("/members/{i}/when")) {
            let name = render(&field);
            if let Some(question) = file.questions.keys().find(|q| field.first() == Some(q)) {
                read.push(question);
            }
            if !walker.declares(&field) {
                out.push(Diagnostic::error(
                    place,
                    "bundle.when_unknown_field",
                    text::bundle_when_unknown_field(&name),
                ));
            } else if let Some(member) = conditional
                .iter()
                .find(|k| field.first().is_some_and(|f| f == *k))
                .filter(|k| !told.contains(k))
            {
                told.push(member);
                out.push(Diagnostic::error(
                    place,
                    "bundle.when_reads_conditional_member",
                    text::bundle_when_reads_conditional_member(&name, member),
                ));
            }
        }
    }
    for question in file.questions.keys() {
        if !read.contains(&question.as_str()) {
            out.push(Diagnostic::warning(
                pointer::join("/questions", question),
                "bundle.question_unused",
                text::bundle_question_unused(question),
            ));
        }
    }
}

fn render(field: &[String]) -> String {
    pointer::render(&field.iter().cloned().map(Segment::Key).collect::<Vec<_>>())
}
