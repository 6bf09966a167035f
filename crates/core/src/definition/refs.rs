//! The `$ref`s of a definition's schemas (the form, each `required.when`),
//! checked before anything follows them: only references into the same
//! schema (`#...`) are allowed, each fragment must be a well-formed JSON
//! Pointer (decoded by [`pointer::decode_fragment`]: percent-encoding, then
//! `~1` and `~0`) that points somewhere (a reference to a resource bundled
//! by its `$id` counts as local), and no chain may be longer than
//! [`Limits::max_ref_depth`].
//!
//! Recursion is allowed where every instance is finite: a tree whose
//! `children` items refer back to the node, an optional property that
//! refers to its ancestor. Two kinds of cycle are refused: one where no
//! schema between the references looks at a part of the data (`a` is
//! `allOf: [b]`, `b` is `anyOf: [a]`: the engine would look at the same
//! value forever), and one that every instance would have to follow
//! forever (only through `allOf`, required properties and arrays with a
//! `minItems`): no finite data satisfies it. The walkers and the engine
//! descend one level of data per turn of an allowed cycle, and the data's
//! depth is bounded by the submission limits, so nothing loops.
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
    let resources = bundled_resources(schema);
    for site in &mut sites {
        let place = format!("{base}{}/$ref", site.at);
        let Some(Value::String(reference)) = schema.pointer(&site.at).and_then(|s| s.get("$ref"))
        else {
            continue;
        };
        let (resource, fragment) = reference
            .split_once('#')
            .unwrap_or((reference.as_str(), ""));
        let resource_at = if resource.is_empty() {
            // A `#…` reference inside a bundled resource is relative to that
            // resource; banli's walkers resolve `#…` from the form's root,
            // so the two would disagree.
            if let Some(id_at) = resources
                .iter()
                .find(|id_at| pointer::is_within(&site.at, id_at))
            {
                out.push(Diagnostic::error(
                    place,
                    "definition.ref_inside_resource",
                    text::ref_inside_resource(reference, &format!("{base}{id_at}")),
                ));
                continue;
            }
            String::new()
        } else {
            match pointer::id_pointer(schema, resource) {
                Some(at) => at,
                None => {
                    out.push(Diagnostic::error(
                        place,
                        "definition.ref_remote",
                        text::ref_remote(reference),
                    ));
                    site.target = None;
                    continue;
                }
            }
        };
        if !fragment.is_empty() && !fragment.starts_with('/') {
            // A plain-name anchor (`#name`): the engine resolves it or says why not.
            continue;
        }
        let target = match pointer::fragment_pointer(fragment) {
            Ok(target) => format!("{resource_at}{target}"),
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
        && let Some(problem) = chains(schema, &sites, base, limits.max_ref_depth)
    {
        out.push(problem);
    }
    out
}

/// The places (other than the root) of the schemas in `schema` that carry
/// an `$id`: the resources bundled in it.
fn bundled_resources(schema: &Value) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack: Vec<(&Value, String)> = vec![(schema, String::new())];
    while let Some((value, at)) = stack.pop() {
        match value {
            Value::Object(map) => {
                if !at.is_empty() && map.get("$id").is_some_and(Value::is_string) {
                    found.push(at.clone());
                }
                for (key, child) in map {
                    if !key.starts_with("x-")
                        && !matches!(key.as_str(), "enum" | "const" | "default" | "examples")
                    {
                        stack.push((child, pointer::join(&at, key)));
                    }
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
    found
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

/// How the reference at one site reaches the reference at another inside
/// its target: the keywords between the target and that site.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Edge {
    /// Only in-place applicators (`allOf`, `anyOf`, `oneOf`, `not`, `if`,
    /// `then`, `else`, `$ref`): following it, the engine looks at the same
    /// value again, so a cycle of such edges never ends.
    in_place: bool,
    /// Every instance that satisfies the target also has a value there: the
    /// way goes only through `allOf`, required `properties`, and `items` or
    /// `prefixItems` under a `minItems` that forces an entry.
    forced: bool,
}

/// Which cycles a walk refuses.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Refuse {
    /// None (the walk only measures chains: every chain is finite data).
    Nothing,
    /// Cycles of in-place edges: a chain of references with no schema that
    /// looks at a part of the data.
    InPlace,
    /// Cycles of forced edges: no finite instance satisfies them.
    Forced,
}

struct Walk<'a> {
    sites: &'a [Site],
    edges: &'a [Vec<(usize, Edge)>],
    refuse: Refuse,
    marks: Vec<Mark>,
    path: Vec<usize>,
    limit: usize,
}

/// The first over-long chain, cycle without a schema, or cycle no finite
/// instance satisfies among the (sorted) sites. Recursion through optional
/// properties or possibly empty arrays is fine: every instance is finite,
/// and the data's depth is bounded by the submission limits.
fn chains(schema: &Value, sites: &[Site], base: &str, limit: usize) -> Option<Diagnostic> {
    let edges: Vec<Vec<(usize, Edge)>> = sites
        .iter()
        .map(|site| {
            let Some(target) = &site.target else {
                return Vec::new();
            };
            inside(sites, target)
                .filter_map(|next| Some((next, edge(schema, target, &sites[next].at)?)))
                .collect()
        })
        .collect();
    for refuse in [Refuse::Nothing, Refuse::InPlace, Refuse::Forced] {
        let mut walk = Walk {
            sites,
            edges: &edges,
            refuse,
            marks: vec![Mark::New; sites.len()],
            path: Vec::new(),
            limit,
        };
        for start in 0..sites.len() {
            if walk.marks[start] == Mark::New
                && let Err(problem) = walk.visit(start)
            {
                return Some(walk.diagnostic(problem, base));
            }
        }
    }
    None
}

/// How the target at `from` reaches the site at `to` (at or below it);
/// `None` when the site is not applied with the target (it is in the
/// target's `$defs`, or under a keyword that holds no schema).
fn edge(schema: &Value, from: &str, to: &str) -> Option<Edge> {
    let mut node = schema.pointer(from)?;
    let segments = pointer::parse(&to[from.len()..]);
    let mut keys = segments.iter().map(|s| s.as_key());
    let mut edge = Edge {
        in_place: true,
        forced: true,
    };
    while let Some(keyword) = keys.next() {
        let min_items = node.get("minItems").and_then(Value::as_u64).unwrap_or(0);
        match keyword.as_ref() {
            "allOf" | "anyOf" | "oneOf" => {
                let index = keys.next()?;
                edge.forced &= keyword == "allOf";
                node = node
                    .get(keyword.as_ref())?
                    .get(index.parse::<usize>().ok()?)?;
            }
            "not" | "if" | "then" | "else" => {
                edge.forced = false;
                node = node.get(keyword.as_ref())?;
            }
            "properties" => {
                let name = keys.next()?;
                let required = node
                    .get("required")
                    .and_then(Value::as_array)
                    .is_some_and(|r| r.iter().any(|n| n.as_str() == Some(name.as_ref())));
                edge.in_place = false;
                edge.forced &= required;
                node = node.get("properties")?.get(name.as_ref())?;
            }
            "items" => {
                edge.in_place = false;
                edge.forced &= min_items > 0
                    && node
                        .get("prefixItems")
                        .and_then(Value::as_array)
                        .is_none_or(|p| u64::try_from(p.len()).is_ok_and(|len| len < min_items));
                node = node.get("items")?;
            }
            "prefixItems" => {
                let index = keys.next()?;
                edge.in_place = false;
                edge.forced &= index.parse::<u64>().is_ok_and(|i| i < min_items);
                node = node.get("prefixItems")?.get(index.parse::<usize>().ok()?)?;
            }
            "additionalProperties"
            | "unevaluatedProperties"
            | "unevaluatedItems"
            | "contains"
            | "propertyNames" => {
                edge.in_place = false;
                edge.forced = false;
                node = node.get(keyword.as_ref())?;
            }
            "patternProperties" | "dependentSchemas" => {
                let name = keys.next()?;
                // `dependentSchemas` applies in place, when a member is there.
                edge.in_place &= keyword == "dependentSchemas";
                edge.forced = false;
                node = node.get(keyword.as_ref())?.get(name.as_ref())?;
            }
            _ => return None,
        }
    }
    Some(edge)
}

enum Stop {
    /// The chain on the path from this index on returns to its start.
    Cycle(usize),
    /// The chain reached this site beyond the limit.
    TooDeep(usize),
}

impl Walk<'_> {
    /// Follows the reference at `site` and every reference inside its
    /// target reached by an edge this walk looks at; recursion is at most
    /// `limit + 1` deep.
    fn visit(&mut self, site: usize) -> Result<(), Stop> {
        if self.path.len() >= self.limit {
            return Err(Stop::TooDeep(site));
        }
        self.marks[site] = Mark::Open;
        self.path.push(site);
        for &(next, edge) in &self.edges[site] {
            let followed = match self.refuse {
                Refuse::Nothing => true,
                Refuse::InPlace => edge.in_place,
                Refuse::Forced => edge.forced,
            };
            if !followed {
                continue;
            }
            match self.marks[next] {
                Mark::Done => {}
                Mark::Open if self.refuse == Refuse::Nothing => {}
                Mark::Open => {
                    let from = self.path.iter().position(|&i| i == next).unwrap_or(0);
                    return Err(Stop::Cycle(from));
                }
                Mark::New => self.visit(next)?,
            }
        }
        self.path.pop();
        self.marks[site] = Mark::Done;
        Ok(())
    }

    fn diagnostic(&self, problem: Stop, base: &str) -> Diagnostic {
        let sites = self.sites;
        match problem {
            Stop::Cycle(from) => {
                let mut chain: Vec<String> = self.path[from..]
                    .iter()
                    .map(|&i| format!("{base}{}", sites[i].at))
                    .collect();
                chain.push(chain[0].clone());
                let at = self.path[self.path.len() - 1];
                let place = format!("{base}{}/$ref", sites[at].at);
                let chain = chain.join(" → ");
                if self.refuse == Refuse::InPlace {
                    Diagnostic::error(place, "definition.ref_cycle", text::ref_cycle(&chain))
                } else {
                    Diagnostic::error(
                        place,
                        "definition.ref_cycle_required",
                        text::ref_cycle_required(&chain),
                    )
                }
            }
            Stop::TooDeep(at) => Diagnostic::error(
                format!("{base}{}/$ref", sites[at].at),
                "definition.ref_too_deep",
                text::ref_too_deep(self.limit),
            ),
        }
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
        let through_required = json!({
            "$defs": {"a": {"required": ["next"], "properties": {"next": {"$ref": "#/$defs/b"}}}, "b": {"allOf": [{"$ref": "#/$defs/a"}]}},
            "properties": {"start": {"$ref": "#/$defs/a"}}
        });
        let found = check(&through_required, "/form", &Limits::default());
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, "definition.ref_cycle_required");
        assert!(
            found[0].message.en.ends_with(
                "which no finite data can satisfy: /form/$defs/a/properties/next → \
                 /form/$defs/b/allOf/0 → /form/$defs/a/properties/next; make one place in it \
                 optional (drop it from required, or its minItems)"
            ),
            "{}",
            found[0].message.en
        );
    }

    #[test]
    fn recursion_that_finite_data_ends_is_fine() {
        // An optional property, a list that may be empty, a list of at
        // least one entry whose recursion is optional, a `oneOf` branch.
        for schema in [
            json!({"$defs": {"a": {"properties": {"next": {"$ref": "#/$defs/a"}}}}, "$ref": "#/$defs/a"}),
            json!({"$defs": {"n": {"required": ["children"], "properties": {"children": {"type": "array", "items": {"$ref": "#/$defs/n"}}}}}, "$ref": "#/$defs/n"}),
            json!({"$defs": {"n": {"properties": {"children": {"minItems": 1, "items": {"$ref": "#/$defs/n"}}}}}, "properties": {"root": {"$ref": "#/$defs/n"}}}),
            json!({"$defs": {"n": {"required": ["x"], "properties": {"x": {"oneOf": [{"type": "string"}, {"$ref": "#/$defs/n"}]}}}}, "$ref": "#/$defs/n"}),
        ] {
            assert_eq!(codes(&schema, 16), [], "{schema}");
        }
        // Forced all the way round: a required list of at least one entry.
        let forced = json!({"$defs": {"n": {"required": ["children"], "properties": {"children": {"minItems": 1, "items": {"$ref": "#/$defs/n"}}}}}, "$ref": "#/$defs/n"});
        assert_eq!(
            codes(&forced, 16),
            [(
                "/form/$defs/n/properties/children/items/$ref".to_owned(),
                "definition.ref_cycle_required"
            )]
        );
        // A reference in the target's own `$defs` is not applied with it.
        let defs_only = json!({"$defs": {"a": {"$defs": {"b": {"$ref": "#/$defs/a"}}, "type": "string"}}, "$ref": "#/$defs/a"});
        assert_eq!(codes(&defs_only, 16), []);
    }

    #[test]
    fn bundled_resources_are_local() {
        let schema = json!({
            "$defs": {"p": {"$id": "https://forms.example.gov.cn/person", "properties": {
                "name": {"type": "string"},
                "alias": {"$ref": "https://forms.example.gov.cn/person#/properties/name"},
                "bare": {"$ref": "#/properties/name"}
            }}},
            "properties": {"holder": {"$ref": "https://forms.example.gov.cn/person"}, "other": {"$ref": "https://forms.example.gov.cn/nobody"}}
        });
        assert_eq!(
            codes(&schema, 16),
            [
                (
                    "/form/$defs/p/properties/bare/$ref".to_owned(),
                    "definition.ref_inside_resource"
                ),
                (
                    "/form/properties/other/$ref".to_owned(),
                    "definition.ref_remote"
                ),
            ]
        );
        assert_eq!(
            crate::pointer::resolve_local(
                &schema,
                "https://forms.example.gov.cn/person#/properties/name"
            ),
            Some(&json!({"type": "string"}))
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
