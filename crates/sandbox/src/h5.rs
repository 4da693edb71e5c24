//! H5 pages under `/h5/`: the files of the crate's `h5/` folder, built into the binary so the
//! sandbox inside the app serves them too, and the H5 authors' typed client (`packages/jsbridge`)
//! under `/h5/jsbridge/`, which they use. A folder's page is its `index.html`.

use axum::Router;
use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use include_dir::{Dir, include_dir};

static PAGES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/h5");
static CLIENT: [(&str, &str); 2] = [
    (
        "jsbridge/index.js",
        include_str!("../../../packages/jsbridge/index.js"),
    ),
    (
        "jsbridge/registry.js",
        include_str!("../../../packages/jsbridge/registry.js"),
    ),
];

pub fn routes<S: Clone + Send + Sync + 'static>() -> Router<S> {
    Router::new()
        .route("/h5", get(|| async { Redirect::permanent("/h5/") }))
        .route("/h5/", get(|| async { page("") }))
        .route(
            "/h5/{*path}",
            get(|Path(path): Path<String>| async move { page(&path) }),
        )
}

/// The file at `path` under `h5/` with its content type; 404 when there is none.
fn page(path: &str) -> Response {
    let path = path.trim_start_matches('/');
    let path = if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_owned()
    };
    let client = CLIENT
        .iter()
        .find(|(name, _)| *name == path)
        .map(|(_, text)| text.as_bytes());
    match client.or_else(|| PAGES.get_file(&path).map(|file| file.contents())) {
        Some(contents) => ([(header::CONTENT_TYPE, content_type(&path))], contents).into_response(),
        None => (StatusCode::NOT_FOUND, "no such H5 page").into_response(),
    }
}

/// The content type of a web file, by its extension.
fn content_type(path: &str) -> &'static str {
    let extension = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    match extension.as_deref() {
        Some("html" | "htm") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("txt") => "text/plain; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        Some("ico") => "image/x-icon",
        Some("woff2") => "font/woff2",
        _ => "application/octet-stream",
    }
}
