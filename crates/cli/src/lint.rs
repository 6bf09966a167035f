//! `banli lint ITEM.json|DIR ...`: every problem of every item definition at
//! once, each with `file:line:column`, JSON Pointer, rule code and fix hint.
//! The rules and positions come from `banli_core::lint`; this module reads
//! files and prints. A file that cannot be read is a problem too, so one
//! broken file never hides the others.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use banli_core::Lang;
use banli_core::definition::CheckOptions;
use banli_core::diagnostic::Severity;
use banli_core::lint::{FileKind, Finding, LocalizedFinding};
use banli_core::messages::cli as text;
use serde::Serialize;

use crate::Outcome;
use crate::args::{Format, LintArgs};
use crate::{out, style};

#[derive(Serialize)]
struct FileReport {
    file: String,
    diagnostics: Vec<LocalizedFinding>,
}

pub fn run(args: &LintArgs) -> anyhow::Result<Outcome> {
    let mut files = Vec::new();
    for path in &args.paths {
        collect(path, &mut files)?;
    }
    let mut reports = Vec::new();
    for file in &files {
        let options = CheckOptions {
            deferral_margin_working_days: args.deferral_margin,
            ..CheckOptions::default()
        };
        let diagnostics = lint_file(file, &options);
        reports.push(FileReport {
            file: file.display().to_string(),
            diagnostics: diagnostics.iter().map(|d| d.localized(args.lang)).collect(),
        });
    }
    let errors = reports
        .iter()
        .flat_map(|r| &r.diagnostics)
        .filter(|d| d.severity == Severity::Error)
        .count();
    match args.format {
        Format::Json => out::println(&serde_json::to_string_pretty(&reports)?)?,
        Format::Human => out::print(&human(&reports, files.len(), args.lang))?,
    }
    Ok(if errors > 0 {
        Outcome::Invalid
    } else {
        Outcome::Clean
    })
}

fn lint_file(path: &Path, options: &CheckOptions) -> Vec<Finding> {
    match std::fs::read_to_string(path) {
        Err(e) => vec![banli_core::lint::unreadable(
            &banli_core::messages::cli::cannot_read_reason(e.kind(), &e.to_string()),
        )],
        Ok(text) => {
            let mut findings = banli_core::lint::lint_any(&text, options);
            if findings.is_empty() && FileKind::of(&text) == FileKind::Bundle {
                // The file is well formed: merge its members to check the rest.
                match crate::bundle::load_parts(path, None) {
                    Ok((file, members)) => {
                        findings.extend(banli_core::lint::bundle(&text, &file, &members));
                    }
                    Err(e) => findings.push(banli_core::lint::bundle_problem(
                        &text,
                        &banli_core::bundle::BundleError::Unreadable(format!("{e:#}")),
                    )),
                }
            }
            findings
        }
    }
}

fn collect(path: &Path, out: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(|e| anyhow::anyhow!("cannot read the directory {}: {e}", path.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        for entry in entries {
            if entry.is_dir() || entry.extension().is_some_and(|x| x == "json") {
                collect(&entry, out)?;
            }
        }
        Ok(())
    } else if path.exists() {
        out.push(path.to_path_buf());
        Ok(())
    } else {
        Err(anyhow::anyhow!("{} does not exist", path.display()))
    }
}

fn human(reports: &[FileReport], files: usize, lang: Lang) -> String {
    let mut out = String::new();
    let (mut errors, mut warnings) = (0, 0);
    for report in reports.iter().filter(|r| !r.diagnostics.is_empty()) {
        for d in &report.diagnostics {
            let (s, word) = match d.severity {
                Severity::Error => {
                    errors += 1;
                    (style::ERROR, text::severity_error())
                }
                Severity::Warning => {
                    warnings += 1;
                    (style::WARNING, text::severity_warning())
                }
            };
            let place = if d.pointer.is_empty() {
                "/"
            } else {
                &d.pointer
            };
            let at = match (d.line, d.column) {
                (Some(line), Some(column)) => format!("{}:{line}:{column}", report.file),
                _ => report.file.clone(),
            };
            let _ = writeln!(
                out,
                "{at}: {}{}{} {place}: {} [{}]",
                s.render(),
                word.get(lang),
                s.render_reset(),
                d.message,
                d.code
            );
            if let Some(hint) = &d.hint {
                let label = text::hint();
                let label = label.get(lang);
                let _ = writeln!(
                    out,
                    "    {}{label}: {hint}{}",
                    style::DIM.render(),
                    style::DIM.render_reset()
                );
            }
        }
    }
    let summary = text::lint_summary(files, errors, warnings);
    let _ = writeln!(out, "{}", summary.get(lang));
    out
}
