//! Every error reaches the UI with a reason it can word in the user's language: a stable kind
//! and the parameters its sentence needs, never Rust's English as the sentence.

#![allow(clippy::unwrap_used)]

use lcs_api::{ApiError, Family, Lang};
use lcs_core::deeplink::{self, LinkError};
use lcs_core::environment::{Environment, FILE_FORMAT, read_environments_file};
use lcs_core::origin_policy::OriginPolicy;
use lcs_core::origins::{H5Origin, OriginTier};
use lcs_core::routes::RouteError;
use lcs_core::settings::Settings;
use lcs_core::{Error, ErrorCode};
use serde_json::{Value, json};

/// The reason as the UI receives it.
fn wire(error: &Error) -> Value {
    serde_json::to_value(error.reason(Lang::ZhCn)).unwrap()
}

fn staging() -> Environment {
    Environment {
        id: "staging".into(),
        name: "Staging".into(),
        customer_base: "https://a.staging.example".into(),
        user_center_base: "https://a.staging.example".into(),
        planner_base: "https://a.staging.example".into(),
        company_id: "42".into(),
        ..Environment::default()
    }
}

#[test]
fn a_field_the_user_got_wrong_names_the_field_and_the_problem_with_its_values() {
    let missing = Environment::preprod().validate().unwrap_err();
    assert_eq!(
        wire(&missing),
        json!({ "kind": "invalidInput", "field": "companyId", "problem": { "kind": "required" } })
    );

    let mut settings = Settings::default();
    settings.save_environment(staging(), true).unwrap();
    let taken = settings.save_environment(staging(), true).unwrap_err();
    assert_eq!(
        wire(&taken)["problem"],
        json!({ "kind": "taken", "id": "staging" })
    );

    let mut origins = staging();
    origins.h5_origins = vec![
        H5Origin {
            origin: "https://h5.example".into(),
            tier: OriginTier::Trusted,
        },
        H5Origin {
            origin: "https://h5.example/path".into(),
            tier: OriginTier::Partner,
        },
    ];
    let row = origins.validate().unwrap_err();
    let reason = wire(&row);
    assert_eq!(reason["kind"], "invalidEntry");
    assert_eq!(reason["field"], "h5Origins");
    assert_eq!(reason["index"], 1);
    assert_eq!(reason["part"], "origin");
    assert_eq!(reason["problem"]["kind"], "notOrigin");

    let parameter = Error::InvalidParameter {
        call: "customer.login".into(),
        parameter: "loginName".into(),
        message: "missing field `loginName`".into(),
    };
    assert_eq!(
        wire(&parameter),
        json!({ "kind": "invalidParameter", "call": "customer.login", "parameter": "loginName" })
    );
}

#[test]
fn an_environments_file_names_the_environment_its_field_and_the_problem() {
    let file = json!({
        "format": FILE_FORMAT,
        "version": 1,
        "environments": [{ "id": "broken", "name": "Broken", "customerBase": "prewppc-3.cmfbl.com",
            "userCenterBase": "https://a.example", "plannerBase": "https://a.example", "companyId": "1" }],
    });
    let error = Error::from(read_environments_file(&file.to_string()).unwrap_err());
    let reason = wire(&error);
    assert_eq!(reason["kind"], "environmentFile");
    let problem = &reason["problem"];
    assert_eq!(problem["kind"], "environment");
    assert_eq!(problem["position"], 1);
    assert_eq!(problem["id"], "broken");
    assert_eq!(problem["field"], "customerBase");
    assert_eq!(problem["problem"]["kind"], "notUrl");
    assert_eq!(problem["problem"]["text"], "prewppc-3.cmfbl.com");

    let newer = Error::from(
        read_environments_file(
            &json!({ "format": FILE_FORMAT, "version": 99, "environments": [] }).to_string(),
        )
        .unwrap_err(),
    );
    assert_eq!(
        wire(&newer)["problem"],
        json!({ "kind": "newerVersion", "version": 99, "supported": 1 })
    );
}

#[test]
fn a_link_or_page_that_opens_nothing_says_why_with_the_page_it_named() {
    let policy = OriginPolicy::for_environment(&Environment::sandbox(), None);
    let unknown = Error::from(deeplink::parse("lcs://lcs.account.nonsense", &policy).unwrap_err());
    assert_eq!(unknown.code(), ErrorCode::InvalidInput);
    assert_eq!(
        wire(&unknown),
        json!({ "kind": "link", "problem": { "kind": "route", "error": { "kind": "unknownRoute", "name": "lcs.account.nonsense" } } })
    );
    let twice = Error::from(LinkError::Repeated { param: "id".into() });
    assert_eq!(
        wire(&twice),
        json!({ "kind": "link", "problem": { "kind": "repeated", "param": "id" } })
    );

    let forbidden = Error::from(RouteError::Forbidden {
        route: "lcs.web".into(),
    });
    assert_eq!(
        wire(&forbidden),
        json!({ "kind": "route", "problem": { "kind": "forbidden", "route": "lcs.web" } })
    );
}

#[test]
fn the_backend_s_errors_keep_lcs_api_s_words_in_the_user_s_language() {
    let error = Error::Api(ApiError::Network {
        message: "connection refused".into(),
        trace: String::new(),
        sent: false,
    });
    assert_eq!(
        serde_json::to_value(error.reason(Lang::ZhCn)).unwrap(),
        json!({ "kind": "backend", "sentence": "网络连接失败，请检查网络后重试" })
    );
    assert_eq!(
        serde_json::to_value(error.reason(Lang::EnUs)).unwrap()["sentence"],
        "Cannot reach the server. Check your connection and try again."
    );
}

#[test]
fn local_failures_say_what_failed_without_rust_s_words() {
    let io = || std::io::Error::from(std::io::ErrorKind::PermissionDenied);
    let cases = [
        (
            Error::Storage {
                what: "settings",
                path: "/ro/settings.json".into(),
                source: io(),
            },
            json!({ "kind": "saveFailed" }),
        ),
        (
            Error::Cache(lcs_store::StoreError::Corrupt("page 3".into())),
            json!({ "kind": "cacheFailed" }),
        ),
        (
            Error::Keychain {
                action: "store",
                key: "sandbox/customer".into(),
                detail: "locked".into(),
            },
            json!({ "kind": "keychainFailed" }),
        ),
        (
            Error::KeychainEntryTooLarge {
                key: "sandbox/customer".into(),
                bytes: 3000,
                limit: 2560,
            },
            json!({ "kind": "keychainEntryTooLarge", "bytes": 3000, "limit": 2560 }),
        ),
        (
            Error::KeychainEntryUnreadable {
                key: "sandbox/customer".into(),
                detail: "not JSON".into(),
            },
            json!({ "kind": "keychainEntryUnreadable" }),
        ),
        (
            Error::SignInRequired {
                family: Family::Planner,
            },
            json!({ "kind": "signInRequired", "family": "planner" }),
        ),
        (
            Error::LogFolderUnopenable {
                path: "/home/u/logs".into(),
                detail: "no file manager".into(),
            },
            json!({ "kind": "logFolderUnopenable", "path": "/home/u/logs" }),
        ),
    ];
    for (error, reason) in cases {
        assert_eq!(wire(&error), reason, "{error}");
    }
}
