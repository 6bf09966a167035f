//! Receipt numbers (受理编号) and access tokens. A receipt is readable on
//! paper and over the phone (`BL`, or `YJ` for a bundle, + acceptance date + 10 characters of an
//! alphabet without look-alikes); a token is 256 random bits, given to the
//! applicant once and stored only as its SHA-256.

use time::Date;

/// Crockford's base 32: no I, L, O, U.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

fn random<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).expect("the operating system's random source works");
    bytes
}

/// A new receipt number, e.g. `BL20261123-7K3QX9M2TD`.
pub fn receipt(accepted_on: Date) -> String {
    numbered("BL", accepted_on)
}

/// A new bundle receipt number (一件事), e.g. `YJ20261123-7K3QX9M2TD`; each
/// member application has its own `BL` receipt.
pub fn bundle_receipt(accepted_on: Date) -> String {
    numbered("YJ", accepted_on)
}

fn numbered(prefix: &str, accepted_on: Date) -> String {
    let tail: String = random::<10>()
        .iter()
        .map(|b| char::from(ALPHABET[usize::from(b % 32)]))
        .collect();
    format!(
        "{prefix}{:04}{:02}{:02}-{tail}",
        accepted_on.year(),
        u8::from(accepted_on.month()),
        accepted_on.day()
    )
}

/// A new bearer token: 64 hex digits.
pub fn token() -> String {
    random::<32>().iter().map(|b| format!("{b:02x}")).collect()
}

/// A new audit-log id that sorts in the order of writing: nanoseconds since
/// the Unix epoch (20 digits), then 8 random hex digits so that two
/// instances writing in the same nanosecond do not collide.
pub fn audit_id() -> String {
    let nanos = time::OffsetDateTime::now_utc().unix_timestamp_nanos();
    let tail: String = random::<4>().iter().map(|b| format!("{b:02x}")).collect();
    format!("{nanos:020}-{tail}")
}
