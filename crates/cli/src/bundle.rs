//! `banli bundle BUNDLE.json`: resolves the bundle's member items by the
//! core's rule (`BundleFile::resolve`: a file relative to the bundle, or an
//! implementation code, looked up here among the items beside it), merges them with `banli_core::bundle` and prints the
//! merged definition.

use std::path::{Path, PathBuf};

use anyhow::{Context, anyhow};
use banli_core::CompiledItem;
use banli_core::bundle::{Bundle, BundleFile, MemberSource};

use crate::Outcome;
use crate::args::BundleArgs;
use crate::{input, out};

pub fn run(args: &BundleArgs) -> anyhow::Result<Outcome> {
    let bundle = load_bundle(&args.bundle, args.items.as_deref())?;
    out::println(&serde_json::to_string_pretty(bundle.merged().definition())?)?;
    Ok(Outcome::Clean)
}

/// Reads a bundle file and its members, and merges them; every failure
/// names the file.
pub fn load_bundle(path: &Path, items: Option<&Path>) -> anyhow::Result<Bundle> {
    let (file, members) = load_parts(path, items)?;
    Bundle::new(&file, members).map_err(|e| {
        let message = e.message();
        anyhow!("{}: {} ({})", path.display(), message.zh, message.en)
    })
}

/// Reads a bundle file and compiles its members (in the file's order),
/// without merging them; every failure names the file.
pub fn load_parts(
    path: &Path,
    items: Option<&Path>,
) -> anyhow::Result<(BundleFile, Vec<CompiledItem>)> {
    let text = input::read_text(path)?;
    let file = BundleFile::from_json(&text).map_err(|e| {
        let message = e.message();
        anyhow!("{}: {} ({})", path.display(), message.zh, message.en)
    })?;
    let base = path.parent().unwrap_or(Path::new("."));
    let items_dir = items.map_or_else(|| base.join("../items"), Path::to_path_buf);
    let members = file.resolve(|member, source| {
        let item_path = match source {
            MemberSource::File(item) => base.join(item),
            MemberSource::Code(code) => find_by_code(&items_dir, code)?,
        };
        input::load_item(&item_path)
            .with_context(|| format!("member “{}” of {}", member.key, path.display()))
    })?;
    Ok((file, members))
}

fn find_by_code(dir: &Path, code: &str) -> anyhow::Result<PathBuf> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read the items directory {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    entries.sort();
    for entry in entries {
        let value = input::read_json(&entry)?;
        if value.get("code").and_then(serde_json::Value::as_str) == Some(code) {
            return Ok(entry);
        }
    }
    Err(anyhow!("no item with the code {code} in {}", dir.display()))
}
