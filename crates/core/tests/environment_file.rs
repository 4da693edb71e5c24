//! Sharing environments as a file: what an export writes, and an import's all-or-nothing
//! rules, each refusal naming what is wrong.

#![allow(clippy::unwrap_used)]

use lcs_api::UserCenterToken;
use lcs_core::bridge::policy::{H5Origin, OriginTier};
use lcs_core::environment::{
    CodeSender, CodeSenderMethod, Environment, EnvironmentImport, FILE_FORMAT, PREPROD_ID,
    SANDBOX_ID,
};
use lcs_core::error::EnvironmentFileError;
use lcs_core::settings::{Language, Settings};
use lcs_core::{Error, ErrorCode};
use serde_json::{Value, json};

fn environment(id: &str, name: &str, host: &str) -> Environment {
    Environment {
        id: id.into(),
        name: name.into(),
        customer_base: host.into(),
        user_center_base: format!("{host}/uc/"),
        planner_base: host.into(),
        company_id: "42".into(),
        ..Environment::default()
    }
}

/// A user's settings with two environments of their own, every field set, and pre-production
/// edited.
fn tester_settings() -> Settings {
    let mut settings = Settings::default();
    let mut staging = environment("staging", "Staging", "https://a.staging.example");
    staging.api_version = "0.0.2".into();
    staging.platid = Some("77".into());
    staging.vercode = Some(9);
    staging.channel = Some("TEST".into());
    staging.planner_refresh_path = "/srv/v2/refresh".into();
    staging.code_sender = Some(CodeSender {
        method: CodeSenderMethod::Post,
        path: "/sms/send".into(),
        body: r#"{"to":"{{phone}}"}"#.into(),
    });
    staging.planner_client_id = "lcs-staging".into();
    staging.planner_client_secret = "staging-registration".into();
    staging.h5_origins = vec![H5Origin {
        origin: "https://h5.staging.example".into(),
        tier: OriginTier::Trusted,
    }];
    staging.lang = Some(Language::EnUs);
    staging.user_center_token = UserCenterToken::Header;
    settings.save_environment(staging, true).unwrap();
    settings
        .save_environment(environment("qa", "QA", "http://127.0.0.1:8080"), true)
        .unwrap();
    let mut preprod = Environment::preprod();
    preprod.company_id = "7".into();
    settings.save_environment(preprod, false).unwrap();
    settings
}

fn own(settings: &Settings) -> Vec<Environment> {
    settings
        .environments()
        .into_iter()
        .filter(|env| !env.is_built_in())
        .collect()
}

fn file_with(environments: Value) -> String {
    json!({ "format": FILE_FORMAT, "version": 1, "environments": environments }).to_string()
}

fn refusal(settings: &mut Settings, text: &str) -> EnvironmentFileError {
    let before = settings.clone();
    let error = settings.import_environments(text, false).unwrap_err();
    assert_eq!(*settings, before, "nothing may change: {error}");
    assert_eq!(error.code(), ErrorCode::InvalidFile, "{error}");
    match error {
        Error::EnvironmentFile(why) => why,
        other => panic!("not an environments-file error: {other}"),
    }
}

#[test]
fn an_export_imported_into_fresh_settings_gives_the_same_environments() {
    let settings = tester_settings();
    let text = settings.export_environments(None).unwrap();
    let file: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(file["format"], FILE_FORMAT);
    assert_eq!(file["version"], 1);
    let ids: Vec<&str> = file["environments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|env| env["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["staging", "qa"], "built-ins, even edited, stay out");
    // The planner registration travels with the hosts it belongs to.
    assert_eq!(
        file["environments"][0]["plannerClientSecret"],
        "staging-registration"
    );
    assert_eq!(file["environments"][0]["lang"], "en-US");
    assert_eq!(file["environments"][0]["userCenterToken"], "header");

    let mut fresh = Settings::default();
    let outcome = fresh.import_environments(&text, false).unwrap();
    assert_eq!(
        outcome,
        EnvironmentImport {
            added: vec!["staging".into(), "qa".into()],
            replaced: vec![],
        }
    );
    assert_eq!(own(&fresh), own(&settings));
    assert_eq!(
        fresh.current_environment().id,
        SANDBOX_ID,
        "importing chooses nothing"
    );
}

#[test]
fn one_environment_can_be_exported_alone_but_not_a_built_in() {
    let settings = tester_settings();
    let text = settings.export_environments(Some("qa")).unwrap();
    let mut fresh = Settings::default();
    fresh.import_environments(&text, false).unwrap();
    let ids: Vec<String> = own(&fresh).into_iter().map(|env| env.id).collect();
    assert_eq!(ids, ["qa"]);

    for id in [PREPROD_ID, SANDBOX_ID, "nowhere"] {
        let error = settings.export_environments(Some(id)).unwrap_err();
        assert_eq!(error.code(), ErrorCode::InvalidInput);
        assert!(error.to_string().starts_with("id:"), "{error}");
    }
    let nothing = Settings::default().export_environments(None).unwrap_err();
    assert_eq!(nothing.code(), ErrorCode::InvalidInput, "{nothing}");
}

#[test]
fn an_id_already_there_is_replaced_only_when_the_user_confirms_what_changes() {
    let mut settings = tester_settings();
    let mut renamed = environment("qa", "QA (new host)", "https://qa.example");
    renamed.company_id = "8".into();
    let text = file_with(json!([
        renamed,
        environment("dev", "Dev", "https://dev.example"),
    ]));
    let before = settings.clone();

    let plan = settings.plan_import(&text).unwrap();
    assert_eq!(plan.added, ["dev"]);
    assert_eq!(plan.replaced.len(), 1);
    let qa = &plan.replaced[0];
    assert_eq!((qa.id.as_str(), qa.name.as_str()), ("qa", "QA"));
    assert!(qa.changed.contains(&"customerBase".to_owned()), "{qa:?}");
    assert!(qa.changed.contains(&"companyId".to_owned()), "{qa:?}");
    assert!(qa.changed.contains(&"name".to_owned()), "{qa:?}");
    assert!(qa.signs_out, "the hosts change: its sessions go");
    assert!(plan.needs_confirmation());

    let refused = settings.import_environments(&text, false).unwrap_err();
    assert_eq!(refused.code(), ErrorCode::InvalidFile);
    assert!(refused.to_string().contains("\"qa\""), "{refused}");
    assert!(refused.to_string().contains("customerBase"), "{refused}");
    assert_eq!(settings, before, "nothing changed without confirmation");

    let outcome = settings.import_environments(&text, true).unwrap();
    assert_eq!(outcome.added, ["dev"]);
    assert_eq!(outcome.replaced, ["qa"]);
    let ids: Vec<String> = own(&settings).into_iter().map(|env| env.id).collect();
    assert_eq!(ids, ["staging", "qa", "dev"], "replaced in place");
    let qa = settings
        .environments()
        .into_iter()
        .find(|env| env.id == "qa")
        .unwrap();
    assert_eq!(qa.customer_base, "https://qa.example");
    assert_eq!(qa.company_id, "8");
}

#[test]
fn a_built_in_id_is_refused() {
    let mut settings = tester_settings();
    let mut preprod = Environment::preprod();
    preprod.company_id = "99".into();
    let why = refusal(
        &mut settings,
        &file_with(json!([
            environment("dev", "Dev", "https://dev.example"),
            preprod
        ])),
    );
    assert!(
        matches!(&why, EnvironmentFileError::Environment { position: 2, id, field: Some(field), .. }
            if id == PREPROD_ID && field == "id"),
        "{why:?}"
    );
}

#[test]
fn an_invalid_environment_is_named_with_its_field_and_nothing_is_imported() {
    let mut settings = tester_settings();
    let text = file_with(json!([
        environment("dev", "Dev", "https://dev.example"),
        environment("qa", "QA again", "https://qa.example"),
        environment("broken", "Broken", "prewppc-3.cmfbl.com"),
    ]));
    let why = refusal(&mut settings, &text);
    let message = why.to_string();
    assert!(
        message.starts_with(r#"environment "broken" (Broken): customerBase: not a URL"#),
        "{message}"
    );
    let error = Error::from(why);
    assert!(
        error
            .to_string()
            .starts_with("nothing was imported: environment \"broken\""),
        "{error}"
    );

    // A mistyped field is named by its path, and an entry without an id by its position.
    let why = refusal(
        &mut settings,
        &file_with(json!([{ "id": "dev", "name": "Dev", "vercode": "nine" }])),
    );
    assert!(
        why.to_string()
            .starts_with(r#"environment "dev" (Dev): vercode: invalid type"#),
        "{why}"
    );
    let why = refusal(
        &mut settings,
        &file_with(json!([{
            "id": "dev",
            "h5Origins": [{ "origin": "https://h5.example", "tier": "root" }],
        }])),
    );
    assert!(
        why.to_string()
            .starts_with(r#"environment "dev": h5Origins[0].tier: unknown variant"#),
        "{why}"
    );
    // A row that parses but is not an origin is named by its row, as the editor shows it.
    let mut with_path = environment("dev", "Dev", "https://dev.example");
    with_path.h5_origins = vec![H5Origin {
        origin: "https://h5.example/app".into(),
        tier: OriginTier::Partner,
    }];
    let why = refusal(&mut settings, &file_with(json!([with_path])));
    assert!(
        why.to_string().starts_with(
            r#"environment "dev" (Dev): h5Origins[0].origin: "https://h5.example/app""#
        ),
        "{why}"
    );
    let why = refusal(&mut settings, &file_with(json!([{ "name": "No id" }])));
    assert!(why.to_string().starts_with("environment #1: id:"), "{why}");
    let why = refusal(&mut settings, &file_with(json!(["staging"])));
    assert!(
        why.to_string()
            .starts_with("environment #1: not an environment"),
        "{why}"
    );

    // The same id twice would leave which one wins to chance.
    let twice = file_with(json!([
        environment("dev", "Dev", "https://dev.example"),
        environment("dev", "Dev 2", "https://dev2.example"),
    ]));
    let why = refusal(&mut settings, &twice);
    assert!(why.to_string().contains("appears twice"), "{why}");
}

#[test]
fn unknown_fields_are_ignored_and_missing_ones_take_the_defaults() {
    let mut settings = Settings::default();
    let text = json!({
        "format": FILE_FORMAT,
        "version": 1,
        "exportedBy": "a newer app",
        "environments": [{
            "id": "dev",
            "name": "Dev",
            "customerBase": "https://dev.example",
            "userCenterBase": "https://dev.example",
            "plannerBase": "https://dev.example",
            "companyId": "3",
            "colour": "blue",
        }],
    })
    .to_string();
    settings.import_environments(&text, false).unwrap();
    let dev = own(&settings).remove(0);
    assert_eq!(dev.platid, None, "follows the platform");
    assert_eq!(dev.vercode, None);
    assert_eq!(dev.code_sender, None);
    assert_eq!(dev.user_center_token, UserCenterToken::Bearer);
}

/// A file written before family C's parameters followed the platform names all three: its
/// environments keep them, on every platform.
#[test]
fn an_older_file_keeps_the_planner_parameters_it_names() {
    let mut settings = Settings::default();
    let text = json!({
        "format": FILE_FORMAT,
        "version": 1,
        "environments": [{
            "id": "old",
            "name": "Old",
            "customerBase": "https://old.example",
            "userCenterBase": "https://old.example",
            "plannerBase": "https://old.example",
            "companyId": "3",
            "platid": "2015100011",
            "vercode": 1,
            "channel": "1CWR",
        }],
    })
    .to_string();
    settings.import_environments(&text, false).unwrap();
    let old = own(&settings).remove(0);
    let common = old.planner_common(lcs_core::environment::TargetOs::Android);
    assert_eq!(
        (
            common.platid.as_str(),
            common.vercode,
            common.channel.as_str()
        ),
        ("2015100011", 1, "1CWR")
    );
}

#[test]
fn a_newer_version_is_refused() {
    let mut settings = tester_settings();
    let newer = json!({ "format": FILE_FORMAT, "version": 2, "environments": [
        environment("dev", "Dev", "https://dev.example"),
    ]})
    .to_string();
    assert_eq!(
        refusal(&mut settings, &newer),
        EnvironmentFileError::NewerVersion {
            version: 2,
            supported: 1
        }
    );
    for version in [json!(0), json!("1"), json!(null)] {
        let text =
            json!({ "format": FILE_FORMAT, "version": version, "environments": [] }).to_string();
        assert!(
            matches!(
                refusal(&mut settings, &text),
                EnvironmentFileError::BadVersion { .. }
            ),
            "{version}"
        );
    }
}

#[test]
fn anything_but_an_environments_file_is_refused() {
    let mut settings = tester_settings();
    assert!(matches!(
        refusal(&mut settings, "\u{89}PNG not json"),
        EnvironmentFileError::NotJson { .. }
    ));
    // The request inspector's export is JSON too: an array of calls.
    assert!(matches!(
        refusal(&mut settings, r#"[{"trace": "t1"}]"#),
        EnvironmentFileError::WrongFormat { found: None }
    ));
    assert_eq!(
        refusal(
            &mut settings,
            r#"{"format": "lcs-account/requests", "version": 1}"#
        ),
        EnvironmentFileError::WrongFormat {
            found: Some("lcs-account/requests".into())
        }
    );
    assert_eq!(
        refusal(&mut settings, &file_with(json!([]))),
        EnvironmentFileError::NoEnvironments
    );
}

#[test]
fn importing_an_environment_as_it_is_needs_no_confirmation() {
    let mut settings = tester_settings();
    let text = settings.export_environments(Some("qa")).unwrap();
    let plan = settings.plan_import(&text).unwrap();
    assert!(plan.added.is_empty());
    assert!(plan.replaced[0].changed.is_empty(), "{plan:?}");
    assert!(!plan.replaced[0].signs_out);
    assert!(!plan.needs_confirmation());
    let outcome = settings.import_environments(&text, false).unwrap();
    assert_eq!(outcome.replaced, ["qa"]);
}
