//! The message catalogue: every text banli shows to a person, in Simplified
//! Chinese first and English second, kept side by side so that neither
//! language can drift from the other.

pub mod bundle;
pub mod calendar;
pub mod checklist;
pub mod cli;
pub mod commitment;
pub mod definition;
pub mod diff;
pub mod followup;
pub mod formats;
pub mod guide;
pub mod js_api;
pub mod json;
pub mod limits;
pub mod lint;
pub mod migrate;
pub mod server;
pub mod validation;
pub mod widget;

use serde::Serialize;

/// `n` with its English noun: "1 entry", "3 entries". Chinese needs no plural.
pub(crate) fn en_count(n: impl Into<u64>, one: &str, many: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The languages banli speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
pub enum Lang {
    #[default]
    #[serde(rename = "zh-CN")]
    ZhCn,
    #[serde(rename = "en")]
    En,
}

impl Lang {
    /// The tag used in `x-i18n` / `i18n` objects, or `None` for the default language.
    pub fn i18n_key(self) -> Option<&'static str> {
        match self {
            Lang::ZhCn => None,
            Lang::En => Some("en"),
        }
    }

    pub fn tag(self) -> &'static str {
        match self {
            Lang::ZhCn => "zh-CN",
            Lang::En => "en",
        }
    }
}

/// Parses a BCP 47 tag: any `zh*` tag is Simplified Chinese, any `en*`
/// English (case-insensitive, surrounding white space ignored).
///
/// # Errors
///
/// [`UnknownLang`] for any other tag.
impl std::str::FromStr for Lang {
    type Err = UnknownLang;

    fn from_str(tag: &str) -> Result<Lang, UnknownLang> {
        let lower = tag.trim().to_ascii_lowercase();
        if lower.starts_with("zh") {
            Ok(Lang::ZhCn)
        } else if lower.starts_with("en") {
            Ok(Lang::En)
        } else {
            Err(UnknownLang {
                tag: tag.to_owned(),
            })
        }
    }
}

/// A language tag banli does not speak.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unsupported language “{tag}” (use zh-CN or en)")]
pub struct UnknownLang {
    pub tag: String,
}

/// A text in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Text {
    pub zh: String,
    pub en: String,
}

impl Text {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            zh: zh.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::ZhCn => &self.zh,
            Lang::En => &self.en,
        }
    }

    /// Both languages on one line, `中文 / English`: only for operators'
    /// consoles and logs (server start-up, configuration errors), which
    /// have no language of their own. Applicants always get one language.
    pub fn both(&self) -> String {
        format!("{} / {}", self.zh, self.en)
    }
}
