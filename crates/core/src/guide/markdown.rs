//! The guide as Markdown (CommonMark with GitHub tables), for wikis and
//! review in pull requests. Every text is escaped here: Markdown's special
//! characters get a backslash, and table cells never break a row.

use std::fmt::Write as _;

use super::{Block, Guide};

/// Escapes text so Markdown shows it literally (and keeps it in one line).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

pub fn render(guide: &Guide) -> String {
    let mut out = format!("# {}\n", escape(&guide.title));
    for section in &guide.sections {
        let _ = write!(out, "\n## {}\n", escape(&section.heading));
        for block in &section.blocks {
            out.push('\n');
            match block {
                Block::Paragraph(text) => {
                    let _ = writeln!(out, "{}", escape(text));
                }
                Block::List(items) => {
                    for (i, item) in items.iter().enumerate() {
                        let _ = writeln!(out, "{}. {}", i + 1, escape(item));
                    }
                }
                Block::Table(head, rows) => {
                    let columns = rows.first().map_or(head.len(), Vec::len).max(head.len());
                    let head: Vec<String> = if head.is_empty() {
                        vec![String::new(); columns]
                    } else {
                        head.iter().map(|h| escape(h)).collect()
                    };
                    let _ = writeln!(out, "| {} |", head.join(" | "));
                    let _ = writeln!(out, "|{}", " --- |".repeat(columns));
                    for row in rows {
                        let cells: Vec<String> = row.iter().map(|c| escape(c)).collect();
                        let _ = writeln!(out, "| {} |", cells.join(" | "));
                    }
                }
            }
        }
    }
    let _ = write!(out, "\n---\n\n{}\n", escape(&guide.footer));
    out
}
