//! Calls made by hand against the real sandbox: typed (`console::send`, the app's per-call
//! commands) and by name with JSON (`console::call`, the API console and the command line).

// Helpers here panic on purpose: a failed expectation is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::sync::Arc;

use lcs_api::record::REDACTED;
use lcs_api::user_center::wechat::{WechatCheckAppLogin, WechatGetQrCode};
use lcs_api::{Client, Redacted};
use lcs_core::auth::{Auth, AuthEvent, AuthListener};
use lcs_core::console::{self, Secrets};
use lcs_core::environment::Environment;
use lcs_core::keychain::{MemoryStore, Opened, StoreKind};
use lcs_core::{ErrorCode, Json};
use lcs_sandbox::{Db, Sandbox};
use lcs_testkit::Helpers;
use serde_json::{Map, Value, json};

/// The sandbox's demo data as its seed names it, written out so that a change there is noticed
/// here.
const DEMO_EMAIL: &str = "demo@lcs.test";
const DEMO_PASSWORD: &str = "demo1234";

struct Quiet;

impl AuthListener for Quiet {
    fn auth_changed(&self, _environment: &str, _event: &AuthEvent) {}
}

async fn signed_out() -> (Sandbox, Auth) {
    let sandbox = Sandbox::start(Db::open(None).unwrap(), 0).await.unwrap();
    let environment = Environment::sandbox();
    let config = environment
        .client_config(lcs_core::settings::Language::ZhCn, Ok(&sandbox.base_url()))
        .unwrap();
    let auth = Auth::new(
        &environment,
        Client::new(config).unwrap(),
        Opened {
            store: Arc::new(MemoryStore::new()),
            kind: StoreKind::OsKeychain,
        },
        Arc::new(Quiet),
    );
    (sandbox, auth)
}

fn params(value: Value) -> Map<String, Value> {
    value.as_object().unwrap().clone()
}

fn demo_login() -> Map<String, Value> {
    let md5 = lcs_api::password_md5(&DEMO_PASSWORD.into());
    params(json!({
        "type": 1,
        "loginName": DEMO_EMAIL,
        "device": 9,
        "isThird": false,
        "loginPwd": md5.expose(),
    }))
}

#[tokio::test]
async fn an_answer_for_a_window_hides_its_tokens_and_one_for_a_script_keeps_them() {
    let (_sandbox, auth) = signed_out().await;

    let shown = console::call(&auth, "customer.login", demo_login(), Secrets::Redact)
        .await
        .unwrap();
    assert_eq!(shown["email"], DEMO_EMAIL);
    assert_eq!(shown["token"], REDACTED);
    assert_eq!(shown["rToken"], REDACTED);

    let whole = console::call(&auth, "customer.login", demo_login(), Secrets::Show)
        .await
        .unwrap();
    let token = whole["token"].as_str().unwrap();
    assert!(!token.is_empty() && token != REDACTED, "{whole}");
}

#[tokio::test]
async fn bad_parameters_are_refused_by_name_before_anything_is_sent() {
    let (_sandbox, auth) = signed_out().await;

    let mut unknown = demo_login();
    unknown.insert("colour".into(), json!("blue"));
    let refused = console::call(&auth, "customer.login", unknown, Secrets::Redact)
        .await
        .unwrap_err();
    assert_eq!(refused.code(), ErrorCode::InvalidInput);
    assert!(refused.to_string().contains("colour"), "{refused}");

    let mut mistyped = demo_login();
    mistyped.insert("device".into(), json!(42));
    let refused = console::call(&auth, "customer.login", mistyped, Secrets::Redact)
        .await
        .unwrap_err();
    assert_eq!(refused.code(), ErrorCode::InvalidInput);
    assert!(refused.to_string().contains("device"), "{refused}");

    let refused = console::call(&auth, "customer.nothing", Map::new(), Secrets::Redact)
        .await
        .unwrap_err();
    assert_eq!(refused.code(), ErrorCode::InvalidInput);
}

#[tokio::test]
async fn a_typed_call_uses_the_family_session() {
    let (_sandbox, auth) = signed_out().await;
    let detail = lcs_api::planner::GetAccountDetail;

    let refused = console::send(&auth, &detail).await.unwrap_err();
    assert_eq!(refused.code(), ErrorCode::Unauthorized);

    common::sign_in_every_family(&auth).await;
    let account = console::send(&auth, &detail).await.unwrap();
    assert!(!account.data.is_null(), "{account:?}");
}

/// A WeChat QR code the sandbox has confirmed, as scanning it with the phone would: its
/// `checkAppLogin` answers the user centre's session as untyped JSON.
async fn confirmed_qr_code(sandbox: &Sandbox, auth: &Auth) -> String {
    let qr = console::send(auth, &WechatGetQrCode).await.unwrap();
    let code = qr["code"].as_str().unwrap().to_owned();
    Helpers::of(sandbox)
        .post("qr/confirm", json!({ "code": code }))
        .await;
    code
}

#[tokio::test]
async fn a_raw_answer_carrying_a_token_reaches_a_window_redacted() {
    let (sandbox, auth) = signed_out().await;

    // The per-call command `api_user_center_wechat_check_app_login` answers `Redacted`.
    let code = confirmed_qr_code(&sandbox, &auth).await;
    let answer = console::send(
        &auth,
        &WechatCheckAppLogin {
            code: code.as_str().into(),
        },
    )
    .await
    .unwrap();
    let token = answer["token"].as_str().unwrap().to_owned();
    assert!(!token.is_empty() && token != REDACTED, "{answer}");
    for shown in [
        serde_json::to_value(Redacted(answer.clone())).unwrap(),
        // Every other untyped answer a window gets (cached reads, `api_call`) is `Json`.
        serde_json::to_value(Json(answer)).unwrap(),
    ] {
        assert_eq!(shown["status"], "confirmed");
        assert_eq!(shown["token"], REDACTED);
        assert!(!shown.to_string().contains(&token), "{shown}");
    }

    // The API console sends it by name.
    let code = confirmed_qr_code(&sandbox, &auth).await;
    let shown = console::call(
        &auth,
        "user_center.wechat_check_app_login",
        params(json!({ "code": code })),
        Secrets::Redact,
    )
    .await
    .unwrap();
    assert_eq!(shown["status"], "confirmed");
    assert_eq!(shown["token"], REDACTED);
}
