//! Item-definition loading: any bytes as a definition's text. Loading must
//! return the item or every problem, never panic, loop or overflow; a
//! definition that loads must validate a submission and render its guide.
#![no_main]

use banli_core::{CompiledItem, Lang, ValidationContext};
use libfuzzer_sys::fuzz_target;
use serde_json::json;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = banli_core::lint::lint(text, &Default::default());
    let Ok(item) = CompiledItem::from_json(text) else {
        return;
    };
    let definition = item.definition();
    let envelope = json!({
        "item": {"code": definition.code, "version": definition.version},
        "data": {},
        "materials": {}
    });
    let _ = item.validate(&envelope, &ValidationContext::new(Lang::En));
    let _ = item.layout(&json!({}), Lang::ZhCn);
    let _ = banli_core::guide::build(item.definition(), Lang::ZhCn);
});
