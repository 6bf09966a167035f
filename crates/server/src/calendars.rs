//! The working-day calendar of a running server: the built-in national
//! calendar with the operator's files laid over it (`--calendar FILE`,
//! repeatable, and every `*.json` in `--calendar-dir` /
//! `BANLI_CALENDAR_DIR`), combined by the core's one set of rules
//! (`banli_core::calendar::load`). This module only reads the files.
//!
//! The calendar can be replaced while the server runs (SIGHUP, see
//! `main.rs`): requests already running keep the calendar they started
//! with, the next ones get the new one, so no request fails during a
//! reload. A reload that does not load keeps the old calendar.

use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use anyhow::{Context, bail};
use banli_core::calendar::{CalendarSource, FileProblems, WorkCalendar, load};
use banli_core::messages::server as words;

/// Where the calendar files come from; read again on every reload.
#[derive(Debug, Clone, Default)]
pub struct CalendarFiles {
    pub files: Vec<PathBuf>,
    pub dir: Option<PathBuf>,
}

impl CalendarFiles {
    /// The files to load: each `--calendar` file, then the directory's
    /// `*.json` files in name order.
    ///
    /// # Errors
    ///
    /// A directory that cannot be listed, a file that cannot be read.
    pub fn read(&self) -> anyhow::Result<Vec<(String, String)>> {
        let mut paths = self.files.clone();
        if let Some(dir) = &self.dir {
            paths.extend(json_files(dir)?);
        }
        paths
            .iter()
            .map(|path| {
                let text = std::fs::read_to_string(path).with_context(|| {
                    words::calendar_file_unreadable(&path.display().to_string()).both()
                })?;
                Ok((path.display().to_string(), text))
            })
            .collect()
    }

    /// The national calendar with these files laid over it.
    ///
    /// # Errors
    ///
    /// A file that cannot be read, or every problem of every file that
    /// does not load, each named with its file and JSON Pointer, in both
    /// languages.
    pub fn load(&self) -> anyhow::Result<Loaded> {
        let files = self.read()?;
        let sources: Vec<CalendarSource<'_>> = files
            .iter()
            .map(|(name, text)| CalendarSource { name, text })
            .collect();
        let calendar = load(&sources).map_err(|problems| anyhow::anyhow!(describe(&problems)))?;
        Ok(Loaded { calendar, files })
    }
}

fn json_files(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let entries = std::fs::read_dir(dir)
        .with_context(|| words::calendar_dir_unreadable(&dir.display().to_string()).both())?;
    let mut paths = Vec::new();
    for entry in entries {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "json") && path.is_file() {
            paths.push(path);
        }
    }
    paths.sort();
    if paths.is_empty() && !dir.is_dir() {
        bail!("{} is not a directory", dir.display());
    }
    Ok(paths)
}

/// Every problem, one line each: `FILE POINTER: 中文 / English [code]`.
pub fn describe(problems: &[FileProblems]) -> String {
    let mut out = words::calendars_do_not_load().both();
    for file in problems {
        for d in &file.diagnostics {
            let place = d.place();
            out.push_str(&format!(
                "\n  {} {place}: {} / {} [{}]",
                file.file, d.message.zh, d.message.en, d.code
            ));
        }
    }
    out
}

/// A calendar and the files it was made of (names and texts, for
/// `GET /api/calendars`, so a portal's widget counts on the same days).
#[derive(Debug, Clone)]
pub struct Loaded {
    pub calendar: WorkCalendar,
    pub files: Vec<(String, String)>,
}

impl Loaded {
    /// The built-in national calendar alone.
    pub fn national() -> Self {
        Self {
            calendar: WorkCalendar::national(),
            files: Vec::new(),
        }
    }
}

/// The calendar in use, swapped whole on reload.
#[derive(Debug)]
pub struct SharedCalendar(RwLock<Arc<Loaded>>);

impl SharedCalendar {
    pub fn new(loaded: Loaded) -> Self {
        Self(RwLock::new(Arc::new(loaded)))
    }

    /// The calendar now; a request keeps this one to its end.
    pub fn loaded(&self) -> Arc<Loaded> {
        self.0
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// The working-day calendar now.
    pub fn current(&self) -> WorkCalendarRef {
        WorkCalendarRef(self.loaded())
    }

    /// Replaces the calendar for every later request.
    pub fn replace(&self, loaded: Loaded) {
        *self
            .0
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Arc::new(loaded);
    }
}

/// A held calendar, usable as `&WorkCalendar`.
#[derive(Debug, Clone)]
pub struct WorkCalendarRef(Arc<Loaded>);

impl std::ops::Deref for WorkCalendarRef {
    type Target = WorkCalendar;
    fn deref(&self) -> &WorkCalendar {
        &self.0.calendar
    }
}
