//! The user's settings: read them, and change the UI language (persisted at once).

use lcs_core::settings::{Language, Settings};
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub fn settings_get(state: State<'_, AppState>) -> CommandResult<Settings> {
    Ok(state
        .settings
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .clone())
}

/// `None` goes back to following the system language.
#[tauri::command]
#[specta::specta]
pub fn settings_set_language(
    state: State<'_, AppState>,
    language: Option<Language>,
) -> CommandResult<Settings> {
    let mut settings = state.settings.lock().unwrap_or_else(|p| p.into_inner());
    let mut updated = settings.clone();
    updated.language = language;
    state.settings_file.save(&updated)?;
    *settings = updated;
    crate::error::set_message_language(language);
    Ok(settings.clone())
}
