//! `Shared<T>`: an `Rc` for component properties that compares by pointer
//! first and by value only when the pointers differ. Derived data (the
//! layout, the errors shown) is rebuilt in the reducer and handed down in
//! these, so a component whose part did not change compares equal in one
//! pointer comparison, and one whose part was rebuilt but is the same still
//! compares equal, and Yew skips it either way.

use std::ops::Deref;
use std::rc::Rc;

#[derive(Debug, Default)]
pub struct Shared<T: ?Sized>(Rc<T>);

impl<T> Shared<T> {
    pub fn new(value: T) -> Self {
        Self(Rc::new(value))
    }
}

impl<T: ?Sized> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Self(Rc::clone(&self.0))
    }
}

impl<T: ?Sized> Deref for Shared<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: ?Sized + PartialEq> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0) || *self.0 == *other.0
    }
}

impl<T> From<Vec<T>> for Shared<[T]> {
    fn from(items: Vec<T>) -> Self {
        Self(Rc::from(items))
    }
}
