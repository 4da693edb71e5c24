//! The one error shape every command returns to the UI.

use lcs_core::ErrorCode;
use serde::Serialize;

/// `{code, message, trace}`: the UI branches on `code` and shows `message`; `trace` is the
/// backend's trace id, for support. Every command returns `Result<T, CommandError>`, so the UI
/// handles every failure, its own and Tauri's, in one place.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct CommandError {
    pub code: ErrorCode,
    pub message: String,
    pub trace: Option<String>,
}

impl From<lcs_core::Error> for CommandError {
    fn from(error: lcs_core::Error) -> Self {
        Self {
            code: error.code(),
            message: error.to_string(),
            trace: None,
        }
    }
}

pub type CommandResult<T> = Result<T, CommandError>;
