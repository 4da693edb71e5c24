//! Family A against the sandbox, through the real client: what a user of the app would do.

// Helpers here panic on purpose: a failed expectation is a failed test.
#![allow(clippy::unwrap_used)]

use lcs_api::customer::{
    CheckPhone, CheckPhoneForRetriedLoginPwd, CheckToken, Customer, Device, FirstSetLoginPwd,
    Login, LoginType, RandomKey, Register, ResetAccount, RetrieveLoginPwd, SwitchAccount,
};
use lcs_api::{ApiError, Client, ClientConfig, ErrorCode, Secret, password_md5};
use lcs_sandbox::{Db, SECRET_HEADER, Sandbox};
use serde_json::{Value, json};

/// The sandbox's demo data as its seed names it, written out so that a change there is noticed
/// here.
const DEMO_PHONE_AREA: &str = "+86";
const DEMO_PHONE: &str = "13800000001";
const DEMO_PASSWORD: &str = "demo1234";

async fn sandbox() -> (Sandbox, Client) {
    let sandbox = Sandbox::start(Db::open(None).unwrap(), 0).await.unwrap();
    let client = Client::new(ClientConfig::single_host(
        sandbox.base_url().parse().unwrap(),
    ))
    .unwrap();
    (sandbox, client)
}

fn password_login(login_type: LoginType, name: &str, password: &str) -> Login {
    Login {
        login_type,
        phone_area: (login_type == LoginType::Phone).then(|| DEMO_PHONE_AREA.into()),
        login_name: name.into(),
        device: Device::current(),
        is_third: false,
        verify_code: None,
        send_token: None,
        login_pwd: Some(password_md5(&Secret::new(password))),
        bind_third_user_id: None,
        third_source: None,
        google_code: None,
    }
}

/// What a tester does to receive an SMS: ask the sandbox for the code it "sent".
async fn sms_code(sandbox: &Sandbox, body: Value) -> (Secret, Secret) {
    let answer: Value = reqwest::Client::new()
        .post(format!("{}__sandbox/sms", sandbox.base_url()))
        .header(SECRET_HEADER, sandbox.secret())
        .json(&body)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    (
        Secret::new(answer["code"].as_str().unwrap()),
        Secret::new(answer["sendToken"].as_str().unwrap()),
    )
}

/// A2 by phone with an SMS code, with or without a password.
fn register_by_phone(
    phone: &str,
    code: &Secret,
    send_token: &Secret,
    password: Option<&str>,
) -> Register {
    Register {
        forwarded_for: "127.0.0.1".into(),
        country: "CN".into(),
        lang: None,
        login_name: phone.into(),
        phone_area: Some("+86".into()),
        register_type: LoginType::Phone,
        register_device: None,
        verify_code: code.clone(),
        send_token: send_token.clone(),
        register_source: Device::current(),
        utm_source: None,
        utm_medium: None,
        utm_campaign: None,
        utm_content: None,
        utm_term: None,
        customer_group_id: None,
        trade_type_currency_list: Vec::new(),
        open_account_type: None,
        pwd: password.map(|p| password_md5(&Secret::new(p))),
        third_server_code: None,
        third_server_source: None,
    }
}

fn business_code(error: ApiError) -> String {
    match error {
        ApiError::Business { code, .. } => code,
        other => panic!("expected a business error, got {other:?}"),
    }
}

#[tokio::test]
async fn the_demo_customer_signs_in_with_a_password_and_sees_a_real_and_a_demo_account() {
    let (_sandbox, client) = sandbox().await;
    let customer: Customer = client
        .send(
            &password_login(LoginType::Phone, DEMO_PHONE, DEMO_PASSWORD),
            None,
        )
        .await
        .unwrap();

    assert!(customer.token.as_ref().is_some_and(|t| !t.is_empty()));
    assert!(customer.r_token.as_ref().is_some_and(|t| !t.is_empty()));
    assert_eq!(customer.phone.as_deref(), Some(DEMO_PHONE));
    let balances: Vec<_> = customer
        .account_list
        .iter()
        .map(|a| (a.currency.as_deref(), a.balance.as_deref()))
        .collect();
    assert_eq!(
        balances,
        vec![
            (Some("USDT"), Some("10000.0000")),
            (Some("USDT"), Some("100000.0000"))
        ]
    );
}

#[tokio::test]
async fn every_way_of_naming_the_account_works_and_a_wrong_password_is_refused() {
    let (_sandbox, client) = sandbox().await;
    let by_email = client
        .send(
            &password_login(LoginType::Email, "DEMO@lcs.test", DEMO_PASSWORD),
            None,
        )
        .await
        .unwrap();
    let customer_no = by_email.customer_no.clone().unwrap();
    let by_number = client
        .send(
            &password_login(LoginType::CustomerNo, &customer_no, DEMO_PASSWORD),
            None,
        )
        .await
        .unwrap();
    assert_eq!(by_number.id, by_email.id);
    assert_ne!(
        by_number.token, by_email.token,
        "each sign-in is a new session"
    );

    let error = client
        .send(&password_login(LoginType::Phone, DEMO_PHONE, "wrong"), None)
        .await
        .unwrap_err();
    assert_eq!(business_code(error.clone()), "10001");
    assert_eq!(error.user_message(lcs_api::Lang::ZhCn), "账号或密码错误");
}

#[tokio::test]
async fn a_new_user_registers_with_an_sms_code_then_signs_in_and_the_code_works_once() {
    let (sandbox, client) = sandbox().await;
    let phone = "13900000002";
    let (code, send_token) = sms_code(&sandbox, json!({"phoneArea": "+86", "phone": phone})).await;
    let register = register_by_phone(phone, &code, &send_token, Some("n3w-pass"));
    let registered = client.send(&register, None).await.unwrap();
    assert!(registered.customer_no.is_some());

    let customer = client
        .send(&password_login(LoginType::Phone, phone, "n3w-pass"), None)
        .await
        .unwrap();
    assert_eq!(customer.customer_no, registered.customer_no);

    let again = client.send(&register, None).await.unwrap_err();
    assert_eq!(business_code(again), "10004", "the phone is taken now");

    let mut sms_login = password_login(LoginType::Phone, phone, "");
    sms_login.login_pwd = None;
    sms_login.verify_code = Some(code);
    sms_login.send_token = Some(send_token);
    let reused = client.send(&sms_login, None).await.unwrap_err();
    assert_eq!(business_code(reused), "10003", "a code works once");
}

#[tokio::test]
async fn signing_in_with_an_sms_code() {
    let (sandbox, client) = sandbox().await;
    let (code, send_token) = sms_code(
        &sandbox,
        json!({"phoneArea": DEMO_PHONE_AREA, "phone": DEMO_PHONE}),
    )
    .await;
    let mut login = password_login(LoginType::Phone, DEMO_PHONE, "");
    login.login_pwd = None;
    login.verify_code = Some(Secret::new("000000"));
    login.send_token = Some(send_token.clone());
    let wrong = client.send(&login, None).await.unwrap_err();
    assert_eq!(business_code(wrong), "10003");

    login.verify_code = Some(code);
    let customer = client.send(&login, None).await.unwrap();
    assert_eq!(customer.phone.as_deref(), Some(DEMO_PHONE));
}

#[tokio::test]
async fn check_phone_says_whether_a_number_is_free() {
    let (_sandbox, client) = sandbox().await;
    let taken = CheckPhone {
        phone: DEMO_PHONE.into(),
        phone_area: DEMO_PHONE_AREA.into(),
    };
    assert_eq!(
        business_code(client.send(&taken, None).await.unwrap_err()),
        "10004"
    );
    let free = CheckPhone {
        phone: "13700000009".into(),
        phone_area: "+86".into(),
    };
    client.send(&free, None).await.unwrap();
}

#[tokio::test]
async fn a_request_without_the_documented_headers_is_told_which_is_missing() {
    let (sandbox, _client) = sandbox().await;
    let answer: Value = reqwest::Client::new()
        .post(format!(
            "{}api/login/customer.app.CustomerWebApiService.login",
            sandbox.base_url()
        ))
        .json(&json!({}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(answer["code"], "40001");
    assert_eq!(answer["msg"], "missing header: version");
    assert_eq!(answer["ok"], false);
}

async fn demo_login(client: &Client) -> Customer {
    client
        .send(
            &password_login(LoginType::Phone, DEMO_PHONE, DEMO_PASSWORD),
            None,
        )
        .await
        .unwrap()
}

/// The trading accounts as (type, balance), in the order the answer lists them.
fn accounts(customer: &Customer) -> Vec<(i64, String)> {
    customer
        .account_list
        .iter()
        .map(|a| (a.account_type.unwrap(), a.balance.clone().unwrap()))
        .collect()
}

async fn sandbox_post(sandbox: &Sandbox, path: &str, body: Value) -> Value {
    reqwest::Client::new()
        .post(format!("{}{path}", sandbox.base_url()))
        .header(SECRET_HEADER, sandbox.secret())
        .json(&body)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_forgotten_password_is_retrieved_in_two_steps_and_the_step_token_works_once() {
    let (sandbox, client) = sandbox().await;
    let old_session = demo_login(&client).await.token.unwrap();
    let (code, send_token) = sms_code(
        &sandbox,
        json!({"phoneArea": DEMO_PHONE_AREA, "phone": DEMO_PHONE}),
    )
    .await;
    let step_one = CheckPhoneForRetriedLoginPwd {
        phone: DEMO_PHONE.into(),
        phone_area: DEMO_PHONE_AREA.into(),
        sms_verify_code: code,
        sms_send_token: send_token,
    };
    let ticket = client.send(&step_one, None).await.unwrap().token.unwrap();
    let step_two = RetrieveLoginPwd {
        token: ticket,
        login_pwd: password_md5(&Secret::new("found-again")),
    };
    client.send(&step_two, None).await.unwrap();

    let reused = client.send(&step_two, None).await.unwrap_err();
    assert_eq!(business_code(reused), "10005", "the step token works once");
    let replayed = client.send(&step_one, None).await.unwrap_err();
    assert_eq!(business_code(replayed), "10003", "and so does the SMS code");

    let old = client
        .send(
            &password_login(LoginType::Phone, DEMO_PHONE, DEMO_PASSWORD),
            None,
        )
        .await
        .unwrap_err();
    assert_eq!(business_code(old), "10001");
    client
        .send(
            &password_login(LoginType::Phone, DEMO_PHONE, "found-again"),
            None,
        )
        .await
        .unwrap();
    let signed_out = client
        .send(&SwitchAccount, Some(&old_session))
        .await
        .unwrap_err();
    assert_eq!(
        signed_out.code(),
        ErrorCode::Unauthorized,
        "the sessions from before the retrieval are over"
    );
}

#[tokio::test]
async fn switching_accounts_flips_between_real_and_demo_and_login_shows_it() {
    let (_sandbox, client) = sandbox().await;
    let customer = demo_login(&client).await;
    assert_eq!(customer.company_type.as_deref(), Some("real"));
    assert_eq!(accounts(&customer)[0].0, 1, "the real account leads");

    client
        .send(&SwitchAccount, customer.token.as_ref())
        .await
        .unwrap();
    let customer = demo_login(&client).await;
    assert_eq!(customer.company_type.as_deref(), Some("demo"));
    assert_eq!(
        accounts(&customer),
        vec![(2, "100000.0000".to_owned()), (1, "10000.0000".to_owned())]
    );

    client
        .send(&SwitchAccount, customer.token.as_ref())
        .await
        .unwrap();
    assert_eq!(
        demo_login(&client).await.company_type.as_deref(),
        Some("real")
    );

    let nobody = client
        .send(&SwitchAccount, Some(&Secret::new("not-a-session")))
        .await
        .unwrap_err();
    assert_eq!(nobody.code(), ErrorCode::Unauthorized);
}

#[tokio::test]
async fn resetting_the_demo_account_restores_its_balance() {
    let (sandbox, client) = sandbox().await;
    let customer = demo_login(&client).await;
    let demo = customer
        .account_list
        .iter()
        .find(|a| a.account_type == Some(2))
        .unwrap();
    let real = customer
        .account_list
        .iter()
        .find(|a| a.account_type == Some(1))
        .unwrap();
    for (account, balance) in [(demo, "12.3400"), (real, "5.0000")] {
        sandbox_post(
            &sandbox,
            "__sandbox/account-balance",
            json!({"accountId": account.account_id, "balance": balance}),
        )
        .await;
    }
    assert_eq!(
        accounts(&demo_login(&client).await),
        vec![(1, "5.0000".to_owned()), (2, "12.3400".to_owned())]
    );

    client
        .send(&ResetAccount, customer.token.as_ref())
        .await
        .unwrap();
    assert_eq!(
        accounts(&demo_login(&client).await),
        vec![(1, "5.0000".to_owned()), (2, "100000.0000".to_owned())],
        "only the demo account is reset"
    );
}

#[tokio::test]
async fn a_temporary_token_is_exchanged_once_for_an_access_token() {
    let (sandbox, client) = sandbox().await;
    let issued = sandbox_post(&sandbox, "__sandbox/temp-token", json!({})).await;
    let temporary = Secret::new(issued["token"].as_str().unwrap());

    let access = client.send(&RandomKey, Some(&temporary)).await.unwrap();
    assert!(!access.is_empty());
    assert_ne!(access, temporary);
    client.send(&SwitchAccount, Some(&access)).await.unwrap();
    client
        .send(&CheckToken::default(), Some(&access))
        .await
        .unwrap();

    let again = client.send(&RandomKey, Some(&temporary)).await.unwrap_err();
    assert_eq!(business_code(again), "10005");
    let none = client.send(&RandomKey, None).await.unwrap_err();
    assert_eq!(business_code(none), "10005");
}

/// checkToken as the seed lays it out: the session in the `token` header, an e-mail link's
/// token in the body. A dead session is HTTP 401; a body token that is no link token (a
/// session's included) is a business refusal.
#[tokio::test]
async fn check_token_takes_the_session_as_the_header_and_a_link_token_in_the_body() {
    let (sandbox, client) = sandbox().await;
    let session = demo_login(&client).await.token.unwrap();
    client
        .send(&CheckToken::default(), Some(&session))
        .await
        .unwrap();

    let dead = client
        .send(&CheckToken::default(), Some(&Secret::new("made-up")))
        .await
        .unwrap_err();
    assert!(matches!(dead, ApiError::Unauthorized { .. }), "{dead:?}");

    let session_as_link = CheckToken {
        token: Some(session.clone()),
    };
    assert_eq!(
        business_code(client.send(&session_as_link, None).await.unwrap_err()),
        "10005"
    );
    let issued = sandbox_post(&sandbox, "__sandbox/temp-token", json!({})).await;
    let link = CheckToken {
        token: Some(Secret::new(issued["token"].as_str().unwrap())),
    };
    client.send(&link, None).await.unwrap();
    client.send(&link, Some(&session)).await.unwrap();

    let neither = client.send(&CheckToken::default(), None).await.unwrap_err();
    assert_eq!(business_code(neither), "40002");
}

#[tokio::test]
async fn an_account_registered_without_a_password_sets_its_first_one_and_is_signed_in() {
    let (sandbox, client) = sandbox().await;
    let phone = "13900000004";
    let (code, send_token) = sms_code(&sandbox, json!({"phoneArea": "+86", "phone": phone})).await;
    client
        .send(&register_by_phone(phone, &code, &send_token, None), None)
        .await
        .unwrap();

    let (code, send_token) = sms_code(&sandbox, json!({"phoneArea": "+86", "phone": phone})).await;
    let mut sms_login = password_login(LoginType::Phone, phone, "");
    sms_login.login_pwd = None;
    sms_login.verify_code = Some(code);
    sms_login.send_token = Some(send_token);
    let by_sms = client.send(&sms_login, None).await.unwrap();
    assert_eq!(
        by_sms.login_pass_status.as_deref(),
        Some("1"),
        "no password yet"
    );

    let first = FirstSetLoginPwd {
        device: Device::current(),
        token: by_sms.token.clone().unwrap(),
        login_pwd: password_md5(&Secret::new("first-pw")),
    };
    let signed_in = client.send(&first, None).await.unwrap();
    assert_eq!(signed_in.login_pass_status.as_deref(), Some("2"));
    assert_eq!(signed_in.id, by_sms.id);
    let token = signed_in.token.unwrap();
    assert_ne!(Some(&token), by_sms.token.as_ref());
    client.send(&SwitchAccount, Some(&token)).await.unwrap();

    client
        .send(&password_login(LoginType::Phone, phone, "first-pw"), None)
        .await
        .unwrap();
    let again = FirstSetLoginPwd {
        token,
        ..first.clone()
    };
    assert_eq!(
        business_code(client.send(&again, None).await.unwrap_err()),
        "10007",
        "the first password is set only once"
    );
}
