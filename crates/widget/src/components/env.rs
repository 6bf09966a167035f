//! What every component may use and that never changes while the form is
//! mounted: the element id prefix, the dispatcher, the item, the host's
//! upload hook. Made once by the root; compares by pointer, so passing it
//! down never makes a component re-render.

use std::ops::Deref;
use std::rc::Rc;

use banli_core::CompiledItem;
use yew::UseReducerDispatcher;

use crate::state::FormState;

pub struct EnvInner {
    /// Prefix of every element id of this form instance.
    pub prefix: String,
    pub dispatch: UseReducerDispatcher<FormState>,
    pub item: Rc<CompiledItem>,
    /// The host's upload hook: `(file, materialId) => Promise`.
    pub upload_hook: Option<js_sys::Function>,
}

#[derive(Clone)]
pub struct Env(pub Rc<EnvInner>);

impl PartialEq for Env {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Deref for Env {
    type Target = EnvInner;

    fn deref(&self) -> &EnvInner {
        &self.0
    }
}
