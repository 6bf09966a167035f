//! Reading the files a command is given, with errors that name the file and
//! the place: a missing file, malformed JSON (line and column), an item
//! definition or calendar that breaks its format (every problem listed).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, anyhow};
use banli_core::calendar::{CalendarSource, WorkCalendar};
use banli_core::{CompiledItem, DefinitionErrors, Diagnostic, Lang};
use serde_json::Value;

pub fn read_text(path: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))
}

pub fn read_json(path: &Path) -> anyhow::Result<Value> {
    let text = read_text(path)?;
    serde_json::from_str(&text).map_err(|e| {
        anyhow!(
            "{}:{}:{}: not valid JSON: {e}",
            path.display(),
            e.line(),
            e.column()
        )
    })
}

pub fn load_item(path: &Path) -> anyhow::Result<CompiledItem> {
    let text = read_text(path)?;
    CompiledItem::from_json(&text).map_err(|e| match e {
        DefinitionErrors::Syntax {
            line,
            column,
            problem,
        } => {
            anyhow!(
                "{}:{line}:{column}: not valid JSON: {problem}",
                path.display()
            )
        }
        DefinitionErrors::Invalid { diagnostics } => {
            anyhow!(
                "{} is not a usable item definition:\n{}",
                path.display(),
                list(&diagnostics)
            )
        }
    })
}

/// The built-in national calendar with the files laid over it by the
/// core's rules (`banli_core::calendar::load`): next year's national file
/// adds its year, a regional file extends its parent.
pub fn load_calendar(paths: &[PathBuf]) -> anyhow::Result<WorkCalendar> {
    let mut texts = Vec::with_capacity(paths.len());
    for path in paths {
        texts.push((path.display().to_string(), read_text(path)?));
    }
    let sources: Vec<CalendarSource<'_>> = texts
        .iter()
        .map(|(name, text)| CalendarSource { name, text })
        .collect();
    banli_core::calendar::load(&sources).map_err(|problems| {
        let mut out = String::new();
        for file in &problems {
            out.push_str(&format!(
                "{} is not a usable calendar:\n{}",
                file.file,
                list(&file.diagnostics)
            ));
        }
        anyhow!(out.trim_end().to_owned())
    })
}

fn list(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let place = if d.pointer.is_empty() {
            "/"
        } else {
            &d.pointer
        };
        let _ = writeln!(
            out,
            "  {place}: {} ({}) [{}]",
            d.message.get(Lang::ZhCn),
            d.message.get(Lang::En),
            d.code
        );
    }
    out.trim_end().to_owned()
}

/// Whether `path` holds a bundle (`"format": "banli-bundle/1"`) rather than
/// an item definition; a file that is not JSON is left to the item loader,
/// which names the place of the problem.
pub fn is_bundle(path: &Path) -> anyhow::Result<bool> {
    let text = read_text(path)?;
    Ok(serde_json::from_str::<Value>(&text)
        .ok()
        .and_then(|v| v.get("format")?.as_str().map(|f| f == "banli-bundle/1"))
        .unwrap_or(false))
}
