//! Definitions kept by code and version: the item catalogue and the
//! bundles. Versions of one code are kept side by side (an application names
//! the version it was filled against) and ordered by the core's rule
//! (`banli_core::definition::version`), so "2026.10" is newer than "2026.9".

use std::cmp::Ordering;
use std::collections::BTreeMap;

use banli_core::definition::version::compare_versions;

/// A version string ordered by the core's rule.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Version(String);

impl Ord for Version {
    fn cmp(&self, other: &Self) -> Ordering {
        compare_versions(&self.0, &other.0)
    }
}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Values by code, then by version.
pub struct Versions<T> {
    by_code: BTreeMap<String, BTreeMap<Version, T>>,
}

impl<T> Default for Versions<T> {
    fn default() -> Self {
        Self {
            by_code: BTreeMap::new(),
        }
    }
}

impl<T> Versions<T> {
    /// Keeps `value` as `version` of `code`.
    ///
    /// # Errors
    /// The value already kept for that code and version (two files that
    /// define the same version), which stays.
    pub fn insert(&mut self, code: &str, version: &str, value: T) -> Result<(), &T> {
        let versions = self.by_code.entry(code.to_owned()).or_default();
        match versions.entry(Version(version.to_owned())) {
            std::collections::btree_map::Entry::Occupied(first) => Err(first.into_mut()),
            std::collections::btree_map::Entry::Vacant(slot) => {
                slot.insert(value);
                Ok(())
            }
        }
    }

    /// `version` of `code`, or its newest version when `version` is `None`.
    pub fn get(&self, code: &str, version: Option<&str>) -> Option<&T> {
        let versions = self.by_code.get(code)?;
        match version {
            Some(v) => versions.get(&Version(v.to_owned())),
            None => versions.values().next_back(),
        }
    }

    /// The newest version of each code (by code), with every version string
    /// of that code, oldest first.
    pub fn latest(&self) -> impl Iterator<Item = (&T, Vec<&str>)> {
        self.by_code.values().filter_map(|versions| {
            let latest = versions.values().next_back()?;
            Some((latest, versions.keys().map(|v| v.0.as_str()).collect()))
        })
    }

    /// How many versions are kept, of every code.
    pub fn len(&self) -> usize {
        self.by_code.values().map(BTreeMap::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.by_code.is_empty()
    }
}
