//! Submission validation against each sample item: the first byte picks
//! the item, the rest is the submission's JSON text, checked within the
//! default limits like every shell does (`validate_json`).
#![no_main]

use std::sync::OnceLock;

use banli_core::calendar::WorkCalendar;
use banli_core::{CompiledItem, Lang, ValidationContext};
use libfuzzer_sys::fuzz_target;

const ITEMS: [&str; 10] = [
    include_str!("../../schemas/items/business-registration.json"),
    include_str!("../../schemas/items/energy-conservation-review.json"),
    include_str!("../../schemas/items/entertainment-venue-licence-renewal.json"),
    include_str!("../../schemas/items/food-business-licence.json"),
    include_str!("../../schemas/items/gx-feasibility-approval.json"),
    include_str!("../../schemas/items/ha-road-passenger-licence.json"),
    include_str!("../../schemas/items/medical-institution-licence-renewal.json"),
    include_str!("../../schemas/items/shop-sign-permit.json"),
    include_str!("../../schemas/items/tractor-registration.json"),
    include_str!("../../schemas/items/utility-connection-permit.json"),
];

fn items() -> &'static (Vec<CompiledItem>, WorkCalendar) {
    static ITEMS_COMPILED: OnceLock<(Vec<CompiledItem>, WorkCalendar)> = OnceLock::new();
    ITEMS_COMPILED.get_or_init(|| {
        let items = ITEMS
            .iter()
            .map(|text| CompiledItem::from_json(text).expect("a sample item loads"))
            .collect();
        (items, WorkCalendar::national())
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let (items, calendar) = items();
    let item = &items[usize::from(pick) % items.len()];
    let lang = if pick & 0x80 == 0 {
        Lang::ZhCn
    } else {
        Lang::En
    };
    let ctx =
        ValidationContext::new(lang).accepted_on(time::macros::date!(2026 - 11 - 20), calendar);
    if let Ok(report) = item.validate_json(text, &ctx) {
        let _ = report.to_json();
    }
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(text) {
        let _ = item.form_errors(&value, lang);
        let _ = item.material_requirements(&value, lang);
    }
});
