//! Who the sandbox answers: its helpers only callers that know the run's secret, and no route a
//! page from elsewhere or a request under a foreign host name (DNS rebinding).

// Helpers here panic on purpose: a failed expectation is a failed test.
#![allow(clippy::unwrap_used)]

use lcs_sandbox::{Db, SECRET_HEADER, Sandbox};
use reqwest::header::{HOST, ORIGIN};
use serde_json::{Value, json};

/// The sandbox's demo data as its seed names it, written out so that a change there is noticed
/// here.
const DEMO_PHONE: &str = "13800000001";

async fn sandbox() -> Sandbox {
    Sandbox::start(Db::open(None).unwrap(), 0).await.unwrap()
}

/// `POST /__sandbox/sms` for the demo phone with the given extra headers: the status and body.
async fn ask_for_code(sandbox: &Sandbox, headers: &[(&str, String)]) -> (u16, Value) {
    let mut request = reqwest::Client::new()
        .post(format!("{}__sandbox/sms", sandbox.base_url()))
        .json(&json!({ "target": DEMO_PHONE }));
    for (name, value) in headers {
        request = request.header(*name, value);
    }
    let response = request.send().await.unwrap();
    (response.status().as_u16(), response.json().await.unwrap())
}

fn secret(sandbox: &Sandbox) -> (&'static str, String) {
    (SECRET_HEADER, sandbox.secret().to_owned())
}

#[tokio::test]
async fn a_helper_answers_only_a_call_with_the_runs_secret() {
    let sandbox = sandbox().await;

    let (status, answer) = ask_for_code(&sandbox, &[]).await;
    assert_eq!(status, 403, "no secret: {answer}");
    assert!(answer["error"].as_str().unwrap().contains(SECRET_HEADER));
    let (status, _) = ask_for_code(&sandbox, &[(SECRET_HEADER, "guessed".into())]).await;
    assert_eq!(status, 403, "a wrong secret");
    let almost = format!("{}x", sandbox.secret());
    let (status, _) = ask_for_code(&sandbox, &[(SECRET_HEADER, almost)]).await;
    assert_eq!(status, 403, "the secret with more after it");
    let listed = reqwest::get(format!("{}__sandbox/sms", sandbox.base_url()))
        .await
        .unwrap();
    assert_eq!(listed.status(), 403, "nor are the codes sent listed");

    let (status, answer) = ask_for_code(&sandbox, &[secret(&sandbox)]).await;
    assert_eq!(status, 200, "{answer}");
    assert!(answer["code"].as_str().is_some_and(|code| code.len() == 6));
    let listed: Value = reqwest::Client::new()
        .get(format!("{}__sandbox/sms", sandbox.base_url()))
        .header(SECRET_HEADER, sandbox.secret())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(listed[0]["code"], answer["code"]);
}

#[tokio::test]
async fn two_sandboxes_have_different_secrets() {
    let (one, other) = (sandbox().await, sandbox().await);
    assert_ne!(one.secret(), other.secret());
    let (status, _) = ask_for_code(&one, &[(SECRET_HEADER, other.secret().into())]).await;
    assert_eq!(status, 403);
}

#[tokio::test]
async fn a_page_from_another_origin_is_refused_even_with_the_secret() {
    let sandbox = sandbox().await;
    let port = sandbox.address().port();
    for foreign in [
        "https://evil.example".to_owned(),
        "null".to_owned(),
        format!("http://127.0.0.1:{}", port + 1),
        format!("http://localhost:{port}"),
    ] {
        let (status, answer) =
            ask_for_code(&sandbox, &[secret(&sandbox), ("origin", foreign.clone())]).await;
        assert_eq!(status, 403, "Origin {foreign}: {answer}");
    }
    // Not only the helpers: a family's call too.
    let login = reqwest::Client::new()
        .post(format!("{}srv/v1/login", sandbox.base_url()))
        .header(ORIGIN, "https://evil.example")
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), 403);

    // The sandbox's own pages (the H5 demos) are its own origin.
    let own = format!("http://127.0.0.1:{port}");
    let (status, answer) =
        ask_for_code(&sandbox, &[secret(&sandbox), ("origin", own.clone())]).await;
    assert_eq!(status, 200, "{answer}");
    let page = reqwest::Client::new()
        .get(format!("{}h5/dsbridge.html", sandbox.base_url()))
        .header(ORIGIN, own)
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    // The demo files are public: a page under another name loads the client as a module.
    let module = reqwest::Client::new()
        .get(format!("{}h5/jsbridge/index.js", sandbox.base_url()))
        .header(ORIGIN, format!("http://localhost:{port}"))
        .send()
        .await
        .unwrap();
    assert_eq!(module.status(), 200);
}

#[tokio::test]
async fn a_request_under_another_host_name_is_refused() {
    let sandbox = sandbox().await;
    let port = sandbox.address().port();
    for foreign in [
        format!("rebound.example:{port}"),
        format!("127.0.0.1.rebound.example:{port}"),
        "127.0.0.1".to_owned(),
        format!("127.0.0.1:{}", port + 1),
    ] {
        let (status, answer) =
            ask_for_code(&sandbox, &[secret(&sandbox), ("host", foreign.clone())]).await;
        assert_eq!(status, 403, "Host {foreign}: {answer}");
        let page = reqwest::Client::new()
            .get(format!("{}h5/", sandbox.base_url()))
            .header(HOST, &foreign)
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), 403, "Host {foreign}");
    }
    let (status, answer) = ask_for_code(
        &sandbox,
        &[secret(&sandbox), ("host", format!("localhost:{port}"))],
    )
    .await;
    assert_eq!(status, 200, "{answer}");
}
