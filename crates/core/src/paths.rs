//! Where the app keeps its files: its config folder (the settings) and its data folder (the
//! offline cache and the built-in sandbox's database). The app gets the folders from Tauri;
//! a desktop program without Tauri (the command-line client) finds the same ones with
//! [`AppDirs::desktop`], and both name the files through [`AppDirs`].
//!
//! Everything the app writes there is its owner's only on Unix (files 0600, the two folders
//! 0700; see [`lcs_store::owner_only`]): the cache holds the user's data, the settings the
//! user's environments, the sandbox's database its users and sessions.

use std::path::{Path, PathBuf};

use lcs_store::owner_only;

use crate::error::InputProblem;
use crate::error::{Error, Result};
use crate::settings::SettingsFile;

/// The app's identifier (`tauri.conf.json`): the name of its folders and keychain service.
pub const APP_IDENTIFIER: &str = "com.lcs.account";

/// The app's two folders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppDirs {
    pub config: PathBuf,
    pub data: PathBuf,
}

impl AppDirs {
    /// The offline cache, in the data folder.
    pub const CACHE_FILE: &'static str = "cache.sqlite";
    /// The built-in sandbox's state, in the data folder.
    pub const SANDBOX_FILE: &'static str = "sandbox.sqlite";
    /// The address of a sandbox started from the command line, while it runs.
    pub const SANDBOX_ADDRESS_FILE: &'static str = "sandbox.address";

    pub fn new(config: impl Into<PathBuf>, data: impl Into<PathBuf>) -> Self {
        Self {
            config: config.into(),
            data: data.into(),
        }
    }

    /// The folders Tauri gives the app on a desktop: the platform's config and data folders
    /// (`$XDG_CONFIG_HOME`, `~/Library/Application Support`, `%APPDATA%`, …) with the app's
    /// identifier appended, as Tauri's `app_config_dir` and `app_data_dir` compute them.
    pub fn desktop() -> Result<Self> {
        let config = dirs::config_dir().ok_or_else(|| no_home("config"))?;
        let data = dirs::data_dir().ok_or_else(|| no_home("data"))?;
        Ok(Self::new(
            config.join(APP_IDENTIFIER),
            data.join(APP_IDENTIFIER),
        ))
    }

    /// Makes both folders if they are missing, owner-only; ones found wider are narrowed.
    pub fn create(&self) -> Result<()> {
        for dir in [&self.config, &self.data] {
            owner_only::create_dir(dir).map_err(|source| Error::Storage {
                what: "the app's folders",
                path: dir.display().to_string(),
                source,
            })?;
        }
        Ok(())
    }

    pub fn settings_file(&self) -> SettingsFile {
        SettingsFile::in_dir(&self.config)
    }

    pub fn cache_file(&self) -> PathBuf {
        self.data.join(Self::CACHE_FILE)
    }

    pub fn sandbox_file(&self) -> PathBuf {
        self.data.join(Self::SANDBOX_FILE)
    }

    pub fn sandbox_address_file(&self) -> PathBuf {
        self.data.join(Self::SANDBOX_ADDRESS_FILE)
    }

    /// The address a running command-line sandbox wrote, if there is one.
    pub fn sandbox_address(&self) -> Option<String> {
        std::fs::read_to_string(self.sandbox_address_file())
            .ok()
            .map(|text| text.trim().to_owned())
            .filter(|address| !address.is_empty())
    }

    /// Records where a sandbox listens, for clients started later.
    pub fn write_sandbox_address(&self, address: &str) -> Result<()> {
        let path = self.sandbox_address_file();
        let storage_error = |source| Error::Storage {
            what: "the sandbox's address",
            path: path.display().to_string(),
            source,
        };
        owner_only::create_dir(&self.data).map_err(storage_error)?;
        owner_only::write(&path, address).map_err(storage_error)
    }

    /// Forgets the address, when the sandbox that wrote it stops; another's is left alone.
    pub fn clear_sandbox_address(&self, address: &str) {
        if self.sandbox_address().as_deref() == Some(address) {
            let _ = std::fs::remove_file(self.sandbox_address_file());
        }
    }
}

/// Makes the SQLite database at `path` (the built-in sandbox's) owner-only before it is
/// opened, with the WAL files SQLite will add beside it.
pub fn prepare_database(path: &Path) -> Result<()> {
    owner_only::prepare_database(path).map_err(|source| Error::Storage {
        what: "a database file",
        path: path.display().to_string(),
        source,
    })
}

/// Writes a file the user asked for (an export), owner-only: it may name the user's
/// environments or calls.
pub fn write_private(path: &Path, what: &'static str, contents: &str) -> Result<()> {
    owner_only::write(path, contents).map_err(|source| Error::Storage {
        what,
        path: path.display().to_string(),
        source,
    })
}

fn no_home(which: &'static str) -> Error {
    Error::invalid(
        "home",
        InputProblem::NoHomeFolder {
            which: which.to_owned(),
        },
    )
}
