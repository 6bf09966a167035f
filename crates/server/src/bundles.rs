//! The bundles (一件事一次办): every `banli-bundle/1` file in
//! `schemas/bundles/`, merged once at start by the core and kept by code.
//! Members are resolved by the core's rule (`BundleFile::resolve`): a file
//! relative to the bundle file, or an implementation code, and both must be
//! an item of the [`Catalog`] (the code's current version, the file's own
//! code and version), so every member application names an item this
//! server serves. Versions of one bundle are kept side by side
//! ([`Versions`], as items are), so an envelope filled against an older
//! version is still checked against it. Each keeps the merged definition's
//! text and an ETag (the SHA-256 of that text) for `GET /api/bundles/{code}`.

use std::path::Path;

use anyhow::{Context, anyhow};
use banli_core::CompiledItem;
use banli_core::bundle::{Bundle, BundleError, BundleFile, MemberSource};
use banli_core::commitment::sha256_hex;

use crate::Catalog;
use crate::versions::Versions;

/// One bundle, merged.
pub struct BundleEntry {
    /// The bundle file's name in `schemas/bundles/`.
    pub file: String,
    /// The merged definition (`banli-item/1` with `members`), pretty JSON.
    pub text: String,
    /// `"…"`: the first 32 hex digits of the SHA-256 of `text`.
    pub etag: String,
    pub bundle: Bundle,
}

/// All bundles, by code and version (two files with one code and version
/// stop the start).
#[derive(Default)]
pub struct Bundles {
    bundles: Versions<BundleEntry>,
}

impl Bundles {
    /// Loads every `*.json` in `dir` (sorted by name) with its members from
    /// `catalog`; a missing folder is no bundles.
    ///
    /// # Errors
    /// A file that cannot be read or merged, or a member that is not in the
    /// catalogue, naming the file and the member: the start stops.
    pub fn load_dir(dir: &Path, catalog: &Catalog) -> anyhow::Result<Bundles> {
        let mut bundles = Bundles::default();
        if !dir.exists() {
            return Ok(bundles);
        }
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .with_context(|| format!("cannot read the bundle folder {}", dir.display()))?
            .map(|e| e.map(|e| e.path()))
            .collect::<Result<_, _>>()?;
        files.retain(|p| p.extension().is_some_and(|x| x == "json"));
        files.sort();
        for path in files {
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            bundles
                .insert(&path, &text, catalog)
                .with_context(|| format!("bundle {}", path.display()))?;
        }
        Ok(bundles)
    }

    /// Merges one bundle file found at `path` (member files are relative to
    /// its folder).
    ///
    /// # Errors
    /// As [`Bundles::load_dir`], for this file.
    pub fn insert(&mut self, path: &Path, text: &str, catalog: &Catalog) -> anyhow::Result<()> {
        let bundle_error = |e: BundleError| {
            let message = e.message();
            anyhow!("{} / {}", message.zh, message.en)
        };
        let file = BundleFile::from_json(text).map_err(bundle_error)?;
        let base = path.parent().unwrap_or(Path::new("."));
        let members =
            file.resolve(|member, source| member_item(catalog, base, &member.key, source))?;
        let bundle = Bundle::new(&file, members).map_err(bundle_error)?;
        let text = serde_json::to_string_pretty(bundle.merged().definition())?;
        let etag = format!("\"{}\"", &sha256_hex(&text)[..32]);
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let entry = BundleEntry {
            file: name,
            text,
            etag,
            bundle,
        };
        self.bundles
            .insert(&file.code, &file.version, entry)
            .map_err(|first| {
                let message = banli_core::messages::server::version_twice(
                    &file.code,
                    &file.version,
                    &first.file,
                );
                anyhow!("{}", message.both())
            })
    }

    /// `version` of the bundle `code`, or its newest version.
    pub fn get(&self, code: &str, version: Option<&str>) -> Option<&BundleEntry> {
        self.bundles.get(code, version)
    }

    /// The newest version of each bundle (by code), with every version it has.
    pub fn latest(&self) -> impl Iterator<Item = (&BundleEntry, Vec<&str>)> {
        self.bundles.latest()
    }

    pub fn len(&self) -> usize {
        self.bundles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.bundles.is_empty()
    }
}

/// The catalogue's definition of a member: the current version for a code,
/// the same code and version for a file.
fn member_item(
    catalog: &Catalog,
    base: &Path,
    key: &str,
    source: MemberSource<'_>,
) -> anyhow::Result<CompiledItem> {
    let (code, version) = match source {
        MemberSource::Code(code) => (code.to_owned(), None),
        MemberSource::File(file) => {
            let path = base.join(file);
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("member “{key}”: cannot read {}", path.display()))?;
            let item = CompiledItem::from_json(&text)
                .map_err(|e| anyhow!("{}: {e}:\n{}", path.display(), e.problems()))?;
            let d = item.definition();
            (d.code.clone(), Some(d.version.clone()))
        }
    };
    let found = catalog.get(&code, version.as_deref()).ok_or_else(|| {
        let message = banli_core::messages::server::bundle_member_not_in_catalogue(
            key,
            &code,
            version.as_deref().unwrap_or("*"),
        );
        anyhow!("{}", message.both())
    })?;
    Ok(found.compiled.clone())
}
