//! An optional object of a recursive form that has not been started (an
//! agent's own agent): a button that starts it with `{}`. The layout then
//! lays out its fields, one level deeper, and offers the next level the
//! same way.

use serde_json::{Map, Value};
use yew::prelude::*;

use banli_core::messages::widget as text;

use super::{LeafProps, set};

#[component]
pub fn StartField(props: &LeafProps) -> Html {
    let LeafProps {
        node, env, lang, ..
    } = props;
    let field = &node.field;
    let onclick = {
        let set = set(env, &field.pointer);
        Callback::from(move |_: MouseEvent| set.emit(Some(Value::Object(Map::new()))))
    };
    let id = crate::ids::field(&env.prefix, &field.pointer);
    html! {
        <div class="field start">
            <button type="button" id={id} class="add" onclick={onclick}>
                { text::start_nested(&field.label).get(*lang) }
            </button>
        </div>
    }
}
