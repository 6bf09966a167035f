//! `banli lint ITEM.json|DIR ...`: every problem of every item definition at
//! once. Files that cannot be read or parsed are problems too, reported with
//! their line and column, so one broken file never hides the others.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use banli_core::definition::CheckOptions;
use banli_core::diagnostic::{LocalizedDiagnostic, Severity};
use banli_core::{CompiledItem, DefinitionErrors, Diagnostic, Lang};
use serde::Serialize;

use crate::Outcome;
use crate::args::{Format, LintArgs};
use crate::style;

#[derive(Serialize)]
struct FileReport {
    file: String,
    diagnostics: Vec<LocalizedDiagnostic>,
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
        Format::Json => println!("{}", serde_json::to_string_pretty(&reports)?),
        Format::Human => anstream::print!("{}", human(&reports, files.len(), args.lang)),
    }
    Ok(if errors > 0 {
        Outcome::Invalid
    } else {
        Outcome::Clean
    })
}

fn lint_file(path: &Path, options: &CheckOptions) -> Vec<Diagnostic> {
    match std::fs::read_to_string(path) {
        Err(e) => vec![Diagnostic::error(
            "",
            "file.unreadable",
            banli_core::Text::new(
                format!("无法读取文件：{e}"),
                format!("cannot read the file: {e}"),
            ),
        )],
        Ok(text) => match serde_json::from_str::<serde_json::Value>(&text) {
            Err(e) => DefinitionErrors::Syntax {
                line: e.line(),
                column: e.column(),
                problem: e.to_string(),
            }
            .diagnostics(),
            Ok(value) => match CompiledItem::with_options(&value, options) {
                Ok(item) => item.warnings().to_vec(),
                Err(e @ DefinitionErrors::Syntax { .. }) => e.diagnostics(),
                Err(DefinitionErrors::Invalid { diagnostics }) => diagnostics,
            },
        },
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
        let _ = writeln!(
            out,
            "{}{}{}",
            style::HEADING.render(),
            report.file,
            style::HEADING.render_reset()
        );
        for d in &report.diagnostics {
            let (s, word) = match d.severity {
                Severity::Error => {
                    errors += 1;
                    (
                        style::ERROR,
                        if lang == Lang::ZhCn {
                            "错误"
                        } else {
                            "error"
                        },
                    )
                }
                Severity::Warning => {
                    warnings += 1;
                    (
                        style::WARNING,
                        if lang == Lang::ZhCn {
                            "警告"
                        } else {
                            "warning"
                        },
                    )
                }
            };
            let place = if d.pointer.is_empty() {
                "/"
            } else {
                &d.pointer
            };
            let _ = writeln!(
                out,
                "  {}{word}{} {place}: {} [{}]",
                s.render(),
                s.render_reset(),
                d.message,
                d.code
            );
        }
    }
    let _ = writeln!(
        out,
        "{files} file(s), {errors} error(s), {warnings} warning(s)"
    );
    out
}
