//! What a user or a tester sends when something went wrong: the log folder, opened in the
//! system's file manager, and the diagnostics file (lcs-core's `diagnostics`), written where
//! they pick.

use lcs_core::diagnostics::{self, EnvironmentInUse, Sources};
use tauri::{AppHandle, State};
use tauri_plugin_opener::OpenerExt;

use crate::error::CommandResult;
use crate::files;
use crate::logs::Logs;
use crate::sandbox::EmbeddedSandbox;
use crate::session::Sessions;
use crate::state::AppState;

/// Opens the log folder in the system's file manager; answers its path.
#[tauri::command]
#[specta::specta]
pub fn diagnostics_open_log_folder(app: AppHandle, logs: State<'_, Logs>) -> CommandResult<String> {
    let unopenable =
        |path: String, detail: String| lcs_core::Error::LogFolderUnopenable { path, detail };
    let Some(folder) = logs.folder() else {
        return Err(unopenable(String::new(), "the log has no folder".to_owned()).into());
    };
    let path = folder.path().display().to_string();
    app.opener()
        .open_path(path.as_str(), None::<&str>)
        .map_err(|error| unopenable(path.clone(), error.to_string()))?;
    Ok(path)
}

/// Writes the diagnostics file where the user says; `None` when they cancelled.
#[tauri::command]
#[specta::specta]
pub async fn diagnostics_export(
    app: AppHandle,
    state: State<'_, AppState>,
    sandbox: State<'_, EmbeddedSandbox>,
    sessions: State<'_, Sessions>,
    logs: State<'_, Logs>,
) -> CommandResult<Option<String>> {
    let settings = state
        .settings
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .clone();
    let current = super::environment::current_entry(&settings, &sandbox);
    let (keychain, signed_in) = match sessions.auth() {
        Ok(auth) => (auth.keychain_status(), auth.sessions()),
        Err(_) => (sessions.keychain_status(), Vec::new()),
    };
    let app_info = serde_json::to_value(super::app::app_info(app.clone())?).unwrap_or_default();
    let text = diagnostics::report(Sources {
        app: &app_info,
        settings: &settings,
        environment: current.as_ref().map(|entry| EnvironmentInUse {
            environment: &entry.environment,
            base_url: entry.base_url.as_deref(),
            problem: entry
                .problem
                .as_ref()
                .map(|problem| problem.message.as_str()),
        }),
        keychain: &keychain,
        sessions: &signed_in,
        log: logs.folder(),
        inspector: &state.inspector,
    });
    files::save_json(&app, "lcs-diagnostics.json", "the diagnostics file", text).await
}
