//! Limits on what banli accepts, so that hostile or careless input can
//! neither exhaust memory or the stack nor make validation slow.
//!
//! Every shell goes through the same checks: [`Limits::parse_submission`]
//! for JSON text (size and nesting are checked on the bytes, before
//! anything recursive sees them), [`Limits::check_submission`] for a parsed
//! value (an iterative walk: depth, string and array lengths, the number of
//! materials and of files). [`CompiledItem::validate`] runs the latter
//! first and answers an oversized submission with an `invalid` report whose
//! errors carry a `limit.*` code, without handing the data to the (recursive)
//! schema engine. Definitions have their own limits (size, nesting, `$ref`
//! chains), checked while loading. The defaults and the threat model are in
//! `docs/security.md`.
//!
//! [`CompiledItem::validate`]: crate::CompiledItem::validate

use serde_json::Value;

use crate::envelope::ChoicePlace;
use crate::messages::{Text, limits as text};
use crate::pointer;

/// The limits, with safe defaults (`Limits::default()`); a portal may raise
/// or lower each one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Size of a submission as JSON text, in bytes.
    pub max_document_bytes: usize,
    /// Nesting of arrays and objects in a submission (the envelope itself is
    /// level 1, its `data` level 2). JSON text deeper than 127 levels is
    /// refused by the parser whatever this says.
    pub max_depth: usize,
    /// Length of any string in a submission (object keys included), in characters.
    pub max_string_chars: usize,
    /// Entries of any array in a submission.
    pub max_array_len: usize,
    /// Entries of the submission's `materials` map.
    pub max_materials: usize,
    /// Files of one material (`materials.<id>.files`).
    pub max_files_per_material: usize,
    /// Size of an item definition as JSON text, in bytes.
    pub max_definition_bytes: usize,
    /// Nesting of arrays and objects in an item definition.
    pub max_definition_depth: usize,
    /// Length of a chain of `$ref`s (a reference inside the target of a
    /// reference inside ...) in an item definition.
    pub max_ref_depth: usize,
    /// Subschemas that apply at one place of the data (the schema itself,
    /// its `allOf`/`anyOf`/`oneOf` branches, `not`, `if`/`then`/`else`,
    /// `dependentSchemas` and `$ref` targets, counted through references
    /// with their multiplicity), the cost of validating one value.
    pub max_schema_width: usize,
}

impl Limits {
    /// The defaults, usable in constants.
    pub const DEFAULT: Limits = Limits {
        max_document_bytes: 1024 * 1024,
        max_depth: 32,
        max_string_chars: 10_000,
        max_array_len: 1_000,
        max_materials: 200,
        max_files_per_material: 50,
        max_definition_bytes: 4 * 1024 * 1024,
        max_definition_depth: 100,
        max_ref_depth: 16,
        max_schema_width: 10_000,
    };

    /// How many limit violations one report lists at most.
    pub const MAX_REPORTED: usize = 20;
}

impl Default for Limits {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// One way a submission exceeds the [`Limits`]. `path` is a JSON Pointer
/// into the submission envelope.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LimitViolation {
    #[error("the submission is {bytes} bytes; the limit is {limit}")]
    DocumentTooLarge { bytes: usize, limit: usize },
    #[error("{path}: nested more than {limit} levels deep")]
    TooDeep { path: String, limit: usize },
    #[error("{path}: a string of {chars} characters; the limit is {limit}")]
    StringTooLong {
        path: String,
        chars: usize,
        limit: usize,
    },
    #[error("{path}: an array of {len} entries; the limit is {limit}")]
    ArrayTooLong {
        path: String,
        len: usize,
        limit: usize,
    },
    #[error("{count} materials; the limit is {limit}")]
    TooManyMaterials { count: usize, limit: usize },
    #[error("{path}: {count} files; the limit is {limit}")]
    TooManyFiles {
        path: String,
        count: usize,
        limit: usize,
    },
    /// More violations than [`Limits::MAX_REPORTED`]; the rest are not listed.
    #[error("more than {limit} values exceed the limits")]
    TooManyProblems { limit: usize },
}

impl LimitViolation {
    /// The stable code in the report (`limit.too_deep`, ...).
    pub fn code(&self) -> &'static str {
        match self {
            LimitViolation::DocumentTooLarge { .. } => "limit.document_too_large",
            LimitViolation::TooDeep { .. } => "limit.too_deep",
            LimitViolation::StringTooLong { .. } => "limit.string_too_long",
            LimitViolation::ArrayTooLong { .. } => "limit.array_too_long",
            LimitViolation::TooManyMaterials { .. } => "limit.too_many_materials",
            LimitViolation::TooManyFiles { .. } => "limit.too_many_files",
            LimitViolation::TooManyProblems { .. } => "limit.too_many_problems",
        }
    }

    /// Where in the envelope ("" for the whole document).
    pub fn path(&self) -> &str {
        match self {
            LimitViolation::TooDeep { path, .. }
            | LimitViolation::StringTooLong { path, .. }
            | LimitViolation::ArrayTooLong { path, .. }
            | LimitViolation::TooManyFiles { path, .. } => path,
            LimitViolation::TooManyMaterials { .. } => "/materials",
            LimitViolation::DocumentTooLarge { .. } | LimitViolation::TooManyProblems { .. } => "",
        }
    }

    /// The message for the applicant, in both languages.
    pub fn message(&self) -> Text {
        match *self {
            LimitViolation::DocumentTooLarge { bytes, limit } => {
                text::document_too_large(bytes, limit)
            }
            LimitViolation::TooDeep { limit, .. } => text::too_deep(limit),
            LimitViolation::StringTooLong { chars, limit, .. } => {
                text::string_too_long(chars, limit)
            }
            LimitViolation::ArrayTooLong { len, limit, .. } => text::array_too_long(len, limit),
            LimitViolation::TooManyMaterials { count, limit } => {
                text::too_many_materials(count, limit)
            }
            LimitViolation::TooManyFiles { count, limit, .. } => text::too_many_files(count, limit),
            LimitViolation::TooManyProblems { limit } => text::too_many_problems(limit),
        }
    }
}

/// Why JSON text cannot be used as a submission.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InputError {
    /// The text exceeds a limit before it is even parsed (size, nesting).
    #[error(transparent)]
    Limit(LimitViolation),
    /// The text is not JSON.
    #[error(transparent)]
    Syntax(crate::json_text::SyntaxError),
}

impl Limits {
    /// The nesting form data on its own may reach: one level less than
    /// [`max_depth`](Self::max_depth), because the data stands at level 2
    /// of its envelope (`/data`), where a submission is counted. The live
    /// check counts the same way, so data it accepts is not refused on
    /// submit.
    pub const fn max_data_depth(&self) -> usize {
        self.max_depth.saturating_sub(DATA_LEVEL - 1)
    }

    /// Parses a submission from JSON text: size first, then nesting (by a
    /// linear scan of the bytes, so a 100,000-deep array costs nothing),
    /// then the JSON parser. The value still needs
    /// [`check_submission`](Self::check_submission), which `validate` does.
    pub fn parse_submission(&self, text: &str) -> Result<Value, InputError> {
        if text.len() > self.max_document_bytes {
            return Err(InputError::Limit(LimitViolation::DocumentTooLarge {
                bytes: text.len(),
                limit: self.max_document_bytes,
            }));
        }
        if let Some(path) = first_too_deep(text, self.max_depth) {
            return Err(InputError::Limit(LimitViolation::TooDeep {
                path,
                limit: self.max_depth,
            }));
        }
        crate::json_text::parse(text).map_err(InputError::Syntax)
    }

    /// Every way `submission` exceeds the limits (at most
    /// [`MAX_REPORTED`](Self::MAX_REPORTED), then `TooManyProblems`), in
    /// document order. Iterative: safe on any depth.
    pub fn check_submission(&self, submission: &Value) -> Vec<LimitViolation> {
        let mut out = Vec::new();
        let counted = self.count_materials(crate::envelope::raw_materials(submission), &mut out);
        self.walk(submission, 1, Vec::new(), &counted, REPORT_ALL, &mut out);
        capped(out)
    }

    /// The first way an envelope's `materials` map, on its own (a stored
    /// draft's choices put in that shape), exceeds the limits, as
    /// [`check_submission`](Self::check_submission) would find it once the
    /// map is submitted: it stands at `/materials` of the envelope, so the
    /// path starts there and the map's own level is 2. Iterative: safe on
    /// any depth.
    pub fn first_materials_violation(&self, materials: &Value) -> Option<LimitViolation> {
        let mut out = Vec::with_capacity(1);
        let counted = self.count_materials(materials.as_object(), &mut out);
        if out.is_empty() {
            self.walk(
                materials,
                MATERIALS_LEVEL,
                vec![Seg::Key(crate::envelope::keys::MATERIALS)],
                &counted,
                1,
                &mut out,
            );
        }
        out.into_iter().next()
    }

    /// The number of materials, and of each material's files (a per-item
    /// material's per entry: each entry is one copy of it), against the
    /// limits; the violations go to `out`. Returns the paths of the `files`
    /// arrays counted as too many, which the walk then does not report
    /// again as too long.
    fn count_materials(
        &self,
        materials: Option<&serde_json::Map<String, Value>>,
        out: &mut Vec<LimitViolation>,
    ) -> Vec<String> {
        let mut counted = Vec::new();
        let Some(materials) = materials else {
            return counted;
        };
        if materials.len() > self.max_materials {
            out.push(LimitViolation::TooManyMaterials {
                count: materials.len(),
                limit: self.max_materials,
            });
            return counted;
        }
        let mut count_files = |place: ChoicePlace<'_>, choice: &Value| {
            if let Some(files) = crate::envelope::raw_files(choice)
                && files.len() > self.max_files_per_material
            {
                let path = pointer::join(&place.pointer(), "files");
                counted.push(path.clone());
                out.push(LimitViolation::TooManyFiles {
                    path,
                    count: files.len(),
                    limit: self.max_files_per_material,
                });
            }
        };
        for (id, entry) in materials {
            match crate::envelope::raw_entries(entry) {
                Some(list) => {
                    for (i, choice) in list.iter().enumerate() {
                        count_files(ChoicePlace::Entry(id, i), choice);
                    }
                }
                None => count_files(ChoicePlace::Material(id), entry),
            }
        }
        counted
    }

    /// Every way form data given from outside the form (a portal's
    /// prefill, a stored draft) exceeds the limits of nesting, strings and
    /// arrays, as [`check_submission`](Self::check_submission) would find
    /// them once the data is submitted: `data` stands at `/data` of the
    /// envelope, so paths start with `/data` and the data's own level is 2.
    /// At most [`MAX_REPORTED`](Self::MAX_REPORTED) and then
    /// `TooManyProblems`, in document order. Iterative: safe on any depth.
    pub fn check_data(&self, data: &Value) -> Vec<LimitViolation> {
        let mut out = Vec::new();
        self.walk_data(data, REPORT_ALL, &mut out);
        capped(out)
    }

    /// The first of [`check_data`](Self::check_data)'s violations, found
    /// without looking further: what refusing the data needs.
    pub fn first_data_violation(&self, data: &Value) -> Option<LimitViolation> {
        let mut out = Vec::with_capacity(1);
        self.walk_data(data, 1, &mut out);
        out.pop()
    }

    /// [`walk`](Self::walk) over form data where the envelope holds it.
    fn walk_data(&self, data: &Value, stop_at: usize, out: &mut Vec<LimitViolation>) {
        self.walk(
            data,
            DATA_LEVEL,
            vec![Seg::Key(crate::envelope::keys::DATA)],
            &[],
            stop_at,
            out,
        );
    }

    /// Depth, strings and arrays, depth-first in document order, from
    /// `root` at level `depth` and place `at` (empty for a whole
    /// submission); stops descending where a limit is exceeded, and stops
    /// once `out` holds `stop_at` violations.
    fn walk<'v>(
        &self,
        root: &'v Value,
        depth: usize,
        at: Vec<Seg<'v>>,
        skip_arrays: &[String],
        stop_at: usize,
        out: &mut Vec<LimitViolation>,
    ) {
        // Depth first in document order. The place of the value in hand is
        // kept as segments and written as a JSON Pointer only for a
        // violation: formatting a pointer for every value cost a third of
        // a valid submission's validation.
        enum Step<'v> {
            /// A value, its depth if it is a container, and the segment it
            /// stands under (none for the root).
            Enter(&'v Value, usize, Option<Seg<'v>>),
            /// Done with a container's members: its segment comes off.
            Leave,
        }
        let mut place = at;
        let mut stack = vec![Step::Enter(root, depth, None)];
        while let Some(step) = stack.pop() {
            if out.len() >= stop_at {
                return;
            }
            let (value, depth, segment) = match step {
                Step::Leave => {
                    place.pop();
                    continue;
                }
                Step::Enter(value, depth, segment) => (value, depth, segment),
            };
            let entered = segment.is_some();
            if let Some(segment) = segment {
                place.push(segment);
            }
            if let Some(Seg::Key(key)) = place.last().filter(|_| entered) {
                self.check_string(key, &place, out);
            }
            let mut opened = false;
            match value {
                Value::String(s) => self.check_string(s, &place, out),
                Value::Array(items) => {
                    if depth > self.max_depth {
                        out.push(LimitViolation::TooDeep {
                            path: render(&place),
                            limit: self.max_depth,
                        });
                    } else if items.len() > self.max_array_len {
                        let path = render(&place);
                        if !skip_arrays.contains(&path) {
                            out.push(LimitViolation::ArrayTooLong {
                                path,
                                len: items.len(),
                                limit: self.max_array_len,
                            });
                        }
                    } else {
                        opened = true;
                        if entered {
                            stack.push(Step::Leave);
                        }
                        for (i, item) in items.iter().enumerate().rev() {
                            stack.push(Step::Enter(item, depth + 1, Some(Seg::Index(i))));
                        }
                    }
                }
                Value::Object(map) => {
                    if depth > self.max_depth {
                        out.push(LimitViolation::TooDeep {
                            path: render(&place),
                            limit: self.max_depth,
                        });
                    } else {
                        opened = true;
                        if entered {
                            stack.push(Step::Leave);
                        }
                        let first = stack.len();
                        stack.extend(map.iter().map(|(key, child)| {
                            Step::Enter(child, depth + 1, Some(Seg::Key(key)))
                        }));
                        stack[first..].reverse();
                    }
                }
                Value::Null | Value::Bool(_) | Value::Number(_) => {}
            }
            if entered && !opened {
                place.pop();
            }
        }
    }

    fn check_string(&self, s: &str, place: &[Seg<'_>], out: &mut Vec<LimitViolation>) {
        // A string's byte length bounds its character count: count only
        // when it might be too long.
        if s.len() > self.max_string_chars {
            let chars = s.chars().count();
            if chars > self.max_string_chars {
                out.push(LimitViolation::StringTooLong {
                    path: render(place),
                    chars,
                    limit: self.max_string_chars,
                });
            }
        }
    }
}

/// The level form data stands at in its envelope (`/data`, the envelope
/// being level 1): where [`Limits::check_data`] starts counting and what
/// [`Limits::max_data_depth`] takes off.
const DATA_LEVEL: usize = 2;

/// The level an envelope's `materials` map stands at, as its `data` does.
const MATERIALS_LEVEL: usize = 2;

/// How many violations a full check collects before it stops: one more
/// than it lists, so [`capped`] knows that some were left out.
const REPORT_ALL: usize = Limits::MAX_REPORTED + 1;

/// `out` cut to [`Limits::MAX_REPORTED`], with `TooManyProblems` at the
/// end when violations were left out.
fn capped(mut out: Vec<LimitViolation>) -> Vec<LimitViolation> {
    if out.len() > Limits::MAX_REPORTED {
        out.truncate(Limits::MAX_REPORTED);
        out.push(LimitViolation::TooManyProblems {
            limit: Limits::MAX_REPORTED,
        });
    }
    out
}

/// One step of a place in a submission, borrowed from it.
#[derive(Debug, Clone, Copy)]
enum Seg<'v> {
    Key(&'v str),
    Index(usize),
}

/// The JSON Pointer of a place.
fn render(place: &[Seg<'_>]) -> String {
    place
        .iter()
        .fold(String::new(), |path, segment| match segment {
            Seg::Key(key) => pointer::join(&path, key),
            Seg::Index(i) => format!("{path}/{i}"),
        })
}

/// The JSON Pointer of the first array or object nested deeper than
/// `limit` levels in JSON text, if any. A linear scan that knows strings,
/// keys and indexes; it does not check the rest of the syntax (the parser
/// does).
pub fn first_too_deep(text: &str, limit: usize) -> Option<String> {
    // Nearly every document is within the limit, and naming the place
    // costs a string per key: a first pass that only counts tells, and the
    // second runs for a document that is too deep.
    if text_deeper_than(text.as_bytes(), limit) {
        first_too_deep_named(text, limit)
    } else {
        None
    }
}

/// [`first_too_deep`]'s scan, naming the place as it goes.
fn first_too_deep_named(text: &str, limit: usize) -> Option<String> {
    enum Frame {
        Array(usize),
        Object(String),
    }
    let bytes = text.as_bytes();
    let mut frames: Vec<Frame> = Vec::new();
    let mut expect_key = false;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                if expect_key && let Some(Frame::Object(key)) = frames.last_mut() {
                    *key = String::from_utf8_lossy(&bytes[start..i.min(bytes.len())]).into_owned();
                    expect_key = false;
                }
            }
            open @ (b'[' | b'{') => {
                if frames.len() >= limit {
                    let mut path = String::new();
                    for frame in &frames {
                        match frame {
                            Frame::Array(index) => path.push_str(&format!("/{index}")),
                            Frame::Object(key) => path = pointer::join(&path, key),
                        }
                    }
                    return Some(path);
                }
                if open == b'[' {
                    frames.push(Frame::Array(0));
                } else {
                    frames.push(Frame::Object(String::new()));
                    expect_key = true;
                }
            }
            b']' | b'}' => {
                frames.pop();
                expect_key = false;
            }
            b',' => match frames.last_mut() {
                Some(Frame::Array(index)) => *index += 1,
                Some(Frame::Object(_)) => expect_key = true,
                None => {}
            },
            _ => {}
        }
        i += 1;
    }
    None
}

/// Whether an array or object in JSON text opens more than `limit` levels
/// deep: [`first_too_deep`]'s scan, counting levels only, with nothing
/// allocated.
fn text_deeper_than(bytes: &[u8], limit: usize) -> bool {
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                // Strings are most of a document's bytes: jump to the next
                // quote or escape instead of stepping through them.
                i += 1;
                loop {
                    match memchr::memchr2(b'"', b'\\', &bytes[i..]) {
                        Some(at) if bytes[i + at] == b'\\' => i += at + 2,
                        Some(at) => {
                            i += at;
                            break;
                        }
                        // An unterminated string runs to the end: nothing
                        // after it opens.
                        None => return false,
                    }
                    if i >= bytes.len() {
                        return false;
                    }
                }
            }
            b'[' | b'{' => {
                if depth >= limit {
                    return true;
                }
                depth += 1;
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    false
}

/// Drops a value without recursion. `serde_json::Value`'s own `Drop` is
/// recursive, so a very deep value built in memory (not parsed from text,
/// which [`Limits::parse_submission`] bounds) can overflow the stack when
/// it is dropped; a caller holding such a value passes it here instead.
pub fn dismantle(value: Value) {
    let mut stack = vec![value];
    while let Some(value) = stack.pop() {
        match value {
            Value::Array(items) => stack.extend(items),
            Value::Object(map) => stack.extend(map.into_iter().map(|(_, v)| v)),
            _ => {}
        }
    }
}

/// Whether form data `value` is nested deeper than the default limit
/// counts it ([`Limits::max_data_depth`]): the test the entries that take
/// bare form data (layout, pruning, normalising, form errors) make before
/// walking it recursively.
pub(crate) fn too_deep(value: &Value) -> bool {
    nested_deeper_than(value, Limits::DEFAULT.max_data_depth())
}

/// Whether some array or object in `value` is nested deeper than `limit`
/// (iteratively: deep data costs no stack).
fn nested_deeper_than(value: &Value, limit: usize) -> bool {
    let mut stack = vec![(value, 1)];
    while let Some((value, depth)) = stack.pop() {
        let children: &mut dyn Iterator<Item = &Value> = match value {
            Value::Array(items) => &mut items.iter(),
            Value::Object(map) => &mut map.values(),
            _ => continue,
        };
        if depth > limit {
            return true;
        }
        stack.extend(
            children
                .filter(|v| v.is_array() || v.is_object())
                .map(|v| (v, depth + 1)),
        );
    }
    false
}

/// The nesting depth of `value` (a scalar is 0, `[]` is 1), counted
/// iteratively and stopping once it exceeds `limit`: returns the pointer of
/// the first container deeper than `limit`.
pub fn first_too_deep_value(value: &Value, limit: usize) -> Option<String> {
    // Every entry point asks this of every value it is given, and nearly
    // every value is within the limit: find that out without writing a
    // pointer per container, and write pointers only to name the place.
    if !nested_deeper_than(value, limit) {
        return None;
    }
    let mut stack: Vec<(&Value, usize, String)> = vec![(value, 1, String::new())];
    while let Some((value, depth, path)) = stack.pop() {
        let is_container = value.is_array() || value.is_object();
        if !is_container {
            continue;
        }
        if depth > limit {
            return Some(path);
        }
        match value {
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate().rev() {
                    if child.is_array() || child.is_object() {
                        stack.push((child, depth + 1, format!("{path}/{i}")));
                    }
                }
            }
            Value::Object(map) => {
                let children: Vec<_> = map
                    .iter()
                    .filter(|(_, v)| v.is_array() || v.is_object())
                    .map(|(k, v)| (v, depth + 1, pointer::join(&path, k)))
                    .collect();
                stack.extend(children.into_iter().rev());
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::Strategy as _;
    use serde_json::json;

    fn deep_array(depth: usize) -> Value {
        let mut value = json!([]);
        for _ in 1..depth {
            value = Value::Array(vec![value]);
        }
        value
    }

    #[test]
    fn the_text_scan_finds_the_first_too_deep_bracket_and_ignores_strings() {
        assert_eq!(first_too_deep("[[[]]]", 3), None);
        assert_eq!(first_too_deep("[[[]]]", 2), Some("/0/0".to_owned()));
        assert_eq!(first_too_deep(r#"{"a": "[[[[\"[[["}"#, 1), None);
        assert_eq!(
            first_too_deep(r#"[{"a": [1]}, {"b~/\"": {"c": {}}}]"#, 3),
            Some("/1/b~0~1\\\"/c".to_owned())
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4096))]

        /// The counting pass finds a document too deep exactly when the
        /// naming scan does: brackets inside strings, escaped quotes, stray
        /// closers and unclosed strings included.
        #[test]
        fn the_counting_pass_agrees_with_the_naming_scan(
            text in proptest::collection::vec(
                // Openers weighted up, so that deeper limits are reached,
                // and texts long enough for `memchr`'s wide search.
                proptest::sample::select(&['[', '[', '{', '{', ']', '}', '"', '\\', 'a', ' ', ',', ':'][..]),
                0..200,
            ).prop_map(|chars| chars.into_iter().collect::<String>()),
            limit in 0usize..8,
        ) {
            proptest::prop_assert_eq!(
                text_deeper_than(text.as_bytes(), limit),
                first_too_deep_named(&text, limit).is_some()
            );
        }
    }

    #[test]
    fn a_100000_deep_array_as_text_is_refused_before_parsing() {
        let text = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let error = Limits::default().parse_submission(&text).unwrap_err();
        let InputError::Limit(violation) = error else {
            panic!("expected a limit, got {error:?}");
        };
        assert_eq!(violation.code(), "limit.too_deep");
        assert_eq!(violation.path(), "/0".repeat(32));
    }

    #[test]
    fn a_100000_deep_value_is_found_and_dropped_without_recursion() {
        let value = deep_array(100_000);
        assert_eq!(first_too_deep_value(&value, 40), Some("/0".repeat(40)));
        let violations = Limits::default().check_submission(&value);
        assert_eq!(
            violations,
            [LimitViolation::TooDeep {
                path: "/0".repeat(32),
                limit: 32
            }]
        );
        dismantle(value);
    }

    /// Form data from outside a submission is checked as it will stand in
    /// one: under `/data`, at level 2.
    #[test]
    fn data_is_checked_where_it_stands_in_the_envelope() {
        let limits = Limits {
            max_depth: 3,
            max_string_chars: 2,
            ..Limits::default()
        };
        assert_eq!(limits.check_data(&json!({"a": [1]})), []);
        let found = limits.check_data(&json!({"a": [[1]], "bcd": "xyz"}));
        let places: Vec<_> = found.iter().map(|v| (v.path(), v.code())).collect();
        assert_eq!(
            places,
            [
                ("/data/a/0", "limit.too_deep"),
                ("/data/bcd", "limit.string_too_long"),
                ("/data/bcd", "limit.string_too_long"),
            ]
        );
        assert_eq!(limits.first_data_violation(&json!({"a": [1]})), None);
        assert_eq!(
            limits.first_data_violation(&json!({"a": [[1]], "bcd": "xyz"})),
            found.first().cloned()
        );
        let value = deep_array(100_000);
        assert_eq!(
            Limits::default().check_data(&value),
            [LimitViolation::TooDeep {
                path: format!("/data{}", "/0".repeat(31)),
                limit: 32
            }]
        );
        dismantle(value);
    }

    #[test]
    fn the_depth_of_a_value_counts_containers() {
        assert_eq!(first_too_deep_value(&json!(1), 0), None);
        assert_eq!(first_too_deep_value(&json!([]), 0), Some(String::new()));
        assert_eq!(first_too_deep_value(&json!({"a": [[]]}), 3), None);
        assert_eq!(
            first_too_deep_value(&json!({"a": [{"b": []}]}), 3),
            Some("/a/0/b".to_owned())
        );
    }

    #[test]
    fn too_large_text_is_refused_by_size() {
        let limits = Limits {
            max_document_bytes: 10,
            ..Limits::default()
        };
        assert_eq!(
            limits.parse_submission(r#"{"data": {}}"#),
            Err(InputError::Limit(LimitViolation::DocumentTooLarge {
                bytes: 12,
                limit: 10
            }))
        );
        assert!(matches!(
            limits.parse_submission("{,"),
            Err(InputError::Syntax(crate::json_text::SyntaxError {
                line: 1,
                ..
            }))
        ));
    }

    #[test]
    fn strings_arrays_materials_and_files_each_have_their_limit() {
        let limits = Limits {
            max_string_chars: 9,
            max_array_len: 2,
            max_materials: 2,
            max_files_per_material: 1,
            ..Limits::default()
        };
        let found = limits.check_submission(&json!({
            "data": {"name": "十个汉字十个汉字十个", "ok": "九个汉字九个汉字九", "long-key-xx": 1, "list": [1, 2, 3]},
            "materials": {"a": {"files": [{}, {}, {}]}, "b": {}}
        }));
        let codes: Vec<_> = found.iter().map(|v| (v.path(), v.code())).collect();
        assert_eq!(
            codes,
            [
                ("/materials/a/files", "limit.too_many_files"),
                ("/data/name", "limit.string_too_long"),
                ("/data/long-key-xx", "limit.string_too_long"),
                ("/data/list", "limit.array_too_long"),
            ]
        );
        let many = limits.check_submission(&json!({"materials": {"a": {}, "b": {}, "c": {}}}));
        assert_eq!(many[0].code(), "limit.too_many_materials");
    }

    #[test]
    fn the_number_of_listed_violations_is_bounded() {
        let limits = Limits {
            max_string_chars: 1,
            ..Limits::default()
        };
        let data: Vec<Value> = (0..100).map(|_| json!("ab")).collect();
        let found = limits.check_submission(&json!({ "data": {"x": data} }));
        assert_eq!(found.len(), Limits::MAX_REPORTED + 1);
        assert_eq!(found.last().unwrap().code(), "limit.too_many_problems");
    }
}
