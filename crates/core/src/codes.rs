//! Every stable code banli-core emits, one registry per area, each code with
//! an example of its message (both languages) built by the catalogue
//! function its emit site uses. Codes are part of the public contract: add
//! new ones, never rename.
//!
//! The registries are what tools and tests match on; the tests below read
//! the core's sources and fail when a code is emitted that no registry
//! lists, or when a registered code has no Chinese or no English message,
//! or (for the codes `banli lint` reports) no fix hint. The form data's
//! codes are JSON Schema's own keyword names (`required`, `minLength`,
//! `format.cn-id-card`, …), listed in [`KEYWORDS`] and rendered by
//! `validate::render`.
//!
//! The calendar's codes keep their named constants in `calendar::codes`.

use crate::calendar::codes as cal;
use crate::messages::calendar::ValueKind;
use crate::messages::{
    Text, bundle as bundle_text, calendar as cal_text, definition as def, followup, limits, lint,
    validation as val,
};

/// A stable code and an example of its message.
#[derive(Debug, Clone, Copy)]
pub struct Code {
    pub code: &'static str,
    /// The message as its emit site builds it, with sample arguments.
    pub example: fn() -> Text,
}

const fn code(code: &'static str, example: fn() -> Text) -> Code {
    Code { code, example }
}

/// The verdict on a submission: the envelope, materials, deferral,
/// conditions met by commitment, the signature.
pub const VALIDATION: &[Code] = &[
    code("envelope.not_object", val::envelope_not_object),
    code("envelope.data", val::envelope_data_not_object),
    code("envelope.item_mismatch", || {
        val::envelope_item_mismatch("A", "B")
    }),
    code("envelope.version_mismatch", || {
        val::envelope_version_mismatch("2026.2", "2026.1")
    }),
    code("envelope.malformed", || {
        val::envelope_malformed("materials", val::expected_object())
    }),
    code("material.unknown", || val::material_unknown("x")),
    code("material.invalid_disposition", || {
        val::material_bad_disposition("floor plan", "posted")
    }),
    code("material.missing", || val::material_missing("floor plan")),
    code("material.unknown_alternative", || {
        val::material_unknown_alternative("ID", "visa", "ID card or passport (any one)")
    }),
    code("material.alternative_not_named", || {
        val::material_alternative_not_named("ID", "ID card or passport (any one)")
    }),
    code("material.bad_alternative", || {
        val::material_bad_alternative("ID")
    }),
    code("material.entries_expected", || {
        val::material_entries_expected("driving licence", "drivers")
    }),
    code("material.entries_unexpected", || {
        val::material_entries_unexpected("floor plan")
    }),
    code("material.surplus_entry", || {
        val::material_surplus_entry("driving licence", 3, "drivers", 2)
    }),
    code("material.bad_entries", || {
        val::material_bad_entries("driving licence")
    }),
    code("material.not_shareable", || {
        val::material_not_shareable("floor plan")
    }),
    code("material.no_files", || val::material_no_files("floor plan")),
    code("material.bad_file", || {
        val::material_bad_file("floor plan", val::file_no_name())
    }),
    code("material.file_too_large", || {
        val::material_bad_file("floor plan", val::file_too_large("a.pdf", 2, 1))
    }),
    code("material.in_lieu_not_allowed", || {
        val::material_in_lieu_not_allowed("floor plan")
    }),
    code("material.core_not_deferrable", || {
        val::material_core_not_deferrable("floor plan")
    }),
    code("material.not_deferrable", || {
        val::material_not_deferrable("floor plan")
    }),
    code("deferral.not_allowed", || val::deferral_not_allowed(None)),
    code("deferral.on_the_spot", val::deferral_on_the_spot),
    code("deferral.too_many", || val::deferral_too_many(1, 2)),
    code("condition.unknown", || val::condition_unknown("c")),
    code("condition.in_lieu_not_allowed", || {
        val::condition_in_lieu_not_allowed("no record")
    }),
    code("condition.invalid_disposition", || {
        val::envelope_malformed("conditions/c/disposition", val::must_be_in_lieu("x"))
    }),
    code("commitment.unsigned", val::commitment_unsigned),
    code("commitment.signed_at", || val::commitment_bad_time("noon")),
];

/// What a submission or definition may contain at most (`Limits`).
pub const LIMITS: &[Code] = &[
    code("limit.document_too_large", || {
        limits::document_too_large(2, 1)
    }),
    code("limit.too_deep", || limits::too_deep(64)),
    code("limit.string_too_long", || limits::string_too_long(2, 1)),
    code("limit.array_too_long", || limits::array_too_long(2, 1)),
    code("limit.too_many_materials", || {
        limits::too_many_materials(2, 1)
    }),
    code("limit.too_many_files", || limits::too_many_files(2, 1)),
    code("limit.too_many_problems", || limits::too_many_problems(100)),
];

/// Loading an item definition: syntax, the meta-schema, `$ref`s, the
/// semantic checks.
pub const DEFINITION: &[Code] = &[
    code("definition.syntax", syntax_example),
    code("definition.too_large", || {
        limits::definition_too_large(2, 1)
    }),
    code("definition.too_deep", || limits::definition_too_deep(64)),
    code("definition.unreadable", || {
        def::not_deserializable(&crate::json_text::ShapeError::Other.message())
    }),
    code("definition.missing_key", || def::missing_key("code")),
    code("definition.unknown_key", || def::unknown_key("cod")),
    code("definition.wrong_type", || def::schema_violation("x")),
    code("definition.unknown_value", || def::schema_violation("x")),
    code("definition.bad_pattern", || def::schema_violation("x")),
    code("definition.schema", || def::schema_violation("x")),
    code("definition.form_invalid", || {
        def::form_invalid(&def::compile_generic())
    }),
    code("definition.condition_invalid", || {
        def::condition_invalid(&def::compile_generic())
    }),
    code("definition.ref_remote", || {
        limits::ref_remote("https://a/b")
    }),
    code("definition.ref_fragment_invalid", || {
        limits::ref_fragment_invalid("#/%zz", &limits::fragment_not_utf8())
    }),
    code("definition.ref_unresolved", || {
        limits::ref_unresolved("#/x")
    }),
    code("definition.ref_cycle", || limits::ref_cycle("#/a → #/a")),
    code("definition.ref_too_deep", || limits::ref_too_deep(32)),
    code("definition.ref_cycle_required", || {
        limits::ref_cycle_required("#/$defs/node → #/$defs/node")
    }),
    code("definition.ref_inside_resource", || {
        limits::ref_inside_resource("#/$defs/x", "https://example.cn/person")
    }),
    code("definition.form_not_object", || {
        def::form_not_object("string")
    }),
    code("definition.schema_too_wide", || {
        limits::schema_too_wide(10_000)
    }),
    code("definition.duplicate_material_id", || {
        def::duplicate_material_id("x", 0)
    }),
    code("definition.duplicate_alternative_id", || {
        def::duplicate_alternative_id("passport", 0, 1)
    }),
    code("definition.duplicate_condition_id", || {
        def::duplicate_condition_id("x", 0)
    }),
    code("definition.unknown_field", || def::unknown_field("x")),
    code("definition.per_item_not_array", || {
        def::per_item_not_array("driving-licence", "/driver")
    }),
    code("definition.per_item_unknown_label", || {
        def::per_item_unknown_label("driving-licence", "/nmae", "/drivers")
    }),
    code("definition.situation_unknown_field", || {
        def::situation_unknown_field("/situation/x")
    }),
    code("definition.situation_not_a_question", || {
        def::situation_not_a_question("/project/name")
    }),
    code("definition.situation_value_not_allowed", || {
        def::situation_value_not_allowed("upper-level", "/situation/x")
    }),
    code("definition.duplicate_situation_id", || {
        def::duplicate_situation_id("upper-level")
    }),
    code("definition.situation_unknown_material", || {
        def::situation_unknown_material("upper-level", "x")
    }),
    code("definition.situation_material_not_by_situation", || {
        def::situation_material_not_by_situation("x")
    }),
    code("definition.duplicate_variant_id", || {
        def::duplicate_variant_id("upper-level")
    }),
    code("definition.variant_unselected", || {
        def::variant_unselected("upper-level")
    }),
    code("definition.variant_unknown", || {
        def::variant_unknown("upper-level", "x")
    }),
    code("definition.by_situation_unselected", || {
        def::by_situation_unselected("x")
    }),
    code("definition.field_not_in_steps", || {
        def::field_not_in_steps("x")
    }),
    code("definition.core_deferrable", || def::core_deferrable("x")),
    code("definition.deferrable_without_deferral", || {
        def::deferrable_without_deferral("x")
    }),
    code("definition.deferral_on_the_spot", def::deferral_on_the_spot),
    code(
        "definition.deferral_without_deadline",
        def::deferral_without_deadline,
    ),
    code("definition.deferral_beyond_promised", || {
        def::deferral_beyond_promised(5, 3)
    }),
    code("definition.deferral_within_margin", || {
        def::deferral_within_margin(3, 5, 3)
    }),
    code("definition.in_lieu_incomplete", || {
        def::in_lieu_incomplete("text")
    }),
    code("definition.promised_beyond_statutory", || {
        def::statutory_shorter_than_promised(3, 5, false)
    }),
    code("definition.time_limit_units_differ", || {
        def::time_limit_units_differ(20, "working_days", 30, "natural_days")
    }),
    code(
        "definition.on_the_spot_handling_type",
        def::on_the_spot_handling_type,
    ),
    code(
        "definition.handling_type_mismatch",
        def::handling_type_not_on_the_spot,
    ),
    code(
        "definition.visits_without_reason",
        def::visits_without_reason,
    ),
    code(
        "definition.full_online_with_visits",
        def::full_online_with_visits,
    ),
    code("definition.fees_without_basis", def::fees_without_basis),
];

/// `banli lint`'s quality rules (and the bundle check it runs).
pub const LINT: &[Code] = &[
    code("file.unreadable", || {
        lint::file_unreadable(&Text::new("文件不存在", "no such file"))
    }),
    code("lint.draft07_keyword", lint::draft07_definitions),
    code("lint.required_checkbox", || lint::required_checkbox("lit")),
    code("lint.enum_without_labels", || {
        lint::enum_without_labels("x", "a, b")
    }),
    code("lint.field_without_title", || {
        lint::field_without_title("x")
    }),
    code("lint.if_condition_not_required", || {
        lint::if_condition_not_required("x")
    }),
    code("lint.keyword_typo", || {
        lint::keyword_typo("propertis", "properties")
    }),
    code("lint.material_never_required", || {
        lint::material_never_required("floor plan", "x")
    }),
    code("lint.missing_translation", || {
        lint::missing_translation("title")
    }),
    code("lint.pattern_rejected", || lint::pattern_rejected("(", "x")),
    code("lint.not_stated", lint::visits_not_stated),
    code("lint.process_out_of_order", || {
        lint::process_out_of_order("review", "decide")
    }),
    code("lint.required_not_declared", || {
        lint::required_not_declared("categroy", Some("category"))
    }),
    code("lint.unknown_format", || {
        lint::unknown_format_typo("cn-mobil", "cn-mobile")
    }),
    code("bundle.invalid", bundle_text::too_few_members),
    code("bundle.when_unknown_field", || {
        lint::bundle_when_unknown_field("/has_sign")
    }),
    code("bundle.when_reads_conditional_member", || {
        lint::bundle_when_reads_conditional_member("/signage/sign/lit", "signage")
    }),
    code("bundle.question_unused", || {
        lint::bundle_question_unused("has_signage")
    }),
];

/// `banli-calendar/1` files and laying them over each other.
pub const CALENDAR: &[Code] = &[
    code(cal::JSON, syntax_example),
    code(cal::TYPE, || cal_text::wrong_type(ValueKind::Object)),
    code(cal::MISSING, || cal_text::missing_key("years")),
    code(cal::UNKNOWN_KEY, || cal_text::unknown_key("yeras")),
    code(cal::EMPTY, || cal_text::empty_text("name")),
    code(cal::FORMAT, || cal_text::bad_format("x")),
    code(cal::REGION, || cal_text::bad_region("x")),
    code(cal::EXTENDS_MISSING, || cal_text::extends_missing("CN-ZJ")),
    code(cal::EXTENDS_NOT_PARENT, || {
        cal_text::extends_not_parent("CN-ZJ", "CN-JS")
    }),
    code(cal::NO_YEARS, cal_text::no_years),
    code(
        cal::REPLACE_WITHOUT_EXTENDS,
        cal_text::replace_without_extends,
    ),
    code(cal::YEAR, || cal_text::bad_year("x")),
    code(cal::DUPLICATE_YEAR, || cal_text::duplicate_year(2026)),
    code(cal::DATE, || cal_text::bad_date("x")),
    code(cal::DATE_OUTSIDE_YEAR, || {
        cal_text::date_outside_year("2027-01-01", 2026)
    }),
    code(cal::REVERSED_RANGE, || {
        cal_text::reversed_range("2026-01-02", "2026-01-01")
    }),
    code(cal::OVERLAPPING_HOLIDAYS, || {
        cal_text::overlapping_holidays("a", "b", "2026-01-01", "2026-01-02")
    }),
    code(cal::WORKDAY_NOT_WEEKEND, || {
        cal_text::workday_not_weekend("2026-01-05", time::Weekday::Monday)
    }),
    code(cal::WORKDAY_IN_HOLIDAY, || {
        cal_text::workday_in_holiday("2026-01-01", "new year")
    }),
    code(cal::DUPLICATE_WORKDAY, || {
        cal_text::duplicate_workday("2026-01-04")
    }),
    code(cal::HOLIDAY_ON_WORKDAY, || {
        cal_text::holiday_on_inherited_workday("a", "2026-01-04", "CN")
    }),
    code(cal::NO_FILES, cal_text::no_files),
    code(cal::EXTENDS_NOT_LOADED, || {
        cal_text::extends_not_loaded("CN-ZJ", "CN")
    }),
    code(cal::BASE_ALREADY_LOADED, || {
        cal_text::base_already_loaded("CN", "CN")
    }),
    code(cal::REGION_ALREADY_LOADED, || {
        cal_text::region_already_loaded("CN-ZJ")
    }),
    code(cal::REGION_NOT_WITHIN, || {
        cal_text::region_not_within("CN-JS", "CN-ZJ")
    }),
    code(cal::YEAR_CONFLICTS, || cal_text::year_conflicts("CN", 2026)),
    code(cal::YEAR_NOT_COVERED, || cal_text::year_not_covered(2031)),
    code(cal::DUPLICATE_FILE, || cal_text::duplicate_file("a.json")),
];

/// The follow-up after acceptance (`followup::supplement`,
/// `followup::decision`): why a 补交, a review or a decision cannot be
/// recorded. The server answers with these codes.
pub const FOLLOWUP: &[Code] = &[
    code("followup.commitment_closed", || {
        followup::commitment_closed("fulfilled")
    }),
    code("followup.awaiting_review", followup::awaiting_review),
    code("followup.already_reviewed", || {
        followup::already_reviewed(&followup::supplement_state("accepted"))
    }),
    code(
        "followup.return_reason_required",
        followup::return_reason_required,
    ),
    code(
        "followup.material_accepted",
        followup::material_already_accepted,
    ),
    code("followup.already_decided", || {
        followup::already_decided(&followup::decision("approved"))
    }),
    code("followup.decided_before_acceptance", || {
        followup::decided_before_acceptance("2026-11-20", "2026-11-23")
    }),
    code("followup.decided_in_the_future", || {
        followup::decided_in_the_future("2026-12-31")
    }),
    code("followup.decision_reason_required", || {
        followup::decision_reason_required(&followup::decision("refused"))
    }),
];

/// The form data's codes: the JSON Schema keyword that failed, as
/// `schema::violation` names it (`oneOf.multiple` when more than one branch
/// matched; `format.<name>` for each format, listed by its Chinese formats
/// and one standard one), with the message `validate::render` gives it.
/// `anyOf`, `not`, `false`, `contains` and `invalid` share the general
/// "not allowed" message: a form author who uses them words the rule in
/// `x-errorMessage`.
pub const KEYWORDS: &[Code] = &[
    code("required", || val::required("Name")),
    code("dependentRequired", || {
        val::dependent_required("Phone", "Contact")
    }),
    code("additionalProperties", || {
        val::unexpected_properties("Applicant", &["nickname".to_owned()])
    }),
    code("unevaluatedProperties", || {
        val::unexpected_properties("Applicant", &["nickname".to_owned()])
    }),
    code("type", || val::type_mismatch("Headcount", &["integer"])),
    code("enum", || {
        val::one_of_options("Category", &["甲类".to_owned()], &["A".to_owned()])
    }),
    code("const", || val::constant("Consent", "yes")),
    code("pattern", || val::pattern("Postcode")),
    code("format.cn-id-card", || {
        val::chinese_format(
            "ID number",
            &Text::new("校验位不符", "the check digit is wrong"),
        )
    }),
    code("format.cn-uscc", || {
        val::chinese_format("USCC", &Text::new("校验位不符", "the check digit is wrong"))
    }),
    code("format.email", || val::standard_format("Email", "email")),
    code("minLength", || val::min_length("Name", 2)),
    code("maxLength", || val::max_length("Name", 50)),
    code("minItems", || val::min_items("Staff", 1)),
    code("maxItems", || val::max_items("Staff", 100)),
    code("minimum", || val::minimum("Area", "1")),
    code("maximum", || val::maximum("Area", "10000")),
    code("exclusiveMinimum", || val::exclusive_minimum("Area", "0")),
    code("exclusiveMaximum", || {
        val::exclusive_maximum("Area", "10000")
    }),
    code("multipleOf", || val::multiple_of("Area", "0.01")),
    code("minProperties", || val::properties_count("Extras")),
    code("maxProperties", || val::properties_count("Extras")),
    code("uniqueItems", || val::unique_items("Staff")),
    code("oneOf", || val::one_of_none("Applicant")),
    code("oneOf.multiple", || val::one_of_many("Applicant")),
    code("anyOf", || val::not_allowed("Applicant")),
    code("not", || val::not_allowed("Applicant")),
    code("false", || val::not_allowed("Applicant")),
    code("contains", || val::not_allowed("Staff")),
    code("$ref", || val::reference_failure("Applicant")),
    code("invalid", || val::not_allowed("Applicant")),
];

/// Every registry, by area.
pub const AREAS: &[(&str, &[Code])] = &[
    ("keywords", KEYWORDS),
    ("validation", VALIDATION),
    ("limits", LIMITS),
    ("definition", DEFINITION),
    ("lint", LINT),
    ("calendar", CALENDAR),
    ("followup", FOLLOWUP),
];

/// A syntax error's message, as every JSON reader builds it.
fn syntax_example() -> Text {
    crate::json_text::SyntaxError {
        line: 1,
        column: 2,
        problem: crate::json_text::SyntaxProblem::ExpectedCommaOrBrace,
    }
    .message()
}

/// The registered code `code`, if any.
pub fn find(code: &str) -> Option<&'static Code> {
    AREAS
        .iter()
        .flat_map(|(_, codes)| codes.iter())
        .find(|c| c.code == code)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::Path;

    use super::*;

    fn has_han(s: &str) -> bool {
        s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    /// Every string literal of the core's sources (tests left out) that
    /// looks like a code of one of the registered areas.
    fn emitted_codes() -> BTreeSet<String> {
        let prefixes = [
            "envelope.",
            "material.",
            "deferral.",
            "condition.",
            "commitment.",
            "limit.",
            "definition.",
            "lint.",
            "bundle.",
            "calendar.",
            "file.",
            "followup.",
        ];
        let mut found = BTreeSet::new();
        let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    if path.file_name().is_some_and(|n| n != "tests") {
                        stack.push(path);
                    }
                    continue;
                }
                if path.extension().is_none_or(|e| e != "rs")
                    || path.file_name().is_some_and(|n| n == "tests.rs")
                {
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                let text = text.split("#[cfg(test)]").next().unwrap_or_default();
                for literal in text.split('"').skip(1).step_by(2) {
                    let is_code = prefixes.iter().any(|p| literal.starts_with(p))
                        && literal.len() > literal.find('.').unwrap_or(0) + 1
                        && literal.bytes().all(|b| {
                            b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'.'
                        });
                    if is_code {
                        found.insert(literal.to_owned());
                    }
                }
            }
        }
        found
    }

    /// The keyword names `schema::violation` gives the form data's
    /// failures (the literals it passes as a code).
    fn keyword_codes() -> BTreeSet<String> {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/schema/violation.rs");
        let text = std::fs::read_to_string(path).unwrap();
        let text = text.split("#[cfg(test)]").next().unwrap_or_default();
        let mut found = BTreeSet::new();
        for part in text.split("single(").skip(1) {
            // `single(path, "code", …)` or `single(field, "code", …)`.
            if let Some(code) = part.split('"').nth(1)
                && part
                    .split('"')
                    .next()
                    .is_some_and(|head| head.ends_with(", "))
            {
                found.insert(code.to_owned());
            }
        }
        for code in ["additionalProperties", "unevaluatedProperties"] {
            assert!(
                text.contains(&format!("\"{code}\"")),
                "{code} is still emitted"
            );
            found.insert(code.to_owned());
        }
        found
    }

    /// Issue 15: the form data's codes had no registry. Every keyword code
    /// the violation reader emits is listed in `KEYWORDS` (whose messages
    /// the test below checks with every other area's).
    #[test]
    fn every_keyword_code_is_registered() {
        let emitted = keyword_codes();
        assert!(emitted.len() > 20, "the scan finds the codes: {emitted:?}");
        let unregistered: Vec<_> = emitted
            .iter()
            .filter(|c| !KEYWORDS.iter().any(|k| k.code == c.as_str()))
            .collect();
        assert!(
            unregistered.is_empty(),
            "emitted but not in KEYWORDS: {unregistered:?}"
        );
    }

    /// Issue 15: ~60 codes had no registry and nothing checked that each
    /// has a message in both languages. Every code the core emits is
    /// registered, every registered code's message has a Chinese and an
    /// English side, and every code `banli lint` reports has a fix hint.
    #[test]
    fn every_emitted_code_is_registered_with_a_message_in_both_languages() {
        let emitted = emitted_codes();
        assert!(emitted.len() > 80, "the scan finds the codes: {emitted:?}");
        let unregistered: Vec<_> = emitted.iter().filter(|c| find(c).is_none()).collect();
        assert!(
            unregistered.is_empty(),
            "emitted but not registered: {unregistered:?}"
        );

        let mut seen = BTreeSet::new();
        for (area, codes) in AREAS {
            for c in *codes {
                assert!(seen.insert(c.code), "{} registered twice", c.code);
                let message = (c.example)();
                assert!(
                    has_han(&message.zh),
                    "{area} {}: no Chinese message: {message:?}",
                    c.code
                );
                assert!(
                    !message.en.trim().is_empty() && !has_han(&message.en),
                    "{area} {}: no English message: {message:?}",
                    c.code
                );
            }
        }
        let without_hint: Vec<_> = DEFINITION
            .iter()
            .chain(LINT)
            .filter(|c| {
                lint::hint(c.code).is_none_or(|hint| !has_han(&hint.zh) || hint.en.is_empty())
            })
            .map(|c| c.code)
            .collect();
        assert!(
            without_hint.is_empty(),
            "`banli lint` reports these, but they have no hint: {without_hint:?}"
        );
    }
}
