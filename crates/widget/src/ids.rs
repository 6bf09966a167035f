//! Element ids. Fields are named after their JSON Pointer; every id carries
//! the form instance's prefix so that two forms on one page (without
//! shadow DOM) never share an id and labels stay tied to their controls.

use banli_core::report::Place;

/// The id of the control for the field at `pointer`.
pub fn field(prefix: &str, pointer: &str) -> String {
    format!("{prefix}{}", logical_field(pointer))
}

fn logical_field(pointer: &str) -> String {
    let mut out = String::from("f");
    for c in pointer.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if c == '/' {
            out.push('-');
        } else {
            out.push_str(&format!("_{:x}", c as u32));
        }
    }
    out
}

/// The logical focus target (before prefixing) for an error's path.
pub fn target_for_error(path: &str) -> String {
    match Place::of(path) {
        Place::Materials => match path.strip_prefix("/materials/") {
            Some(id) => format!("material:{id}"),
            None => "materials".into(),
        },
        Place::Commitment if path == "/commitment/confirmed" => "confirm".into(),
        Place::Commitment => "signer".into(),
        _ => format!("field:{path}"),
    }
}

/// The element id for a logical focus target.
pub fn resolve(prefix: &str, target: &str) -> String {
    if let Some(pointer) = target.strip_prefix("field:") {
        return field(prefix, pointer);
    }
    let sanitized: String = target
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("{prefix}{sanitized}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_prefixed_and_safe() {
        assert_eq!(field("b1-", "/staff/0/name"), "b1-f-staff-0-name");
        assert_eq!(field("b1-", "/a_b"), "b1-f-a_5fb");
        assert_eq!(resolve("b2-", "field:/x"), "b2-f-x");
        assert_eq!(
            resolve("b2-", "material:floor-plan"),
            "b2-material_floor-plan"
        );
        assert_eq!(
            target_for_error("/materials/floor-plan"),
            "material:floor-plan"
        );
    }
}
