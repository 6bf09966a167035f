//! `GET /api/items` (the catalogue, with every version) and
//! `GET /api/items/{code}` (one definition as written, with an ETag so
//! portals can cache it; `?version=` picks an older version) and
//! `GET /api/items/{code}/guide` (the printed service guide, 办事指南, as
//! HTML from the same definition; `?lang=en`) and
//! `GET /api/items/{code}/materials` (the guide's materials table as JSON,
//! for the portal's item page).

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::{Json, Router, routing::get};
use banli_core::definition::ItemDefinition;
use serde::Deserialize;
use serde_json::{Value, json};

use super::LangQuery;
use crate::{AppError, AppState};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/items", get(list))
        .route("/api/items/{code}", get(one::<ItemRoutes>))
        .route("/api/items/{code}/guide", get(guide::<ItemRoutes>))
        .route("/api/items/{code}/materials", get(materials::<ItemRoutes>))
}

/// What `/api/items/{code}…` and `/api/bundles/{code}…` serve alike, so
/// that one set of handlers serves both: a definition found by code and
/// version, its text with an ETag, its guide and its materials table.
pub(super) trait Served: Send + Sync + 'static {
    type Entry;
    /// `version` of `code` (its newest when `None`), or the API's 404.
    ///
    /// # Errors
    ///
    /// The catalogue's "not found" error when there is no such entry.
    fn find<'a>(
        state: &'a AppState,
        code: &str,
        version: Option<&str>,
    ) -> Result<&'a Self::Entry, AppError>;
    /// The definition served (an item's, or a bundle's merged one).
    fn definition(entry: &Self::Entry) -> &ItemDefinition;
    /// The definition's text as served, and its ETag.
    fn text(entry: &Self::Entry) -> (&str, &str);
}

/// The items of `schemas/items/`.
pub(super) struct ItemRoutes;

impl Served for ItemRoutes {
    type Entry = crate::items::ItemVersion;

    fn find<'a>(
        state: &'a AppState,
        code: &str,
        version: Option<&str>,
    ) -> Result<&'a Self::Entry, AppError> {
        state
            .catalog
            .get(code, version)
            .ok_or_else(|| AppError::ItemNotFound {
                code: code.to_owned(),
                version: version.map(str::to_owned),
            })
    }

    fn definition(entry: &Self::Entry) -> &ItemDefinition {
        entry.compiled.definition()
    }

    fn text(entry: &Self::Entry) -> (&str, &str) {
        (&entry.text, &entry.etag)
    }
}

async fn list(State(state): State<AppState>) -> Json<Value> {
    let items: Vec<Value> = state
        .catalog
        .latest()
        .map(|(item, versions)| {
            let d = item.compiled.definition();
            let mut entry = summary(&item.file, d, &versions);
            entry["item_type"] = json!(d.item_type.label);
            entry
        })
        .collect();
    Json(Value::Array(items))
}

/// What the lists of items and bundles say of each: its file, code, newest
/// version and every version served, and its names.
pub(super) fn summary(file: &str, d: &ItemDefinition, versions: &[&str]) -> Value {
    json!({
        "file": file,
        "code": d.code,
        "version": d.version,
        "versions": versions,
        "name": d.name,
        "name_en": d.i18n.get("en").and_then(|en| en.get("name")),
    })
}

/// `?version=`: one version of an item or bundle (its newest when absent).
#[derive(Deserialize)]
pub(super) struct VersionQuery {
    pub(super) version: Option<String>,
}

/// A definition's text with its ETag, or 304 when `If-None-Match` has it.
pub(super) async fn one<S: Served>(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(query): Query<VersionQuery>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let (text, etag) = S::text(S::find(&state, &code, query.version.as_deref())?);
    definition_response(text, etag, &headers)
}

fn definition_response(text: &str, etag: &str, headers: &HeaderMap) -> Result<Response, AppError> {
    let etag_value = HeaderValue::from_str(etag).map_err(anyhow::Error::new)?;
    let fresh = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    let cache = HeaderValue::from_static("no-cache");
    if fresh {
        return Ok((
            StatusCode::NOT_MODIFIED,
            [(header::ETAG, etag_value), (header::CACHE_CONTROL, cache)],
        )
            .into_response());
    }
    Ok((
        [
            (header::ETAG, etag_value),
            (header::CACHE_CONTROL, cache),
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            ),
        ],
        text.to_owned(),
    )
        .into_response())
}

#[derive(Deserialize)]
pub(super) struct GuideQuery {
    pub(super) version: Option<String>,
    pub(super) lang: Option<String>,
}

/// The 办事指南 rendered by the core from the definition the form uses
/// (for a bundle, one guide of the merged definition), as an HTML page.
pub(super) async fn guide<S: Served>(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(query): Query<GuideQuery>,
) -> Result<Response, AppError> {
    let definition = S::definition(S::find(&state, &code, query.version.as_deref())?);
    let lang = LangQuery { lang: query.lang }.lang()?;
    let html = banli_core::guide::html::render(&banli_core::guide::build(definition, lang));
    Ok((
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        )],
        html,
    )
        .into_response())
}

/// The guide's materials table, as the core words it (for a bundle, a
/// material several members need is one row): the portal's item page
/// shows this instead of building its own.
pub(super) async fn materials<S: Served>(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(query): Query<GuideQuery>,
) -> Result<Json<banli_core::guide::MaterialsTable>, AppError> {
    let definition = S::definition(S::find(&state, &code, query.version.as_deref())?);
    let lang = LangQuery { lang: query.lang }.lang()?;
    Ok(Json(banli_core::guide::materials_table(definition, lang)))
}
