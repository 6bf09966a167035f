//! `cargo xtask test`: the whole suite, in the order that fails fastest.

use crate::wasm::{self, BuildOptions};
use crate::{cargo, run_step};

pub fn run(args: &[String]) -> anyhow::Result<()> {
    if let Some(unknown) = args.first() {
        anyhow::bail!("cargo xtask test takes no arguments (got “{unknown}”)");
    }
    let cargo = cargo();
    run_step("Checking formatting", &cargo, &["fmt", "--all", "--check"])?;
    run_step(
        "Linting (clippy, warnings are errors)",
        &cargo,
        &[
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
    )?;
    run_step(
        "Running every test of the workspace",
        &cargo,
        &["test", "--workspace"],
    )?;
    run_step(
        "JSON-Schema-Test-Suite pass counts",
        &cargo,
        &[
            "test",
            "--quiet",
            "--workspace",
            "--test",
            "conformance",
            "--",
            "--nocapture",
        ],
    )?;
    // wasm-opt is skipped here: it changes size, not behaviour, and costs a minute.
    wasm::build(&BuildOptions { optimise: false })?;
    run_step(
        "WebAssembly parity and JavaScript API tests (Node)",
        "node",
        &["--test", "tests/wasm/"],
    )?;
    run_step(
        "wasm-bindgen-test unit tests (Node)",
        &cargo,
        &[
            "test",
            "-p",
            "banli-wasm",
            "--target",
            "wasm32-unknown-unknown",
            "--test",
            "node",
        ],
    )?;
    println!("\nAll checks passed.");
    Ok(())
}
