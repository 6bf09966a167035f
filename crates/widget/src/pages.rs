//! The pages of the application: first 办事指引 when the item has situation
//! questions (asked there, with the applicant's checklist), then one per
//! `ui.steps` entry (or one page with every field; a step holding only
//! situation questions is left out, they were asked first), then the
//! materials page when the item has materials, then the review page (核对信息).
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
    /// 办事指引: the situation questions (JSON Pointers), then the checklist.
    Guide {
        questions: Vec<String>,
    },
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
        if let Some(guide) = self.0.iter().position(|p| match p {
            Page::Guide { questions } => questions.iter().any(|q| asks(q, path)),
            _ => false,
        }) {
            return Some(guide);
        }
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
            Page::Guide { .. } => banli_core::messages::checklist::page_title()
                .get(lang)
                .to_owned(),
            Page::Materials => text::materials_step().get(lang).to_owned(),
            Page::Review => text::review().get(lang).to_owned(),
        }
    }
}

/// The page to be on instead of `page` when only `shown` (indices in
/// order) are shown: `page` itself when shown, else the next shown page
/// (the applicant was moving forward), else the last shown one before it.
pub fn nearest_shown(shown: &[usize], page: usize) -> usize {
    shown
        .iter()
        .copied()
        .find(|&i| i >= page)
        .or_else(|| shown.last().copied())
        .unwrap_or(page)
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

#[cfg(test)]
mod tests {
    use super::nearest_shown;

    #[test]
    fn a_skipped_page_gives_way_to_the_nearest_shown_one() {
        assert_eq!(nearest_shown(&[0, 1, 4, 5], 1), 1, "shown: itself");
        assert_eq!(
            nearest_shown(&[0, 1, 4, 5], 2),
            4,
            "skipped: the next shown"
        );
        assert_eq!(nearest_shown(&[0, 1], 3), 1, "none after: the last before");
        assert_eq!(nearest_shown(&[], 3), 3, "nothing shown: unchanged");
    }

    /// Issue 18: a bundle whose member has situation questions opens on
    /// 办事指引 with them, at their places in the merged form, by the same
    /// rule as an item (no bundle rule here); the member's step holding only
    /// those questions is left out.
    #[test]
    fn a_bundle_with_a_situational_member_opens_on_the_guide() {
        use super::{Page, Pages};
        let bundle = crate::state::tests::project_approval();
        let pages = Pages::of(bundle.merged());
        assert_eq!(
            pages.get(0),
            Page::Guide {
                questions: [
                    "land_by_allocation",
                    "agricultural",
                    "upper_level_authority",
                    "stability_assessment_exempt"
                ]
                .map(|q| format!("/feasibility/situation/{q}"))
                .into()
            }
        );
        assert!(
            !pages.iter().any(|p| matches!(p, Page::Form { fields, .. }
                if fields.iter().any(|f| f == "/feasibility/situation"))),
            "the questions' own step is not asked again"
        );
    }
}
