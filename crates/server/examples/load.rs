//! A small load generator for `POST /api/applications` (docs/benchmarks.md):
//! C connections with keep-alive, each submitting a fixture envelope with a
//! fresh `Idempotency-Key` for D seconds; prints throughput and latency
//! percentiles. A plain HTTP/1.1 client on tokio, so the benchmark needs no
//! tool from outside the workspace.
//!
//! ```sh
//! cargo run --release -p banli-server --example load -- \
//!     --addr 127.0.0.1:8080 --concurrency 16 --seconds 15 \
//!     --envelope tests/fixtures/food-business-licence/deferred-floor-plan.json
//! ```

use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

struct Options {
    addr: String,
    concurrency: usize,
    seconds: u64,
    envelope: String,
}

fn options() -> anyhow::Result<Options> {
    let mut options = Options {
        addr: "127.0.0.1:8080".to_owned(),
        concurrency: 16,
        seconds: 10,
        envelope: "tests/fixtures/food-business-licence/deferred-floor-plan.json".to_owned(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().with_context(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--addr" => options.addr = value()?,
            "--concurrency" => options.concurrency = value()?.parse()?,
            "--seconds" => options.seconds = value()?.parse()?,
            "--envelope" => options.envelope = value()?,
            other => bail!("unknown option {other} (--addr, --concurrency, --seconds, --envelope)"),
        }
    }
    Ok(options)
}

/// One keep-alive connection submitting until `until`; the latencies of
/// the 201 answers and the number of other outcomes.
async fn worker(
    id: usize,
    addr: String,
    body: String,
    until: Instant,
) -> anyhow::Result<(Vec<Duration>, u64)> {
    let stream = TcpStream::connect(&addr).await?;
    stream.set_nodelay(true)?;
    let mut stream = BufReader::new(stream);
    let (mut latencies, mut failures) = (Vec::new(), 0);
    let mut n = 0u64;
    let mut line = String::new();
    let mut response = Vec::new();
    while Instant::now() < until {
        n += 1;
        let request = format!(
            "POST /api/applications HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n\
             Idempotency-Key: load-{id}-{n}-{}\r\nContent-Length: {}\r\n\r\n{body}",
            std::process::id(),
            body.len()
        );
        let start = Instant::now();
        stream.get_mut().write_all(request.as_bytes()).await?;
        line.clear();
        stream.read_line(&mut line).await?;
        let status: u16 = line
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .context("no status line")?;
        let mut length = 0usize;
        loop {
            line.clear();
            stream.read_line(&mut line).await?;
            let header = line.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':')
                && name.eq_ignore_ascii_case("content-length")
            {
                length = value.trim().parse()?;
            }
        }
        response.resize(length, 0);
        stream.read_exact(&mut response).await?;
        if status == 201 {
            latencies.push(start.elapsed());
        } else {
            failures += 1;
        }
    }
    Ok((latencies, failures))
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let options = options()?;
    let body = std::fs::read_to_string(&options.envelope)
        .with_context(|| format!("cannot read {}", options.envelope))?;
    let body = serde_json::from_str::<serde_json::Value>(&body)?.to_string();
    let start = Instant::now();
    let until = start + Duration::from_secs(options.seconds);
    let workers: Vec<_> = (0..options.concurrency)
        .map(|id| tokio::spawn(worker(id, options.addr.clone(), body.clone(), until)))
        .collect();
    let mut latencies = Vec::new();
    let mut failures = 0;
    for worker in workers {
        let (l, f) = worker.await??;
        latencies.extend(l);
        failures += f;
    }
    let elapsed = start.elapsed().as_secs_f64();
    latencies.sort();
    let pct = |p: f64| -> f64 {
        if latencies.is_empty() {
            return 0.0;
        }
        let i = ((latencies.len() as f64 * p).ceil() as usize).clamp(1, latencies.len()) - 1;
        latencies[i].as_secs_f64() * 1000.0
    };
    println!(
        "{} applications in {elapsed:.1} s with {} connections: {:.0} req/s; latency p50 {:.1} ms, p90 {:.1} ms, p99 {:.1} ms, max {:.1} ms; {failures} non-201",
        latencies.len(),
        options.concurrency,
        latencies.len() as f64 / elapsed,
        pct(0.50),
        pct(0.90),
        pct(0.99),
        pct(1.0),
    );
    Ok(())
}
