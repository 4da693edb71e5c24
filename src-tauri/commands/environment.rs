//! Which backend the app talks to: list the environments, choose one (persisted at once), add,
//! edit or remove the user's own, and share them as a file. The rules live in lcs-core; these
//! only adapt them.

use lcs_core::environment::{Environment, EnvironmentImport, EnvironmentImportPlan};
use lcs_core::settings::{Language, Settings};
use serde::Serialize;
use tauri::{AppHandle, State};

use crate::error::{CommandError, CommandResult};
use crate::files;
use crate::h5;
use crate::sandbox::EmbeddedSandbox;
use crate::session::Sessions;
use crate::state::AppState;

/// Every environment, and which one is chosen.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct EnvironmentList {
    /// The chosen environment's id.
    pub current: String,
    pub environments: Vec<EnvironmentEntry>,
}

#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct EnvironmentEntry {
    pub environment: Environment,
    /// Built in, or the build's own: cannot be edited or removed.
    pub built_in: bool,
    /// The customer API's address; for the sandbox, the one it listens on while it runs.
    pub base_url: Option<String>,
    /// Why the environment cannot be used (the sandbox is down, a field is missing).
    pub problem: Option<CommandError>,
}

#[tauri::command]
#[specta::specta]
pub fn environment_list(
    state: State<'_, AppState>,
    sandbox: State<'_, EmbeddedSandbox>,
) -> CommandResult<EnvironmentList> {
    let settings = state.settings.lock().unwrap_or_else(|p| p.into_inner());
    Ok(list(&settings, &sandbox))
}

/// Takes effect at once: the next call to a backend goes to the chosen environment.
#[tauri::command]
#[specta::specta]
pub fn environment_select(
    app: AppHandle,
    state: State<'_, AppState>,
    sandbox: State<'_, EmbeddedSandbox>,
    sessions: State<'_, Sessions>,
    id: String,
) -> CommandResult<EnvironmentList> {
    update(&app, &state, &sandbox, &sessions, |settings| {
        settings.select_environment(&id)
    })
}

/// Adds an environment (`isNew`) or replaces the one with the same id.
#[tauri::command]
#[specta::specta]
pub fn environment_save(
    app: AppHandle,
    state: State<'_, AppState>,
    sandbox: State<'_, EmbeddedSandbox>,
    sessions: State<'_, Sessions>,
    environment: Environment,
    is_new: bool,
) -> CommandResult<EnvironmentList> {
    update(&app, &state, &sandbox, &sessions, |settings| {
        settings.save_environment(environment, is_new)
    })
}

#[tauri::command]
#[specta::specta]
pub fn environment_remove(
    app: AppHandle,
    state: State<'_, AppState>,
    sandbox: State<'_, EmbeddedSandbox>,
    sessions: State<'_, Sessions>,
    id: String,
) -> CommandResult<EnvironmentList> {
    let list = update(&app, &state, &sandbox, &sessions, |settings| {
        settings.remove_environment(&id)
    })?;
    // Its sessions go with it: nothing of a removed backend stays in the keychain.
    sessions.forget_environment(&id);
    Ok(list)
}

/// Asks where to save, then writes the user's own environments (or only `id`) there as an
/// environments file; `None` when the tester cancelled. Nothing to export is refused before
/// the dialog opens.
#[tauri::command]
#[specta::specta]
pub async fn environment_export(
    app: AppHandle,
    state: State<'_, AppState>,
    id: Option<String>,
) -> CommandResult<Option<String>> {
    let text = state
        .settings
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .export_environments(id.as_deref())?;
    let file_name = format!("lcs-environments-{}.json", id.as_deref().unwrap_or("all"));
    files::save_json(&app, &file_name, "the environments file", text).await
}

/// What an import did, and the environments as they are now.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct EnvironmentImported {
    pub import: EnvironmentImport,
    pub environments: EnvironmentList,
}

/// An import that waits for the user: the file would change environments they have.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct EnvironmentImportToConfirm {
    /// The file as read, handed back to [`environment_import_confirm`] so the user is not
    /// asked for it twice.
    pub text: String,
    pub plan: EnvironmentImportPlan,
}

#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum EnvironmentImportStep {
    /// Nothing the user has changed: imported.
    Imported(EnvironmentImported),
    /// Say what would change and ask first.
    Confirm(EnvironmentImportToConfirm),
}

/// Asks for an environments file, then adds its environments, all or nothing; `None` when the
/// tester cancelled. A file that would change an environment the user has is not imported
/// yet: the answer says what would change, and [`environment_import_confirm`] replaces them.
#[tauri::command]
#[specta::specta]
pub async fn environment_import(
    app: AppHandle,
    state: State<'_, AppState>,
    sandbox: State<'_, EmbeddedSandbox>,
    sessions: State<'_, Sessions>,
) -> CommandResult<Option<EnvironmentImportStep>> {
    let Some(text) = files::open_json(&app, "the environments file").await? else {
        return Ok(None);
    };
    let plan = state
        .settings
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .plan_import(&text)?;
    if plan.needs_confirmation() {
        return Ok(Some(EnvironmentImportStep::Confirm(
            EnvironmentImportToConfirm { text, plan },
        )));
    }
    import(&app, &state, &sandbox, &sessions, &text, false)
        .map(|imported| Some(EnvironmentImportStep::Imported(imported)))
}

/// The user confirmed what an import replaces: it is imported, replacing them.
#[tauri::command]
#[specta::specta]
pub fn environment_import_confirm(
    app: AppHandle,
    state: State<'_, AppState>,
    sandbox: State<'_, EmbeddedSandbox>,
    sessions: State<'_, Sessions>,
    text: String,
) -> CommandResult<EnvironmentImported> {
    import(&app, &state, &sandbox, &sessions, &text, true)
}

fn import(
    app: &AppHandle,
    state: &AppState,
    sandbox: &EmbeddedSandbox,
    sessions: &Sessions,
    text: &str,
    replace: bool,
) -> CommandResult<EnvironmentImported> {
    let (import, environments) = update_with(app, state, sandbox, sessions, |settings| {
        settings.import_environments(text, replace)
    })?;
    Ok(EnvironmentImported {
        import,
        environments,
    })
}

/// Changes the settings as [`update`] does, answering them rather than the environments.
pub(super) fn update_settings(
    app: &AppHandle,
    state: &AppState,
    sandbox: &EmbeddedSandbox,
    sessions: &Sessions,
    change: impl FnOnce(&mut Settings) -> lcs_core::error::Result<()>,
) -> CommandResult<Settings> {
    update(app, state, sandbox, sessions, change)?;
    Ok(state
        .settings
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .clone())
}

fn update(
    app: &AppHandle,
    state: &AppState,
    sandbox: &EmbeddedSandbox,
    sessions: &Sessions,
    change: impl FnOnce(&mut Settings) -> lcs_core::error::Result<()>,
) -> CommandResult<EnvironmentList> {
    update_with(app, state, sandbox, sessions, change).map(|((), list)| list)
}

/// Changes a copy and saves it; memory changes only once the file did, so what the user sees
/// is what survives a restart. A change to the chosen environment takes effect at once: its
/// sessions are the ones the app uses from now on, and the H5 page shown under the old one's
/// origins is closed.
fn update_with<T>(
    app: &AppHandle,
    state: &AppState,
    sandbox: &EmbeddedSandbox,
    sessions: &Sessions,
    change: impl FnOnce(&mut Settings) -> lcs_core::error::Result<T>,
) -> CommandResult<(T, EnvironmentList)> {
    let mut settings = state.settings.lock().unwrap_or_else(|p| p.into_inner());
    let mut updated = settings.clone();
    let outcome = change(&mut updated)?;
    state.settings_file.save(&updated)?;
    let chosen_changed = updated.current_environment() != settings.current_environment();
    *settings = updated;
    if chosen_changed {
        sessions.use_environment(&settings, sandbox);
        h5::close(app);
    }
    Ok((outcome, list(&settings, sandbox)))
}

/// The chosen environment as the list shows it.
pub(super) fn current_entry(
    settings: &Settings,
    sandbox: &EmbeddedSandbox,
) -> Option<EnvironmentEntry> {
    let list = list(settings, sandbox);
    list.environments
        .into_iter()
        .find(|entry| entry.environment.id == list.current)
}

fn list(settings: &Settings, sandbox: &EmbeddedSandbox) -> EnvironmentList {
    let sandbox_url = sandbox.url();
    let language = settings.language.unwrap_or(Language::ZhCn);
    let environments = settings
        .environments()
        .into_iter()
        .map(|environment| {
            let problem = environment
                .client_config(language, sandbox_url.as_deref().map_err(String::as_str))
                .err()
                .map(CommandError::from);
            let base_url = if environment.is_sandbox() {
                sandbox_url.clone().ok()
            } else {
                Some(environment.customer_base.clone())
            };
            EnvironmentEntry {
                built_in: settings.is_shipped(&environment.id),
                environment,
                base_url,
                problem,
            }
        })
        .collect();
    EnvironmentList {
        current: settings.current_environment().id,
        environments,
    }
}

/// A sandbox demo account, so a tester knows how to sign in without reading the README.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct DemoAccount {
    pub phone_area: String,
    pub phone: String,
    pub email: String,
    /// Family C's user name.
    pub planner_username: String,
    /// Demo credentials, public by design: they exist only in the local sandbox.
    pub password: String,
    pub purpose_zh: String,
    pub purpose_en: String,
}

/// The sandbox's demo accounts while the sandbox is the chosen environment in developer mode;
/// none otherwise, so the sign-in page never suggests them for a real server, nor shows their
/// passwords to someone who did not ask for the testers' tools.
#[tauri::command]
#[specta::specta]
pub fn environment_demo_accounts(state: State<'_, AppState>) -> CommandResult<Vec<DemoAccount>> {
    let settings = state.settings.lock().unwrap_or_else(|p| p.into_inner());
    if !settings.current_environment().is_sandbox() || !settings.is_developer() {
        return Ok(Vec::new());
    }
    Ok(lcs_sandbox::DEMO_USERS
        .iter()
        .map(|user| DemoAccount {
            phone_area: user.phone_area.into(),
            phone: user.phone.into(),
            email: user.email.into(),
            planner_username: user.planner_username.into(),
            password: user.password.into(),
            purpose_zh: user.purpose_zh.into(),
            purpose_en: user.purpose_en.into(),
        })
        .collect())
}
