//! `banli diff OLD.json NEW.json`: what changed between two versions of an
//! item and whether it breaks saved drafts (`banli_core::diff` decides).
//! Exit 0 when nothing breaking changed, 1 when something did.

use std::fmt::Write as _;

use banli_core::Lang;
use banli_core::diff::{self, Impact};
use banli_core::messages::cli as text;

use crate::Outcome;
use crate::args::{DiffArgs, Format};
use crate::{input, out, style};

pub fn run(args: &DiffArgs) -> anyhow::Result<Outcome> {
    let old = input::load_definition(&args.old)?;
    let new = input::load_definition(&args.new)?;
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
    let mut out = String::new();
    for change in &diff.changes {
        let (s, word) = match change.impact {
            Impact::Breaking => (style::ERROR, text::breaking()),
            Impact::Compatible => (style::OK, text::compatible()),
        };
        let word = word.get(lang);
        let _ = writeln!(
            out,
            "{}{word}{} {}: {} [{}]",
            s.render(),
            s.render_reset(),
            change.path,
            change.message,
            change.kind.as_str()
        );
    }
    let breaking = diff
        .changes
        .iter()
        .filter(|c| c.impact == Impact::Breaking)
        .count();
    let summary = text::diff_summary(diff.changes.len(), breaking);
    let _ = writeln!(out, "{}", summary.get(lang));
    out
}
