//! A nested object: a titled fieldset with its fields.

use yew::prelude::*;

use super::{BranchProps, describe, label_text};

#[component]
pub fn GroupField(props: &BranchProps) -> Html {
    let BranchProps { node, branch } = props;
    let pointer = &node.field.pointer;
    let d = describe(node, branch.errors.get(pointer), &branch.env, branch.lang);
    html! {
        <fieldset class={classes!("group", d.invalid.then_some("field-error"))} id={d.id} tabindex="-1" aria-describedby={d.described_by}>
            <legend>{ label_text(node, branch.lang) }</legend>
            { d.hint }
            { d.error }
            { branch.fields(&node.children) }
        </fieldset>
    }
}
