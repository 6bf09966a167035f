//! The calls docs/benchmarks.md counts instructions of, run N times on the
//! food item, for `valgrind --tool=callgrind` (a count the machine's load
//! does not move; the per-call figure is a run of N + 1 calls minus a run
//! of one):
//!
//! ```sh
//! CARGO_PROFILE_RELEASE_DEBUG=1 cargo build --release -p banli-core --example instructions
//! valgrind --tool=callgrind --callgrind-out-file=cg.out target/release/examples/instructions form 201
//! ```
//!
//! - `envelope N`: the whole envelope as the JS API's `validateJson` runs
//!   it: the JSON text of `valid-organisation.json` to the report's JSON
//!   text, accepted on 2026-11-20 on the national calendar;
//! - `form N`: the form data as the JS API's `formErrors` runs it: the
//!   data's JSON text parsed, `live_form_errors`, the errors' JSON text;
//! - `live N [ROWS]`: `live_form_errors` alone on the parsed data (the
//!   widget engine's keystroke), with the staff list made ROWS rows long.

use banli_core::calendar::{WorkCalendar, parse_date};
use banli_core::{CompiledItem, Lang, ValidationContext};
use serde_json::Value;

const ITEM: &str = include_str!("../../../schemas/items/food-business-licence.json");
const VALID: &str =
    include_str!("../../../tests/fixtures/food-business-licence/valid-organisation.json");

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let number = |i: usize, default: usize| {
        args.get(i)
            .map(|a| a.parse().expect("a count"))
            .unwrap_or(default)
    };
    let item = CompiledItem::from_json(ITEM).expect("the food item compiles");
    let calls = number(1, 1000);
    let mut total = 0;
    match args.first().map(String::as_str) {
        Some("envelope") => {
            let calendar = WorkCalendar::national();
            let on = parse_date("2026-11-20").expect("a date");
            for _ in 0..calls {
                let ctx = ValidationContext::new(Lang::ZhCn).accepted_on(on, &calendar);
                let report = item
                    .validate_json(std::hint::black_box(VALID), &ctx)
                    .expect("a report");
                total += serde_json::to_string(&report).expect("JSON").len();
            }
        }
        Some("form") => {
            let submission: Value = serde_json::from_str(VALID).expect("JSON");
            let text = submission["data"].to_string();
            for _ in 0..calls {
                let data: Value = serde_json::from_str(std::hint::black_box(&text)).expect("JSON");
                let errors = item.live_form_errors(&data, None, Lang::ZhCn);
                total += serde_json::to_string(&errors).expect("JSON").len();
            }
        }
        Some("live") => {
            let mut submission: Value = serde_json::from_str(VALID).expect("JSON");
            let rows = number(2, 0);
            if rows > 0 {
                let row = submission["data"]["staff"][0].clone();
                submission["data"]["staff"] = Value::Array(vec![row; rows]);
            }
            let data = &submission["data"];
            for _ in 0..calls {
                total += item
                    .live_form_errors(std::hint::black_box(data), None, Lang::ZhCn)
                    .len();
            }
        }
        _ => {
            eprintln!("usage: instructions envelope|form|live N [ROWS]");
            std::process::exit(2);
        }
    }
    println!("{total}");
}
