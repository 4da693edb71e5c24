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
