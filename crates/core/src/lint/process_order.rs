//! 办理流程 runs 收件 → 受理 → 审核 → 决定 → 办结. A step listed before one
//! that must precede it (决定 before 审核) is almost always a transcription
//! slip; `other` steps may stand anywhere.
//!
//! Before: `"process": [{"step": "receive"}, {"step": "decide"}, {"step": "review"}]`
//! After:  `"process": [{"step": "receive"}, {"step": "review"}, {"step": "decide"}]`

use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::messages::lint as text;

/// The national order of the steps, by wire name.
const ORDER: [&str; 5] = ["receive", "accept", "review", "decide", "conclude"];

pub fn check(definition: &Value, out: &mut Vec<Diagnostic>) {
    let steps = definition.get("process").and_then(Value::as_array);
    let mut latest: Option<(usize, &str)> = None;
    for (i, step) in steps.into_iter().flatten().enumerate() {
        let Some(name) = step.get("step").and_then(Value::as_str) else {
            continue;
        };
        let Some(rank) = ORDER.iter().position(|s| *s == name) else {
            continue;
        };
        match latest {
            Some((before, earlier)) if rank < before => out.push(Diagnostic::warning(
                format!("/process/{i}/step"),
                "lint.process_out_of_order",
                text::process_out_of_order(name, earlier),
            )),
            _ => latest = Some((rank, name)),
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn pointers(process: Value) -> Vec<String> {
        let mut out = Vec::new();
        check(&json!({ "process": process }), &mut out);
        out.into_iter().map(|d| d.pointer).collect()
    }

    #[test]
    fn the_national_order_is_clean_and_a_step_too_late_is_named() {
        let ordered = json!([{"step": "receive"}, {"step": "accept"}, {"step": "other"},
                             {"step": "review"}, {"step": "decide"}, {"step": "conclude"}]);
        assert!(pointers(ordered).is_empty());
        let swapped = json!([{"step": "receive"}, {"step": "decide"}, {"step": "review"}]);
        assert_eq!(pointers(swapped), ["/process/2/step"]);
    }
}
