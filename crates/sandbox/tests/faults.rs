//! Injected faults reach the real client as the errors the app branches on.

// Helpers here panic on purpose: a failed expectation is a failed test.
#![allow(clippy::unwrap_used)]

use std::time::Duration;

use lcs_api::user_center::login::{LoginParams, LoginPost};
use lcs_api::{ApiError, Client, ClientConfig, ErrorCode, Secret};
use lcs_sandbox::{Db, SECRET_HEADER, Sandbox};
use serde_json::{Value, json};

/// The sandbox's demo data as its seed names it, written out so that a change there is noticed
/// here.
const DEMO_PHONE: &str = "13800000001";
const DEMO_PASSWORD: &str = "demo1234";

/// A sandbox and a client that gives up after `timeout` and never retries.
async fn sandbox(timeout: Duration) -> (Sandbox, Client) {
    let sandbox = Sandbox::start(Db::open(None).unwrap(), 0).await.unwrap();
    let mut config = ClientConfig::single_host(sandbox.base_url().parse().unwrap());
    config.timeouts.request = timeout;
    config.get_retries = 0;
    (sandbox, Client::new(config).unwrap())
}

async fn arm(sandbox: &Sandbox, fault: Value) -> (u16, Value) {
    let response = reqwest::Client::new()
        .post(format!("{}__sandbox/faults", sandbox.base_url()))
        .header(SECRET_HEADER, sandbox.secret())
        .json(&fault)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

/// Family B's password login (a POST) as the demo user: the call the faults are aimed at.
fn login() -> LoginPost {
    LoginPost(LoginParams {
        encrypt: Some(false),
        password: Some(Secret::new(DEMO_PASSWORD)),
        user_account: Some(DEMO_PHONE.into()),
        ..LoginParams::default()
    })
}

const LOGIN_PATH: &str = "/front/account/login/";
/// The whole path of the login call, as the sandbox counts it.
const LOGIN_CALL: &str = "/front/account/login/login";

#[tokio::test]
async fn a_delay_past_the_timeout_is_a_timeout_and_a_short_one_only_late() {
    let (sandbox, client) = sandbox(Duration::from_millis(300)).await;
    let (status, armed) = arm(
        &sandbox,
        json!({"path": LOGIN_PATH, "kind": "delay", "count": 2, "delayMs": 1500}),
    )
    .await;
    assert_eq!(status, 200, "{armed}");
    let late = client.send(&login(), None).await.unwrap_err();
    assert_eq!(late.code(), ErrorCode::Timeout, "{late:?}");

    // The second call of the fault, from a patient client: late, then answered normally.
    let mut config = ClientConfig::single_host(sandbox.base_url().parse().unwrap());
    config.timeouts.request = Duration::from_secs(5);
    let patient = Client::new(config).unwrap();
    let started = std::time::Instant::now();
    patient.send(&login(), None).await.unwrap();
    assert!(started.elapsed() >= Duration::from_millis(1500));
    client.send(&login(), None).await.unwrap();
}

#[tokio::test]
async fn http500_malformed_and_drop_reach_the_client_as_http_decode_and_network_errors() {
    let (sandbox, client) = sandbox(Duration::from_secs(5)).await;
    for (kind, expected) in [
        ("http500", ErrorCode::Http),
        ("malformed", ErrorCode::Decode),
        ("drop", ErrorCode::Network),
    ] {
        let (status, _) = arm(&sandbox, json!({"path": LOGIN_PATH, "kind": kind})).await;
        assert_eq!(status, 200);
        let error = client.send(&login(), None).await.unwrap_err();
        assert_eq!(error.code(), expected, "{kind}: {error:?}");
        assert!(
            error.outcome_unknown(),
            "{kind}: the call may have been applied"
        );
        if let ApiError::Http { status, .. } = error {
            assert_eq!(status, 500);
        }
        client.send(&login(), None).await.unwrap();
    }
}

/// A server that cannot be reached never saw the call: a network error whose outcome is known.
#[tokio::test]
async fn a_refused_connection_is_a_network_error_that_sent_nothing() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}/", closed.local_addr().unwrap());
    drop(closed);
    let client = Client::new(ClientConfig::single_host(base.parse().unwrap())).unwrap();
    let error = client.send(&login(), None).await.unwrap_err();
    assert!(
        matches!(error, ApiError::Network { sent: false, .. }),
        "{error:?}"
    );
    assert!(!error.outcome_unknown());
}

#[tokio::test]
async fn a_fault_fires_count_times_then_calls_work_and_helpers_are_never_faulted() {
    let (sandbox, client) = sandbox(Duration::from_secs(5)).await;
    let (status, armed) = arm(
        &sandbox,
        json!({"path": "*", "kind": "http500", "count": 3}),
    )
    .await;
    assert_eq!((status, &armed["count"]), (200, &json!(3)));
    // A helper call in between neither fails nor uses up the fault.
    let (status, _) = arm(&sandbox, json!({"path": "/srv/", "kind": "drop"})).await;
    assert_eq!(status, 200);
    for _ in 0..3 {
        let error = client.send(&login(), None).await.unwrap_err();
        assert_eq!(error.code(), ErrorCode::Http);
    }
    client.send(&login(), None).await.unwrap();
    let other_path = reqwest::get(format!("{}h5/", sandbox.base_url()))
        .await
        .unwrap();
    assert_eq!(other_path.status(), 200, "a /srv/ fault leaves /h5/ alone");
}

#[tokio::test]
async fn a_bad_fault_request_is_http_400_in_words() {
    let (sandbox, _client) = sandbox(Duration::from_secs(5)).await;
    for fault in [
        json!({"path": "/api/", "kind": "explode"}),
        json!({"path": "/api/", "kind": "delay"}),
        json!({"path": "/api/", "kind": "http500", "count": 0}),
        json!({"path": "api", "kind": "drop"}),
        json!({"path": "/__sandbox/sms", "kind": "drop"}),
        json!({"kind": "drop"}),
        json!({"path": "/api/", "kind": "drop", "count": "two"}),
        json!({"path": "/api/", "kind": "lose_ignoring_key", "delayMs": 600_001}),
    ] {
        let (status, answer) = arm(&sandbox, fault.clone()).await;
        assert_eq!(status, 400, "{fault}");
        assert!(
            answer["error"].as_str().is_some_and(|e| e.len() > 10),
            "{answer}"
        );
    }
    let (_, unknown) = arm(&sandbox, json!({"path": "/api/", "kind": "explode"})).await;
    assert!(
        unknown["error"]
            .as_str()
            .is_some_and(|e| e.contains("lose_ignoring_key")),
        "the kinds are named: {unknown}"
    );
    let response = reqwest::Client::new()
        .post(format!("{}__sandbox/faults", sandbox.base_url()))
        .header(SECRET_HEADER, sandbox.secret())
        .body("not json")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let answer: Value = response.json().await.unwrap();
    assert!(answer["error"].is_string());
}

/// `GET /__sandbox/calls`: how many calls each path received.
async fn calls(sandbox: &Sandbox) -> Value {
    reqwest::Client::new()
        .get(format!("{}__sandbox/calls", sandbox.base_url()))
        .header(SECRET_HEADER, sandbox.secret())
        .send()
        .await
        .unwrap()
        .json::<Value>()
        .await
        .unwrap()["calls"]
        .clone()
}

async fn release(sandbox: &Sandbox) {
    let response = reqwest::Client::new()
        .post(format!("{}__sandbox/faults/release", sandbox.base_url()))
        .header(SECRET_HEADER, sandbox.secret())
        .json(&json!({"count": 1}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
}

/// Waits until the sandbox has received `count` calls under `path`.
async fn received(sandbox: &Sandbox, path: &str, count: u64) {
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while calls(sandbox).await[path].as_u64().unwrap_or(0) < count {
        assert!(
            std::time::Instant::now() < deadline,
            "{path} was not called {count} times: {}",
            calls(sandbox).await
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

#[tokio::test]
async fn a_held_answer_arrives_once_released_and_its_call_is_counted_meanwhile() {
    let (sandbox, client) = sandbox(Duration::from_secs(30)).await;
    let (status, armed) = arm(&sandbox, json!({"path": LOGIN_PATH, "kind": "hold"})).await;
    assert_eq!(status, 200, "{armed}");
    let held = tokio::spawn({
        let client = client.clone();
        async move { client.send(&login(), None).await }
    });
    received(&sandbox, LOGIN_CALL, 1).await;
    // Whatever time passes, the answer waits for its release.
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(!held.is_finished(), "the answer is held");
    release(&sandbox).await;
    let session = held.await.unwrap().unwrap();
    assert!(session.token.is_some(), "the held call was applied");

    // A release that comes first is kept for the next held answer.
    arm(&sandbox, json!({"path": LOGIN_PATH, "kind": "hold"})).await;
    release(&sandbox).await;
    client.send(&login(), None).await.unwrap();

    let counted = calls(&sandbox).await;
    assert_eq!(counted, json!({LOGIN_CALL: 2}), "helpers are not counted");
    let reset = reqwest::Client::new()
        .post(format!("{}__sandbox/reset", sandbox.base_url()))
        .header(SECRET_HEADER, sandbox.secret())
        .send()
        .await
        .unwrap();
    assert_eq!(reset.status(), 200);
    assert_eq!(
        calls(&sandbox).await,
        json!({}),
        "a reset forgets the counts"
    );
}
