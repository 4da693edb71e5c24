//! The file testers share environments in: `{"format": "lcs-account/environments",
//! "version": 1, "environments": [...]}`, each environment as [`Environment`] serializes it.
//!
//! Reading is tolerant of what a hand edit or another version leaves (unknown fields are
//! ignored, missing ones take [`Environment`]'s defaults) and strict about what would hurt:
//! a file from a newer app, a built-in id, or an environment that fails
//! [`Environment::validate`] refuses the whole file, naming the environment and its field.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::Environment;
use crate::error::InputProblem;
use crate::error::{EnvironmentFileError, Error};

/// The `format` every environments file carries.
pub const FILE_FORMAT: &str = "lcs-account/environments";
/// The newest version this app writes and reads. Raise it only when an older app would
/// misread a newer file; fields an older app ignores need no new version.
pub const FILE_VERSION: u32 = 1;

/// What the file holds. Only environments: sessions and tokens live in the keychain and are
/// never written here. An environment's planner client secret is, since it is the app's
/// registration with the planner API (handed out with the host), not a user's secret.
#[derive(Serialize)]
pub(crate) struct EnvironmentsFile<'a> {
    pub(crate) format: &'static str,
    pub(crate) version: u32,
    pub(crate) environments: Vec<&'a Environment>,
}

/// One of the user's environments a file would replace, and what would change in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct EnvironmentReplacement {
    pub id: String,
    /// The name it has now.
    pub name: String,
    /// The fields that would change, by their wire names (`customerBase`); empty when the
    /// file holds the environment as it is.
    pub changed: Vec<String>,
    /// A base URL would change: the environment's kept sessions are then signed out rather
    /// than sent to the new server.
    pub signs_out: bool,
}

/// What importing a file would do. Nothing has changed yet.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct EnvironmentImportPlan {
    /// New ids, in the file's order.
    pub added: Vec<String>,
    pub replaced: Vec<EnvironmentReplacement>,
}

impl EnvironmentImportPlan {
    /// Whether the import changes an environment the user has, which they must confirm.
    pub fn needs_confirmation(&self) -> bool {
        self.replaced.iter().any(|r| !r.changed.is_empty())
    }
}

/// Which environments an import added and which it replaced, by id, in the file's order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct EnvironmentImport {
    pub added: Vec<String>,
    pub replaced: Vec<String>,
}

/// The environments of a file's text, each valid, none built in and no id twice.
pub fn read_environments_file(text: &str) -> Result<Vec<Environment>, EnvironmentFileError> {
    let file: Value =
        serde_json::from_str(text).map_err(|error| EnvironmentFileError::NotJson {
            detail: error.to_string(),
        })?;
    let format = file.get("format").and_then(Value::as_str);
    if format != Some(FILE_FORMAT) {
        return Err(EnvironmentFileError::WrongFormat {
            found: file.get("format").map(short_text),
        });
    }
    let version = file.get("version");
    match version.and_then(Value::as_u64) {
        Some(version) if version > u64::from(FILE_VERSION) => {
            return Err(EnvironmentFileError::NewerVersion {
                version,
                supported: FILE_VERSION,
            });
        }
        Some(1..) => {}
        _ => {
            return Err(EnvironmentFileError::BadVersion {
                found: version.map(short_text),
            });
        }
    }
    let entries = match file.get("environments").and_then(Value::as_array) {
        Some(entries) if !entries.is_empty() => entries,
        _ => return Err(EnvironmentFileError::NoEnvironments),
    };
    let mut environments: Vec<Environment> = Vec::with_capacity(entries.len());
    for (index, entry) in entries.iter().enumerate() {
        let refuse = |field: Option<String>, problem: InputProblem| {
            let text_of = |key| {
                entry
                    .get(key)
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned()
            };
            EnvironmentFileError::Environment {
                position: index + 1,
                id: text_of("id"),
                name: text_of("name"),
                field,
                problem: Box::new(problem),
            }
        };
        if !entry.is_object() {
            return Err(refuse(None, InputProblem::NotAnEnvironment));
        }
        let environment: Environment =
            serde_path_to_error::deserialize(entry).map_err(|error| {
                refuse(
                    Some(error.path().to_string()),
                    InputProblem::Unusable {
                        detail: error.into_inner().to_string(),
                    },
                )
            })?;
        if environment.is_built_in() {
            return Err(refuse(
                Some("id".into()),
                InputProblem::BuiltIn { id: environment.id },
            ));
        }
        if let Err(error) = environment.validate() {
            return Err(match error {
                Error::InvalidInput { field, problem } => refuse(Some(field.into()), problem),
                Error::InvalidEntry {
                    field,
                    index,
                    part,
                    problem,
                } => refuse(Some(format!("{field}[{index}].{part}")), problem),
                other => refuse(
                    None,
                    InputProblem::Unusable {
                        detail: other.to_string(),
                    },
                ),
            });
        }
        if environments.iter().any(|env| env.id == environment.id) {
            return Err(refuse(
                Some("id".into()),
                InputProblem::Duplicate { id: environment.id },
            ));
        }
        environments.push(environment);
    }
    Ok(environments)
}

/// A value as the file has it, cut short: it goes into a message.
fn short_text(value: &Value) -> String {
    let text = match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    };
    match text.char_indices().nth(60) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text,
    }
}
