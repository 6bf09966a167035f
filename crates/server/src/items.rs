//! The item catalogue: every definition in `schemas/items/`, compiled once at
//! start and kept by code and version ([`Versions`]: side by side, so an
//! application names the version it was filled against, ordered by the
//! core's rule). Each version keeps its source text and an ETag (the SHA-256
//! of that text) for `GET /api/items/{code}`.

use std::path::Path;

use anyhow::{Context, anyhow};
use banli_core::CompiledItem;
use banli_core::commitment::sha256_hex;

use crate::versions::Versions;

/// One version of an item, compiled.
pub struct ItemVersion {
    /// The file's name in `schemas/items/`.
    pub file: String,
    /// The definition as written.
    pub text: String,
    /// `"…"`: the first 32 hex digits of the SHA-256 of `text`.
    pub etag: String,
    pub compiled: CompiledItem,
}

/// Every item, by code and version.
#[derive(Default)]
pub struct Catalog {
    items: Versions<ItemVersion>,
}

impl Catalog {
    /// Loads every `*.json` in `dir`, sorted by name.
    ///
    /// # Errors
    /// A file that cannot be read or does not compile, or a second file with
    /// a code and version already loaded, naming the file: the start stops.
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

    /// Compiles and keeps one definition (`file` names it in messages).
    ///
    /// # Errors
    /// The definition's problems, or the file that already defines its
    /// code and version.
    pub fn insert(&mut self, file: String, text: String) -> anyhow::Result<()> {
        let compiled =
            CompiledItem::from_json(&text).map_err(|e| anyhow!("{e}:\n{}", e.problems()))?;
        let definition = compiled.definition();
        let (code, version) = (definition.code.clone(), definition.version.clone());
        let etag = format!("\"{}\"", &sha256_hex(&text)[..32]);
        let entry = ItemVersion {
            file,
            text,
            etag,
            compiled,
        };
        self.items.insert(&code, &version, entry).map_err(|first| {
            let message = banli_core::messages::server::version_twice(&code, &version, &first.file);
            anyhow!("{}", message.both())
        })
    }

    /// The newest version of each item, with every version it has.
    pub fn latest(&self) -> impl Iterator<Item = (&ItemVersion, Vec<&str>)> {
        self.items.latest()
    }

    /// `version` of the item `code`, or its newest version.
    pub fn get(&self, code: &str, version: Option<&str>) -> Option<&ItemVersion> {
        self.items.get(code, version)
    }

    pub fn len(&self) -> usize {
        self.items.len()
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
    fn a_definition_only_the_meta_schema_refuses_stays_out() {
        // The server asks banli-core for the `meta-schema` feature (the
        // widget does not): an unknown key, which the typed model ignores,
        // is refused only by the meta-schema.
        let mut item: serde_json::Value = serde_json::from_str(&food("2026.9")).unwrap();
        item["colour"] = serde_json::json!("red");
        let error = Catalog::default()
            .insert("food.json".to_owned(), item.to_string())
            .unwrap_err();
        assert!(format!("{error:#}").contains("colour"), "{error:#}");
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

    #[test]
    fn two_files_with_one_code_and_version_stop_the_start() {
        let mut catalog = Catalog::default();
        catalog.insert("a.json".into(), food("2026.9")).unwrap();
        let error = catalog
            .insert("b.json".into(), food("2026.9"))
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("a.json") && error.contains("2026.9"),
            "{error}"
        );
        assert_eq!(catalog.get(&food_code(), None).unwrap().file, "a.json");
    }

    fn food_code() -> String {
        let item: serde_json::Value = serde_json::from_str(&food("1")).unwrap();
        item["code"].as_str().unwrap().to_owned()
    }
}
