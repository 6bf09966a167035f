//! JSON Pointers (RFC 6901), the way banli names a place in a document: in
//! reports (`/operator/id_number`), in diagnostics and in `ui.steps`.

use std::fmt::Write as _;

/// One step of a pointer: an object member or an array index.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Segment {
    Key(String),
    Index(usize),
}

impl Segment {
    pub fn as_key(&self) -> std::borrow::Cow<'_, str> {
        match self {
            Segment::Key(k) => std::borrow::Cow::Borrowed(k),
            Segment::Index(i) => std::borrow::Cow::Owned(i.to_string()),
        }
    }
}

/// Splits a pointer into segments. Purely numeric segments become indexes;
/// a caller that walks an object treats an index as a key again.
pub fn parse(pointer: &str) -> Vec<Segment> {
    if pointer.is_empty() {
        return Vec::new();
    }
    pointer
        .strip_prefix('/')
        .unwrap_or(pointer)
        .split('/')
        .map(|raw| {
            let key = raw.replace("~1", "/").replace("~0", "~");
            match key.parse::<usize>() {
                Ok(i) if i.to_string() == key => Segment::Index(i),
                _ => Segment::Key(key),
            }
        })
        .collect()
}

/// Builds a pointer from segments.
pub fn render(segments: &[Segment]) -> String {
    let mut out = String::new();
    for segment in segments {
        out.push('/');
        match segment {
            Segment::Key(k) => out.push_str(&escape(k)),
            Segment::Index(i) => {
                let _ = write!(out, "{i}");
            }
        }
    }
    out
}

/// Appends one key to a pointer.
pub fn join(pointer: &str, key: &str) -> String {
    format!("{pointer}/{}", escape(key))
}

pub fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// True when `pointer` names `prefix` itself or something inside it.
pub fn is_within(pointer: &str, prefix: &str) -> bool {
    pointer == prefix
        || (pointer.starts_with(prefix) && pointer.as_bytes().get(prefix.len()) == Some(&b'/'))
}

/// Sets the value at `pointer`, creating objects (or extending arrays by
/// one) on the way. Returns false when a step goes through a scalar.
pub fn set(document: &mut serde_json::Value, pointer: &str, value: serde_json::Value) -> bool {
    use serde_json::Value;
    let segments = parse(pointer);
    let Some((last, parents)) = segments.split_last() else {
        *document = value;
        return true;
    };
    let mut current = document;
    for (i, segment) in parents.iter().enumerate() {
        let next_is_index = matches!(segments.get(i + 1), Some(Segment::Index(_)));
        let fresh = || {
            if next_is_index {
                Value::Array(Vec::new())
            } else {
                Value::Object(Default::default())
            }
        };
        current = match (current, segment) {
            (Value::Array(items), Segment::Index(n)) => {
                if *n == items.len() {
                    items.push(fresh());
                }
                match items.get_mut(*n) {
                    Some(child) => child,
                    None => return false,
                }
            }
            (Value::Object(map), segment) => map
                .entry(segment.as_key().into_owned())
                .or_insert_with(fresh),
            (slot @ Value::Null, segment) => {
                *slot = if matches!(segment, Segment::Index(_)) {
                    Value::Array(Vec::new())
                } else {
                    Value::Object(Default::default())
                };
                return set_at(slot, &segments[i..], value);
            }
            _ => return false,
        };
    }
    set_at(current, std::slice::from_ref(last), value)
}

fn set_at(current: &mut serde_json::Value, rest: &[Segment], value: serde_json::Value) -> bool {
    use serde_json::Value;
    if rest.len() > 1 {
        return set(current, &render(rest), value);
    }
    match (current, &rest[0]) {
        (Value::Array(items), Segment::Index(n)) if *n < items.len() => {
            items[*n] = value;
            true
        }
        (Value::Array(items), Segment::Index(n)) if *n == items.len() => {
            items.push(value);
            true
        }
        (Value::Object(map), segment) => {
            map.insert(segment.as_key().into_owned(), value);
            true
        }
        _ => false,
    }
}

/// Removes the value at `pointer` (an object member, or an array element,
/// shifting the rest). Returns the removed value.
pub fn remove(document: &mut serde_json::Value, pointer: &str) -> Option<serde_json::Value> {
    let segments = parse(pointer);
    let (last, parents) = segments.split_last()?;
    let parent = document.pointer_mut(&render(parents))?;
    match (parent, last) {
        (serde_json::Value::Array(items), Segment::Index(n)) if *n < items.len() => {
            Some(items.remove(*n))
        }
        (serde_json::Value::Object(map), segment) => map.shift_remove(segment.as_key().as_ref()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    #[test]
    fn set_creates_the_way_and_remove_undoes_it() {
        let mut doc = json!({});
        assert!(set(&mut doc, "/a/b", json!(1)));
        assert!(set(&mut doc, "/list/0/name", json!("x")));
        assert!(set(&mut doc, "/list/1/name", json!("y")));
        assert_eq!(
            doc,
            json!({"a": {"b": 1}, "list": [{"name": "x"}, {"name": "y"}]})
        );
        assert_eq!(remove(&mut doc, "/list/0"), Some(json!({"name": "x"})));
        assert_eq!(remove(&mut doc, "/a/b"), Some(json!(1)));
        assert_eq!(doc, json!({"a": {}, "list": [{"name": "y"}]}));
        assert!(
            !set(&mut json!({"a": 1}), "/a/b", json!(2)),
            "cannot go through a scalar"
        );
    }

    use super::*;

    #[test]
    fn round_trips_escapes() {
        let segments = parse("/a~1b/0/c~0d/01");
        assert_eq!(
            segments,
            vec![
                Segment::Key("a/b".into()),
                Segment::Index(0),
                Segment::Key("c~d".into()),
                Segment::Key("01".into())
            ]
        );
        assert_eq!(render(&segments), "/a~1b/0/c~0d/01");
        assert_eq!(parse(""), Vec::<Segment>::new());
    }

    #[test]
    fn within() {
        assert!(is_within("/staff/0/name", "/staff"));
        assert!(is_within("/staff", "/staff"));
        assert!(!is_within("/staffing", "/staff"));
    }
}
