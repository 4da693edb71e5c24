//! The one error shape every command returns to the UI.

use std::sync::atomic::{AtomicBool, Ordering};

use lcs_api::Lang;
use lcs_core::settings::Language;
use lcs_core::{ErrorCode, ErrorReason};
use serde::Serialize;

/// The language of the backend's worded errors: the UI's, set whenever the settings are read
/// or changed.
static ENGLISH: AtomicBool = AtomicBool::new(false);

/// The backend's words follow the user's chosen language; Chinese until they choose, as the
/// seeds do.
pub fn set_message_language(language: Option<Language>) {
    ENGLISH.store(language == Some(Language::EnUs), Ordering::Relaxed);
}

fn message_language() -> Lang {
    if ENGLISH.load(Ordering::Relaxed) {
        Lang::EnUs
    } else {
        Lang::ZhCn
    }
}

/// `{code, reason, message, trace}`: the UI branches on `code` and words `reason` in the user's
/// language; `message` is the technical detail and `trace` the backend's trace id, both for
/// support, shown on request. Every command returns `Result<T, CommandError>`, so the UI
/// handles every failure, its own and Tauri's, in one place.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct CommandError {
    pub code: ErrorCode,
    /// Boxed to keep every command's `Result` small.
    pub reason: Box<ErrorReason>,
    pub message: String,
    pub trace: Option<String>,
}

impl From<lcs_core::Error> for CommandError {
    fn from(error: lcs_core::Error) -> Self {
        Self {
            code: error.code(),
            reason: Box::new(error.reason(message_language())),
            message: error.to_string(),
            trace: error.trace().map(str::to_owned),
        }
    }
}

pub type CommandResult<T> = Result<T, CommandError>;

#[cfg(test)]
mod tests {
    use super::*;

    /// The UI's `call()` reads exactly these fields; a rename here must fail loudly.
    #[test]
    fn command_error_matches_the_ui_wire_contract() {
        let error = CommandError::from(lcs_core::Error::Storage {
            what: "settings",
            path: "/ro/settings.json".into(),
            source: std::io::Error::from(std::io::ErrorKind::PermissionDenied),
        });
        assert_eq!(
            serde_json::to_value(&error).unwrap(),
            serde_json::json!({
                "code": "storage",
                "reason": { "kind": "saveFailed" },
                "message": "could not save settings to /ro/settings.json: permission denied",
                "trace": null,
            })
        );
    }
}
