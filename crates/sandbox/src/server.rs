//! The HTTP server: every family's routes on one listener bound to 127.0.0.1, behind the
//! guard that admits only the sandbox's own clients.

use std::future::Future;
use std::net::SocketAddr;

use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::{Json, Router};
use serde_json::json;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::calls::Calls;
use crate::db::Db;
use crate::faults::Faults;
use crate::guard::Guard;
use crate::tools::Helpers;

/// The largest request body a call may send, but an upload.
pub(crate) const MAX_BODY: usize = 1024 * 1024;

/// Every route of the sandbox over `db`, with no fault armed, behind `guard`.
fn router(db: Db, guard: Guard) -> Router {
    let faults = Faults::default();
    let calls = Calls::default();
    let families = Router::new()
        .merge(crate::customer::routes())
        .merge(crate::user_center::routes())
        .merge(crate::planner::routes())
        .with_state(db.clone());
    let helpers = crate::tools::routes().with_state(Helpers {
        db,
        faults: faults.clone(),
        calls: calls.clone(),
    });
    families
        .merge(helpers)
        .merge(crate::faults::routes().with_state(faults.clone()))
        .merge(crate::calls::routes().with_state(calls.clone()))
        .merge(crate::h5::routes())
        .layer(middleware::from_fn(crate::strict::hold_to_seeds))
        // For bodies sent without a length; the upload's route sets its own, larger limit.
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(middleware::from_fn(refuse_large_bodies))
        .layer(middleware::from_fn_with_state(
            faults,
            crate::faults::inject,
        ))
        .layer(middleware::from_fn_with_state(calls, crate::calls::count))
        // Outermost: a refused request arms, consumes and reads nothing.
        .layer(middleware::from_fn_with_state(guard, crate::guard::admit))
}

/// HTTP 413 for a body whose declared length is over the limit, before any handler reads it
/// (also for calls that take their parameters from the query string and ignore the body).
async fn refuse_large_bodies(request: Request, next: Next) -> Response {
    let limit = if request.uri().path() == crate::planner::UPLOAD_PATH {
        crate::planner::UPLOAD_BODY_LIMIT
    } else {
        MAX_BODY
    };
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|length| length.to_str().ok())
        .and_then(|length| length.parse::<u64>().ok());
    if declared.is_some_and(|length| length > limit as u64) {
        return (
            StatusCode::PAYLOAD_TOO_LARGE,
            Json(json!({"error": format!("the body is over the limit of {limit} bytes")})),
        )
            .into_response();
    }
    next.run(request).await
}

/// A sandbox running on a background task, for the app and for tests. Dropping it stops it.
pub struct Sandbox {
    address: SocketAddr,
    /// What its helpers ask for in [`crate::SECRET_HEADER`].
    secret: String,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<std::io::Result<()>>>,
}

impl Sandbox {
    /// Starts serving `db` on 127.0.0.1:`port` (0 picks a free port), its helpers behind a
    /// secret of its own making ([`Sandbox::secret`]).
    pub async fn start(db: Db, port: u16) -> std::io::Result<Self> {
        Self::start_with_secret(db, port, new_secret()).await
    }

    /// Starts serving `db` on 127.0.0.1:`port`, its helpers behind `secret`; an empty secret
    /// is refused, as it would guard nothing.
    pub async fn start_with_secret(db: Db, port: u16, secret: String) -> std::io::Result<Self> {
        if secret.is_empty() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "the helper secret is empty",
            ));
        }
        let listener = TcpListener::bind(("127.0.0.1", port)).await?;
        let address = listener.local_addr()?;
        let guard = Guard::new(address.port(), &secret);
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(serve(listener, router(db, guard), async {
            let _ = stopped.await;
        }));
        Ok(Self {
            address,
            secret,
            stop: Some(stop),
            task: Some(task),
        })
    }

    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The secret its helpers ask for, for whoever started it to hand on.
    pub fn secret(&self) -> &str {
        &self.secret
    }

    /// `http://127.0.0.1:PORT/`, the base URL of all three families.
    pub fn base_url(&self) -> String {
        format!("http://{}/", self.address)
    }

    /// Stops accepting, finishes the requests in flight, and returns once the server is down.
    pub async fn stop(mut self) -> std::io::Result<()> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        match self.task.take() {
            Some(task) => task
                .await
                .unwrap_or_else(|error| Err(std::io::Error::other(error))),
            None => Ok(()),
        }
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// Serves until `shutdown` completes, then lets in-flight requests finish.
async fn serve(
    listener: TcpListener,
    router: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router)
        .with_graceful_shutdown(shutdown)
        .await
}

/// A fresh helper secret: a version 4 UUID as 32 hex digits, 122 bits from the system's
/// random source.
pub fn new_secret() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

/// Waits for Ctrl-C, or on Unix for SIGTERM: how a sandbox run from a terminal or a service
/// manager is told to stop.
pub async fn stop_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
}
