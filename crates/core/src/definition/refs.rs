//! The `$ref`s of a definition's schemas (the form, each `required.when`),
//! checked before anything follows them: only references into the same
//! schema (`#...`) are allowed, each fragment must be a well-formed JSON
//! Pointer (decoded by [`pointer::decode_fragment`]: percent-encoding, then
//! `~1` and `~0`) that points somewhere, no chain of
//! references may lead back to itself (a form is a finite thing a person
//! fills in, so even a cycle through `properties` is refused), and no chain
//! may be longer than [`Limits::max_ref_depth`]. The schema engine and the
//! walkers therefore never loop on a definition.
//!
//! A chain: the reference at A points to a subschema containing the
//! reference at B, whose target contains C, and so on. The walk is bounded
//! by the limit (no deep recursion) and remembers finished references, so
//! it is linear in the number of references times the limit.

use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::limits::Limits;
use crate::messages::limits as text;
use crate::pointer;

/// One `$ref`: the pointer (inside the schema) of the object holding it and
/// the pointer it refers to, if it is local and resolves.
struct Site {
    at: String,
    target: Option<String>,
}

/// Every problem with the references of `schema`, whose place in the
/// definition is `base` (`/form`, `/materials/0/required/when`).
pub fn check(schema: &Value, base: &str, limits: &Limits) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut sites = collect(schema);
    sites.sort_by(|a, b| a.at.cmp(&b.at));
    for site in &mut sites {
        let place = format!("{base}{}/$ref", site.at);
        let Some(Value::String(reference)) = schema.pointer(&site.at).and_then(|s| s.get("$ref"))
        else {
            continue;
        };
        let Some(fragment) = reference.strip_prefix('#') else {
            out.push(Diagnostic::error(
                place,
                "definition.ref_remote",
                text::ref_remote(reference),
            ));
            site.target = None;
            continue;
        };
        if !fragment.is_empty() && !fragment.starts_with('/') {
            // A plain-name anchor (`#name`): the engine resolves it or says why not.
            continue;
        }
        let target = match pointer::fragment_pointer(fragment) {
            Ok(target) => target,
            Err(problem) => {
                out.push(Diagnostic::error(
                    place,
                    "definition.ref_fragment_invalid",
                    text::ref_fragment_invalid(reference, &problem.message()),
                ));
                continue;
            }
        };
        if schema.pointer(&target).is_none() {
            out.push(Diagnostic::error(
                place,
                "definition.ref_unresolved",
                text::ref_unresolved(reference),
            ));
            continue;
        }
        site.target = Some(target);
    }
    if out.is_empty()
        && let Some(problem) = chains(&sites, base, limits.max_ref_depth)
    {
        out.push(problem);
    }
    out
}

/// The objects of `schema` that hold a `$ref` string, found iteratively;
/// annotations (`x-*`) and data (`enum`, `const`, `default`, `examples`) are
/// not searched.
fn collect(schema: &Value) -> Vec<Site> {
    let mut sites = Vec::new();
    let mut stack: Vec<(&Value, String)> = vec![(schema, String::new())];
    while let Some((value, at)) = stack.pop() {
        match value {
            Value::Object(map) => {
                if map.get("$ref").is_some_and(Value::is_string) {
                    sites.push(Site {
                        at: at.clone(),
                        target: None,
                    });
                }
                for (key, child) in map {
                    if key.starts_with("x-")
                        || matches!(key.as_str(), "enum" | "const" | "default" | "examples")
                    {
                        continue;
                    }
                    stack.push((child, pointer::join(&at, key)));
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    stack.push((child, format!("{at}/{i}")));
                }
            }
            _ => {}
        }
    }
    sites
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    New,
    Open,
    Done,
}

struct Walk<'a> {
    sites: &'a [Site],
    marks: Vec<Mark>,
    path: Vec<usize>,
    limit: usize,
}

/// The first cycle or over-long chain among the (sorted) sites.
fn chains(sites: &[Site], base: &str, limit: usize) -> Option<Diagnostic> {
    let mut walk = Walk {
        sites,
        marks: vec![Mark::New; sites.len()],
        path: Vec::new(),
        limit,
    };
    for start in 0..sites.len() {
        if walk.marks[start] == Mark::New
            && let Err(problem) = walk.visit(start)
        {
            return Some(match problem {
                Stop::Cycle(from) => {
                    let mut chain: Vec<String> = walk.path[from..]
                        .iter()
                        .map(|&i| format!("{base}{}", sites[i].at))
                        .collect();
                    chain.push(chain[0].clone());
                    let at = walk.path[walk.path.len() - 1];
                    Diagnostic::error(
                        format!("{base}{}/$ref", sites[at].at),
                        "definition.ref_cycle",
                        text::ref_cycle(&chain.join(" → ")),
                    )
                }
                Stop::TooDeep(at) => Diagnostic::error(
                    format!("{base}{}/$ref", sites[at].at),
                    "definition.ref_too_deep",
                    text::ref_too_deep(limit),
                ),
            });
        }
    }
    None
}

enum Stop {
    /// The chain on the path from this index on returns to its start.
    Cycle(usize),
    /// The chain reached this site beyond the limit.
    TooDeep(usize),
}

impl Walk<'_> {
    /// Follows the reference at `site` and every reference inside its
    /// target; recursion is at most `limit + 1` deep.
    fn visit(&mut self, site: usize) -> Result<(), Stop> {
        if self.path.len() >= self.limit {
            return Err(Stop::TooDeep(site));
        }
        self.marks[site] = Mark::Open;
        self.path.push(site);
        if let Some(target) = &self.sites[site].target {
            for next in inside(self.sites, target) {
                match self.marks[next] {
                    Mark::Done => {}
                    Mark::Open => {
                        let from = self.path.iter().position(|&i| i == next).unwrap_or(0);
                        return Err(Stop::Cycle(from));
                    }
                    Mark::New => self.visit(next)?,
                }
            }
        }
        self.path.pop();
        self.marks[site] = Mark::Done;
        Ok(())
    }
}

/// The indexes of the (sorted) sites at or below `target`.
fn inside(sites: &[Site], target: &str) -> impl Iterator<Item = usize> {
    let prefix = format!("{target}/");
    let exact = sites.partition_point(|s| s.at.as_str() < target);
    let below = sites.partition_point(|s| s.at.as_str() < prefix.as_str());
    let exact = (exact < sites.len() && sites[exact].at == target).then_some(exact);
    let end = below + sites[below..].partition_point(|s| s.at.starts_with(&prefix));
    exact.into_iter().chain(below..end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn codes(schema: &Value, limit: usize) -> Vec<(String, &'static str)> {
        let limits = Limits {
            max_ref_depth: limit,
            ..Limits::default()
        };
        check(schema, "/form", &limits)
            .into_iter()
            .map(|d| (d.pointer, d.code))
            .collect()
    }

    #[test]
    fn local_acyclic_references_are_fine() {
        let schema = json!({
            "$defs": {"name": {"type": "string"}, "person": {"properties": {"n": {"$ref": "#/$defs/name"}}}},
            "properties": {"a": {"$ref": "#/$defs/person"}, "b": {"$ref": "#/$defs/person"}},
            "x-note": {"$ref": "https://example.com/ignored"},
            "examples": [{"$ref": "#/nowhere"}]
        });
        assert_eq!(codes(&schema, 16), []);
    }

    #[test]
    fn remote_and_dangling_references_are_refused() {
        let schema = json!({"properties": {
            "a": {"$ref": "https://example.com/schema.json"},
            "b": {"$ref": "other.json#/x"},
            "c": {"$ref": "#/$defs/missing"}
        }});
        assert_eq!(
            codes(&schema, 16),
            [
                (
                    "/form/properties/a/$ref".to_owned(),
                    "definition.ref_remote"
                ),
                (
                    "/form/properties/b/$ref".to_owned(),
                    "definition.ref_remote"
                ),
                (
                    "/form/properties/c/$ref".to_owned(),
                    "definition.ref_unresolved"
                ),
            ]
        );
    }

    #[test]
    fn fragments_are_decoded_before_they_are_followed() {
        let schema = json!({
            "$defs": {"联系方式": {"type": "string"}, "a/b": {}, "c~d": {}, "100%": {}},
            "properties": {
                "encoded": {"$ref": "#/$defs/%E8%81%94%E7%B3%BB%E6%96%B9%E5%BC%8F"},
                "raw": {"$ref": "#/$defs/联系方式"},
                "slash": {"$ref": "#/$defs/a~1b"},
                "tilde": {"$ref": "#/$defs/c~0d"},
                "percent": {"$ref": "#/$defs/100%25"}
            }
        });
        assert_eq!(codes(&schema, 16), []);
        let broken = json!({
            "$defs": {"100%": {}},
            "properties": {
                "a": {"$ref": "#/$defs/100%"},
                "b": {"$ref": "#/$defs/%E8%81"},
                "c": {"$ref": "#/$defs/c~2d"}
            }
        });
        let found = check(&broken, "/form", &Limits::default());
        let codes: Vec<(&str, &str)> = found.iter().map(|d| (d.pointer.as_str(), d.code)).collect();
        assert_eq!(
            codes,
            [
                ("/form/properties/a/$ref", "definition.ref_fragment_invalid"),
                ("/form/properties/b/$ref", "definition.ref_fragment_invalid"),
                ("/form/properties/c/$ref", "definition.ref_fragment_invalid"),
            ]
        );
        assert_eq!(
            found[0].message.en,
            "the reference “#/$defs/100%” is not a valid JSON Pointer: the percent-encoding at \
             character 11 after “#” is invalid: “%” must be followed by two hexadecimal digits"
        );
        assert_eq!(
            found[0].message.zh,
            "引用“#/$defs/100%”不是有效的 JSON 指针：“#”后第 11 个字符处的百分号编码无效，\
             “%”后应为两位十六进制数字"
        );
    }

    #[test]
    fn a_cycle_through_an_encoded_reference_is_found() {
        let schema = json!({
            "$defs": {"联": {"allOf": [{"$ref": "#/$defs/%E8%81%94"}]}},
            "properties": {"x": {"$ref": "#/$defs/联"}}
        });
        assert_eq!(
            codes(&schema, 16),
            [(
                "/form/$defs/联/allOf/0/$ref".to_owned(),
                "definition.ref_cycle"
            )]
        );
    }

    #[test]
    fn cycles_are_reported_with_their_chain() {
        let direct = json!({"$ref": "#"});
        assert_eq!(
            codes(&direct, 16),
            [("/form/$ref".to_owned(), "definition.ref_cycle")]
        );
        let through_properties = json!({
            "$defs": {"a": {"properties": {"next": {"$ref": "#/$defs/b"}}}, "b": {"allOf": [{"$ref": "#/$defs/a"}]}},
            "properties": {"start": {"$ref": "#/$defs/a"}}
        });
        let found = check(&through_properties, "/form", &Limits::default());
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, "definition.ref_cycle");
        assert_eq!(
            found[0].message.en,
            "the “$ref” references form a cycle: /form/$defs/a/properties/next → \
             /form/$defs/b/allOf/0 → /form/$defs/a/properties/next"
        );
    }

    #[test]
    fn long_chains_are_cut_at_the_limit() {
        let mut defs = serde_json::Map::new();
        for i in 0..10_000 {
            defs.insert(
                format!("d{i}"),
                json!({"$ref": format!("#/$defs/d{}", i + 1)}),
            );
        }
        defs.insert("d10000".to_owned(), json!({"type": "string"}));
        let schema = json!({"$defs": defs, "$ref": "#/$defs/d0"});
        let found = codes(&schema, 16);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].1, "definition.ref_too_deep");
        assert_eq!(
            codes(
                &json!({"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {}}, "$ref": "#/$defs/a"}),
                2
            ),
            []
        );
        assert_eq!(
            codes(
                &json!({"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {}}, "$ref": "#/$defs/a"}),
                1
            )[0]
            .1,
            "definition.ref_too_deep"
        );
    }
}
