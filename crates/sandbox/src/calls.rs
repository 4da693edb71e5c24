//! How many calls the sandbox received, by path: `GET /__sandbox/calls` answers them, so a test
//! can count what a client sent (one refresh for twenty waiting calls) at the server rather
//! than by what the client says it did.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard};

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{Value, json};

use crate::guard::HELPERS;

/// The calls received so far, by path; shared by the helper route and the middleware.
#[derive(Clone, Default)]
pub struct Calls(Arc<Mutex<BTreeMap<String, u64>>>);

impl Calls {
    /// A poisoned lock only means a request panicked while holding it; the counts still stand.
    fn lock(&self) -> MutexGuard<'_, BTreeMap<String, u64>> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Forgets every count, for the sandbox's reset.
    pub fn clear(&self) {
        self.lock().clear();
    }
}

pub fn routes() -> Router<Calls> {
    Router::new().route("/__sandbox/calls", get(received))
}

/// `GET /__sandbox/calls`: `{"calls": {path: count}}` for every path called since the start
/// or the last reset, faulted calls included; the helpers' own calls are not counted.
async fn received(State(calls): State<Calls>) -> Json<Value> {
    Json(json!({"calls": *calls.lock()}))
}

/// The middleware: counts every call but the helpers', before any fault can touch it.
pub async fn count(State(calls): State<Calls>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    if !path.starts_with(HELPERS) {
        *calls.lock().entry(path.to_owned()).or_default() += 1;
    }
    next.run(request).await
}
