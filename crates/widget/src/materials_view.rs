//! The materials page: the materials this application needs for the answers
//! given (the rest marked "不需要提交"), how each will be provided — upload,
//! shared from e-licences, supplied later (容缺), or a commitment in lieu
//! (告知承诺) where the item allows it — and, when anything is deferred or
//! committed, the commitment text from the core to read and sign.

use banli_core::commitment::sha256_hex_bytes;
use banli_core::materials::{allowed_dispositions, check_upload};
use banli_core::messages::{Lang, widget as text};
use banli_core::report::Disposition;
use wasm_bindgen::JsValue;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::app::visible_errors;
use crate::ids;
use crate::review::disposition_text;
use crate::state::{Action, FileRef, FormState};
use crate::validation;

pub fn view(state: &FormState, dispatch: &UseReducerDispatcher<FormState>, lang: Lang) -> Html {
    let data = validation::submitted_data(state);
    let statuses = state.item.material_requirements(&data, lang);
    let errors = visible_errors(state, state.page, lang);
    let definition = state.item.definition();
    let days = definition
        .allowed_deferral()
        .and_then(|d| d.deadline_working_days);
    let needs_signature = validation::needs_commitment(state);
    html! {
        <div class="materials">
            <p class="hint">{ text::materials_intro().get(lang) }</p>
            if let Some(message) = errors.get("/materials") {
                <p class="error-message" id={ids::resolve(&state.prefix, "materials")} tabindex="-1">{ message }</p>
            }
            { for statuses.iter().enumerate().map(|(index, status)| {
                let material = &definition.materials[index];
                let id = ids::resolve(&state.prefix, &format!("material:{}", material.id));
                let path = banli_core::pointer::join("/materials", &material.id);
                let error = errors.get(&path);
                let facts: Vec<String> = [
                    material.copy_kind.map(|k| text::copy_kind(k.as_str()).get(lang).to_owned()),
                    material.medium.map(|m| text::medium(m.as_str()).get(lang).to_owned()),
                    material.copies.map(|c| text::copies(c).get(lang).to_owned()),
                ].into_iter().flatten().collect();
                if !status.required {
                    return html! {
                        <div class="material not-needed">
                            <h3>{ &status.name }</h3>
                            <p class="badge">{ text::material_not_needed().get(lang) }</p>
                        </div>
                    };
                }
                if state.prefill.shared_materials(&state.item).contains(&material.id) {
                    return html! {
                        <div class="material prefilled" id={id}>
                            <h3 class="material-name">{ &status.name }</h3>
                            if !facts.is_empty() { <p class="hint">{ facts.join(" · ") }</p> }
                            <p class="badge shared">{ text::material_prefilled().get(lang) }</p>
                        </div>
                    };
                }
                let chosen = state.materials.get(&material.id);
                let current = chosen.and_then(|c| c.disposition);
                html! {
                    <div class={classes!("material", error.map(|_| "field-error"))}>
                        <fieldset aria-describedby={error.map(|_| format!("{id}-error"))}>
                            <legend><span class="material-name">{ &status.name }</span></legend>
                            if !facts.is_empty() { <p class="hint">{ facts.join(" · ") }</p> }
                            if let Some(notes) = &material.notes { <p class="hint">{ notes }</p> }
                            if let Some(message) = error {
                                <p class="error-message" id={format!("{id}-error")}>
                                    <span class="visually-hidden">{ text::error_prefix().get(lang) }</span>{ message }
                                </p>
                            }
                            <p class="question">{ text::how_to_provide().get(lang) }</p>
                            { for allowed_dispositions(&state.item, index).into_iter().enumerate().map(|(n, disposition)| {
                                let option_id = if n == 0 { id.clone() } else { format!("{id}-{n}") };
                                let onchange = {
                                    let dispatch = dispatch.clone();
                                    let material_id = material.id.clone();
                                    let path = path.clone();
                                    Callback::from(move |_: Event| {
                                        dispatch.dispatch(Action::SetDisposition(material_id.clone(), disposition));
                                        dispatch.dispatch(Action::Blur(path.clone()));
                                    })
                                };
                                html! {
                                    <div class="radio">
                                        <input type="radio" id={option_id.clone()} name={id.clone()} value={disposition.as_str()} checked={current == Some(disposition)} onchange={onchange} />
                                        <label for={option_id}>{ disposition_text(disposition, days, lang) }</label>
                                    </div>
                                }
                            }) }
                            if current == Some(Disposition::Provided) {
                                { upload(state, dispatch, &material.id, &id, lang) }
                            }
                        </fieldset>
                    </div>
                }
            }) }
            if needs_signature { { commitment(state, dispatch, &errors, lang) } }
        </div>
    }
}

fn upload(
    state: &FormState,
    dispatch: &UseReducerDispatcher<FormState>,
    material_id: &str,
    id: &str,
    lang: Lang,
) -> Html {
    let file_id = format!("{id}-file");
    let problem_id = format!("{id}-upload-error");
    let material = state.item.definition().material(material_id).cloned();
    let hook = state.upload_hook.clone();
    let onchange = {
        let dispatch = dispatch.clone();
        let material_id = material_id.to_owned();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|files| files.get(0)) else {
                return;
            };
            // The item's limits first: a wrong type or a file too large is
            // refused before it is read, with what would be accepted.
            if let Some(problem) = material
                .as_ref()
                .and_then(|m| check_upload(m, &file.type_(), file.size() as u64))
            {
                input.set_value("");
                dispatch.dispatch(Action::UploadProblem(
                    material_id.clone(),
                    problem.message(&file.name()),
                ));
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
                        dispatch.dispatch(Action::UploadProblem(
                            material_id,
                            text::upload_failed(&file.name(), &reason),
                        ));
                        return;
                    }
                }
                let reference = FileRef {
                    name: file.name(),
                    size: file.size(),
                    sha256: sha256_hex_bytes(&bytes),
                };
                dispatch.dispatch(Action::SetFile(material_id, reference));
            });
        })
    };
    let problem = state.upload_problems.get(material_id);
    let accept = state
        .item
        .definition()
        .material(material_id)
        .and_then(|m| m.accept.as_ref())
        .and_then(|a| a.get("types"))
        .and_then(serde_json::Value::as_array)
        .map(|t| {
            t.iter()
                .filter_map(serde_json::Value::as_str)
                .collect::<Vec<_>>()
                .join(",")
        });
    let chosen = state
        .materials
        .get(material_id)
        .and_then(|c| c.files.first());
    html! {
        <div class="upload">
            <label for={file_id.clone()}>{ text::choose_file().get(lang) }</label>
            if let Some(message) = problem {
                <p class="error-message" id={problem_id.clone()} role="alert">
                    <span class="visually-hidden">{ text::error_prefix().get(lang) }</span>{ message.get(lang) }
                </p>
            }
            <input type="file" id={file_id} onchange={onchange} accept={accept}
                aria-invalid={problem.is_some().to_string()} aria-describedby={problem.map(|_| problem_id.clone())} />
            if let Some(file) = chosen {
                <p class="file-chosen">{ text::file_chosen(&file.name, file.size).get(lang) }</p>
            }
        </div>
    }
}

fn commitment(
    state: &FormState,
    dispatch: &UseReducerDispatcher<FormState>,
    errors: &std::collections::HashMap<String, String>,
    lang: Lang,
) -> Html {
    let report = validation::report(state, lang, None);
    let signer_id = ids::resolve(&state.prefix, "signer");
    let confirm_id = ids::resolve(&state.prefix, "confirm");
    let signer_error = errors
        .get("/commitment")
        .or_else(|| errors.get("/commitment/signed_at"));
    let confirm_error = errors.get("/commitment/confirmed");
    let on_signer = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: InputEvent| {
            dispatch.dispatch(Action::SetSigner(
                e.target_unchecked_into::<HtmlInputElement>().value(),
            ))
        })
    };
    let on_confirm = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            dispatch.dispatch(Action::SetConfirmed(
                e.target_unchecked_into::<HtmlInputElement>().checked(),
            ))
        })
    };
    html! {
        <section class="commitment">
            <h3>{ text::commitment_heading().get(lang) }</h3>
            { for report.commitments.iter().map(|c| {
                let body = if lang == Lang::ZhCn { &c.text.zh } else { &c.text.en };
                // Focusable so keyboard users can scroll the text.
                html! {
                    <div class="commitment-text" tabindex="0" role="region" aria-label={text::commitment_text_label().get(lang).to_owned()}>
                        { for body.lines().map(|line| html! { <p>{ line }</p> }) }
                    </div>
                }
            }) }
            <div class={classes!("field", signer_error.map(|_| "field-error"))}>
                <label for={signer_id.clone()}>{ text::signer().get(lang) }</label>
                if let Some(message) = signer_error { <p class="error-message" id={format!("{signer_id}-error")}>{ message }</p> }
                <input type="text" id={signer_id.clone()} value={state.signer.clone()} oninput={on_signer} autocomplete="name"
                    aria-invalid={signer_error.is_some().to_string()} aria-describedby={signer_error.map(|_| format!("{signer_id}-error"))} />
            </div>
            <div class={classes!("field", "checkbox", confirm_error.map(|_| "field-error"))}>
                if let Some(message) = confirm_error { <p class="error-message" id={format!("{confirm_id}-error")}>{ message }</p> }
                <input type="checkbox" id={confirm_id.clone()} checked={state.confirmed} onchange={on_confirm}
                    aria-invalid={confirm_error.is_some().to_string()} aria-describedby={confirm_error.map(|_| format!("{confirm_id}-error"))} />
                <label for={confirm_id}>{ text::confirm_commitment().get(lang) }</label>
            </div>
        </section>
    }
}
