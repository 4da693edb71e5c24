//! The diagnostics file: every section a support engineer reads, and no secret or name, even
//! where the log folder holds lines an older version wrote unredacted.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;

use lcs_core::auth::{AuthFamily, KeychainStatus, PublicSession};
use lcs_core::diagnostics::{self, EnvironmentInUse, Sources};
use lcs_core::environment::Environment;
use lcs_core::logging::LogFolder;
use lcs_core::session::TradingMode;
use lcs_core::settings::Settings;
use lcs_core::{BridgeCallRecord, Inspector};
use serde_json::{Value, json};

const TOKEN: &str = "c2a8f5e0d1b94d6f8e7a6b5c4d3e2f1a";
const CLIENT_SECRET: &str = "planner-client-secret-7f3a";
const ID_NUMBER: &str = "11010519491231002X";
const PHONE: &str = "13800000001";

#[test]
fn the_diagnostics_file_has_every_section_and_no_secret() {
    let home = tempfile::tempdir().unwrap();
    let mut older: String = (0..250).map(|n| format!("line {n}\n")).collect();
    older.push_str(&format!("restored token={TOKEN} for {ID_NUMBER}\n"));
    fs::write(home.path().join("lcs-account.2020-01-01.log"), older).unwrap();
    let folder = LogFolder::new(home.path());

    let mut environment = Environment::sandbox();
    environment.planner_client_secret = CLIENT_SECRET.into();
    let settings = Settings {
        debug_log: true,
        ..Settings::default()
    };
    let sessions = [PublicSession {
        family: AuthFamily::Customer,
        account: "900001".into(),
        display_name: PHONE.into(),
        persisted: true,
        verified: true,
        mode: Some(TradingMode::Demo),
    }];
    let inspector = Inspector::new(true);
    inspector.record_bridge(BridgeCallRecord::new(
        1,
        "http://127.0.0.1:4000/h5/demo.html",
        &json!({"method": "openPage", "data": {"password": "hunter2", "packagename": "lcs.home"}})
            .to_string(),
        0,
        3,
    ));
    let app = json!({"version": "0.1.0", "build": "debug"});

    let text = diagnostics::report(Sources {
        app: &app,
        settings: &settings,
        environment: Some(EnvironmentInUse {
            environment: &environment,
            base_url: Some("http://127.0.0.1:4000/"),
            problem: None,
        }),
        keychain: &KeychainStatus {
            available: true,
            problem: None,
        },
        sessions: &sessions,
        log: Some(&folder),
        inspector: &inspector,
    });

    for secret in [TOKEN, CLIENT_SECRET, ID_NUMBER, "hunter2", PHONE, "900001"] {
        assert!(!text.contains(secret), "{secret} in the diagnostics file");
    }
    let report: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(report["format"], "lcs-account/diagnostics");
    assert_eq!(report["app"]["version"], "0.1.0");
    assert_eq!(report["platform"]["os"], std::env::consts::OS);
    assert_eq!(report["settings"]["debugLog"], true);
    assert_eq!(report["environment"]["id"], "sandbox");
    assert_eq!(report["environment"]["baseUrl"], "http://127.0.0.1:4000/");
    assert_eq!(
        report["environment"]["settings"]["plannerClientSecret"],
        "<redacted>"
    );
    assert_eq!(report["keychain"]["available"], true);
    assert_eq!(
        report["keychain"]["sessions"],
        json!([{"family": "customer", "persisted": true, "verified": true, "mode": "demo"}])
    );
    let lines = report["log"]["lines"].as_array().unwrap();
    assert_eq!(lines.len(), diagnostics::LOG_LINES);
    assert_eq!(lines[0], "line 51");
    assert_eq!(
        lines[lines.len() - 1],
        "restored token=<redacted> for <redacted>"
    );
    assert_eq!(report["requests"], json!([]));
    assert_eq!(report["bridgeCalls"][0]["method"], "openPage");
    assert_eq!(
        report["bridgeCalls"][0]["params"]["packagename"],
        "lcs.home"
    );
}
