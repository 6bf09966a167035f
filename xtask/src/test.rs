//! `cargo xtask test`: the whole suite, in the order that fails fastest.

use crate::wasm::{self, BuildOptions};
use crate::{cargo, run_step};

pub fn run(args: &[String]) -> anyhow::Result<()> {
    if let Some(unknown) = args.first() {
        anyhow::bail!(
            "cargo xtask test takes no arguments (got “{unknown}”; see cargo xtask test --help)"
        );
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
    // Stopped when `run` returns, whether the tests pass or not.
    let postgres = crate::postgres::ensure_postgres()?;
    let postgres_url = &postgres.url;
    println!(
        "\n==> Running every test of the workspace (PostgreSQL at {postgres_url})\n    $ {cargo} test --workspace"
    );
    let status = std::process::Command::new(&cargo)
        .args(["test", "--workspace"])
        .env("BANLI_TEST_POSTGRES_URL", postgres_url)
        .current_dir(crate::project_root())
        .status()?;
    anyhow::ensure!(
        status.success(),
        "step failed: cargo test --workspace ({status})"
    );
    // The workspace's run links the engine into the core (feature
    // unification); how a build without it lends the engine's judge to an
    // item is tested on its own.
    run_step(
        "The core without the schema engine (the widget's view)",
        &cargo,
        &[
            "test",
            "-p",
            "banli-core",
            "--no-default-features",
            "--test",
            "lent_engine",
        ],
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
    // The widget's view and the core without the schema engine, as the
    // browser gets them (after the build, which installs the wasm target):
    // in the workspace's lint above, feature unification
    // links the engine into both and would hide a warning or a missing gate.
    run_step(
        "Linting the widget's view and the core without the schema engine",
        &cargo,
        &[
            "clippy",
            "-p",
            "banli-core",
            "-p",
            "banli-widget",
            "--no-default-features",
            "--lib",
            "--target",
            "wasm32-unknown-unknown",
            "--",
            "-D",
            "warnings",
        ],
    )?;
    // The lint parity test compares with the CLI where cargo built it.
    let cli = crate::cargo_target_dir()?.join("debug/banli");
    crate::run_step_with(
        "WebAssembly parity and JavaScript API tests (Node)",
        "node",
        &["--test", "tests/wasm/"],
        &[("BANLI_BIN", cli.as_os_str())],
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
    browser_tests(&[])?;
    println!("\nAll checks passed.");
    Ok(())
}

/// The widget in headless Chromium (Debian's package, installed when
/// missing), driven by playwright-core against the demo portal served on a
/// loopback port.
/// The browser tests in `files` (paths from the project root), or all of
/// `tests/e2e/` when `files` is empty.
pub fn browser_tests(files: &[String]) -> anyhow::Result<()> {
    let chromium = ensure_chromium()?;
    ensure_cjk_font()?;
    wasm::ensure_npm_tools()?;
    let server = crate::serve::TestServer::start()?;
    println!(
        "\n==> Browser tests against banli-server at {} (screenshots in target/e2e-screenshots/)",
        server.base_url
    );
    let all = ["tests/e2e/".to_owned()];
    let files = if files.is_empty() { &all[..] } else { files };
    let status = std::process::Command::new("node")
        .args(["--test", "--test-concurrency=1"])
        .args(files)
        .env("BANLI_BASE_URL", &server.base_url)
        .env("BANLI_OFFICIAL_TOKEN", &server.token)
        .env("BANLI_E2E_DATA_DIR", &server.data_dir)
        .env(
            "BANLI_SERVER_BIN",
            crate::cargo_target_dir()?.join("debug/banli-server"),
        )
        .env("CHROMIUM", &chromium)
        .env("BANLI_BIN", crate::cargo_target_dir()?.join("debug/banli"))
        .current_dir(crate::project_root())
        .status()?;
    if !status.success() {
        anyhow::bail!("step failed: browser tests (node --test tests/e2e/ exited with {status})");
    }
    Ok(())
}

/// A font with Chinese glyphs, so screenshots show Chinese instead of boxes
/// (`tests/e2e/fonts.test.mjs` fails without one). WenQuanYi Zen Hei is
/// Debian's smallest complete CJK font.
fn ensure_cjk_font() -> anyhow::Result<()> {
    let has_chinese = |out: std::process::Output| !out.stdout.is_empty();
    let installed = std::process::Command::new("fc-list")
        .args([":lang=zh", "family"])
        .output()
        .is_ok_and(has_chinese);
    if installed {
        println!("==> A CJK font is installed");
        return Ok(());
    }
    apt_install(
        "a CJK font for the browser tests (fonts-wqy-zenhei)",
        "fonts-wqy-zenhei",
    )
}

/// Installs one Debian package, after updating the package lists.
fn apt_install(what: &str, package: &str) -> anyhow::Result<()> {
    run_step(
        "Updating Debian's package lists",
        "apt-get",
        &["update", "-qq"],
    )?;
    run_step(
        &format!("Installing {what}"),
        "apt-get",
        &["install", "-y", "-qq", package],
    )
}

fn ensure_chromium() -> anyhow::Result<String> {
    let path = "/usr/bin/chromium";
    if std::path::Path::new(path).exists() {
        println!("==> Chromium is installed ({path})");
        return Ok(path.to_owned());
    }
    apt_install("Chromium for the browser tests", "chromium")?;
    Ok(path.to_owned())
}
