//! The server's defences that are not rules: a time limit on every request
//! (its body included, so a client trickling bytes cannot hold a worker),
//! a per-client rate limit on submissions (a token bucket per IP address),
//! and the core's submission limits. Body size is capped in `api`
//! (`DefaultBodyLimit`), security headers are set in `web::harden`. The
//! threat model and the defaults are in `docs/security.md`.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use banli_core::Limits;

use crate::{AppError, AppState};

/// The server's limits; `ServerLimits::default()` is what `banli-server`
/// uses unless configured otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServerLimits {
    /// The longest a request may take, reading its body included.
    pub request_timeout: Duration,
    /// Submissions per client IP address; `None` turns the limit off.
    pub submit_rate: Option<Rate>,
    /// What a submission may contain (the core's limits).
    pub submission: Limits,
}

impl Default for ServerLimits {
    fn default() -> Self {
        Self {
            request_timeout: Duration::from_secs(30),
            submit_rate: Some(Rate {
                per_minute: 60,
                burst: 20,
            }),
            submission: Limits::DEFAULT,
        }
    }
}

/// A token bucket's settings: `burst` submissions at once, then
/// `per_minute` a minute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    pub per_minute: u32,
    pub burst: u32,
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    updated: Instant,
}

/// Token buckets keyed by client address. Bounded: when it holds more
/// than [`RateLimiter::MAX_CLIENTS`] buckets, full ones are forgotten
/// (a full bucket is the same as no bucket).
#[derive(Debug)]
pub struct RateLimiter {
    rate: Rate,
    buckets: Mutex<HashMap<IpAddr, Bucket>>,
}

impl RateLimiter {
    pub const MAX_CLIENTS: usize = 100_000;

    pub fn new(rate: Rate) -> Self {
        Self {
            rate,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one token for `client` at `now`; when there is none, the
    /// number of seconds until there will be one.
    pub fn acquire(&self, client: IpAddr, now: Instant) -> Result<(), u64> {
        let per_second = f64::from(self.rate.per_minute) / 60.0;
        let burst = f64::from(self.rate.burst.max(1));
        let mut buckets = self
            .buckets
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if buckets.len() >= Self::MAX_CLIENTS {
            buckets.retain(|_, b| {
                b.tokens + now.saturating_duration_since(b.updated).as_secs_f64() * per_second
                    < burst
            });
        }
        let bucket = buckets.entry(client).or_insert(Bucket {
            tokens: burst,
            updated: now,
        });
        let elapsed = now.saturating_duration_since(bucket.updated).as_secs_f64();
        bucket.tokens = (bucket.tokens + elapsed * per_second).min(burst);
        bucket.updated = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else if per_second > 0.0 {
            // Rounded up, and at least one second.
            Err((((1.0 - bucket.tokens) / per_second).ceil() as u64).max(1))
        } else {
            Err(60)
        }
    }
}

/// The client's address: the peer of the TCP connection. Behind a reverse
/// proxy every client has the proxy's address; rate-limit there instead.
fn client_address(request: &Request) -> IpAddr {
    request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |info| info.0.ip())
}

/// Middleware: answers 429 (with `Retry-After`) when the client has no token left.
pub async fn rate_limit(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if let Some(limiter) = &state.rate_limiter {
        let client = client_address(&request);
        if let Err(retry_after_secs) = limiter.acquire(client, Instant::now()) {
            tracing::warn!(%client, "submission rate limit reached");
            return AppError::TooManyRequests { retry_after_secs }.into_response();
        }
    }
    next.run(request).await
}

/// Middleware: answers 408 when the request takes longer than the limit.
/// The handler's future is dropped, so an open transaction rolls back.
pub async fn timeout(State(state): State<AppState>, request: Request, next: Next) -> Response {
    match tokio::time::timeout(state.limits.request_timeout, next.run(request)).await {
        Ok(response) => response,
        Err(_) => AppError::Timeout.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bucket_allows_a_burst_then_refills_at_the_rate() {
        let limiter = RateLimiter::new(Rate {
            per_minute: 60,
            burst: 3,
        });
        let client: IpAddr = "127.0.0.1".parse().unwrap();
        let other: IpAddr = "127.0.0.2".parse().unwrap();
        let start = Instant::now();
        for _ in 0..3 {
            assert_eq!(limiter.acquire(client, start), Ok(()));
        }
        assert_eq!(limiter.acquire(client, start), Err(1));
        assert_eq!(limiter.acquire(other, start), Ok(()));
        let later = start + Duration::from_millis(1_000);
        assert_eq!(limiter.acquire(client, later), Ok(()));
        assert_eq!(limiter.acquire(client, later), Err(1));
        let much_later = start + Duration::from_secs(3_600);
        for _ in 0..3 {
            assert_eq!(limiter.acquire(client, much_later), Ok(()));
        }
        assert_eq!(limiter.acquire(client, much_later), Err(1));
    }

    #[test]
    fn a_slow_rate_says_how_long_to_wait() {
        let limiter = RateLimiter::new(Rate {
            per_minute: 2,
            burst: 1,
        });
        let client: IpAddr = "10.0.0.1".parse().unwrap();
        let now = Instant::now();
        assert_eq!(limiter.acquire(client, now), Ok(()));
        assert_eq!(limiter.acquire(client, now), Err(30));
    }
}
