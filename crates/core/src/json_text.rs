//! JSON text (RFC 8259) that does not parse: where, and why in words a
//! person reads. Every reader of JSON text in banli (definitions, bundles,
//! calendars, submissions, the command line's files) reports a syntax
//! error through [`SyntaxError`], so an applicant or maintainer never sees
//! the parser's own English ("expected `,` or `}` at line 3 column 5").

use serde_json::Value;

use crate::messages::{Text, json as text};

/// What is wrong at the place of a [`SyntaxError`]. One variant per error
/// of the JSON grammar that `serde_json` distinguishes; `Other` only for a
/// parser message this list does not know yet (a newer `serde_json`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SyntaxProblem {
    /// The text ends inside a value, an array, an object or a string.
    UnexpectedEnd,
    ExpectedColon,
    /// Inside an array: neither `,` nor `]` follows an element.
    ExpectedCommaOrBracket,
    /// Inside an object: neither `,` nor `}` follows a member.
    ExpectedCommaOrBrace,
    /// A value was expected (including a misspelt `true`, `false`, `null`).
    ExpectedValue,
    /// A string or member name does not start with `"`.
    ExpectedQuote,
    InvalidEscape,
    InvalidNumber,
    NumberOutOfRange,
    InvalidUnicode,
    /// A raw control character (U+0000–U+001F, a line break) inside a string.
    ControlCharacter,
    KeyNotString,
    TrailingComma,
    /// Something follows the single top-level value.
    TrailingCharacters,
    /// Nesting deeper than the parser's recursion limit (128).
    TooDeep,
    Other,
}

/// JSON text that does not parse, with the place (1-based line and
/// column, counted in characters as `serde_json` counts them; `0` when the
/// parser gave no place).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not valid JSON at line {line}, column {column}: {}", .problem.message().en)]
pub struct SyntaxError {
    pub line: usize,
    pub column: usize,
    pub problem: SyntaxProblem,
}

impl SyntaxProblem {
    /// The problem in words, zh-CN and en.
    pub fn message(self) -> Text {
        text::problem(self.as_str())
    }

    /// The wire name (`trailing_comma`), stable across versions.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::UnexpectedEnd => "unexpected_end",
            Self::ExpectedColon => "expected_colon",
            Self::ExpectedCommaOrBracket => "expected_comma_or_bracket",
            Self::ExpectedCommaOrBrace => "expected_comma_or_brace",
            Self::ExpectedValue => "expected_value",
            Self::ExpectedQuote => "expected_quote",
            Self::InvalidEscape => "invalid_escape",
            Self::InvalidNumber => "invalid_number",
            Self::NumberOutOfRange => "number_out_of_range",
            Self::InvalidUnicode => "invalid_unicode",
            Self::ControlCharacter => "control_character",
            Self::KeyNotString => "key_not_string",
            Self::TrailingComma => "trailing_comma",
            Self::TrailingCharacters => "trailing_characters",
            Self::TooDeep => "too_deep",
            Self::Other => "other",
        }
    }

    /// Reads the problem from the parser's error: `serde_json` exposes only
    /// its `Display` text, a closed list per version, so the list is
    /// matched here once.
    fn of(error: &serde_json::Error) -> Self {
        let shown = error.to_string();
        let what = shown
            .rsplit_once(" at line ")
            .map_or(shown.as_str(), |(what, _)| what);
        match what {
            w if w.starts_with("EOF while parsing") => Self::UnexpectedEnd,
            // Not the end of the text (that is "EOF while parsing"): a
            // leading surrogate (`\ud800`) followed by anything but a
            // `\u` escape, a character UTF-8 cannot hold.
            "unexpected end of hex escape" => Self::InvalidUnicode,
            "expected `:`" => Self::ExpectedColon,
            "expected `,` or `]`" => Self::ExpectedCommaOrBracket,
            "expected `,` or `}`" => Self::ExpectedCommaOrBrace,
            "expected ident" | "expected value" => Self::ExpectedValue,
            "expected `\"`" => Self::ExpectedQuote,
            "invalid escape" => Self::InvalidEscape,
            "invalid number" => Self::InvalidNumber,
            "number out of range" => Self::NumberOutOfRange,
            "invalid unicode code point" | "lone leading surrogate in hex escape" => {
                Self::InvalidUnicode
            }
            w if w.starts_with("control character") => Self::ControlCharacter,
            "key must be a string" => Self::KeyNotString,
            "trailing comma" => Self::TrailingComma,
            "trailing characters" => Self::TrailingCharacters,
            "recursion limit exceeded" => Self::TooDeep,
            _ => Self::Other,
        }
    }
}

impl SyntaxError {
    /// The place and the problem of a parser error.
    pub fn of(error: &serde_json::Error) -> Self {
        Self {
            line: error.line(),
            column: error.column(),
            problem: SyntaxProblem::of(error),
        }
    }

    /// "not valid JSON (line L, column C): PROBLEM", zh-CN and en.
    pub fn message(&self) -> Text {
        text::syntax(self.line, self.column, &self.problem.message())
    }
}

/// Parses JSON text into a value.
///
/// # Errors
///
/// [`SyntaxError`] with the place and the problem when `text` is not JSON.
pub fn parse(text: &str) -> Result<Value, SyntaxError> {
    serde_json::from_str(text).map_err(|e| SyntaxError::of(&e))
}

/// JSON that parses but does not have the shape a reader expects (a
/// request body, an options object): what is wrong, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShapeError {
    /// A member the shape needs is absent.
    MissingField(String),
    /// A member the shape does not know.
    UnknownField(String),
    /// A value of the wrong JSON type or an unknown enumeration value;
    /// `expected` in the reader's own terms ("a string").
    WrongValue {
        expected: String,
    },
    Other,
}

impl ShapeError {
    /// Reads `serde`'s data error, whose only interface is its text (a
    /// fixed set of sentences across serde 1.x).
    pub fn of(error: &serde_json::Error) -> Self {
        let shown = error.to_string();
        let what = shown
            .rsplit_once(" at line ")
            .map_or(shown.as_str(), |(what, _)| what);
        let quoted = |text: &str| {
            text.split('`')
                .nth(1)
                .map(str::to_owned)
                .unwrap_or_default()
        };
        if let Some(rest) = what.strip_prefix("missing field ") {
            ShapeError::MissingField(quoted(rest))
        } else if let Some(rest) = what.strip_prefix("unknown field ") {
            ShapeError::UnknownField(quoted(rest))
        } else if what.starts_with("invalid type")
            || what.starts_with("invalid value")
            || what.starts_with("unknown variant")
            || what.starts_with("invalid length")
        {
            let expected = what
                .rsplit_once(", expected ")
                .map_or("", |(_, expected)| expected)
                .to_owned();
            ShapeError::WrongValue { expected }
        } else {
            ShapeError::Other
        }
    }

    /// The problem in words, zh-CN and en.
    pub fn message(&self) -> Text {
        match self {
            ShapeError::MissingField(name) => text::missing_member(name),
            ShapeError::UnknownField(name) => text::unknown_member(name),
            ShapeError::WrongValue { expected } => text::wrong_value(expected),
            ShapeError::Other => text::other_shape(),
        }
    }
}

impl std::fmt::Display for ShapeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message().en)
    }
}

impl std::error::Error for ShapeError {}

/// Parses JSON text, then reads it as `T`.
///
/// # Errors
///
/// [`ReadError::Syntax`] when the text is not JSON, [`ReadError::Shape`]
/// when it is JSON of another shape.
pub fn read<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, ReadError> {
    let value = parse(text)?;
    serde_json::from_value(value).map_err(|e| ReadError::Shape(ShapeError::of(&e)))
}

/// Why JSON text could not be read as a given shape.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    #[error(transparent)]
    Syntax(#[from] SyntaxError),
    #[error(transparent)]
    Shape(ShapeError),
}

impl ReadError {
    /// The problem in words, zh-CN and en (with the place for syntax).
    pub fn message(&self) -> Text {
        match self {
            ReadError::Syntax(syntax) => syntax.message(),
            ReadError::Shape(shape) => shape.message(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One malformed text per problem the grammar has; each must be named,
    /// none may fall through to `Other` (which would show no reason).
    #[test]
    fn every_kind_of_malformed_text_is_named() {
        let cases: &[(&str, SyntaxProblem)] = &[
            ("{\"a\": 1", SyntaxProblem::UnexpectedEnd),
            ("[1, 2", SyntaxProblem::UnexpectedEnd),
            ("\"abc", SyntaxProblem::UnexpectedEnd),
            ("", SyntaxProblem::UnexpectedEnd),
            ("{\"a\" 1}", SyntaxProblem::ExpectedColon),
            ("[1 2]", SyntaxProblem::ExpectedCommaOrBracket),
            ("{\"a\": 1 \"b\": 2}", SyntaxProblem::ExpectedCommaOrBrace),
            ("{\"a\": tru}", SyntaxProblem::ExpectedValue),
            ("{\"a\": }", SyntaxProblem::ExpectedValue),
            ("{a: 1}", SyntaxProblem::KeyNotString),
            ("\"\\q\"", SyntaxProblem::InvalidEscape),
            ("01", SyntaxProblem::InvalidNumber),
            ("1e999", SyntaxProblem::NumberOutOfRange),
            ("\"\\ud800\\u0041\"", SyntaxProblem::InvalidUnicode),
            ("{\"code\": \"\\ud800x\"}", SyntaxProblem::InvalidUnicode),
            ("\"\\udc00\"", SyntaxProblem::InvalidUnicode),
            ("\"\\ud800", SyntaxProblem::UnexpectedEnd),
            ("\"a\nb\"", SyntaxProblem::ControlCharacter),
            ("[1, 2,]", SyntaxProblem::TrailingComma),
            ("{\"a\": 1,}", SyntaxProblem::TrailingComma),
            ("{} {}", SyntaxProblem::TrailingCharacters),
            (&"[".repeat(200), SyntaxProblem::TooDeep),
        ];
        for (input, expected) in cases {
            let error = parse(input).expect_err(input);
            assert_eq!(error.problem, *expected, "{input:?}: {error}");
            assert_ne!(
                error.problem.message(),
                SyntaxProblem::Other.message(),
                "{input:?} has words of its own"
            );
        }
    }

    #[test]
    fn a_body_of_another_shape_names_the_member() {
        #[derive(Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Body {
            reason: String,
            days: u32,
        }
        let cases = [
            (r#"{"days": 1}"#, ShapeError::MissingField("reason".into())),
            (
                r#"{"reason": "x", "days": 1, "why": 2}"#,
                ShapeError::UnknownField("why".into()),
            ),
            (
                r#"{"reason": 3, "days": 1}"#,
                ShapeError::WrongValue {
                    expected: "a string".into(),
                },
            ),
        ];
        for (input, expected) in cases {
            let error = read::<Body>(input).unwrap_err();
            assert_eq!(error, ReadError::Shape(expected), "{input}");
        }
        let missing = ShapeError::MissingField("reason".into()).message();
        assert!(missing.zh.contains("“reason”"), "{}", missing.zh);
    }

    #[test]
    fn the_message_has_the_place_and_no_parser_english() {
        let error = parse("{\n  \"a\": 1\n  \"b\": 2\n}").unwrap_err();
        assert_eq!((error.line, error.column), (3, 3));
        let message = error.message();
        assert!(message.zh.contains("第3行第3列"), "{}", message.zh);
        assert!(!message.zh.contains("expected"), "{}", message.zh);
        assert!(message.en.contains("line 3, column 3"), "{}", message.en);
    }
}
