//! The user's environments as the settings keep them: choosing, adding, editing and removing
//! them, and sharing them through an environments file.

use lcs_api::Family;
use serde_json::Value;

use super::Settings;
use crate::environment::{
    Environment, EnvironmentImport, EnvironmentImportPlan, EnvironmentReplacement,
    EnvironmentsFile, FILE_FORMAT, FILE_VERSION, PREPROD_ID, SANDBOX_ID, read_environments_file,
};
use crate::error::InputProblem;
use crate::error::{EnvironmentFileError, Error, Result};

impl Settings {
    /// Every environment the user can choose: the build's own (an operator's), the built-ins
    /// (pre-production as the user edited it; in an operator's build only in developer mode),
    /// then the user's own in the order they were added.
    pub fn environments(&self) -> Vec<Environment> {
        let mut all = self.distribution.environments().to_vec();
        if !self.distribution.is_operator() || self.is_developer() {
            all.push(Environment::sandbox());
            all.push(
                self.find_custom(PREPROD_ID)
                    .cloned()
                    .unwrap_or_else(Environment::preprod),
            );
        }
        all.extend(
            self.custom_environments
                .iter()
                .filter(|env| env.id != PREPROD_ID)
                .cloned(),
        );
        all
    }

    /// The chosen environment; the first (the build's default) when the choice names one
    /// that no longer exists or is not offered.
    pub fn current_environment(&self) -> Environment {
        let all = self.environments();
        let chosen = all.iter().position(|env| env.id == self.environment);
        all.into_iter()
            .nth(chosen.unwrap_or(0))
            .unwrap_or_else(Environment::sandbox)
    }

    /// Whether `id` comes with the app (built in, or the build's own) and so cannot be
    /// changed, removed, imported or exported.
    pub fn is_shipped(&self, id: &str) -> bool {
        matches!(id, SANDBOX_ID | PREPROD_ID) || self.is_operators(id)
    }

    pub fn select_environment(&mut self, id: &str) -> Result<()> {
        if !self.environments().iter().any(|env| env.id == id) {
            return Err(Error::invalid(
                "id",
                InputProblem::NoSuchEnvironment { id: id.to_owned() },
            ));
        }
        self.environment = id.to_owned();
        Ok(())
    }

    /// Adds an environment (`is_new`) or replaces the one with the same id. Pre-production
    /// may be edited (its `companyId` is the user's to set); the sandbox may not.
    pub fn save_environment(&mut self, environment: Environment, is_new: bool) -> Result<()> {
        environment.validate()?;
        let exists = self
            .environments()
            .iter()
            .any(|env| env.id == environment.id);
        if environment.is_sandbox() {
            return Err(Error::invalid(
                "id",
                InputProblem::BuiltIn { id: environment.id },
            ));
        }
        if self.is_operators(&environment.id) {
            return Err(Error::invalid(
                "id",
                InputProblem::ComesWithApp { id: environment.id },
            ));
        }
        if is_new && exists {
            return Err(Error::invalid(
                "id",
                InputProblem::Taken { id: environment.id },
            ));
        }
        if !is_new && !exists {
            return Err(Error::invalid(
                "id",
                InputProblem::NoSuchEnvironment { id: environment.id },
            ));
        }
        match self
            .custom_environments
            .iter_mut()
            .find(|env| env.id == environment.id)
        {
            Some(slot) => *slot = environment,
            None => self.custom_environments.push(environment),
        }
        Ok(())
    }

    /// Removes one of the user's environments; removing the chosen one goes back to the
    /// build's default.
    pub fn remove_environment(&mut self, id: &str) -> Result<()> {
        if self.is_shipped(id) {
            return Err(Error::invalid(
                "id",
                if self.is_operators(id) {
                    InputProblem::ComesWithApp { id: id.to_owned() }
                } else {
                    InputProblem::BuiltIn { id: id.to_owned() }
                },
            ));
        }
        let before = self.custom_environments.len();
        self.custom_environments.retain(|env| env.id != id);
        if self.custom_environments.len() == before {
            return Err(Error::invalid(
                "id",
                InputProblem::NoSuchEnvironment { id: id.to_owned() },
            ));
        }
        if self.environment == id {
            self.environment = self.current_environment().id;
        }
        Ok(())
    }

    fn is_operators(&self, id: &str) -> bool {
        self.distribution
            .environments()
            .iter()
            .any(|env| env.id == id)
    }

    pub(crate) fn find_custom(&self, id: &str) -> Option<&Environment> {
        self.custom_environments.iter().find(|env| env.id == id)
    }
}

impl Settings {
    /// The user's own environments as an environments file, or only the one `id` names.
    /// Built-ins are not written: every app has them.
    pub fn export_environments(&self, id: Option<&str>) -> Result<String> {
        let own = self
            .custom_environments
            .iter()
            .filter(|env| !env.is_built_in());
        let environments: Vec<&Environment> = match id {
            None => own.collect(),
            Some(id) => {
                let one = own.filter(|env| env.id == id).collect::<Vec<_>>();
                if one.is_empty() {
                    let id = id.to_owned();
                    let why = if matches!(id.as_str(), SANDBOX_ID | PREPROD_ID) {
                        InputProblem::BuiltIn { id }
                    } else {
                        InputProblem::NoSuchEnvironment { id }
                    };
                    return Err(Error::invalid("id", why));
                }
                one
            }
        };
        if environments.is_empty() {
            return Err(Error::invalid(
                "environments",
                InputProblem::NothingToExport,
            ));
        }
        let file = EnvironmentsFile {
            format: FILE_FORMAT,
            version: FILE_VERSION,
            environments,
        };
        serde_json::to_string_pretty(&file).map_err(|error| Error::Storage {
            what: "the environments file",
            path: String::new(),
            source: error.into(),
        })
    }

    /// What importing `text` would add and replace, without changing anything.
    pub fn plan_import(&self, text: &str) -> Result<EnvironmentImportPlan> {
        let environments = self.read_importable(text)?;
        Ok(self.plan(&environments))
    }

    /// The file's environments, none of which may be the build's own.
    fn read_importable(&self, text: &str) -> Result<Vec<Environment>> {
        let environments = read_environments_file(text)?;
        let shipped = environments
            .iter()
            .enumerate()
            .find(|(_, env)| self.is_operators(&env.id));
        match shipped {
            Some((index, env)) => Err(EnvironmentFileError::Environment {
                position: index + 1,
                id: env.id.clone(),
                name: env.name.clone(),
                field: Some("id".into()),
                problem: Box::new(InputProblem::ComesWithApp { id: env.id.clone() }),
            }
            .into()),
            None => Ok(environments),
        }
    }

    fn plan(&self, environments: &[Environment]) -> EnvironmentImportPlan {
        let mut plan = EnvironmentImportPlan::default();
        for environment in environments {
            match self.find_custom(&environment.id) {
                Some(existing) => plan.replaced.push(EnvironmentReplacement {
                    id: existing.id.clone(),
                    name: existing.name.clone(),
                    changed: changed_fields(existing, environment),
                    signs_out: [Family::Customer, Family::UserCenter, Family::Planner]
                        .into_iter()
                        .any(|family| {
                            existing.session_issuer(family) != environment.session_issuer(family)
                        }),
                }),
                None => plan.added.push(environment.id.clone()),
            }
        }
        plan
    }

    /// Adds the file's environments, replacing the user's own with the same id. All or
    /// nothing: on any error the settings are as they were. A file that would change an
    /// environment the user has is refused, saying what would change, unless `replace`.
    pub fn import_environments(&mut self, text: &str, replace: bool) -> Result<EnvironmentImport> {
        let environments = self.read_importable(text)?;
        let plan = self.plan(&environments);
        if !replace && plan.needs_confirmation() {
            let changes = plan
                .replaced
                .iter()
                .filter(|r| !r.changed.is_empty())
                .map(|r| format!("{:?} ({})", r.id, r.changed.join(", ")))
                .collect::<Vec<_>>()
                .join("; ");
            return Err(EnvironmentFileError::WouldReplace { changes }.into());
        }
        let mut outcome = EnvironmentImport::default();
        for environment in environments {
            let id = environment.id.clone();
            match self
                .custom_environments
                .iter_mut()
                .find(|env| env.id == environment.id)
            {
                Some(slot) => {
                    *slot = environment;
                    outcome.replaced.push(id);
                }
                None => {
                    self.custom_environments.push(environment);
                    outcome.added.push(id);
                }
            }
        }
        Ok(outcome)
    }
}

/// The wire names of the fields that differ between two environments.
fn changed_fields(before: &Environment, after: &Environment) -> Vec<String> {
    let (Ok(Value::Object(before)), Ok(Value::Object(after))) =
        (serde_json::to_value(before), serde_json::to_value(after))
    else {
        return Vec::new();
    };
    before
        .iter()
        .filter(|(key, value)| after.get(*key) != Some(*value))
        .map(|(key, _)| key.clone())
        .collect()
}
