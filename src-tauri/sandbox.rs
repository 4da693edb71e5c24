//! The built-in sandbox backend, started with the app on 127.0.0.1 and a free port, so the app
//! has a real peer with no server to set up. Its state lives in the app's data folder.

use std::path::Path;

use lcs_sandbox::{Db, Sandbox};

/// The sandbox as the app started it. A sandbox that could not start does not stop the app:
/// Settings shows why.
pub enum EmbeddedSandbox {
    Running(Sandbox),
    Failed(String),
}

impl EmbeddedSandbox {
    /// Its address, or why it is down.
    pub fn url(&self) -> Result<String, &str> {
        match self {
            EmbeddedSandbox::Running(sandbox) => Ok(sandbox.base_url()),
            EmbeddedSandbox::Failed(problem) => Err(problem.as_str()),
        }
    }

    pub fn start(data_dir: &Path) -> Self {
        match tauri::async_runtime::block_on(start(data_dir)) {
            Ok(sandbox) => {
                tracing::info!(url = %sandbox.base_url(), "built-in sandbox started");
                Self::Running(sandbox)
            }
            Err(message) => {
                tracing::error!(%message, "built-in sandbox failed to start");
                Self::Failed(message)
            }
        }
    }
}

async fn start(data_dir: &Path) -> Result<Sandbox, String> {
    std::fs::create_dir_all(data_dir)
        .map_err(|error| format!("cannot create {}: {error}", data_dir.display()))?;
    let path = data_dir.join(lcs_core::paths::AppDirs::SANDBOX_FILE);
    let prepare = || lcs_core::paths::prepare_database(&path).map_err(|error| error.to_string());
    prepare()?;
    let db = match Db::open(Some(&path)) {
        Ok(db) => db,
        Err(error) => {
            // An unreadable file (a crash, a newer version's schema) is kept for support and
            // replaced: the sandbox holds demo data only.
            let aside = path.with_extension("sqlite.corrupt");
            tracing::warn!(%error, aside = %aside.display(), "sandbox database unreadable; starting afresh");
            std::fs::rename(&path, &aside)
                .map_err(|rename| format!("{error}; moving it aside failed: {rename}"))?;
            prepare()?;
            Db::open(Some(&path)).map_err(|error| error.to_string())?
        }
    };
    Sandbox::start(db, 0)
        .await
        .map_err(|error| format!("cannot listen on 127.0.0.1: {error}"))
}
