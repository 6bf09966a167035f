//! The guide as one self-contained HTML page: semantic markup, a quiet
//! screen style and a print stylesheet for A4 paper. Every text is escaped
//! here, so a definition can never inject markup into the page.

use std::fmt::Write as _;

use super::{Block, Guide};

const STYLE: &str = "
:root { color-scheme: light; }
body { font-family: \"Noto Serif CJK SC\", \"Source Han Serif SC\", \"Songti SC\", SimSun, serif;
       line-height: 1.7; color: #111; max-width: 58rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; text-align: center; margin-bottom: 1.5rem; }
h2 { font-size: 1.15rem; border-bottom: 1px solid #444; padding-bottom: .2rem; margin-top: 1.6rem; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
th, td { border: 1px solid #555; padding: .3rem .45rem; vertical-align: top; text-align: left; }
th { background: #eee; }
th[scope=\"col\"] { white-space: nowrap; }
table.pairs th { width: 9em; white-space: nowrap; }
footer { margin-top: 2rem; font-size: .8rem; color: #444; }
@page { size: A4; margin: 18mm 16mm 20mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; }
  h2 { break-after: avoid; }
  table { page-break-inside: auto; }
  tr, li { break-inside: avoid; }
  thead { display: table-header-group; }
  th { background: none; }
}
";

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

pub fn render(guide: &Guide) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n<h1>{}</h1>\n",
        guide.lang.tag(),
        escape(&guide.title),
        escape(&guide.title)
    );
    for section in &guide.sections {
        let _ = writeln!(out, "<section>\n<h2>{}</h2>", escape(&section.heading));
        for block in &section.blocks {
            match block {
                Block::Paragraph(text) => {
                    let _ = writeln!(out, "<p>{}</p>", escape(text));
                }
                Block::List(items) => {
                    out.push_str("<ol>\n");
                    for item in items {
                        let _ = writeln!(out, "<li>{}</li>", escape(item));
                    }
                    out.push_str("</ol>\n");
                }
                Block::Table(head, rows) if head.is_empty() => {
                    out.push_str("<table class=\"pairs\">\n<tbody>\n");
                    for row in rows {
                        let (key, rest) = row.split_first().expect("pair rows have a key");
                        let _ = write!(out, "<tr><th scope=\"row\">{}</th>", escape(key));
                        for cell in rest {
                            let _ = write!(out, "<td>{}</td>", escape(cell));
                        }
                        out.push_str("</tr>\n");
                    }
                    out.push_str("</tbody>\n</table>\n");
                }
                Block::Table(head, rows) => {
                    out.push_str("<table>\n<thead>\n<tr>");
                    for cell in head {
                        let _ = write!(out, "<th scope=\"col\">{}</th>", escape(cell));
                    }
                    out.push_str("</tr>\n</thead>\n<tbody>\n");
                    for row in rows {
                        out.push_str("<tr>");
                        for cell in row {
                            let _ = write!(out, "<td>{}</td>", escape(cell));
                        }
                        out.push_str("</tr>\n");
                    }
                    out.push_str("</tbody>\n</table>\n");
                }
            }
        }
        out.push_str("</section>\n");
    }
    let _ = write!(
        out,
        "</main>\n<footer><p>{}</p></footer>\n</body>\n</html>\n",
        escape(&guide.footer)
    );
    out
}
