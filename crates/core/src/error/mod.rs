//! The errors of lcs-core, each with a stable code the UI can branch on and a reason it words
//! in the user's language.

mod navigation;
mod reason;

use lcs_api::{ApiError, Lang};
use serde::{Deserialize, Serialize};

pub use navigation::{LinkError, RouteError};
pub use reason::{ErrorReason, InputProblem};

/// What kind of failure an error is; the UI branches on this, never on the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// No connection: DNS, refused, reset, offline.
    Network,
    Timeout,
    /// An HTTP status the call does not document as a business answer.
    Http,
    /// The session is gone, or there is none: sign in.
    Unauthorized,
    /// Signed out because the account signed in on another device.
    Kicked,
    /// The server understood and said no; the message is the server's.
    Business,
    /// The server's answer was not what the documents describe.
    Decode,
    /// What the user typed or chose cannot be used; the message names the field.
    InvalidInput,
    /// A local file (settings, cache) could not be read or written.
    Storage,
    /// The OS keychain failed, or a session entry is too large to store or cannot be read.
    Keychain,
    /// A file chosen for import is not one this app reads, or holds an environment that cannot
    /// be used; the message names the environment and its field. Nothing of it was imported.
    InvalidFile,
    /// The system could not do what was asked of it (no program opens a folder).
    System,
}

impl From<lcs_api::ErrorCode> for ErrorCode {
    fn from(code: lcs_api::ErrorCode) -> Self {
        use lcs_api::ErrorCode as Api;
        match code {
            Api::Network => ErrorCode::Network,
            Api::Timeout => ErrorCode::Timeout,
            Api::Http => ErrorCode::Http,
            Api::Unauthorized => ErrorCode::Unauthorized,
            Api::Kicked => ErrorCode::Kicked,
            Api::Business => ErrorCode::Business,
            Api::Decode => ErrorCode::Decode,
            Api::InvalidInput => ErrorCode::InvalidInput,
        }
    }
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
    #[error("{field}: {problem}")]
    InvalidInput {
        field: &'static str,
        problem: InputProblem,
    },
    /// One entry of a list field is wrong; shown as `h5Origins[1].origin` (the index counts
    /// from 0) so the UI can point at that row.
    #[error("{field}[{index}].{part}: {problem}")]
    InvalidEntry {
        field: &'static str,
        index: usize,
        part: &'static str,
        problem: InputProblem,
    },
    /// A parameter of a call made by name ([`crate::console`]) is unknown, missing or of the
    /// wrong type; `parameter` is its wire name, which only the catalog knows at run time.
    #[error("{call}: parameter {parameter}: {message}")]
    InvalidParameter {
        call: String,
        parameter: String,
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
    /// A backend call failed.
    #[error(transparent)]
    Api(#[from] ApiError),
    /// What the user asked for needs a session of `family`, and there is none (an avatar goes
    /// through the planner account, which a user-centre sign-in does not open).
    #[error("this needs the {family} account: sign in to it first")]
    SignInRequired { family: lcs_api::Family },
    /// The offline cache failed; what the network answered still counts.
    #[error("the offline cache failed: {0}")]
    Cache(#[from] lcs_store::StoreError),
    /// An environments file cannot be imported, so none of it was.
    #[error("nothing was imported: {0}")]
    EnvironmentFile(#[from] EnvironmentFileError),
    /// The system has no program that shows the log folder, or it refused; `detail` is its
    /// own message.
    #[error("could not open the log folder {path}: {detail}")]
    LogFolderUnopenable { path: String, detail: String },
    /// A page cannot be opened as asked (an H5 address on no allowed origin).
    #[error(transparent)]
    Route(#[from] RouteError),
    /// An `lcs://` link opens nothing.
    #[error(transparent)]
    Link(#[from] LinkError),
}

/// Why an environments file cannot be imported. A file is taken whole or not at all, so each of
/// these means nothing changed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, specta::Type)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum EnvironmentFileError {
    #[error("the file is not JSON: {detail}")]
    NotJson { detail: String },
    /// `found` is the file's `format`, if it has one.
    #[error("the file is not an LCS Account environments file (its format is {})", found.as_deref().unwrap_or("missing"))]
    WrongFormat { found: Option<String> },
    /// `found` is the file's `version` as written, if it has one.
    #[error("the file's version is not a whole number from 1 up: {}", found.as_deref().unwrap_or("missing"))]
    BadVersion { found: Option<String> },
    /// Written by a newer app, whose fields this one could silently drop.
    #[error(
        "the file is version {version}; this app reads up to version {supported}: update the app"
    )]
    NewerVersion { version: u64, supported: u32 },
    #[error("the file holds no environments")]
    NoEnvironments,
    /// The file would change environments the user already has; `changes` lists each with
    /// the fields that differ. Imported only when the user says to replace them.
    #[error("it would replace {changes}; confirm to replace them")]
    WouldReplace { changes: String },
    /// One environment cannot be used. `position` counts from 1; `id` and `name` are as the
    /// file has them (possibly empty); `field` is the wire name (`customerBase`,
    /// `h5Origins[0].origin`), `None` when the entry is not an environment at all.
    #[error("environment {}: {}{problem}", environment_label(*position, id, name), field.as_deref().map(|f| format!("{f}: ")).unwrap_or_default())]
    Environment {
        position: usize,
        id: String,
        name: String,
        field: Option<String>,
        /// Boxed to keep every `Result` of lcs-core small.
        problem: Box<InputProblem>,
    },
}

/// `"staging" (Staging)`, or the position when the file gives no id.
fn environment_label(position: usize, id: &str, name: &str) -> String {
    match (id.is_empty(), name.trim().is_empty()) {
        (true, _) => format!("#{position}"),
        (false, true) => format!("{id:?}"),
        (false, false) => format!("{id:?} ({})", name.trim()),
    }
}

impl Error {
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::Storage { .. } => ErrorCode::Storage,
            Error::InvalidInput { .. }
            | Error::InvalidEntry { .. }
            | Error::InvalidParameter { .. } => ErrorCode::InvalidInput,
            Error::Keychain { .. }
            | Error::KeychainEntryTooLarge { .. }
            | Error::KeychainEntryUnreadable { .. } => ErrorCode::Keychain,
            Error::Api(error) => error.code().into(),
            Error::SignInRequired { .. } => ErrorCode::Unauthorized,
            Error::Cache(_) => ErrorCode::Storage,
            Error::EnvironmentFile(_) => ErrorCode::InvalidFile,
            Error::LogFolderUnopenable { .. } => ErrorCode::System,
            Error::Route(_) | Error::Link(_) => ErrorCode::InvalidInput,
        }
    }

    /// Why it failed, with what the UI needs to say so in the user's language; `lang` is
    /// that language, for the backend's errors, which lcs-api words itself.
    pub fn reason(&self, lang: Lang) -> ErrorReason {
        match self {
            Error::Api(error) => ErrorReason::Backend {
                sentence: error.user_message(lang),
            },
            Error::Storage { .. } => ErrorReason::SaveFailed,
            Error::InvalidInput { field, problem } => ErrorReason::InvalidInput {
                field: (*field).to_owned(),
                problem: problem.clone(),
            },
            Error::InvalidEntry {
                field,
                index,
                part,
                problem,
            } => ErrorReason::InvalidEntry {
                field: (*field).to_owned(),
                index: *index,
                part: (*part).to_owned(),
                problem: problem.clone(),
            },
            Error::InvalidParameter {
                call, parameter, ..
            } => ErrorReason::InvalidParameter {
                call: call.clone(),
                parameter: parameter.clone(),
            },
            Error::Keychain { .. } => ErrorReason::KeychainFailed,
            Error::KeychainEntryTooLarge { bytes, limit, .. } => {
                ErrorReason::KeychainEntryTooLarge {
                    bytes: *bytes,
                    limit: *limit,
                }
            }
            Error::KeychainEntryUnreadable { .. } => ErrorReason::KeychainEntryUnreadable,
            Error::SignInRequired { family } => ErrorReason::SignInRequired { family: *family },
            Error::Cache(_) => ErrorReason::CacheFailed,
            Error::EnvironmentFile(problem) => ErrorReason::EnvironmentFile {
                problem: problem.clone(),
            },
            Error::LogFolderUnopenable { path, .. } => {
                ErrorReason::LogFolderUnopenable { path: path.clone() }
            }
            Error::Route(problem) => ErrorReason::Route {
                problem: problem.clone(),
            },
            Error::Link(problem) => ErrorReason::Link {
                problem: problem.clone(),
            },
        }
    }

    /// The backend's trace id, for support.
    pub fn trace(&self) -> Option<&str> {
        match self {
            Error::Api(error) => error.trace().filter(|trace| !trace.is_empty()),
            _ => None,
        }
    }

    /// A line for a log, a terminal or an event: the backend's own words for its errors, in
    /// `lang`; the technical detail for the rest, which the UI words from [`Self::reason`].
    pub fn user_message(&self, lang: Lang) -> String {
        match self {
            Error::Api(error) => error.user_message(lang),
            other => other.to_string(),
        }
    }

    /// Network trouble, timeouts and 5xx: worth trying again later, and never a reason to
    /// sign anyone out.
    pub fn is_transient(&self) -> bool {
        match self {
            Error::Api(error) => {
                error.is_transient() || error.code() == lcs_api::ErrorCode::Timeout
            }
            _ => false,
        }
    }

    pub(crate) fn invalid(field: &'static str, problem: InputProblem) -> Self {
        Error::InvalidInput { field, problem }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
