//! Region codes: `CN` for the whole country, hyphenated subdivisions such as
//! `CN-44` or `CN-44-SZ` below it. A regional calendar may only extend a
//! calendar of a region that contains it.

/// True for `XX` (two upper-case letters) followed by any number of
/// `-SEGMENT`s of upper-case letters and digits.
pub(super) fn is_region_code(code: &str) -> bool {
    let mut segments = code.split('-');
    let country = segments.next().unwrap_or_default();
    country.len() == 2
        && country.bytes().all(|b| b.is_ascii_uppercase())
        && segments.all(|s| {
            !s.is_empty()
                && s.bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        })
}

/// True when `region` lies inside `outer` or is `outer` itself
/// (`CN-44-SZ` is within `CN-44`, `CN` and `CN-44-SZ`; not within `CN-4`).
pub(super) fn is_within(region: &str, outer: &str) -> bool {
    region == outer
        || region
            .strip_prefix(outer)
            .is_some_and(|rest| rest.starts_with('-'))
}

/// True for a subdivision (a region code with a hyphen).
pub(super) fn is_subdivision(region: &str) -> bool {
    region.contains('-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_codes() {
        for ok in ["CN", "CN-44", "CN-44-SZ", "CN-GX"] {
            assert!(is_region_code(ok), "{ok}");
        }
        for bad in [
            "", "cn", "CHN", "CN-", "CN--44", "CN-44-sz", "CN 44", "中国",
        ] {
            assert!(!is_region_code(bad), "{bad}");
        }
    }

    #[test]
    fn containment() {
        assert!(is_within("CN-44-SZ", "CN"));
        assert!(is_within("CN-44-SZ", "CN-44"));
        assert!(is_within("CN", "CN"));
        assert!(!is_within("CN-44-SZ", "CN-4"));
        assert!(!is_within("CN", "CN-44"));
        assert!(!is_within("CN-45", "CN-44"));
    }
}
