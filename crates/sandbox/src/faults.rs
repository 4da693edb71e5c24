//! Injected faults: `POST /__sandbox/faults` makes the next calls under a path misbehave (late,
//! HTTP 500, a body that is not JSON, a connection closed without an answer, an applied call's
//! answer lost, with or without the idempotency key honoured, an answer held until released),
//! so a tester can see how the app copes with a backend in trouble. One middleware applies
//! them to every route but the sandbox's own helpers.

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;
use tokio::sync::Semaphore;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::guard::HELPERS;
use crate::tools::{HelperError, HelperJson};

/// The header a server honouring idempotency keys reads; `lose_ignoring_key` takes it off.
const IDEMPOTENCY_KEY: &str = "idempotency-key";

/// The longest delay a fault may ask for: enough to pass any client timeout.
const MAX_DELAY_MS: u64 = 10 * 60 * 1000;

/// How a faulted call misbehaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
enum Kind {
    /// Waits, then answers normally.
    Delay,
    /// Answers HTTP 500.
    Http500,
    /// Answers 200 with a truncated envelope.
    Malformed,
    /// Closes the connection without a complete answer.
    Drop,
    /// Applies the call, then waits `delayMs` before answering: a client that gives up (or
    /// dies) meanwhile never learns that its call took effect.
    Late,
    /// Applies the call, then closes the connection without its answer: the lost answer an
    /// idempotency key exists for.
    Lose,
    /// Applies the call as a server without idempotency keys would (its `Idempotency-Key` is
    /// taken off, so a retry is applied again), waits `delayMs`, then closes the connection
    /// without an answer: only a client that reads the list before sending again avoids a
    /// duplicate.
    LoseIgnoringKey,
    /// Applies the call, then holds its answer until `POST /__sandbox/faults/release` lets it
    /// go (or `delayMs` passes, ten minutes when absent): a test can act while the answer is
    /// on its way, however slow the machine.
    Hold,
}

/// One armed fault: the next `remaining` calls whose path starts with `path` (or any, `*`).
#[derive(Debug, Clone)]
struct Fault {
    path: String,
    kind: Kind,
    remaining: u32,
    delay: Duration,
}

impl Fault {
    fn matches(&self, path: &str) -> bool {
        self.path == "*" || path.starts_with(&self.path)
    }
}

/// The faults waiting to fire, oldest first; shared by the helper route and the middleware.
#[derive(Clone)]
pub struct Faults {
    armed: Arc<Mutex<Vec<Fault>>>,
    /// One permit for each held answer a release lets go; a release that comes before its
    /// answer is held is kept for it.
    released: Arc<Semaphore>,
}

impl Default for Faults {
    fn default() -> Self {
        Self {
            armed: Arc::default(),
            released: Arc::new(Semaphore::new(0)),
        }
    }
}

impl Faults {
    /// A poisoned lock only means a request panicked while holding it; the list is still sound.
    fn lock(&self) -> MutexGuard<'_, Vec<Fault>> {
        self.armed
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Disarms every fault, for the sandbox's reset.
    pub fn clear(&self) {
        self.lock().clear();
    }

    /// Uses up one call of the oldest fault that matches `path`.
    fn take(&self, path: &str) -> Option<(Kind, Duration)> {
        let mut faults = self.lock();
        let index = faults.iter().position(|fault| fault.matches(path))?;
        let fault = &mut faults[index];
        fault.remaining -= 1;
        let fired = (fault.kind, fault.delay);
        if fault.remaining == 0 {
            faults.remove(index);
        }
        Some(fired)
    }
}

pub fn routes() -> Router<Faults> {
    Router::new()
        .route("/__sandbox/faults", post(arm))
        .route("/__sandbox/faults/release", post(release))
}

/// The body of `POST /__sandbox/faults`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct FaultRequest {
    path: String,
    kind: Kind,
    count: Option<u32>,
    delay_ms: Option<u64>,
}

/// `POST /__sandbox/faults` with `{path, kind, count, delayMs}`: arms a fault for the next
/// `count` calls (1 when absent) under `path`, and answers it with the number now armed.
async fn arm(
    State(faults): State<Faults>,
    HelperJson(request): HelperJson<FaultRequest>,
) -> Result<Response, HelperError> {
    let path = request.path.trim().to_owned();
    if path != "*" && !path.starts_with('/') {
        return Err(HelperError::bad(
            "path must be a path prefix starting with / (for example /api/), or * for every call",
        ));
    }
    if path.starts_with(HELPERS.trim_end_matches('/')) {
        return Err(HelperError::bad(
            "the sandbox's own helpers under /__sandbox/ are never faulted",
        ));
    }
    let count = request.count.unwrap_or(1);
    if count == 0 {
        return Err(HelperError::bad("count must be 1 or more"));
    }
    let delay_ms = match (request.kind, request.delay_ms) {
        (Kind::Delay | Kind::Late, None) => {
            return Err(HelperError::bad(
                "a delay or late fault needs delayMs, the milliseconds to wait",
            ));
        }
        (Kind::Hold, None) => MAX_DELAY_MS,
        (Kind::Delay | Kind::Late | Kind::LoseIgnoringKey | Kind::Hold, Some(ms))
            if ms > MAX_DELAY_MS =>
        {
            return Err(HelperError::bad(format!(
                "delayMs must be at most {MAX_DELAY_MS} (ten minutes)"
            )));
        }
        (_, ms) => ms.unwrap_or(0),
    };
    let mut armed = faults.lock();
    armed.push(Fault {
        path: path.clone(),
        kind: request.kind,
        remaining: count,
        delay: Duration::from_millis(delay_ms),
    });
    tracing::info!(%path, kind = ?request.kind, count, delay_ms, "sandbox fault armed");
    Ok(axum::Json(json!({
        "path": path,
        "kind": request.kind,
        "count": count,
        "delayMs": delay_ms,
        "armed": armed.len(),
    }))
    .into_response())
}

/// The body of `POST /__sandbox/faults/release`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReleaseRequest {
    count: Option<u32>,
}

/// `POST /__sandbox/faults/release` with `{count}`: lets `count` held answers go (1 when
/// absent), those held now first, then the next ones to be held.
async fn release(
    State(faults): State<Faults>,
    HelperJson(request): HelperJson<ReleaseRequest>,
) -> Result<Response, HelperError> {
    let count = request.count.unwrap_or(1);
    if count == 0 {
        return Err(HelperError::bad("count must be 1 or more"));
    }
    faults.released.add_permits(count as usize);
    tracing::info!(count, "sandbox held answers released");
    Ok(axum::Json(json!({"released": count})).into_response())
}

/// The middleware: a call that a fault matches misbehaves as the fault says; any other goes
/// through untouched.
pub async fn inject(State(faults): State<Faults>, mut request: Request, next: Next) -> Response {
    let path = request.uri().path();
    if path.starts_with(HELPERS) {
        return next.run(request).await;
    }
    let Some((kind, delay)) = faults.take(path) else {
        return next.run(request).await;
    };
    tracing::info!(%path, ?kind, "sandbox fault fired");
    match kind {
        Kind::Delay => {
            tokio::time::sleep(delay).await;
            next.run(request).await
        }
        Kind::Http500 => (
            StatusCode::INTERNAL_SERVER_ERROR,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "sandbox fault: injected HTTP 500",
        )
            .into_response(),
        Kind::Malformed => (
            [(header::CONTENT_TYPE, "application/json")],
            r#"{"code":"0","msg":"Success","data":{"token":"#,
        )
            .into_response(),
        Kind::Drop => dropped(),
        Kind::Late => {
            let response = next.run(request).await;
            tokio::time::sleep(delay).await;
            response
        }
        Kind::Lose => {
            drop(next.run(request).await);
            dropped()
        }
        Kind::Hold => {
            let response = next.run(request).await;
            match tokio::time::timeout(delay, faults.released.acquire()).await {
                Ok(Ok(permit)) => permit.forget(),
                _ => tracing::info!("a held answer goes unreleased after its delay"),
            }
            response
        }
        Kind::LoseIgnoringKey => {
            request.headers_mut().remove(IDEMPOTENCY_KEY);
            drop(next.run(request).await);
            tokio::time::sleep(delay).await;
            dropped()
        }
    }
}

/// A handler cannot close its connection; a body that fails before its first byte makes hyper
/// abort the connection, so the client gets no complete answer.
fn dropped() -> Response {
    Response::new(Body::from_stream(futures_util::stream::once(async {
        Err::<Bytes, _>(std::io::Error::new(
            std::io::ErrorKind::ConnectionAborted,
            "sandbox fault: connection dropped",
        ))
    })))
}
