//! The built-in sandbox backend, run in-process on 127.0.0.1 and a free port, so the app has a
//! real peer with no server to set up. Its state lives in the app's data folder. Its helpers
//! ask for a secret made for the run (or taken from `LCS_SANDBOX_SECRET`, so that a tester or
//! a test can call them), which only the sandbox environment's sessions are handed.
//!
//! Debug builds (tests, `tauri dev`) start it with the app. Release builds run it only while
//! it is the chosen environment, so an installed app listens on no port the user did not ask
//! for.

use std::future::Future;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use lcs_api::Secret;
use lcs_sandbox::{Db, Sandbox};

/// Where the helper secret may come from instead of being made for the run.
const SECRET_VAR: &str = "LCS_SANDBOX_SECRET";
/// How long calls in flight may take to finish when the sandbox stops.
const STOP_WAIT: Duration = Duration::from_secs(3);

/// The sandbox the app runs. One that could not start does not stop the app: Settings shows
/// why.
pub struct EmbeddedSandbox {
    data_dir: PathBuf,
    secret: String,
    /// Runs only while chosen, rather than from start to exit.
    on_demand: bool,
    state: Mutex<State>,
}

enum State {
    /// Not chosen, in a build that runs it on demand.
    Stopped {
        last_port: Option<u16>,
    },
    Running(Sandbox),
    Failed(String),
}

impl EmbeddedSandbox {
    /// The app's sandbox over the database in `data_dir`; started at once in a debug build,
    /// on demand ([`EmbeddedSandbox::follow_choice`]) in a release build.
    pub fn new(data_dir: &Path) -> Self {
        let secret = std::env::var(SECRET_VAR)
            .ok()
            .filter(|secret| !secret.is_empty())
            .unwrap_or_else(lcs_sandbox::new_secret);
        let sandbox = Self::with_secret(data_dir, secret, cfg!(not(debug_assertions)));
        if !sandbox.on_demand {
            sandbox.follow_choice(true);
        }
        sandbox
    }

    fn with_secret(data_dir: &Path, secret: String, on_demand: bool) -> Self {
        Self {
            data_dir: data_dir.to_owned(),
            secret,
            on_demand,
            state: Mutex::new(State::Stopped { last_port: None }),
        }
    }

    /// Its address, or why it is not running.
    pub fn url(&self) -> Result<String, String> {
        match &*self.state() {
            State::Running(sandbox) => Ok(sandbox.base_url()),
            State::Failed(problem) => Err(problem.clone()),
            State::Stopped { .. } => Err("not running; it starts when you choose it".to_owned()),
        }
    }

    /// What its helpers (its code sender among them) ask for.
    pub fn secret(&self) -> Secret {
        Secret::new(self.secret.clone())
    }

    /// Starts it when the sandbox environment is `chosen` and it is not running (again on its
    /// last port where it can, so the address the user saw stays); stops it when another
    /// environment is chosen and it runs on demand.
    pub fn follow_choice(&self, chosen: bool) {
        let mut state = self.state();
        let previous = std::mem::replace(&mut *state, State::Stopped { last_port: None });
        *state = match (previous, chosen) {
            (State::Running(sandbox), false) if self.on_demand => {
                let last_port = Some(sandbox.address().port());
                if wait_for(async { tokio::time::timeout(STOP_WAIT, sandbox.stop()).await })
                    .is_err()
                {
                    tracing::warn!("built-in sandbox stopped with calls still in flight");
                }
                tracing::info!("built-in sandbox stopped: another environment is chosen");
                State::Stopped { last_port }
            }
            (State::Stopped { last_port }, true) => self.start(last_port),
            (State::Failed(_), true) => self.start(None),
            (unchanged, _) => unchanged,
        };
    }

    fn start(&self, last_port: Option<u16>) -> State {
        let started = wait_for(async {
            let db = open_db(&self.data_dir)?;
            let on = |port| Sandbox::start_with_secret(db.clone(), port, self.secret.clone());
            let sandbox = match last_port {
                Some(port) => match on(port).await {
                    Ok(sandbox) => Ok(sandbox),
                    Err(_) => on(0).await,
                },
                None => on(0).await,
            };
            sandbox.map_err(|error| format!("cannot listen on 127.0.0.1: {error}"))
        });
        match started {
            Ok(sandbox) => {
                tracing::info!(url = %sandbox.base_url(), "built-in sandbox started");
                State::Running(sandbox)
            }
            Err(message) => {
                tracing::error!(%message, "built-in sandbox failed to start");
                State::Failed(message)
            }
        }
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Runs `future` to its end from synchronous code: a command on the main thread, or one that
/// runs on the async runtime.
fn wait_for<F: Future>(future: F) -> F::Output {
    match tokio::runtime::Handle::try_current() {
        Ok(runtime) => tokio::task::block_in_place(|| runtime.block_on(future)),
        Err(_) => tauri::async_runtime::block_on(future),
    }
}

fn open_db(data_dir: &Path) -> Result<Db, String> {
    std::fs::create_dir_all(data_dir)
        .map_err(|error| format!("cannot create {}: {error}", data_dir.display()))?;
    let path = data_dir.join(lcs_core::paths::AppDirs::SANDBOX_FILE);
    let prepare = || lcs_core::paths::prepare_database(&path).map_err(|error| error.to_string());
    prepare()?;
    match Db::open(Some(&path)) {
        Ok(db) => Ok(db),
        Err(error) => {
            // An unreadable file (a crash, a newer version's schema) is kept for support and
            // replaced: the sandbox holds demo data only.
            let aside = path.with_extension("sqlite.corrupt");
            tracing::warn!(%error, aside = %aside.display(), "sandbox database unreadable; starting afresh");
            std::fs::rename(&path, &aside)
                .map_err(|rename| format!("{error}; moving it aside failed: {rename}"))?;
            prepare()?;
            Db::open(Some(&path)).map_err(|error| error.to_string())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::EmbeddedSandbox;

    fn answers(url: &str) -> bool {
        std::net::TcpStream::connect(url.trim_start_matches("http://").trim_end_matches('/'))
            .is_ok()
    }

    #[test]
    fn on_demand_it_runs_only_while_chosen_and_comes_back_at_its_address() {
        let dir = tempfile::tempdir().unwrap();
        let sandbox = EmbeddedSandbox::with_secret(dir.path(), "s3cret".into(), true);
        assert!(sandbox.url().is_err(), "not chosen yet: not running");

        sandbox.follow_choice(true);
        let url = sandbox.url().unwrap();
        assert!(answers(&url));

        sandbox.follow_choice(false);
        assert!(sandbox.url().is_err());
        assert!(!answers(&url));

        sandbox.follow_choice(true);
        assert_eq!(sandbox.url().unwrap(), url);
    }

    #[test]
    fn an_unreadable_database_is_moved_aside_and_the_sandbox_starts_on_a_fresh_one() {
        let dir = tempfile::tempdir().unwrap();
        let damaged = b"not a database: a crash, or another program's file";
        std::fs::write(dir.path().join("sandbox.sqlite"), damaged).unwrap();

        let sandbox = EmbeddedSandbox::with_secret(dir.path(), "s3cret".into(), true);
        sandbox.follow_choice(true);
        assert!(answers(&sandbox.url().unwrap()), "the sandbox still starts");
        assert_eq!(
            std::fs::read(dir.path().join("sandbox.sqlite.corrupt")).unwrap(),
            damaged,
            "the unreadable file is kept aside as it was"
        );
        let fresh = std::fs::read(dir.path().join("sandbox.sqlite")).unwrap();
        assert!(fresh.starts_with(b"SQLite format 3\0"), "a fresh database");
    }
}
