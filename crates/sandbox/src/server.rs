//! The HTTP server: every family's routes on one listener bound to 127.0.0.1.

use std::future::Future;
use std::net::SocketAddr;

use axum::Router;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::db::Db;

/// Every route of the sandbox over `db`.
pub fn router(db: Db) -> Router {
    Router::new()
        .merge(crate::customer::routes())
        .merge(crate::user_center::routes())
        .merge(crate::planner::routes())
        .merge(crate::tools::routes())
        .with_state(db)
}

/// A sandbox running on a background task, for the app and for tests. Dropping it stops it.
pub struct Sandbox {
    address: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<std::io::Result<()>>>,
}

impl Sandbox {
    /// Starts serving `db` on 127.0.0.1:`port` (0 picks a free port).
    pub async fn start(db: Db, port: u16) -> std::io::Result<Self> {
        let listener = TcpListener::bind(("127.0.0.1", port)).await?;
        let address = listener.local_addr()?;
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(serve(listener, db, async {
            let _ = stopped.await;
        }));
        Ok(Self {
            address,
            stop: Some(stop),
            task: Some(task),
        })
    }

    pub fn address(&self) -> SocketAddr {
        self.address
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
pub async fn serve(
    listener: TcpListener,
    db: Db,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(db))
        .with_graceful_shutdown(shutdown)
        .await
}
