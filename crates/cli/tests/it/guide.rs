//! `banli guide`: the printed service guide of every sample item, as HTML
//! and Markdown, compared with snapshots in `tests/fixtures/<item>/snapshots/`.

use crate::{banli, items, snapshot, stdout};

#[test]
fn every_sample_item_has_a_guide_in_both_formats() {
    for item in items() {
        let path = format!("schemas/items/{item}.json");
        for format in ["html", "md"] {
            let output = banli(&["guide", &path, "--format", format]);
            assert_eq!(output.status.code(), Some(0), "{item} {format}");
            snapshot(&item, &format!("guide.{format}"), &stdout(&output));
        }
        let english = banli(&["guide", &path, "--format", "md", "--lang", "en"]);
        assert_eq!(english.status.code(), Some(0), "{item} en");
        snapshot(&item, "guide.en.md", &stdout(&english));
    }
}

/// Sample items whose English is not written yet, each with the reason.
const UNTRANSLATED: &[(&str, &str)] = &[];

/// English is banli's second language: every sample item's texts, the
/// descriptive elements and situations included, have their English, so
/// its English guide and form show no Chinese but the legal citations.
#[test]
fn every_sample_item_has_its_english() {
    for item in items() {
        if UNTRANSLATED.iter().any(|(name, _)| *name == item) {
            continue;
        }
        let path = format!("schemas/items/{item}.json");
        let output = banli(&["lint", &path, "--format", "json"]);
        let report = stdout(&output);
        assert!(
            !report.contains("lint.missing_translation"),
            "{item} lacks English: {report}"
        );
    }
}

/// Issue 18: a real guide transcribed into the format loses nothing. Each
/// item with `tests/fixtures/<item>/guide-facts.txt` (the facts of the real
/// guide, one per line, `#` for comments) has a Markdown guide containing
/// every one of them.
#[test]
fn real_guides_print_every_fact_of_their_source() {
    let root = crate::workspace_root();
    let mut checked = Vec::new();
    for item in items() {
        let facts = root.join(format!("tests/fixtures/{item}/guide-facts.txt"));
        let Ok(facts) = std::fs::read_to_string(&facts) else {
            continue;
        };
        let path = format!("schemas/items/{item}.json");
        let guide = stdout(&banli(&["guide", &path, "--format", "md"]));
        let missing: Vec<&str> = facts
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .filter(|fact| !guide.contains(fact))
            .collect();
        assert!(missing.is_empty(), "{item}: not in the guide: {missing:#?}");
        checked.push(item);
    }
    assert_eq!(
        checked,
        ["gx-feasibility-approval", "ha-road-passenger-licence"],
        "both real guides have a fact list"
    );
}

/// Issue 18: the real guides name their situations in the source's words,
/// never as a field's value ("为“true”时"), in both formats.
#[test]
fn real_guides_word_situations_as_their_sources_do() {
    for (item, wording) in [
        (
            "gx-feasibility-approval",
            "属上一级发展改革部门审批权限的项目时需要",
        ),
        ("ha-road-passenger-licence", "同时申请客运班线时需要"),
    ] {
        let path = format!("schemas/items/{item}.json");
        for format in ["md", "html"] {
            let guide = stdout(&banli(&["guide", &path, "--format", format]));
            assert!(guide.contains(wording), "{item} ({format})");
            for value in ["为“true”", "为“false”", "为“是”时", "为“否”时"] {
                assert!(!guide.contains(value), "{item} ({format}): {value}");
            }
        }
    }
}

#[test]
fn the_html_guide_is_a_printable_page() {
    let output = banli(&["guide", "schemas/items/food-business-licence.json"]);
    let page = stdout(&output);
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("@page { size: A4;"));
    assert!(page.contains("<h1>食品经营许可（新办）办事指南</h1>"));
    assert!(page.contains("“经营项目类别”为“餐饮服务”时必要"));
}

#[test]
fn the_guide_speaks_english_too() {
    let output = banli(&[
        "guide",
        "schemas/items/food-business-licence.json",
        "--format",
        "md",
        "--lang",
        "en",
    ]);
    assert!(stdout(&output).starts_with("# Service guide: Food business licence (new)"));
}

#[test]
fn a_broken_item_has_no_guide() {
    let output = banli(&[
        "guide",
        "tests/fixtures/broken-items/duplicate-material-id.json",
    ]);
    assert_eq!(output.status.code(), Some(2));
}
