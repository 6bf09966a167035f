//! Reading the files a command is given, with errors that name the file and
//! the place: a missing file, malformed JSON (line and column), an item
//! definition or calendar that breaks its format (every problem listed).
//! Every message comes from the catalogue, in both languages (`中文 (English)`),
//! as the diagnostics under it are.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::anyhow;
use banli_core::calendar::{CalendarSource, WorkCalendar};
use banli_core::json_text::{self, SyntaxError};
use banli_core::messages::{cli as text, json as json_text_msg};
use banli_core::{CompiledItem, DefinitionErrors, Diagnostic, Lang, Text};
use serde_json::Value;

/// `中文 (English)`: the command line speaks both, as its diagnostics do.
pub fn zh_en(text: &Text) -> String {
    format!("{} ({})", text.zh, text.en)
}

pub fn read_text(path: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(path).map_err(|e| {
        anyhow!(
            "{}: {}",
            path.display(),
            zh_en(&text::cannot_read(&text::cannot_read_reason(
                e.kind(),
                &e.to_string()
            )))
        )
    })
}

/// `FILE:LINE:COLUMN: 不是有效的 JSON：… (not valid JSON: …)`.
pub fn syntax_error(path: &Path, e: &SyntaxError) -> anyhow::Error {
    anyhow!(
        "{}:{}:{}: {}",
        path.display(),
        e.line,
        e.column,
        zh_en(&json_text_msg::not_json(&e.problem.message()))
    )
}

pub fn read_json(path: &Path) -> anyhow::Result<Value> {
    let text = read_text(path)?;
    json_text::parse(&text).map_err(|e| syntax_error(path, &e))
}

/// An item definition, or a bundle file (一件事一次办) merged as `banli
/// bundle` does, its members resolved next to it: what the commands that
/// read one definition (guide, checklist, diff) take, so a bundle never
/// gets the item format's complaints about itself.
pub fn load_definition(path: &Path) -> anyhow::Result<CompiledItem> {
    if is_bundle(path)? {
        Ok(crate::bundle::load_bundle(path, None)?.merged().clone())
    } else {
        load_item(path)
    }
}

pub fn load_item(path: &Path) -> anyhow::Result<CompiledItem> {
    let text = read_text(path)?;
    CompiledItem::from_json(&text).map_err(|e| match e {
        DefinitionErrors::Syntax(syntax) => syntax_error(path, &syntax),
        DefinitionErrors::Invalid { diagnostics } => anyhow!(
            "{}: {}:\n{}",
            path.display(),
            zh_en(&text::not_an_item()),
            list(&diagnostics)
        ),
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
            let _ = writeln!(
                out,
                "{}: {}:\n{}",
                file.file,
                zh_en(&text::not_a_calendar()),
                list(&file.diagnostics)
            );
        }
        anyhow!(out.trim_end().to_owned())
    })
}

fn list(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let place = d.place();
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
