//! Conditions, read once: the `if` of a form, each branch of a `oneOf` or
//! `anyOf` when the walker chooses branches, and a material's
//! `required.when`. [`Condition::parse`] turns the schema into a typed value
//! ([`Test`]s, one per keyword, in the order written) that every reader
//! shares: the fields a condition names ([`Condition::named_fields`], for
//! the definition checks and the bundle merge), the guard that makes
//! tested fields required (`rewrite::guard_conditions`), the places
//! conditions read (`reads.rs`), lint's reachability rule and the guide's
//! words. The evaluator ([`evaluate`], and [`Condition::holds`] through it)
//! judges each keyword as its [`TestKind`] says, on the schema where it
//! lies: it runs at every place of the data on every live check, where
//! reading the whole schema first cost more than judging it (a property
//! test keeps the two in agreement). A keyword the evaluator cannot judge
//! without compiling is [`TestKind::Other`], and every reader treats it
//! the same way: it names no field, and its verdict is unknown, so callers
//! fall back to considering every branch.

use serde_json::Value;

use crate::pointer;

/// A condition schema as typed tests; all of them must hold.
#[derive(Debug, Clone, PartialEq)]
pub struct Condition<'a> {
    /// The tests in the order the schema writes its keywords.
    pub tests: Vec<Test<'a>>,
    /// The schema the tests were read from, which [`holds`](Self::holds)
    /// judges.
    schema: &'a Value,
}

/// One keyword of a condition.
#[derive(Debug, Clone, PartialEq)]
pub struct Test<'a> {
    /// The keyword as written (`const`, `properties`, …); empty for a
    /// boolean schema. A reader that reports a place appends it to the
    /// condition's JSON Pointer.
    pub keyword: &'a str,
    pub kind: TestKind<'a>,
}

/// What one keyword of a condition tests, at the place the condition
/// applies to.
#[derive(Debug, Clone, PartialEq)]
pub enum TestKind<'a> {
    /// A boolean schema: `true` always holds, `false` never.
    Always(bool),
    /// `const`: the value equals this one.
    Const(&'a Value),
    /// `enum`: the value is one of these.
    Enum(&'a [Value]),
    /// `required`: each named property is present; the index is the name's
    /// place in the `required` array.
    Required(Vec<(usize, &'a str)>),
    /// `type`: the value has one of these JSON types.
    Type(Vec<&'a str>),
    /// `properties`: each condition holds of its property when the property
    /// is present (in the order written).
    Properties(Vec<(&'a str, Condition<'a>)>),
    /// `not`: the condition does not hold.
    Not(Box<Condition<'a>>),
    /// `allOf`: every branch holds.
    AllOf(Vec<Condition<'a>>),
    /// `anyOf`: some branch holds.
    AnyOf(Vec<Condition<'a>>),
    /// `oneOf`: exactly one branch holds (never judged without compiling).
    OneOf(Vec<Condition<'a>>),
    /// `title`, `description`, `$comment`, `x-*`: says nothing of the data.
    Annotation,
    /// Any other keyword (`minimum`, `pattern`, …), or one whose argument
    /// has an unexpected shape: its verdict is unknown without compiling.
    Other,
}

impl<'a> Condition<'a> {
    /// Reads a condition schema (an object or a boolean; anything else is a
    /// single [`TestKind::Other`]).
    pub fn parse(schema: &'a Value) -> Self {
        let tests = match schema {
            Value::Object(object) => object
                .iter()
                .map(|(keyword, argument)| Test {
                    keyword,
                    kind: TestKind::parse(keyword, argument),
                })
                .collect(),
            Value::Bool(b) => vec![Test {
                keyword: "",
                kind: TestKind::Always(*b),
            }],
            _ => vec![Test {
                keyword: "",
                kind: TestKind::Other,
            }],
        };
        Self { tests, schema }
    }

    /// Whether the condition holds of `data` (`None`: the place is absent);
    /// `None` when some test cannot be judged without compiling and none
    /// fails. The same as [`evaluate`] of its schema.
    pub fn holds(&self, data: Option<&Value>) -> Option<bool> {
        evaluate(self.schema, data)
    }

    /// Every field the condition names, below `place` (the condition's JSON
    /// Pointer in its file) and relative to the place it applies to:
    /// `(place of the name, field path)` for each `properties` entry (at any
    /// depth) and each `required` name not already listed, inside `allOf`,
    /// `anyOf`, `oneOf` and `not` too.
    pub fn named_fields(&self, place: &str) -> Vec<(String, Vec<String>)> {
        let mut out = Vec::new();
        self.named_fields_into(place, &mut Vec::new(), &mut out);
        out
    }

    fn named_fields_into(
        &self,
        place: &str,
        prefix: &mut Vec<String>,
        out: &mut Vec<(String, Vec<String>)>,
    ) {
        // Properties before names and names before branches, whatever the
        // order written: a name a `properties` entry already gives is not
        // listed twice.
        for test in &self.tests {
            if let TestKind::Properties(properties) = &test.kind {
                for (name, sub) in properties {
                    prefix.push((*name).to_owned());
                    let here = pointer::join(&format!("{place}/properties"), name);
                    out.push((here.clone(), prefix.clone()));
                    sub.named_fields_into(&here, prefix, out);
                    prefix.pop();
                }
            }
        }
        for test in &self.tests {
            if let TestKind::Required(names) = &test.kind {
                for (i, name) in names {
                    let mut field = prefix.clone();
                    field.push((*name).to_owned());
                    if !out.iter().any(|(_, f)| *f == field) {
                        out.push((format!("{place}/required/{i}"), field));
                    }
                }
            }
        }
        for keyword in ["allOf", "anyOf", "oneOf"] {
            for test in self.tests.iter().filter(|t| t.keyword == keyword) {
                for (i, branch) in test.kind.branches().iter().enumerate() {
                    branch.named_fields_into(&format!("{place}/{keyword}/{i}"), prefix, out);
                }
            }
        }
        for test in &self.tests {
            if let TestKind::Not(negated) = &test.kind {
                negated.named_fields_into(&format!("{place}/not"), prefix, out);
            }
        }
    }

    /// Whether the condition names the field at `path` (see
    /// [`named_fields`](Self::named_fields)).
    pub fn names_field(&self, path: &[String]) -> bool {
        self.named_fields("").iter().any(|(_, f)| f == path)
    }

    /// The condition's `properties` entries, in the order written.
    pub fn properties(&self) -> impl Iterator<Item = &(&'a str, Condition<'a>)> {
        self.tests.iter().flat_map(|t| match &t.kind {
            TestKind::Properties(p) => p.as_slice(),
            _ => &[],
        })
    }

    /// The names of the condition's `required`, in the order written.
    pub fn required(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.tests.iter().flat_map(|t| match &t.kind {
            TestKind::Required(names) => names.iter().map(|(_, n)| *n).collect(),
            _ => Vec::new(),
        })
    }

    /// The values a `const` or `enum` of this condition accepts, with the
    /// keyword: `None` when it has neither (`const` wins, as written first
    /// or not).
    pub fn accepted_values(&self) -> Option<(&'a str, Vec<&'a Value>)> {
        let constant = self.tests.iter().find_map(|t| match t.kind {
            TestKind::Const(value) => Some((t.keyword, vec![value])),
            _ => None,
        });
        constant.or_else(|| {
            self.tests.iter().find_map(|t| match t.kind {
                TestKind::Enum(values) => Some((t.keyword, values.iter().collect())),
                _ => None,
            })
        })
    }
}

impl<'a> TestKind<'a> {
    fn parse(keyword: &'a str, argument: &'a Value) -> Self {
        let branches = || {
            argument
                .as_array()
                .map(|bs| bs.iter().map(Condition::parse).collect::<Vec<_>>())
        };
        let parsed = match keyword {
            "const" => Some(Self::Const(argument)),
            "enum" => argument.as_array().map(|v| Self::Enum(v.as_slice())),
            "required" => argument.as_array().map(|names| {
                Self::Required(
                    names
                        .iter()
                        .enumerate()
                        .filter_map(|(i, n)| Some((i, n.as_str()?)))
                        .collect(),
                )
            }),
            "type" => match argument {
                Value::String(name) => Some(Self::Type(vec![name])),
                Value::Array(names) => {
                    Some(Self::Type(names.iter().filter_map(Value::as_str).collect()))
                }
                _ => None,
            },
            "properties" => argument.as_object().map(|properties| {
                Self::Properties(
                    properties
                        .iter()
                        .map(|(name, sub)| (name.as_str(), Condition::parse(sub)))
                        .collect(),
                )
            }),
            "not" => Some(Self::Not(Box::new(Condition::parse(argument)))),
            "allOf" => branches().map(Self::AllOf),
            "anyOf" => branches().map(Self::AnyOf),
            "oneOf" => branches().map(Self::OneOf),
            "title" | "description" | "$comment" => Some(Self::Annotation),
            k if k.starts_with("x-") => Some(Self::Annotation),
            _ => None,
        };
        parsed.unwrap_or(Self::Other)
    }

    /// The branches of `allOf`, `anyOf` and `oneOf`; empty for the rest.
    pub fn branches(&self) -> &[Condition<'a>] {
        match self {
            Self::AllOf(b) | Self::AnyOf(b) | Self::OneOf(b) => b,
            _ => &[],
        }
    }
}

/// Whether `schema`, read as a condition, holds of `data` (`None`: the
/// place is absent): `Some(false)` when some keyword fails, `None` when
/// none fails but some cannot be judged without compiling (a
/// [`TestKind::Other`] or `oneOf`), `Some(true)` otherwise. Each keyword
/// means what [`TestKind`] says it tests.
///
/// Judged on the schema where it lies, without reading it into a
/// [`Condition`]: the walker evaluates each `oneOf`/`anyOf` branch and
/// `if` at every place of the data on every live check, and reading a
/// branch allocated for every property below it, present in the data or
/// not. A property test holds this to the verdict of the typed reading.
pub fn evaluate(schema: &Value, data: Option<&Value>) -> Option<bool> {
    let object = match schema {
        Value::Object(object) => object,
        Value::Bool(b) => return Some(*b),
        _ => return None,
    };
    let mut known = true;
    for (keyword, argument) in object {
        match keyword_holds(keyword, argument, data) {
            Some(true) => {}
            Some(false) => return Some(false),
            None => known = false,
        }
    }
    known.then_some(true)
}

/// One keyword of [`evaluate`]'s schema, read as [`TestKind::parse`]
/// reads it: an argument of an unexpected shape is `Other`, unknown.
fn keyword_holds(keyword: &str, argument: &Value, data: Option<&Value>) -> Option<bool> {
    match (keyword, argument) {
        ("const", _) => data.map(|d| d == argument),
        ("enum", Value::Array(options)) => data.map(|d| options.contains(d)),
        ("required", Value::Array(names)) => {
            let object = data.and_then(Value::as_object);
            Some(
                names
                    .iter()
                    .filter_map(Value::as_str)
                    .all(|n| object.is_some_and(|o| o.contains_key(n))),
            )
        }
        ("type", Value::String(name)) => data.map(|d| type_matches(name, d)),
        ("type", Value::Array(names)) => data.map(|d| {
            names
                .iter()
                .filter_map(Value::as_str)
                .any(|n| type_matches(n, d))
        }),
        ("properties", Value::Object(properties)) => match data {
            Some(Value::Object(object)) => {
                let mut all = Some(true);
                for (name, sub) in properties {
                    if let Some(value) = object.get(name) {
                        all = and(all, evaluate(sub, Some(value)));
                        if all == Some(false) {
                            break;
                        }
                    }
                }
                all
            }
            _ => Some(true),
        },
        ("not", _) => evaluate(argument, data).map(|b| !b),
        ("allOf", Value::Array(branches)) => {
            // Not `try_fold` on unknowns: an unknown branch must not hide a
            // failing one.
            let mut all = Some(true);
            for branch in branches {
                all = and(all, evaluate(branch, data));
                if all == Some(false) {
                    break;
                }
            }
            all
        }
        ("anyOf", Value::Array(branches)) => {
            let mut all_fail = true;
            for branch in branches {
                match evaluate(branch, data) {
                    Some(true) => return Some(true),
                    Some(false) => {}
                    None => all_fail = false,
                }
            }
            all_fail.then_some(false)
        }
        ("title" | "description" | "$comment", _) => Some(true),
        (k, _) if k.starts_with("x-") => Some(true),
        _ => None,
    }
}

fn and(a: Option<bool>, b: Option<bool>) -> Option<bool> {
    match (a, b) {
        (Some(false), _) | (_, Some(false)) => Some(false),
        (Some(true), Some(true)) => Some(true),
        _ => None,
    }
}

fn type_matches(name: &str, data: &Value) -> bool {
    match name {
        "object" => data.is_object(),
        "array" => data.is_array(),
        "string" => data.is_string(),
        "boolean" => data.is_boolean(),
        "null" => data.is_null(),
        "number" => data.is_number(),
        "integer" => data.as_f64().is_some_and(|n| n.fract() == 0.0),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn discriminator_conditions() {
        let condition = json!({"properties": {"kind": {"const": "person"}}, "required": ["kind"]});
        assert_eq!(
            evaluate(&condition, Some(&json!({"kind": "person"}))),
            Some(true)
        );
        assert_eq!(
            evaluate(&condition, Some(&json!({"kind": "organisation"}))),
            Some(false)
        );
        assert_eq!(evaluate(&condition, Some(&json!({}))), Some(false));
        assert_eq!(evaluate(&json!({"minimum": 3}), Some(&json!(4))), None);
    }

    #[test]
    fn every_reader_sees_the_same_fields() {
        // One condition with every keyword a reader of fields follows.
        let schema = json!({
            "required": ["kind", "agent"],
            "properties": {"kind": {"enum": ["a", "b"]}, "site": {"properties": {"area": {"minimum": 3}}}},
            "anyOf": [{"required": ["x"]}],
            "not": {"properties": {"y": {"const": 1}}}
        });
        let condition = Condition::parse(&schema);
        assert_eq!(
            condition.named_fields("/when"),
            [
                ("/when/properties/kind", vec!["kind"]),
                ("/when/properties/site", vec!["site"]),
                (
                    "/when/properties/site/properties/area",
                    vec!["site", "area"]
                ),
                ("/when/required/1", vec!["agent"]),
                ("/when/anyOf/0/required/0", vec!["x"]),
                ("/when/not/properties/y", vec!["y"]),
            ]
            .map(|(p, f)| (p.to_owned(), f.into_iter().map(str::to_owned).collect()))
        );
        assert!(condition.names_field(&["site".to_owned(), "area".to_owned()]));
        assert!(!condition.names_field(&["area".to_owned()]));
        // `minimum` cannot be judged without compiling; `kind` can.
        assert_eq!(condition.holds(Some(&json!({"kind": "c"}))), Some(false));
        assert_eq!(
            condition.holds(Some(
                &json!({"kind": "a", "agent": 1, "x": 1, "y": 2, "site": {"area": 4}})
            )),
            None
        );
    }

    /// The verdict of the typed reading, test by test: what [`evaluate`]
    /// judged before it read the schema in place, kept as the model it
    /// must agree with.
    fn typed_verdict(condition: &Condition<'_>, data: Option<&Value>) -> Option<bool> {
        let mut known = true;
        for test in &condition.tests {
            match test_verdict(&test.kind, data) {
                Some(true) => {}
                Some(false) => return Some(false),
                None => known = false,
            }
        }
        known.then_some(true)
    }

    fn test_verdict(kind: &TestKind<'_>, data: Option<&Value>) -> Option<bool> {
        match kind {
            TestKind::Always(b) => Some(*b),
            TestKind::Const(value) => data.map(|d| d == *value),
            TestKind::Enum(options) => data.map(|d| options.contains(d)),
            TestKind::Required(names) => {
                let object = data.and_then(Value::as_object);
                Some(
                    names
                        .iter()
                        .all(|(_, n)| object.is_some_and(|o| o.contains_key(*n))),
                )
            }
            TestKind::Type(names) => data.map(|d| names.iter().any(|n| type_matches(n, d))),
            TestKind::Properties(properties) => match data {
                Some(Value::Object(object)) => {
                    let mut all = Some(true);
                    for (name, sub) in properties {
                        if let Some(value) = object.get(*name) {
                            all = and(all, typed_verdict(sub, Some(value)));
                        }
                    }
                    all
                }
                _ => Some(true),
            },
            TestKind::Not(negated) => typed_verdict(negated, data).map(|b| !b),
            TestKind::AllOf(branches) => {
                let mut all = Some(true);
                for branch in branches {
                    all = and(all, typed_verdict(branch, data));
                }
                all
            }
            TestKind::AnyOf(branches) => {
                let results: Vec<_> = branches.iter().map(|b| typed_verdict(b, data)).collect();
                if results.contains(&Some(true)) {
                    Some(true)
                } else if results.iter().all(|r| *r == Some(false)) {
                    Some(false)
                } else {
                    None
                }
            }
            TestKind::Annotation => Some(true),
            TestKind::OneOf(_) | TestKind::Other => None,
        }
    }

    mod property {
        use super::*;
        use proptest::prelude::*;

        fn data() -> impl Strategy<Value = Value> {
            let leaf = prop::sample::select(vec![
                Value::Null,
                json!(true),
                json!(1),
                json!(2.5),
                json!("a"),
                json!("b"),
            ]);
            leaf.prop_recursive(3, 24, 4, |inner| {
                prop_oneof![
                    prop::collection::vec(inner.clone(), 0..3).prop_map(Value::Array),
                    prop::collection::vec(("[abc]", inner), 0..4)
                        .prop_map(|members| Value::Object(members.into_iter().collect())),
                ]
            })
        }

        /// Mostly an object with some of the members conditions name, so
        /// that `properties` and `required` meet data more often than not.
        fn place() -> impl Strategy<Value = Option<Value>> {
            prop_oneof![
                3 => prop::collection::vec(("[abc]", data()), 1..4)
                    .prop_map(|members| Some(Value::Object(members.into_iter().collect()))),
                1 => proptest::option::of(data()),
            ]
        }

        /// Condition schemas from every keyword [`TestKind`] knows, with
        /// arguments of the right shape and of a wrong one, keywords it
        /// does not know, and boolean schemas.
        fn schema() -> impl Strategy<Value = Value> {
            let name = prop::sample::select(vec!["a", "b", "c"]);
            let keyword = prop_oneof![
                data().prop_map(|v| ("const", v)),
                prop::collection::vec(data(), 0..3).prop_map(|v| ("enum", Value::Array(v))),
                Just(("enum", json!("a"))),
                prop::collection::vec(
                    prop_oneof![name.clone().prop_map(Value::from), Just(json!(1))],
                    0..3
                )
                .prop_map(|v| ("required", Value::Array(v))),
                Just(("required", json!("a"))),
                prop::sample::select(vec![
                    "object", "array", "string", "boolean", "null", "number", "integer", "date"
                ])
                .prop_map(|t| ("type", json!(t))),
                Just(("type", json!(["string", "null", 3]))),
                Just(("type", json!(1))),
                Just(("title", json!("标题"))),
                Just(("description", json!(1))),
                Just(("$comment", json!("注"))),
                Just(("x-order", json!(2))),
                Just(("minimum", json!(1))),
                Just(("properties", json!([]))),
            ];
            let leaf = prop_oneof![
                prop::collection::vec(keyword, 0..3).prop_map(|k| Value::Object(
                    k.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
                )),
                any::<bool>().prop_map(Value::Bool),
                Just(json!(3)),
            ];
            leaf.prop_recursive(3, 32, 4, move |inner| {
                let nested = prop_oneof![
                    prop::collection::vec((name.clone(), inner.clone()), 0..3).prop_map(
                        |members| {
                            (
                                "properties",
                                Value::Object(
                                    members
                                        .into_iter()
                                        .map(|(n, s)| (n.to_owned(), s))
                                        .collect(),
                                ),
                            )
                        }
                    ),
                    inner.clone().prop_map(|s| ("not", s)),
                    prop::collection::vec(inner.clone(), 0..3)
                        .prop_map(|b| ("allOf", Value::Array(b))),
                    prop::collection::vec(inner.clone(), 0..3)
                        .prop_map(|b| ("anyOf", Value::Array(b))),
                    prop::collection::vec(inner.clone(), 0..3)
                        .prop_map(|b| ("oneOf", Value::Array(b))),
                    inner.prop_map(|s| ("const", s)),
                ];
                prop::collection::vec(nested, 1..3).prop_map(|k| {
                    Value::Object(k.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
                })
            })
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(4096))]
            #[test]
            fn evaluate_agrees_with_the_typed_reading(schema in schema(), data in place()) {
                let typed = typed_verdict(&Condition::parse(&schema), data.as_ref());
                prop_assert_eq!(evaluate(&schema, data.as_ref()), typed);
            }
        }
    }
}
