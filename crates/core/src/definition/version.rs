//! The order of an item's versions, so that every shell agrees on which
//! version is the current one (the greatest).
//!
//! `version` is free text in `banli-item/1`, but plain string order is wrong
//! for the usual dotted versions ("2026.10" would come before "2026.9"), so
//! versions compare part by part instead. The rule is documented for
//! maintainers in `docs/item-format.md`.

use std::cmp::Ordering;

/// Compares two item versions: dotted, numeric parts by value.
///
/// Both are split on `.`, and the parts compared in turn:
/// * two numeric parts (ASCII digits only) by their value, of any length
///   (`"9" < "10"`, `"010" == "10"` here);
/// * two other parts as strings (`"beta" < "rc"`);
/// * a numeric part before a non-numeric one (`"1" < "1a"`).
///
/// When one version is a prefix of the other, the shorter comes first
/// (`"2026" < "2026.1"`). Versions whose parts are all equal by these rules
/// but whose text differs (`"2026.01"`, `"2026.1"`) are ordered by their
/// text, so the order is total and only identical strings are `Equal`:
/// versions can key a sorted map.
///
/// ```
/// use std::cmp::Ordering;
/// use banli_core::definition::version::compare_versions;
///
/// assert_eq!(compare_versions("2026.9", "2026.10"), Ordering::Less);
/// assert_eq!(compare_versions("2026.1", "2025.12"), Ordering::Greater);
/// assert_eq!(compare_versions("2026", "2026.1"), Ordering::Less);
/// assert_eq!(compare_versions("2026.1", "2026.1"), Ordering::Equal);
/// ```
pub fn compare_versions(a: &str, b: &str) -> Ordering {
    let mut left = a.split('.');
    let mut right = b.split('.');
    loop {
        match (left.next(), right.next()) {
            (None, None) => return a.cmp(b),
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) => match compare_parts(x, y) {
                Ordering::Equal => {}
                unequal => return unequal,
            },
        }
    }
}

fn compare_parts(x: &str, y: &str) -> Ordering {
    match (numeric(x), numeric(y)) {
        // Leading zeros dropped, a longer number is greater; digits of the
        // same length compare as text. No parsing, so no overflow.
        (Some(x), Some(y)) => x.len().cmp(&y.len()).then_with(|| x.cmp(y)),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => x.cmp(y),
    }
}

/// The digits of a numeric part without leading zeros, `None` for any other part.
fn numeric(part: &str) -> Option<&str> {
    (!part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
        .then(|| part.trim_start_matches('0'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(versions: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = versions.iter().map(|s| (*s).to_owned()).collect();
        v.sort_by(|a, b| compare_versions(a, b));
        v
    }

    #[test]
    fn numeric_parts_compare_by_value() {
        assert_eq!(compare_versions("2026.9", "2026.10"), Ordering::Less);
        assert_eq!(compare_versions("2026.10", "2026.9"), Ordering::Greater);
        assert_eq!(compare_versions("9", "10"), Ordering::Less);
        assert_eq!(compare_versions("2025.12", "2026.1"), Ordering::Less);
        assert_eq!(
            compare_versions("1.99999999999999999999999", "1.100000000000000000000000"),
            Ordering::Less
        );
    }

    #[test]
    fn a_shorter_prefix_comes_first() {
        assert_eq!(compare_versions("2026", "2026.1"), Ordering::Less);
        assert_eq!(compare_versions("2026.1.0", "2026.1"), Ordering::Greater);
    }

    #[test]
    fn other_parts_compare_as_text_after_numbers() {
        assert_eq!(compare_versions("1.beta", "1.rc"), Ordering::Less);
        assert_eq!(compare_versions("1.2", "1.beta"), Ordering::Less);
        assert_eq!(compare_versions("1.1a", "1.1"), Ordering::Greater);
        assert_eq!(compare_versions("", "1"), Ordering::Greater);
    }

    #[test]
    fn only_identical_versions_are_equal() {
        assert_eq!(compare_versions("2026.1", "2026.1"), Ordering::Equal);
        assert_ne!(compare_versions("2026.01", "2026.1"), Ordering::Equal);
        assert_eq!(
            compare_versions("2026.01", "2026.1"),
            compare_versions("2026.1", "2026.01").reverse()
        );
    }

    #[test]
    fn sorting_follows_the_rule() {
        assert_eq!(
            sorted(&["2026.10", "2026", "2025.12", "2026.9", "2026.1", "2026.9.1"]),
            ["2025.12", "2026", "2026.1", "2026.9", "2026.9.1", "2026.10"]
        );
    }
}
