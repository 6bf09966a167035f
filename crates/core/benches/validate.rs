//! Compile and validate the largest sample item (食品经营许可), with a valid
//! and an invalid (many problems) submission. Run: `cargo bench -p banli-core`.
//! Results go in docs/benchmarks.md.

use banli_core::calendar::{WorkCalendar, parse_date};
use banli_core::{CompiledItem, Lang, ValidationContext};
use criterion::{Criterion, criterion_group, criterion_main};
use serde_json::Value;

const ITEM: &str = include_str!("../../../schemas/items/food-business-licence.json");
const VALID: &str =
    include_str!("../../../tests/fixtures/food-business-licence/valid-organisation.json");
const INVALID: &str = include_str!(
    "../../../tests/fixtures/food-business-licence/invalid-organisation-multiple.json"
);

fn benches(c: &mut Criterion) {
    c.bench_function("compile food-business-licence", |b| {
        b.iter(|| CompiledItem::from_json(std::hint::black_box(ITEM)).unwrap())
    });

    let item = CompiledItem::from_json(ITEM).unwrap();
    let calendar = WorkCalendar::national();
    let ctx = ValidationContext::new(Lang::ZhCn)
        .accepted_on(parse_date("2026-11-20").unwrap(), &calendar);
    for (name, text) in [("valid", VALID), ("invalid", INVALID)] {
        let submission: Value = serde_json::from_str(text).unwrap();
        // The JS API's `formErrors` path, whole and by step, so a change to
        // one step shows where the time went.
        let data = &submission["data"];
        c.bench_function(&format!("form errors {name} (submitted data)"), |b| {
            b.iter(|| {
                let data = std::hint::black_box(data);
                item.live_form_errors(data, None, Lang::ZhCn)
            })
        });
        c.bench_function(&format!("normalize {name} form data"), |b| {
            b.iter(|| item.normalize(std::hint::black_box(data)).into_owned())
        });
        c.bench_function(&format!("prune {name} form data"), |b| {
            b.iter(|| item.pruned(std::hint::black_box(data)).into_owned())
        });
        let submitted = item.submitted_data(data);
        c.bench_function(
            &format!("form errors {name} (data already submitted)"),
            |b| b.iter(|| item.form_errors(std::hint::black_box(&submitted), Lang::ZhCn)),
        );
        c.bench_function(&format!("validate {name} submission (parsed)"), |b| {
            b.iter(|| {
                item.validate(std::hint::black_box(&submission), &ctx)
                    .unwrap()
            })
        });
        c.bench_function(
            &format!("validate {name} submission (JSON text to report JSON)"),
            |b| {
                b.iter(|| {
                    let submission: Value =
                        serde_json::from_str(std::hint::black_box(text)).unwrap();
                    item.validate(&submission, &ctx).unwrap().to_json()
                })
            },
        );
    }
}

criterion_group!(validate, benches);
criterion_main!(validate);
