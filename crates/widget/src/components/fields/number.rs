//! A number field: a text input (no `type="number"`, which refuses and
//! rewrites what is typed), showing the text as typed while the data holds
//! the number the reducer parsed from it.

use banli_core::layout::Control;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::{LeafProps, blur, framed, text_value};
use crate::state::Action;

#[component]
pub fn NumberField(props: &LeafProps) -> Html {
    let (node, env, lang) = (&props.node, &props.env, &props.lang);
    let (value, typed) = (&props.value, &props.typed);
    let field = &node.field;
    let Control::Number { integer } = field.control else {
        return Html::default();
    };
    let d = props.described();
    let oninput = {
        let dispatch = env.dispatch.clone();
        let at = field.pointer.clone();
        Callback::from(move |e: InputEvent| {
            let text = e.target_unchecked_into::<HtmlInputElement>().value();
            dispatch.dispatch(Action::SetNumber {
                at: at.clone(),
                text,
            });
        })
    };
    let onblur = blur(env, &field.pointer);
    let shown = typed.clone().unwrap_or_else(|| text_value(value.as_ref()));
    let control = html! {
        <input type="text" inputmode={if integer { "numeric" } else { "decimal" }} id={d.id.clone()} class="short"
            value={shown} oninput={oninput} onblur={onblur} readonly={d.locked}
            aria-invalid={d.invalid.to_string()} aria-describedby={d.described_by.clone()} autocomplete="off" />
    };
    framed(node, d, control, *lang)
}
