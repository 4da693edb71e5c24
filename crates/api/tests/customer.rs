//! Family A: for every call, the exact request it sends and the seed's example answer decoded.

mod support;

use lcs_api::customer::*;
use lcs_api::{ApiError, ErrorCode, Family, Secret, password_md5};
use serde_json::{Value, json};
use support::*;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Seed 001's example answer to login, verbatim.
const LOGIN_ANSWER: &str = include_str!("fixtures/customer_login.json");
/// Seed 001's example answer to register, verbatim: its envelope is all placeholders
/// (`"code": "text"`, `ok` and `fail` both true), see [`succeeded`].
const REGISTER_ANSWER: &str = include_str!("fixtures/customer_register.json");
/// Seed 000's one example answer to checkToken, checkPhone, checkPhoneForRetriedLoginPwd and
/// retrieveLoginPwd, verbatim: a failure (`code` "99", `ok` and `fail` both true, `data: {}`).
const CHECK_ANSWER: &str = include_str!("fixtures/customer_check_failure.json");
/// Seed 000's example answer to firstSetLoginPwd, verbatim: a failure (`code` "54") that still
/// carries the customer in `data`.
const FIRST_SET_LOGIN_PWD_ANSWER: &str = include_str!("fixtures/customer_first_set_login_pwd.json");
/// Seed 001's example answer to randomKey, verbatim.
const RANDOM_KEY_ANSWER: &str = include_str!("fixtures/customer_random_key.json");
/// Seed 001's example answer to switchAccount and resetAccount, verbatim.
const EMPTY_ANSWER: &str = "{}";

const A_PREFIX: &str = "/api/global/customer.app.CustomerWebApiService.";

/// The seeds' examples for A2–A7 are failures or placeholders; the success a server sends has
/// the same body with the envelope saying so. Only `code`, `ok` and `fail` change.
// A fixture that is not JSON is a broken test: panicking says so.
#[allow(clippy::expect_used)]
fn succeeded(answer: &str) -> String {
    let mut json: Value = serde_json::from_str(answer).expect("seed answer is JSON");
    json["code"] = json!("0");
    json["ok"] = json!(true);
    json["fail"] = json!(false);
    json.to_string()
}

async fn answer(server: &MockServer, route: &str, body: impl Into<String>) {
    Mock::given(method("POST"))
        .and(path(route))
        .respond_with(ResponseTemplate::new(200).set_body_string(body.into()))
        .mount(server)
        .await;
}

#[tokio::test]
async fn a1_login_by_phone_and_password() {
    let (server, client) = mock_client().await;
    Mock::given(method("POST"))
        .and(path("/api/login/customer.app.CustomerWebApiService.login"))
        .respond_with(ResponseTemplate::new(200).set_body_string(LOGIN_ANSWER))
        .mount(&server)
        .await;

    let customer = client
        .send(
            &Login {
                login_type: LoginType::Phone,
                phone_area: Some("+86".into()),
                login_name: "13429837442".into(),
                device: Device::H5,
                is_third: false,
                verify_code: None,
                send_token: None,
                login_pwd: Some(password_md5(&Secret::new("secret-pw"))),
                bind_third_user_id: None,
                third_source: None,
                google_code: None,
            },
            None,
        )
        .await
        .expect("login");

    let request = only_request(&server).await;
    assert_customer_headers(&request, None);
    assert_eq!(
        body_json(&request),
        json!({
            "type": 2,
            "phoneArea": "+86",
            "loginName": "13429837442",
            "device": 1,
            "isThird": false,
            "loginPwd": password_md5(&Secret::new("secret-pw")).expose(),
        })
    );
    assert_eq!(customer.customer_no.as_deref(), Some("86001175"));
    assert_eq!(
        customer.token.as_ref().map(Secret::expose),
        Some("a541f9d5-2507-42b3-b790-59e1f755c380app")
    );
    assert_eq!(customer.account_list.len(), 2);
    assert_eq!(customer.account_list[1].currency.as_deref(), Some("BTC"));
    assert_eq!(
        customer.account_list[0].balance.as_deref(),
        Some("2904321.4696")
    );
}

#[tokio::test]
async fn a2_register() {
    let (server, client) = mock_client().await;
    let route = "/api/register/customer.app.CustomerWebApiService.register";
    answer(&server, route, succeeded(REGISTER_ANSWER)).await;

    let registration = client
        .send(
            &Register {
                forwarded_for: "203.0.113.7".into(),
                country: "CN".into(),
                lang: Some("zh-CN".into()),
                login_name: "13429837442".into(),
                phone_area: Some("+86".into()),
                register_type: LoginType::Phone,
                register_device: Some("iPhone15,2".into()),
                verify_code: Secret::new("482913"),
                send_token: Secret::new("st-7f3a9c"),
                register_source: Device::Ios,
                utm_source: Some("newsletter".into()),
                utm_medium: Some("email".into()),
                utm_campaign: Some("spring".into()),
                utm_content: None,
                utm_term: None,
                customer_group_id: Some(1),
                trade_type_currency_list: vec![TradeTypeCurrency {
                    all_currency: "USDT,BTC".into(),
                    trade_type: "5".into(),
                }],
                open_account_type: Some(OpenAccountType::Personal),
                pwd: Some(password_md5(&Secret::new("secret-pw"))),
                third_server_code: None,
                third_server_source: Some("agent".into()),
            },
            Some(&Secret::new(TOKEN)),
        )
        .await
        .expect("register");

    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url.path(), route);
    // A guest call: a token handed to send is not sent.
    assert_customer_headers(&request, None);
    assert_eq!(header(&request, "X-Forwarded-For"), Some("203.0.113.7"));
    assert_eq!(
        body_json(&request),
        json!({
            "country": "CN",
            "lang": "zh-CN",
            "loginName": "13429837442",
            "phoneArea": "+86",
            "type": 2,
            "registerDevice": "iPhone15,2",
            "verifyCode": "482913",
            "sendToken": "st-7f3a9c",
            "registerSource": 5,
            "utmSource": "newsletter",
            "utmMedium": "email",
            "utmCampaign": "spring",
            "customerGroupId": 1,
            "tradeTypeCurrencyList": [{"allCurrency": "USDT,BTC", "tradeType": "5"}],
            "openAccountType": 0,
            "pwd": password_md5(&Secret::new("secret-pw")).expose(),
            "thirdServerSource": "agent",
        })
    );
    assert_eq!(registration.customer_no.as_deref(), Some("text"));
    assert_eq!(registration.id, Some(1));
    assert_eq!(registration.company_id, Some(1));
    assert_eq!(registration.api_check_switch, Some(true));
    assert_eq!(registration.list.len(), 1);
    let level = &registration.list[0];
    assert_eq!(level.open_account_type, Some(1));
    assert_eq!(level.element_list.len(), 1);
    assert_eq!(
        level.element_list[0].element_code_input_group.as_deref(),
        Some("text")
    );
}

#[tokio::test]
async fn a2_register_seed_placeholder_envelope_is_refused() {
    let (server, client) = mock_client().await;
    let route = "/api/register/customer.app.CustomerWebApiService.register";
    answer(&server, route, REGISTER_ANSWER).await;
    let error = client
        .send(
            &Register {
                forwarded_for: "203.0.113.7".into(),
                country: "CN".into(),
                lang: None,
                login_name: "user@example.com".into(),
                phone_area: None,
                register_type: LoginType::Email,
                register_device: None,
                verify_code: Secret::new("482913"),
                send_token: Secret::new("st-7f3a9c"),
                register_source: Device::PcWeb,
                utm_source: None,
                utm_medium: None,
                utm_campaign: None,
                utm_content: None,
                utm_term: None,
                customer_group_id: None,
                trade_type_currency_list: Vec::new(),
                open_account_type: None,
                pwd: None,
                third_server_code: None,
                third_server_source: None,
            },
            None,
        )
        .await
        .expect_err("code \"text\" is not success");
    let request = only_request(&server).await;
    // Optional fields left out are not sent at all, not sent as null.
    assert_eq!(
        body_json(&request),
        json!({
            "country": "CN",
            "loginName": "user@example.com",
            "type": 1,
            "verifyCode": "482913",
            "sendToken": "st-7f3a9c",
            "registerSource": 2,
        })
    );
    assert!(
        matches!(&error, ApiError::Business { code, trace, .. } if code == "text" && trace == "text"),
        "{error:?}"
    );
}

#[tokio::test]
async fn a3_check_token_of_an_e_mail_link() {
    let (server, client) = mock_client().await;
    let route = format!("{A_PREFIX}checkToken");
    answer(&server, &route, succeeded(CHECK_ANSWER)).await;

    let data = client
        .send(
            &CheckToken {
                token: Some(Secret::new("mail-7c1e0b9f")),
            },
            None,
        )
        .await
        .expect("checkToken");

    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url.path(), route);
    assert_customer_headers(&request, None);
    assert_eq!(body_json(&request), json!({"token": "mail-7c1e0b9f"}));
    assert_eq!(data, json!({}));
}

/// The seed's `token` header is the login's: a signed-in check sends the session there, and
/// the body's `token` is only ever an e-mail link's.
#[tokio::test]
async fn a3_check_token_of_a_session_sends_it_as_the_header() {
    let (server, client) = mock_client().await;
    let route = format!("{A_PREFIX}checkToken");
    answer(&server, &route, succeeded(CHECK_ANSWER)).await;

    client
        .send(&CheckToken::default(), Some(&Secret::new(TOKEN)))
        .await
        .expect("checkToken");

    let request = only_request(&server).await;
    assert_eq!(request.url.path(), route);
    assert_customer_headers(&request, Some(TOKEN));
    assert_eq!(body_json(&request), json!({}));
}

#[tokio::test]
async fn a4_check_phone() {
    let (server, client) = mock_client().await;
    let route = format!("{A_PREFIX}checkPhone");
    answer(&server, &route, succeeded(CHECK_ANSWER)).await;

    let data = client
        .send(
            &CheckPhone {
                phone: "13512331033".into(),
                phone_area: "+86".into(),
            },
            None,
        )
        .await
        .expect("checkPhone");

    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url.path(), route);
    assert_customer_headers(&request, None);
    assert_eq!(
        body_json(&request),
        json!({"phone": "13512331033", "phoneArea": "+86"})
    );
    assert_eq!(data, json!({}));
}

/// The user switches the app to English: the next call says so, and its words come back in it.
#[tokio::test]
async fn the_lang_header_follows_the_language_the_user_chose() {
    let (server, client) = mock_client().await;
    let route = format!("{A_PREFIX}checkPhone");
    answer(&server, &route, succeeded(CHECK_ANSWER)).await;
    let check = CheckPhone {
        phone: "13512331033".into(),
        phone_area: "+86".into(),
    };

    client.set_lang(lcs_api::Lang::EnUs);
    client.send(&check, None).await.expect("checkPhone");
    client.set_lang(lcs_api::Lang::ZhCn);
    client.send(&check, None).await.expect("checkPhone");

    let requests = server.received_requests().await.expect("recording is on");
    let langs: Vec<Option<&str>> = requests.iter().map(|r| header(r, "lang")).collect();
    assert_eq!(langs, [Some("en-US"), Some("zh-CN")]);
}

#[tokio::test]
async fn a5_check_phone_for_retried_login_pwd() {
    let (server, client) = mock_client().await;
    let route = format!("{A_PREFIX}checkPhoneForRetriedLoginPwd");
    answer(&server, &route, succeeded(CHECK_ANSWER)).await;

    let ticket = client
        .send(&retrieval_step_one(), None)
        .await
        .expect("checkPhoneForRetriedLoginPwd");

    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url.path(), route);
    assert_customer_headers(&request, None);
    assert_eq!(
        body_json(&request),
        json!({
            "phone": "13512331033",
            "phoneArea": "+86",
            "smsVerifyCode": "518204",
            "smsSendToken": "cillum",
        })
    );
    // The seed's `data: {}` carries no token.
    assert!(ticket.token.is_none());
}

fn retrieval_step_one() -> CheckPhoneForRetriedLoginPwd {
    CheckPhoneForRetriedLoginPwd {
        phone: "13512331033".into(),
        phone_area: "+86".into(),
        sms_verify_code: Secret::new("518204"),
        sms_send_token: Secret::new("cillum"),
    }
}

#[tokio::test]
async fn a5_reads_the_step_two_token_as_a_string_or_an_object() {
    for data in [json!("rt-5d2c"), json!({"token": "rt-5d2c"})] {
        let (server, client) = mock_client().await;
        let route = format!("{A_PREFIX}checkPhoneForRetriedLoginPwd");
        let body = json!({"code": "0", "msg": "Success", "ok": true, "fail": false, "data": data});
        answer(&server, &route, body.to_string()).await;
        let ticket = client
            .send(&retrieval_step_one(), None)
            .await
            .expect("step 1");
        assert_eq!(
            ticket.token.as_ref().map(Secret::expose),
            Some("rt-5d2c"),
            "{data}"
        );
    }
}

#[tokio::test]
async fn a6_retrieve_login_pwd() {
    let (server, client) = mock_client().await;
    let route = format!("{A_PREFIX}retrieveLoginPwd");
    answer(&server, &route, succeeded(CHECK_ANSWER)).await;

    let data = client
        .send(
            &RetrieveLoginPwd {
                token: Secret::new("rt-5d2c"),
                login_pwd: password_md5(&Secret::new("new-secret-pw")),
            },
            None,
        )
        .await
        .expect("retrieveLoginPwd");

    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url.path(), route);
    // The step-1 token is in the body; the seed's headers for this call have no token.
    assert_customer_headers(&request, None);
    assert_eq!(
        body_json(&request),
        json!({
            "token": "rt-5d2c",
            "loginPwd": password_md5(&Secret::new("new-secret-pw")).expose(),
        })
    );
    assert_eq!(data, json!({}));
}

fn first_set_login_pwd() -> FirstSetLoginPwd {
    FirstSetLoginPwd {
        device: Device::Android,
        token: Secret::new("fs-91ab"),
        login_pwd: password_md5(&Secret::new("first-pw")),
    }
}

#[tokio::test]
async fn a7_first_set_login_pwd_signs_in() {
    let (server, client) = mock_client().await;
    let route = format!("{A_PREFIX}firstSetLoginPwd");
    answer(&server, &route, succeeded(FIRST_SET_LOGIN_PWD_ANSWER)).await;

    let customer = client
        .send(&first_set_login_pwd(), None)
        .await
        .expect("firstSetLoginPwd");

    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url.path(), route);
    assert_customer_headers(&request, None);
    assert_eq!(
        body_json(&request),
        json!({
            "device": 4,
            "token": "fs-91ab",
            "loginPwd": password_md5(&Secret::new("first-pw")).expose(),
        })
    );
    assert_eq!(customer.id, Some(61));
    assert_eq!(
        customer.token.as_ref().map(Secret::expose),
        Some("velit eiusmod")
    );
    assert_eq!(customer.company_id, Some(67));
    assert_eq!(customer.customer_group_id, Some(67));
    assert_eq!(
        customer.customer_no.as_deref(),
        Some("cillum tempor sed aute aliquip")
    );
    assert!(customer.account_list.is_empty());
}

#[tokio::test]
async fn a7_seed_failure_example_keeps_code_biz_code_and_trace() {
    let (server, client) = mock_client().await;
    answer(
        &server,
        &format!("{A_PREFIX}firstSetLoginPwd"),
        FIRST_SET_LOGIN_PWD_ANSWER,
    )
    .await;
    let error = client
        .send(&first_set_login_pwd(), None)
        .await
        .expect_err("code 54 is a failure, whatever data says");
    let ApiError::Business {
        family,
        code,
        message,
        biz_code,
        trace,
    } = &error
    else {
        panic!("expected a business error, got {error:?}");
    };
    assert_eq!(*family, Family::Customer);
    assert_eq!(code, "54");
    assert_eq!(message, "tempor incididunt eu laborum");
    assert_eq!(biz_code.as_deref(), Some("23"));
    assert_eq!(trace, "cillum");
}

#[tokio::test]
async fn a_seed_failure_example_is_a_business_error() {
    let (server, client) = mock_client().await;
    answer(&server, &format!("{A_PREFIX}checkPhone"), CHECK_ANSWER).await;
    let error = client
        .send(
            &CheckPhone {
                phone: "13512331033".into(),
                phone_area: "+86".into(),
            },
            None,
        )
        .await
        .expect_err("code 99 with ok and fail both true is a failure");
    assert_eq!(error.code(), ErrorCode::Business);
    let ApiError::Business {
        family,
        code,
        message,
        biz_code,
        trace,
    } = &error
    else {
        panic!("expected a business error, got {error:?}");
    };
    assert_eq!(*family, Family::Customer);
    assert_eq!(code, "99");
    assert_eq!(message, "pariatur");
    assert_eq!(biz_code.as_deref(), Some("8"));
    // The server's trace, not the one the client generated.
    assert_eq!(trace, "nisi eu pariatur");
    assert_eq!(error.trace(), Some("nisi eu pariatur"));
    assert_eq!(error.user_message(lcs_api::Lang::ZhCn), "pariatur");
}

#[tokio::test]
async fn a8_switch_account() {
    let (server, client) = mock_client().await;
    answer(&server, "/api/thirdExt/switchAccount", EMPTY_ANSWER).await;

    let data = client
        .send(&SwitchAccount, Some(&Secret::new(TOKEN)))
        .await
        .expect("switchAccount");

    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url.path(), "/api/thirdExt/switchAccount");
    assert_customer_headers(&request, Some(TOKEN));
    assert_eq!(body_json(&request), json!({}));
    // The seed's `{}` is a bare success with no data.
    assert_eq!(data, Value::Null);
}

#[tokio::test]
async fn a9_reset_account() {
    let (server, client) = mock_client().await;
    let route = "/api/global/customer.app.CustomerDubboApiService.resetAccount";
    answer(&server, route, EMPTY_ANSWER).await;

    let data = client
        .send(&ResetAccount, Some(&Secret::new(TOKEN)))
        .await
        .expect("resetAccount");

    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url.path(), route);
    assert_customer_headers(&request, Some(TOKEN));
    assert_eq!(body_json(&request), json!({}));
    assert_eq!(data, Value::Null);
}

#[tokio::test]
async fn a_required_calls_without_a_token_are_refused_before_sending() {
    let (server, client) = mock_client().await;
    let switch = client.send(&SwitchAccount, None).await;
    let reset = client.send(&ResetAccount, Some(&Secret::new(""))).await;
    for result in [switch, reset] {
        assert!(
            matches!(
                result,
                Err(ApiError::Unauthorized {
                    family: Family::Customer,
                    ..
                })
            ),
            "{result:?}"
        );
    }
    let requests = server.received_requests().await.expect("recording is on");
    assert!(requests.is_empty(), "nothing may be sent: {requests:?}");
}

#[tokio::test]
async fn a10_random_key() {
    let (server, client) = mock_client().await;
    answer(&server, "/api/global/thirdExt/randomKey", RANDOM_KEY_ANSWER).await;

    let final_token = client
        .send(&RandomKey, Some(&Secret::new("tmp-0c4e2a")))
        .await
        .expect("randomKey");

    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url.path(), "/api/global/thirdExt/randomKey");
    // The one-time token travels in the optional `token` header.
    assert_customer_headers(&request, Some("tmp-0c4e2a"));
    assert_eq!(body_json(&request), json!({}));
    assert_eq!(final_token.expose(), "qfx13-8z5850-mf4l657-gkqbn-167756399");
}

#[tokio::test]
async fn a10_random_key_without_a_token_sends_no_token_header() {
    let (server, client) = mock_client().await;
    answer(&server, "/api/global/thirdExt/randomKey", RANDOM_KEY_ANSWER).await;
    client.send(&RandomKey, None).await.expect("randomKey");
    assert_customer_headers(&only_request(&server).await, None);
}
