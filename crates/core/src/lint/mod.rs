//! `banli lint`: everything a schema maintainer should hear about an item
//! definition, in one pass. It runs the loader (meta-schema, the semantic
//! checks of [`crate::definition::checks`], compilation) and then the quality
//! rules that only advise maintainers and never stop an item from loading:
//! one file per rule, listed once in [`RULES`]. Every finding carries its
//! line and column in the text ([`locate`]) and a fix hint from the
//! catalogue (`messages::lint::hint`), so the CLI and a playground only print.

mod bundle_when;
mod draft07_keyword;
mod enum_labels;
mod field_title;
mod format_known;
mod if_required;
mod keyword_typo;
pub mod locate;
mod material_reachable;
mod not_stated;
mod pattern;
mod process_order;
mod required_checkbox;
mod required_declared;
mod translations;

use serde::Serialize;
use serde_json::Value;

pub use locate::{Position, locate};

use crate::definition::{CheckOptions, CompiledItem, DefinitionErrors};
use crate::diagnostic::{Diagnostic, Severity};
use crate::messages::{Lang, Text, lint as text};

/// A lint rule: reads the raw definition (so it works even when the typed
/// model cannot be filled) and appends its diagnostics.
pub type Rule = fn(&Value, &mut Vec<Diagnostic>);

/// Every quality rule, with the code its diagnostics carry.
pub const RULES: &[(&str, Rule)] = &[
    ("lint.keyword_typo", keyword_typo::check),
    ("lint.draft07_keyword", draft07_keyword::check),
    ("lint.pattern_rejected", pattern::check),
    ("lint.if_condition_not_required", if_required::check),
    ("lint.material_never_required", material_reachable::check),
    ("lint.field_without_title", field_title::check),
    ("lint.enum_without_labels", enum_labels::check),
    ("lint.required_checkbox", required_checkbox::check),
    ("lint.missing_translation", translations::check),
    ("lint.not_stated", not_stated::check),
    ("lint.process_out_of_order", process_order::check),
    ("lint.required_not_declared", required_declared::check),
    ("lint.unknown_format", format_known::check),
];

/// The candidate `word` is most likely a typo of, if one is close enough:
/// at most one edit for words of up to five characters, two above, by
/// optimal string alignment (insertions, deletions, substitutions and
/// transpositions of neighbours each cost one). Keywords, formats and
/// field names are all suggested this way.
pub(crate) fn closest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = if word.chars().count() <= 5 { 1 } else { 2 };
    candidates
        .into_iter()
        .map(|c| (strsim::osa_distance(word, c), c))
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, c)| c)
}

/// One problem found by lint: the diagnostic, where it is, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub diagnostic: Diagnostic,
    /// `None` only when the text is not JSON up to the place.
    pub position: Option<Position>,
    pub hint: Option<Text>,
}

impl Finding {
    fn new(diagnostic: Diagnostic, position: Option<Position>) -> Self {
        let hint = text::hint(diagnostic.code);
        Self {
            diagnostic,
            position,
            hint,
        }
    }

    /// The serialisable form in one language.
    pub fn localized(&self, lang: Lang) -> LocalizedFinding {
        let d = &self.diagnostic;
        LocalizedFinding {
            severity: d.severity,
            pointer: d.pointer.clone(),
            line: self.position.map(|p| p.line),
            column: self.position.map(|p| p.column),
            code: d.code,
            message: d.message.get(lang).to_owned(),
            hint: self.hint.as_ref().map(|h| h.get(lang).to_owned()),
        }
    }
}

/// A finding rendered in one language, as `banli lint --format json` prints it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LocalizedFinding {
    pub severity: Severity,
    pub pointer: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub code: &'static str,
    pub message: String,
    pub hint: Option<String>,
}

/// Lints a definition's text: every problem, sorted by place in the text.
pub fn lint(text: &str, options: &CheckOptions) -> Vec<Finding> {
    let value: Value = match crate::json_text::parse(text) {
        Ok(value) => value,
        Err(e) => {
            let position = Position {
                line: e.line,
                column: e.column,
            };
            let syntax = DefinitionErrors::Syntax(e);
            return syntax
                .diagnostics()
                .into_iter()
                .map(|d| Finding::new(d, Some(position)))
                .collect();
        }
    };
    let mut findings: Vec<Finding> = lint_value(&value, options)
        .into_iter()
        .map(|d| {
            let position = locate(text, &d.pointer);
            Finding::new(d, position)
        })
        .collect();
    findings.sort_by_key(|f| f.position.map(|p| (p.line, p.column)));
    findings
}

/// Lints a parsed definition: the loader's diagnostics, then every rule's.
pub fn lint_value(value: &Value, options: &CheckOptions) -> Vec<Diagnostic> {
    let mut diagnostics = match CompiledItem::with_options(value, options) {
        Ok(item) => item.warnings().to_vec(),
        Err(e) => e.diagnostics(),
    };
    let mut found: Vec<Diagnostic> = Vec::new();
    for (_, rule) in RULES {
        let mut own = Vec::new();
        rule(value, &mut own);
        // The walk visits a `$defs` entry once per reference to it (each
        // use is a field of its own); a problem at one place is said once.
        for diagnostic in own {
            if !found
                .iter()
                .any(|f| f.code == diagnostic.code && f.pointer == diagnostic.pointer)
            {
                found.push(diagnostic);
            }
        }
    }
    // A rejected pattern or a draft-07 tuple `items` also stops the form
    // from compiling; the rule's diagnostic says more, so the compiler's at
    // the same place goes.
    diagnostics.retain(|d| {
        !(matches!(
            d.code,
            "definition.form_invalid" | "definition.condition_invalid"
        ) && found.iter().any(|f| {
            matches!(f.code, "lint.pattern_rejected" | "lint.draft07_keyword")
                && f.pointer == d.pointer
        }))
    });
    diagnostics.extend(found);
    diagnostics
}

/// What a JSON file under `schemas/` is, from its `format` (or `$schema`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Item,
    Bundle,
    Calendar,
    /// A JSON Schema (the meta-schemas themselves).
    JsonSchema,
}

impl FileKind {
    /// Classifies a file's text; anything unrecognised (or not JSON) is an
    /// item, so that lint explains what is wrong with it.
    pub fn of(text: &str) -> FileKind {
        let Ok(value) = serde_json::from_str::<Value>(text) else {
            return FileKind::Item;
        };
        match value.get("format").and_then(Value::as_str) {
            Some("banli-bundle/1") => FileKind::Bundle,
            Some("banli-calendar/1") => FileKind::Calendar,
            Some(_) => FileKind::Item,
            None if value
                .get("$schema")
                .and_then(Value::as_str)
                .is_some_and(|s| s.starts_with("https://json-schema.org/")) =>
            {
                FileKind::JsonSchema
            }
            None => FileKind::Item,
        }
    }
}

/// Lints any file lint knows: items fully; calendars and JSON Schemas by
/// their own checks; bundles only as files (their members need I/O, so the
/// caller merges them and adds [`bundle`]'s findings, or a
/// [`bundle_problem`]).
pub fn lint_any(text: &str, options: &CheckOptions) -> Vec<Finding> {
    match FileKind::of(text) {
        FileKind::Item => lint(text, options),
        FileKind::Calendar => match crate::calendar::CalendarFile::from_str(text) {
            Ok(_) => Vec::new(),
            Err(diagnostics) => positioned(text, diagnostics),
        },
        FileKind::JsonSchema => {
            let value: Value = serde_json::from_str(text).unwrap_or_default();
            if jsonschema::meta::is_valid(&value) {
                Vec::new()
            } else {
                vec![Finding::new(
                    Diagnostic::error("", "schema.invalid", text::not_a_json_schema()),
                    locate(text, ""),
                )]
            }
        }
        FileKind::Bundle => match crate::bundle::BundleFile::from_json(text) {
            Ok(_) => Vec::new(),
            // Each problem of the bundle's own guide keys at its place.
            Err(crate::bundle::BundleError::Described(problems)) => positioned(text, problems),
            Err(e) => vec![bundle_problem(text, &e)],
        },
    }
}

/// The findings on a bundle file (`text`, for positions) with its members
/// compiled, in the file's order: missing English of its own guide keys
/// ([`translations`], as for an item), its `when` conditions and questions
/// ([`bundle_when`]), read on the merged form before it is compiled (a
/// `when` naming an unknown field also stops the merged definition from
/// loading, and the rule says more), then whatever stops the merge.
pub fn bundle(
    text: &str,
    file: &crate::bundle::BundleFile,
    members: &[CompiledItem],
) -> Vec<Finding> {
    let merged = match crate::bundle::merge::merge(file, members) {
        Ok(merged) => merged,
        Err(e) => return vec![bundle_problem(text, &e)],
    };
    let mut diagnostics = Vec::new();
    // The bundle's own guide keys stand where an item has them, so the
    // item's translation rule reads them in place.
    if let Ok(value) = serde_json::from_str::<Value>(text) {
        translations::check_described(&value, &mut diagnostics);
    }
    bundle_when::check(file, &merged.form, &mut diagnostics);
    let mut findings = positioned(text, diagnostics);
    if !findings
        .iter()
        .any(|f| f.diagnostic.severity == Severity::Error)
        && let Err(e) = crate::bundle::Bundle::new(file, members.to_vec())
    {
        findings.push(bundle_problem(text, &e));
    }
    findings
}

/// A bundle that cannot be merged, as a finding at the top of its file.
pub fn bundle_problem(text: &str, error: &crate::bundle::BundleError) -> Finding {
    Finding::new(
        Diagnostic::error("", "bundle.invalid", error.message()),
        locate(text, ""),
    )
}

fn positioned(text: &str, diagnostics: Vec<Diagnostic>) -> Vec<Finding> {
    diagnostics
        .into_iter()
        .map(|d| {
            let position = locate(text, &d.pointer);
            Finding::new(d, position)
        })
        .collect()
}

/// A file that could not be read, as a finding (for callers that do I/O).
/// A file the caller could not read; `reason` in words (for the command
/// line, `messages::cli::cannot_read_reason`).
pub fn unreadable(reason: &crate::Text) -> Finding {
    Finding::new(
        Diagnostic::error("", "file.unreadable", text::file_unreadable(reason)),
        None,
    )
}

#[cfg(test)]
pub(crate) mod tests {
    use serde_json::{Value, json};

    use super::*;

    /// A small clean item; tests break one thing each.
    pub fn item() -> Value {
        let mut item: Value =
            serde_json::from_str(include_str!("../../../../tests/fixtures/item-head.json"))
                .unwrap();
        item["i18n"] = json!({"en": {"name": "Test item"}});
        item["authority"]["i18n"] = json!({"en": {"name": "Test bureau"}});
        let rest = json!({
            "form": {
                "type": "object",
                "properties": {
                    "name": {"type": "string", "title": "姓名", "x-i18n": {"en": {"title": "Name"}}},
                    "category": {
                        "type": "string", "title": "类别", "enum": ["a", "b"],
                        "x-enum-labels": {"a": "甲", "b": "乙"},
                        "x-i18n": {"en": {"title": "Category", "x-enum-labels": {"a": "A", "b": "B"}}}
                    }
                },
                "required": ["name"],
                "if": {"properties": {"category": {"const": "a"}}, "required": ["category"]},
                "then": {"required": ["name"]}
            },
            "materials": [{
                "id": "plan", "name": "平面图", "i18n": {"en": {"name": "Plan"}},
                "source": "applicant",
                "required": {"when": {"properties": {"category": {"const": "a"}}, "required": ["category"]}}
            }]
        });
        for (key, value) in rest.as_object().unwrap() {
            item[key] = value.clone();
        }
        item
    }

    /// The codes a rule reports for `value`, with their pointers.
    pub fn run(rule: Rule, value: &Value) -> Vec<(&'static str, String, Severity)> {
        let mut out = Vec::new();
        rule(value, &mut out);
        out.into_iter()
            .map(|d| (d.code, d.pointer, d.severity))
            .collect()
    }

    #[test]
    fn the_clean_item_is_clean() {
        assert_eq!(lint_value(&item(), &CheckOptions::default()), vec![]);
    }

    #[test]
    fn findings_have_positions_and_hints() {
        let text = "{\n  \"format\": \"banli-item/1\"\n}";
        let findings = lint(text, &CheckOptions::default());
        assert!(!findings.is_empty());
        assert!(findings.iter().all(|f| f.position.is_some()));
        let missing = findings
            .iter()
            .find(|f| f.diagnostic.code == "definition.missing_key")
            .unwrap();
        assert!(missing.hint.is_some());
    }

    #[test]
    fn a_syntax_error_has_its_line_and_column() {
        let findings = lint("{\n  \"a\": 1,\n}", &CheckOptions::default());
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].position, Some(Position { line: 3, column: 1 }));
        assert_eq!(findings[0].diagnostic.code, "definition.syntax");
    }

    #[test]
    fn every_rule_code_has_a_hint() {
        for (code, _) in RULES {
            assert!(text::hint(code).is_some(), "{code} has a hint");
        }
    }
}
