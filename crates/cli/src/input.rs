//! Reading the files a command is given, with errors that name the file and
//! the place: a missing file, malformed JSON (line and column), an item
//! definition or calendar that breaks its format (every problem listed).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, anyhow};
use banli_core::calendar::{CalendarFile, WorkCalendar};
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

/// The national calendar, extended by the files given in order; with a
/// base (national) file among them, that file replaces the built-in one.
pub fn load_calendar(paths: &[PathBuf]) -> anyhow::Result<WorkCalendar> {
    let mut files = Vec::with_capacity(paths.len());
    for path in paths {
        let text = read_text(path)?;
        let file = CalendarFile::from_str(&text)
            .map_err(|d| anyhow!("{} is not a usable calendar:\n{}", path.display(), list(&d)))?;
        files.push((path, file));
    }
    let starts_with_base = files.first().is_some_and(|(_, f)| f.extends.is_none());
    let mut calendar = if starts_with_base {
        let (path, base) = files.remove(0);
        WorkCalendar::from_files(vec![base])
            .map_err(|d| anyhow!("{}:\n{}", path.display(), list(&d)))?
    } else {
        WorkCalendar::national()
    };
    for (path, file) in files {
        calendar
            .extend(file)
            .map_err(|d| anyhow!("{} cannot be applied:\n{}", path.display(), list(&d)))?;
    }
    Ok(calendar)
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
