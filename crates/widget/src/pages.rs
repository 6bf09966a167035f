//! The pages of the application: first 办事指引 when the item has situation
//! questions (asked there, with the applicant's checklist), then one per
//! `ui.steps` entry (or one page with every field; a step holding only
//! situation questions is left out, they were asked first), then the
//! materials page when the item has materials, then the review page (核对信息).

use banli_core::CompiledItem;
use banli_core::messages::{Lang, widget as text};
use banli_core::pointer;
use banli_core::report::Place;

#[derive(Debug, Clone, PartialEq)]
pub enum Page {
    /// 办事指引: the situation questions (JSON Pointers), then the checklist.
    Guide {
        questions: Vec<String>,
    },
    /// Form fields: `fields` are the root properties shown on this page.
    Form {
        index: usize,
        title: (String, String),
        fields: Vec<String>,
    },
    Materials,
    Review,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Pages(Vec<Page>);

impl Pages {
    pub fn of(item: &CompiledItem) -> Pages {
        let definition = item.definition();
        let questions: Vec<String> = definition
            .situations
            .iter()
            .map(|q| q.field.clone())
            .collect();
        let mut pages = Vec::new();
        if !questions.is_empty() {
            pages.push(Page::Guide {
                questions: questions.clone(),
            });
        }
        for (index, step) in definition.ui.steps.iter().enumerate() {
            if !step.fields.is_empty()
                && step
                    .fields
                    .iter()
                    .all(|f| only_questions(&definition.form, f, &questions))
            {
                continue;
            }
            let fields = step
                .fields
                .iter()
                .filter_map(|f| pointer::parse(f).first().map(|s| s.as_key().into_owned()))
                .collect();
            let english = step
                .i18n
                .get("en")
                .and_then(|t| t.get("title"))
                .cloned()
                .unwrap_or_else(|| step.title.clone());
            pages.push(Page::Form {
                index,
                title: (step.title.clone(), english),
                fields,
            });
        }
        if pages.is_empty() {
            // Every field any branch may show: a root `oneOf` adds its
            // branch's fields once the choice is made.
            let all = item.root_field_names();
            let title = text::form_details();
            pages.push(Page::Form {
                index: 0,
                title: (title.zh, title.en),
                fields: all,
            });
        }
        if !definition.materials.is_empty() {
            pages.push(Page::Materials);
        }
        pages.push(Page::Review);
        Pages(pages)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn get(&self, index: usize) -> Page {
        self.0[index.min(self.0.len() - 1)].clone()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Page> {
        self.0.iter()
    }

    /// The page that shows the place an error points at.
    pub fn page_of(&self, path: &str) -> Option<usize> {
        if let Some(guide) = self.0.iter().position(|p| match p {
            Page::Guide { questions } => questions.iter().any(|q| asks(q, path)),
            _ => false,
        }) {
            return Some(guide);
        }
        if Place::of(path).is_materials_step() {
            return self.0.iter().position(|p| *p == Page::Materials);
        }
        let first = pointer::parse(path)
            .first()
            .map(|s| s.as_key().into_owned())?;
        self.0
            .iter()
            .position(|p| matches!(p, Page::Form { fields, .. } if fields.contains(&first)))
            .or(Some(0))
    }

    pub fn title(&self, index: usize, lang: Lang) -> String {
        match self.get(index) {
            Page::Form { title, .. } => {
                if lang == Lang::ZhCn {
                    title.0
                } else {
                    title.1
                }
            }
            Page::Guide { .. } => banli_core::messages::checklist::page_title()
                .get(lang)
                .to_owned(),
            Page::Materials => text::materials_step().get(lang).to_owned(),
            Page::Review => text::review().get(lang).to_owned(),
        }
    }
}

/// Whether an error at `path` belongs to the situation question `question`:
/// the question itself, or a group above it that is missing altogether.
pub fn asks(question: &str, path: &str) -> bool {
    question == path || question.starts_with(&format!("{path}/"))
}

/// Whether the step field `field` (a JSON Pointer) holds nothing but
/// situation questions: it is one, or an object of the form whose declared
/// properties all are.
fn only_questions(form: &serde_json::Value, field: &str, questions: &[String]) -> bool {
    if questions.iter().any(|q| q == field) {
        return true;
    }
    let mut schema = form;
    for segment in pointer::parse(field) {
        match schema
            .get("properties")
            .and_then(|p| p.get(segment.as_key().as_ref()))
        {
            Some(next) => schema = next,
            None => return false,
        }
    }
    let Some(properties) = schema.get("properties").and_then(|p| p.as_object()) else {
        return false;
    };
    !properties.is_empty()
        && properties
            .keys()
            .all(|name| questions.iter().any(|q| *q == pointer::join(field, name)))
}
