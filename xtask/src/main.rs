//! `cargo xtask`: build, serve and test orchestration for banli.
//!
//! `cargo xtask test` runs every check CI runs; `cargo xtask serve` builds
//! and serves the demo portal. Each subcommand is one module; all of them
//! say what they are doing before they do it.

mod fuzz;
mod integrity;
mod postgres;
mod serve;
mod test;
#[cfg(test)]
mod tidy;
mod wasm;

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};

const USAGE: &str = "usage: cargo xtask <command>

commands:
  test     every test of the workspace: format, lints, unit, integration,
           conformance (prints the JSON-Schema-Test-Suite pass counts)
  build    the WebAssembly package (target/pkg/banli-wasm) and its sizes
           (--no-opt skips wasm-opt)
  e2e      only the browser tests (after `cargo xtask build --no-opt`)
  fuzz     a smoke run of every fuzz target (cargo fuzz, libFuzzer), 60 s each
           (--seconds N; name targets to run only those)
  serve    build everything and run banli-server (SQLite under ./data/) with the
           demo portal and the ledger on http://127.0.0.1:8080 (--port N, --bind ADDR)";

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("test") => test::run(&args[1..]),
        Some("serve") => serve::run(&args[1..]),
        Some("build") => wasm::run(&args[1..]),
        Some("e2e") => test::browser_tests(),
        Some("fuzz") => fuzz::run(&args[1..]),
        Some("help" | "--help" | "-h") | None => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => bail!("unknown command “{other}”\n\n{USAGE}"),
    }
}

pub fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace root")
        .to_path_buf()
}

/// Announces and runs a command in the project root; fails with its name.
pub fn run_step(title: &str, program: &str, args: &[&str]) -> anyhow::Result<()> {
    println!("\n==> {title}\n    $ {program} {}", args.join(" "));
    let status = Command::new(program)
        .args(args)
        .current_dir(project_root())
        .status()
        .with_context(|| format!("cannot start {program}"))?;
    if !status.success() {
        bail!(
            "step failed: {title} ({program} {} exited with {status})",
            args.join(" ")
        );
    }
    Ok(())
}

pub fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned())
}
