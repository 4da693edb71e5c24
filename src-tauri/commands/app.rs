//! Facts about the running app: the Settings page's "About" section, and how its start went.

use serde::Serialize;
use tauri::AppHandle;

use crate::error::CommandResult;
use crate::startup::{self, StartupStep};

#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub version: String,
    pub identifier: String,
    /// The Tauri version the app was built with.
    pub tauri_version: String,
    /// Testers need to know which build they run.
    pub build: BuildKind,
}

#[derive(Debug, Clone, Copy, Serialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum BuildKind {
    Debug,
    Release,
}

#[tauri::command]
#[specta::specta]
pub fn app_info(app: AppHandle) -> CommandResult<AppInfo> {
    let config = app.config();
    Ok(AppInfo {
        version: app.package_info().version.to_string(),
        identifier: config.identifier.clone(),
        tauri_version: tauri::VERSION.to_string(),
        build: if cfg!(debug_assertions) {
            BuildKind::Debug
        } else {
            BuildKind::Release
        },
    })
}

/// When each step of this start ended: the timeline `make perf` prints.
#[tauri::command]
#[specta::specta]
pub fn app_startup_timeline() -> CommandResult<Vec<StartupStep>> {
    Ok(startup::steps())
}
