//! Canonical JSON for hashing: the JSON Canonicalization Scheme of RFC 8785
//! (object keys sorted by UTF-16 code units, no white space, numbers as
//! ECMAScript writes them, strings with the minimal escapes). Two parties
//! holding the same data compute the same SHA-256 whatever order their keys
//! are in and whatever language they are written in: a Java, PHP or
//! JavaScript back end reproduces banli's data hash with any RFC 8785
//! library (docs/item-format.md has a test vector). The `canon-json` crate
//! does the canonicalisation; this module only names it for banli.

use canon_json::CanonicalFormatter;
use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};

/// `value` in RFC 8785 canonical form.
pub fn canonical_json(value: &Value) -> String {
    let mut out = Vec::new();
    let mut serializer =
        serde_json::Serializer::with_formatter(&mut out, CanonicalFormatter::new());
    value
        .serialize(&mut serializer)
        .expect("a serde_json value always serialises");
    String::from_utf8(out).expect("JSON text is UTF-8")
}

/// SHA-256 (lower-case hex) of the RFC 8785 form of `data`: the one data
/// hash of an application, written into its commitments and stored by the
/// server.
pub fn data_sha256(data: &Value) -> String {
    sha256_hex(&canonical_json(data))
}

/// SHA-256 of UTF-8 text, lower-case hex.
pub fn sha256_hex(text: &str) -> String {
    sha256_hex_bytes(text.as_bytes())
}

/// SHA-256 of raw bytes (an uploaded file), lower-case hex.
pub fn sha256_hex_bytes(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn key_order_does_not_matter() {
        let a: Value =
            serde_json::from_str(r#"{"b": 1, "a": {"y": [1, "二"], "x": null}}"#).unwrap();
        let b: Value =
            serde_json::from_str(r#"{"a": {"x": null, "y": [1, "二"]}, "b": 1}"#).unwrap();
        assert_eq!(canonical_json(&a), r#"{"a":{"x":null,"y":[1,"二"]},"b":1}"#);
        assert_eq!(canonical_json(&a), canonical_json(&b));
        assert_ne!(canonical_json(&a), canonical_json(&json!({"b": 2})));
    }

    #[test]
    fn sha256_of_known_text() {
        assert_eq!(
            sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    /// RFC 8785 §3.2.3: keys sorted by UTF-16 code units (the emoji, a
    /// surrogate pair, sorts before U+FB33, unlike code point order).
    #[test]
    fn rfc_8785_key_order_and_numbers() {
        let keys: Value = serde_json::from_str(
            r#"{"\u20ac": "Euro Sign", "\r": "Carriage Return", "\ufb33": "Hebrew Letter Dalet With Dagesh",
                "1": "One", "\ud83d\ude00": "Emoji: Grinning Face", "\u0080": "Control",
                "\u00f6": "Latin Small Letter O With Diaeresis"}"#,
        )
        .unwrap();
        let values: Vec<String> =
            serde_json::from_str::<serde_json::Map<String, Value>>(&canonical_json(&keys))
                .unwrap()
                .values()
                .map(|v| v.as_str().unwrap().to_owned())
                .collect();
        assert_eq!(
            values,
            [
                "Carriage Return",
                "One",
                "Control",
                "Latin Small Letter O With Diaeresis",
                "Euro Sign",
                "Emoji: Grinning Face",
                "Hebrew Letter Dalet With Dagesh"
            ]
        );
        let numbers: Value = serde_json::from_str(
            "[333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001]",
        )
        .unwrap();
        assert_eq!(
            canonical_json(&numbers),
            "[333333333.3333333,1e+30,4.5,0.002,1e-27]"
        );
    }

    /// The test vector of docs/item-format.md ("The data hash").
    #[test]
    fn the_documented_data_hash() {
        let data = json!({"staff": [{"name": "张三"}], "area_m2": 86.5, "applicant": {"name": "王𠀋华", "kind": "person"}});
        assert_eq!(
            canonical_json(&data),
            r#"{"applicant":{"kind":"person","name":"王𠀋华"},"area_m2":86.5,"staff":[{"name":"张三"}]}"#
        );
        assert_eq!(
            data_sha256(&data),
            "c6245b791f3a009331079eb9b48d44042fbcb96f1cd9e8643e6f8bd5d7af68da"
        );
    }
}
