//! The static files as production assets: precompressed variants chosen by
//! `Accept-Encoding`, strong `ETag`s and revalidation.
//!
//! - **Compression.** `cargo xtask build` writes `NAME.br` and `NAME.gz`
//!   beside the package files; [`serve_dir`] with `precompressed` serves them
//!   (`ServeDir::precompressed_br().precompressed_gzip()`: brotli first,
//!   then gzip, identity when neither is accepted or present) and every
//!   response of such a folder says `Vary: Accept-Encoding`. Nothing is
//!   compressed on the fly: `www/` is a few small demo files and API JSON is
//!   small; a reverse proxy can compress those if it wants.
//! - **ETag.** Strong, from the SHA-256 of the bytes actually sent (the
//!   `.br` file's for a brotli response): the same content gives the same
//!   tag on every server behind a load balancer and across rebuilds, which
//!   size + mtime would not. Hashes are cached per file by (size, mtime),
//!   so a file is hashed once per change.
//! - **Cache-Control: no-cache** on every file: none of the served names
//!   changes with its content (`banli-form.js` carries the SRI hashes of
//!   the wasm and stylesheet under fixed names), so a browser keeps its
//!   copy and revalidates it with `If-None-Match` (304, no body) on each use.
//!   There are no content-hashed names, hence no `immutable`.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use sha2::{Digest, Sha256};
use tower::ServiceBuilder;
use tower::util::BoxCloneSyncService;
use tower_http::services::ServeDir;

/// The `Cache-Control` of every static file (see the module docs).
pub const REVALIDATE: &str = "no-cache";

/// A file's ETag and the size and mtime it was computed for.
type Known = (u64, SystemTime, String);

/// The ETags computed so far, per file.
#[derive(Clone, Default)]
pub struct Etags(Arc<Mutex<HashMap<PathBuf, Known>>>);

impl Etags {
    /// The strong ETag of `path` and the metadata it was computed for, or
    /// `None` when the file cannot be read.
    async fn of(&self, path: PathBuf) -> Option<(String, std::fs::Metadata)> {
        let etags = self.clone();
        // Hashing a 4 MB wasm module is file I/O and ~10 ms of CPU: off the runtime's threads.
        tokio::task::spawn_blocking(move || {
            let meta = std::fs::metadata(&path).ok()?;
            let mtime = meta.modified().ok()?;
            if let Some((len, time, tag)) = etags.0.lock().ok()?.get(&path)
                && *len == meta.len()
                && *time == mtime
            {
                return Some((tag.clone(), meta));
            }
            let bytes = std::fs::read(&path).ok()?;
            if bytes.len() as u64 != meta.len() {
                return None; // replaced while we read it
            }
            let digest = Sha256::digest(&bytes);
            let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
            let tag = format!("\"{hex}\"");
            etags
                .0
                .lock()
                .ok()?
                .insert(path, (meta.len(), mtime, tag.clone()));
            Some((tag, meta))
        })
        .await
        .ok()
        .flatten()
    }
}

/// One folder of static files: what to serve and how.
#[derive(Clone)]
struct Mount {
    dir: PathBuf,
    precompressed: bool,
    etags: Etags,
}

/// `dir` served with ETags, revalidation and, when `precompressed`, the
/// `.br`/`.gz` variants.
pub fn serve_dir(
    dir: PathBuf,
    precompressed: bool,
    etags: &Etags,
) -> BoxCloneSyncService<Request, Response, std::convert::Infallible> {
    let mut files = ServeDir::new(&dir);
    if precompressed {
        files = files.precompressed_br().precompressed_gzip();
    }
    let mount = Mount {
        dir,
        precompressed,
        etags: etags.clone(),
    };
    BoxCloneSyncService::new(
        ServiceBuilder::new()
            .layer(axum::middleware::from_fn_with_state(mount, revalidate))
            .service(files),
    )
}

/// A 404 that says so in both languages: the file service's own is empty,
/// a blank page in a browser.
fn not_found() -> Response {
    let text = banli_core::messages::server::file_not_found();
    let mut response = Response::new(Body::from(format!("{}\n{}\n", text.zh, text.en)));
    *response.status_mut() = StatusCode::NOT_FOUND;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}

async fn revalidate(State(mount): State<Mount>, mut request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let if_none_match = request.headers().get(header::IF_NONE_MATCH).cloned();
    if if_none_match.is_some() {
        // RFC 9110 13.2.2: If-None-Match decides, If-Modified-Since is ignored.
        request.headers_mut().remove(header::IF_MODIFIED_SINCE);
    }
    let method = request.method().clone();
    let mut response = next.run(request).await;
    let status = response.status();
    if status == StatusCode::NOT_FOUND {
        return not_found();
    }
    if mount.precompressed {
        // Shared caches must keep the brotli, gzip and identity bytes apart.
        response
            .headers_mut()
            .append(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    if !matches!(
        status,
        StatusCode::OK | StatusCode::PARTIAL_CONTENT | StatusCode::NOT_MODIFIED
    ) {
        return response;
    }
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(REVALIDATE));
    if status == StatusCode::PARTIAL_CONTENT {
        return response;
    }
    let Some(file) = served_file(&mount.dir, &path, response.headers()) else {
        return response;
    };
    let Some((etag, meta)) = mount.etags.of(file).await else {
        return response;
    };
    if !describes(response.headers(), &meta) {
        // The file changed between ServeDir opening it and our hashing: a
        // tag for other bytes would make browsers keep these ones forever.
        return response;
    }
    let etag = HeaderValue::from_str(&etag).expect("hex in quotes");
    let fresh = if_none_match
        .as_ref()
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| matches_etag(v, &etag));
    if status == StatusCode::OK && fresh && (method == Method::GET || method == Method::HEAD) {
        return not_modified(response.headers(), etag);
    }
    response.headers_mut().insert(header::ETAG, etag);
    response
}

/// The file ServeDir sent for `uri_path`, following its rules: percent-
/// decoded, only normal components, `index.html` for a folder, and the
/// `.br`/`.gz` name when the response is encoded.
fn served_file(dir: &Path, uri_path: &str, headers: &HeaderMap) -> Option<PathBuf> {
    let decoded = percent_encoding::percent_decode_str(uri_path.trim_start_matches('/'))
        .decode_utf8()
        .ok()?;
    let mut file = dir.to_path_buf();
    for component in Path::new(&*decoded).components() {
        match component {
            Component::Normal(part) => file.push(part),
            _ => return None,
        }
    }
    if file.is_dir() {
        file.push("index.html");
    }
    let suffix = match headers.get(header::CONTENT_ENCODING).map(|v| v.as_bytes()) {
        None => return Some(file),
        Some(b"br") => ".br",
        Some(b"gzip") => ".gz",
        Some(_) => return None,
    };
    let mut name = file.into_os_string();
    name.push(suffix);
    Some(PathBuf::from(name))
}

/// Whether the response's length and date are those of `meta`.
fn describes(headers: &HeaderMap, meta: &std::fs::Metadata) -> bool {
    let length_ok = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.parse::<u64>().ok())
        .is_none_or(|length| length == meta.len());
    let date_ok = match (headers.get(header::LAST_MODIFIED), meta.modified()) {
        (Some(sent), Ok(modified)) => {
            sent.as_bytes() == httpdate::fmt_http_date(modified).as_bytes()
        }
        _ => true,
    };
    length_ok && date_ok
}

/// `If-None-Match` against `etag`, by the weak comparison RFC 9110 13.1.2
/// asks for (`W/` ignored), `*` matching any.
fn matches_etag(if_none_match: &str, etag: &HeaderValue) -> bool {
    let etag = etag.to_str().unwrap_or_default();
    if_none_match.split(',').map(str::trim).any(|candidate| {
        candidate == "*" || candidate.strip_prefix("W/").unwrap_or(candidate) == etag
    })
}

/// 304 with the headers a 200 would have had that RFC 9110 15.4.5 keeps.
fn not_modified(headers: &HeaderMap, etag: HeaderValue) -> Response {
    let mut response = Response::new(Body::empty());
    *response.status_mut() = StatusCode::NOT_MODIFIED;
    for name in [
        header::CACHE_CONTROL,
        header::CONTENT_LOCATION,
        header::LAST_MODIFIED,
        header::EXPIRES,
    ] {
        if let Some(value) = headers.get(&name) {
            response.headers_mut().insert(name, value.clone());
        }
    }
    for value in headers.get_all(header::VARY) {
        response.headers_mut().append(header::VARY, value.clone());
    }
    response.headers_mut().insert(header::ETAG, etag);
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn if_none_match_compares_weakly_and_accepts_lists_and_star() {
        let etag = HeaderValue::from_static("\"abc\"");
        assert!(matches_etag("\"abc\"", &etag));
        assert!(matches_etag("W/\"abc\"", &etag));
        assert!(matches_etag("\"x\", \"abc\"", &etag));
        assert!(matches_etag("*", &etag));
        assert!(!matches_etag("\"abcd\"", &etag));
        assert!(!matches_etag("abc", &etag));
    }

    #[test]
    fn the_served_file_follows_the_encoding_and_refuses_escapes() {
        let dir = Path::new("/srv/pkg");
        let mut headers = HeaderMap::new();
        assert_eq!(
            served_file(dir, "/a%20b.wasm", &headers),
            Some(PathBuf::from("/srv/pkg/a b.wasm"))
        );
        assert_eq!(served_file(dir, "/../secret", &headers), None);
        headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("br"));
        assert_eq!(
            served_file(dir, "/x.wasm", &headers),
            Some(PathBuf::from("/srv/pkg/x.wasm.br"))
        );
        headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("zstd"));
        assert_eq!(served_file(dir, "/x.wasm", &headers), None);
    }
}
