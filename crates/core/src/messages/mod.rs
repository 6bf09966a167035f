//! The message catalogue: every text banli shows to a person, in Simplified
//! Chinese first and English second, kept side by side so that neither
//! language can drift from the other.

pub mod bundle;
pub mod calendar;
pub mod commitment;
pub mod definition;
pub mod diff;
pub mod formats;
pub mod guide;
pub mod limits;
pub mod lint;
pub mod migrate;
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
    /// Parses a BCP 47 tag; any `zh*` tag is Simplified Chinese, any `en*` English.
    pub fn parse(tag: &str) -> Option<Lang> {
        let lower = tag.trim().to_ascii_lowercase();
        if lower.starts_with("zh") {
            Some(Lang::ZhCn)
        } else if lower.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

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
}
