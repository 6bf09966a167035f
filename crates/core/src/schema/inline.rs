//! Forms with their `$ref`s inlined, for the walks that read a form's
//! declarations without following references (the guide's field table,
//! `diff`'s fields).

use serde_json::Value;

/// How many `$ref`s [`inline_refs`] replaces at most, and how deep it
/// nests them: forms are small, and a recursive reference is not inlined
/// inside itself, but diamonds of references could multiply.
const MAX_INLINED: usize = 512;
const MAX_INLINE_DEPTH: usize = 32;

/// A copy of `form` in which every same-document `$ref` (resolved by
/// `pointer::resolve_local`, so encoded fragments work) also carries its
/// target as one more `allOf` branch: `{"$ref": "#/$defs/联系方式"}` →
/// `{"$ref": "#/$defs/联系方式", "allOf": [{...the entry...}]}`. The
/// walker does not follow references, so this is how it sees fields
/// declared through one. Past the limits, references are left as they are.
pub fn inline_refs(form: &Value) -> Value {
    let mut budget = MAX_INLINED;
    inline_into(form, form, &mut Vec::new(), &mut budget)
}

/// `open` holds the targets being inlined around `value`: a reference back
/// to one of them (a recursive form: a department's sub-departments) is
/// left as it is, so the guide lists each field of the recursion once.
fn inline_into<'a>(
    root: &'a Value,
    value: &'a Value,
    open: &mut Vec<&'a Value>,
    budget: &mut usize,
) -> Value {
    match value {
        Value::Object(map) => {
            let mut out = serde_json::Map::with_capacity(map.len() + 1);
            for (key, child) in map {
                let keep = key.starts_with("x-")
                    || matches!(
                        key.as_str(),
                        "enum" | "const" | "default" | "examples" | "$defs" | "definitions"
                    );
                let copy = if keep {
                    child.clone()
                } else {
                    inline_into(root, child, open, budget)
                };
                out.insert(key.clone(), copy);
            }
            let target = map
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|r| crate::pointer::resolve_local(root, r));
            if let Some(target) = target
                && open.len() < MAX_INLINE_DEPTH
                && *budget > 0
                && !open.iter().any(|o| std::ptr::eq(*o, target))
            {
                *budget -= 1;
                open.push(target);
                let inlined = inline_into(root, target, open, budget);
                open.pop();
                match out.get_mut("allOf") {
                    Some(Value::Array(branches)) => branches.push(inlined),
                    _ => {
                        out.insert("allOf".to_owned(), Value::Array(vec![inlined]));
                    }
                }
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(
            items
                .iter()
                .map(|item| inline_into(root, item, open, budget))
                .collect(),
        ),
        other => other.clone(),
    }
}
