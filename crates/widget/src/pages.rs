//! The pages of the application: one per `ui.steps` entry (or one page
//! with every field), then the materials page when the item has materials,
//! then the review page (核对信息).

use banli_core::CompiledItem;
use banli_core::messages::{Lang, widget as text};
use banli_core::pointer;
use banli_core::report::Place;

#[derive(Debug, Clone, PartialEq)]
pub enum Page {
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
        let mut pages = Vec::new();
        for (index, step) in definition.ui.steps.iter().enumerate() {
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
            Page::Materials => text::materials_step().get(lang).to_owned(),
            Page::Review => text::review().get(lang).to_owned(),
        }
    }
}
