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
    /// The OS keychain failed, or a session entry is too large to store or cannot be read.
    Keychain,
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
    /// The OS keychain refused an operation. `detail` is the keychain's own message, kept as
    /// text: keyring errors can carry the stored bytes, which must not reach a `Debug` dump.
    #[error("the keychain could not {action} {key}: {detail}")]
    Keychain {
        action: &'static str,
        key: String,
        detail: String,
    },
    /// Windows' Credential Manager stores at most 2,560 bytes per entry; refused on every
    /// platform so a session that works on Linux cannot fail on Windows.
    #[error("{key} is {bytes} bytes, over the keychain's limit of {limit}")]
    KeychainEntryTooLarge {
        key: String,
        bytes: usize,
        limit: usize,
    },
    /// An entry exists but is not what this app writes (another version, or edited by hand).
    #[error("the keychain entry {key} cannot be read: {detail}")]
    KeychainEntryUnreadable { key: String, detail: String },
}

impl Error {
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::Storage { .. } => ErrorCode::Storage,
            Error::InvalidInput { .. } => ErrorCode::InvalidInput,
            Error::Keychain { .. }
            | Error::KeychainEntryTooLarge { .. }
            | Error::KeychainEntryUnreadable { .. } => ErrorCode::Keychain,
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
