//! Terminal styles. `anstream` strips them when output is not a terminal,
//! so the same code prints plain text into files and pipes.

use anstyle::{AnsiColor, Style};

pub const ERROR: Style = AnsiColor::Red.on_default().bold();
pub const WARNING: Style = AnsiColor::Yellow.on_default().bold();
pub const OK: Style = AnsiColor::Green.on_default().bold();
pub const HEADING: Style = Style::new().bold();
pub const DIM: Style = Style::new().dimmed();
