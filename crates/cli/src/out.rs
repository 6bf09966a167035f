//! Standard output for every command, in one place.
//!
//! `print!` panics when a write fails, and a reader that stops early
//! (`banli guide … | head`) closes the pipe: that is the reader's choice, not
//! a fault. Here a closed pipe ends the output quietly, so the command still
//! exits with its verdict (0 or 1) instead of a panic (101); any other write
//! failure is an error like any other. Styles go through `anstream`, which
//! strips them when the output is not a terminal.

use std::io::{ErrorKind, Write};

use anyhow::Context;

/// Writes `text` to standard output as it is.
pub fn print(text: &str) -> anyhow::Result<()> {
    let mut stdout = anstream::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(error) if error.kind() == ErrorKind::BrokenPipe => Ok(()),
        result => result.context("cannot write to standard output"),
    }
}

/// Writes `text` and a line break to standard output.
pub fn println(text: &str) -> anyhow::Result<()> {
    print(&format!("{text}\n"))
}
