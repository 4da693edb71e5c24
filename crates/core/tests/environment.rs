#![allow(clippy::unwrap_used)]

use lcs_core::ErrorCode;
use lcs_core::environment::{
    CodeSenderMethod, Environment, PREPROD_HOST, PREPROD_ID, SANDBOX_ID, TargetOs,
};
use lcs_core::settings::{Language, Settings, SettingsFile};

fn staging() -> Environment {
    Environment {
        id: "staging".into(),
        name: "Staging".into(),
        customer_base: "https://a.staging.example".into(),
        user_center_base: "https://b.staging.example/uc/".into(),
        planner_base: "http://127.0.0.1:8080".into(),
        company_id: "42".into(),
        ..Environment::default()
    }
}

/// Asserts the input was refused as invalid; returns the message, which starts with the field.
fn refused(result: lcs_core::error::Result<()>) -> String {
    let error = result.unwrap_err();
    assert_eq!(error.code(), ErrorCode::InvalidInput, "{error}");
    error.to_string()
}

#[test]
fn a_new_install_talks_to_the_sandbox_and_offers_pre_production() {
    let settings = Settings::default();
    assert_eq!(settings.current_environment().id, SANDBOX_ID);
    let ids: Vec<_> = settings.environments().into_iter().map(|e| e.id).collect();
    assert_eq!(ids, [SANDBOX_ID, PREPROD_ID]);

    let preprod = &settings.environments()[1];
    assert_eq!(preprod.name, "Pre-production");
    assert_eq!(preprod.customer_base, PREPROD_HOST);
    assert_eq!(preprod.user_center_base, PREPROD_HOST);
    assert_eq!(preprod.planner_base, PREPROD_HOST);
    assert_eq!(preprod.company_id, "");
}

#[test]
fn pre_production_says_its_company_id_is_missing_until_the_user_sets_it() {
    let message = refused(Environment::preprod().validate());
    assert!(message.starts_with("companyId:"), "{message}");

    let mut settings = Settings::default();
    let mut preprod = Environment::preprod();
    preprod.company_id = "7".into();
    settings.save_environment(preprod, false).unwrap();
    assert_eq!(settings.environments()[1].company_id, "7");
    assert_eq!(settings.environments().len(), 2, "edited, not added");
    settings.environments()[1].validate().unwrap();
}

#[test]
fn the_sandbox_config_uses_its_run_time_address_and_its_code_sender() {
    let sandbox = Environment::sandbox();
    let config = sandbox
        .client_config(Language::EnUs, Ok("http://127.0.0.1:40123/"))
        .unwrap();
    assert_eq!(config.customer_base.as_str(), "http://127.0.0.1:40123/");
    assert_eq!(config.user_center_base, config.customer_base);
    assert_eq!(config.planner_base, config.customer_base);
    assert_eq!(config.lang, lcs_api::Lang::EnUs);
    assert_eq!(config.company_id, "1");
    let sender = sandbox.code_sender.unwrap();
    assert_eq!(sender.method, CodeSenderMethod::Post);
    assert_eq!(sender.path, "/__sandbox/sms");

    let down = Environment::sandbox()
        .client_config(Language::ZhCn, Err("cannot listen on 127.0.0.1"))
        .unwrap_err();
    assert_eq!(down.code(), ErrorCode::InvalidInput);
    assert!(
        down.to_string().contains("cannot listen on 127.0.0.1"),
        "{down}"
    );
}

#[test]
fn a_custom_environment_becomes_a_client_config_field_by_field() {
    let mut env = staging();
    env.api_version = "0.0.2".into();
    env.platid = Some("p1".into());
    env.vercode = Some(12);
    env.channel = Some("web".into());
    env.planner_refresh_path = "/srv/v2/refresh".into();
    let config = env.client_config(Language::ZhCn, Err("unused")).unwrap();
    assert_eq!(config.customer_base.as_str(), "https://a.staging.example/");
    assert_eq!(
        config.user_center_base.as_str(),
        "https://b.staging.example/uc/"
    );
    assert_eq!(config.planner_base.as_str(), "http://127.0.0.1:8080/");
    assert_eq!(config.company_id, "42");
    assert_eq!(config.api_version, "0.0.2");
    assert_eq!(config.platid, "p1");
    assert_eq!(config.vercode, 12);
    assert_eq!(config.channel, "web");
    assert_eq!(config.planner_refresh_path, "/srv/v2/refresh");
    assert_eq!(config.lang, lcs_api::Lang::ZhCn);
}

/// Seed 003: `platid` 1 on Android and 2 on iOS, iOS's channel `0ASE`, `vercode` the app's
/// version code; an environment that names its own values keeps them on every platform.
#[test]
fn planner_common_parameters_follow_the_platform_unless_the_environment_names_them() {
    let env = staging();
    let version_code = lcs_core::environment::version_code(env!("CARGO_PKG_VERSION")).unwrap();
    let on = |env: &Environment, os| {
        let common = env.planner_common(os);
        (common.platid, common.vercode, common.channel)
    };
    assert_eq!(
        on(&env, TargetOs::Android),
        ("1".into(), version_code, "1CWR".into())
    );
    assert_eq!(
        on(&env, TargetOs::Ios),
        ("2".into(), version_code, "0ASE".into())
    );
    assert_eq!(
        on(&env, TargetOs::Desktop),
        ("2015100011".into(), version_code, "1CWR".into())
    );
    let config = env.client_config(Language::ZhCn, Err("unused")).unwrap();
    assert_eq!(
        config.vercode,
        i64::from(version_code),
        "this build's version"
    );

    let mut pinned = staging();
    pinned.platid = Some("77".into());
    pinned.channel = Some("HUAWEI".into());
    assert_eq!(
        on(&pinned, TargetOs::Ios),
        ("77".into(), version_code, "HUAWEI".into())
    );
    pinned.platid = Some(" ".into());
    assert!(
        pinned
            .validate()
            .unwrap_err()
            .to_string()
            .starts_with("platid:")
    );
}

#[test]
fn an_environment_language_overrides_the_app_language_for_the_backends() {
    let mut env = staging();
    env.lang = Some(Language::EnUs);
    let config = env.client_config(Language::ZhCn, Err("unused")).unwrap();
    assert_eq!(config.lang, lcs_api::Lang::EnUs);

    env.lang = Some(Language::ZhCn);
    let config = env.client_config(Language::EnUs, Err("unused")).unwrap();
    assert_eq!(config.lang, lcs_api::Lang::ZhCn);

    env.lang = None;
    let config = env.client_config(Language::EnUs, Err("unused")).unwrap();
    assert_eq!(config.lang, lcs_api::Lang::EnUs, "none follows the app");
}

#[test]
fn an_environment_saved_before_it_had_a_language_follows_the_app() {
    let dir = tempfile::tempdir().unwrap();
    let file = SettingsFile::in_dir(dir.path());
    let mut saved = serde_json::to_value(staging()).unwrap();
    assert!(saved.as_object_mut().unwrap().remove("lang").is_some());
    let text = serde_json::json!({ "environment": "staging", "customEnvironments": [saved] });
    std::fs::write(file.path(), text.to_string()).unwrap();

    let settings = file.load();
    assert!(!dir.path().join("settings.json.corrupt").exists());
    let loaded = settings.current_environment();
    assert_eq!(loaded.id, "staging");
    assert_eq!(loaded.lang, None);
    let config = loaded.client_config(Language::EnUs, Err("unused")).unwrap();
    assert_eq!(config.lang, lcs_api::Lang::EnUs);
}

#[test]
fn the_user_centre_token_travels_as_the_environment_says_and_an_older_file_reads_as_bearer() {
    let mut env = staging();
    for transport in [
        lcs_api::UserCenterToken::Bearer,
        lcs_api::UserCenterToken::Header,
        lcs_api::UserCenterToken::Query,
    ] {
        env.user_center_token = transport;
        let config = env.client_config(Language::ZhCn, Err("unused")).unwrap();
        assert_eq!(config.user_center_token, transport);
    }

    let dir = tempfile::tempdir().unwrap();
    let file = SettingsFile::in_dir(dir.path());
    let mut saved = serde_json::to_value(&env).unwrap();
    assert_eq!(saved["userCenterToken"], "query");
    assert!(
        saved
            .as_object_mut()
            .unwrap()
            .remove("userCenterToken")
            .is_some()
    );
    let text = serde_json::json!({ "environment": "staging", "customEnvironments": [saved] });
    std::fs::write(file.path(), text.to_string()).unwrap();

    let loaded = file.load().current_environment();
    assert!(!dir.path().join("settings.json.corrupt").exists());
    assert_eq!(loaded.id, "staging");
    assert_eq!(loaded.user_center_token, lcs_api::UserCenterToken::Bearer);
}

/// Breaks one field of a valid environment.
type Spoil = fn(&mut Environment);

#[test]
fn bad_input_is_refused_naming_the_field() {
    let cases: [(Spoil, &str); 9] = [
        (|e| e.id = String::new(), "id:"),
        (|e| e.id = "Has Spaces".into(), "id:"),
        (|e| e.name = "  ".into(), "name:"),
        (
            |e| e.customer_base = "prewppc-3.cmfbl.com".into(),
            "customerBase:",
        ),
        (
            |e| e.user_center_base = "ftp://host".into(),
            "userCenterBase:",
        ),
        (|e| e.planner_base = "http://".into(), "plannerBase:"),
        (|e| e.company_id = String::new(), "companyId:"),
        (
            |e| e.planner_refresh_path = "srv/v1/refresh".into(),
            "plannerRefreshPath:",
        ),
        (
            |e| {
                e.code_sender = Some(lcs_core::environment::CodeSender {
                    method: CodeSenderMethod::Post,
                    path: "/sms".into(),
                    body: "{not json".into(),
                })
            },
            "codeSender.body:",
        ),
    ];
    for (spoil, field) in cases {
        let mut env = staging();
        spoil(&mut env);
        let message = refused(env.validate());
        assert!(message.starts_with(field), "{field} → {message}");
        let mut settings = Settings::default();
        assert!(settings.save_environment(env, true).is_err());
        assert!(settings.custom_environments.is_empty());
    }
}

#[test]
fn ids_are_unique_and_edits_need_an_existing_one() {
    let mut settings = Settings::default();
    settings.save_environment(staging(), true).unwrap();
    assert!(refused(settings.save_environment(staging(), true)).contains("already taken"));
    let mut preprod_twin = staging();
    preprod_twin.id = PREPROD_ID.into();
    assert!(refused(settings.save_environment(preprod_twin, true)).contains("already taken"));

    let mut renamed = staging();
    renamed.name = "Staging 2".into();
    settings.save_environment(renamed, false).unwrap();
    assert_eq!(settings.environments()[2].name, "Staging 2");
    assert_eq!(settings.environments().len(), 3);

    let mut ghost = staging();
    ghost.id = "ghost".into();
    assert!(refused(settings.save_environment(ghost, false)).contains("no environment"));
}

#[test]
fn the_sandbox_cannot_be_edited_and_built_ins_cannot_be_removed() {
    let mut settings = Settings::default();
    refused(settings.save_environment(Environment::sandbox(), false));
    refused(settings.remove_environment(SANDBOX_ID));
    refused(settings.remove_environment(PREPROD_ID));
    refused(settings.remove_environment("nothing-here"));
}

#[test]
fn removing_the_chosen_environment_goes_back_to_the_sandbox() {
    let mut settings = Settings::default();
    settings.save_environment(staging(), true).unwrap();
    settings.select_environment("staging").unwrap();
    assert_eq!(settings.current_environment().id, "staging");

    settings.remove_environment("staging").unwrap();
    assert_eq!(settings.current_environment().id, SANDBOX_ID);
    assert_eq!(settings.environment, SANDBOX_ID);
    refused(settings.select_environment("staging"));
}

#[test]
fn the_choice_and_custom_environments_survive_a_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let mut settings = Settings::default();
    settings.save_environment(staging(), true).unwrap();
    settings.select_environment(PREPROD_ID).unwrap();
    SettingsFile::in_dir(dir.path()).save(&settings).unwrap();

    let reopened = SettingsFile::in_dir(dir.path()).load();
    assert_eq!(reopened, settings);
    assert_eq!(reopened.current_environment().id, PREPROD_ID);
    assert_eq!(reopened.environments()[2], staging());
}

#[test]
fn an_old_settings_file_loads_with_the_sandbox_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let file = SettingsFile::in_dir(dir.path());
    std::fs::write(file.path(), r#"{"language":"en-US"}"#).unwrap();
    let settings = file.load();
    assert_eq!(settings.language, Some(Language::EnUs));
    assert_eq!(settings.current_environment().id, SANDBOX_ID);
    assert!(settings.custom_environments.is_empty());
}

#[test]
fn missing_and_unknown_fields_of_a_saved_environment_load_as_defaults() {
    let dir = tempfile::tempdir().unwrap();
    let file = SettingsFile::in_dir(dir.path());
    std::fs::write(
        file.path(),
        r#"{"environment":"mine","customEnvironments":[
            {"id":"mine","name":"Mine","customerBase":"https://x.example","colour":"red"}
        ]}"#,
    )
    .unwrap();
    let settings = file.load();
    let mine = settings.current_environment();
    assert_eq!(mine.id, "mine");
    assert_eq!(mine.customer_base, "https://x.example");
    assert_eq!(mine.api_version, Environment::default().api_version);
    assert_eq!(mine.planner_refresh_path, "/srv/v1/refresh");
    assert!(refused(mine.validate()).starts_with("userCenterBase:"));
}

#[test]
fn a_choice_naming_a_vanished_environment_falls_back_to_the_sandbox() {
    let dir = tempfile::tempdir().unwrap();
    let file = SettingsFile::in_dir(dir.path());
    std::fs::write(file.path(), r#"{"environment":"deleted-by-hand"}"#).unwrap();
    assert_eq!(file.load().current_environment().id, SANDBOX_ID);
}

#[test]
fn a_corrupt_file_with_environments_is_moved_aside() {
    let dir = tempfile::tempdir().unwrap();
    let file = SettingsFile::in_dir(dir.path());
    std::fs::write(file.path(), r#"{"customEnvironments":[{"id":"x""#).unwrap();
    assert_eq!(file.load(), Settings::default());
    assert!(dir.path().join("settings.json.corrupt").exists());
}

#[test]
fn paths_that_a_join_would_take_to_another_host_are_refused() {
    let escapes = [
        "/https://other.example/r",
        "/http:other.example/r",
        "//other.example/r",
        "/\\other.example/r",
        "/%5Cother.example/r",
        "/srv/../../r",
        "/srv/%2e%2e/r",
        "/user@other.example/r",
        "/srv/v1/refresh with space",
    ];
    for path in escapes {
        let mut env = staging();
        env.planner_refresh_path = path.into();
        let message = refused(env.validate());
        assert!(
            message.starts_with("plannerRefreshPath:"),
            "{path} → {message}"
        );

        let mut env = staging();
        env.code_sender = Some(lcs_core::environment::CodeSender {
            method: CodeSenderMethod::Post,
            path: path.into(),
            body: "{}".into(),
        });
        let message = refused(env.validate());
        assert!(
            message.starts_with("codeSender.path:"),
            "{path} → {message}"
        );
    }
    let mut env = staging();
    env.planner_refresh_path = "/oauth/v2/token-refresh?grant=refresh_token".into();
    env.validate().unwrap();
}

#[test]
fn backends_and_h5_pages_need_https_except_on_this_machine() {
    let refused_bases = [
        "http://10.0.0.7:8080",
        "http://api.example.com",
        "http://127.0.0.1.example.com",
        "https://user:pw@api.example.com",
        "https://user@api.example.com",
    ];
    for base in refused_bases {
        let mut env = staging();
        env.customer_base = base.into();
        let message = refused(env.validate());
        assert!(message.starts_with("customerBase:"), "{base} → {message}");
    }
    for base in [
        "http://127.0.0.1:8080",
        "http://127.3.2.1",
        "http://localhost:9000/api/",
        "http://[::1]:8080",
        "https://api.example.com",
    ] {
        let mut env = staging();
        env.customer_base = base.into();
        env.validate().unwrap_or_else(|e| panic!("{base}: {e}"));
    }

    let mut env = staging();
    env.h5_origins = vec![lcs_core::bridge::policy::H5Origin {
        origin: "http://h5.example.com".into(),
        tier: lcs_core::bridge::policy::OriginTier::Trusted,
    }];
    let message = refused(env.validate());
    assert!(message.starts_with("h5Origins"), "{message}");
    env.h5_origins[0].origin = "http://127.0.0.1:5173".into();
    env.validate().unwrap();
}
