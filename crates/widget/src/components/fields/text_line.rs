//! A one-line text field (`type="text"` always; `inputmode` picks the
//! on-screen keyboard), with a character count under a `maxLength`.

use banli_core::layout::{Control, InputMode};
use yew::prelude::*;

use super::{LeafProps, blur, counter, framed, set, text_input, text_value};

#[component]
pub fn TextField(props: &LeafProps) -> Html {
    let (node, env, lang) = (&props.node, &props.env, &props.lang);
    let value = &props.value;
    let field = &node.field;
    let Control::Text {
        input_mode,
        autocomplete,
        max_length,
    } = &field.control
    else {
        return Html::default();
    };
    let d = props.described();
    let oninput = text_input(&set(env, &field.pointer));
    let onblur = blur(env, &field.pointer);
    // Always type="text": email and url inputs rewrite what is typed
    // (spaces trimmed, an internationalised domain turned into
    // punycode), so the envelope would not hold the answer the
    // applicant sees. `inputmode` only picks the on-screen keyboard.
    let mode = match input_mode {
        InputMode::Text => None,
        InputMode::Numeric => Some("numeric"),
        InputMode::Tel => Some("tel"),
        InputMode::Email => Some("email"),
        InputMode::Url => Some("url"),
    };
    let text = text_value(value.as_ref());
    let (count, described_by) = counter(&d, &text, *max_length, *lang);
    let control = html! {
        <>
            <input type="text" inputmode={mode} id={d.id.clone()} value={text} oninput={oninput} onblur={onblur} readonly={d.locked}
                placeholder={field.placeholder.clone()}
                aria-invalid={d.invalid.to_string()} aria-describedby={described_by} autocomplete={autocomplete.unwrap_or("off")} spellcheck="false" />
            { count }
        </>
    };
    framed(node, d, control, *lang)
}
