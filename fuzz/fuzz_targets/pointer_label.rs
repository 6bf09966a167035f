//! JSON Pointers and label rendering: the input is a pointer, a newline,
//! and JSON data. Pointers must round-trip (parse, render, parse), set and
//! remove must not panic, and the label trail of any path in any data,
//! in every sample item's form, must be found without panicking.
#![no_main]

use std::sync::OnceLock;

use banli_core::pointer;
use banli_core::schema::SchemaWalker;
use banli_core::{CompiledItem, Lang};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fn items() -> &'static [CompiledItem] {
    static ITEMS: OnceLock<Vec<CompiledItem>> = OnceLock::new();
    ITEMS.get_or_init(|| {
        [
            include_str!("../../schemas/items/food-business-licence.json"),
            include_str!("../../schemas/items/utility-connection-permit.json"),
            include_str!("../../schemas/items/business-registration.json"),
        ]
        .iter()
        .map(|text| CompiledItem::from_json(text).expect("a sample item loads"))
        .collect()
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (path, json) = text.split_once('\n').unwrap_or((text, "{}"));
    let segments = pointer::parse(path);
    let rendered = pointer::render(&segments);
    assert_eq!(
        pointer::parse(&rendered),
        segments,
        "round trip of {path:?}"
    );
    let _ = pointer::is_within(&rendered, path);

    let Ok(mut value) = banli_core::Limits::DEFAULT.parse_submission(json) else {
        return;
    };
    if banli_core::Limits::DEFAULT
        .check_submission(&value)
        .is_empty()
    {
        for item in items() {
            let walker = SchemaWalker::new(item.form());
            let _ = walker.trail(&segments, &value);
            let _ = item.form_errors(&value, Lang::ZhCn);
            let _ = item.form_errors(&value, Lang::En);
        }
    }
    let _ = pointer::set(&mut value, path, Value::Null);
    let _ = pointer::remove(&mut value, path);
});
