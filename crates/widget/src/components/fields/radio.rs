//! A choice among up to three options (or `x-widget: radio`): radio
//! buttons in a fieldset. Choosing one also marks the field touched.

use banli_core::layout::Control;
use yew::prelude::*;

use super::{LeafProps, label_text, set};
use crate::state::Action;

#[component]
pub fn RadioField(props: &LeafProps) -> Html {
    let (node, env, lang) = (&props.node, &props.env, &props.lang);
    let value = &props.value;
    let field = &node.field;
    let Control::Radio { options } = &field.control else {
        return Html::default();
    };
    let d = props.described();
    html! {
        <div class={classes!("field", d.invalid.then_some("field-error"))}>
            <fieldset class="radios" aria-describedby={d.described_by.clone()}>
                <legend>{ label_text(node, *lang) }</legend>
                { d.source }
                { d.hint }
                { d.error }
                { for options.iter().enumerate().map(|(i, option)| {
                    let id = if i == 0 { d.id.clone() } else { format!("{}-{i}", d.id) };
                    let onchange = {
                        let set = set(env, &field.pointer);
                        let dispatch = env.dispatch.clone();
                        let at = field.pointer.clone();
                        let chosen = option.value.clone();
                        Callback::from(move |_: Event| {
                            set.emit(Some(chosen.clone()));
                            dispatch.dispatch(Action::Blur { at: at.clone() });
                        })
                    };
                    html! {
                        <div class="radio">
                            <input type="radio" id={id.clone()} name={d.id.clone()} value={option.value.to_string()} checked={value.as_ref() == Some(&option.value)}
                                onchange={onchange} disabled={d.locked} aria-invalid={d.invalid.to_string()} />
                            <label for={id}>{ &option.label }</label>
                        </div>
                    }
                }) }
            </fieldset>
        </div>
    }
}
