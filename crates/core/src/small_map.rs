//! A member of a JSON object, found without hashing its name when the
//! object is small.
//!
//! `serde_json`'s map (an `IndexMap`, for document order) hashes every name
//! it is asked for with SipHash: about 240 instructions a lookup in the live
//! check's profile. A form's schemas, their `properties` and an envelope's
//! file references have a few members each and are looked up for every
//! place of the data on every check, so for them a pass that compares names
//! (rejected on length first) costs less.

use serde_json::Value;

/// Up to how many members [`get`] compares names instead of hashing.
const SMALL: usize = 8;

/// Member `key` of `value` when `value` is an object; what `Value::get`
/// with a name returns, for any object and any other value.
#[inline]
pub(crate) fn get<'v>(value: &'v Value, key: &str) -> Option<&'v Value> {
    let map = value.as_object()?;
    if map.len() <= SMALL {
        map.iter().find_map(|(name, v)| (name == key).then_some(v))
    } else {
        map.get(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    proptest::proptest! {
        /// The pass finds what `Value::get` finds, on either side of the
        /// size where it starts hashing, for names present and not, names
        /// that share a length or a prefix, and values that are no object.
        #[test]
        fn get_finds_what_value_get_finds(
            names in proptest::collection::vec("[ab]{0,3}", 0..20),
            key in "[ab]{0,3}",
            object in proptest::bool::weighted(0.95),
        ) {
            let value = if object {
                Value::Object(names.iter().enumerate().map(|(i, n)| (n.clone(), json!(i))).collect())
            } else {
                json!(names)
            };
            proptest::prop_assert_eq!(
                get(&value, &key).map(std::ptr::from_ref),
                value.get(key.as_str()).map(std::ptr::from_ref)
            );
        }
    }
}
