//! `banli diff OLD.json NEW.json`: what changed between two versions of an
//! item and whether it breaks saved drafts (`banli_core::diff` decides).
//! Exit 0 when nothing breaking changed, 1 when something did.

use std::fmt::Write as _;

use banli_core::Lang;
use banli_core::diff::{self, Impact};

use crate::Outcome;
use crate::args::{DiffArgs, Format};
use crate::{input, out, style};

pub fn run(args: &DiffArgs) -> anyhow::Result<Outcome> {
    let old = input::load_item(&args.old)?;
    let new = input::load_item(&args.new)?;
    let diff = diff::compare(old.definition(), new.definition()).localized(args.lang);
    match args.format {
        Format::Json => out::println(&serde_json::to_string_pretty(&diff)?)?,
        Format::Human => out::print(&human(&diff, args.lang))?,
    }
    Ok(if diff.breaking {
        Outcome::Invalid
    } else {
        Outcome::Clean
    })
}

fn human(diff: &diff::LocalizedDiff, lang: Lang) -> String {
    let zh = lang == Lang::ZhCn;
    let mut out = String::new();
    for change in &diff.changes {
        let (s, word) = match change.impact {
            Impact::Breaking => (style::ERROR, if zh { "不兼容" } else { "breaking" }),
            Impact::Compatible => (style::OK, if zh { "兼容" } else { "compatible" }),
        };
        let _ = writeln!(
            out,
            "{}{word}{} {}: {} [{}]",
            s.render(),
            s.render_reset(),
            change.path,
            change.message,
            serde_json::to_value(change.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default()
        );
    }
    let breaking = diff
        .changes
        .iter()
        .filter(|c| c.impact == Impact::Breaking)
        .count();
    let _ = writeln!(out, "{} change(s), {breaking} breaking", diff.changes.len());
    out
}
