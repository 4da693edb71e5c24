//! An operator's build: the environments file it ships with is its default, and the sandbox,
//! pre-production and the testers' tools wait behind developer mode. Without one, a build
//! behaves as it always has.

#![allow(clippy::unwrap_used)]

use lcs_core::environment::{Distribution, FILE_FORMAT, PREPROD_ID, SANDBOX_ID};
use lcs_core::error::EnvironmentFileError;
use lcs_core::settings::{Settings, SettingsFile};
use lcs_core::{Error, ErrorCode};
use serde_json::json;

fn environment(id: &str, name: &str, host: &str) -> serde_json::Value {
    json!({
        "id": id,
        "name": name,
        "customerBase": host,
        "userCenterBase": format!("{host}/uc/"),
        "plannerBase": host,
        "companyId": "42",
    })
}

/// An operator's file with production first, then its staging servers.
fn operator_file() -> String {
    json!({
        "format": FILE_FORMAT,
        "version": 1,
        "environments": [
            environment("production", "Production", "https://api.example.com"),
            environment("staging", "Staging", "https://staging.example.com"),
        ],
    })
    .to_string()
}

fn operator() -> Distribution {
    Distribution::of_build(Some(&operator_file())).unwrap()
}

fn ids(settings: &Settings) -> Vec<String> {
    settings
        .environments()
        .into_iter()
        .map(|env| env.id)
        .collect()
}

#[test]
fn a_build_without_a_file_offers_the_built_ins_and_the_testers_tools_as_before() {
    let settings = Settings::default().with_distribution(Distribution::of_build(None).unwrap());
    assert_eq!(ids(&settings), [SANDBOX_ID, PREPROD_ID]);
    assert_eq!(settings.current_environment().id, SANDBOX_ID);
    assert!(settings.is_developer());
}

#[test]
fn an_operators_build_starts_on_its_first_environment_with_the_built_ins_hidden() {
    let dir = tempfile::tempdir().unwrap();
    let settings = SettingsFile::in_dir(dir.path())
        .load()
        .with_distribution(operator());
    assert_eq!(ids(&settings), ["production", "staging"]);
    assert_eq!(settings.current_environment().id, "production");
    assert_eq!(settings.environment, "production");
    assert!(!settings.is_developer());
    assert!(settings.clone().select_environment(SANDBOX_ID).is_err());
}

#[test]
fn developer_mode_shows_the_built_ins_and_turning_it_off_leaves_them() {
    let mut settings = Settings::default().with_distribution(operator());
    settings.set_developer_mode(true);
    assert_eq!(
        ids(&settings),
        ["production", "staging", SANDBOX_ID, PREPROD_ID]
    );
    settings.select_environment(SANDBOX_ID).unwrap();
    settings.inspector_enabled = true;
    settings.console_enabled = true;

    settings.set_developer_mode(false);
    assert_eq!(settings.current_environment().id, "production");
    assert!(!settings.inspector_enabled, "the recorder stops");
    assert!(!settings.console_enabled, "the console hides");
}

#[test]
fn developer_mode_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let file = SettingsFile::in_dir(dir.path());
    let mut settings = file.load().with_distribution(operator());
    settings.set_developer_mode(true);
    file.save(&settings).unwrap();
    assert!(file.load().with_distribution(operator()).is_developer());
}

#[test]
fn the_operators_environments_cannot_be_changed_removed_or_imported_over() {
    let mut settings = Settings::default().with_distribution(operator());
    let production = settings.current_environment();
    let refused = settings.save_environment(production, false).unwrap_err();
    assert_eq!(refused.code(), ErrorCode::InvalidInput);
    let refused = settings.remove_environment("staging").unwrap_err();
    assert_eq!(refused.code(), ErrorCode::InvalidInput);

    let file = json!({
        "format": FILE_FORMAT,
        "version": 1,
        "environments": [
            environment("qa", "QA", "https://qa.example.com"),
            environment("staging", "Mine", "https://mine.example.com"),
        ],
    })
    .to_string();
    let refused = settings.import_environments(&file, true).unwrap_err();
    assert!(
        matches!(
            &refused,
            Error::EnvironmentFile(EnvironmentFileError::Environment { position: 2, field: Some(field), .. })
                if field == "id"
        ),
        "{refused:?}"
    );
    assert_eq!(
        ids(&settings),
        ["production", "staging"],
        "nothing imported"
    );
}

#[test]
fn an_operators_file_is_checked_as_an_import_is() {
    let refused = Distribution::of_build(Some(
        &json!({"format": FILE_FORMAT, "version": 1, "environments": []}).to_string(),
    ))
    .unwrap_err();
    assert_eq!(refused, EnvironmentFileError::NoEnvironments);
    let built_in = json!({
        "format": FILE_FORMAT,
        "version": 1,
        "environments": [environment(SANDBOX_ID, "Mine", "https://mine.example.com")],
    })
    .to_string();
    assert!(Distribution::of_build(Some(&built_in)).is_err());
}
