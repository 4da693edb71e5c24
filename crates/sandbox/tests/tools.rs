//! The sandbox's own helpers and demo data: SMS codes by target in all three families, expiring
//! tokens, reset, the demo users and the H5 pages.

// Helpers here panic on purpose: a failed expectation is a failed test.
#![allow(clippy::unwrap_used)]

use lcs_api::customer::{Device, Login, LoginType, SwitchAccount};
use lcs_api::planner::{
    ForgetPassword, GetAccountDetail, GetAuthorizationCode, Login as PlannerLogin, Refresh,
};
use lcs_api::user_center::ListQuery;
use lcs_api::user_center::addresses::{AddressAdd, AddressFields, AddressList, AddressQuery};
use lcs_api::user_center::invoices::{InvoiceList, InvoiceQuery};
use lcs_api::user_center::login::{AccountForm, DoSmsLoginPost, LoginParams, LoginPost};
use lcs_api::user_center::messages::{
    MessageFilter, MessageGetMsgCount, MessageGetNotice, MessageList, MessageListChatMsg,
    MessageQuery,
};
use lcs_api::user_center::user::UserInfo;
use lcs_api::{ApiError, Client, ClientConfig, ErrorCode, Secret, password_md5};
use lcs_sandbox::{Db, PLANNER_CLIENT_ID, PLANNER_CLIENT_SECRET, SECRET_HEADER, Sandbox};
use serde_json::{Value, json};

/// The sandbox's demo data as its seed names it, written out so that a change there is noticed
/// here.
struct DemoUser {
    phone: &'static str,
    email: &'static str,
    password: &'static str,
    planner_username: &'static str,
}

const DEMO_USERS: [DemoUser; 2] = [
    DemoUser {
        phone: "13800000001",
        email: "demo@lcs.test",
        password: "demo1234",
        planner_username: "demo",
    },
    DemoUser {
        phone: "13800000002",
        email: "demo2@lcs.test",
        password: "demo5678",
        planner_username: "demo2",
    },
];

async fn sandbox() -> (Sandbox, Client) {
    sandbox_on(Db::open(None).unwrap()).await
}

async fn sandbox_on(db: Db) -> (Sandbox, Client) {
    let sandbox = Sandbox::start(db, 0).await.unwrap();
    let client = Client::new(ClientConfig::single_host(
        sandbox.base_url().parse().unwrap(),
    ))
    .unwrap();
    (sandbox, client)
}

/// Posts JSON to a sandbox helper; answers the status and the JSON body.
async fn helper(sandbox: &Sandbox, path: &str, body: Value) -> (u16, Value) {
    let response = reqwest::Client::new()
        .post(format!("{}__sandbox/{path}", sandbox.base_url()))
        .header(SECRET_HEADER, sandbox.secret())
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

/// An SMS code and its send token for `target`, as the sandbox "sent" it.
async fn sms(sandbox: &Sandbox, target: &str) -> (Secret, Secret) {
    let (status, answer) = helper(sandbox, "sms", json!({"target": target})).await;
    assert_eq!(status, 200, "{answer}");
    let code = answer["code"].as_str().unwrap();
    assert!(code.len() == 6 && code.chars().all(|c| c.is_ascii_digit()));
    (
        Secret::new(code),
        Secret::new(answer["sendToken"].as_str().unwrap()),
    )
}

fn customer_login(
    login_type: LoginType,
    name: &str,
    password: Option<&str>,
    code: Option<(&Secret, &Secret)>,
) -> Login {
    Login {
        login_type,
        phone_area: (login_type == LoginType::Phone).then(|| "+86".into()),
        login_name: name.into(),
        device: Device::current(),
        is_third: false,
        verify_code: code.map(|(code, _)| code.clone()),
        send_token: code.map(|(_, token)| token.clone()),
        login_pwd: password.map(|p| password_md5(&Secret::new(p))),
        bind_third_user_id: None,
        third_source: None,
        google_code: None,
    }
}

fn user_center_login(account: &str, password: &str) -> LoginPost {
    LoginPost(LoginParams {
        encrypt: Some(false),
        password: Some(Secret::new(password)),
        user_account: Some(account.into()),
        ..LoginParams::default()
    })
}

/// Signs in to the user centre and answers the session's token.
async fn user_center_token(client: &Client, account: &str, password: &str) -> Secret {
    client
        .send(&user_center_login(account, password), None)
        .await
        .unwrap()
        .token
        .unwrap()
}

async fn authorization_code(client: &Client) -> Secret {
    client
        .send(
            &GetAuthorizationCode {
                client_id: PLANNER_CLIENT_ID.into(),
                client_secret: Secret::new(PLANNER_CLIENT_SECRET),
                redirect_uri: "lcs://oauth".into(),
                response_type: "code".into(),
                scope: "account".into(),
            },
            None,
        )
        .await
        .unwrap()
        .authorizationcode
        .unwrap()
}

async fn planner_login(client: &Client, username: &str, password: &str) -> (Secret, Secret) {
    let tokens = client
        .send(
            &PlannerLogin {
                username: Some(username.into()),
                password: Secret::new(password),
                phonenumber: None,
                authorizationcode: authorization_code(client).await,
            },
            None,
        )
        .await
        .unwrap();
    (tokens.access_token.unwrap(), tokens.refresh_token.unwrap())
}

fn business_code(error: ApiError) -> String {
    match error {
        ApiError::Business { code, .. } => code,
        other => panic!("expected a business error, got {other:?}"),
    }
}

const SECOND: &DemoUser = &DEMO_USERS[1];

#[tokio::test]
async fn an_sms_code_for_a_target_signs_in_to_each_family_once() {
    let (sandbox, client) = sandbox().await;

    // Family A, by phone with its area code apart, then by e-mail.
    let (code, token) = sms(&sandbox, "+86 13800000002").await;
    let login = customer_login(LoginType::Phone, SECOND.phone, None, Some((&code, &token)));
    let customer = client.send(&login, None).await.unwrap();
    assert_eq!(customer.phone.as_deref(), Some(SECOND.phone));
    let reused = client.send(&login, None).await.unwrap_err();
    assert_eq!(reused.code(), ErrorCode::Business, "a code works once");
    let (code, token) = sms(&sandbox, SECOND.email).await;
    client
        .send(
            &customer_login(LoginType::Email, SECOND.email, None, Some((&code, &token))),
            None,
        )
        .await
        .unwrap();

    // Family B, the area code run together with the number; the send token is the key.
    let (code, token) = sms(&sandbox, "+8613800000002").await;
    let login = DoSmsLoginPost(AccountForm {
        bind_type: Some(1),
        user_account: Some(SECOND.phone.into()),
        verify_code: Some(code),
        verify_key: Some(token.expose().to_owned()),
        ..AccountForm::default()
    });
    let session = client.send(&login, None).await.unwrap();
    let profile = client
        .send(&UserInfo, Some(session.token.as_ref().unwrap()))
        .await
        .unwrap();
    assert_eq!(profile.user_email.as_deref(), Some(SECOND.email));
    let reused = client.send(&login, None).await.unwrap_err();
    assert_eq!(business_code(reused), "1002");

    // Family C, no area code: the code resets the password.
    let (code, _) = sms(&sandbox, SECOND.phone).await;
    let reset = ForgetPassword {
        authorizationcode: authorization_code(&client).await,
        newpassword: Secret::new("fresh-5678"),
        phonenumber: SECOND.phone.into(),
        verificationcode: code,
    };
    client.send(&reset, None).await.unwrap();
    planner_login(&client, SECOND.planner_username, "fresh-5678").await;
    let reused = client.send(&reset, None).await.unwrap_err();
    assert_eq!(business_code(reused), "23", "a code works once");
}

#[tokio::test]
async fn an_expired_code_and_a_bad_target_are_refused() {
    let (sandbox, client) = sandbox().await;
    let (status, answer) =
        helper(&sandbox, "sms", json!({"target": SECOND.phone, "ttlMs": 0})).await;
    assert_eq!(status, 200);
    let (code, token) = (
        Secret::new(answer["code"].as_str().unwrap()),
        Secret::new(answer["sendToken"].as_str().unwrap()),
    );
    let expired = client
        .send(
            &customer_login(LoginType::Phone, SECOND.phone, None, Some((&code, &token))),
            None,
        )
        .await
        .unwrap_err();
    assert_eq!(business_code(expired), "10003");

    for body in [
        json!({"target": "not a phone"}),
        json!({}),
        json!({"target": 13800000002_i64}),
        json!({"target": SECOND.phone, "ttlMs": -1}),
    ] {
        let (status, answer) = helper(&sandbox, "sms", body.clone()).await;
        assert_eq!(status, 400, "{body}");
        assert!(!answer["error"].as_str().unwrap().is_empty());
    }
}

#[tokio::test]
async fn an_expired_token_makes_each_familys_next_call_unauthorized() {
    let (sandbox, client) = sandbox().await;

    // Family A: a call that needs a session answers HTTP 401 once it is gone.
    let customer = client
        .send(
            &customer_login(LoginType::Phone, SECOND.phone, Some(SECOND.password), None),
            None,
        )
        .await
        .unwrap();
    let token = customer.token.unwrap();
    client.send(&SwitchAccount, Some(&token)).await.unwrap();
    let (status, answer) = helper(&sandbox, "expire", json!({"token": token.expose()})).await;
    assert_eq!((status, &answer["families"]), (200, &json!(["A"])));
    let after = client.send(&SwitchAccount, Some(&token)).await.unwrap_err();
    assert_eq!(after.code(), ErrorCode::Unauthorized, "{after:?}");

    // Family B.
    let session = client
        .send(&user_center_login(SECOND.email, SECOND.password), None)
        .await
        .unwrap();
    let token = session.token.unwrap();
    client.send(&UserInfo, Some(&token)).await.unwrap();
    let (status, _) = helper(&sandbox, "expire", json!({"token": token.expose()})).await;
    assert_eq!(status, 200);
    let after = client.send(&UserInfo, Some(&token)).await.unwrap_err();
    assert_eq!(after.code(), ErrorCode::Unauthorized, "{after:?}");

    // Family C: the access token alone, so a refresh still works; then the refresh token.
    let (access, refresh) = planner_login(&client, SECOND.planner_username, SECOND.password).await;
    client.send(&GetAccountDetail, Some(&access)).await.unwrap();
    let (status, _) = helper(&sandbox, "expire", json!({"token": access.expose()})).await;
    assert_eq!(status, 200);
    let after = client
        .send(&GetAccountDetail, Some(&access))
        .await
        .unwrap_err();
    assert_eq!(after.code(), ErrorCode::Unauthorized, "{after:?}");
    let renewed = client
        .send(
            &Refresh {
                refresh_token: refresh,
            },
            None,
        )
        .await
        .unwrap();
    let refresh = renewed.refresh_token.unwrap();
    let (status, _) = helper(&sandbox, "expire", json!({"token": refresh.expose()})).await;
    assert_eq!(status, 200);
    let after = client
        .send(
            &Refresh {
                refresh_token: refresh,
            },
            None,
        )
        .await
        .unwrap_err();
    assert_eq!(after.code(), ErrorCode::Unauthorized, "{after:?}");

    let (status, answer) = helper(&sandbox, "expire", json!({"token": "never-issued"})).await;
    assert_eq!(status, 404);
    assert!(answer["error"].is_string());
    let (status, _) = helper(&sandbox, "expire", json!({"tokn": "typo"})).await;
    assert_eq!(status, 400);
}

async fn address_count(client: &Client, token: &Secret) -> Option<i64> {
    client
        .send(&AddressList(AddressQuery::default()), Some(token))
        .await
        .unwrap()
        .records
}

#[tokio::test]
async fn reset_brings_back_the_demo_data_and_disarms_faults() {
    let (sandbox, client) = sandbox().await;
    let token = user_center_token(&client, SECOND.phone, SECOND.password).await;
    client
        .send(
            &AddressAdd(AddressFields {
                ud_name: Some("李雷".into()),
                ud_mobile: Some("13911112222".into()),
                ud_address: Some("北京市海淀区中关村大街 1 号".into()),
                ..AddressFields::default()
            }),
            Some(&token),
        )
        .await
        .unwrap();
    assert_eq!(address_count(&client, &token).await, Some(1));
    let (code, _) = sms(&sandbox, SECOND.phone).await;
    client
        .send(
            &ForgetPassword {
                authorizationcode: authorization_code(&client).await,
                newpassword: Secret::new("changed-1"),
                phonenumber: SECOND.phone.into(),
                verificationcode: code,
            },
            None,
        )
        .await
        .unwrap();
    let (status, _) = helper(
        &sandbox,
        "faults",
        json!({"path": "/front/", "kind": "http500", "count": 5}),
    )
    .await;
    assert_eq!(status, 200);

    let (status, answer) = helper(&sandbox, "reset", json!({})).await;
    assert_eq!((status, &answer["reset"]), (200, &json!(true)));

    let stale = client.send(&UserInfo, Some(&token)).await.unwrap_err();
    assert_eq!(stale.code(), ErrorCode::Unauthorized, "sessions are gone");
    let token = user_center_token(&client, SECOND.phone, SECOND.password).await;
    assert_eq!(
        address_count(&client, &token).await,
        Some(0),
        "the added address is gone"
    );
    planner_login(&client, SECOND.planner_username, SECOND.password).await;
}

#[tokio::test]
async fn every_demo_user_signs_in_to_every_family_and_the_first_has_data_to_show() {
    let (_sandbox, client) = sandbox().await;
    for demo in DEMO_USERS {
        client
            .send(
                &customer_login(LoginType::Email, demo.email, Some(demo.password), None),
                None,
            )
            .await
            .unwrap();
        client
            .send(&user_center_login(demo.email, demo.password), None)
            .await
            .unwrap();
        planner_login(&client, demo.planner_username, demo.password).await;
    }

    let first = &DEMO_USERS[0];
    let token = user_center_token(&client, first.phone, first.password).await;
    let all = |size| MessageQuery {
        list: ListQuery {
            size: Some(size),
            ..ListQuery::default()
        },
        ..MessageQuery::default()
    };
    let messages = client
        .send(&MessageList(all(200)), Some(&token))
        .await
        .unwrap();
    assert!(messages.records.unwrap() >= 60, "{:?}", messages.records);
    let rows: Vec<Value> = messages
        .items
        .iter()
        .map(|item| serde_json::to_value(item).unwrap())
        .collect();
    let has = |key: &str, value: Value| rows.iter().any(|row| find(row, key) == Some(&value));
    assert!(has("message_type", json!(1)), "notices");
    assert!(has("message_type", json!(2)), "chats");
    assert!(has("message_is_read", json!(true)) || has("message_is_read", json!(1)));
    assert!(has("message_is_read", json!(false)) || has("message_is_read", json!(0)));

    let addresses = client
        .send(&AddressList(AddressQuery::default()), Some(&token))
        .await
        .unwrap();
    assert_eq!(addresses.records, Some(3));
    let defaults = addresses
        .items
        .iter()
        .filter(|a| a.ud_is_default == Some(true))
        .count();
    assert_eq!(defaults, 1);
    let invoices = client
        .send(&InvoiceList(InvoiceQuery::default()), Some(&token))
        .await
        .unwrap();
    assert_eq!(invoices.records, Some(2));
}

/// The first value under `key` anywhere in `value`.
fn find<'a>(value: &'a Value, key: &str) -> Option<&'a Value> {
    match value {
        Value::Object(map) => map
            .get(key)
            .or_else(|| map.values().find_map(|v| find(v, key))),
        Value::Array(items) => items.iter().find_map(|v| find(v, key)),
        _ => None,
    }
}

#[tokio::test]
async fn reopening_a_database_file_seeds_nothing_twice() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sandbox.sqlite");
    let mut counts = Vec::new();
    for _ in 0..2 {
        let (sandbox, client) = sandbox_on(Db::open(Some(&path)).unwrap()).await;
        let first = &DEMO_USERS[0];
        let token = user_center_token(&client, first.phone, first.password).await;
        let messages = client
            .send(&MessageList(MessageQuery::default()), Some(&token))
            .await
            .unwrap()
            .records;
        counts.push((messages, address_count(&client, &token).await));
        sandbox.stop().await.unwrap();
    }
    assert_eq!(counts[0], counts[1]);
}

#[tokio::test]
async fn the_h5_index_is_served_with_its_content_type_and_unknown_files_are_404() {
    let (sandbox, _client) = sandbox().await;
    for path in ["h5/", "h5/index.html", "h5"] {
        let response = reqwest::get(format!("{}{path}", sandbox.base_url()))
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(
            response.headers()["content-type"],
            "text/html; charset=utf-8"
        );
        let page = response.text().await.unwrap();
        assert!(page.contains("<title>LCS H5 demo</title>"), "{page}");
    }
    let missing = reqwest::get(format!("{}h5/nothing.js", sandbox.base_url()))
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
}

/// The newest page of the signed-in user's thread with `other`, as a client asks for it.
fn thread_with(other: i64) -> MessageListChatMsg {
    MessageListChatMsg(MessageQuery {
        list: ListQuery {
            sidx: Some("messageTime".into()),
            sort: Some("desc".into()),
            ..ListQuery::page(1, 10)
        },
        filter: MessageFilter {
            user_other_id: Some(other),
            ..MessageFilter::default()
        },
    })
}

#[tokio::test]
async fn the_other_side_speaks_through_the_messages_helper_and_the_next_reads_hear_it() {
    let (sandbox, client) = sandbox().await;
    let [first, second] = &DEMO_USERS;
    let token = user_center_token(&client, first.phone, first.password).await;
    let unread = |token: Secret| {
        let client = client.clone();
        async move {
            client
                .send(&MessageGetMsgCount::default(), Some(&token))
                .await
                .unwrap()
                .num
                .unwrap()
        }
    };
    let before = unread(token.clone()).await;

    // Customer service answers in the user's chat with it.
    let (status, reply) = helper(
        &sandbox,
        "messages",
        json!({"to": first.phone, "from": "kefu", "content": "您好，您的问题已处理。"}),
    )
    .await;
    assert_eq!(status, 200, "{reply}");
    assert_eq!(reply["userOtherId"], json!(1));
    let thread = client.send(&thread_with(1), Some(&token)).await.unwrap();
    let newest = thread.items[0].msg.as_ref().unwrap();
    assert_eq!(newest.message.message_id, reply["messageId"].as_i64());
    assert_eq!(
        newest.message.message_content.as_deref(),
        Some("您好，您的问题已处理。")
    );
    assert_eq!(newest.message.message_is_read, Some(false));
    assert_eq!(newest.message.message_time, reply["time"].as_i64());
    assert!(
        thread.items[1..].iter().all(|entry| {
            entry.msg.as_ref().unwrap().message.message_time < reply["time"].as_i64()
        }),
        "the reply is the newest of its thread"
    );
    assert_eq!(unread(token.clone()).await, before + 1);

    // A notice from the system, with its title, among the notices.
    let (status, notice) = helper(
        &sandbox,
        "messages",
        json!({"from": "system", "title": "维护通知", "content": "今晚维护。"}),
    )
    .await;
    assert_eq!(status, 200, "{notice}");
    let notices = client.send(&MessageGetNotice, Some(&token)).await.unwrap();
    assert_eq!(notices.0[0].message_id, notice["messageId"].as_i64());
    assert_eq!(notices.0[0].message_title.as_deref(), Some("维护通知"));
    assert_eq!(unread(token.clone()).await, before + 2);

    // Another user writes: received in one mailbox, sent in the other's.
    let (status, from_user) = helper(
        &sandbox,
        "messages",
        json!({"to": first.email, "from": second.phone, "content": "在吗？"}),
    )
    .await;
    assert_eq!(status, 200, "{from_user}");
    let second_id = from_user["userOtherId"].as_i64().unwrap();
    let list = client
        .send(&MessageList(MessageQuery::default()), Some(&token))
        .await
        .unwrap();
    let newest = &list.items[0].message;
    assert_eq!(newest.message_id, from_user["messageId"].as_i64());
    assert_eq!(newest.user_other_id, Some(second_id));
    assert_eq!(unread(token.clone()).await, before + 3);
    let second_token = user_center_token(&client, second.phone, second.password).await;
    let own_id = client
        .send(&UserInfo, Some(&token))
        .await
        .unwrap()
        .user_id
        .unwrap();
    let sent = client
        .send(&thread_with(own_id), Some(&second_token))
        .await
        .unwrap();
    let sent = &sent.items[0].msg.as_ref().unwrap().message;
    assert_eq!(sent.message_content.as_deref(), Some("在吗？"));
    assert_eq!(sent.message_kind, Some(1));

    // Nobody by that name, and nothing to say.
    let (status, _) = helper(
        &sandbox,
        "messages",
        json!({"to": "nobody@lcs.test", "content": "hi"}),
    )
    .await;
    assert_eq!(status, 404);
    let (status, _) = helper(&sandbox, "messages", json!({"content": "  "})).await;
    assert_eq!(status, 400);
}
