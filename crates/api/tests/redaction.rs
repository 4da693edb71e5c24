//! No secret reaches a log line: every call below runs with tracing captured at TRACE level for
//! every target (reqwest and hyper included), and the capture is searched for each secret.

mod support;

use std::io::Write;
use std::sync::{Arc, Mutex};

use lcs_api::{Secret, endpoint, password_md5};
use serde::Serialize;
use serde_json::{Value, json};
use support::*;
use wiremock::matchers::path;
use wiremock::{Mock, ResponseTemplate};

const REFRESH_TOKEN: &str = "refresh-0d44aa";

#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[derive(Debug, Serialize)]
struct PlannerGet {
    verificationcode: Secret,
}
endpoint!(PlannerGet => Value, Planner Get "/srv/v1/verifyVerificationCode", Required, "test.planner_get");

#[derive(Debug, Serialize)]
struct PlannerPost {
    refresh_token: Secret,
}
endpoint!(PlannerPost => Value, Planner Post "/srv/v1/refresh", Guest, "test.planner_post");

#[derive(Debug, Serialize)]
struct UserCenterCall {
    #[serde(rename = "smsCode")]
    sms_code: Secret,
}
endpoint!(UserCenterCall => Value, UserCenter Post "/front/account/login/doSmsLogin", Required, "test.user_center");

#[tokio::test]
async fn no_secret_appears_in_trace_output_debug_or_errors() {
    let capture = Capture::default();
    let writer = capture.clone();
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .init();

    let (server, client) = mock_client().await;
    // Answers that echo secrets back, as login answers do.
    Mock::given(path("/api/login/customer.app.CustomerWebApiService.login"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "code": "0", "data": {"token": TOKEN, "rToken": R_TOKEN, "accountList": []}})))
        .mount(&server)
        .await;
    Mock::given(path("/srv/v1/refresh"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "error": "0", "access_token": ACCESS_TOKEN, "refresh_token": REFRESH_TOKEN})))
        .mount(&server)
        .await;
    Mock::given(path("/srv/v1/verifyVerificationCode"))
        .respond_with(ResponseTemplate::new(200).set_body_string(format!(
            "{{\"error\": 1, \"access_token\": \"{ACCESS_TOKEN}\""
        )))
        .mount(&server)
        .await;
    Mock::given(path("/front/account/login/doSmsLogin"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"code": 1, "msg": "bad code"})),
        )
        .mount(&server)
        .await;

    let login = login_with_every_secret();
    let customer = client.send(&login, None).await.unwrap();
    let refreshed = client
        .send(
            &PlannerPost {
                refresh_token: Secret::new(REFRESH_TOKEN),
            },
            None,
        )
        .await
        .unwrap();
    let get_error = client
        .send(
            &PlannerGet {
                verificationcode: Secret::new(SMS_CODE),
            },
            Some(&Secret::new(ACCESS_TOKEN)),
        )
        .await
        .unwrap_err();
    let post_error = client
        .send(
            &UserCenterCall {
                sms_code: Secret::new(SMS_CODE),
            },
            Some(&Secret::new(TOKEN)),
        )
        .await
        .unwrap_err();

    // The calls really carried the secrets, so their absence below means something.
    let sent = server.received_requests().await.unwrap();
    assert!(
        String::from_utf8_lossy(&sent[0].body)
            .contains(password_md5(&Secret::new(PASSWORD)).expose())
    );
    assert!(sent[2].url.as_str().contains(ACCESS_TOKEN));

    let mut seen = String::from_utf8(capture.0.lock().unwrap().clone()).unwrap();
    assert!(
        seen.contains("customer.login") && seen.contains("reqwest"),
        "the capture must hold our spans and the HTTP stack's own logs:\n{seen}"
    );
    for text in [
        format!("{login:?}"),
        format!("{customer:?}"),
        format!("{get_error:?} {get_error}"),
        format!("{post_error:?} {post_error}"),
    ] {
        seen.push_str(&text);
    }
    let md5 = password_md5(&Secret::new(PASSWORD));
    for secret in [
        PASSWORD,
        md5.expose(),
        SMS_CODE,
        SEND_TOKEN,
        TOKEN,
        R_TOKEN,
        ACCESS_TOKEN,
    ] {
        assert!(!seen.contains(secret), "{secret} leaked:\n{seen}");
    }
    // The refresh answer is a Value, whose Debug is the raw JSON: secrets there are the
    // caller's to wrap. Everything the client itself prints is checked above.
    assert!(
        !seen
            .replace(&format!("{refreshed:?}"), "")
            .contains(REFRESH_TOKEN)
    );
}
