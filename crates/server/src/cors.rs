//! CORS for the portal pages of other origins (`--allow-origin`): the
//! widget (`/banli-form/`), the WebAssembly package (`/banli-wasm/`), the
//! definitions (`/schemas/`) and the API (`/api/`). An allowed origin gets
//! `Access-Control-Allow-Origin: <that origin>`, and a preflight `OPTIONS`
//! is answered here with the methods and headers the API takes. Any other
//! origin gets no CORS header at all, so its browser refuses to let the
//! page read the response. No credentials mode: the API's tokens travel in
//! `Authorization`, which needs only `Access-Control-Allow-Headers`.
//!
//! Written by hand rather than with tower-http's `CorsLayer`, which answers
//! every `OPTIONS` as a preflight with the allowed methods and headers even
//! for an origin it does not allow.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use banli_core::Text;
use banli_core::messages::server as words;

/// Methods the API and the files answer.
pub const ALLOW_METHODS: &str = "GET, HEAD, POST";
/// Request headers a portal page may send (beyond the CORS-safelisted ones).
pub const ALLOW_HEADERS: &str = "content-type, idempotency-key, authorization";
/// Response headers a portal page may read: the revalidation tag of items
/// and files, and how long to wait after 429.
pub const EXPOSE_HEADERS: &str = "etag, retry-after";
/// How long a browser may reuse a preflight answer (seconds; Chromium caps it at 7,200).
pub const MAX_AGE: &str = "600";

/// The paths CORS applies to. The demo pages (`www/`) stay same-origin.
pub fn applies(path: &str) -> bool {
    ["/api/", "/schemas/", "/banli-form/", "/banli-wasm/"]
        .iter()
        .any(|prefix| path.starts_with(prefix))
}

/// The allowed origins, exactly as browsers send them in `Origin`.
#[derive(Clone, Debug, Default)]
pub struct AllowedOrigins(Arc<[HeaderValue]>);

impl AllowedOrigins {
    /// From values checked by [`parse_origin`].
    pub fn new(origins: &[String]) -> AllowedOrigins {
        AllowedOrigins(
            origins
                .iter()
                .filter_map(|o| HeaderValue::from_str(o).ok())
                .collect(),
        )
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn allows(&self, origin: &HeaderValue) -> bool {
        self.0.iter().any(|allowed| allowed == origin)
    }
}

/// The middleware: see the module docs.
pub async fn cors(State(origins): State<AllowedOrigins>, request: Request, next: Next) -> Response {
    if origins.is_empty() || !applies(request.uri().path()) {
        return next.run(request).await;
    }
    let origin = request
        .headers()
        .get(header::ORIGIN)
        .filter(|origin| origins.allows(origin))
        .cloned();
    let preflight = request.method() == Method::OPTIONS
        && request
            .headers()
            .contains_key(header::ACCESS_CONTROL_REQUEST_METHOD);
    let mut response = match (&origin, preflight) {
        (Some(_), true) => {
            let mut response = Response::new(Body::empty());
            *response.status_mut() = StatusCode::NO_CONTENT;
            let headers = response.headers_mut();
            headers.insert(
                header::ACCESS_CONTROL_ALLOW_METHODS,
                HeaderValue::from_static(ALLOW_METHODS),
            );
            headers.insert(
                header::ACCESS_CONTROL_ALLOW_HEADERS,
                HeaderValue::from_static(ALLOW_HEADERS),
            );
            headers.insert(
                header::ACCESS_CONTROL_MAX_AGE,
                HeaderValue::from_static(MAX_AGE),
            );
            response
        }
        _ => next.run(request).await,
    };
    let headers = response.headers_mut();
    // Whether the answer has CORS headers depends on Origin: caches must know.
    headers.append(header::VARY, HeaderValue::from_static("origin"));
    if let Some(origin) = origin {
        headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        if !preflight {
            headers.insert(
                header::ACCESS_CONTROL_EXPOSE_HEADERS,
                HeaderValue::from_static(EXPOSE_HEADERS),
            );
        }
        // This origin may read the response under CORS anyway, so
        // `Cross-Origin-Resource-Policy: same-origin` would only break its
        // loads where CORP is checked (a cross-origin-isolated portal page).
        // Every other response keeps `same-origin` (see `web::harden`): the
        // files stay unloadable for origins nobody allowed.
        headers.insert(
            HeaderName::from_static("cross-origin-resource-policy"),
            HeaderValue::from_static("cross-origin"),
        );
    }
    response
}

/// Checks an `--allow-origin` value and returns it as browsers send it in
/// `Origin`: `scheme://host[:port]` with `http` or `https`, lower case,
/// the default port left out. The error names the value, in zh-CN and en.
pub fn parse_origin(text: &str) -> Result<String, String> {
    let fail = |problem: Text| -> Result<String, String> {
        Err(words::origin_invalid(text, problem).both())
    };
    let value = text.trim();
    if value == "*" {
        return fail(words::origin_wildcard());
    }
    let lower = value.to_ascii_lowercase();
    let Some((scheme, rest)) = lower.split_once("://") else {
        return fail(words::origin_no_scheme());
    };
    let default_port = match scheme {
        "https" => "443",
        "http" => "80",
        _ => {
            return fail(words::origin_scheme());
        }
    };
    if rest.contains(['/', '?', '#', '@']) {
        return fail(words::origin_has_path());
    }
    if !rest.is_ascii() {
        return fail(words::origin_not_ascii());
    }
    let (host, port) = if let Some(after) = rest.strip_prefix('[') {
        // An IPv6 literal: [::1] or [::1]:8080.
        let Some((address, tail)) = after.split_once(']') else {
            return fail(words::origin_ipv6_unclosed());
        };
        if address.parse::<std::net::Ipv6Addr>().is_err() {
            return fail(words::origin_ipv6_invalid());
        }
        match tail {
            "" => (&rest[..address.len() + 2], None),
            _ => match tail.strip_prefix(':') {
                Some(port) => (&rest[..address.len() + 2], Some(port)),
                None => return fail(words::origin_after_ipv6()),
            },
        }
    } else {
        match rest.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (rest, None),
        }
    };
    let host_ok = host.starts_with('[')
        || (!host.is_empty()
            && host.split('.').all(|label| {
                !label.is_empty()
                    && !label.starts_with('-')
                    && !label.ends_with('-')
                    && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            }));
    if !host_ok {
        return fail(words::origin_host());
    }
    match port {
        None => Ok(format!("{scheme}://{host}")),
        Some(port) if port == default_port => Ok(format!("{scheme}://{host}")),
        Some(port) => match port.parse::<u16>() {
            Ok(number) if number > 0 && port.bytes().all(|b| b.is_ascii_digit()) => {
                Ok(format!("{scheme}://{host}:{number}"))
            }
            _ => fail(words::origin_port()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_normalised_as_browsers_send_them() {
        for (given, expected) in [
            (
                "https://portal.example.gov.cn",
                "https://portal.example.gov.cn",
            ),
            (
                "HTTPS://Portal.Example.GOV.cn",
                "https://portal.example.gov.cn",
            ),
            ("https://a.gov.cn:443", "https://a.gov.cn"),
            ("http://localhost:8080", "http://localhost:8080"),
            ("http://127.0.0.1:80", "http://127.0.0.1"),
            ("http://[::1]:3000", "http://[::1]:3000"),
            (" https://xn--fiq228c.cn ", "https://xn--fiq228c.cn"),
        ] {
            assert_eq!(parse_origin(given).as_deref(), Ok(expected), "{given}");
        }
    }

    #[test]
    fn bad_origins_are_refused_naming_the_value_in_both_languages() {
        for (given, reason) in [
            ("*", "wildcard"),
            ("portal.gov.cn", "scheme:// is missing"),
            ("ftp://portal.gov.cn", "http or https"),
            ("https://portal.gov.cn/", "trailing /"),
            ("https://portal.gov.cn/apply", "no path"),
            ("https://user@portal.gov.cn", "user name"),
            ("https://政务.cn", "Punycode"),
            ("https://", "host name"),
            ("https://a..cn", "host name"),
            ("https://a_b.cn", "host name"),
            ("https://a.cn:0", "1–65535"),
            ("https://a.cn:99999", "1–65535"),
            ("https://a.cn:+80", "1–65535"),
            ("http://[::1", "lacks ]"),
            ("http://[zz]", "IPv6"),
        ] {
            let message = parse_origin(given).unwrap_err();
            assert!(message.contains(&format!("“{given}”")), "{message}");
            assert!(message.contains("不是有效的来源"), "{message}");
            assert!(message.contains(reason), "{given}: {message}");
        }
    }

    #[test]
    fn cors_applies_to_the_api_and_the_packages_not_the_demo_pages() {
        for path in [
            "/api/applications",
            "/schemas/items/x.json",
            "/banli-form/banli-form.js",
            "/banli-wasm/web/banli.js",
        ] {
            assert!(applies(path), "{path}");
        }
        for path in ["/", "/index.html", "/ledger.html", "/apix", "/banli-formx"] {
            assert!(!applies(path), "{path}");
        }
    }
}
