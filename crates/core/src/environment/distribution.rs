//! Who a build is for.
//!
//! A development build (the default, and every build without an environments file) offers
//! the built-in sandbox and pre-production and shows the testers' tools, as it always has. An
//! operator's build embeds an environments file chosen when it was built
//! (`LCS_ENVIRONMENTS=path make package`): its environments come first and cannot be edited or
//! removed, the first is the default, and the sandbox (with its demo accounts), pre-production,
//! the request inspector, the API console and the backend addresses wait behind developer
//! mode, which the user turns on by tapping the version in Settings seven times.

use super::{Environment, read_environments_file};
use crate::error::EnvironmentFileError;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Distribution {
    #[default]
    Development,
    /// The environments of the operator's file, in its order (checked as an import is).
    Operator { environments: Vec<Environment> },
}

impl Distribution {
    /// The distribution of a build embedding `file` (an environments file), or none.
    pub fn of_build(file: Option<&str>) -> Result<Self, EnvironmentFileError> {
        Ok(match file {
            None => Self::Development,
            Some(text) => Self::Operator {
                environments: read_environments_file(text)?,
            },
        })
    }

    pub fn is_operator(&self) -> bool {
        matches!(self, Self::Operator { .. })
    }

    /// The environments the build ships with besides the built-ins.
    pub fn environments(&self) -> &[Environment] {
        match self {
            Self::Development => &[],
            Self::Operator { environments } => environments,
        }
    }

    /// Developer mode until the user changes it: on, unless the build is an operator's.
    pub fn developer_mode_default(&self) -> bool {
        !self.is_operator()
    }
}
