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

#[cfg(test)]
mod tests {
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
