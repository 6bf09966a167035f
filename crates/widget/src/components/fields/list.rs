//! An array: its limits, one [`ListEntry`] per entry, and the Add button.

use banli_core::layout::Control;
use banli_core::messages::widget as text;
use yew::prelude::*;

use super::entry::ListEntry;
use super::{BranchProps, describe, label_text};
use crate::ids;
use crate::state::Action;

#[component]
pub fn ListField(props: &BranchProps) -> Html {
    let BranchProps { node, branch } = props;
    let (env, lang) = (&branch.env, branch.lang);
    let field = &node.field;
    let Control::List {
        min_items,
        max_items,
        item_label,
        item_is_object,
        ..
    } = &field.control
    else {
        return Html::default();
    };
    let d = describe(node, branch.errors.get(&field.pointer), env, lang);
    let count = node.entries.len();
    let can_add = max_items.is_none_or(|m| (count as u64) < m);
    let add = {
        let dispatch = env.dispatch.clone();
        let list = field.pointer.clone();
        let is_object = *item_is_object;
        Callback::from(move |_| {
            dispatch.dispatch(Action::AddEntry {
                list: list.clone(),
                is_object,
            })
        })
    };
    html! {
        <fieldset class={classes!("list", d.invalid.then_some("field-error"))} id={d.id.clone()} tabindex="-1" aria-describedby={d.described_by}>
            <legend>{ label_text(node, lang) }</legend>
            <p class="hint">{ text::list_limits(*min_items, *max_items).get(lang) }</p>
            { d.hint }
            { d.error }
            { for node.entries.iter().enumerate().map(|(index, fields)| html! {
                <ListEntry
                    list={field.pointer.clone()}
                    {index}
                    {count}
                    item_label={item_label.clone()}
                    fields={fields.clone()}
                    branch={branch.clone()} />
            }) }
            <button type="button" class="secondary add" id={ids::resolve(&env.prefix, &format!("list:{}", field.pointer))} onclick={add} disabled={!can_add}>
                { text::add_entry(item_label).get(lang) }
            </button>
        </fieldset>
    }
}
