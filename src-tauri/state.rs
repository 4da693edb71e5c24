//! What the app keeps for its lifetime, managed by Tauri and borrowed by commands.

use std::path::Path;
use std::sync::{Arc, Mutex};

use lcs_core::Inspector;
use lcs_core::environment::Distribution;
use lcs_core::settings::{Settings, SettingsFile};

use crate::error::CommandResult;

pub struct AppState {
    pub settings_file: SettingsFile,
    pub settings: Mutex<Settings>,
    /// Every environment's calls, for testers; on or off as the settings say.
    pub inspector: Arc<Inspector>,
}

impl AppState {
    pub fn load(config_dir: &Path) -> Self {
        let settings_file = SettingsFile::in_dir(config_dir);
        let settings = settings_file.load().with_distribution(distribution());
        crate::error::set_message_language(settings.language);
        let inspector = Arc::new(Inspector::new(settings.inspector_enabled));
        let settings = Mutex::new(settings);
        Self {
            settings_file,
            settings,
            inspector,
        }
    }

    /// Changes the settings and saves them; nothing changes if the file cannot be written.
    pub fn update_settings(&self, change: impl FnOnce(&mut Settings)) -> CommandResult<Settings> {
        let mut settings = self.settings.lock().unwrap_or_else(|p| p.into_inner());
        let mut updated = settings.clone();
        change(&mut updated);
        self.settings_file.save(&updated)?;
        *settings = updated;
        Ok(settings.clone())
    }
}

include!(concat!(env!("OUT_DIR"), "/distribution.rs"));

/// Who this build is for. `make package` checks an operator's file before building, so a bad
/// one here means a build made around it: it is reported, and the build behaves as a
/// development one rather than not starting.
fn distribution() -> Distribution {
    Distribution::of_build(OPERATOR_ENVIRONMENTS).unwrap_or_else(|error| {
        tracing::error!(%error, "the environments file this build ships with cannot be used");
        Distribution::Development
    })
}
