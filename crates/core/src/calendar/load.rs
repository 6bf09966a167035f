//! The one set of rules for combining calendar files that a deployment
//! loads at run time (`banli check --calendar`, `banli-server --calendar`
//! and `BANLI_CALENDAR_DIR`, a portal's `calendars` option): the shells
//! only read the files; which file goes where is decided here.
//!
//! - The national calendar built into banli is always the start, so a
//!   deployment that loads nothing still has the years banli shipped with.
//! - Files of the base region (`CN`, no `extends`) come first and add
//!   years: next year's notice is published as a file of its own, or as an
//!   updated `cn.json` whose older years are the same as the built-in ones.
//!   A year that differs from the loaded one is an error.
//! - Regional files come next, parents before children (fewer `-` parts
//!   first), each laid over what it `extends`.
//! - Files of the same rank keep the order they were given in.
//!
//! Every file is checked on its own first and every problem of every file
//! is reported at once, each with the file's name.

use super::codes;
use super::file::CalendarFile;
use super::work::WorkCalendar;
use crate::diagnostic::Diagnostic;
use crate::messages::calendar as msg;
use crate::messages::{Lang, Text};

/// One calendar file as a shell read it: a name for messages (a path, a
/// URL) and its JSON text.
#[derive(Debug, Clone, Copy)]
pub struct CalendarSource<'a> {
    pub name: &'a str,
    pub text: &'a str,
}

/// The problems of one file, or of laying it over the others.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileProblems {
    /// The file's name as the shell gave it.
    pub file: String,
    pub diagnostics: Vec<Diagnostic>,
}

impl std::fmt::Display for FileProblems {
    /// One line per problem: `FILE /pointer: 中文 [code]`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, diagnostic) in self.diagnostics.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{} {diagnostic}", self.file)?;
        }
        Ok(())
    }
}

/// Every problem of every file, one per line (`FILE /pointer: text
/// [code]`), in both languages.
pub fn describe_text(problems: &[FileProblems]) -> Text {
    let lines = |lang: Lang| {
        problems
            .iter()
            .flat_map(|file| {
                file.diagnostics.iter().map(move |d| {
                    format!(
                        "{} {}: {} [{}]",
                        file.file,
                        d.place(),
                        d.message.get(lang),
                        d.code
                    )
                })
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    Text::new(lines(Lang::ZhCn), lines(Lang::En))
}

/// Every problem of every file, one per line, as [`FileProblems`] shows them
/// (the Chinese of [`describe_text`]).
pub fn describe(problems: &[FileProblems]) -> String {
    describe_text(problems).zh
}

/// The built-in national calendar with `sources` laid over it by the rules
/// of this module.
///
/// # Errors
///
/// Every file that is not a usable `banli-calendar/1` file, with all its
/// problems; when every file is usable, the first file that cannot be laid
/// over the ones before it (a region whose parent is missing, a year that
/// contradicts a loaded one). Nothing is half-loaded: on error the caller
/// keeps whatever calendar it had.
pub fn load(sources: &[CalendarSource<'_>]) -> Result<WorkCalendar, Vec<FileProblems>> {
    let mut problems = Vec::new();
    let mut files = Vec::with_capacity(sources.len());
    for (i, source) in sources.iter().enumerate() {
        if sources[..i].iter().any(|s| s.name == source.name) {
            problems.push(FileProblems {
                file: source.name.to_owned(),
                diagnostics: vec![Diagnostic::error(
                    "",
                    codes::DUPLICATE_FILE,
                    msg::duplicate_file(source.name),
                )],
            });
            continue;
        }
        match CalendarFile::from_str(source.text) {
            Ok(file) => files.push((source.name, file)),
            Err(diagnostics) => problems.push(FileProblems {
                file: source.name.to_owned(),
                diagnostics,
            }),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    // Stable: files of one rank stay in the order given.
    files.sort_by_key(|(_, file)| rank(file));
    let mut calendar = WorkCalendar::national();
    for (name, file) in files {
        calendar.extend(file).map_err(|diagnostics| {
            vec![FileProblems {
                file: name.to_owned(),
                diagnostics,
            }]
        })?;
    }
    Ok(calendar)
}

/// Base files first, then regions by depth (`CN-44` before `CN-44-SZ`).
fn rank(file: &CalendarFile) -> (bool, usize) {
    (file.extends.is_some(), file.region.matches('-').count())
}
