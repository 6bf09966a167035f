//! Helpers shared by the integration tests of banli-core.

use banli_core::Report;
use proptest::prelude::*;
use serde_json::Value;

/// Each error of `report` as (JSON Pointer, code), in the report's order.
pub fn codes(report: &Report) -> Vec<(&str, &str)> {
    report
        .errors
        .iter()
        .map(|e| (e.path.as_str(), e.code.as_str()))
        .collect()
}

/// Arbitrary JSON up to `depth` levels: `leaves` at the bottom, arrays of up
/// to `width - 1` values and objects whose keys are drawn from `keys` (so the
/// generator reaches the names the code under test looks for) above them.
/// `size` bounds the number of nodes, as in `prop_recursive`.
pub fn arbitrary_json(
    depth: u32,
    size: u32,
    width: usize,
    leaves: BoxedStrategy<Value>,
    keys: BoxedStrategy<String>,
) -> impl Strategy<Value = Value> {
    leaves.prop_recursive(depth, size, width as u32, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..width).prop_map(Value::Array),
            prop::collection::btree_map(keys.clone(), inner, 0..width)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}
