//! A small reader over `serde_json::Value` that keeps going after a problem.
//!
//! Calendar files are checked the 一次性告知 way: every problem at once. Serde
//! derive stops at the first error, so the loader walks the JSON by hand and
//! this reader records a diagnostic (with its JSON Pointer) for each value
//! of the wrong kind, each missing or unknown key, and each bad date.

use serde_json::{Map, Value};
use time::Date;

use super::codes as code;
use super::date::parse_date;
use crate::diagnostic::Diagnostic;
use crate::messages::calendar::{self as msg, ValueKind};

/// Appends a key (escaped per RFC 6901) or an index to a JSON Pointer.
pub(super) fn join(pointer: &str, token: impl std::fmt::Display) -> String {
    let token = token.to_string().replace('~', "~0").replace('/', "~1");
    format!("{pointer}/{token}")
}

/// Collects diagnostics while reading.
#[derive(Default)]
pub(super) struct Reader {
    pub diagnostics: Vec<Diagnostic>,
}

impl Reader {
    pub fn error(&mut self, pointer: impl Into<String>, code: &'static str, message: crate::Text) {
        self.diagnostics
            .push(Diagnostic::error(pointer, code, message));
    }

    fn wrong_type(&mut self, pointer: &str, expected: ValueKind) {
        self.error(pointer, code::TYPE, msg::wrong_type(expected));
    }

    /// The value as an object whose keys are all in `allowed`.
    pub fn object<'v>(
        &mut self,
        value: &'v Value,
        pointer: &str,
        allowed: &[&str],
    ) -> Option<&'v Map<String, Value>> {
        let Some(map) = value.as_object() else {
            self.wrong_type(pointer, ValueKind::Object);
            return None;
        };
        for key in map.keys().filter(|k| !allowed.contains(&k.as_str())) {
            self.error(join(pointer, key), code::UNKNOWN_KEY, msg::unknown_key(key));
        }
        Some(map)
    }

    /// A key that must be present.
    pub fn required<'v>(
        &mut self,
        map: &'v Map<String, Value>,
        pointer: &str,
        key: &str,
    ) -> Option<&'v Value> {
        let value = map.get(key);
        if value.is_none() {
            self.error(pointer, code::MISSING, msg::missing_key(key));
        }
        value
    }

    pub fn string<'v>(&mut self, value: &'v Value, pointer: &str) -> Option<&'v str> {
        let s = value.as_str();
        if s.is_none() {
            self.wrong_type(pointer, ValueKind::String);
        }
        s
    }

    /// A string that is not empty or only white space; `key` names it in the message.
    pub fn text(&mut self, value: &Value, pointer: &str, key: &str) -> Option<String> {
        let s = self.string(value, pointer)?;
        if s.trim().is_empty() {
            self.error(pointer, code::EMPTY, msg::empty_text(key));
            return None;
        }
        Some(s.to_owned())
    }

    pub fn array<'v>(&mut self, value: &'v Value, pointer: &str) -> Option<&'v [Value]> {
        let items = value.as_array().map(Vec::as_slice);
        if items.is_none() {
            self.wrong_type(pointer, ValueKind::Array);
        }
        items
    }

    pub fn boolean(&mut self, value: &Value, pointer: &str) -> Option<bool> {
        let b = value.as_bool();
        if b.is_none() {
            self.wrong_type(pointer, ValueKind::Boolean);
        }
        b
    }

    pub fn integer(&mut self, value: &Value, pointer: &str) -> Option<i64> {
        let n = value.as_i64();
        if n.is_none() {
            self.wrong_type(pointer, ValueKind::Integer);
        }
        n
    }

    pub fn date(&mut self, value: &Value, pointer: &str) -> Option<Date> {
        let s = self.string(value, pointer)?;
        parse_date(s)
            .map_err(|e| self.error(pointer, code::DATE, e.message()))
            .ok()
    }
}

/// Sorts diagnostics into the order of the places they point to in the
/// file (a parent before its children, keys in the order written), so that
/// a maintainer reads them top to bottom. Equal places keep their order.
pub(super) fn sort_in_document_order(value: &Value, diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by_cached_key(|d| position(value, &d.pointer));
}

/// The path to `pointer` as positions: the index of each key among its
/// object's keys, or the array index. Stops where the file has nothing.
fn position(value: &Value, pointer: &str) -> Vec<usize> {
    let mut at = value;
    let mut path = Vec::new();
    for token in pointer.split('/').skip(1) {
        let token = token.replace("~1", "/").replace("~0", "~");
        let step = match at {
            Value::Object(map) => map
                .keys()
                .position(|k| *k == token)
                .and_then(|i| Some((i, map.get(&token)?))),
            Value::Array(items) => token
                .parse::<usize>()
                .ok()
                .and_then(|i| Some((i, items.get(i)?))),
            _ => None,
        };
        let Some((i, next)) = step else { break };
        path.push(i);
        at = next;
    }
    path
}
