//! The files: the demo portal and the ledger page (`www/`), the item
//! definitions and calendars (`/schemas/`) and the WebAssembly package
//! (`/banli-wasm/`, from `target/pkg/banli-wasm`) and the `<banli-form>`
//! widget (`/banli-form/`, from `target/pkg/banli-widget`). Every response, API
//! included, carries the same strict Content-Security-Policy as
//! `cargo xtask serve`: no inline script or style, wasm allowed; and
//! `nosniff`, `no-referrer`, no framing, no powerful features, and a
//! same-origin opener and resource policy (the resource policy is
//! `cross-origin` only on a response `cors` allowed to another origin).
//! The files are served by `statics`: precompressed `.br`/`.gz` for the
//! packages, strong ETags, `Cache-Control: no-cache`.

use axum::Router;
use axum::http::{HeaderName, HeaderValue, header};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

use crate::AppState;
use crate::statics::{Etags, serve_dir};

/// The Content-Security-Policy of every response.
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

/// Powerful browser features no page of the portal uses.
pub const PERMISSIONS_POLICY: &str = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";

/// The static files, and the headers every response gets.
pub fn router(state: &AppState) -> Router {
    let root = &state.root;
    let etags = Etags::default();
    // Only the packages have `.br`/`.gz` copies (`cargo xtask build`).
    Router::new()
        .nest_service("/schemas", serve_dir(root.join("schemas"), false, &etags))
        .nest_service(
            "/banli-wasm",
            serve_dir(root.join("target/pkg/banli-wasm"), true, &etags),
        )
        .nest_service(
            "/banli-form",
            serve_dir(root.join("target/pkg/banli-widget"), true, &etags),
        )
        .fallback_service(serve_dir(root.join("www"), false, &etags))
}

/// Adds the security headers and request tracing to `router`.
pub fn harden(router: Router) -> Router {
    router
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static("referrer-policy"),
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static("permissions-policy"),
            HeaderValue::from_static(PERMISSIONS_POLICY),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static("cross-origin-opener-policy"),
            HeaderValue::from_static("same-origin"),
        ))
        // Unless `cors` allowed this response to another origin.
        .layer(SetResponseHeaderLayer::if_not_present(
            HeaderName::from_static("cross-origin-resource-policy"),
            HeaderValue::from_static("same-origin"),
        ))
        .layer(TraceLayer::new_for_http())
}
