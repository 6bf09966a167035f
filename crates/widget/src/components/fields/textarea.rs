//! A multi-line text field, with a character count under a `maxLength`.

use banli_core::layout::Control;
use serde_json::Value;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use super::{LeafProps, blur, counter, framed, set, text_value};

#[component]
pub fn TextareaField(props: &LeafProps) -> Html {
    let (node, env, lang) = (&props.node, &props.env, &props.lang);
    let value = &props.value;
    let field = &node.field;
    let Control::Textarea { max_length } = &field.control else {
        return Html::default();
    };
    let d = props.described();
    let oninput = {
        let set = set(env, &field.pointer);
        Callback::from(move |e: InputEvent| {
            let v = e.target_unchecked_into::<HtmlTextAreaElement>().value();
            set.emit((!v.is_empty()).then_some(Value::String(v)));
        })
    };
    let onblur = blur(env, &field.pointer);
    let text = text_value(value.as_ref());
    let (count, described_by) = counter(&d, &text, *max_length, *lang);
    let control = html! {
        <>
            <textarea id={d.id.clone()} rows="5" value={text} oninput={oninput} onblur={onblur} readonly={d.locked}
                placeholder={field.placeholder.clone()}
                aria-invalid={d.invalid.to_string()} aria-describedby={described_by} />
            { count }
        </>
    };
    framed(node, d, control, *lang)
}
