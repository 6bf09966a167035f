//! A nested object: a titled fieldset with its fields.

use yew::prelude::*;

use super::{BranchProps, describe, fields, label_text};

#[component]
pub fn GroupField(props: &BranchProps) -> Html {
    let BranchProps {
        node,
        data,
        errors,
        numbers,
        env,
        lang,
    } = props;
    let pointer = &node.field.pointer;
    let d = describe(node, errors.get(pointer), env, *lang);
    html! {
        <fieldset class={classes!("group", d.invalid.then_some("field-error"))} id={d.id} tabindex="-1" aria-describedby={d.described_by}>
            <legend>{ label_text(node, *lang) }</legend>
            { d.hint }
            { d.error }
            { fields(&node.children, data, errors, numbers, env, *lang) }
        </fieldset>
    }
}
