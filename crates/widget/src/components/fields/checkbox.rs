//! A yes/no field: one checkbox, its label after it.

use serde_json::Value;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::{LeafProps, blur, label_text, set};

#[component]
pub fn CheckboxField(props: &LeafProps) -> Html {
    let (node, env, lang) = (&props.node, &props.env, &props.lang);
    let value = &props.value;
    let field = &node.field;
    let d = props.described();
    let checked = value.as_ref().and_then(Value::as_bool).unwrap_or(false);
    let onchange = {
        let set = set(env, &field.pointer);
        Callback::from(move |e: Event| {
            set.emit(Some(Value::Bool(
                e.target_unchecked_into::<HtmlInputElement>().checked(),
            )))
        })
    };
    let onblur = blur(env, &field.pointer);
    html! {
        <div class={classes!("field", "checkbox", d.invalid.then_some("field-error"))}>
            { d.error }
            <input type="checkbox" id={d.id.clone()} checked={checked} onchange={onchange} onblur={onblur}
                disabled={d.locked} aria-invalid={d.invalid.to_string()} aria-describedby={d.described_by} />
            <label for={d.id}>{ label_text(node, *lang) }</label>
            { d.source }
            { d.hint }
        </div>
    }
}
