//! The errors of lcs-core, each with a stable code the UI can branch on.

use serde::{Deserialize, Serialize};

/// What kind of failure an error is; the UI branches on this, never on the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// A local file (settings, cache) could not be read or written.
    Storage,
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
}

impl Error {
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::Storage { .. } => ErrorCode::Storage,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
