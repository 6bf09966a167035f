//! Which control each `format` gets, and what of the typed text is
//! normalised before validation: one table, read by the layout (and so by
//! the widget), and listed for maintainers in `docs/item-format.md`
//! ("Formats and their controls").

use serde::Serialize;

/// The HTML `<input type>` of a string field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InputType {
    /// `type="text"`: everything without a native control that keeps the
    /// text as typed. E-mail addresses and URLs stay here: `type="email"`
    /// and `type="url"` rewrite what is typed (spaces trimmed,
    /// internationalised domains turned into punycode), so the data would
    /// not hold the answer the applicant sees; `inputmode` picks their
    /// keyboard instead.
    Text,
    /// `type="date"`: the value is `YYYY-MM-DD`.
    Date,
    /// `type="time"`: the value is `HH:MM` or `HH:MM:SS`.
    Time,
    /// `type="datetime-local"`: the value is `YYYY-MM-DDTHH:MM[:SS]`.
    DateTimeLocal,
}

/// Hints for the on-screen keyboard (`inputmode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InputMode {
    Text,
    Numeric,
    Tel,
    Email,
    Url,
}

/// What the core does to a value of this format before validating it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Normalisation {
    /// Nothing: the value is checked as typed.
    None,
    /// `09:30` → `09:30:00+08:00` (see [`super::time::normalise`]).
    Time,
    /// `2026-12-01 09:30` → `2026-12-01T09:30:00+08:00`.
    DateTime,
}

/// The control of a string field with a `format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct FormatControl {
    /// The `format` keyword value.
    pub format: &'static str,
    pub input_type: InputType,
    pub input_mode: InputMode,
    /// The HTML `autocomplete` token, when the browser may offer the
    /// person's own details (`email`, `tel`, `postal-code`).
    pub autocomplete: Option<&'static str>,
    pub normalises: Normalisation,
}

const fn row(
    format: &'static str,
    input_type: InputType,
    input_mode: InputMode,
    autocomplete: Option<&'static str>,
    normalises: Normalisation,
) -> FormatControl {
    FormatControl {
        format,
        input_type,
        input_mode,
        autocomplete,
        normalises,
    }
}

/// Every format with a control of its own; any other string field is a
/// plain text box.
pub const FORMAT_CONTROLS: &[FormatControl] = &[
    row(
        "date",
        InputType::Date,
        InputMode::Text,
        None,
        Normalisation::None,
    ),
    row(
        "time",
        InputType::Time,
        InputMode::Text,
        None,
        Normalisation::Time,
    ),
    row(
        "date-time",
        InputType::DateTimeLocal,
        InputMode::Text,
        None,
        Normalisation::DateTime,
    ),
    row(
        "email",
        InputType::Text,
        InputMode::Email,
        Some("email"),
        Normalisation::None,
    ),
    row(
        "uri",
        InputType::Text,
        InputMode::Url,
        Some("url"),
        Normalisation::None,
    ),
    row(
        "cn-mobile",
        InputType::Text,
        InputMode::Tel,
        Some("tel"),
        Normalisation::None,
    ),
    row(
        "cn-postcode",
        InputType::Text,
        InputMode::Numeric,
        Some("postal-code"),
        Normalisation::None,
    ),
];

/// The control for a string field with `format` (a plain text box when the
/// format has no row in [`FORMAT_CONTROLS`]).
pub fn control(format: Option<&str>) -> FormatControl {
    format
        .and_then(|f| FORMAT_CONTROLS.iter().find(|c| c.format == f))
        .copied()
        .unwrap_or(row(
            "",
            InputType::Text,
            InputMode::Text,
            None,
            Normalisation::None,
        ))
}

/// Whether values of `format` are normalised before validation.
pub fn normalises(format: &str) -> bool {
    control(Some(format)).normalises != Normalisation::None
}
