//! `cargo xtask test`: the whole suite, in the order that fails fastest.

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
            "-p",
            "banli-core",
            "--test",
            "conformance",
            "--",
            "--nocapture",
        ],
    )?;
    println!("\nAll checks passed.");
    Ok(())
}
