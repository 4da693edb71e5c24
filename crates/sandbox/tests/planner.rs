//! Family C against the sandbox, through the real client: what a user of the app would notice.

// Helpers here panic on purpose: a failed expectation is a failed test.
#![allow(clippy::unwrap_used)]

use std::time::Duration;

use lcs_api::planner::*;
use lcs_api::{ApiError, Client, ClientConfig, ErrorCode, Secret};
use lcs_sandbox::{Db, PLANNER_CLIENT_ID, PLANNER_CLIENT_SECRET, SECRET_HEADER, Sandbox};
use serde_json::{Value, json};

/// The sandbox's demo data as its seed names it, written out so that a change there is noticed
/// here.
const DEMO_PHONE: &str = "13800000001";
const DEMO_EMAIL: &str = "demo@lcs.test";
const DEMO_PASSWORD: &str = "demo1234";
const PLANNER_DEMO_USERNAME: &str = "demo";

/// A 1×1 PNG.
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\x9cc\xf8\xff\xff?\0\x05\xfe\x02\xfe\xa7\x35\x81\x84\0\0\0\0IEND\xaeB`\x82";

async fn sandbox() -> (Sandbox, Client) {
    let sandbox = Sandbox::start(Db::open(None).unwrap(), 0).await.unwrap();
    let client = Client::new(ClientConfig::single_host(
        sandbox.base_url().parse().unwrap(),
    ))
    .unwrap();
    (sandbox, client)
}

fn authorization_request(client_id: &str, secret: &str) -> GetAuthorizationCode {
    GetAuthorizationCode {
        client_id: client_id.into(),
        client_secret: Secret::new(secret),
        redirect_uri: "lcs://oauth".into(),
        response_type: "code".into(),
        scope: "account".into(),
    }
}

async fn authorization_code(client: &Client) -> Secret {
    client
        .send(
            &authorization_request(PLANNER_CLIENT_ID, PLANNER_CLIENT_SECRET),
            None,
        )
        .await
        .unwrap()
        .authorizationcode
        .unwrap()
}

fn phone_login(code: &Secret, phone: &str, password: &str) -> Login {
    Login {
        username: None,
        password: Secret::new(password),
        phonenumber: Some(phone.into()),
        authorizationcode: code.clone(),
    }
}

/// Signs the demo user in and answers its access and refresh tokens.
async fn demo_login(client: &Client) -> (Secret, Secret) {
    let code = authorization_code(client).await;
    let tokens = client
        .send(&phone_login(&code, DEMO_PHONE, DEMO_PASSWORD), None)
        .await
        .unwrap();
    (tokens.access_token.unwrap(), tokens.refresh_token.unwrap())
}

/// What a tester does to receive an SMS: ask the sandbox for the code it "sent".
async fn sms_code(sandbox: &Sandbox, phone: &str) -> Secret {
    let answer: Value = reqwest::Client::new()
        .post(format!("{}__sandbox/sms", sandbox.base_url()))
        .header(SECRET_HEADER, sandbox.secret())
        .json(&json!({"phoneArea": "+86", "phone": phone}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    Secret::new(answer["code"].as_str().unwrap())
}

async fn set_lifetimes(sandbox: &Sandbox, lifetimes: Value) {
    let response = reqwest::Client::new()
        .post(format!("{}__sandbox/planner/lifetimes", sandbox.base_url()))
        .header(SECRET_HEADER, sandbox.secret())
        .json(&lifetimes)
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success());
}

fn business_code(error: ApiError) -> String {
    match error {
        ApiError::Business { code, .. } => code,
        other => panic!("expected a business error, got {other:?}"),
    }
}

fn register_by_phone(code: &Secret, phone: &str, sms: &Secret, password: &str) -> Register {
    Register {
        authorizationcode: code.clone(),
        data: Some(serde_json::from_value(json!({"nickname": "王理财"})).unwrap()),
        mailaddress: None,
        password: Secret::new(password),
        phonenumber: Some(phone.into()),
        registersource: Some("app".into()),
        username: None,
        verificationcode: Some(sms.clone()),
    }
}

#[tokio::test]
async fn the_demo_user_signs_in_with_an_authorization_code_and_sees_their_details() {
    let (_sandbox, client) = sandbox().await;
    let code = authorization_code(&client).await;
    let tokens = client
        .send(&phone_login(&code, DEMO_PHONE, DEMO_PASSWORD), None)
        .await
        .unwrap();
    assert_eq!(tokens.access_token_expire, Some(7200));
    assert_eq!(tokens.refresh_token_expire, Some(30 * 24 * 3600));
    assert!(tokens.uid.is_some());

    let detail = client
        .send(&GetAccountDetail, tokens.access_token.as_ref())
        .await
        .unwrap();
    assert_eq!(detail.token_status, Some(TokenStatus::Valid));
    assert_eq!(detail.data["uid"].as_str(), tokens.uid.as_deref());
    assert_eq!(detail.data["username"], PLANNER_DEMO_USERNAME);
    assert_eq!(detail.data["phonenumber"], DEMO_PHONE);
    assert_eq!(detail.data["mailaddress"], DEMO_EMAIL);

    let by_name = Login {
        username: Some(PLANNER_DEMO_USERNAME.into()),
        password: Secret::new(DEMO_PASSWORD),
        phonenumber: None,
        authorizationcode: code,
    };
    let again = client.send(&by_name, None).await.unwrap();
    assert_eq!(again.uid, tokens.uid, "the same user by name or by phone");
}

#[tokio::test]
async fn a_wrong_client_code_user_or_password_is_told_apart() {
    let (_sandbox, client) = sandbox().await;
    let unknown = client
        .send(&authorization_request("someone-else", "x"), None)
        .await
        .unwrap_err();
    assert_eq!(business_code(unknown), "9");
    let wrong_secret = client
        .send(&authorization_request(PLANNER_CLIENT_ID, "guess"), None)
        .await
        .unwrap_err();
    assert_eq!(business_code(wrong_secret), "10");

    let made_up = Secret::new("ac-made-up");
    let error = client
        .send(&phone_login(&made_up, DEMO_PHONE, DEMO_PASSWORD), None)
        .await
        .unwrap_err();
    assert_eq!(business_code(error), "11");

    let code = authorization_code(&client).await;
    let error = client
        .send(&phone_login(&code, "13900000077", DEMO_PASSWORD), None)
        .await
        .unwrap_err();
    assert_eq!(business_code(error), "7");
    let error = client
        .send(&phone_login(&code, DEMO_PHONE, "not-it"), None)
        .await
        .unwrap_err();
    assert_eq!(business_code(error.clone()), "8");
    assert_eq!(error.user_message(lcs_api::Lang::ZhCn), "密码错误");
}

#[tokio::test]
async fn signing_in_elsewhere_kicks_the_first_session_out() {
    let (_sandbox, client) = sandbox().await;
    let (first, first_refresh) = demo_login(&client).await;
    let (second, _) = demo_login(&client).await;

    let kicked = client
        .send(&GetAccountDetail, Some(&first))
        .await
        .unwrap_err();
    assert_eq!(kicked.code(), ErrorCode::Kicked);
    let refresh = Refresh {
        refresh_token: first_refresh,
    };
    let kicked = client.send(&refresh, None).await.unwrap_err();
    assert_eq!(
        kicked.code(),
        ErrorCode::Kicked,
        "nor can the kicked session refresh"
    );

    client.send(&GetAccountDetail, Some(&second)).await.unwrap();
}

#[tokio::test]
async fn a_refresh_rotates_both_tokens_and_the_old_ones_stop_working() {
    let (_sandbox, client) = sandbox().await;
    let (access, refresh_token) = demo_login(&client).await;
    let refresh = Refresh { refresh_token };
    let renewed = client.send(&refresh, None).await.unwrap();
    let new_access = renewed.access_token.unwrap();
    assert_ne!(new_access, access);
    assert_ne!(renewed.refresh_token.as_ref(), Some(&refresh.refresh_token));
    assert_eq!(renewed.access_token_expire, Some(7200));

    client
        .send(&GetAccountDetail, Some(&new_access))
        .await
        .unwrap();
    let old = client
        .send(&GetAccountDetail, Some(&access))
        .await
        .unwrap_err();
    assert_eq!(old.code(), ErrorCode::Unauthorized);
    let reused = client.send(&refresh, None).await.unwrap_err();
    assert_eq!(reused.code(), ErrorCode::Unauthorized);
}

#[tokio::test]
async fn a_token_near_its_end_asks_for_a_refresh_and_an_expired_one_is_refused() {
    let (sandbox, client) = sandbox().await;
    // Every token is "near its end" from the start.
    set_lifetimes(
        &sandbox,
        json!({"accessTokenMs": 60_000, "refreshSoonMs": 60_000}),
    )
    .await;
    let (access, _) = demo_login(&client).await;
    let detail = client.send(&GetAccountDetail, Some(&access)).await.unwrap();
    assert_eq!(detail.token_status, Some(TokenStatus::MustRefresh));

    set_lifetimes(&sandbox, json!({"accessTokenMs": 50, "refreshSoonMs": 0})).await;
    let (access, refresh_token) = demo_login(&client).await;
    tokio::time::sleep(Duration::from_millis(120)).await;
    let expired = client
        .send(&GetAccountDetail, Some(&access))
        .await
        .unwrap_err();
    assert_eq!(expired.code(), ErrorCode::Unauthorized);

    // The refresh token outlives it: refreshing signs the user back in.
    set_lifetimes(
        &sandbox,
        json!({"accessTokenMs": 7_200_000, "refreshSoonMs": 600_000}),
    )
    .await;
    let renewed = client.send(&Refresh { refresh_token }, None).await.unwrap();
    let detail = client
        .send(&GetAccountDetail, renewed.access_token.as_ref())
        .await
        .unwrap();
    assert_eq!(detail.token_status, Some(TokenStatus::Valid));
}

#[tokio::test]
async fn changing_the_password_needs_the_old_one() {
    let (_sandbox, client) = sandbox().await;
    let (access, _) = demo_login(&client).await;
    let code = authorization_code(&client).await;
    let mut change = ChangePassword {
        authorizationcode: code.clone(),
        newpassword: Secret::new("n3w-planner-pw"),
        oldpassword: Secret::new("wrong"),
    };
    let error = client.send(&change, Some(&access)).await.unwrap_err();
    assert_eq!(business_code(error), "4");

    change.oldpassword = Secret::new(DEMO_PASSWORD);
    let ack = client.send(&change, Some(&access)).await.unwrap();
    assert_eq!(ack.token_status, Some(TokenStatus::Valid));
    client.send(&GetAccountDetail, Some(&access)).await.unwrap();

    let old = client
        .send(&phone_login(&code, DEMO_PHONE, DEMO_PASSWORD), None)
        .await
        .unwrap_err();
    assert_eq!(business_code(old), "8");
    client
        .send(&phone_login(&code, DEMO_PHONE, "n3w-planner-pw"), None)
        .await
        .unwrap();
}

#[tokio::test]
async fn an_uploaded_avatar_is_served_at_its_url_and_shown_in_the_details() {
    let (_sandbox, client) = sandbox().await;
    let (access, _) = demo_login(&client).await;
    let uploaded = client
        .send(
            &UploadPic::avatar("me.png", PNG.to_vec()).unwrap(),
            Some(&access),
        )
        .await
        .unwrap();
    let url = uploaded.url.unwrap();

    let response = reqwest::get(&url).await.unwrap();
    assert!(response.status().is_success());
    assert_eq!(
        response.headers()["content-type"].to_str().unwrap(),
        "image/png"
    );
    assert_eq!(response.bytes().await.unwrap().as_ref(), PNG);

    let detail = client.send(&GetAccountDetail, Some(&access)).await.unwrap();
    assert_eq!(detail.data["avatar"], url.as_str());
}

/// The client refuses such files before sending, so these go by hand, as another client might.
#[tokio::test]
async fn an_upload_that_is_not_an_image_or_is_empty_is_refused() {
    let (sandbox, client) = sandbox().await;
    let (access, _) = demo_login(&client).await;
    let upload = |bytes: &'static [u8]| {
        let form = reqwest::multipart::Form::new()
            .text("platid", "2015100011")
            .text("vercode", "1")
            .text("channel", "1CWR")
            .text("access_token", access.expose().to_owned())
            .text("type", "1")
            .part(
                "file",
                reqwest::multipart::Part::bytes(bytes).file_name("a.png"),
            );
        let url = format!("{}srv/v1/pic/upload", sandbox.base_url());
        async move {
            let answer: Value = reqwest::Client::new()
                .post(url)
                .multipart(form)
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            answer["error"].as_str().unwrap().to_owned()
        }
    };
    assert_eq!(upload(b"plain text, not a picture").await, "18");
    assert_eq!(upload(b"").await, "19");
    assert_eq!(upload(PNG).await, "0");
}

#[tokio::test]
async fn a_new_user_registers_with_an_sms_code_that_works_once() {
    let (sandbox, client) = sandbox().await;
    let phone = "13900000002";
    let code = authorization_code(&client).await;
    let sms = sms_code(&sandbox, phone).await;
    client
        .send(
            &VerifyVerificationCode {
                authorizationcode: code.clone(),
                phonenumber: phone.into(),
                verificationcode: sms.clone(),
            },
            None,
        )
        .await
        .unwrap();

    let registered = client
        .send(&register_by_phone(&code, phone, &sms, "planner-pw"), None)
        .await
        .unwrap();
    let tokens = client
        .send(&phone_login(&code, phone, "planner-pw"), None)
        .await
        .unwrap();
    assert_eq!(tokens.uid, registered.uid);
    let detail = client
        .send(&GetAccountDetail, tokens.access_token.as_ref())
        .await
        .unwrap();
    assert_eq!(detail.data["data"]["nickname"], "王理财");

    let again = client
        .send(&register_by_phone(&code, phone, &sms, "planner-pw"), None)
        .await
        .unwrap_err();
    assert_eq!(business_code(again), "23", "the code is used");
    let verify = VerifyVerificationCode {
        authorizationcode: code.clone(),
        phonenumber: phone.into(),
        verificationcode: sms,
    };
    assert_eq!(
        business_code(client.send(&verify, None).await.unwrap_err()),
        "23"
    );
    let fresh = sms_code(&sandbox, phone).await;
    let taken = client
        .send(&register_by_phone(&code, phone, &fresh, "planner-pw"), None)
        .await
        .unwrap_err();
    assert_eq!(business_code(taken), "14", "the phone has an account now");
}

#[tokio::test]
async fn a_taken_user_name_or_e_mail_address_cannot_register_again() {
    let (_sandbox, client) = sandbox().await;
    let code = authorization_code(&client).await;
    let by_name = |username: &str, mail: &str| Register {
        authorizationcode: code.clone(),
        data: None,
        mailaddress: Some(mail.into()),
        password: Secret::new("pw-123456"),
        phonenumber: None,
        registersource: None,
        username: Some(username.into()),
        verificationcode: None,
    };
    let taken = client
        .send(&by_name(PLANNER_DEMO_USERNAME, "new@lcs.test"), None)
        .await
        .unwrap_err();
    assert_eq!(business_code(taken), "14");
    let mail_taken = client
        .send(&by_name("wang.licai", &DEMO_EMAIL.to_uppercase()), None)
        .await
        .unwrap_err();
    assert_eq!(business_code(mail_taken), "25");
    client
        .send(&by_name("wang.licai", "wang@lcs.test"), None)
        .await
        .unwrap();
    let login = Login {
        username: Some("wang.licai".into()),
        password: Secret::new("pw-123456"),
        phonenumber: None,
        authorizationcode: code,
    };
    client.send(&login, None).await.unwrap();
}

#[tokio::test]
async fn a_wrong_or_expired_sms_code_is_told_apart() {
    let (sandbox, client) = sandbox().await;
    let code = authorization_code(&client).await;
    let answer: Value = reqwest::Client::new()
        .post(format!("{}__sandbox/sms", sandbox.base_url()))
        .header(SECRET_HEADER, sandbox.secret())
        .json(&json!({"phone": DEMO_PHONE, "ttlMs": 1}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(20)).await;
    let expired = VerifyVerificationCode {
        authorizationcode: code.clone(),
        phonenumber: DEMO_PHONE.into(),
        verificationcode: Secret::new(answer["code"].as_str().unwrap()),
    };
    assert_eq!(
        business_code(client.send(&expired, None).await.unwrap_err()),
        "2"
    );

    let sms = sms_code(&sandbox, DEMO_PHONE).await;
    let wrong = if sms.expose() == "000000" {
        "000001"
    } else {
        "000000"
    };
    let verify = VerifyVerificationCode {
        authorizationcode: code,
        phonenumber: DEMO_PHONE.into(),
        verificationcode: Secret::new(wrong),
    };
    assert_eq!(
        business_code(client.send(&verify, None).await.unwrap_err()),
        "1"
    );
}

#[tokio::test]
async fn check_phonenumber_says_whether_a_number_is_valid_and_free() {
    let (_sandbox, client) = sandbox().await;
    let code = authorization_code(&client).await;
    let check = |phone: &str| CheckPhonenumber {
        authorizationcode: code.clone(),
        phonenumber: phone.into(),
    };
    let bad = client.send(&check("12345"), None).await.unwrap_err();
    assert_eq!(business_code(bad), "34");
    let taken = client.send(&check(DEMO_PHONE), None).await.unwrap_err();
    assert_eq!(business_code(taken), "14");
    client.send(&check("13700000009"), None).await.unwrap();
}

#[tokio::test]
async fn a_forgotten_password_is_reset_with_an_sms_code_and_signs_the_old_session_out() {
    let (sandbox, client) = sandbox().await;
    let (access, _) = demo_login(&client).await;
    let code = authorization_code(&client).await;
    let sms = sms_code(&sandbox, DEMO_PHONE).await;
    let forget = ForgetPassword {
        authorizationcode: code.clone(),
        newpassword: Secret::new("remembered-now"),
        phonenumber: DEMO_PHONE.into(),
        verificationcode: sms,
    };
    client.send(&forget, None).await.unwrap();

    let old = client
        .send(&GetAccountDetail, Some(&access))
        .await
        .unwrap_err();
    assert_eq!(old.code(), ErrorCode::Unauthorized);
    client
        .send(&phone_login(&code, DEMO_PHONE, "remembered-now"), None)
        .await
        .unwrap();
    assert_eq!(
        business_code(client.send(&forget, None).await.unwrap_err()),
        "23"
    );

    let mut stranger = forget.clone();
    stranger.phonenumber = "13900000088".into();
    assert_eq!(
        business_code(client.send(&stranger, None).await.unwrap_err()),
        "7"
    );
}

#[tokio::test]
async fn a_phone_registration_without_a_password_sets_one_with_forgetpassword() {
    let (sandbox, client) = sandbox().await;
    let phone = "13900000003";
    let code = authorization_code(&client).await;
    let sms = sms_code(&sandbox, phone).await;
    client
        .send(&register_by_phone(&code, phone, &sms, ""), None)
        .await
        .unwrap();
    let unset = client
        .send(&phone_login(&code, phone, "anything"), None)
        .await
        .unwrap_err();
    assert_eq!(business_code(unset), "15");

    let forget = ForgetPassword {
        authorizationcode: code.clone(),
        newpassword: Secret::new("first-pw"),
        phonenumber: phone.into(),
        verificationcode: sms_code(&sandbox, phone).await,
    };
    client.send(&forget, None).await.unwrap();
    client
        .send(&phone_login(&code, phone, "first-pw"), None)
        .await
        .unwrap();
}

#[tokio::test]
async fn a_call_without_the_common_parameters_is_a_bad_request() {
    let (sandbox, _client) = sandbox().await;
    let answer: Value = reqwest::Client::new()
        .post(format!("{}srv/v1/login", sandbox.base_url()))
        .json(&json!({"username": "demo", "password": DEMO_PASSWORD}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(answer["error"], "12");
}
