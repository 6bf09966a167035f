//! Maps a JSON Pointer to a line and column in the source text, so lint can
//! say `file:line:column`. A small span-aware scanner over the text (serde's
//! `Value` forgets positions): it follows the pointer's segments and returns
//! where the deepest existing value starts. A pointer to a key that does not
//! exist (a missing key) lands on its parent object.

/// A place in the text: 1-based line and column (columns count characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// Where the value named by `pointer` (or its deepest existing ancestor)
/// starts; `None` when the text is not JSON up to that place.
pub fn locate(text: &str, pointer: &str) -> Option<Position> {
    let segments = crate::pointer::parse(pointer);
    let mut scanner = Scanner {
        bytes: text.as_bytes(),
        at: 0,
    };
    scanner.skip_ws();
    let mut found = scanner.at;
    'segments: for segment in &segments {
        let key = segment.as_key();
        match scanner.peek()? {
            b'{' => {
                scanner.at += 1;
                loop {
                    scanner.skip_ws();
                    if scanner.peek()? == b'}' {
                        break 'segments;
                    }
                    let name = scanner.string()?;
                    scanner.skip_ws();
                    scanner.expect(b':')?;
                    scanner.skip_ws();
                    if name == key {
                        found = scanner.at;
                        continue 'segments;
                    }
                    scanner.skip_member()?;
                }
            }
            b'[' => {
                let index: usize = key.parse().ok()?;
                scanner.at += 1;
                let mut i = 0;
                loop {
                    scanner.skip_ws();
                    if scanner.peek()? == b']' {
                        break 'segments;
                    }
                    if i == index {
                        found = scanner.at;
                        continue 'segments;
                    }
                    scanner.skip_member()?;
                    i += 1;
                }
            }
            _ => break,
        }
    }
    Some(position(text, found))
}

fn position(text: &str, offset: usize) -> Position {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Position {
        line,
        column: before[line_start..].chars().count() + 1,
    }
}

struct Scanner<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        (self.peek()? == byte).then(|| self.at += 1)
    }

    /// A string literal, decoded (escapes included).
    fn string(&mut self) -> Option<String> {
        let start = self.at;
        self.skip_string()?;
        serde_json::from_slice(&self.bytes[start..self.at]).ok()
    }

    fn skip_string(&mut self) -> Option<()> {
        self.expect(b'"')?;
        loop {
            match self.peek()? {
                b'\\' => self.at += 2,
                b'"' => {
                    self.at += 1;
                    return Some(());
                }
                _ => self.at += 1,
            }
        }
    }

    /// Skips a value and the comma after it, if any: one member of an
    /// object or element of an array.
    fn skip_member(&mut self) -> Option<()> {
        self.skip_value()?;
        self.skip_ws();
        if self.peek()? == b',' {
            self.at += 1;
        }
        Some(())
    }

    fn skip_value(&mut self) -> Option<()> {
        match self.peek()? {
            b'"' => self.skip_string(),
            b'{' | b'[' => {
                let mut depth = 0usize;
                loop {
                    match self.peek()? {
                        b'"' => {
                            self.skip_string()?;
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth -= 1;
                            if depth == 0 {
                                self.at += 1;
                                return Some(());
                            }
                        }
                        _ => {}
                    }
                    self.at += 1;
                }
            }
            _ => {
                while !matches!(
                    self.peek(),
                    None | Some(b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
                ) {
                    self.at += 1;
                }
                Some(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str =
        "{\n  \"a\": {\"b\": [1, {\"c~/\": \"中文\"}]},\n  \"名\": \"x\\\"y\", \"d\": true\n}";

    fn at(pointer: &str) -> (usize, usize) {
        let p = locate(TEXT, pointer).unwrap();
        (p.line, p.column)
    }

    #[test]
    fn finds_values_by_pointer() {
        assert_eq!(at(""), (1, 1));
        assert_eq!(at("/a"), (2, 8));
        assert_eq!(at("/a/b/0"), (2, 15));
        assert_eq!(at("/a/b/1/c~0~1"), (2, 26));
        assert_eq!(at("/d"), (3, 21));
    }

    #[test]
    fn a_missing_key_lands_on_its_parent() {
        assert_eq!(at("/a/missing"), (2, 8));
        assert_eq!(at("/a/b/9"), (2, 14));
    }

    #[test]
    fn never_panics_on_broken_text() {
        assert_eq!(locate("{\"a\": [1, 2", "/a/5"), None);
        assert!(locate("", "/x").is_none());
    }
}
