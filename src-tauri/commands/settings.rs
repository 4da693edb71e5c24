//! The user's settings: read them, change the UI language (which the backends are told from
//! their next call, and the H5 page at once), show or hide the API console, keep debug lines
//! in the log, and turn developer mode on or off (each persisted at once).

use lcs_core::settings::{Language, Settings};
use tauri::{AppHandle, State};

use crate::error::CommandResult;
use crate::logs::Logs;
use crate::sandbox::EmbeddedSandbox;
use crate::session::Sessions;
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
    app: AppHandle,
    state: State<'_, AppState>,
    sessions: State<'_, Sessions>,
    language: Option<Language>,
) -> CommandResult<Settings> {
    let settings = state.update_settings(|settings| settings.language = language)?;
    crate::error::set_message_language(language);
    sessions.set_language(language.unwrap_or(Language::ZhCn));
    crate::h5::language_changed(&app);
    Ok(settings)
}

#[tauri::command]
#[specta::specta]
pub fn settings_set_console_enabled(
    state: State<'_, AppState>,
    enabled: bool,
) -> CommandResult<Settings> {
    state.update_settings(|settings| settings.console_enabled = enabled)
}

/// Takes effect at once, unless `LCS_LOG` chose the level.
#[tauri::command]
#[specta::specta]
pub fn settings_set_debug_log(
    state: State<'_, AppState>,
    logs: State<'_, Logs>,
    enabled: bool,
) -> CommandResult<Settings> {
    let settings = state.update_settings(|settings| settings.debug_log = enabled)?;
    logs.set_debug(enabled);
    Ok(settings)
}

/// Turns off (or on again) the system notifications of messages that arrive while the window
/// is not focused.
#[tauri::command]
#[specta::specta]
pub fn settings_set_notifications_enabled(
    state: State<'_, AppState>,
    enabled: bool,
) -> CommandResult<Settings> {
    state.update_settings(|settings| settings.notifications_enabled = enabled)
}

/// Developer mode shows the testers' tools, the built-in environments and the backend
/// addresses. Turning it off stops the request inspector and hides the API console, and in an
/// operator's build moves a user on a built-in environment to the build's default.
#[tauri::command]
#[specta::specta]
pub fn settings_set_developer_mode(
    app: AppHandle,
    state: State<'_, AppState>,
    sandbox: State<'_, EmbeddedSandbox>,
    sessions: State<'_, Sessions>,
    enabled: bool,
) -> CommandResult<Settings> {
    let settings =
        super::environment::update_settings(&app, &state, &sandbox, &sessions, |settings| {
            settings.set_developer_mode(enabled);
            Ok(())
        })?;
    state.inspector.set_enabled(settings.inspector_enabled);
    Ok(settings)
}
