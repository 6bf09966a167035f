//! wasm-bindgen-test unit tests, run under Node by `cargo xtask test`
//! (`cargo test -p banli-wasm --target wasm32-unknown-unknown`).
#![cfg(target_arch = "wasm32")]

use banli_wasm::{Item, add_working_days, is_working_day};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

const FOOD: &str = include_str!("../../../schemas/items/food-business-licence.json");
const VALID: &str =
    include_str!("../../../tests/fixtures/food-business-licence/valid-organisation.json");

#[wasm_bindgen_test]
fn validates_in_wasm_with_the_native_verdict() {
    let item =
        Item::new(JsValue::from_str(FOOD)).unwrap_or_else(|_| panic!("the sample item compiles"));
    let options = js_sys::JSON::parse(r#"{"acceptedOn": "2026-11-20"}"#).unwrap();
    let report = item
        .validate_json(JsValue::from_str(VALID), options)
        .unwrap_or_else(|_| panic!("validates"));
    assert!(
        report.starts_with(r#"{"status":"valid","errors":[]"#),
        "{report}"
    );
    assert!(report.contains(r#""promised":"2026-11-27""#), "{report}");
}

#[wasm_bindgen_test]
fn working_days_in_wasm() {
    let date = JsValue::from_str;
    let days = JsValue::from_f64;
    assert_eq!(
        add_working_days(date("2025-09-30"), days(3.0)).ok(),
        Some("2025-10-11".to_owned())
    );
    assert_eq!(is_working_day(date("2025-10-11")).ok(), Some(true));
    assert!(add_working_days(date("2027-01-04"), days(1.0)).is_err());
    // Checked by banli, not trusted: a wrong kind is an error, not a crash.
    assert!(add_working_days(JsValue::from(js_sys::Object::new()), days(1.0)).is_err());
    assert!(add_working_days(date("2025-09-30"), days(-1.0)).is_err());
}

#[wasm_bindgen_test]
fn a_broken_definition_is_an_error() {
    assert!(Item::new(JsValue::from_str("{}")).is_err());
}
