//! The item catalogue: every definition in `schemas/items/`, compiled once at
//! start and kept by code and version (versions are kept side by side, so an
//! application names the version it was filled against). Each version keeps
//! its source text and an ETag (the SHA-256 of that text) for
//! `GET /api/items/{code}`.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Context;
use banli_core::CompiledItem;
use banli_core::commitment::sha256_hex;

/// One version of one item.
pub struct ItemVersion {
    pub file: String,
    pub text: String,
    pub etag: String,
    pub compiled: CompiledItem,
}

/// All items, by code, then by version (the last loaded file wins a tie).
#[derive(Default)]
pub struct Catalog {
    items: BTreeMap<String, BTreeMap<String, ItemVersion>>,
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
        let compiled = CompiledItem::from_json(&text).map_err(|e| {
            let problems: Vec<String> = e.diagnostics().iter().map(ToString::to_string).collect();
            anyhow::anyhow!("{e}:\n{}", problems.join("\n"))
        })?;
        let definition = compiled.definition();
        let (code, version) = (definition.code.clone(), definition.version.clone());
        let etag = format!("\"{}\"", &sha256_hex(&text)[..32]);
        self.items.entry(code).or_default().insert(
            version,
            ItemVersion {
                file,
                text,
                etag,
                compiled,
            },
        );
        Ok(())
    }

    /// Every item's latest version (the greatest version string).
    pub fn latest(&self) -> impl Iterator<Item = (&ItemVersion, Vec<&str>)> {
        self.items.values().filter_map(|versions| {
            let latest = versions.values().next_back()?;
            Some((latest, versions.keys().map(String::as_str).collect()))
        })
    }

    /// One version, or the latest when `version` is `None`.
    pub fn get(&self, code: &str, version: Option<&str>) -> Option<&ItemVersion> {
        let versions = self.items.get(code)?;
        match version {
            Some(v) => versions.get(v),
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
