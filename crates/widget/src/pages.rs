//! The pages of the application: one per `ui.steps` entry (or one page
//! with every field), then the materials page when the item has materials,
//! then the review page (核对信息).
//!
//! A step lists JSON Pointers: root fields for an ordinary item, fields
//! inside a member's group for a bundle (`/food/contact`). A page shows
//! exactly those fields (inside their groups' headings, see
//! [`crate::view::on_page`]) and owns their errors ([`on_fields`]); a page
//! none of whose fields is laid out for the answers given is skipped.

use banli_core::CompiledItem;
use banli_core::messages::{Lang, widget as text};
use banli_core::pointer;
use banli_core::report::Place;

#[derive(Debug, Clone, PartialEq)]
pub enum Page {
    /// Form fields: `fields` are the JSON Pointers of the fields shown on
    /// this page (the step's `fields`).
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
            let fields = step.fields.clone();
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
            let all = item
                .root_field_names()
                .iter()
                .map(|name| pointer::join("", name))
                .collect();
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
        self.0
            .iter()
            .position(|p| matches!(p, Page::Form { fields, .. } if on_fields(path, fields)))
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

/// Whether a problem at `path` (a JSON Pointer) belongs to a page showing
/// `fields`: it is at or inside one of them, or at a group above one (a
/// group not given at all is reported at the group, and its fields are
/// what the applicant fills in to fix it). The root belongs to no page.
pub fn on_fields(path: &str, fields: &[String]) -> bool {
    fields
        .iter()
        .any(|f| pointer::is_within(path, f) || (!path.is_empty() && pointer::is_within(f, path)))
}
