//! Drafts in the browser's local storage: saving the form as the applicant
//! types, offering a saved draft back, and clearing it. What a draft is
//! and what is left of it under a newer definition is the core's
//! (`banli_core::draft`); this module only reads and writes storage.
//!
//! Storage is reached through `web_sys` rather than `gloo-storage`, whose
//! `LocalStorage::raw()` throws when storage is disabled: here every
//! failure (no storage, a security error, a full quota) is swallowed, so
//! storage can never break the form — at worst nothing is saved.

use std::collections::BTreeMap;
use std::rc::Rc;

use banli_core::CompiledItem;
use banli_core::definition::ItemDefinition;
use banli_core::draft::{self, Draft};
use banli_core::envelope::MaterialChoice;
use web_sys::Storage;

use crate::state::{DraftNotice, FormState};

fn storage() -> Option<Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn get(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

fn set(key: &str, value: &str) -> bool {
    storage().is_some_and(|s| s.set_item(key, value).is_ok())
}

fn remove(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
}

/// What to tell the applicant about a stored draft when the form opens:
/// an offer to continue, a notice that a broken draft was discarded, one
/// that a draft the core will not use (over the limits) was kept, or
/// nothing.
pub fn load(item: &CompiledItem) -> Option<DraftNotice> {
    let definition = item.definition();
    let key = draft::storage_key(&definition.code);
    let text = get(&key)?;
    match Draft::parse(&text, &definition.code) {
        Ok(saved) => {
            let old = (saved.version != definition.version)
                .then(|| get(&draft::definition_key(&saved.code, &saved.version)))
                .flatten()
                // Through a `Value`, as the core reads definitions: reading
                // the type from text as well would link a second copy of
                // its deserialiser (about 30 KiB of wasm).
                .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
                .and_then(|v| serde_json::from_value::<ItemDefinition>(v).ok())
                .map(Rc::new);
            Some(DraftNotice::Offered {
                draft: Rc::new(saved),
                old,
            })
        }
        Err(error) => DraftNotice::kept(&error).or_else(|| {
            remove(&key);
            Some(DraftNotice::Corrupt)
        }),
    }
}

/// Saves the state as the item's draft. The definition it was made under
/// is kept beside it (once per version) so a later version can be compared.
pub fn save(state: &FormState, saved_at: &str) {
    let definition = state.item.definition();
    let materials: BTreeMap<String, MaterialChoice> = state
        .materials
        .iter()
        .filter_map(|(id, choice)| {
            Some((
                id.clone(),
                MaterialChoice {
                    disposition: choice.disposition?,
                    files: (!choice.files.is_empty()).then(|| choice.files.clone()),
                    alternative: choice.alternative.clone(),
                },
            ))
        })
        .collect();
    let saved = Draft::new(
        definition,
        saved_at,
        (*state.data).clone(),
        materials,
        state.page,
    );
    let definition_key = draft::definition_key(&definition.code, &definition.version);
    if get(&definition_key).is_none()
        && let Ok(text) = serde_json::to_string(definition)
    {
        set(&definition_key, &text);
    }
    set(&draft::storage_key(&definition.code), &saved.to_json());
}

/// Removes the item's draft and the definitions kept for it.
pub fn clear(definition: &ItemDefinition, draft_version: Option<&str>) {
    remove(&draft::storage_key(&definition.code));
    if let Some(version) = draft_version.filter(|v| *v != definition.version) {
        remove(&draft::definition_key(&definition.code, version));
    }
}

/// Forgets the definition kept for an older draft once it has been used.
pub fn forget_definition(code: &str, version: &str) {
    remove(&draft::definition_key(code, version));
}
