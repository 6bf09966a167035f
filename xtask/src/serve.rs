//! `cargo xtask serve`: builds everything (the workspace, the JavaScript
//! package and the `<banli-form>` widget) and runs the reference server,
//! `banli-server`, with its embedded SQLite database under `./data/`: the
//! demo portal, the application pages and the officials' ledger on
//! http://127.0.0.1:8080 (`--port N`, `--bind ADDR`).

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

use crate::{cargo, project_root, run_step, wasm};

pub fn run(args: &[String]) -> anyhow::Result<()> {
    let mut server_args = Vec::new();
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--port" | "--bind" => {
                let value = rest
                    .next()
                    .with_context(|| format!("{arg} needs a value"))?;
                server_args.extend([arg.clone(), value.clone()]);
            }
            other => bail!(
                "unknown option “{other}” (use --port N, --bind ADDR; see cargo xtask serve --help)"
            ),
        }
    }
    run_step(
        "Building the workspace",
        &cargo(),
        &["build", "--workspace", "--release"],
    )?;
    // Skips wasm-opt to start quickly; `cargo xtask build` makes the release packages.
    wasm::build(&wasm::BuildOptions { optimise: false })?;
    println!("\n==> Starting banli-server (Ctrl-C stops it)");
    let status = Command::new(crate::cargo_target_dir()?.join("release/banli-server"))
        .args(&server_args)
        .current_dir(project_root())
        .status()
        .context("cannot start banli-server")?;
    if !status.success() {
        bail!("banli-server exited with {status}");
    }
    Ok(())
}

/// A `banli-server` (debug build) for the browser tests: a fresh SQLite
/// database in a temporary folder, a known officials' token, a free
/// loopback port. Stopped when dropped.
pub struct TestServer {
    child: Child,
    pub base_url: String,
    pub token: String,
    /// The server's `--data-dir` (its SQLite database): browser tests add
    /// officials' accounts there with `banli-server officials add`.
    pub data_dir: std::path::PathBuf,
}

impl TestServer {
    pub fn start() -> anyhow::Result<TestServer> {
        let port = std::net::TcpListener::bind(("127.0.0.1", 0))?
            .local_addr()?
            .port();
        let data_dir =
            std::env::temp_dir().join(format!("banli-e2e-{}-{port}", std::process::id()));
        let token = format!("e2e-{port}-official");
        let child = Command::new(crate::cargo_target_dir()?.join("debug/banli-server"))
            .args(["--port", &port.to_string(), "--bind", "127.0.0.1"])
            .arg("--data-dir")
            .arg(&data_dir)
            .env("BANLI_OFFICIAL_TOKEN", &token)
            // The tests' date, so that no browser test depends on the day it runs.
            .env("BANLI_TODAY", tests_today()?)
            .env_remove("DATABASE_URL")
            .current_dir(project_root())
            .stdout(Stdio::null())
            .spawn()
            .context("cannot start target/debug/banli-server (run cargo build -p banli-server)")?;
        let server = TestServer {
            child,
            base_url: format!("http://127.0.0.1:{port}"),
            token,
            data_dir,
        };
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            if started.elapsed() > Duration::from_secs(30) {
                bail!("banli-server did not start listening on port {port} within 30 s");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Ok(server)
    }
}

/// The tests' date (`tests/fixtures/today.txt`).
pub fn tests_today() -> anyhow::Result<String> {
    let path = project_root().join("tests/fixtures/today.txt");
    Ok(std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read {}", path.display()))?
        .trim()
        .to_owned())
}

impl Drop for TestServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.data_dir);
    }
}
