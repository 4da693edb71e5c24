// Helpers here panic on purpose: a failed expectation is a failed test.
#![allow(clippy::unwrap_used)]

use lcs_core::settings::{Language, Settings, SettingsFile};

#[test]
fn a_new_install_has_no_language_chosen() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(SettingsFile::in_dir(dir.path()).load(), Settings::default());
    assert_eq!(Settings::default().language, None);
}

#[test]
fn the_chosen_language_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let settings = Settings {
        language: Some(Language::EnUs),
        ..Settings::default()
    };
    SettingsFile::in_dir(dir.path()).save(&settings).unwrap();

    let reopened = SettingsFile::in_dir(dir.path());
    assert_eq!(reopened.load().language, Some(Language::EnUs));
    let on_disk = std::fs::read_to_string(reopened.path()).unwrap();
    assert!(on_disk.contains("\"en-US\""), "{on_disk}");
}

#[test]
fn saving_creates_the_config_folder() {
    let dir = tempfile::tempdir().unwrap();
    let nested = dir.path().join("com.lcs.account");
    let file = SettingsFile::in_dir(&nested);
    file.save(&Settings {
        language: Some(Language::ZhCn),
        ..Settings::default()
    })
    .unwrap();
    assert_eq!(file.load().language, Some(Language::ZhCn));
}

#[test]
fn a_corrupt_file_is_moved_aside_and_defaults_are_used() {
    let dir = tempfile::tempdir().unwrap();
    let file = SettingsFile::in_dir(dir.path());
    std::fs::write(file.path(), "{\"language\": \"fr-FR\"").unwrap();

    assert_eq!(file.load(), Settings::default());
    let aside = dir.path().join("settings.json.corrupt");
    assert_eq!(
        std::fs::read_to_string(aside).unwrap(),
        "{\"language\": \"fr-FR\""
    );
    assert!(!file.path().exists());
}

#[test]
fn message_notifications_are_on_until_turned_off_and_stay_off_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let file = SettingsFile::in_dir(dir.path());
    // A file from before the switch existed: notifications are on.
    std::fs::write(file.path(), r#"{"language":"zh-CN"}"#).unwrap();
    assert!(file.load().notifications_enabled);

    file.save(&Settings {
        notifications_enabled: false,
        ..file.load()
    })
    .unwrap();
    assert!(
        !SettingsFile::in_dir(dir.path())
            .load()
            .notifications_enabled
    );
}

#[test]
fn unknown_fields_from_a_newer_version_are_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let file = SettingsFile::in_dir(dir.path());
    std::fs::write(file.path(), r#"{"language":"zh-CN","theme":"dark"}"#).unwrap();
    assert_eq!(file.load().language, Some(Language::ZhCn));
}

#[test]
fn a_save_into_an_unwritable_place_is_a_storage_error() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("not-a-dir");
    std::fs::write(&blocker, "").unwrap();
    let error = SettingsFile::in_dir(&blocker)
        .save(&Settings::default())
        .unwrap_err();
    assert_eq!(error.code(), lcs_core::ErrorCode::Storage);
    assert!(error.to_string().contains("settings"), "{error}");
}

#[cfg(unix)]
fn mode(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[cfg(unix)]
#[test]
fn the_settings_and_their_folder_are_only_their_owners() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("com.lcs.account");
    let file = SettingsFile::in_dir(&folder);
    file.save(&Settings {
        language: Some(Language::ZhCn),
        ..Settings::default()
    })
    .unwrap();
    assert_eq!(mode(file.path()), 0o600);
    assert_eq!(mode(&folder), 0o700);

    // A file left readable by others is narrowed when the app reads it.
    std::fs::set_permissions(file.path(), std::fs::Permissions::from_mode(0o644)).unwrap();
    assert_eq!(file.load().language, Some(Language::ZhCn));
    assert_eq!(mode(file.path()), 0o600);
}

#[cfg(unix)]
#[test]
fn the_apps_folders_are_only_their_owners() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let dirs = lcs_core::paths::AppDirs::new(dir.path().join("config"), dir.path().join("data"));
    std::fs::create_dir(&dirs.data).unwrap();
    std::fs::set_permissions(&dirs.data, std::fs::Permissions::from_mode(0o755)).unwrap();
    dirs.create().unwrap();
    assert_eq!(mode(&dirs.config), 0o700, "made");
    assert_eq!(mode(&dirs.data), 0o700, "narrowed");
    dirs.write_sandbox_address("http://127.0.0.1:40123/")
        .unwrap();
    assert_eq!(mode(&dirs.sandbox_address_file()), 0o600);
}
