//! Times and dates-with-times as applicants type them.
//!
//! JSON Schema's `time` and `date-time` (RFC 3339) need seconds and a time
//! zone offset ("09:30:00+08:00"); nobody filling in a form types those, and
//! a browser's native time control gives "09:30". [`normalise`] turns what a
//! person types into the RFC 3339 shape: seconds `:00` when omitted, offset
//! `+08:00` (China Standard Time, the zone every government-service portal
//! works in) when none is given, a space or `T` between date and time,
//! full-width digits and colons (typed with a Chinese input method) read as
//! ASCII. Anything else is returned unchanged for the engine to judge, so a
//! value this cannot read still gets the format's message.

/// The offset assumed when a person gives none: UTC+8, China Standard Time.
pub const DEFAULT_OFFSET: &str = "+08:00";

/// What a person typed for `format` (`time` or `date-time`) in its RFC 3339
/// shape (`HH:MM:SS±HH:MM`, `YYYY-MM-DDTHH:MM:SS±HH:MM`, fractions of a
/// second and `Z` kept), or `None` when the format is another one or the
/// text does not have that shape. Ranges (hour 24, 31 February) are left to
/// the engine: this only completes the spelling.
pub fn normalise(format: &str, typed: &str) -> Option<String> {
    let text = super::width::fold(typed);
    let text = text.trim();
    match format {
        "time" => time(text),
        "date-time" => date_time(text),
        _ => None,
    }
}

/// A value in the shape a browser's native time or date-and-time control
/// can show: a value stored completed ("09:30:00+08:00", from a prefill or
/// a draft) without its offset when that is [`DEFAULT_OFFSET`]; anything
/// else as it is (what the person typed is shown as typed).
pub fn local(value: &str) -> &str {
    value.strip_suffix(DEFAULT_OFFSET).unwrap_or(value)
}

fn date_time(text: &str) -> Option<String> {
    let date = text.get(..10)?;
    let bytes = date.as_bytes();
    let is_date = bytes.iter().enumerate().all(|(i, b)| match i {
        4 | 7 => *b == b'-',
        _ => b.is_ascii_digit(),
    });
    if !is_date {
        return None;
    }
    let rest = &text[10..];
    let rest = rest
        .strip_prefix(['T', 't'])
        .map(str::trim_start)
        .or_else(|| rest.starts_with(' ').then(|| rest.trim_start()))?;
    Some(format!("{date}T{}", time(rest)?))
}

fn time(text: &str) -> Option<String> {
    let (clock, offset) = split_offset(text)?;
    let clock = clock.trim_end();
    let mut parts = clock.splitn(3, ':');
    let hour = two_digits(parts.next()?, true)?;
    let minute = two_digits(parts.next()?, false)?;
    let second = match parts.next() {
        None => "00".to_owned(),
        Some(s) => {
            let (whole, fraction) = match s.split_once('.') {
                Some((w, f)) if !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()) => (w, f),
                Some(_) => return None,
                None => (s, ""),
            };
            let whole = two_digits(whole, false)?;
            if fraction.is_empty() {
                whole
            } else {
                format!("{whole}.{fraction}")
            }
        }
    };
    Some(format!("{hour}:{minute}:{second}{offset}"))
}

/// The clock part and the offset in RFC 3339 spelling (`Z`, `±HH:MM`;
/// `±HHMM` and `±HH` are completed), [`DEFAULT_OFFSET`] when there is none.
fn split_offset(text: &str) -> Option<(&str, String)> {
    if let Some(clock) = text.strip_suffix(['Z', 'z']) {
        return Some((clock, "Z".to_owned()));
    }
    let Some(at) = text.rfind(['+', '-']) else {
        return Some((text, DEFAULT_OFFSET.to_owned()));
    };
    let (clock, offset) = text.split_at(at);
    let (sign, digits) = offset.split_at(1);
    let digits = digits.trim_start().replace(':', "");
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (hours, minutes) = match digits.len() {
        2 => (&digits[..2], "00"),
        4 => (&digits[..2], &digits[2..]),
        _ => return None,
    };
    Some((clock, format!("{sign}{hours}:{minutes}")))
}

/// One or (for hours) two digits as two digits; minutes and seconds need two.
fn two_digits(part: &str, may_be_one: bool) -> Option<String> {
    if !part.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    match part.len() {
        2 => Some(part.to_owned()),
        1 if may_be_one => Some(format!("0{part}")),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_as_typed() {
        for (typed, expected) in [
            ("09:30", "09:30:00+08:00"),
            ("9:30", "09:30:00+08:00"),
            ("09:30:15", "09:30:15+08:00"),
            ("09:30:15.25", "09:30:15.25+08:00"),
            ("０９：３０", "09:30:00+08:00"),
            (" 09:30 ", "09:30:00+08:00"),
            ("09:30:00+08:00", "09:30:00+08:00"),
            ("09:30Z", "09:30:00Z"),
            ("09:30-0500", "09:30:00-05:00"),
            ("09:30 +09", "09:30:00+09:00"),
        ] {
            assert_eq!(
                normalise("time", typed).as_deref(),
                Some(expected),
                "{typed}"
            );
        }
        for typed in [
            "0930",
            "09:3",
            "9",
            "09:30:1",
            "09:30 pm",
            "09:30+8",
            "09:30:15.",
        ] {
            assert_eq!(normalise("time", typed), None, "{typed}");
        }
    }

    #[test]
    fn completed_values_shown_in_native_controls() {
        assert_eq!(local("09:30:00+08:00"), "09:30:00");
        assert_eq!(local("2026-12-01T09:30:00+08:00"), "2026-12-01T09:30:00");
        assert_eq!(local("09:30"), "09:30");
        assert_eq!(local("09:30:00Z"), "09:30:00Z");
    }

    #[test]
    fn dates_with_times_as_typed() {
        for (typed, expected) in [
            ("2026-12-01 09:30", "2026-12-01T09:30:00+08:00"),
            ("2026-12-01T09:30", "2026-12-01T09:30:00+08:00"),
            ("2026-12-01t09:30:05", "2026-12-01T09:30:05+08:00"),
            ("2026-12-01  9:30", "2026-12-01T09:30:00+08:00"),
            ("2026-12-01T09:30:00Z", "2026-12-01T09:30:00Z"),
            (
                "２０２６-１２-０１　０９：３０",
                "2026-12-01T09:30:00+08:00",
            ),
        ] {
            assert_eq!(
                normalise("date-time", typed).as_deref(),
                Some(expected),
                "{typed}"
            );
        }
        for typed in [
            "2026-12-01",
            "2026/12/01 09:30",
            "2026-12-0109:30",
            "明天 09:30",
        ] {
            assert_eq!(normalise("date-time", typed), None, "{typed}");
        }
        assert_eq!(normalise("date", "2026-12-01"), None);
    }
}
