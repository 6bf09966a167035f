//! A date field (`YYYY-MM-DD`, the browser's date picker).

use yew::prelude::*;

use super::{LeafProps, blur, framed, set, text_input, text_value};

#[component]
pub fn DateField(props: &LeafProps) -> Html {
    let (node, env, lang) = (&props.node, &props.env, &props.lang);
    let value = &props.value;
    let field = &node.field;
    let d = props.described();
    let oninput = text_input(&set(env, &field.pointer));
    let onblur = blur(env, &field.pointer);
    let control = html! {
        <input type="date" id={d.id.clone()} class="short" value={text_value(value.as_ref())} oninput={oninput} onblur={onblur} readonly={d.locked}
            aria-invalid={d.invalid.to_string()} aria-describedby={d.described_by.clone()} />
    };
    framed(node, d, control, *lang)
}
