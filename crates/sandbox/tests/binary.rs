//! The `lcs-sandbox` binary: a line with its address and one with the secret it made (or the
//! one it was given), a clean stop on SIGTERM, state kept.

// Helpers here panic on purpose: a failed expectation is a failed test.
#![allow(clippy::unwrap_used)]

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, ChildStdout, Command, Stdio};

use lcs_api::customer::{Device, Login, LoginType};
use lcs_api::{Client, ClientConfig, Secret, password_md5};
use lcs_sandbox::SECRET_HEADER;
use serde_json::json;

/// The sandbox's demo data as its seed names it, written out so that a change there is noticed
/// here.
const DEMO_PHONE: &str = "13800000001";
const DEMO_PASSWORD: &str = "demo1234";

fn sandbox_command(db: &std::path::Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_lcs-sandbox"));
    command
        .args(["--port", "0", "--db"])
        .arg(db)
        .env_remove("LCS_SANDBOX_SECRET")
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    command
}

/// The running sandbox, its address from its first line and its output from there on.
fn spawn(mut command: Command) -> (Child, String, BufReader<ChildStdout>) {
    let mut child = command.spawn().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    stdout.read_line(&mut line).unwrap();
    let url = line
        .trim()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
        .to_owned();
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    (child, url, stdout)
}

/// A sandbox that makes its own secret: its address and the secret from its second line.
fn start(db: &std::path::Path) -> (Child, String, String) {
    let (child, url, mut stdout) = spawn(sandbox_command(db));
    let mut line = String::new();
    stdout.read_line(&mut line).unwrap();
    let secret = line
        .trim()
        .strip_prefix("helper secret: ")
        .unwrap_or_else(|| panic!("unexpected second line {line:?}"))
        .to_owned();
    assert!(secret.len() >= 32, "{secret}");
    (child, url, secret)
}

/// The status of a call to the SMS helper with `secret`.
async fn ask_for_code(url: &str, secret: &str) -> u16 {
    reqwest::Client::new()
        .post(format!("{url}/__sandbox/sms"))
        .header(SECRET_HEADER, secret)
        .json(&json!({ "target": DEMO_PHONE }))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
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

    let (child, url, secret) = start(&db);
    assert_eq!(ask_for_code(&url, &secret).await, 200);
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

    let (child, url, second_secret) = start(&db);
    assert_ne!(second_secret, secret, "each run makes its own");
    assert_eq!(ask_for_code(&url, &secret).await, 403, "the last run's");
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

#[tokio::test]
async fn a_secret_given_by_flag_or_environment_is_the_one_asked_for_and_not_printed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sandbox.sqlite");

    let mut by_flag = sandbox_command(&db);
    by_flag.args(["--secret", "chosen-by-flag"]);
    let mut by_env = sandbox_command(&db);
    by_env.env("LCS_SANDBOX_SECRET", "chosen-by-env");
    for (command, secret) in [(by_flag, "chosen-by-flag"), (by_env, "chosen-by-env")] {
        let (child, url, mut stdout) = spawn(command);
        assert_eq!(ask_for_code(&url, secret).await, 200, "{secret}");
        assert_eq!(ask_for_code(&url, "chosen").await, 403);
        assert!(terminate(child).success());
        let mut rest = String::new();
        stdout.read_to_string(&mut rest).unwrap();
        assert_eq!(rest, "", "nothing after the address");
    }
}
