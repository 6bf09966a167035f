//! One entry of a list: its heading, its fields, and the buttons that
//! move it up or down or remove it.

use banli_core::messages::widget as text;
use yew::prelude::*;

use super::Branch;
use crate::ids;
use crate::state::Action;
use crate::view::Nodes;

#[derive(Properties)]
pub struct EntryProps {
    /// The list's JSON Pointer.
    pub list: String,
    /// The entry's place, from 0.
    pub index: usize,
    /// How many entries the list has.
    pub count: usize,
    pub item_label: String,
    pub fields: Nodes,
    /// The list's branch; the entry compares only its own part.
    pub branch: Branch,
}

impl PartialEq for EntryProps {
    fn eq(&self, other: &Self) -> bool {
        self.list == other.list
            && self.index == other.index
            && self.count == other.count
            && self.item_label == other.item_label
            && self.fields == other.fields
            && self
                .branch
                .same_entry(&other.branch, &self.list, self.index)
    }
}

#[component]
pub fn ListEntry(props: &EntryProps) -> Html {
    let EntryProps {
        list,
        index,
        count,
        item_label,
        fields: nodes,
        branch,
    } = props;
    let (index, env, lang) = (*index, &branch.env, branch.lang);
    let position = index + 1;
    let action = |make: fn(String, usize) -> Action| {
        let dispatch = env.dispatch.clone();
        let list = list.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(make(list.clone(), index)))
    };
    let up = action(|list, i| Action::MoveEntry {
        list,
        from: i,
        to: i.saturating_sub(1),
    });
    let down = action(|list, i| Action::MoveEntry {
        list,
        from: i,
        to: i + 1,
    });
    let remove = action(|list, index| Action::RemoveEntry { list, index });
    let entry = format!("{list}/{index}");
    let heading_id = ids::resolve(&env.prefix, &format!("entry:{entry}"));
    html! {
        <div class="entry">
            <h4 id={heading_id} tabindex="-1">{ text::entry_heading(item_label, position).get(lang) }</h4>
            { branch.fields(nodes) }
            <div class="entry-actions">
                <button type="button" class="secondary" onclick={up} disabled={index == 0}>{ text::move_up(position).get(lang) }</button>
                <button type="button" class="secondary" onclick={down} disabled={index + 1 == *count}>{ text::move_down(position).get(lang) }</button>
                <button type="button" class="secondary warning" onclick={remove}>{ text::remove_entry(item_label, position).get(lang) }</button>
            </div>
        </div>
    }
}
