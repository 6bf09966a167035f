//! `cargo xtask build`: the WebAssembly package. Installs what is missing
//! (the wasm32 target; wasm-bindgen-cli at exactly the version in
//! Cargo.lock; the npm tools), builds `banli-wasm` twice — the web build
//! with the size profile (`wasm-release`), the Node build with the speed
//! profile (`wasm-speed`) — runs wasm-bindgen for each, optimises with
//! wasm-opt (npm `binaryen`; [`DOWNLOAD_LEVEL`] and `-O3`), writes an npm-style package
//! folder, precompresses the served files (`.br`, `.gz`) and prints its
//! sizes.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};

use crate::{cargo, project_root, run_step};

/// Where the package is written.
pub fn package_dir() -> PathBuf {
    project_root().join("target/pkg/banli-wasm")
}

pub struct BuildOptions {
    /// Run wasm-opt (slow: ~30–45 s per module).
    pub optimise: bool,
}

pub fn run(args: &[String]) -> anyhow::Result<()> {
    let mut options = BuildOptions { optimise: true };
    for arg in args {
        match arg.as_str() {
            "--no-opt" => options.optimise = false,
            other => bail!(
                "unknown option “{other}” (cargo xtask build [--no-opt]; see cargo xtask build --help)"
            ),
        }
    }
    build(&options)?;
    print_sizes()
}

/// Where the `<banli-form>` widget is written.
pub fn widget_dir() -> PathBuf {
    project_root().join("target/pkg/banli-widget")
}

pub fn build(options: &BuildOptions) -> anyhow::Result<()> {
    build_widget(options)?;
    build_js_api(options)
}

/// The `<banli-form>` widget: the Yew app (web target), its loader
/// `banli-form.js` and its stylesheet, in one folder to serve as is.
pub fn build_widget(options: &BuildOptions) -> anyhow::Result<()> {
    ensure_wasm_target()?;
    ensure_wasm_bindgen()?;
    let out = widget_dir();
    if out.exists() {
        std::fs::remove_dir_all(&out).with_context(|| format!("cannot clear {}", out.display()))?;
    }
    // Two modules, built apart: in one cargo invocation features unify,
    // and the view would link the engine it exists to leave out.
    for (package, name, features) in [
        // The view: painted and typeable before the engine has arrived.
        (
            "banli-widget",
            "banli_widget",
            &["--no-default-features"][..],
        ),
        // The schema engine, fetched after the view (crates/widget/src/engine.rs).
        ("banli-widget-engine", "banli_widget_engine", &[][..]),
    ] {
        let mut args = vec![
            "build",
            "-p",
            package,
            "--target",
            "wasm32-unknown-unknown",
            "--profile",
            "wasm-release",
        ];
        args.extend_from_slice(features);
        run_step(
            &format!("Building {package} (profile wasm-release)"),
            &cargo(),
            &args,
        )?;
        let input = crate::cargo_target_dir()?
            .join("wasm32-unknown-unknown/wasm-release")
            .join(format!("{name}.wasm"));
        run_step(
            &format!("wasm-bindgen --target web ({package})"),
            "wasm-bindgen",
            &[
                "--target",
                "web",
                "--out-dir",
                path_str(&out)?,
                "--out-name",
                name,
                path_str(&input)?,
            ],
        )?;
        if options.optimise {
            optimise(&out.join(format!("{name}_bg.wasm")), DOWNLOAD_LEVEL)?;
        }
    }
    let crate_dir = project_root().join("crates/widget");
    for (from, to) in [
        ("js/banli-form.js", "banli-form.js"),
        ("assets/banli-form.css", "banli-form.css"),
    ] {
        std::fs::copy(crate_dir.join(from), out.join(to))
            .with_context(|| format!("cannot copy {from}"))?;
    }
    crate::integrity::seal_widget(&out)?;
    // After sealing: the loader's bytes change when the hashes go in.
    write_precompressed(&out)?;
    println!("\n==> Widget written to {}", out.display());
    Ok(())
}

fn build_js_api(options: &BuildOptions) -> anyhow::Result<()> {
    ensure_wasm_target()?;
    let version = ensure_wasm_bindgen()?;
    let out = package_dir();
    if out.exists() {
        std::fs::remove_dir_all(&out).with_context(|| format!("cannot clear {}", out.display()))?;
    }
    // The browser downloads the web build: optimised for size. Node reads
    // its build from disk and a back end validates many submissions with
    // it: optimised for speed.
    for (target, folder, profile, level) in [
        ("web", "web", "wasm-release", DOWNLOAD_LEVEL),
        ("nodejs", "node", "wasm-speed", "-O3"),
    ] {
        run_step(
            &format!("Building banli-wasm (profile {profile})"),
            &cargo(),
            &[
                "build",
                "-p",
                "banli-wasm",
                "--target",
                "wasm32-unknown-unknown",
                "--profile",
                profile,
            ],
        )?;
        let input = crate::cargo_target_dir()?
            .join("wasm32-unknown-unknown")
            .join(profile)
            .join("banli_wasm.wasm");
        let dir = out.join(folder);
        run_step(
            &format!("wasm-bindgen --target {target}"),
            "wasm-bindgen",
            &[
                "--target",
                target,
                "--out-dir",
                path_str(&dir)?,
                "--out-name",
                "banli",
                path_str(&input)?,
            ],
        )?;
        if options.optimise {
            optimise(&dir.join("banli_bg.wasm"), level)?;
        }
    }
    write_package_json(&out, &version)?;
    std::fs::copy(
        project_root().join("crates/wasm/README.md"),
        out.join("README.md"),
    )
    .context("cannot copy the package README")?;
    // Only the browser build is served (`/banli-wasm/web/`); Node reads from disk.
    write_precompressed(&out.join("web"))?;
    println!("\n==> Package written to {}", out.display());
    Ok(())
}

/// `.br` and `.gz` beside the served files of `dir` (see `precompress`).
fn write_precompressed(dir: &Path) -> anyhow::Result<()> {
    println!("\n==> Precompressing {} (brotli 11, gzip 9)", dir.display());
    let written = crate::precompress::precompress_dir(dir)?;
    println!("wrote {} files", written.len());
    Ok(())
}

fn path_str(path: &Path) -> anyhow::Result<&str> {
    path.to_str().context("the project path is not UTF-8")
}

fn ensure_wasm_target() -> anyhow::Result<()> {
    let installed = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .context("cannot run rustup")?;
    if String::from_utf8_lossy(&installed.stdout)
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        println!("==> wasm32-unknown-unknown target is installed");
        return Ok(());
    }
    run_step(
        "Installing the wasm32-unknown-unknown target",
        "rustup",
        &["target", "add", "wasm32-unknown-unknown"],
    )
}

/// The `wasm-bindgen` version in Cargo.lock; the CLI must match it exactly.
fn locked_wasm_bindgen_version() -> anyhow::Result<String> {
    let lock = std::fs::read_to_string(project_root().join("Cargo.lock"))
        .context("cannot read Cargo.lock")?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\""
            && let Some(version) = lines.next().and_then(|l| l.strip_prefix("version = \""))
        {
            return Ok(version.trim_end_matches('"').to_owned());
        }
    }
    bail!("Cargo.lock has no wasm-bindgen package")
}

fn ensure_wasm_bindgen() -> anyhow::Result<String> {
    let wanted = locked_wasm_bindgen_version()?;
    let current = Command::new("wasm-bindgen")
        .arg("--version")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned());
    if current
        .as_deref()
        .is_some_and(|v| v.split_whitespace().nth(1) == Some(wanted.as_str()))
    {
        println!("==> wasm-bindgen-cli {wanted} is installed");
        return Ok(wanted);
    }
    // Without --locked: a locked transitive version was once missing from the registry mirror.
    run_step(
        &format!(
            "Installing wasm-bindgen-cli {wanted} to match Cargo.lock (takes a few minutes once)"
        ),
        &cargo(),
        &["install", "wasm-bindgen-cli", "--version", &wanted],
    )?;
    Ok(wanted)
}

/// Installs the npm tools (binaryen, ajv for the benchmark, ...) from
/// tools/package-lock.json when they are not there yet.
pub fn ensure_npm_tools() -> anyhow::Result<()> {
    let tools = project_root().join("tools");
    let manifest = std::fs::read_to_string(tools.join("package.json"))
        .context("cannot read tools/package.json")?;
    // Every devDependency present means nothing to do; `"name": "version"` lines name them.
    let installed = manifest
        .lines()
        .filter_map(|l| {
            l.trim()
                .strip_prefix('"')?
                .split_once("\": \"")
                .map(|(name, _)| name.to_owned())
        })
        .filter(|name| !["name", "description"].contains(&name.as_str()))
        .all(|name| {
            tools
                .join("node_modules")
                .join(&name)
                .join("package.json")
                .exists()
        });
    if installed {
        return Ok(());
    }
    run_step(
        "Installing the npm tools (tools/package-lock.json)",
        "npm",
        &[
            "ci",
            "--prefix",
            path_str(&tools)?,
            "--no-audit",
            "--no-fund",
        ],
    )
}

/// The wasm-opt level of the modules browsers download (the widget, the
/// web build of banli-wasm). Not `-Oz`: what travels is the brotli of the
/// module, and `-Oz` (like `-Os` and `-O2`) inlines and merges functions
/// into a module that is smaller raw but compresses worse. Measured on the
/// widget (docs/benchmarks.md, "What the widget's bytes are"): brotli 11
/// of 786 KiB at `-O1`, 843 KiB at `-Oz` (854 KiB before the meta-schema
/// left the widget), 795 KiB with the names stripped and nothing else.
pub const DOWNLOAD_LEVEL: &str = "-O1";

/// wasm-opt at `level` ([`DOWNLOAD_LEVEL`] for download size, `-O3` for
/// speed). wasm-opt drops the `name` section (no `-g`).
fn optimise(wasm: &Path, level: &str) -> anyhow::Result<()> {
    ensure_npm_tools()?;
    let wasm_opt = project_root().join("tools/node_modules/.bin/wasm-opt");
    run_step(
        &format!(
            "wasm-opt {level} {}",
            wasm.file_name().unwrap_or_default().to_string_lossy()
        ),
        path_str(&wasm_opt)?,
        &[
            level,
            "--enable-bulk-memory",
            "--enable-nontrapping-float-to-int",
            "--enable-sign-ext",
            "--enable-mutable-globals",
            "--enable-reference-types",
            "--enable-multivalue",
            path_str(wasm)?,
            "-o",
            path_str(wasm)?,
        ],
    )
}

fn write_package_json(out: &Path, wasm_bindgen: &str) -> anyhow::Result<()> {
    let crate_version = workspace_version()?;
    let json = format!(
        r#"{{
  "name": "banli-wasm",
  "version": "{crate_version}",
  "description": "banli (办理): validate government-service applications in the browser and in Node, with the same verdicts as the server.",
  "license": "MIT OR Apache-2.0",
  "files": ["web/", "node/", "README.md"],
  "main": "./node/banli.js",
  "module": "./web/banli.js",
  "types": "./web/banli.d.ts",
  "exports": {{
    ".": {{
      "node": {{ "types": "./node/banli.d.ts", "default": "./node/banli.js" }},
      "default": {{ "types": "./web/banli.d.ts", "default": "./web/banli.js" }}
    }}
  }},
  "sideEffects": false,
  "banli": {{ "wasm-bindgen": "{wasm_bindgen}" }}
}}
"#
    );
    std::fs::write(out.join("package.json"), json).context("cannot write package.json")
}

fn workspace_version() -> anyhow::Result<String> {
    let manifest = std::fs::read_to_string(project_root().join("Cargo.toml"))?;
    manifest
        .lines()
        .find_map(|l| {
            l.strip_prefix("version = \"")
                .map(|v| v.trim_end_matches('"').to_owned())
        })
        .context("the workspace Cargo.toml has no version")
}

/// Raw, gzip and brotli sizes of the packages' modules, via Node's zlib.
pub fn print_sizes() -> anyhow::Result<()> {
    print_sizes_of(&package_dir(), &["web", "node"])?;
    print_sizes_of(&widget_dir(), &["."])
}

fn print_sizes_of(dir: &Path, folders: &[&str]) -> anyhow::Result<()> {
    let script = r#"
const fs = require('fs'), zlib = require('zlib'), path = require('path');
const root = process.argv[1];
const kb = (n) => (n / 1024).toFixed(1) + ' KiB';
for (const folder of process.argv.slice(2)) {
  for (const file of fs.readdirSync(path.join(root, folder)).filter((f) => /\.(wasm|js)$/.test(f))) {
    const data = fs.readFileSync(path.join(root, folder, file));
    const gzip = zlib.gzipSync(data, { level: 9 }).length;
    const brotli = zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    console.log(`${folder}/${file}`.padEnd(32), 'raw', kb(data.length).padStart(10), ' gzip', kb(gzip).padStart(10), ' brotli', kb(brotli).padStart(10));
  }
}"#;
    println!("\n==> Sizes of {} (raw, gzip -9, brotli 11)", dir.display());
    let status = Command::new("node")
        .args(["-e", script, path_str(dir)?])
        .args(folders)
        .status()
        .context("cannot run node")?;
    if !status.success() {
        bail!("measuring the package sizes failed");
    }
    Ok(())
}
