//! JSON Pointers (RFC 6901), the way banli names a place in a document: in
//! reports (`/operator/id_number`), in diagnostics and in `ui.steps`; and
//! the one decoder of the URI fragments of `$ref`s ([`decode_fragment`]).

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

/// Escapes one reference token (RFC 6901 §3: `~` as `~0`, `/` as `~1`).
pub fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// Why a URI fragment is not a JSON Pointer ([`decode_fragment`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FragmentError {
    /// The fragment is not empty and does not start with `/`: a plain-name
    /// anchor (`#person`), not a pointer.
    #[error("not a JSON Pointer")]
    NotPointer,
    /// A `%` not followed by two hexadecimal digits; `at` is the 1-based
    /// character position of the `%` in the fragment.
    #[error("invalid percent-encoding at character {at}")]
    Percent { at: usize },
    /// The percent-decoded octets are not UTF-8.
    #[error("the percent-decoded text is not UTF-8")]
    NotUtf8,
    /// A `~` not followed by `0` or `1` (RFC 6901 §3); `at` is the 1-based
    /// character position of the `~` in the decoded pointer.
    #[error("“~” not followed by 0 or 1 at character {at}")]
    Tilde { at: usize },
}

impl FragmentError {
    /// What is wrong, in both languages.
    pub fn message(&self) -> crate::Text {
        use crate::messages::limits as text;
        match self {
            FragmentError::NotPointer => text::fragment_not_pointer(),
            FragmentError::Percent { at } => text::fragment_percent(*at),
            FragmentError::NotUtf8 => text::fragment_not_utf8(),
            FragmentError::Tilde { at } => text::fragment_tilde(*at),
        }
    }
}

/// Decodes the fragment of a URI reference (the text after `#`) into the
/// reference tokens of the JSON Pointer it represents. Every place banli
/// follows a `$ref` goes through this function (usually through
/// [`fragment_pointer`] or [`resolve_local`]), so it resolves exactly what
/// the schema engine resolves.
///
/// Two decodings, in this order:
/// 1. RFC 3986 §2.1 and RFC 6901 §6: each `%XX` becomes the octet `XX`, and
///    the octets are read as UTF-8 (non-ASCII text written as is passes);
/// 2. RFC 6901 §3–4: the pointer is split at `/`, and in each token `~1`
///    becomes `/`, then `~0` becomes `~`.
///
/// Shapes: `""` → `[]` (the whole document); `"/$defs/name"` →
/// `["$defs", "name"]`; `"/$defs/%E8%81%94%E7%B3%BB"` → `["$defs", "联系"]`;
/// `"/$defs/a~1b"` → `["$defs", "a/b"]`; `"/$defs/a~01"` → `["$defs", "a~1"]`;
/// `"/$defs/100%25"` → `["$defs", "100%"]`.
///
/// # Errors
///
/// [`FragmentError::NotPointer`] for a non-empty fragment that does not
/// start with `/` (an anchor); `Percent`, `NotUtf8` and `Tilde` for
/// fragments that break RFC 3986 or RFC 6901. Never panics.
pub fn decode_fragment(fragment: &str) -> Result<Vec<String>, FragmentError> {
    if fragment.is_empty() {
        return Ok(Vec::new());
    }
    if !fragment.starts_with('/') {
        return Err(FragmentError::NotPointer);
    }
    let mut octets = Vec::with_capacity(fragment.len());
    let mut chars = fragment.char_indices().enumerate();
    while let Some((position, (offset, c))) = chars.next() {
        if c != '%' {
            let mut buffer = [0; 4];
            octets.extend_from_slice(c.encode_utf8(&mut buffer).as_bytes());
            continue;
        }
        let hex = fragment
            .get(offset + 1..offset + 3)
            .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
            .ok_or(FragmentError::Percent { at: position + 1 })?;
        octets.push(
            u8::from_str_radix(hex, 16).map_err(|_| FragmentError::Percent { at: position + 1 })?,
        );
        chars.next();
        chars.next();
    }
    let pointer = String::from_utf8(octets).map_err(|_| FragmentError::NotUtf8)?;
    let mut tokens = Vec::new();
    let mut start = 1; // characters before the current token, for `Tilde`
    for raw in pointer[1..].split('/') {
        let mut token = String::with_capacity(raw.len());
        let mut chars = raw.chars().enumerate().peekable();
        while let Some((i, c)) = chars.next() {
            if c != '~' {
                token.push(c);
                continue;
            }
            match chars.next() {
                Some((_, '1')) => token.push('/'),
                Some((_, '0')) => token.push('~'),
                _ => return Err(FragmentError::Tilde { at: start + i + 1 }),
            }
        }
        start += raw.chars().count() + 1;
        tokens.push(token);
    }
    Ok(tokens)
}

/// [`decode_fragment`], written back as a JSON Pointer string in the form
/// [`join`] builds and `serde_json::Value::pointer` reads
/// (`"/$defs/%E8%81%94%E7%B3%BB"` → `"/$defs/联系"`, `"/$defs/a%7E1b"` →
/// `"/$defs/a~1b"`).
///
/// # Errors
///
/// Those of [`decode_fragment`].
pub fn fragment_pointer(fragment: &str) -> Result<String, FragmentError> {
    Ok(decode_fragment(fragment)?
        .iter()
        .fold(String::new(), |pointer, token| join(&pointer, token)))
}

/// The inverse of [`fragment_pointer`]: a JSON Pointer string written as a
/// URI fragment (without the `#`), percent-encoding (RFC 3986 §2.1, UTF-8)
/// every character a fragment may not hold as is, `%` included
/// (`"/$defs/联系"` → `"/$defs/%E8%81%94%E7%B3%BB"`, `"/$defs/100%"` →
/// `"/$defs/100%25"`); `~0` and `~1` stay as they are.
pub fn to_fragment(pointer: &str) -> String {
    let mut out = String::with_capacity(pointer.len());
    for byte in pointer.bytes() {
        // RFC 3986: fragment = *( pchar / "/" / "?" ); pchar = unreserved /
        // sub-delims / ":" / "@" (and pct-encoded).
        if byte.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/?".contains(&byte) {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

/// The value a same-document `$ref` names in `root`: `#`, `#/$defs/name`
/// (percent-encoded or not), or the absolute URI of a resource bundled in
/// `root` by its `$id` with an optional pointer fragment
/// (`https://example.gov.cn/person#/properties/name`, see [`id_pointer`]);
/// `None` for another document, an anchor, a fragment [`decode_fragment`]
/// refuses or a place that does not exist.
pub fn resolve_local<'a>(
    root: &'a serde_json::Value,
    reference: &str,
) -> Option<&'a serde_json::Value> {
    get(root, &reference_pointer(root, reference)?)
}

/// The JSON Pointer (from `root`) a same-document `$ref` names, as for
/// [`resolve_local`], whether or not anything is there.
pub fn reference_pointer(root: &serde_json::Value, reference: &str) -> Option<String> {
    let (resource, fragment) = reference.split_once('#').unwrap_or((reference, ""));
    let base = if resource.is_empty() {
        String::new()
    } else {
        id_pointer(root, resource)?
    };
    Some(format!("{base}{}", fragment_pointer(fragment).ok()?))
}

/// The JSON Pointer of the schema in `root` whose `$id` is `uri` (compared
/// as written, an empty fragment ignored): how a bundled schema names its
/// resources. The search is iterative and skips annotations (`x-*`) and
/// data (`enum`, `const`, `default`, `examples`), as the `$ref` checks do.
pub fn id_pointer(root: &serde_json::Value, uri: &str) -> Option<String> {
    use serde_json::Value;
    let uri = uri.strip_suffix('#').unwrap_or(uri);
    let mut stack: Vec<(&Value, String)> = vec![(root, String::new())];
    while let Some((value, at)) = stack.pop() {
        match value {
            Value::Object(map) => {
                let id = map.get("$id").and_then(Value::as_str);
                if id.is_some_and(|id| id.strip_suffix('#').unwrap_or(id) == uri) {
                    return Some(at);
                }
                for (key, child) in map {
                    if key.starts_with("x-")
                        || matches!(key.as_str(), "enum" | "const" | "default" | "examples")
                    {
                        continue;
                    }
                    stack.push((child, join(&at, key)));
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    stack.push((child, format!("{at}/{i}")));
                }
            }
            _ => {}
        }
    }
    None
}

/// The value at `pointer` (a JSON Pointer, RFC 6901: `""` for the whole
/// document, `/applicant/name`, `/staff/0`) in `document`, or `None` when
/// nothing is there: exactly what `serde_json::Value::pointer` finds (an
/// array index is decimal digits without a leading `+` or `0`), without
/// allocating for a token that has no `~` escape. Live checks, the widget's
/// property comparisons and `$ref`s look places up on every keystroke,
/// where the two strings `Value::pointer` writes per token add up.
pub fn get<'a>(document: &'a serde_json::Value, pointer: &str) -> Option<&'a serde_json::Value> {
    use serde_json::Value;
    if pointer.is_empty() {
        return Some(document);
    }
    pointer
        .strip_prefix('/')?
        .split('/')
        .try_fold(document, |target, raw| {
            let token = if raw.contains('~') {
                std::borrow::Cow::Owned(raw.replace("~1", "/").replace("~0", "~"))
            } else {
                std::borrow::Cow::Borrowed(raw)
            };
            match target {
                Value::Object(map) => map.get(token.as_ref()),
                Value::Array(items) => array_index(&token).and_then(|i| items.get(i)),
                _ => None,
            }
        })
}

/// An array index token as `serde_json::Value::pointer` reads it.
fn array_index(token: &str) -> Option<usize> {
    if token.starts_with('+') || (token.starts_with('0') && token.len() != 1) {
        return None;
    }
    token.parse().ok()
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
    fn fragments_are_percent_decoded_then_unescaped() {
        let tokens = |f: &str| decode_fragment(f);
        assert_eq!(tokens(""), Ok(vec![]));
        assert_eq!(tokens("/"), Ok(vec![String::new()]));
        assert_eq!(
            tokens("/$defs/%E8%81%94%E7%B3%BB%E6%96%B9%E5%BC%8F"),
            Ok(vec!["$defs".into(), "联系方式".into()])
        );
        assert_eq!(
            tokens("/$defs/联系方式"),
            Ok(vec!["$defs".into(), "联系方式".into()])
        );
        assert_eq!(tokens("/a~1b/c~0d"), Ok(vec!["a/b".into(), "c~d".into()]));
        // `~01` is `~` then `1`, never `/`: ~1 first, then ~0 (RFC 6901 §4).
        assert_eq!(tokens("/a~01"), Ok(vec!["a~1".into()]));
        assert_eq!(tokens("/100%25"), Ok(vec!["100%".into()]));
        assert_eq!(tokens("/100%2525"), Ok(vec!["100%25".into()]));
        assert_eq!(tokens("/a%7E1b"), Ok(vec!["a/b".into()]), "%7E is ~");
        assert_eq!(tokens("/a%2Fb"), Ok(vec!["a".into(), "b".into()]));
        assert_eq!(
            tokens("/%e8%81%94"),
            Ok(vec!["联".into()]),
            "lower-case hex"
        );
    }

    #[test]
    fn bad_fragments_are_errors_not_panics() {
        assert_eq!(decode_fragment("person"), Err(FragmentError::NotPointer));
        assert_eq!(
            decode_fragment("/$defs/%ZZ"),
            Err(FragmentError::Percent { at: 8 })
        );
        assert_eq!(
            decode_fragment("/$defs/100%"),
            Err(FragmentError::Percent { at: 11 })
        );
        assert_eq!(
            decode_fragment("/联%4"),
            Err(FragmentError::Percent { at: 3 })
        );
        assert_eq!(
            decode_fragment("/%E8%81"),
            Err(FragmentError::NotUtf8),
            "a cut UTF-8 sequence"
        );
        assert_eq!(
            decode_fragment("/ab/c~2"),
            Err(FragmentError::Tilde { at: 6 })
        );
        assert_eq!(decode_fragment("/a~"), Err(FragmentError::Tilde { at: 3 }));
        // `%` followed by a multi-byte character: no slicing inside it.
        assert_eq!(
            decode_fragment("/%联"),
            Err(FragmentError::Percent { at: 2 })
        );
        assert_eq!(
            decode_fragment("/%4联"),
            Err(FragmentError::Percent { at: 2 })
        );
    }

    #[test]
    fn fragments_become_pointers_that_resolve() {
        assert_eq!(
            fragment_pointer("/$defs/a%7E1b/%E8%81%94"),
            Ok("/$defs/a~1b/联".to_owned())
        );
        let root = json!({"$defs": {"联系方式": 1, "a/b": 2, "c~d": 3, "100%": 4}});
        assert_eq!(
            resolve_local(&root, "#/$defs/%E8%81%94%E7%B3%BB%E6%96%B9%E5%BC%8F"),
            Some(&json!(1))
        );
        assert_eq!(resolve_local(&root, "#/$defs/a~1b"), Some(&json!(2)));
        assert_eq!(resolve_local(&root, "#/$defs/c~0d"), Some(&json!(3)));
        assert_eq!(resolve_local(&root, "#/$defs/100%25"), Some(&json!(4)));
        assert_eq!(resolve_local(&root, "#"), Some(&root));
        assert_eq!(resolve_local(&root, "#/$defs/100%"), None);
        assert_eq!(resolve_local(&root, "other.json#/$defs"), None);
    }

    #[test]
    fn pointers_become_fragments_that_decode_back() {
        for pointer in [
            "",
            "/$defs/联系方式",
            "/$defs/100%",
            "/$defs/a~1b/c~0d",
            "/a b#c",
        ] {
            let fragment = to_fragment(pointer);
            assert!(!fragment.contains(['#', ' ']), "{fragment}");
            assert_eq!(fragment_pointer(&fragment).as_deref(), Ok(pointer));
        }
        assert_eq!(to_fragment("/$defs/100%"), "/$defs/100%25");
    }

    #[test]
    fn within() {
        assert!(is_within("/staff/0/name", "/staff"));
        assert!(is_within("/staff", "/staff"));
        assert!(!is_within("/staffing", "/staff"));
    }

    #[test]
    fn get_finds_what_serde_json_finds() {
        let doc = json!({"a/b": {"c~d": [10, 11]}, "0": {"01": 1, "": 2}, "list": [{"x": 1}], "/": 3, "~1": 4});
        for (at, found) in [
            ("", Some(&doc)),
            ("/a~1b/c~0d/1", Some(&json!(11))),
            ("/0/01", Some(&json!(1))),
            ("/0/", Some(&json!(2))),
            // `~1` is unescaped before `~0`, so `~01` is the key `~1`.
            ("/~01", Some(&json!(4))),
            ("/~1", Some(&json!(3))),
            ("/list/0/x", Some(&json!(1))),
            ("/list/00/x", None),
            ("/list/+0", None),
            ("/list/1", None),
            ("list/0", None),
            ("/list/0/x/y", None),
        ] {
            assert_eq!(get(&doc, at), found, "{at}");
            assert_eq!(get(&doc, at), doc.pointer(at), "{at}");
        }
    }

    mod property {
        use super::*;
        use proptest::prelude::*;
        use serde_json::Value;

        fn document() -> impl Strategy<Value = Value> {
            let leaf = prop_oneof![Just(Value::Null), any::<u8>().prop_map(Value::from)];
            leaf.prop_recursive(3, 24, 4, |inner| {
                prop_oneof![
                    prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                    prop::collection::vec(("[01a~/]{0,1}", inner), 0..5)
                        .prop_map(|members| Value::Object(members.into_iter().collect())),
                ]
            })
        }

        /// Tokens that name those keys and indexes, escaped, and the ones
        /// `serde_json` refuses as an index (`00`, `01`, `+1`) or reads as
        /// a plain key (`~`, `~2`).
        fn pointer() -> impl Strategy<Value = String> {
            let token = prop::sample::select(vec![
                "0", "1", "2", "00", "01", "+1", "a", "", "~0", "~1", "~01", "~10", "~", "~2",
            ]);
            prop::collection::vec(token, 0..4)
                .prop_map(|tokens| tokens.iter().map(|t| format!("/{t}")).collect::<String>())
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(2048))]
            #[test]
            fn get_agrees_with_serde_json(doc in document(), at in pointer()) {
                prop_assert_eq!(get(&doc, &at), doc.pointer(&at));
            }
        }
    }
}
