//! The errors of lcs-core, each with a stable code the UI can branch on.

use serde::{Deserialize, Serialize};

/// What kind of failure an error is; the UI branches on this, never on the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// A local file (settings, cache) could not be read or written.
    Storage,
    /// What the user typed or chose cannot be used; the message names the field.
    InvalidInput,
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("could not save {what} to {path}: {source}")]
    Storage {
        what: &'static str,
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// `field` is the field's wire name (`customerBase`), so the UI can point at it.
    #[error("{field}: {message}")]
    InvalidInput {
        field: &'static str,
        message: String,
    },
}

impl Error {
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::Storage { .. } => ErrorCode::Storage,
            Error::InvalidInput { .. } => ErrorCode::InvalidInput,
        }
    }

    pub(crate) fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        Error::InvalidInput {
            field,
            message: message.into(),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
