//! `cargo xtask`: build, serve and test orchestration for banli.
//!
//! `cargo xtask test` runs every check CI runs; `cargo xtask serve` builds
//! and serves the demo portal. Each subcommand is one module; all of them
//! say what they are doing before they do it; `cargo xtask NAME --help`
//! prints a subcommand's usage (`help_for`, before any option is parsed).

mod fuzz;
mod integrity;
mod postgres;
mod precompress;
mod serve;
mod test;
#[cfg(test)]
mod tidy;
mod wasm;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use anyhow::{Context, bail};

/// One subcommand: its name, the line the overview shows, its own usage
/// (printed for `cargo xtask NAME --help`) and what runs it.
struct Subcommand {
    name: &'static str,
    summary: &'static str,
    usage: &'static str,
    run: fn(&[String]) -> anyhow::Result<()>,
}

const SUBCOMMANDS: &[Subcommand] = &[
    Subcommand {
        name: "test",
        summary: "every test of the workspace: format, lints, unit, integration,
           conformance (prints the JSON-Schema-Test-Suite pass counts)",
        usage: "usage: cargo xtask test

Every check CI runs, in the order that fails fastest: cargo fmt --check,
clippy (warnings are errors), every test of the workspace (with a throwaway
PostgreSQL for the server's tests), the JSON-Schema-Test-Suite pass counts,
the WebAssembly package, the Node parity and API tests, the wasm-bindgen
tests and the browser tests. Takes no options.",
        run: test::run,
    },
    Subcommand {
        name: "build",
        summary: "the WebAssembly package (target/pkg/banli-wasm) and its sizes
           (--no-opt skips wasm-opt)",
        usage: "usage: cargo xtask build [--no-opt]

Builds the WebAssembly package (target/pkg/banli-wasm) and the <banli-form>
widget (target/pkg/banli-widget), and prints their sizes.

options:
  --no-opt   skip wasm-opt (faster; sizes are then not the release sizes)",
        run: wasm::run,
    },
    Subcommand {
        name: "e2e",
        summary: "only the browser tests (after `cargo xtask build --no-opt`)",
        usage: "usage: cargo xtask e2e [FILE...]

Only the browser tests (tests/e2e/, headless Chromium) against a banli-server
on a free loopback port. Needs `cargo build -p banli-server` and
`cargo xtask build --no-opt` first.

  FILE...   run only these test files (e.g. widget.test.mjs; default: all)",
        run: e2e,
    },
    Subcommand {
        name: "fuzz",
        summary: "a smoke run of every fuzz target (cargo fuzz, libFuzzer), 60 s each
           (--seconds N; name targets to run only those)",
        usage: "usage: cargo xtask fuzz [--seconds N] [TARGET...]

A smoke run of the fuzz targets of fuzz/ (cargo fuzz, libFuzzer), installing
cargo-fuzz when missing. Crashing inputs are kept under fuzz/artifacts/.

options:
  --seconds N   how long each target runs (default 60)
  TARGET...     run only these targets (default: all of them)",
        run: fuzz::run,
    },
    Subcommand {
        name: "serve",
        summary: "build everything and run banli-server (SQLite under ./data/) with the
           demo portal and the ledger on http://127.0.0.1:8080 (--port N, --bind ADDR)",
        usage: "usage: cargo xtask serve [--port N] [--bind ADDR]

Builds the workspace, the JavaScript package and the <banli-form> widget,
then runs banli-server (SQLite under ./data/) with the demo portal and the
officials' ledger. Ctrl-C stops it.

options:
  --port N      the port to listen on (default 8080)
  --bind ADDR   the address to listen on (default 127.0.0.1)",
        run: serve::run,
    },
];

fn usage() -> String {
    let mut text = "usage: cargo xtask <command> [--help]\n\ncommands:".to_owned();
    for command in SUBCOMMANDS {
        text += &format!("\n  {:<8} {}", command.name, command.summary);
    }
    text
}

/// The usage to print when the arguments ask for help (`--help` or `-h`
/// anywhere, or `help [COMMAND]`); `None` when they ask for work. Checked
/// before any subcommand parses its options, so every subcommand answers
/// `--help` the same way and none of them starts working instead.
fn help_for(args: &[String]) -> Option<String> {
    let find = |name: &str| SUBCOMMANDS.iter().find(|c| c.name == name);
    match args.first().map(String::as_str) {
        None | Some("help" | "--help" | "-h") => Some(
            args.get(1)
                .and_then(|name| find(name))
                .map_or_else(usage, |c| c.usage.to_owned()),
        ),
        Some(name) if args[1..].iter().any(|a| a == "--help" || a == "-h") => {
            Some(find(name).map_or_else(usage, |c| c.usage.to_owned()))
        }
        Some(_) => None,
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(text) = help_for(&args) {
        // Not println!: `cargo xtask --help | head` closes the pipe, and a
        // usage nobody reads to the end is no failure.
        let _ = writeln!(std::io::stdout(), "{text}");
        return ExitCode::SUCCESS;
    }
    let name = &args[0];
    let result = match SUBCOMMANDS.iter().find(|c| c.name == name) {
        Some(command) => (command.run)(&args[1..]),
        None => Err(anyhow::anyhow!("unknown command “{name}”\n\n{}", usage())),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // The message and its causes on one line: a backtrace of xtask
        // itself helps nobody find a failing step or a mistyped option.
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn e2e(args: &[String]) -> anyhow::Result<()> {
    let mut files = Vec::new();
    for arg in args {
        let name = arg.strip_prefix("tests/e2e/").unwrap_or(arg);
        if name.starts_with('-') || !project_root().join("tests/e2e").join(name).is_file() {
            bail!("no browser test file “{arg}” in tests/e2e/ (see cargo xtask e2e --help)");
        }
        files.push(format!("tests/e2e/{name}"));
    }
    test::browser_tests(&files)
}

pub fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace root")
        .to_path_buf()
}

/// Announces and runs a command in the project root; fails with its name.
pub fn run_step(title: &str, program: &str, args: &[&str]) -> anyhow::Result<()> {
    run_step_with(title, program, args, &[])
}

/// [`run_step`] with environment variables set for the command.
pub fn run_step_with(
    title: &str,
    program: &str,
    args: &[&str],
    env: &[(&str, &std::ffi::OsStr)],
) -> anyhow::Result<()> {
    println!("\n==> {title}\n    $ {program} {}", args.join(" "));
    let status = Command::new(program)
        .args(args)
        .envs(env.iter().copied())
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

/// Where cargo writes what it builds: `CARGO_TARGET_DIR` or
/// `build.target-dir` when set, else the project's `target/`, as `cargo
/// metadata` reports it (asked once). The packages xtask makes stay in the
/// project's `target/pkg/`, where the server, the tests and the tools look.
///
/// # Errors
/// When `cargo metadata` cannot run or says something unexpected.
pub fn cargo_target_dir() -> anyhow::Result<PathBuf> {
    static DIR: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    if let Some(dir) = DIR.get() {
        return Ok(dir.clone());
    }
    let output = Command::new(cargo())
        .args(["metadata", "--format-version", "1", "--no-deps"])
        .current_dir(project_root())
        .output()
        .context("cannot run cargo metadata")?;
    if !output.status.success() {
        bail!(
            "cargo metadata failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let metadata: serde_json::Value =
        serde_json::from_slice(&output.stdout).context("cargo metadata printed no JSON")?;
    let dir = metadata["target_directory"]
        .as_str()
        .map(PathBuf::from)
        .context("cargo metadata names no target_directory")?;
    Ok(DIR.get_or_init(|| dir).clone())
}

pub fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned())
}

#[cfg(test)]
mod help_tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn every_subcommand_answers_help_with_its_usage() {
        for command in SUBCOMMANDS {
            let heading = format!("usage: cargo xtask {}", command.name);
            assert!(command.usage.starts_with(&heading), "{}", command.name);
            for flag in ["--help", "-h"] {
                assert_eq!(
                    help_for(&args(&[command.name, flag])).as_deref(),
                    Some(command.usage),
                    "cargo xtask {} {flag}",
                    command.name
                );
            }
            assert_eq!(
                help_for(&args(&["help", command.name])).as_deref(),
                Some(command.usage)
            );
        }
        // After options too: `serve --port 9000 --help` must not start a server.
        assert_eq!(
            help_for(&args(&["serve", "--port", "9000", "--help"])).as_deref(),
            Some(
                SUBCOMMANDS
                    .iter()
                    .find(|c| c.name == "serve")
                    .unwrap()
                    .usage
            )
        );
    }

    #[test]
    fn help_without_a_command_lists_every_command() {
        for list in [&[][..], &["--help"], &["-h"], &["help"]] {
            let text = help_for(&args(list)).unwrap();
            for command in SUBCOMMANDS {
                assert!(
                    text.contains(&format!("\n  {:<8} ", command.name)),
                    "{text}"
                );
            }
        }
    }

    #[test]
    fn work_is_not_help() {
        assert_eq!(help_for(&args(&["test"])), None);
        assert_eq!(help_for(&args(&["fuzz", "--seconds", "5"])), None);
    }

    #[test]
    fn the_target_dir_is_the_one_cargo_uses() {
        let dir = cargo_target_dir().unwrap();
        assert!(dir.is_absolute(), "{}", dir.display());
        // The test binary itself was built there, wherever the environment
        // or a cargo config put it.
        let exe = std::env::current_exe().unwrap();
        assert!(
            exe.starts_with(&dir),
            "{} in {}",
            exe.display(),
            dir.display()
        );
    }
}
