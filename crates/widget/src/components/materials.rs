//! The materials page: the materials this application needs for the answers
//! given (the rest marked "不需要提交"), how each will be provided, and —
//! when anything is deferred or committed — the commitment to read and sign.

use banli_core::messages::{Lang, widget as text};
use yew::prelude::*;

use crate::components::commitment::Commitment;
use crate::components::env::Env;
use crate::components::material::MaterialItem;
use crate::ids;
use crate::shared::Shared;
use crate::view::{ErrorMap, MaterialsView};

#[derive(Properties, PartialEq)]
pub struct MaterialsProps {
    pub view: Shared<MaterialsView>,
    pub errors: Shared<ErrorMap>,
    pub signer: String,
    pub confirmed: bool,
    pub env: Env,
    pub lang: Lang,
}

#[component]
pub fn MaterialsPage(props: &MaterialsProps) -> Html {
    let MaterialsProps {
        view,
        errors,
        signer,
        confirmed,
        env,
        lang,
    } = props;
    let lang = *lang;
    let signer_error = errors
        .get("/commitment")
        .or_else(|| errors.get("/commitment/signed_at"))
        .cloned();
    let confirm_error = errors.get("/commitment/confirmed").cloned();
    html! {
        <div class="materials">
            <p class="hint">{ text::materials_intro().get(lang) }</p>
            if let Some(message) = errors.get("/materials") {
                <p class="error-message" id={ids::resolve(&env.prefix, "materials")} tabindex="-1">{ message }</p>
            }
            { for view.materials.iter().map(|material| html! {
                <MaterialItem material={material.clone()} env={env.clone()} {lang} />
            }) }
            if view.needs_signature {
                <Commitment
                    texts={view.commitments.clone()}
                    dues={view.member_dues.clone()}
                    signer={signer.clone()}
                    confirmed={*confirmed}
                    {signer_error}
                    {confirm_error}
                    env={env.clone()}
                    {lang} />
            }
        </div>
    }
}
