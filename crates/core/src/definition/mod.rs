//! Item definitions (`banli-item/1`): loading, checking and compiling.
//!
//! Loading runs three layers and reports every problem of all of them at
//! once: the meta-schema ([`meta`]), the semantic rules ([`checks`]), and
//! compilation of the form and of each material's `required.when`. Before
//! any of them, the [`Limits`] of definitions are checked (size, nesting, and
//! in [`refs`] the `$ref`s: local only, no cycles, bounded chains), so that
//! nothing recursive ever sees a hostile definition. A
//! [`CompiledItem`] is built once and validates any number of submissions.

pub mod checks;
pub mod meta;
pub mod model;
pub mod refs;
pub mod version;
pub mod width;

#[cfg(feature = "engine")]
use std::sync::Arc;

#[cfg(feature = "engine")]
use jsonschema::Validator;
use serde_json::Value;

pub use checks::CheckOptions;
pub use model::*;

use crate::diagnostic::{Diagnostic, Severity, has_errors};
use crate::json_text::{self, SyntaxError};
use crate::limits::{self, Limits};
use crate::messages::definition as text;
use crate::schema;

/// Why an item definition cannot be used.
#[derive(Debug, Clone, thiserror::Error)]
pub enum DefinitionErrors {
    /// The text is not JSON at all.
    #[error(transparent)]
    Syntax(SyntaxError),
    /// The JSON breaks the format's rules; every problem is listed.
    #[error("{} problem(s) in the item definition", .diagnostics.iter().filter(|d| d.severity == Severity::Error).count())]
    Invalid { diagnostics: Vec<Diagnostic> },
}

impl DefinitionErrors {
    /// Every problem, one line each (`POINTER: 中文 [code]`), for an error
    /// message: `format!("{e}:\n{}", e.problems())`.
    pub fn problems(&self) -> Problems {
        Problems(self.diagnostics())
    }

    /// What a form that cannot load says (the widget, its engine module):
    /// the heading "事项定义无法使用…", then [`problems`](Self::problems).
    pub fn unusable_message(&self) -> String {
        let heading = crate::messages::definition::unusable_heading();
        format!("{}\n{}", heading.zh, self.problems())
    }

    /// All problems as diagnostics (a syntax error is one diagnostic at the root).
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        match self {
            DefinitionErrors::Syntax(syntax) => {
                vec![Diagnostic::error("", "definition.syntax", syntax.message())]
            }
            DefinitionErrors::Invalid { diagnostics } => diagnostics.clone(),
        }
    }
}

/// The problems of a definition, displayed one per line.
#[derive(Debug, Clone)]
pub struct Problems(pub Vec<Diagnostic>);

impl std::fmt::Display for Problems {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

/// Parses definition text within the limits: size, then nesting (a linear
/// scan, so even a 100,000-deep array is refused before the parser sees it).
fn parse_definition(text: &str, limits: &Limits) -> Result<Value, DefinitionErrors> {
    let refused = |pointer: String, code, message| DefinitionErrors::Invalid {
        diagnostics: vec![Diagnostic::error(pointer, code, message)],
    };
    if text.len() > limits.max_definition_bytes {
        return Err(refused(
            String::new(),
            "definition.too_large",
            crate::messages::limits::definition_too_large(text.len(), limits.max_definition_bytes),
        ));
    }
    if let Some(place) = limits::first_too_deep(text, limits.max_definition_depth) {
        return Err(refused(
            place,
            "definition.too_deep",
            crate::messages::limits::definition_too_deep(limits.max_definition_depth),
        ));
    }
    json_text::parse(text).map_err(DefinitionErrors::Syntax)
}

/// A checked item definition, ready to validate submissions.
#[derive(Debug, Clone)]
pub struct CompiledItem {
    definition: ItemDefinition,
    /// The form after [`schema::prepare_form`]; labels and order come from it.
    form: Value,
    #[cfg(feature = "engine")]
    validator: Arc<Validator>,
    /// One per material: its requirement ready to judge (a `"by_situation"`
    /// one as the condition its situations stand for).
    material_rules: Vec<RequirementRule>,
    /// In a merged bundle, per member and per entry of its
    /// `material_terms`: the member's own requirement, ready to judge.
    member_rules: Vec<Vec<RequirementRule>>,
    /// The root properties in the order of `ui.steps`.
    #[cfg(feature = "engine")]
    step_order: Vec<String>,
    /// Whether the form names a format whose identifiers embed dates.
    #[cfg(feature = "engine")]
    has_dated_formats: bool,
    /// Whether the form names a format whose values are normalised (`time`,
    /// `date-time`), so normalising walks the data.
    has_normalised_formats: bool,
    /// The places the form's branch conditions read (`None`: not known,
    /// every change counts), for [`CompiledItem::layout_depends_on`].
    condition_reads: Option<Vec<Vec<schema::reads::ReadSegment>>>,
    /// Every property name declared anywhere in the form (for pruning).
    declared_anywhere: std::collections::BTreeSet<String>,
    warnings: Vec<Diagnostic>,
    /// Without the engine: the engine's judge once it has arrived
    /// ([`CompiledItem::lend_engine`]).
    #[cfg(not(feature = "engine"))]
    lent_engine: LentEngine,
}

impl CompiledItem {
    /// Parses, checks and compiles a definition from JSON text.
    pub fn from_json(text: &str) -> Result<Self, DefinitionErrors> {
        Self::from_json_with(text, &CheckOptions::default())
    }

    /// Parses, checks and compiles a definition from JSON text, with
    /// options (and limits) of the caller's choosing.
    pub fn from_json_with(text: &str, options: &CheckOptions) -> Result<Self, DefinitionErrors> {
        let value = parse_definition(text, &options.limits)?;
        Self::with_options(&value, options)
    }

    /// Checks and compiles a parsed definition with the default check options.
    pub fn from_value(value: &Value) -> Result<Self, DefinitionErrors> {
        Self::with_options(value, &CheckOptions::default())
    }

    /// Checks and compiles a parsed definition. A value nested deeper than
    /// [`Limits::max_definition_depth`] is refused before anything
    /// recursive looks at it.
    pub fn with_options(value: &Value, options: &CheckOptions) -> Result<Self, DefinitionErrors> {
        let depth_limit = options.limits.max_definition_depth;
        if let Some(place) = limits::first_too_deep_value(value, depth_limit) {
            return Err(DefinitionErrors::Invalid {
                diagnostics: vec![Diagnostic::error(
                    place,
                    "definition.too_deep",
                    crate::messages::limits::definition_too_deep(depth_limit),
                )],
            });
        }
        let mut diagnostics = meta::check(value);
        let definition = match serde_json::from_value::<ItemDefinition>(value.clone()) {
            Ok(definition) => definition,
            Err(e) => {
                if !has_errors(&diagnostics) {
                    diagnostics.push(Diagnostic::error(
                        "",
                        "definition.unreadable",
                        text::not_deserializable(&json_text::ShapeError::of(&e).message()),
                    ));
                }
                return Err(DefinitionErrors::Invalid { diagnostics });
            }
        };
        let mut ref_problems = refs::check(&definition.form, "/form", &options.limits);
        if ref_problems.is_empty() {
            ref_problems.extend(width::check(&definition.form, "/form", &options.limits));
        }
        let form_refs_ok = ref_problems.is_empty();
        diagnostics.extend(ref_problems);
        if form_refs_ok {
            // The semantic rules follow the form's references.
            diagnostics.extend(checks::run(&definition, options));
        }

        let form = schema::prepare_form(&definition.form);
        #[cfg(feature = "engine")]
        let validator = if form_refs_ok {
            match schema::compile(&form) {
                Ok(validator) => Some(validator),
                Err(e) => {
                    let compile = schema::violation::compile_problem(&e, &form);
                    diagnostics.push(Diagnostic::error(
                        format!("/form{}", compile.pointer),
                        "definition.form_invalid",
                        text::form_invalid(&compile.problem),
                    ));
                    None
                }
            }
        } else {
            None
        };
        // A `"by_situation"` material is judged as the condition its
        // situations stand for (built by the loader, so well-formed).
        let material_rules = (0..definition.materials.len())
            .map(|i| {
                RequirementRule::prepare(
                    &definition.requirement(i),
                    &format!("/materials/{i}/required/when"),
                    options,
                    &mut diagnostics,
                )
            })
            .collect();
        // In a merged bundle, each member's own requirement of its materials.
        let member_rules = definition
            .members
            .iter()
            .enumerate()
            .map(|(m, member)| {
                member
                    .material_terms
                    .iter()
                    .enumerate()
                    .map(|(k, term)| {
                        RequirementRule::prepare(
                            &term.required,
                            &format!("/members/{m}/material_terms/{k}/required/when"),
                            options,
                            &mut diagnostics,
                        )
                    })
                    .collect()
            })
            .collect();

        if has_errors(&diagnostics) {
            return Err(DefinitionErrors::Invalid { diagnostics });
        }
        #[cfg(feature = "engine")]
        let Some(validator) = validator else {
            return Err(DefinitionErrors::Invalid { diagnostics });
        };
        #[cfg(not(feature = "engine"))]
        if !form_refs_ok {
            return Err(DefinitionErrors::Invalid { diagnostics });
        }
        #[cfg(feature = "engine")]
        let step_order = step_order(&definition);
        #[cfg(feature = "engine")]
        let has_dated_formats = crate::validate::form_has_formats(&form, |name| {
            crate::formats::chinese_format(name).is_some_and(|f| f.check_dates.is_some())
        });
        let has_normalised_formats =
            crate::validate::form_has_formats(&form, crate::formats::normalises);
        let condition_reads = schema::reads::condition_reads(&form);
        let declared_anywhere = crate::schema::visit::declared_anywhere(&form);
        Ok(Self {
            definition,
            form,
            #[cfg(feature = "engine")]
            validator,
            material_rules,
            member_rules,
            #[cfg(feature = "engine")]
            step_order,
            #[cfg(feature = "engine")]
            has_dated_formats,
            has_normalised_formats,
            condition_reads,
            declared_anywhere,
            warnings: diagnostics,
            #[cfg(not(feature = "engine"))]
            lent_engine: LentEngine::default(),
        })
    }

    pub fn definition(&self) -> &ItemDefinition {
        &self.definition
    }

    /// The prepared form schema (conditions guarded, discriminated `oneOf`s expanded).
    pub fn form(&self) -> &Value {
        &self.form
    }

    #[cfg(feature = "engine")]
    pub(crate) fn validator(&self) -> &Validator {
        &self.validator
    }

    #[cfg(feature = "engine")]
    pub(crate) fn has_dated_formats(&self) -> bool {
        self.has_dated_formats
    }

    pub(crate) fn has_normalised_formats(&self) -> bool {
        self.has_normalised_formats
    }

    pub(crate) fn condition_reads(&self) -> Option<&[Vec<schema::reads::ReadSegment>]> {
        self.condition_reads.as_deref()
    }

    pub(crate) fn declared_anywhere(&self) -> &std::collections::BTreeSet<String> {
        &self.declared_anywhere
    }

    #[cfg(feature = "engine")]
    pub(crate) fn step_order(&self) -> &[String] {
        &self.step_order
    }

    /// Advice found while loading (never errors: those stop loading).
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }

    /// Whether material `index` is required for this (normalised) form data.
    ///
    /// Without the engine, a `when` that [`schema::Condition`] cannot
    /// decide is asked of the engine lent to the item
    /// ([`lend_engine`](Self::lend_engine)); before one is, it counts as
    /// required, as a condition that does not compile does with the engine.
    pub fn material_required(&self, index: usize, data: &Value) -> bool {
        self.requirement_holds_here(crate::RequirementOf::Material(index), data)
    }

    /// [`material_required`](Self::material_required) as a build without
    /// the schema engine judges it, with [`schema::Condition`]; `None`
    /// when its condition needs the engine (`minimum`, `pattern`,
    /// `oneOf`, …).
    pub fn material_required_without_engine(&self, index: usize, data: &Value) -> Option<bool> {
        self.material_rules[index].without_engine(data)
    }

    /// In a merged bundle: whether member `member` itself requires the
    /// material of its `material_terms[term]` for this (normalised) form
    /// data.
    pub fn member_requires(&self, member: usize, term: usize, data: &Value) -> bool {
        self.requirement_holds_here(crate::RequirementOf::MemberTerm { member, term }, data)
    }

    /// The one place a requirement is judged: with the engine, its
    /// compiled condition; without it, [`schema::Condition`], then the
    /// lent engine.
    pub(crate) fn requirement_holds_here(
        &self,
        requirement: crate::RequirementOf,
        data: &Value,
    ) -> bool {
        let rule = match requirement {
            crate::RequirementOf::Material(index) => &self.material_rules[index],
            crate::RequirementOf::MemberTerm { member, term } => &self.member_rules[member][term],
        };
        #[cfg(feature = "engine")]
        {
            rule.holds(data)
        }
        #[cfg(not(feature = "engine"))]
        {
            rule.without_engine(data).unwrap_or_else(|| {
                self.lent_engine
                    .0
                    .get()
                    .is_none_or(|engine| engine.requirement_holds(requirement, data))
            })
        }
    }

    /// Lends a build without the engine the engine's judge, once it has
    /// arrived (the widget's view gets it after painting): from then on
    /// the requirements whose `when` only the engine can decide are asked
    /// of `judge`, so every verdict made from this item (materials,
    /// commitments, a bundle member's deadlines) is the server's. The
    /// first judge lent stays; a later one is ignored.
    #[cfg(not(feature = "engine"))]
    pub fn lend_engine(&self, judge: std::rc::Rc<dyn crate::FormJudge>) {
        // Ignoring a second judge: the same definition compiles the same
        // way, so it would answer alike.
        let _ = self.lent_engine.0.set(judge);
    }
}

/// The root properties in the order of `ui.steps`, each once: the order
/// report errors follow.
#[cfg(feature = "engine")]
fn step_order(definition: &ItemDefinition) -> Vec<String> {
    let mut order: Vec<String> = Vec::new();
    for field in definition.ui.steps.iter().flat_map(|s| &s.fields) {
        if let Some(first) = crate::pointer::parse(field).first() {
            let name = first.as_key().into_owned();
            if !order.contains(&name) {
                order.push(name);
            }
        }
    }
    order
}

/// The engine lent to a build without it ([`CompiledItem::lend_engine`]).
#[cfg(not(feature = "engine"))]
#[derive(Clone, Default)]
struct LentEngine(std::cell::OnceCell<std::rc::Rc<dyn crate::FormJudge>>);

#[cfg(not(feature = "engine"))]
impl std::fmt::Debug for LentEngine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.get().is_some() {
            "LentEngine(lent)"
        } else {
            "LentEngine(none)"
        })
    }
}

/// A material requirement ready to judge: its `when` (if it has one)
/// checked once, guarded as the engine compiles it
/// ([`schema::guard_conditions`]: a field a condition tests must be
/// there) and, with the engine, compiled.
#[derive(Debug, Clone)]
struct RequirementRule {
    /// The value without a condition: `required` as written; `true` for a
    /// condition that could not be checked or compiled.
    fixed: bool,
    condition: Option<Value>,
    #[cfg(feature = "engine")]
    compiled: Option<Arc<Validator>>,
}

impl RequirementRule {
    /// Reads `requirement` (its `when` at `base` in the file): `$ref`s and
    /// width checked first, then guarded and compiled; a problem goes into
    /// `diagnostics`.
    fn prepare(
        requirement: &Requirement,
        base: &str,
        options: &CheckOptions,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Self {
        let fixed = match requirement {
            Requirement::Always(required) => *required,
            Requirement::When { .. } | Requirement::BySituation(_) => true,
        };
        let unconditional = Self {
            fixed,
            condition: None,
            #[cfg(feature = "engine")]
            compiled: None,
        };
        let Requirement::When { when } = requirement else {
            return unconditional;
        };
        let mut ref_problems = refs::check(when, base, &options.limits);
        if ref_problems.is_empty() {
            ref_problems.extend(width::check(when, base, &options.limits));
        }
        if !ref_problems.is_empty() {
            diagnostics.extend(ref_problems);
            return unconditional;
        }
        let mut guarded = when.clone();
        schema::guard_conditions(&mut guarded);
        #[cfg(feature = "engine")]
        let compiled = schema::compile(&guarded)
            .map_err(|e| {
                let compile = schema::violation::compile_problem(&e, &guarded);
                diagnostics.push(Diagnostic::error(
                    format!("{base}{}", compile.pointer),
                    "definition.condition_invalid",
                    text::condition_invalid(&compile.problem),
                ));
            })
            .ok();
        Self {
            fixed,
            condition: Some(guarded),
            #[cfg(feature = "engine")]
            compiled,
        }
    }

    /// The requirement's value for `data`: the compiled condition's
    /// verdict (`required` as written without one; required for one that
    /// did not compile).
    #[cfg(feature = "engine")]
    fn holds(&self, data: &Value) -> bool {
        self.compiled
            .as_ref()
            .map_or(self.fixed, |compiled| compiled.is_valid(data))
    }

    /// The value judged by [`schema::Condition`] without compiling; `None`
    /// when a keyword of the condition needs the engine.
    fn without_engine(&self, data: &Value) -> Option<bool> {
        match &self.condition {
            Some(condition) => schema::evaluate_condition(condition, Some(data)),
            None => Some(self.fixed),
        }
    }
}
