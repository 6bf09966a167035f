//! `cargo xtask fuzz [--seconds N] [TARGET ...]`: a smoke run of every fuzz
//! target in `fuzz/` (libFuzzer through `cargo fuzz`), N seconds each
//! (default 60). Not part of `cargo xtask test`.
//!
//! It installs cargo-fuzz when missing, seeds each target's corpus from the
//! repository's own data (items, fixtures, calendars), builds every target
//! once and runs them one after another, then prints how many inputs each
//! ran and fails if any found a crash (the input is kept under
//! `fuzz/artifacts/<target>/`; turn it into a regression test in
//! `crates/core/tests/limits.rs` before fixing it).
//!
//! cargo fuzz passes nightly-only flags (`-Zsanitizer=address`). With a
//! nightly toolchain installed (rustup) it runs on nightly; otherwise on
//! the default toolchain with `RUSTC_BOOTSTRAP=1`, which enables those flags
//! on a stable compiler.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context, bail};

use crate::{cargo, project_root};

/// The targets, in the order they run.
pub const TARGETS: &[&str] = &["definition", "submission", "calendar", "pointer_label"];

struct Options {
    seconds: u64,
    targets: Vec<String>,
}

fn parse(args: &[String]) -> anyhow::Result<Options> {
    let mut options = Options {
        seconds: 60,
        targets: Vec::new(),
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--seconds" => {
                let value = args.next().context("--seconds needs a number")?;
                options.seconds = value
                    .parse()
                    .with_context(|| format!("--seconds {value}: not a number"))?;
            }
            target if TARGETS.contains(&target) => options.targets.push(target.to_owned()),
            other => bail!(
                "unknown argument “{other}” (usage: cargo xtask fuzz [--seconds N] [{}])",
                TARGETS.join("|")
            ),
        }
    }
    if options.targets.is_empty() {
        options.targets = TARGETS.iter().map(|t| (*t).to_owned()).collect();
    }
    Ok(options)
}

pub fn run(args: &[String]) -> anyhow::Result<()> {
    let options = parse(args)?;
    ensure_cargo_fuzz()?;
    let toolchain = Toolchain::detect();
    println!("\n==> Fuzzing with {}", toolchain.describe());
    seed_corpora()?;

    let mut build = toolchain.cargo_fuzz();
    build.arg("build");
    println!("\n==> Building the fuzz targets\n    $ cargo fuzz build");
    let status = build.status().context("cannot start cargo fuzz")?;
    anyhow::ensure!(status.success(), "cargo fuzz build failed ({status})");

    let mut results = Vec::new();
    for target in &options.targets {
        results.push(run_target(&toolchain, target, options.seconds)?);
    }
    println!("\n==> Fuzzing summary ({} s per target)", options.seconds);
    for result in &results {
        println!(
            "    {:<14} {:>10} runs  {}",
            result.target,
            result
                .runs
                .map_or_else(|| "?".to_owned(), |n| n.to_string()),
            if result.crashed {
                "CRASH (see fuzz/artifacts/)"
            } else {
                "no crash"
            }
        );
    }
    let crashed: Vec<_> = results
        .iter()
        .filter(|r| r.crashed)
        .map(|r| r.target.as_str())
        .collect();
    if !crashed.is_empty() {
        bail!(
            "fuzzing found crashes in: {} (inputs under fuzz/artifacts/; reproduce with \
             `cargo fuzz run TARGET fuzz/artifacts/TARGET/crash-...`)",
            crashed.join(", ")
        );
    }
    Ok(())
}

fn ensure_cargo_fuzz() -> anyhow::Result<()> {
    let installed = Command::new(cargo())
        .args(["fuzz", "--version"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if installed {
        return Ok(());
    }
    crate::run_step(
        "Installing cargo-fuzz (once)",
        &cargo(),
        &["install", "--locked", "cargo-fuzz"],
    )
}

enum Toolchain {
    Nightly,
    Bootstrap,
}

impl Toolchain {
    fn detect() -> Toolchain {
        let nightly = Command::new("rustup")
            .args(["run", "nightly", "rustc", "--version"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if nightly {
            Toolchain::Nightly
        } else {
            Toolchain::Bootstrap
        }
    }

    fn describe(&self) -> &'static str {
        match self {
            Toolchain::Nightly => "the nightly toolchain (cargo +nightly fuzz)",
            Toolchain::Bootstrap => {
                "the default toolchain with RUSTC_BOOTSTRAP=1 (no nightly installed)"
            }
        }
    }

    fn cargo_fuzz(&self) -> Command {
        let mut command = match self {
            Toolchain::Nightly => {
                let mut c = Command::new("cargo");
                c.arg("+nightly");
                c
            }
            Toolchain::Bootstrap => {
                let mut c = Command::new(cargo());
                c.env("RUSTC_BOOTSTRAP", "1");
                c
            }
        };
        // Chosen above, not by the toolchain `cargo xtask` itself runs on.
        command
            .env_remove("RUSTUP_TOOLCHAIN")
            .env_remove("RUSTC")
            .env_remove("CARGO")
            .arg("fuzz")
            .current_dir(project_root());
        command
    }
}

struct Outcome {
    target: String,
    runs: Option<u64>,
    crashed: bool,
}

fn run_target(toolchain: &Toolchain, target: &str, seconds: u64) -> anyhow::Result<Outcome> {
    let corpus = format!("fuzz/corpus/{target}");
    let max_time = format!("-max_total_time={seconds}");
    println!(
        "\n==> Fuzzing {target} for {seconds} s\n    $ cargo fuzz run {target} {corpus} -- {max_time} -timeout=10 -rss_limit_mb=2048"
    );
    let mut child = toolchain
        .cargo_fuzz()
        .args(["run", target, &corpus, "--"])
        .args([max_time.as_str(), "-timeout=10", "-rss_limit_mb=2048"])
        .arg("-print_final_stats=1")
        .stderr(Stdio::piped())
        .spawn()
        .context("cannot start cargo fuzz")?;
    let stderr = child.stderr.take().expect("piped");
    let mut runs = None;
    let mut crashed = false;
    for line in BufReader::new(stderr).lines() {
        let line = line?;
        // libFuzzer's last words: "Done 123456 runs in 60 second(s)".
        if let Some(rest) = line.strip_prefix("Done ") {
            runs = rest.split_whitespace().next().and_then(|n| n.parse().ok());
        }
        if line.contains("ERROR: libFuzzer") || line.contains("SUMMARY: ") {
            crashed = true;
        }
        // Only the start, the end and problems: the full log is long.
        let noise = (line.starts_with('#') && !line.contains("DONE")) || line.contains("NEW_FUNC");
        if !noise {
            eprintln!("    {line}");
        }
    }
    let status = child.wait()?;
    Ok(Outcome {
        target: target.to_owned(),
        runs,
        crashed: crashed || !status.success(),
    })
}

/// The repository's own data as each target's starting corpus.
fn seed_corpora() -> anyhow::Result<()> {
    let root = project_root();
    let items = sorted_json(&root.join("schemas/items"))?;
    let seed = |target: &str, name: &str, bytes: &[u8]| -> anyhow::Result<()> {
        let dir = root.join("fuzz/corpus").join(target);
        std::fs::create_dir_all(&dir)?;
        std::fs::write(dir.join(format!("seed-{name}")), bytes)
            .with_context(|| format!("cannot write the {target} corpus"))
    };
    for dir in [
        "schemas/items",
        "tests/fixtures/broken-items",
        "tests/fixtures/lint",
    ] {
        for file in sorted_json(&root.join(dir))? {
            seed("definition", &file_name(&file), &std::fs::read(&file)?)?;
        }
    }
    for file in sorted_json(&root.join("schemas/calendars"))? {
        seed("calendar", &file_name(&file), &std::fs::read(&file)?)?;
    }
    // The submission target picks the item by the first byte, in the
    // sorted order of schemas/items (as fuzz_targets/submission.rs lists them).
    for (index, item) in items.iter().enumerate() {
        let stem = item.file_stem().unwrap_or_default().to_string_lossy();
        let fixtures = root.join("tests/fixtures").join(stem.as_ref());
        if !fixtures.is_dir() {
            continue;
        }
        for file in sorted_json(&fixtures)? {
            let text = std::fs::read(&file)?;
            let mut input = vec![u8::try_from(index)?];
            input.extend_from_slice(&text);
            seed(
                "submission",
                &format!("{stem}-{}", file_name(&file)),
                &input,
            )?;
            let mut labelled = b"/operator/id_number\n".to_vec();
            labelled.extend_from_slice(&text);
            seed(
                "pointer_label",
                &format!("{stem}-{}", file_name(&file)),
                &labelled,
            )?;
        }
    }
    Ok(())
}

fn sorted_json(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read {}", dir.display()))?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    files.retain(|p| p.extension().is_some_and(|e| e == "json"));
    files.sort();
    Ok(files)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_target_has_a_source_file_and_a_bin_entry() {
        let manifest = std::fs::read_to_string(project_root().join("fuzz/Cargo.toml")).unwrap();
        for target in TARGETS {
            assert!(
                project_root()
                    .join(format!("fuzz/fuzz_targets/{target}.rs"))
                    .is_file(),
                "{target}"
            );
            assert!(
                manifest.contains(&format!("name = \"{target}\"")),
                "{target}"
            );
        }
    }

    #[test]
    fn the_submission_target_lists_the_items_in_sorted_order() {
        let source =
            std::fs::read_to_string(project_root().join("fuzz/fuzz_targets/submission.rs"))
                .unwrap();
        let items = sorted_json(&project_root().join("schemas/items")).unwrap();
        let mut at = 0;
        for item in items {
            let needle = format!("schemas/items/{}", file_name(&item));
            let found = source[at..]
                .find(&needle)
                .unwrap_or_else(|| panic!("{needle} missing or out of order"));
            at += found + needle.len();
        }
    }

    #[test]
    fn arguments_are_parsed() {
        let options = parse(&[
            "--seconds".to_owned(),
            "5".to_owned(),
            "calendar".to_owned(),
        ])
        .unwrap();
        assert_eq!(options.seconds, 5);
        assert_eq!(options.targets, ["calendar"]);
        assert_eq!(parse(&[]).unwrap().targets.len(), TARGETS.len());
        assert!(parse(&["nonsense".to_owned()]).is_err());
    }
}
