//! The user's settings, kept in one small JSON file in the app's config folder.
//!
//! A missing file means defaults. A file that cannot be parsed (a crash mid-write on an old
//! version, a hand edit) is moved aside as `settings.json.corrupt` and defaults are used: the
//! app must start, and the bad file stays available for support. The file is its owner's only
//! (0600 on Unix, in a 0700 folder): it names the user's own environments.

use std::fs;
use std::path::{Path, PathBuf};

mod environments;

use lcs_store::owner_only;
use serde::{Deserialize, Serialize};

use crate::environment::{Distribution, Environment, SANDBOX_ID};
use crate::error::{Error, Result};

pub use crate::language::Language;

/// Every field has a default, so a file from an older version (or with fields a newer one
/// added) still loads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default)]
pub struct Settings {
    /// `None` until the user picks one: the UI then follows the system language.
    pub language: Option<Language>,
    /// The chosen environment's id.
    pub environment: String,
    /// The user's own environments, and pre-production once the user edited it.
    pub custom_environments: Vec<Environment>,
    /// Whether the request inspector records calls: on by default in debug builds, for
    /// testers; off in release builds.
    pub inspector_enabled: bool,
    /// Whether Settings offers the API console: in debug builds by default, for testers.
    pub console_enabled: bool,
    /// Whether the log keeps the app's debug lines too (a tester's switch; `LCS_LOG` wins).
    pub debug_log: bool,
    /// Whether a message that arrives while the window is not focused raises a system
    /// notification: on until the user turns it off.
    pub notifications_enabled: bool,
    /// Whether the testers' tools, the built-in environments and the backend addresses show;
    /// `None` until the user changes it: then the build decides ([`Distribution`]), and
    /// [`Settings::with_distribution`] writes the answer in.
    pub developer_mode: Option<bool>,
    /// What the build ships with. Never saved: it comes with the binary.
    #[serde(skip)]
    pub distribution: Distribution,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            language: None,
            environment: SANDBOX_ID.into(),
            custom_environments: Vec::new(),
            inspector_enabled: cfg!(debug_assertions),
            console_enabled: cfg!(debug_assertions),
            debug_log: false,
            notifications_enabled: true,
            developer_mode: None,
            distribution: Distribution::Development,
        }
    }
}

impl Settings {
    /// The settings as a build of `distribution` uses them: developer mode as the user left
    /// it or as the build has it, and a chosen environment the build offers.
    pub fn with_distribution(mut self, distribution: Distribution) -> Self {
        self.distribution = distribution;
        self.developer_mode = Some(self.is_developer());
        self.environment = self.current_environment().id;
        self
    }

    pub fn is_developer(&self) -> bool {
        self.developer_mode
            .unwrap_or_else(|| self.distribution.developer_mode_default())
    }

    /// Turns developer mode on or off. Off, the tools it shows stop too (the inspector
    /// records nothing, the console is hidden), and in an operator's build a chosen built-in
    /// environment gives way to the build's default.
    pub fn set_developer_mode(&mut self, enabled: bool) {
        self.developer_mode = Some(enabled);
        if !enabled {
            self.inspector_enabled = false;
            self.console_enabled = false;
        }
        self.environment = self.current_environment().id;
    }
}

/// Reads and writes the settings file; writes replace the file atomically.
#[derive(Debug)]
pub struct SettingsFile {
    path: PathBuf,
}

impl SettingsFile {
    pub const FILE_NAME: &'static str = "settings.json";

    pub fn in_dir(dir: &Path) -> Self {
        Self {
            path: dir.join(Self::FILE_NAME),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn load(&self) -> Settings {
        if let Err(error) = owner_only::tighten_file(&self.path) {
            tracing::warn!(path = %self.path.display(), %error, "settings could not be made private to their owner");
        }
        let text = match fs::read_to_string(&self.path) {
            Ok(text) => text,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                return Settings::default();
            }
            Err(error) => {
                tracing::warn!(path = %self.path.display(), %error, "settings unreadable; using defaults");
                return Settings::default();
            }
        };
        match serde_json::from_str(&text) {
            Ok(settings) => settings,
            Err(error) => {
                let aside = self.path.with_extension("json.corrupt");
                tracing::warn!(path = %self.path.display(), %error, aside = %aside.display(), "settings corrupt; moved aside, using defaults");
                if let Err(error) = fs::rename(&self.path, &aside) {
                    tracing::warn!(%error, "could not move the corrupt settings aside");
                }
                Settings::default()
            }
        }
    }

    pub fn save(&self, settings: &Settings) -> Result<()> {
        let storage_error = |source| Error::Storage {
            what: "settings",
            path: self.path.display().to_string(),
            source,
        };
        if let Some(dir) = self.path.parent() {
            owner_only::create_dir(dir).map_err(storage_error)?;
        }
        let text = serde_json::to_string_pretty(settings).map_err(|e| storage_error(e.into()))?;
        let partial = self.path.with_extension("json.partial");
        owner_only::write(&partial, text).map_err(storage_error)?;
        fs::rename(&partial, &self.path).map_err(storage_error)
    }
}
