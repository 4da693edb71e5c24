//! The request inspector for testers: the recorded calls, one call's details, the H5 pages'
//! bridge calls, clearing, exporting to a file the tester picks, and switching recording on or
//! off (persisted).

use lcs_api::CallRecord;
use lcs_core::settings::Settings;
use lcs_core::{BridgeCallRecord, CallSummary, InspectorFilter};
use tauri::{AppHandle, State};

use crate::error::CommandResult;
use crate::files;
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

/// The H5 pages' JsBridge calls, newest first.
#[tauri::command]
#[specta::specta]
pub fn inspector_bridge_calls(state: State<'_, AppState>) -> CommandResult<Vec<BridgeCallRecord>> {
    Ok(state.inspector.bridge_calls())
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

/// Writes every record recorded so far, as JSON, where the tester says; `None` when the tester
/// cancelled. The only way records reach the disk.
#[tauri::command]
#[specta::specta]
pub async fn inspector_export(
    app: AppHandle,
    state: State<'_, AppState>,
) -> CommandResult<Option<String>> {
    let records = state.inspector.export();
    files::save_json(&app, "lcs-requests.json", "the request export", records).await
}

/// Starts or stops recording, and keeps the choice for the next start.
#[tauri::command]
#[specta::specta]
pub fn inspector_set_enabled(state: State<'_, AppState>, enabled: bool) -> CommandResult<Settings> {
    let settings = state.update_settings(|settings| settings.inspector_enabled = enabled)?;
    state.inspector.set_enabled(enabled);
    Ok(settings)
}
