//! Which backend the app talks to; today the built-in sandbox.

use serde::Serialize;
use tauri::State;

use crate::error::CommandResult;
use crate::sandbox::EmbeddedSandbox;

#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct EnvironmentInfo {
    /// Stable id, e.g. `sandbox`.
    pub id: String,
    /// The base URL of the three families, when the environment is up.
    pub base_url: Option<String>,
    /// Why the environment is not available, in words for the tester.
    pub problem: Option<String>,
}

#[tauri::command]
#[specta::specta]
pub fn environment_current(sandbox: State<'_, EmbeddedSandbox>) -> CommandResult<EnvironmentInfo> {
    Ok(match sandbox.inner() {
        EmbeddedSandbox::Running(sandbox) => EnvironmentInfo {
            id: "sandbox".into(),
            base_url: Some(sandbox.base_url()),
            problem: None,
        },
        EmbeddedSandbox::Failed(problem) => EnvironmentInfo {
            id: "sandbox".into(),
            base_url: None,
            problem: Some(problem.clone()),
        },
    })
}
