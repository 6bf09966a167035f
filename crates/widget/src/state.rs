//! The form's whole state in one `Reducible`: the data as entered, which
//! fields were touched, the page, the materials chosen, the signature, and
//! what the root should do next (focus an element, emit an event, write
//! storage). Every change goes through [`Action`] in one match; side
//! effects happen in the root's effects, driven by the `effects` this
//! reducer sets.
//!
//! After every action the reducer derives what the components show
//! ([`View`]: the layout, the errors shown, the materials and review
//! pages), once. The layout is rebuilt only when the core says the change
//! can alter it (`CompiledItem::layout_depends_on`): typing into a field
//! no condition reads keeps the layout, and every unchanged field keeps
//! comparing equal by pointer.
//!
//! State about one entry of a list is keyed by its JSON Pointer (touched
//! marks, typed number text); every list edit goes through
//! `FormState::edit_list`, which renumbers all of it so it follows its entry.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use banli_core::definition::ItemDefinition;
use banli_core::draft::{Draft, DraftError};
use banli_core::prefill::Prefill;
use banli_core::report::{Disposition, ReportError};
use banli_core::{CompiledItem, Text, pointer};
use serde_json::{Value, json};
use yew::Reducible;

use crate::engine::Engine;
pub use crate::model::{FileRef, MaterialChoice};
use crate::model::{entry_key, parse_entry_key};
use crate::pages::{self, Page, Pages};
use crate::shared::Shared;
use crate::spare::Spare;
use crate::validation::{self, Answers, Dates};
use crate::view::{self, PageView, View};

/// What the form says about drafts, above the page.
#[derive(Debug, Clone)]
pub enum DraftNotice {
    /// A saved draft, offered back ("继续填写上次的草稿？"), with the
    /// definition it was saved under when it is an older version.
    Offered {
        draft: Rc<Draft>,
        old: Option<Rc<ItemDefinition>>,
    },
    /// The draft was restored; under a new version, what changed.
    Restored {
        version: Option<(String, String)>,
        changes: Option<Vec<Text>>,
        problems: usize,
        dropped: usize,
    },
    /// A stored draft could not be read and was discarded.
    Corrupt,
    /// A stored draft the core will not use (`problem`: why, e.g. its
    /// data is over the limits); it stays in storage, and nothing is
    /// saved over it until the applicant clears it.
    Unusable { problem: Text },
    /// The applicant cleared the draft.
    Cleared,
}

impl DraftNotice {
    /// The notice for a stored text that is not a usable draft: kept and
    /// not used when the core says so (`Unusable`), otherwise `None`: the
    /// text is discarded and the applicant told so (`Corrupt`).
    pub fn kept(error: &DraftError) -> Option<Self> {
        let problem = error.message().filter(|_| error.keeps_draft())?;
        Some(Self::Unusable { problem })
    }
}

impl PartialEq for DraftNotice {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Self::Offered { draft: a, .. }, Self::Offered { draft: b, .. }) => Rc::ptr_eq(a, b),
            (
                Self::Restored {
                    version: v1,
                    changes: c1,
                    problems: p1,
                    dropped: d1,
                },
                Self::Restored {
                    version: v2,
                    changes: c2,
                    problems: p2,
                    dropped: d2,
                },
            ) => v1 == v2 && c1 == c2 && p1 == p2 && d1 == d2,
            (Self::Unusable { problem: a }, Self::Unusable { problem: b }) => a == b,
            (Self::Corrupt, Self::Corrupt) | (Self::Cleared, Self::Cleared) => true,
            _ => false,
        }
    }
}

/// A write to local storage the root makes (storage is touched only in
/// the root's effects).
#[derive(Debug, Clone, PartialEq)]
pub enum StorageWrite {
    /// Remove the item's draft, and the definition kept for `version`
    /// when it is an older one.
    ClearDraft { version: Option<String> },
    /// Forget the definition kept for an older draft once it was used.
    ForgetDefinition { code: String, version: String },
}

/// Something the root must do after rendering; `serial` makes repeated
/// requests (focus the same summary twice) distinct.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Effects {
    pub focus: Option<(String, u64)>,
    pub submit: Option<(String, u64)>,
    pub change: Option<(String, u64)>,
    /// A draft was restored: the `banli-draft-restored` detail (JSON).
    pub restored: Option<(String, u64)>,
    pub storage: Option<(StorageWrite, u64)>,
    serial: u64,
}

impl Effects {
    fn next(&mut self) -> u64 {
        self.serial += 1;
        self.serial
    }
}

#[derive(Debug, Clone)]
pub struct FormState {
    pub item: Rc<CompiledItem>,
    pub lang: banli_core::Lang,
    /// Prefix of every element id of this form instance.
    pub prefix: String,
    pub pages: Pages,
    /// The data as entered; shared with the components, which compare
    /// only their part of it.
    pub data: Rc<Value>,
    /// `data` as it would be submitted (`CompiledItem::submitted_data`).
    pub submitted_data: Rc<Value>,
    pub touched: BTreeSet<String>,
    /// What the applicant typed into number fields, shown as typed ("66."
    /// while typing "66.2"), while `data` holds the parsed number.
    pub number_text: Shared<BTreeMap<String, String>>,
    pub page: usize,
    /// Pages on which the applicant pressed Next/Submit: all their errors show.
    pub attempted: BTreeSet<usize>,
    /// The error summary, when a Next/Submit found problems.
    pub summary: Option<Rc<Vec<ReportError>>>,
    pub materials: BTreeMap<String, MaterialChoice>,
    pub signer: String,
    pub confirmed: bool,
    pub submitted: bool,
    pub draft: Option<DraftNotice>,
    /// A stored draft that is not used is kept: the form must not save
    /// over it (until 清除草稿 removes it).
    pub keeps_stored_draft: bool,
    /// The host's prefill: values with their provenance, shared materials.
    pub prefill: Rc<Prefill>,
    /// The elderly-friendly large-text mode (大字模式).
    pub large_text: bool,
    /// Why the last file chosen for a material was not taken, by material id.
    pub upload_problems: BTreeMap<String, Text>,
    /// The calendar and acceptance date deadlines are computed from.
    pub dates: Rc<Dates>,
    /// The schema engine, or none yet (see [`crate::engine`]).
    pub engine: Engine,
    /// What the applicant asked for that needs a verdict, made while the
    /// engine was pending: carried out when it arrives.
    pub waiting: Option<Box<Action>>,
    pub effects: Effects,
    /// What the components show, derived after every action.
    pub view: View,
    /// The data one version back, written again by the next keystroke
    /// instead of copying the whole data ([`crate::spare`]).
    spare: Spare,
}

impl PartialEq for FormState {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.item, &other.item)
            && self.lang == other.lang
            && self.data == other.data
            && self.touched == other.touched
            && self.number_text == other.number_text
            && self.page == other.page
            && self.attempted == other.attempted
            && self.summary == other.summary
            && self.materials == other.materials
            && self.signer == other.signer
            && self.confirmed == other.confirmed
            && self.submitted == other.submitted
            && self.draft == other.draft
            && self.keeps_stored_draft == other.keeps_stored_draft
            && self.large_text == other.large_text
            && self.upload_problems == other.upload_problems
            && self.engine == other.engine
            && self.waiting.is_some() == other.waiting.is_some()
            && self.effects == other.effects
    }
}

#[derive(Debug, Clone)]
pub enum Action {
    SetLang {
        lang: banli_core::Lang,
    },
    /// Set (or with `None`, clear) the value at a pointer.
    Set {
        at: String,
        value: Option<Value>,
    },
    /// Text typed into a number field.
    SetNumber {
        at: String,
        text: String,
    },
    Blur {
        at: String,
    },
    /// A new entry at the end of the list at `list`.
    AddEntry {
        list: String,
        is_object: bool,
    },
    RemoveEntry {
        list: String,
        index: usize,
    },
    /// Swaps two entries (the up/down buttons move by one).
    MoveEntry {
        list: String,
        from: usize,
        to: usize,
    },
    Next,
    Back,
    /// Go to a page and focus an element there.
    GoTo {
        page: usize,
        focus: Option<String>,
    },
    /// Focus the field of an error (from the summary), switching page if needed.
    FocusError {
        path: String,
    },
    SetDisposition {
        material: String,
        disposition: Disposition,
    },
    /// Which of a material's alternatives is provided (its id).
    SetAlternative {
        material: String,
        alternative: String,
    },
    SetFile {
        material: String,
        file: FileRef,
    },
    /// A chosen file was refused (wrong type, too large, the host's upload failed).
    UploadProblem {
        material: String,
        problem: Text,
    },
    SetSigner {
        name: String,
    },
    SetConfirmed {
        confirmed: bool,
    },
    Submit {
        signed_at: String,
    },
    /// Continue the offered draft.
    RestoreDraft,
    /// Decline the offered draft (重新开始).
    DiscardDraft,
    /// Clear the draft and start again (清除草稿).
    ClearDraft,
    DismissNotice,
    SetLargeText {
        on: bool,
    },
    /// The schema engine arrived (the view was built without it).
    EngineReady {
        engine: Engine,
    },
}

/// What an action changed, for deriving the view.
#[derive(Debug, Clone, Default)]
struct Changed {
    /// The layout may differ (a value a condition reads, a list, the language).
    layout: bool,
    /// The data, materials or signature changed: the host hears of it.
    answers: bool,
    /// The language changed: a summary shown is said again in it.
    lang: bool,
    /// The one value that changed, when only one did (a keystroke): the
    /// submitted data is then updated from the one before.
    at: Option<String>,
}

impl FormState {
    pub fn new(
        item: Rc<CompiledItem>,
        lang: banli_core::Lang,
        prefix: String,
        prefill: Rc<Prefill>,
        dates: Rc<Dates>,
    ) -> Self {
        let pages = Pages::of(&item);
        let item_for_engine = item.clone();
        let materials = prefill
            .shared_materials(&item)
            .into_iter()
            .map(|id| {
                (
                    id,
                    MaterialChoice {
                        disposition: Some(Disposition::Shared),
                        files: Vec::new(),
                        alternative: None,
                    },
                )
            })
            .collect();
        let data = Rc::new(prefill.apply(&json!({})));
        let submitted_data = Rc::new(item.submitted_data(&data));
        let view = View {
            layout: view::layout_of(&item, &data, lang, &prefill),
            layout_lang: lang,
            shown: Shared::default(),
            page_errors: Rc::default(),
            visible: Shared::default(),
            page: PageView::Form {
                fields: Vec::new().into(),
            },
        };
        let mut state = Self {
            data,
            submitted_data,
            item,
            lang,
            prefix,
            pages,
            touched: BTreeSet::new(),
            number_text: Shared::default(),
            page: 0,
            attempted: BTreeSet::new(),
            summary: None,
            materials,
            signer: String::new(),
            confirmed: false,
            submitted: false,
            draft: None,
            keeps_stored_draft: false,
            prefill,
            large_text: false,
            upload_problems: BTreeMap::new(),
            dates,
            engine: Engine::initial(&item_for_engine),
            waiting: None,
            effects: Effects::default(),
            spare: Spare::default(),
            view,
        };
        state.derive(false);
        state
    }

    pub fn with_draft(mut self, notice: Option<DraftNotice>) -> Self {
        self.keeps_stored_draft = matches!(notice, Some(DraftNotice::Unusable { .. }));
        self.draft = notice;
        self
    }

    /// The applicant's answers as the core is asked about them.
    pub fn answers(&self) -> Answers<'_> {
        Answers {
            item: &self.item,
            pages: &self.pages,
            submitted: &self.submitted_data,
            materials: &self.materials,
            signer: &self.signer,
            confirmed: self.confirmed,
            dates: &self.dates,
            engine: &self.engine,
        }
    }

    fn focus(&mut self, id: String) {
        let serial = self.effects.next();
        self.effects.focus = Some((id, serial));
    }

    fn store(&mut self, write: StorageWrite) {
        let serial = self.effects.next();
        self.effects.storage = Some((write, serial));
    }

    /// Sets (or removes) the value at `at`; whether the layout may change.
    fn put(&mut self, at: &str, value: Option<Value>) -> bool {
        let relayout = self.item.layout_depends_on(&self.data, at, value.as_ref());
        self.data = self.spare.edit(&self.data, at, value);
        relayout
    }

    /// Derives the view after an action: the submitted data (when the
    /// answers changed), the layout (when it may have changed), the
    /// current page's problems and what each page shows.
    fn derive(&mut self, relayout: bool) {
        let lang = self.lang;
        if relayout || self.view.layout_lang != lang {
            let fresh = view::layout_of(&self.item, &self.data, lang, &self.prefill);
            self.view.layout = if self.view.layout_lang == lang {
                view::reuse(&self.view.layout, fresh)
            } else {
                fresh
            };
            self.view.layout_lang = lang;
        }
        let shown = view::shown_pages(&self.pages, &self.view.layout);
        if *self.view.shown != shown {
            self.view.shown = Shared::new(shown);
        }
        // A page the answers now skip (a draft restored onto a member that
        // no longer applies) is never shown: the nearest page that is.
        self.page = pages::nearest_shown(&self.view.shown, self.page);
        let attempted = self.attempted.contains(&self.page);
        let touched = &self.touched;
        let visible_of = |errors: &[ReportError]| view::visible(errors, attempted, touched);
        let (page, errors) = match self.pages.get(self.page) {
            Page::Guide { questions } => (
                PageView::Guide {
                    questions: view::questions(&self.view.layout, &questions),
                    checklist: Shared::new(self.item.checklist(&self.data, lang)),
                },
                validation::question_errors(&self.answers(), &questions, lang),
            ),
            Page::Form { fields, .. } => (
                PageView::Form {
                    fields: view::on_page(&self.view.layout, &fields, &view::asked(&self.pages)),
                },
                validation::form_page_errors(&self.answers(), &fields, lang),
            ),
            Page::Materials => match view::materials_page(
                &self.answers(),
                &self.prefill,
                &self.upload_problems,
                visible_of,
                lang,
            ) {
                Some((materials, errors)) => {
                    (PageView::Materials(Shared::new(materials)), Some(errors))
                }
                None => (PageView::Waiting, None),
            },
            Page::Review => {
                match view::review_page(&self.answers(), &self.view.layout, &self.data, lang) {
                    Some(review) => (
                        PageView::Review(Shared::new(review)),
                        validation::all_errors(&self.answers(), None, lang),
                    ),
                    None => (PageView::Waiting, None),
                }
            }
        };
        // While the engine is pending nothing is shown as wrong: the
        // verdict comes when it arrives, and Next waits for it.
        let errors = errors.unwrap_or_default();
        let visible = view::visible(&errors, attempted, touched);
        self.view.visible = if *self.view.visible == visible {
            self.view.visible.clone()
        } else {
            Shared::new(visible)
        };
        self.view.page = page;
        self.view.page_errors = Rc::new(errors);
    }

    /// After the answers changed: the host hears of it, and a summary
    /// already shown follows the fixes as they are made.
    fn answers_changed(&mut self) {
        let serial = self.effects.next();
        self.effects.change = Some((self.submitted_data.to_string(), serial));
        if self.summary.is_some() {
            let errors = self.view.page_errors.clone();
            self.summary = (!errors.is_empty()).then_some(errors);
        }
    }

    /// Leaves the current page if it has no problems; otherwise shows them all.
    fn try_leave(&mut self, to: usize) {
        let errors = self.view.page_errors.clone();
        if errors.is_empty() {
            self.summary = None;
            self.page = to;
            self.focus("heading".into());
        } else {
            self.attempted.insert(self.page);
            self.summary = Some(errors);
            self.focus("summary".into());
        }
    }
}

/// A change to the entries of a list (a JSON array in the data).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ListEdit {
    /// A new entry at the end: an empty object, or an empty string.
    Add {
        is_object: bool,
    },
    Remove(usize),
    /// Swaps two entries (the up/down buttons move by one).
    Move {
        from: usize,
        to: usize,
    },
}

impl ListEdit {
    /// Where the entry that was at `index` is after the edit (`len` entries
    /// before it), or `None` when it is gone.
    fn new_index(self, index: usize, len: usize) -> Option<usize> {
        if index >= len {
            // Nothing lives there: whatever is still keyed to it is stale.
            return None;
        }
        match self {
            ListEdit::Add { .. } => Some(index),
            ListEdit::Remove(removed) => match index.cmp(&removed) {
                std::cmp::Ordering::Less => Some(index),
                std::cmp::Ordering::Equal => None,
                std::cmp::Ordering::Greater => Some(index - 1),
            },
            ListEdit::Move { from, to } if from < len && to < len => Some(if index == from {
                to
            } else if index == to {
                from
            } else {
                index
            }),
            ListEdit::Move { .. } => Some(index),
        }
    }
}

/// The new pointer of `pointer` after the entries of the list at `list`
/// were renumbered: unchanged outside the list, `None` inside an entry
/// that is gone.
fn renumbered(
    pointer: &str,
    list: &str,
    new_index: &impl Fn(usize) -> Option<usize>,
) -> Option<String> {
    let Some(rest) = pointer
        .strip_prefix(list)
        .and_then(|rest| rest.strip_prefix('/'))
    else {
        return Some(pointer.to_owned());
    };
    let (index, tail) = rest.find('/').map_or((rest, ""), |at| rest.split_at(at));
    let Ok(index) = index.parse::<usize>() else {
        return Some(pointer.to_owned());
    };
    new_index(index).map(|to| format!("{list}/{to}{tail}"))
}

impl FormState {
    /// Edits a list in the data and moves every piece of per-entry state
    /// with its entry. Per-entry state is whatever the widget keys by JSON
    /// Pointer; left alone it would stay at the old index and show (or
    /// hide) another entry's errors and typed text. Every list edit comes
    /// through here: a new pointer-keyed field of `FormState` is renumbered
    /// below, in this one place. Returns the index of the entry edited.
    fn edit_list(&mut self, list: &str, edit: ListEdit) -> usize {
        let len = self
            .data
            .pointer(list)
            .and_then(Value::as_array)
            .map_or(0, Vec::len);
        let index = match edit {
            ListEdit::Add { is_object } => {
                let entry = if is_object { json!({}) } else { json!("") };
                let data = Rc::make_mut(&mut self.data);
                match data.pointer_mut(list) {
                    Some(Value::Array(items)) => items.push(entry),
                    _ => {
                        pointer::set(data, list, json!([entry]));
                    }
                }
                len
            }
            ListEdit::Remove(index) => {
                pointer::remove(Rc::make_mut(&mut self.data), &format!("{list}/{index}"));
                index
            }
            ListEdit::Move { from, to } => {
                if let Some(Value::Array(items)) = Rc::make_mut(&mut self.data).pointer_mut(list)
                    && from < items.len()
                    && to < items.len()
                {
                    items.swap(from, to);
                }
                to
            }
        };
        let new_index = |i: usize| edit.new_index(i, len);
        // The copies of per-item materials that follow this list.
        let follows: Vec<&str> = self
            .item
            .definition()
            .materials
            .iter()
            .filter(|m| m.per_item.as_ref().is_some_and(|p| p.array == list))
            .map(|m| m.id.as_str())
            .collect();
        if !follows.is_empty() {
            let moved = |key: &str| match parse_entry_key(key) {
                Some((id, i)) if follows.contains(&id) => new_index(i).map(|to| entry_key(id, to)),
                _ => Some(key.to_owned()),
            };
            self.materials = std::mem::take(&mut self.materials)
                .into_iter()
                .filter_map(|(key, choice)| Some((moved(&key)?, choice)))
                .collect();
            self.upload_problems = std::mem::take(&mut self.upload_problems)
                .into_iter()
                .filter_map(|(key, problem)| Some((moved(&key)?, problem)))
                .collect();
        }
        // Touched marks: which fields show their errors before Next.
        // A per-item material's slot is touched at its report path
        // (`/materials/<id>/entries/<n>`): it moves with its entry too.
        let slots: Vec<String> = follows
            .iter()
            .map(|id| format!("/materials/{id}/{}", banli_core::envelope::keys::ENTRIES))
            .collect();
        self.touched = std::mem::take(&mut self.touched)
            .into_iter()
            .filter_map(|at| {
                let at = renumbered(&at, list, &new_index)?;
                slots
                    .iter()
                    .try_fold(at, |at, slot| renumbered(&at, slot, &new_index))
            })
            .collect();
        // The text typed into number fields ("66." while typing "66.2").
        self.number_text = Shared::new(
            self.number_text
                .iter()
                .filter_map(|(at, text)| {
                    renumbered(at, list, &new_index).map(|at| (at, text.clone()))
                })
                .collect(),
        );
        index
    }
}

impl Reducible for FormState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut state = (*self).clone();
        let mut changed = Changed::default();
        match action {
            Action::SetLang { lang } => {
                if state.lang == lang {
                    return self;
                }
                state.lang = lang;
                changed.layout = true;
                changed.lang = true;
            }
            Action::Set { at, value } => {
                if state.prefill.is_locked(&at) {
                    return self;
                }
                changed.layout = state.put(&at, value);
                changed.answers = true;
                changed.at = Some(at);
            }
            Action::SetNumber { at, text } => {
                if state.prefill.is_locked(&at) {
                    return self;
                }
                changed.layout = state.put(&at, banli_core::formats::number::typed(&text));
                let mut numbers = (*state.number_text).clone();
                numbers.insert(at.clone(), text);
                state.number_text = Shared::new(numbers);
                changed.answers = true;
                changed.at = Some(at);
            }
            Action::Blur { at } => {
                if !state.touched.insert(at) {
                    return self;
                }
            }
            Action::AddEntry { list, is_object } => {
                let index = state.edit_list(&list, ListEdit::Add { is_object });
                state.focus(format!("entry:{list}/{index}"));
                changed = Changed {
                    layout: true,
                    answers: true,
                    lang: false,
                    at: None,
                };
            }
            Action::RemoveEntry { list, index } => {
                state.edit_list(&list, ListEdit::Remove(index));
                state.focus(format!("list:{list}"));
                changed = Changed {
                    layout: true,
                    answers: true,
                    lang: false,
                    at: None,
                };
            }
            Action::MoveEntry { list, from, to } => {
                state.edit_list(&list, ListEdit::Move { from, to });
                state.focus(format!("entry:{list}/{to}"));
                changed = Changed {
                    layout: true,
                    answers: true,
                    lang: false,
                    at: None,
                };
            }
            Action::Next | Action::Submit { .. } | Action::RestoreDraft
                if !state.engine.is_ready() =>
            {
                state.waiting = Some(Box::new(action));
            }
            Action::EngineReady { engine } => {
                state.engine = engine;
                state.derive(false);
                let waiting = state.waiting.take();
                let state = Rc::new(state);
                return match waiting {
                    Some(action) => state.reduce(*action),
                    None => state,
                };
            }
            Action::Next => {
                let to = state
                    .view
                    .shown
                    .iter()
                    .copied()
                    .find(|&i| i > state.page)
                    .unwrap_or(state.pages.len() - 1);
                state.try_leave(to);
            }
            Action::Back => {
                state.summary = None;
                state.page = state
                    .view
                    .shown
                    .iter()
                    .copied()
                    .rfind(|&i| i < state.page)
                    .unwrap_or(0);
                state.focus("heading".into());
            }
            Action::GoTo { page, focus } => {
                state.summary = None;
                state.page = page.min(state.pages.len() - 1);
                state.focus(focus.unwrap_or_else(|| "heading".into()));
            }
            Action::FocusError { path } => {
                if let Some(page) = state.pages.page_of(&path) {
                    state.page = page;
                    state.attempted.insert(page);
                }
                state.focus(crate::ids::target_for_error(&path));
            }
            Action::SetDisposition { material, .. } | Action::SetFile { material, .. }
                if state
                    .prefill
                    .shared_materials(&state.item)
                    .contains(&material) =>
            {
                return self;
            }
            Action::SetDisposition {
                material,
                disposition,
            } => {
                state.materials.entry(material).or_default().disposition = Some(disposition);
                changed.answers = true;
            }
            Action::SetAlternative {
                material,
                alternative,
            } => {
                state.materials.entry(material).or_default().alternative = Some(alternative);
                changed.answers = true;
            }
            Action::UploadProblem { material, problem } => {
                state.upload_problems.insert(material, problem);
            }
            Action::SetFile { material, file } => {
                state.upload_problems.remove(&material);
                let choice = state.materials.entry(material).or_default();
                choice.disposition = Some(Disposition::Provided);
                choice.files = vec![file];
                changed.answers = true;
            }
            Action::SetSigner { name } => {
                state.signer = name;
                changed.answers = true;
            }
            Action::SetConfirmed { confirmed } => {
                state.confirmed = confirmed;
                changed.answers = true;
            }
            Action::Submit { signed_at } => {
                // Submit waits for the engine (above), so there is a verdict.
                let Some(errors) =
                    validation::all_errors(&state.answers(), Some(&signed_at), state.lang)
                else {
                    return self;
                };
                if errors.is_empty() {
                    let envelope = validation::envelope(&state.answers(), Some(&signed_at));
                    let serial = state.effects.next();
                    state.effects.submit = Some((envelope.to_json(), serial));
                    state.submitted = true;
                    state.summary = None;
                    state.focus("heading".into());
                } else {
                    state.attempted.extend(0..state.pages.len());
                    state.summary = Some(Rc::new(errors));
                    state.focus("summary".into());
                }
            }
            Action::RestoreDraft => {
                let Some(DraftNotice::Offered { draft, old }) = state.draft.clone() else {
                    return self;
                };
                // Restoring waits for the engine (above).
                let Some(judge) = state.engine.judge() else {
                    return self;
                };
                let restored = banli_core::draft::restore(
                    &draft,
                    &state.item,
                    old.as_deref(),
                    state.pages.len(),
                    state.lang,
                    judge,
                );
                // Prefilled values (from e-licences) win over the draft's.
                state.data = Rc::new(state.prefill.apply(&restored.data));
                let shared = state.prefill.shared_materials(&state.item);
                state.materials = restored
                    .materials
                    .into_iter()
                    .map(|(id, choice)| {
                        (
                            id,
                            MaterialChoice {
                                disposition: Some(choice.disposition),
                                files: choice.files.unwrap_or_default(),
                                alternative: choice.alternative,
                            },
                        )
                    })
                    .collect();
                for id in shared {
                    state.materials.insert(
                        id,
                        MaterialChoice {
                            disposition: Some(Disposition::Shared),
                            files: Vec::new(),
                            alternative: None,
                        },
                    );
                }
                state.page = restored.page;
                state.number_text = Shared::default();
                let new_version = state.item.definition().version.clone();
                let changes = restored.changes.as_ref().map(|d| {
                    d.changes
                        .iter()
                        .filter(|c| c.kind != banli_core::diff::ChangeKind::VersionChanged)
                        .map(|c| c.message.clone())
                        .collect()
                });
                state.draft = Some(DraftNotice::Restored {
                    version: restored
                        .version_changed
                        .then(|| (restored.old_version.clone(), new_version.clone())),
                    changes,
                    problems: restored.problems.len(),
                    dropped: restored.dropped_materials.len(),
                });
                let detail = json!({
                    "version": draft.version,
                    "current_version": new_version,
                    "version_changed": restored.version_changed,
                    "breaking": restored.changes.as_ref().is_some_and(banli_core::diff::Diff::is_breaking),
                });
                let serial = state.effects.next();
                state.effects.restored = Some((detail.to_string(), serial));
                if draft.version != new_version {
                    state.store(StorageWrite::ForgetDefinition {
                        code: draft.code.clone(),
                        version: draft.version.clone(),
                    });
                }
                state.focus("draft-notice".into());
                changed = Changed {
                    layout: true,
                    answers: true,
                    lang: false,
                    at: None,
                };
            }
            Action::DiscardDraft => {
                if let Some(DraftNotice::Offered { draft, .. }) = &state.draft {
                    let version = draft.version.clone();
                    state.store(StorageWrite::ClearDraft {
                        version: Some(version),
                    });
                }
                state.draft = None;
                state.focus("heading".into());
            }
            Action::ClearDraft => {
                let mut fresh = FormState::new(
                    state.item.clone(),
                    state.lang,
                    state.prefix.clone(),
                    state.prefill.clone(),
                    state.dates.clone(),
                );
                fresh.effects = state.effects.clone();
                fresh.draft = Some(DraftNotice::Cleared);
                fresh.large_text = state.large_text;
                fresh.store(StorageWrite::ClearDraft { version: None });
                fresh.focus("draft-notice".into());
                state = fresh;
                changed = Changed {
                    layout: true,
                    answers: true,
                    lang: false,
                    at: None,
                };
            }
            Action::SetLargeText { on } => {
                state.large_text = on;
            }
            Action::DismissNotice => {
                state.draft = None;
                state.focus("heading".into());
            }
        }
        if changed.answers {
            state.submitted_data = Rc::new(match &changed.at {
                Some(at) => state.item.submitted_data_after(
                    &self.submitted_data,
                    &self.data,
                    &state.data,
                    at,
                ),
                None => state.item.submitted_data(&state.data),
            });
        }
        state.derive(changed.layout);
        if changed.answers {
            state.answers_changed();
        }
        if changed.lang && state.summary.is_some() {
            state.summary = Some(state.view.page_errors.clone());
        }
        Rc::new(state)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use banli_core::Lang;

    /// The test bundle `tests/fixtures/bundles/project-approval.json`: the
    /// 广西 feasibility approval (situations, variants) and the energy
    /// conservation review.
    pub(crate) fn project_approval() -> banli_core::bundle::Bundle {
        use banli_core::bundle::{Bundle, BundleFile};
        let file = BundleFile::from_json(include_str!(
            "../../../tests/fixtures/bundles/project-approval.json"
        ))
        .unwrap();
        let members = [
            include_str!("../../../schemas/items/gx-feasibility-approval.json"),
            include_str!("../../../schemas/items/energy-conservation-review.json"),
        ]
        .map(|text| CompiledItem::from_json(text).unwrap());
        Bundle::new(&file, members.into()).unwrap()
    }

    fn state() -> Rc<FormState> {
        state_of(include_str!(
            "../../../schemas/items/food-business-licence.json"
        ))
    }

    /// A fresh form in Chinese for the item definition `text`.
    fn state_of(text: &str) -> Rc<FormState> {
        let item = CompiledItem::from_json(text).unwrap();
        Rc::new(FormState::new(
            Rc::new(item),
            Lang::ZhCn,
            "t-".into(),
            Rc::default(),
            Rc::default(),
        ))
    }

    /// A per-item material: one slot per driver, named by the driver,
    /// following the list as entries are removed; the envelope gives one
    /// choice per entry, and a missing copy's error is at its slot.
    #[test]
    fn a_per_item_material_has_a_slot_per_entry_that_follows_it() {
        let mut s = state_of(include_str!(
            "../../../tests/fixtures/kinds/per-item/item.json"
        ));
        for (i, name) in ["李四", "张三", "王五"].iter().enumerate() {
            s = s
                .reduce(Action::AddEntry {
                    list: "/drivers".into(),
                    is_object: true,
                })
                .reduce(Action::Set {
                    at: format!("/drivers/{i}/name"),
                    value: Some(json!(name)),
                });
        }
        let licence = |i| crate::model::entry_key("driving-licence", i);
        let s = s
            .reduce(Action::SetDisposition {
                material: licence(0),
                disposition: Disposition::Provided,
            })
            .reduce(Action::SetDisposition {
                material: licence(2),
                disposition: Disposition::Shared,
            });
        let materials = s.pages.iter().position(|p| *p == Page::Materials).unwrap();
        let s = s.reduce(Action::GoTo {
            page: materials,
            focus: None,
        });
        let PageView::Materials(view) = &s.view.page else {
            panic!("{:?}", s.view.page)
        };
        let names: Vec<&str> = view
            .materials
            .iter()
            .filter(|m| m.material == "driving-licence")
            .map(|m| m.name.as_str())
            .collect();
        assert_eq!(
            names,
            [
                "李四的机动车驾驶证",
                "张三的机动车驾驶证",
                "王五的机动车驾驶证"
            ]
        );
        let errors = crate::validation::all_errors(&s.answers(), None, Lang::ZhCn).unwrap();
        let missing = errors
            .iter()
            .find(|e| e.path == "/materials/driving-licence/entries/1")
            .unwrap();
        assert_eq!(
            missing.message,
            "请提交材料：拟聘用驾驶员 › 第2项（张三） › 机动车驾驶证"
        );

        // 张三 leaves: 王五's choice, and his slot's touched mark, move up
        // with him.
        let s = s
            .reduce(Action::Blur {
                at: "/materials/driving-licence/entries/2".into(),
            })
            .reduce(Action::RemoveEntry {
                list: "/drivers".into(),
                index: 1,
            });
        assert!(
            s.touched.contains("/materials/driving-licence/entries/1")
                && !s.touched.contains("/materials/driving-licence/entries/2"),
            "{:?}",
            s.touched
        );
        let envelope = crate::validation::envelope(&s.answers(), None);
        let given: Vec<Option<Disposition>> = envelope.entries["driving-licence"]
            .iter()
            .map(|c| c.as_ref().map(|c| c.disposition))
            .collect();
        assert_eq!(
            given,
            [Some(Disposition::Provided), Some(Disposition::Shared)]
        );
    }

    /// "A 或 B 或 C": the alternative chosen in the materials step goes
    /// into the envelope the core validates.
    #[test]
    fn the_alternative_chosen_goes_into_the_envelope() {
        let s = state_of(include_str!(
            "../../../schemas/items/gx-feasibility-approval.json"
        ));
        let s = s
            .reduce(Action::SetDisposition {
                material: "assessment-opinion".into(),
                disposition: Disposition::Provided,
            })
            .reduce(Action::SetAlternative {
                material: "assessment-opinion".into(),
                alternative: "review-opinion".into(),
            });
        let choice = s.materials["assessment-opinion"].to_envelope().unwrap();
        assert_eq!(choice.alternative.as_deref(), Some("review-opinion"));
    }

    /// An item with situation questions opens on 办事指引: the questions
    /// and the checklist; Next needs the questions answered, and the step
    /// that held only them is not a page of its own.
    #[test]
    fn situation_questions_come_first_with_the_checklist() {
        let s = state_of(include_str!(
            "../../../schemas/items/gx-feasibility-approval.json"
        ));
        let titles: Vec<String> = (0..s.pages.len())
            .map(|i| s.pages.title(i, Lang::ZhCn))
            .collect();
        assert_eq!(
            titles,
            [
                "办事指引",
                "项目信息",
                "项目单位",
                "联系人",
                "申请材料",
                "核对信息"
            ]
        );
        let PageView::Guide { questions, .. } = &s.view.page else {
            panic!("{:?}", s.view.page)
        };
        assert_eq!(questions.len(), 4);
        let stayed = s.clone().reduce(Action::Next);
        assert_eq!(stayed.page, 0);
        let questions = [
            "/situation/land_by_allocation",
            "/situation/agricultural",
            "/situation/upper_level_authority",
            "/situation/stability_assessment_exempt",
        ];
        let mut s = s;
        for (i, q) in questions.iter().enumerate() {
            s = s.reduce(Action::Set {
                at: (*q).into(),
                value: Some(json!(i == 2)),
            });
        }
        let PageView::Guide { checklist, .. } = &s.view.page else {
            panic!("{:?}", s.view.page)
        };
        let upper = checklist
            .materials
            .iter()
            .find(|m| m.id == "upper-level-review")
            .unwrap();
        assert_eq!(upper.need, banli_core::checklist::Need::Required);
        let planning = checklist
            .materials
            .iter()
            .find(|m| m.id == "planning-opinion")
            .unwrap();
        assert_eq!(planning.need, banli_core::checklist::Need::NotNeeded);
        let next = s.reduce(Action::Next);
        assert_eq!(next.page, 1, "{:?}", next.summary);
    }

    #[test]
    fn next_with_problems_shows_the_summary_and_stays() {
        let s = state().reduce(Action::Next);
        assert_eq!(s.page, 0);
        let summary = s.summary.as_ref().expect("a summary");
        assert!(
            summary.iter().any(|e| e.path == "/applicant"),
            "{summary:?}"
        );
        assert_eq!(
            s.effects.focus.as_ref().map(|f| f.0.as_str()),
            Some("summary")
        );
        assert!(s.attempted.contains(&0));
    }

    #[test]
    fn fixing_a_problem_updates_the_summary_and_a_clean_page_moves_on() {
        let s = state().reduce(Action::Next);
        let s = s.reduce(Action::Set {
            at: "/applicant/kind".into(),
            value: Some(json!("person")),
        });
        let summary = s.summary.clone().unwrap();
        assert!(!summary.iter().any(|e| e.path == "/applicant"));
        assert!(summary.iter().any(|e| e.path == "/applicant/id_number"));
        let mut s = s;
        for (at, value) in [
            ("/applicant/name", "张三"),
            ("/applicant/id_number", "11010519491231002X"),
            ("/applicant/mobile", "13912345678"),
        ] {
            s = s.reduce(Action::Set {
                at: at.into(),
                value: Some(json!(value)),
            });
        }
        assert_eq!(s.summary, None, "the summary goes when everything is fixed");
        let s = s.reduce(Action::Next);
        assert_eq!(s.page, 1);
    }

    #[test]
    fn numbers_keep_what_was_typed() {
        let s = state().reduce(Action::SetNumber {
            at: "/premises/area_m2".into(),
            text: "66.".into(),
        });
        assert_eq!(s.number_text["/premises/area_m2"], "66.");
        assert_eq!(s.data.pointer("/premises/area_m2"), Some(&json!(66)));
        let s = s.reduce(Action::SetNumber {
            at: "/premises/area_m2".into(),
            text: "66.2".into(),
        });
        assert_eq!(s.data.pointer("/premises/area_m2"), Some(&json!(66.2)));
        let s = s.reduce(Action::SetNumber {
            at: "/premises/area_m2".into(),
            text: "abc".into(),
        });
        assert_eq!(
            s.data.pointer("/premises/area_m2"),
            Some(&json!("abc")),
            "not a number: the core will say so"
        );
        let s = s.reduce(Action::SetNumber {
            at: "/premises/area_m2".into(),
            text: " ".into(),
        });
        assert_eq!(s.data.pointer("/premises/area_m2"), None);
    }

    #[test]
    fn entries_are_added_moved_and_removed() {
        let s = state().reduce(Action::AddEntry {
            list: "/staff".into(),
            is_object: true,
        });
        let s = s.reduce(Action::Set {
            at: "/staff/0/name".into(),
            value: Some(json!("甲")),
        });
        let s = s.reduce(Action::AddEntry {
            list: "/staff".into(),
            is_object: true,
        });
        let s = s.reduce(Action::Set {
            at: "/staff/1/name".into(),
            value: Some(json!("乙")),
        });
        assert_eq!(
            s.effects.focus.as_ref().map(|f| f.0.as_str()),
            Some("entry:/staff/1")
        );
        let s = s.reduce(Action::MoveEntry {
            list: "/staff".into(),
            from: 1,
            to: 0,
        });
        assert_eq!(s.data["staff"], json!([{"name": "乙"}, {"name": "甲"}]));
        let s = s.reduce(Action::Blur {
            at: "/staff/1/name".into(),
        });
        let s = s.reduce(Action::RemoveEntry {
            list: "/staff".into(),
            index: 0,
        });
        assert_eq!(s.data["staff"], json!([{"name": "甲"}]));
        assert_eq!(
            s.touched.iter().collect::<Vec<_>>(),
            ["/staff/0/name"],
            "甲's touched mark moved with it to the first place"
        );
    }

    #[test]
    fn per_entry_state_follows_its_entry() {
        let mut s = state();
        for _ in 0..3 {
            s = s.reduce(Action::AddEntry {
                list: "/staff".into(),
                is_object: true,
            });
        }
        // Entry 1: name left empty (touched); entry 2: a typed number;
        // entry 3: touched id number. Outside the list: a touched field
        // whose pointer merely starts like the list's.
        let s = s
            .reduce(Action::Blur {
                at: "/staff/0/name".into(),
            })
            .reduce(Action::SetNumber {
                at: "/staff/1/years".into(),
                text: "3.".into(),
            })
            .reduce(Action::Blur {
                at: "/staff/2/id_number".into(),
            })
            .reduce(Action::Blur {
                at: "/staff".into(),
            })
            .reduce(Action::Blur {
                at: "/staffing/0/name".into(),
            });
        let marks = |s: &FormState| s.touched.iter().cloned().collect::<Vec<_>>();

        let s = s.reduce(Action::MoveEntry {
            list: "/staff".into(),
            from: 0,
            to: 1,
        });
        assert_eq!(
            marks(&s),
            [
                "/staff",
                "/staff/1/name",
                "/staff/2/id_number",
                "/staffing/0/name"
            ]
        );
        assert_eq!(s.number_text.keys().collect::<Vec<_>>(), ["/staff/0/years"]);

        let s = s.reduce(Action::RemoveEntry {
            list: "/staff".into(),
            index: 0,
        });
        assert_eq!(
            marks(&s),
            [
                "/staff",
                "/staff/0/name",
                "/staff/1/id_number",
                "/staffing/0/name"
            ]
        );
        assert!(s.number_text.is_empty(), "the removed entry's text goes");

        let s = s.reduce(Action::RemoveEntry {
            list: "/staff".into(),
            index: 1,
        });
        let s = s.reduce(Action::AddEntry {
            list: "/staff".into(),
            is_object: true,
        });
        assert_eq!(
            marks(&s),
            ["/staff", "/staff/0/name", "/staffing/0/name"],
            "a new entry starts untouched where a removed one was"
        );
    }

    #[test]
    fn a_list_edit_renumbers_only_its_own_entries() {
        let by_one = |i: usize| Some(i + 1);
        assert_eq!(
            renumbered("/staff/9/name", "/staff", &by_one).as_deref(),
            Some("/staff/10/name")
        );
        assert_eq!(
            renumbered("/a/0/b/1/c", "/a/0/b", &by_one).as_deref(),
            Some("/a/0/b/2/c"),
            "a list inside an entry"
        );
        assert_eq!(
            renumbered("/a/0/b/1/c", "/a", &by_one).as_deref(),
            Some("/a/1/b/1/c"),
            "entries of an inner list keep their own numbers"
        );
        assert_eq!(
            renumbered("/tags/3", "/tags", &|_| None),
            None,
            "a list of strings"
        );
        assert_eq!(
            renumbered("/staffing/0", "/staff", &by_one).as_deref(),
            Some("/staffing/0")
        );
    }

    /// 开办餐馆一件事 merged by the core, as `/api/bundles/{code}` serves it.
    fn restaurant() -> Rc<FormState> {
        restaurant_with(Rc::default())
    }

    /// The members of 开办餐馆一件事, compiled, in the bundle's order.
    fn restaurant_members() -> [CompiledItem; 3] {
        [
            include_str!("../../../schemas/items/business-registration.json"),
            include_str!("../../../schemas/items/food-business-licence.json"),
            include_str!("../../../schemas/items/shop-sign-permit.json"),
        ]
        .map(|text| CompiledItem::from_json(text).unwrap())
    }

    /// [`restaurant`] with the host's calendar and acceptance date.
    fn restaurant_with(dates: Rc<Dates>) -> Rc<FormState> {
        use banli_core::bundle::{Bundle, BundleFile};
        let file = BundleFile::from_json(include_str!(
            "../../../schemas/bundles/open-restaurant.json"
        ))
        .unwrap();
        let bundle = Bundle::new(&file, restaurant_members().into()).unwrap();
        Rc::new(FormState::new(
            Rc::new(bundle.merged().clone()),
            Lang::ZhCn,
            "t-".into(),
            Rc::default(),
            dates,
        ))
    }

    /// Issue 19: the review page shows each applying member's results
    /// (办理结果) under its dates: name, kind, e-licence and validity, as
    /// each member's own definition gives them, in the page's language.
    #[test]
    fn the_review_shows_each_applying_members_results() {
        let dates = Dates::new(None, Some(time::macros::date!(2026 - 10 - 20)));
        let s = restaurant_with(Rc::new(dates)).reduce(Action::Set {
            at: "/has_signage".into(),
            value: Some(json!(true)),
        });
        let review = s.pages.iter().position(|p| *p == Page::Review).unwrap();
        let s = s.reduce(Action::GoTo {
            page: review,
            focus: None,
        });
        let reviewed = |s: &FormState| {
            let PageView::Review(view) = &s.view.page else {
                panic!("the review page: {:?}", s.view.page);
            };
            view.members
                .iter()
                .map(|m| {
                    let names: Vec<String> = m.results.iter().map(|r| r.name.clone()).collect();
                    (
                        m.deadlines.key.clone(),
                        names,
                        m.results
                            .iter()
                            .map(|r| r.facts.clone())
                            .collect::<Vec<_>>(),
                    )
                })
                .collect::<Vec<_>>()
        };
        let own: Vec<Vec<String>> = restaurant_members()
            .iter()
            .map(|m| {
                m.definition()
                    .results
                    .iter()
                    .map(|r| r.name.clone())
                    .collect()
            })
            .collect();
        let zh = reviewed(&s);
        assert_eq!(
            zh.iter().map(|(k, _, _)| k.as_str()).collect::<Vec<_>>(),
            ["registration", "food", "signage"]
        );
        for ((key, names, _), own) in zh.iter().zip(&own) {
            assert!(!own.is_empty(), "{key} declares its results");
            assert_eq!(names, own, "{key}");
        }
        assert_eq!(zh[0].2[0], ["证照", "有电子证照", "有效期：未说明"]);
        assert_eq!(zh[1].2[0], ["证照", "电子证照：未说明", "有效期：5年"]);
        assert_eq!(zh[2].2[0][0], "批文");
        let en = reviewed(&s.clone().reduce(Action::SetLang { lang: Lang::En }));
        assert_eq!(
            en[1].2[0],
            [
                "Licence",
                "Electronic licence: not stated",
                "Valid for: 5 years"
            ]
        );
        // Without an outdoor sign the sign permit, and its result, are gone.
        let s = s.reduce(Action::Set {
            at: "/has_signage".into(),
            value: Some(json!(false)),
        });
        assert_eq!(
            reviewed(&s)
                .iter()
                .map(|(k, _, _)| k.as_str())
                .collect::<Vec<_>>(),
            ["registration", "food"]
        );
    }

    /// Issue 18: a bundle member with variants (the test bundle's 广西
    /// feasibility approval): the review page names the variant the
    /// answers choose, with the dates and results of that variant, as the
    /// member's own report and checklist give them; a member without
    /// variants names none.
    #[test]
    fn the_review_follows_each_members_variant() {
        let bundle = project_approval();
        let own_results: Vec<String> = bundle
            .members()
            .next()
            .unwrap()
            .1
            .definition()
            .results
            .iter()
            .map(|r| r.name.clone())
            .collect();
        let dates = Dates::new(None, Some(time::macros::date!(2026 - 10 - 20)));
        let start = Rc::new(FormState::new(
            Rc::new(bundle.merged().clone()),
            Lang::ZhCn,
            "t-".into(),
            Rc::default(),
            Rc::new(dates),
        ));
        let review = start.pages.iter().position(|p| *p == Page::Review).unwrap();
        let reviewed = |upper: bool| {
            let s = Rc::clone(&start)
                .reduce(Action::Set {
                    at: "/feasibility/situation/upper_level_authority".into(),
                    value: Some(json!(upper)),
                })
                .reduce(Action::GoTo {
                    page: review,
                    focus: None,
                });
            let PageView::Review(view) = &s.view.page else {
                panic!("the review page: {:?}", s.view.page);
            };
            view.members
                .iter()
                .map(|m| {
                    (
                        m.deadlines.key.clone(),
                        m.deadlines.variant.as_ref().map(|v| v.id.clone()),
                        m.deadlines.deadlines.promised.clone(),
                        m.results.iter().map(|r| r.name.clone()).collect::<Vec<_>>(),
                    )
                })
                .collect::<Vec<_>>()
        };
        let county = reviewed(false);
        assert_eq!(county[0].0, "feasibility");
        assert_eq!(county[0].1.as_deref(), Some("county-approval"));
        assert_eq!(county[0].2.as_deref(), Some("2026-10-27"), "5 working days");
        assert!(!own_results.is_empty());
        assert_eq!(
            county[0].3, own_results,
            "county approval: the item's results"
        );
        assert_eq!(
            (county[1].0.as_str(), county[1].1.as_deref()),
            ("energy", None)
        );
        let upper = reviewed(true);
        assert_eq!(upper[0].1.as_deref(), Some("forwarded-upward"));
        assert_eq!(
            upper[0].2, None,
            "the forwarded variant's limits are not stated"
        );
        assert!(
            upper[0].3.is_empty(),
            "forwarded upward: the deciding authority's result, not the item's"
        );
    }

    fn page_listing(s: &FormState, fields: &[&str]) -> usize {
        s.pages
            .iter()
            .position(|p| matches!(p, Page::Form { fields: f, .. } if f == fields))
            .unwrap_or_else(|| panic!("no page lists {fields:?}: {:?}", s.pages))
    }

    /// Issue 19: a member's step (`/food/applicant`) shows that field inside
    /// the member's heading, not the member's whole form, and its errors
    /// are that field's (or the missing member group's) only.
    #[test]
    fn a_bundle_page_shows_exactly_its_step_fields() {
        let s = restaurant();
        let page = page_listing(&s, &["/food/applicant"]);
        let s = s.reduce(Action::GoTo { page, focus: None });
        let PageView::Form { fields } = &s.view.page else {
            panic!("a form page: {:?}", s.view.page);
        };
        let pointers = |nodes: &view::Nodes| {
            nodes
                .iter()
                .map(|n| n.field.pointer.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(pointers(fields), ["/food"], "the member's heading");
        assert_eq!(pointers(&fields[0].children), ["/food/applicant"]);
        let s = s
            .reduce(Action::Set {
                at: "/food/category".into(),
                value: Some(json!("catering")),
            })
            .reduce(Action::Next);
        assert_eq!(s.page, page, "the applicant is missing: the page stays");
        let summary = s.summary.as_ref().expect("a summary");
        assert!(
            summary
                .iter()
                .all(|e| pointer::is_within(&e.path, "/food/applicant")),
            "{summary:?}"
        );
        assert!(!summary.is_empty());
    }

    /// Issue 19: the shop sign permit's pages are skipped while it does not
    /// apply (no outdoor sign), in the steps and by Next and Back.
    #[test]
    fn pages_of_a_member_that_does_not_apply_are_skipped() {
        let s = restaurant();
        let signage = page_listing(&s, &["/signage/applicant"]);
        let last_food = page_listing(&s, &["/food/contact"]);
        let materials = s.pages.iter().position(|p| *p == Page::Materials).unwrap();
        assert!(signage > last_food && signage < materials);
        assert!(!s.view.shown.contains(&signage));
        assert!(s.view.shown.contains(&last_food));
        let s = s.reduce(Action::GoTo {
            page: materials,
            focus: None,
        });
        let s = s.reduce(Action::Back);
        assert_eq!(s.page, last_food, "back over the sign permit's pages");
        let s = s.reduce(Action::Set {
            at: "/has_signage".into(),
            value: Some(json!(true)),
        });
        assert!(s.view.shown.contains(&signage), "{:?}", s.view.shown);
        let s = s.reduce(Action::Set {
            at: "/has_signage".into(),
            value: Some(json!(false)),
        });
        assert!(!s.view.shown.contains(&signage), "否: skipped again");
    }

    /// The restaurant's draft, saved on `page`, answering 否 to 是否设置户外招牌,
    /// on offer.
    fn no_signage_draft(s: &FormState, page: usize) -> DraftNotice {
        let definition = s.item.definition();
        let draft = Draft::parse(
            &json!({
                "format": "banli-draft/1",
                "code": definition.code,
                "version": definition.version,
                "saved_at": "2026-10-20T10:00:00+08:00",
                "data": {"has_signage": false, "premises_address": "云溪市东街1号"},
                "page": page,
            })
            .to_string(),
            &definition.code,
        )
        .unwrap();
        DraftNotice::Offered {
            draft: Rc::new(draft),
            old: None,
        }
    }

    /// Issue 19: a draft saved on the sign permit's page, restored when the
    /// answers (否 to 是否设置户外招牌) skip that member, opens on the
    /// nearest page that applies, never on the skipped one.
    #[test]
    fn a_draft_restored_onto_a_skipped_page_opens_the_nearest_shown_one() {
        let s = restaurant();
        let signage = page_listing(&s, &["/signage/applicant"]);
        let materials = s.pages.iter().position(|p| *p == Page::Materials).unwrap();
        let offered = (*s).clone().with_draft(Some(no_signage_draft(&s, signage)));
        let s = Rc::new(offered).reduce(Action::RestoreDraft);
        assert_eq!(s.data["premises_address"], json!("云溪市东街1号"));
        assert!(!s.view.shown.contains(&signage));
        assert_eq!(s.page, materials, "the next page that applies");
        assert!(
            matches!(s.view.page, PageView::Materials(_)),
            "{:?}",
            s.view.page
        );
    }

    /// `s` as a view built without the engine has it before the engine's
    /// module arrives.
    fn pending(s: &Rc<FormState>) -> Rc<FormState> {
        let mut s = (**s).clone();
        s.engine = Engine::Pending;
        s.derive(false);
        Rc::new(s)
    }

    fn engine_ready(s: &FormState) -> Action {
        Action::EngineReady {
            engine: Engine::Ready(s.item.clone()),
        }
    }

    /// The view paints before the schema engine has arrived. Next pressed
    /// in that time is neither refused nor let through unjudged: it waits,
    /// and the engine's verdict decides it when the engine arrives.
    #[test]
    fn next_while_the_engine_is_pending_waits_for_its_verdict() {
        let s = pending(&state()).reduce(Action::Next);
        assert_eq!((s.page, &s.summary), (0, &None));
        assert!(s.waiting.is_some());
        assert!(
            s.view.page_errors.is_empty(),
            "nothing is wrong before a verdict"
        );
        let ready = engine_ready(&s);
        let s = s.reduce(ready);
        assert!(s.waiting.is_none());
        assert_eq!(s.page, 0);
        let summary = s.summary.as_ref().expect("the verdict's summary");
        assert!(
            summary.iter().any(|e| e.path == "/applicant"),
            "{summary:?}"
        );

        let mut s = pending(&state());
        for (at, value) in [
            ("/applicant/kind", json!("person")),
            ("/applicant/name", json!("张三")),
            ("/applicant/id_number", json!("11010519491231002X")),
            ("/applicant/mobile", json!("13912345678")),
        ] {
            s = s.reduce(Action::Set {
                at: at.into(),
                value: Some(value),
            });
        }
        let s = s.reduce(Action::Next);
        assert_eq!(s.page, 0);
        let ready = engine_ready(&s);
        let s = s.reduce(ready);
        assert_eq!((s.page, &s.summary), (1, &None));
    }

    /// A draft restored onto the materials page before the engine arrived:
    /// restoring waits for it (the draft's problems need a verdict), and
    /// a page made from the report shows that it is waiting, never a
    /// report made without the engine.
    #[test]
    fn pages_made_from_the_report_wait_for_the_engine() {
        let s = restaurant();
        let materials = s.pages.iter().position(|p| *p == Page::Materials).unwrap();
        let offered = pending(&Rc::new(
            (*s).clone()
                .with_draft(Some(no_signage_draft(&s, materials))),
        ));
        let s = offered.reduce(Action::RestoreDraft);
        assert!(s.waiting.is_some());
        assert_eq!(s.data.get("premises_address"), None, "not restored yet");
        let ready = engine_ready(&s);
        let s = s.reduce(ready);
        assert_eq!(s.data["premises_address"], json!("云溪市东街1号"));
        assert_eq!(s.page, materials);
        assert!(
            matches!(s.view.page, PageView::Materials(_)),
            "{:?}",
            s.view.page
        );

        let s = pending(&s);
        assert!(
            matches!(s.view.page, PageView::Waiting),
            "{:?}",
            s.view.page
        );
        let ready = engine_ready(&s);
        let s = s.reduce(ready);
        assert!(
            matches!(s.view.page, PageView::Materials(_)),
            "{:?}",
            s.view.page
        );
    }

    fn nested(levels: usize) -> Value {
        (1..levels).fold(json!([]), |inner, _| json!([inner]))
    }

    /// A stored draft whose data is nested 40 arrays deep under one field.
    /// Before, it was offered, restored as an empty form ("已恢复上次的草稿"
    /// with nothing in it) and then deleted by the autosave of that empty
    /// form. Now it is not used, the applicant is told why, and nothing is
    /// saved over it until they clear it.
    #[test]
    fn a_draft_over_the_limits_is_kept_unused_until_cleared() {
        let s = state();
        let definition = s.item.definition();
        let text = json!({
            "format": "banli-draft/1",
            "code": definition.code,
            "version": definition.version,
            "saved_at": "2026-10-20T10:00:00+08:00",
            "data": {"applicant": {"kind": "person", "name": "张三"}, "notes": nested(40)},
        })
        .to_string();
        let error = Draft::parse(&text, &definition.code).unwrap_err();
        let notice = DraftNotice::kept(&error).expect("kept, not discarded");
        let DraftNotice::Unusable { problem } = &notice else {
            panic!("{notice:?}");
        };
        assert!(problem.zh.contains("数据嵌套层数过多"), "{}", problem.zh);
        let s = Rc::new((*s).clone().with_draft(Some(notice)));
        assert!(s.keeps_stored_draft);
        assert_eq!(*s.data, json!({}), "nothing of it is used");
        let s = s.reduce(Action::DismissNotice).reduce(Action::Set {
            at: "/applicant/name".into(),
            value: Some(json!("李四")),
        });
        assert!(s.keeps_stored_draft, "typing does not save over it");
        assert_eq!(s.effects.storage, None);
        let s = s.reduce(Action::ClearDraft);
        assert!(!s.keeps_stored_draft);
        assert_eq!(s.draft, Some(DraftNotice::Cleared));
        assert!(matches!(
            s.effects.storage,
            Some((StorageWrite::ClearDraft { version: None }, _))
        ));
        let broken = Draft::parse("{not json", &definition.code).unwrap_err();
        assert_eq!(DraftNotice::kept(&broken), None, "broken text is discarded");
    }

    #[test]
    fn the_language_follows_the_host() {
        let s = state()
            .reduce(Action::Next)
            .reduce(Action::SetLang { lang: Lang::En });
        assert!(
            s.summary.as_ref().unwrap()[0].message.starts_with("Please"),
            "{:?}",
            s.summary
        );
    }
}
