//! What the app keeps for its lifetime, managed by Tauri and borrowed by commands.

use std::path::Path;
use std::sync::Mutex;

use lcs_core::settings::{Settings, SettingsFile};

pub struct AppState {
    pub settings_file: SettingsFile,
    pub settings: Mutex<Settings>,
}

impl AppState {
    pub fn load(config_dir: &Path) -> Self {
        let settings_file = SettingsFile::in_dir(config_dir);
        let settings = settings_file.load();
        crate::error::set_message_language(settings.language);
        let settings = Mutex::new(settings);
        Self {
            settings_file,
            settings,
        }
    }
}
