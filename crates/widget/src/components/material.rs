//! One material on the materials page: not needed, shared from
//! e-licences, or a choice of how to provide it (upload, supplied later,
//! a commitment in lieu) with the file upload.

use banli_core::commitment::sha256_hex_bytes;
use banli_core::materials::check_upload;
use banli_core::messages::{Lang, widget as text};
use banli_core::report::Disposition;
use wasm_bindgen::JsValue;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::env::Env;
use crate::ids;
use crate::shared::Shared;
use crate::state::{Action, FileRef};
use crate::view::{MaterialView, disposition_text};

#[derive(Properties, PartialEq)]
pub struct MaterialProps {
    pub material: Shared<MaterialView>,
    pub env: Env,
    pub lang: Lang,
}

#[component]
pub fn MaterialItem(props: &MaterialProps) -> Html {
    let MaterialProps {
        material,
        env,
        lang,
    } = props;
    let lang = *lang;
    let id = ids::resolve(&env.prefix, &format!("material:{}", material.id));
    let path = material.path.clone();
    let facts = material.facts.join(" · ");
    if !material.required {
        return html! {
            <div class="material not-needed">
                <h3>{ &material.name }</h3>
                <p class="badge">{ text::material_not_needed().get(lang) }</p>
            </div>
        };
    }
    if material.shared {
        return html! {
            <div class="material prefilled" id={id}>
                <h3 class="material-name">{ &material.name }</h3>
                if let Some(used_by) = &material.used_by { <p class="hint used-by">{ used_by }</p> }
                if !material.facts.is_empty() { <p class="hint">{ facts }</p> }
                <p class="badge shared">{ text::material_prefilled().get(lang) }</p>
            </div>
        };
    }
    let error = material.error.as_ref();
    let current = material.choice.as_ref().and_then(|c| c.disposition);
    html! {
        <div class={classes!("material", error.map(|_| "field-error"))}>
            <fieldset aria-describedby={error.map(|_| format!("{id}-error"))}>
                <legend><span class="material-name">{ &material.name }</span></legend>
                if let Some(used_by) = &material.used_by { <p class="hint used-by">{ used_by }</p> }
                if !material.facts.is_empty() { <p class="hint">{ facts }</p> }
                if let Some(notes) = &material.notes { <p class="hint">{ notes }</p> }
                if let Some(message) = error {
                    <p class="error-message" id={format!("{id}-error")}>
                        <span class="visually-hidden">{ text::error_prefix().get(lang) }</span>{ message }
                    </p>
                }
                <p class="question">{ text::how_to_provide().get(lang) }</p>
                { for material.allowed.iter().copied().enumerate().map(|(n, disposition)| {
                    let option_id = if n == 0 { id.clone() } else { format!("{id}-{n}") };
                    let onchange = {
                        let dispatch = env.dispatch.clone();
                        let material = material.id.clone();
                        let path = path.clone();
                        Callback::from(move |_: Event| {
                            dispatch.dispatch(Action::SetDisposition { material: material.clone(), disposition });
                            dispatch.dispatch(Action::Blur { at: path.clone() });
                        })
                    };
                    html! {
                        <div class="radio">
                            <input type="radio" id={option_id.clone()} name={id.clone()} value={disposition.as_str()} checked={current == Some(disposition)} onchange={onchange} />
                            <label for={option_id}>{ disposition_text(disposition, material.deferral_days, lang) }</label>
                        </div>
                    }
                }) }
                if current == Some(Disposition::Provided) && !material.alternatives.is_empty() {
                    { alternatives(material, env, &id, &path, lang) }
                }
                if current == Some(Disposition::Provided) {
                    { upload(material, env, &id, lang) }
                }
            </fieldset>
        </div>
    }
}

/// Which alternative the upload is ("A 或 B 或 C"): a radio group, before
/// the file, so the envelope names it.
fn alternatives(material: &MaterialView, env: &Env, id: &str, path: &str, lang: Lang) -> Html {
    let chosen = material
        .choice
        .as_ref()
        .and_then(|c| c.alternative.as_deref());
    let group = format!("{id}-alternative");
    html! {
        <fieldset class="alternatives">
            <legend class="question">{ text::which_alternative().get(lang) }</legend>
            { for material.alternatives.iter().enumerate().map(|(n, (alternative, name))| {
                let option_id = format!("{group}-{n}");
                let onchange = {
                    let dispatch = env.dispatch.clone();
                    let material = material.id.clone();
                    let alternative = alternative.clone();
                    let path = path.to_owned();
                    Callback::from(move |_: Event| {
                        dispatch.dispatch(Action::SetAlternative { material: material.clone(), alternative: alternative.clone() });
                        dispatch.dispatch(Action::Blur { at: path.clone() });
                    })
                };
                html! {
                    <div class="radio">
                        <input type="radio" id={option_id.clone()} name={group.clone()} value={alternative.clone()} checked={chosen == Some(alternative.as_str())} onchange={onchange} />
                        <label for={option_id}>{ name }</label>
                    </div>
                }
            }) }
        </fieldset>
    }
}

fn upload(material: &MaterialView, env: &Env, id: &str, lang: Lang) -> Html {
    let file_id = format!("{id}-file");
    let problem_id = format!("{id}-upload-error");
    let onchange = {
        let dispatch = env.dispatch.clone();
        let item = env.item.clone();
        let hook = env.upload_hook.clone();
        let material_id = material.id.clone();
        let definition_id = material.material.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|files| files.get(0)) else {
                return;
            };
            // The item's limits first: a wrong type or a file too large is
            // refused before it is read, with what would be accepted.
            if let Some(problem) = item
                .definition()
                .material(&definition_id)
                .and_then(|m| check_upload(m, &file.type_(), file.size() as u64))
            {
                input.set_value("");
                dispatch.dispatch(Action::UploadProblem {
                    material: material_id.clone(),
                    problem: problem.message(&file.name()),
                });
                return;
            }
            let dispatch = dispatch.clone();
            let material_id = material_id.clone();
            let hook = hook.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let raw = file.clone();
                let file = gloo::file::File::from(file);
                let Ok(bytes) = gloo::file::futures::read_as_bytes(&file).await else {
                    return;
                };
                if let Some(hook) = hook {
                    // The host stores the file; its promise says whether it did.
                    let outcome =
                        hook.call2(&JsValue::NULL, &raw, &JsValue::from_str(&material_id));
                    let outcome = match outcome {
                        Ok(value) => {
                            wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&value))
                                .await
                        }
                        Err(error) => Err(error),
                    };
                    if let Err(error) = outcome {
                        let reason = js_sys::Error::from(error)
                            .message()
                            .as_string()
                            .unwrap_or_default();
                        dispatch.dispatch(Action::UploadProblem {
                            material: material_id,
                            problem: text::upload_failed(&file.name(), &reason),
                        });
                        return;
                    }
                }
                let file = FileRef {
                    name: file.name(),
                    size: file.size(),
                    sha256: sha256_hex_bytes(&bytes),
                };
                dispatch.dispatch(Action::SetFile {
                    material: material_id,
                    file,
                });
            });
        })
    };
    let problem = material.upload_problem.as_ref();
    let chosen = material.choice.as_ref().and_then(|c| c.files.first());
    html! {
        <div class="upload">
            <label for={file_id.clone()}>{ text::choose_file().get(lang) }</label>
            if let Some(message) = problem {
                <p class="error-message" id={problem_id.clone()} role="alert">
                    <span class="visually-hidden">{ text::error_prefix().get(lang) }</span>{ message.get(lang) }
                </p>
            }
            <input type="file" id={file_id} onchange={onchange} accept={material.accept.clone()}
                aria-invalid={problem.is_some().to_string()} aria-describedby={problem.map(|_| problem_id.clone())} />
            if let Some(file) = chosen {
                <p class="file-chosen">{ text::file_chosen(&file.name, file.size).get(lang) }</p>
            }
        </div>
    }
}
