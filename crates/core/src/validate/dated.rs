//! The dates inside identifiers, checked against the acceptance date.
//!
//! The schema engine asserts the Chinese formats with functions that see
//! only the string, so a birth date after the acceptance date passes it.
//! This pass finds every string the form says has a Chinese format with
//! dates (`ChineseFormat::check_dates`), following the branches the data
//! selects (as labels do), and reports those whose dates are impossible on
//! the acceptance date as an ordinary `format.<name>` violation. A value
//! the engine refuses is left to the engine: one error per value.

use serde_json::Value;
use time::Date;

use crate::calendar::format_date;
use crate::formats::{CHINESE_FORMATS, chinese_format};
use crate::pointer::Segment;
use crate::schema::SchemaWalker;
use crate::schema::violation::{Detail, Violation};

/// The violations of the values in `data` whose dates are impossible on
/// `accepted_on`, in data order.
///
/// Only a string that some dated format accepts with impossible dates can
/// fail here, and valid submissions hold none, so the schema (which format
/// the field has) is read at those places alone (a walk of the whole form
/// alongside the data cost a third of a valid submission's validation,
/// and reading the schema at every identifier a quarter).
pub fn violations(walker: &SchemaWalker<'_>, data: &Value, accepted_on: Date) -> Vec<Violation> {
    let dated: Vec<_> = CHINESE_FORMATS
        .iter()
        .filter(|f| f.check_dates.is_some())
        .collect();
    let impossible = |s: &str| {
        dated.iter().any(|f| {
            (f.check)(s).is_ok()
                && f.check_dates
                    .is_some_and(|dates| dates(s, accepted_on).is_err())
        })
    };
    let mut out = Vec::new();
    for (path, value) in strings(data, impossible) {
        let Some(name) = walker.at(&path, data).format() else {
            continue;
        };
        let Some(format) = chinese_format(name) else {
            continue;
        };
        let Some(check_dates) = format.check_dates else {
            continue;
        };
        if (format.check)(value).is_err() {
            continue; // the engine reports it
        }
        if let Err(problem) = check_dates(value, accepted_on) {
            out.push(Violation {
                path,
                code: format!("format.{name}"),
                detail: Detail::ChineseFormat(problem),
                engine_message: format!(
                    "{value:?} is not possible on the acceptance date {}",
                    format_date(accepted_on)
                ),
            });
        }
    }
    out
}

/// Every string in `data` that `wanted` accepts, with its place, in
/// document order. Iterative (deep data costs no stack); the places are
/// kept as links to their parents and written out only for the strings
/// found.
fn strings<'d>(data: &'d Value, wanted: impl Fn(&str) -> bool) -> Vec<(Vec<Segment>, &'d str)> {
    enum Seg<'d> {
        Key(&'d str),
        Index(usize),
    }
    // (parent link, segment under it); the root is link 0. One link per
    // value: room for a form of a hundred or so values from the start, as
    // growing the two vectors step by step cost a third of this pass.
    let mut links: Vec<(usize, Option<Seg<'d>>)> = Vec::with_capacity(128);
    links.push((0, None));
    let mut found = Vec::new();
    let mut stack = Vec::with_capacity(32);
    stack.push((data, 0));
    while let Some((value, link)) = stack.pop() {
        match value {
            Value::String(s) if wanted(s) => {
                let mut path = Vec::new();
                let mut at = link;
                while let (parent, Some(segment)) = &links[at] {
                    path.push(match segment {
                        Seg::Key(key) => Segment::Key((*key).to_owned()),
                        Seg::Index(i) => Segment::Index(*i),
                    });
                    at = *parent;
                }
                path.reverse();
                found.push((path, s.as_str()));
            }
            Value::Object(map) => {
                for (key, child) in map.iter().rev() {
                    links.push((link, Some(Seg::Key(key))));
                    stack.push((child, links.len() - 1));
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate().rev() {
                    links.push((link, Some(Seg::Index(i))));
                    stack.push((child, links.len() - 1));
                }
            }
            _ => {}
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::CompiledItem;
    use crate::calendar::parse_date;

    /// The walk of the whole form alongside the data that `violations`
    /// replaced: what it would report.
    fn by_walking(walker: &SchemaWalker<'_>, data: &Value, accepted_on: Date) -> Vec<String> {
        walker
            .string_formats(data)
            .into_iter()
            .filter_map(|(path, name)| {
                let format = chinese_format(name)?;
                let value = crate::pointer::render(&path);
                let value = crate::pointer::get(data, &value)?.as_str()?;
                ((format.check)(value).is_ok()
                    && (format.check_dates?)(value, accepted_on).is_err())
                .then(|| format!("{} {name}", crate::pointer::render(&path)))
            })
            .collect()
    }

    /// Reading the schema only where a dated format's string stands finds
    /// exactly what walking the whole form did, in the same order: every
    /// sample item with every fixture, accepted on a day before every
    /// birth date in them (so that each identifier is impossible).
    #[test]
    fn reading_only_the_candidates_finds_what_the_whole_walk_found() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let accepted_on = parse_date("1900-01-02").unwrap();
        let mut compared = 0;
        for entry in std::fs::read_dir(root.join("schemas/items")).unwrap() {
            let path = entry.unwrap().path();
            let item = CompiledItem::from_json(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            let Ok(fixtures) = std::fs::read_dir(root.join("tests/fixtures").join(&name)) else {
                continue;
            };
            for fixture in fixtures {
                let fixture = fixture.unwrap().path();
                if fixture.extension().is_none_or(|e| e != "json") {
                    continue;
                }
                let envelope: Value =
                    serde_json::from_str(&std::fs::read_to_string(&fixture).unwrap()).unwrap();
                let data = &envelope["data"];
                let walker = SchemaWalker::new(item.form());
                let found: Vec<String> = violations(&walker, data, accepted_on)
                    .iter()
                    .map(|v| format!("{} {}", v.pointer(), &v.code["format.".len()..]))
                    .collect();
                assert_eq!(
                    found,
                    by_walking(&walker, data, accepted_on),
                    "{}",
                    fixture.display()
                );
                compared += usize::from(!found.is_empty());
            }
        }
        assert!(
            compared >= 10,
            "fixtures with dated identifiers: {compared}"
        );
    }
}
