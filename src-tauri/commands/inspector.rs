//! The request inspector for testers: the recorded calls, one call's details, clearing,
//! exporting to a file the tester picks, and switching recording on or off (persisted).

use lcs_api::CallRecord;
use lcs_core::settings::Settings;
use lcs_core::{CallSummary, InspectorFilter};
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use crate::error::CommandResult;
use crate::state::AppState;

/// The recorded calls matching `filter`, newest first.
#[tauri::command]
#[specta::specta]
pub fn inspector_list(
    state: State<'_, AppState>,
    filter: InspectorFilter,
) -> CommandResult<Vec<CallSummary>> {
    Ok(state.inspector.summaries(&filter))
}

/// One call with its request and answer (secrets redacted), by the trace id it carried.
#[tauri::command]
#[specta::specta]
pub fn inspector_get(
    state: State<'_, AppState>,
    trace: String,
) -> CommandResult<Option<CallRecord>> {
    Ok(state.inspector.get(&trace))
}

#[tauri::command]
#[specta::specta]
pub fn inspector_clear(state: State<'_, AppState>) -> CommandResult<()> {
    state.inspector.clear();
    Ok(())
}

/// Asks where to save, then writes every record as JSON there; `None` when the tester
/// cancelled. The only way records reach the disk.
#[tauri::command]
#[specta::specta]
pub async fn inspector_export(
    app: AppHandle,
    state: State<'_, AppState>,
) -> CommandResult<Option<String>> {
    let (picked, chosen) = tokio::sync::oneshot::channel();
    app.dialog()
        .file()
        .add_filter("JSON", &["json"])
        .set_file_name("lcs-requests.json")
        .save_file(move |path| {
            let _ = picked.send(path);
        });
    let Ok(Some(path)) = chosen.await else {
        return Ok(None);
    };
    let path = path.into_path().map_err(|error| lcs_core::Error::Storage {
        what: "the request export",
        path: String::new(),
        source: std::io::Error::other(error.to_string()),
    })?;
    std::fs::write(&path, state.inspector.export()).map_err(|source| lcs_core::Error::Storage {
        what: "the request export",
        path: path.display().to_string(),
        source,
    })?;
    Ok(Some(path.display().to_string()))
}

/// Starts or stops recording, and keeps the choice for the next start.
#[tauri::command]
#[specta::specta]
pub fn inspector_set_enabled(state: State<'_, AppState>, enabled: bool) -> CommandResult<Settings> {
    let settings = state.update_settings(|settings| settings.inspector_enabled = enabled)?;
    state.inspector.set_enabled(enabled);
    Ok(settings)
}
