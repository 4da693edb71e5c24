//! The `lcs-sandbox` binary: one line with its address, a clean stop on SIGTERM, state kept.

// Helpers here panic on purpose: a failed expectation is a failed test.
#![allow(clippy::unwrap_used)]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use lcs_api::customer::{Device, Login, LoginType};
use lcs_api::{Client, ClientConfig, Secret, password_md5};
use lcs_sandbox::{DEMO_PASSWORD, DEMO_PHONE};

fn start(db: &std::path::Path) -> (Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_lcs-sandbox"))
        .args(["--port", "0", "--db"])
        .arg(db)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .trim()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
        .to_owned();
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    (child, url)
}

fn terminate(mut child: Child) -> std::process::ExitStatus {
    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    child.wait().unwrap()
}

#[tokio::test]
async fn it_prints_its_address_serves_and_stops_cleanly_on_sigterm_keeping_its_state() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sandbox.sqlite");

    let (child, url) = start(&db);
    let client = Client::new(ClientConfig::single_host(
        format!("{url}/").parse().unwrap(),
    ))
    .unwrap();
    let login = Login {
        login_type: LoginType::Phone,
        phone_area: Some("+86".into()),
        login_name: DEMO_PHONE.into(),
        device: Device::current(),
        is_third: false,
        verify_code: None,
        send_token: None,
        login_pwd: Some(password_md5(&Secret::new(DEMO_PASSWORD))),
        bind_third_user_id: None,
        third_source: None,
        google_code: None,
    };
    let first = client.send(&login, None).await.unwrap();
    assert!(terminate(child).success(), "SIGTERM is a clean stop");

    let (child, url) = start(&db);
    let client = Client::new(ClientConfig::single_host(
        format!("{url}/").parse().unwrap(),
    ))
    .unwrap();
    let second = client.send(&login, None).await.unwrap();
    assert_eq!(
        second.id, first.id,
        "the same customer after a restart, not a second seed"
    );
    assert!(terminate(child).success());
}
