//! A throwaway PostgreSQL for the server's tests and benchmark:
//! [`ensure_postgres`] installs PostgreSQL with apt-get when `pg_ctl` or
//! `initdb` is missing (CI runs as root), creates a cluster in a fresh
//! folder under /tmp listening only on 127.0.0.1 at a free port, starts it
//! and returns it (`url` is `BANLI_TEST_POSTGRES_URL`). The cluster runs
//! for the rest of the run and is stopped, and its folder under /tmp
//! removed, when the returned [`Postgres`] is dropped, so repeated runs do
//! not leave servers behind.

// Called from test.rs once `cargo xtask test` starts PostgreSQL for the
// server's tests; until then only the test below uses it.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};

/// A running throwaway cluster; dropping it stops the server and removes
/// its folder.
pub struct Postgres {
    pub url: String,
    pg_ctl: PathBuf,
    dir: PathBuf,
    as_root: bool,
}

impl Drop for Postgres {
    fn drop(&mut self) {
        let _ = command(self.as_root, &self.pg_ctl)
            .arg("-D")
            .arg(self.dir.join("data"))
            .args(["-m", "fast", "-w", "stop"])
            .stdout(std::process::Stdio::null())
            .status();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Starts a fresh PostgreSQL cluster.
pub fn ensure_postgres() -> anyhow::Result<Postgres> {
    let bin = match find_bin_dir() {
        Some(bin) => bin,
        None => {
            install()?;
            find_bin_dir().context("PostgreSQL was installed but pg_ctl/initdb are not found")?
        }
    };
    let port = free_port()?;
    let dir = std::env::temp_dir().join(format!("banli-pg-{}-{port}", std::process::id()));
    if dir.exists() {
        std::fs::remove_dir_all(&dir).with_context(|| format!("cannot clear {}", dir.display()))?;
    }
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    // initdb refuses to run as root: run the cluster as the `postgres` user.
    let as_root = is_root();
    if as_root {
        step(
            "chown",
            Command::new("chown")
                .args(["-R", "postgres:postgres"])
                .arg(&dir),
        )?;
    }
    let data = dir.join("data");
    let log = dir.join("log");
    println!(
        "\n==> Starting a throwaway PostgreSQL on 127.0.0.1:{port} ({})",
        dir.display()
    );
    step(
        "initdb",
        command(as_root, &bin.join("initdb"))
            .arg("-D")
            .arg(&data)
            .args([
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--no-locale",
            ]),
    )?;
    step(
        "pg_ctl start",
        command(as_root, &bin.join("pg_ctl"))
            .arg("-D")
            .arg(&data)
            .arg("-l")
            .arg(&log)
            .arg("-o")
            .arg(format!(
                "-p {port} -c listen_addresses=127.0.0.1 -k {} -c max_connections=200",
                dir.display()
            ))
            .args(["-w", "start"]),
    )?;
    Ok(Postgres {
        url: format!("postgres://postgres@127.0.0.1:{port}/postgres"),
        pg_ctl: bin.join("pg_ctl"),
        dir,
        as_root,
    })
}

/// The folder holding `pg_ctl` and `initdb`: PATH first, then Debian's
/// versioned folders (newest first).
fn find_bin_dir() -> Option<PathBuf> {
    let on_path = std::env::var_os("PATH").and_then(|path| {
        std::env::split_paths(&path)
            .find(|dir| dir.join("pg_ctl").is_file() && dir.join("initdb").is_file())
    });
    if on_path.is_some() {
        return on_path;
    }
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path().join("bin")))
        .filter(|bin| bin.join("pg_ctl").is_file() && bin.join("initdb").is_file())
        .collect();
    versions.sort();
    versions.pop()
}

fn install() -> anyhow::Result<()> {
    println!("\n==> PostgreSQL is not installed: installing it with apt-get");
    if !is_root() {
        bail!(
            "PostgreSQL (pg_ctl, initdb) is missing; install it (apt-get install postgresql) or run as root"
        );
    }
    step("apt-get update", Command::new("apt-get").arg("update"))?;
    step(
        "apt-get install postgresql",
        Command::new("apt-get")
            .args(["install", "-y", "--no-install-recommends", "postgresql"])
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|out| String::from_utf8_lossy(&out.stdout).trim() == "0")
}

fn command(as_root: bool, program: &Path) -> Command {
    if as_root {
        let mut command = Command::new("runuser");
        command.args(["-u", "postgres", "--"]).arg(program);
        command
    } else {
        Command::new(program)
    }
}

fn step(what: &str, command: &mut Command) -> anyhow::Result<()> {
    let status = command
        .status()
        .with_context(|| format!("cannot run {what}"))?;
    if !status.success() {
        bail!("{what} failed ({status})");
    }
    Ok(())
}

fn free_port() -> anyhow::Result<u16> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").context("no free port")?;
    Ok(listener.local_addr()?.port())
}

#[cfg(test)]
mod tests {
    /// Starts a cluster and connects with psql. Ignored by default (it
    /// installs software and starts a server): `cargo test -p xtask --
    /// --ignored`. `cargo xtask test` runs the same code for real.
    #[test]
    #[ignore = "installs PostgreSQL and starts a server"]
    fn starts_a_cluster() {
        let postgres = super::ensure_postgres().expect("PostgreSQL starts");
        println!("BANLI_TEST_POSTGRES_URL={}", postgres.url);
        assert!(postgres.url.starts_with("postgres://postgres@127.0.0.1:"));
        let dir = postgres.dir.clone();
        drop(postgres);
        assert!(
            !dir.exists(),
            "the cluster's folder is removed when it stops"
        );
    }
}
