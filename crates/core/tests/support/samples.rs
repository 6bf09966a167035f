//! The sample items of `schemas/items/` with the form data of their
//! fixtures: the real inputs a rule is checked over, item by item.

use std::path::Path;

use banli_core::CompiledItem;
use serde_json::{Value, json};

pub struct Sample {
    /// The file's stem (`food-business-licence`).
    pub name: String,
    pub item: CompiledItem,
    /// The empty form first, then the `data` of each envelope fixture in
    /// `tests/fixtures/<name>/`, in file-name order.
    pub datas: Vec<Value>,
}

/// Every sample item, in file-name order.
pub fn sample_items() -> Vec<Sample> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut items: Vec<_> = std::fs::read_dir(root.join("schemas/items"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    items.sort();
    items
        .into_iter()
        .map(|path| {
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            let item = CompiledItem::from_json(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let mut fixtures: Vec<_> = std::fs::read_dir(root.join("tests/fixtures").join(&name))
                .map(|dir| {
                    dir.map(|e| e.unwrap().path())
                        .filter(|p| p.extension().is_some_and(|x| x == "json"))
                        .collect()
                })
                .unwrap_or_default();
            fixtures.sort();
            let mut datas = vec![json!({})];
            for fixture in &fixtures {
                let envelope: Value =
                    serde_json::from_str(&std::fs::read_to_string(fixture).unwrap()).unwrap();
                if let Some(data) = envelope.get("data").filter(|d| d.is_object()) {
                    datas.push(data.clone());
                }
            }
            Sample { name, item, datas }
        })
        .collect()
}
