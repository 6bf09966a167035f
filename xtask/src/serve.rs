//! `cargo xtask serve`: builds the workspace and the WebAssembly package and
//! serves the demo portal (`www/`; `schemas/` for item definitions and
//! calendars; the package at `/banli-wasm/`) on http://127.0.0.1:8080.
//! `/api/items` lists the sample items.
//!
//! A deliberately small static server on std: it only reads files below
//! the two folders, answers GET and HEAD, and is for local demos; the
//! reference back end (crates/server) replaces it.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};

use anyhow::Context;

use crate::{cargo, project_root, run_step, wasm};

pub fn run(args: &[String]) -> anyhow::Result<()> {
    let mut port = 8080u16;
    let mut bind = "127.0.0.1".to_owned();
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--port" => {
                port = rest
                    .next()
                    .context("--port needs a number")?
                    .parse()
                    .context("--port needs a number")?
            }
            "--bind" => bind = rest.next().context("--bind needs an address")?.clone(),
            other => anyhow::bail!("unknown option “{other}” (use --port N, --bind ADDR)"),
        }
    }
    run_step(
        "Building the workspace",
        &cargo(),
        &["build", "--workspace", "--release"],
    )?;
    let listener = TcpListener::bind((bind.as_str(), port))
        .with_context(|| format!("cannot listen on {bind}:{port}"))?;
    println!("\n==> Demo portal on http://{bind}:{port}/  (Ctrl-C stops it)");
    for stream in listener.incoming() {
        match stream {
            Ok(stream) => {
                std::thread::spawn(move || {
                    if let Err(e) = handle(stream) {
                        eprintln!("request failed: {e:#}");
                    }
                });
            }
            Err(e) => eprintln!("connection failed: {e}"),
        }
    }
    Ok(())
}

fn handle(mut stream: TcpStream) -> anyhow::Result<()> {
    let mut request_line = String::new();
    let mut reader = BufReader::new(stream.try_clone()?);
    reader.read_line(&mut request_line)?;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header == "\r\n" || header == "\n" {
            break;
        }
    }
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    let path = target.split(['?', '#']).next().unwrap_or("/");
    if method != "GET" && method != "HEAD" {
        return respond(
            &mut stream,
            "405 Method Not Allowed",
            "text/plain; charset=utf-8",
            b"method not allowed",
            method,
        );
    }
    if path == "/api/items" {
        let body = items_index()?;
        return respond(
            &mut stream,
            "200 OK",
            "application/json",
            body.as_bytes(),
            method,
        );
    }
    match resolve(path) {
        Some(file) if file.is_file() => {
            let body = std::fs::read(&file)?;
            respond(&mut stream, "200 OK", content_type(&file), &body, method)
        }
        _ => respond(
            &mut stream,
            "404 Not Found",
            "text/plain; charset=utf-8",
            "未找到 / not found".as_bytes(),
            method,
        ),
    }
}

/// Maps a URL path to a file below `www/` or `schemas/`, refusing any
/// path that would leave them.
fn resolve(url_path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(url_path)?;
    let relative = decoded.trim_start_matches('/');
    let (base, inner) = if let Some(inner) = relative.strip_prefix("schemas/") {
        (project_root().join("schemas"), inner)
    } else if let Some(inner) = relative.strip_prefix("banli-wasm/") {
        (wasm::package_dir(), inner)
    } else {
        (project_root().join("www"), relative)
    };
    let inner = Path::new(inner);
    if inner
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return None;
    }
    let mut file = base.join(inner);
    if file.is_dir() {
        file = file.join("index.html");
    }
    Some(file)
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// `[{"file": "...", "name": "...", "code": "...", "item_type": "..."}]` for the portal's list.
fn items_index() -> anyhow::Result<String> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(project_root().join("schemas/items"))?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    entries.sort();
    let mut items = Vec::new();
    for path in entries
        .iter()
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
    {
        let file = path.file_name().unwrap_or_default().to_string_lossy();
        items.push(format!("{{\"file\":{}}}", json_string(&file)));
    }
    Ok(format!("[{}]", items.join(",")))
}

fn json_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|x| x.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("json") => "application/json",
        Some("wasm") => "application/wasm",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        _ => "application/octet-stream",
    }
}

fn respond(
    stream: &mut TcpStream,
    status: &str,
    content_type: &str,
    body: &[u8],
    method: &str,
) -> anyhow::Result<()> {
    let csp = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nContent-Security-Policy: {csp}\r\nX-Content-Type-Options: nosniff\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    if method != "HEAD" {
        stream.write_all(body)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_cannot_leave_the_served_folders() {
        assert!(resolve("/../Cargo.toml").is_none());
        assert!(resolve("/schemas/../Cargo.toml").is_none());
        assert!(resolve("/%2e%2e/Cargo.toml").is_none());
        assert_eq!(
            resolve("/schemas/items/x.json").unwrap(),
            project_root().join("schemas/items/x.json")
        );
        assert_eq!(
            resolve("/portal.js").unwrap(),
            project_root().join("www/portal.js")
        );
    }
}
