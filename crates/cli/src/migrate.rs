//! `banli migrate ITEM.json [--write]`: the item definition with its form
//! (and `required.when` conditions) rewritten from draft-07 to JSON Schema
//! 2020-12 by `banli_core::migrate::draft07`. The JSON goes to stdout, the
//! list of changes to stderr, so `banli migrate a.json > b.json` works;
//! `--write` replaces the file atomically (a temporary file in the same
//! folder, then a rename), so an error never leaves it half-written.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, anyhow};
use banli_core::messages::migrate as text;
use banli_core::migrate::{Migrated, draft07};

use crate::Outcome;
use crate::args::MigrateArgs;
use crate::{input, out, style};

pub fn run(args: &MigrateArgs) -> anyhow::Result<Outcome> {
    let path = &args.item;
    let file = path.display().to_string();
    let source = input::read_text(path)?;
    let value = banli_core::json_text::parse(&source).map_err(|e| {
        anyhow!(
            "{}\n{}",
            input::syntax_error(path, &e),
            text::cannot_migrate(&file).get(args.lang)
        )
    })?;
    let Migrated { value, changes } = draft07(&value).map_err(|e| {
        let at = banli_core::lint::locate(&source, e.pointer())
            .map(|p| format!(":{}:{}", p.line, p.column))
            .unwrap_or_default();
        let place = if e.pointer().is_empty() {
            "/"
        } else {
            e.pointer()
        };
        anyhow!(
            "{}\n{file}{at}: {place}: {}",
            text::cannot_migrate(&file).get(args.lang),
            e.message().get(args.lang)
        )
    })?;
    let mut report = String::new();
    if changes.is_empty() {
        report.push_str(text::nothing_to_migrate().get(args.lang));
        report.push('\n');
    } else {
        report.push_str(text::changes_heading(changes.len()).get(args.lang));
        report.push('\n');
        for change in &changes {
            report.push_str(&format!(
                "  {}: {}\n",
                change.pointer,
                change.message().get(args.lang)
            ));
        }
    }
    let json = format!("{}\n", serde_json::to_string_pretty(&value)?);
    if args.write {
        if !changes.is_empty() {
            replace(path, &json)
                .with_context(|| text::cannot_migrate(&file).get(args.lang).to_owned())?;
            report.push_str(text::written(&file).get(args.lang));
            report.push('\n');
        }
        eprint(&report);
    } else {
        eprint(&report);
        out::print(&json)?;
    }
    Ok(Outcome::Clean)
}

/// The changes go to stderr, dimmed, so they never mix with the JSON.
fn eprint(report: &str) {
    anstream::eprint!(
        "{}{report}{}",
        style::DIM.render(),
        style::DIM.render_reset()
    );
}

/// Replaces `path` with `contents` atomically: the new text is written and
/// flushed to a temporary file beside it (same folder, so the rename cannot
/// cross file systems), which then takes the original's name. On any error
/// the temporary file is removed and the original is left as it was.
fn replace(path: &Path, contents: &str) -> anyhow::Result<()> {
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .ok_or_else(|| anyhow!("{} is not a file", path.display()))?;
    let temporary: PathBuf = folder.join(format!(
        ".{}.banli-migrate-{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| -> anyhow::Result<()> {
        let mut file = std::fs::File::create_new(&temporary)
            .with_context(|| format!("cannot create {}", temporary.display()))?;
        file.write_all(contents.as_bytes())
            .and_then(|()| file.sync_all())
            .with_context(|| format!("cannot write {}", temporary.display()))?;
        // Keep the original's permissions (a read-only file stays read-only).
        let permissions = std::fs::metadata(path)
            .with_context(|| format!("cannot read {}", path.display()))?
            .permissions();
        std::fs::set_permissions(&temporary, permissions)
            .with_context(|| format!("cannot set the permissions of {}", temporary.display()))?;
        std::fs::rename(&temporary, path)
            .with_context(|| format!("cannot replace {}", path.display()))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result
}
