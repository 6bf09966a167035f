//! `banli checklist ITEM.json [--answers DATA.json] [--format human|json]`:
//! the applicant's own checklist (办事指引) for the answers to the item's
//! situation questions, from `CompiledItem::checklist`.

use banli_core::messages::checklist as text;

use crate::Outcome;
use crate::args::{ChecklistArgs, Format};
use crate::{input, out};

pub fn run(args: &ChecklistArgs) -> anyhow::Result<Outcome> {
    let item = input::load_definition(&args.item)?;
    let data = match &args.answers {
        Some(path) => input::read_json(path)?,
        None => serde_json::Value::Object(serde_json::Map::new()),
    };
    let lang = args.lang;
    let list = item.checklist(&data, lang);
    if args.format == Format::Json {
        out::print(&format!("{}\n", serde_json::to_string_pretty(&list)?))?;
        return Ok(Outcome::Clean);
    }
    let mut page = String::new();
    let name = item.definition().localized_name(lang);
    page.push_str(&format!("{}\n\n", text::title(name).get(lang)));
    if !list.situations.is_empty() {
        let held = list.situations.join(text::separator().get(lang));
        page.push_str(&format!("{}\n", text::situations_hold(&held).get(lang)));
    }
    if !list.unanswered.is_empty() {
        let count = list.unanswered.len();
        let places = list.unanswered_titles.join(text::separator().get(lang));
        page.push_str(&format!(
            "{}\n",
            text::unanswered_at(count, &places).get(lang)
        ));
    }
    for (heading, materials) in list.groups() {
        page.push_str(&format!("\n{}\n", heading.get(lang)));
        for m in materials {
            let line = text::material_line(&m.name, &m.necessity);
            page.push_str(&format!("  - {}\n", line.get(lang)));
            let marks = m.marks(lang).join(text::separator().get(lang));
            page.push_str(&format!("      {marks}\n"));
        }
    }
    page.push('\n');
    for line in list.facts() {
        page.push_str(&format!("{line}\n"));
    }
    out::print(&page)?;
    Ok(Outcome::Clean)
}
