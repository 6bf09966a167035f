//! The item catalogue: every definition in `schemas/items/`, compiled once at
//! start and kept by code and version (versions are kept side by side, so an
//! application names the version it was filled against). Each version keeps
//! its source text and an ETag (the SHA-256 of that text) for
//! `GET /api/items/{code}`. Versions are ordered by the core's rule
//! (`banli_core::definition::version`), so "2026.10" is newer than "2026.9".

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Context;
use banli_core::CompiledItem;
use banli_core::commitment::sha256_hex;
use banli_core::definition::version::compare_versions;

/// One version of one item.
pub struct ItemVersion {
    pub file: String,
    pub text: String,
    pub etag: String,
    pub compiled: CompiledItem,
}

/// A version string as a map key, ordered by the core's version rule (a
/// total order: only identical strings are equal), so the map's last entry
/// is the current version.
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

/// All items, by code, then by version (the last loaded file wins a tie).
#[derive(Default)]
pub struct Catalog {
    items: BTreeMap<String, BTreeMap<Version, ItemVersion>>,
}

impl Catalog {
    /// Loads every `*.json` in `dir` (sorted by name); a broken definition
    /// stops the start with every problem named.
    pub fn load_dir(dir: &Path) -> anyhow::Result<Catalog> {
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .with_context(|| format!("cannot read the item folder {}", dir.display()))?
            .map(|e| e.map(|e| e.path()))
            .collect::<Result<_, _>>()?;
        files.retain(|p| p.extension().is_some_and(|x| x == "json"));
        files.sort();
        let mut catalog = Catalog::default();
        for path in files {
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            let file = path
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            catalog
                .insert(file, text)
                .with_context(|| format!("item definition {}", path.display()))?;
        }
        Ok(catalog)
    }

    /// Adds one definition.
    pub fn insert(&mut self, file: String, text: String) -> anyhow::Result<()> {
        let compiled = CompiledItem::from_json(&text)
            .map_err(|e| anyhow::anyhow!("{e}:\n{}", e.problems()))?;
        let definition = compiled.definition();
        let (code, version) = (definition.code.clone(), definition.version.clone());
        let etag = format!("\"{}\"", &sha256_hex(&text)[..32]);
        self.items.entry(code).or_default().insert(
            Version(version),
            ItemVersion {
                file,
                text,
                etag,
                compiled,
            },
        );
        Ok(())
    }

    /// Every item's latest version (the greatest by the core's version
    /// rule) and all its versions, oldest first.
    pub fn latest(&self) -> impl Iterator<Item = (&ItemVersion, Vec<&str>)> {
        self.items.values().filter_map(|versions| {
            let latest = versions.values().next_back()?;
            Some((latest, versions.keys().map(|v| v.0.as_str()).collect()))
        })
    }

    /// One version, or the latest when `version` is `None`.
    pub fn get(&self, code: &str, version: Option<&str>) -> Option<&ItemVersion> {
        let versions = self.items.get(code)?;
        match version {
            Some(v) => versions.get(&Version(v.to_owned())),
            None => versions.values().next_back(),
        }
    }

    pub fn len(&self) -> usize {
        self.items.values().map(BTreeMap::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The food item's definition under another version number.
    fn food(version: &str) -> String {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../schemas/items/food-business-licence.json");
        let mut item: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        item["version"] = serde_json::json!(version);
        item.to_string()
    }

    #[test]
    fn the_newest_version_is_current_whatever_the_loading_order() {
        for order in [["2026.9", "2026.10"], ["2026.10", "2026.9"]] {
            let mut catalog = Catalog::default();
            for version in order {
                catalog
                    .insert(format!("food-{version}.json"), food(version))
                    .unwrap();
            }
            let code = catalog
                .latest()
                .next()
                .unwrap()
                .0
                .compiled
                .definition()
                .code
                .clone();
            let current = catalog.get(&code, None).unwrap();
            assert_eq!(
                current.compiled.definition().version,
                "2026.10",
                "{order:?}"
            );
            let (latest, versions) = catalog.latest().next().unwrap();
            assert_eq!(latest.compiled.definition().version, "2026.10");
            assert_eq!(versions, ["2026.9", "2026.10"]);
            assert_eq!(
                catalog.get(&code, Some("2026.9")).unwrap().file,
                "food-2026.9.json"
            );
        }
    }
}
