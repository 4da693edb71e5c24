//! Family B against the sandbox, through the real client: what a user of the app would do.

// Helpers here panic on purpose: a failed expectation is a failed test.
#![allow(clippy::unwrap_used)]

use lcs_api::user_center::addresses::{
    Address, AddressAdd, AddressEdit, AddressFields, AddressGet, AddressList, AddressQuery,
    AddressRemove, AddressSave, AddressTag, ManageAddressList, ManageAddressRemoveBatch,
};
use lcs_api::user_center::invoices::{
    InvoiceAdd, InvoiceEdit, InvoiceFields, InvoiceGet, InvoiceList, InvoiceMedium, InvoiceQuery,
    InvoiceRemove, InvoiceType,
};
use lcs_api::user_center::login::{
    AccountForm, DoSmsLoginPost, LoginGet, LoginParams, LoginPost, LogoutPost, NewPasswordParams,
    Protocol, RegisterPost, SetNewPasswordPost,
};
use lcs_api::user_center::messages::{
    MessageAdd, MessageFilter, MessageGet, MessageGetMsgCount, MessageGetNotice,
    MessageListChatMsg, MessageQuery, MessageSetRead,
};
use lcs_api::user_center::user::{
    BindMobilePost, Gender, ListBaseUserLevel, ListsExpRule, SaveCertificate, UnBindMobilePost,
    UserEdit, UserFields, UserInfo,
};
use lcs_api::user_center::wechat::{WechatCheckAppLogin, WechatGetQrCode, WechatIndex};
use lcs_api::user_center::{ListQuery, Page};
use lcs_api::{ApiError, Client, ClientConfig, Secret, password_md5};
use lcs_sandbox::{Db, SECRET_HEADER, Sandbox};
use serde_json::{Value, json};

/// The sandbox's demo data as its seed names it, written out so that a change there is noticed
/// here.
const DEMO_PHONE: &str = "13800000001";
const DEMO_EMAIL: &str = "demo@lcs.test";
const DEMO_PASSWORD: &str = "demo1234";
const DEMO_NICKNAME: &str = "演示用户";

struct DemoUser {
    phone: &'static str,
    password: &'static str,
}

const DEMO_USERS: [DemoUser; 2] = [
    DemoUser {
        phone: "13800000001",
        password: "demo1234",
    },
    DemoUser {
        phone: "13800000002",
        password: "demo5678",
    },
];

async fn sandbox() -> (Sandbox, Client) {
    let sandbox = Sandbox::start(Db::open(None).unwrap(), 0).await.unwrap();
    let client = Client::new(ClientConfig::single_host(
        sandbox.base_url().parse().unwrap(),
    ))
    .unwrap();
    (sandbox, client)
}

fn password_login(account: &str, password: &str) -> LoginPost {
    LoginPost(LoginParams {
        encrypt: Some(false),
        password: Some(Secret::new(password)),
        user_account: Some(account.into()),
        ..LoginParams::default()
    })
}

/// The demo user's session token.
async fn demo(client: &Client) -> Secret {
    let session = client
        .send(&password_login(DEMO_PHONE, DEMO_PASSWORD), None)
        .await
        .unwrap();
    session.token.unwrap()
}

/// The second demo user's session token: a user with the new-user inbox and no addresses or
/// invoices, for tests that count what they add.
async fn newcomer(client: &Client) -> Secret {
    let newcomer = &DEMO_USERS[1];
    let session = client
        .send(&password_login(newcomer.phone, newcomer.password), None)
        .await
        .unwrap();
    session.token.unwrap()
}

/// The addresses the first demo user starts with, which the back office also sees.
const SEEDED_ADDRESSES: i64 = 3;

/// What a tester does to receive an SMS: ask the sandbox for the code it "sent". Answers the
/// code and its key (the send token).
async fn sms_code(sandbox: &Sandbox, phone: &str) -> (Secret, String) {
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
    (
        Secret::new(answer["code"].as_str().unwrap()),
        answer["sendToken"].as_str().unwrap().to_owned(),
    )
}

/// A new user registered with an SMS code; answers their token.
async fn register(sandbox: &Sandbox, client: &Client, phone: &str, password: &str) -> Secret {
    let (code, key) = sms_code(sandbox, phone).await;
    let session = client
        .send(
            &RegisterPost(AccountForm {
                bind_type: Some(1),
                encrypt: Some(true),
                password: Some(password_md5(&Secret::new(password))),
                user_account: Some(phone.into()),
                verify_code: Some(code),
                verify_key: Some(key),
            }),
            None,
        )
        .await
        .unwrap();
    assert!(session.user_id.is_some());
    session.token.unwrap()
}

fn business_code(error: ApiError) -> String {
    match error {
        ApiError::Business { code, .. } => code,
        other => panic!("expected a business error, got {other:?}"),
    }
}

fn is_unauthorized(error: &ApiError) -> bool {
    matches!(error, ApiError::Unauthorized { .. })
}

fn address(name: &str, city: &str) -> AddressFields {
    AddressFields {
        ud_name: Some(name.into()),
        ud_mobile: Some("13911112222".into()),
        ud_province: Some("广东省".into()),
        ud_city: Some(city.into()),
        ud_county: Some("南山区".into()),
        ud_address: Some(format!("{name}的家 1 号")),
        ud_tag_name: Some(AddressTag::Home),
        ..AddressFields::default()
    }
}

async fn addresses(client: &Client, token: &Secret, query: AddressQuery) -> Page<Address> {
    client.send(&AddressList(query), Some(token)).await.unwrap()
}

fn defaults(page: &Page<Address>) -> Vec<String> {
    page.items
        .iter()
        .filter(|a| a.ud_is_default == Some(true))
        .map(|a| a.ud_name.clone().unwrap())
        .collect()
}

#[tokio::test]
async fn the_demo_user_signs_in_and_sees_their_profile() {
    let (_sandbox, client) = sandbox().await;
    let token = demo(&client).await;
    let profile = client.send(&UserInfo, Some(&token)).await.unwrap();
    assert_eq!(profile.user_nickname.as_deref(), Some(DEMO_NICKNAME));
    assert_eq!(profile.user_mobile.as_deref(), Some(DEMO_PHONE));
    assert_eq!(profile.user_email.as_deref(), Some(DEMO_EMAIL));
    assert_eq!(profile.user_level_name.as_deref(), Some("普通会员"));

    // The same person by e-mail, with the password sent as its MD5, over GET.
    let by_email = client
        .send(
            &LoginGet(LoginParams {
                encrypt: Some(true),
                password: Some(password_md5(&Secret::new(DEMO_PASSWORD))),
                user_account: Some(DEMO_EMAIL.into()),
                ..LoginParams::default()
            }),
            None,
        )
        .await
        .unwrap();
    assert_eq!(by_email.user_id, profile.user_id);

    let wrong = client
        .send(&password_login(DEMO_PHONE, "wrong"), None)
        .await
        .unwrap_err();
    assert_eq!(business_code(wrong), "1001");
}

#[tokio::test]
async fn editing_the_profile_and_verifying_the_real_name() {
    let (_sandbox, client) = sandbox().await;
    let token = demo(&client).await;
    client
        .send(
            &UserEdit(UserFields {
                user_nickname: Some("小明".into()),
                user_gender: Some(Gender::Male),
                user_birthday: Some("1990-05-20".into()),
                ..UserFields::default()
            }),
            Some(&token),
        )
        .await
        .unwrap();
    let bad_birthday = client
        .send(
            &UserEdit(UserFields {
                user_birthday: Some("20 May".into()),
                ..UserFields::default()
            }),
            Some(&token),
        )
        .await
        .unwrap_err();
    assert_eq!(business_code(bad_birthday), "1400");

    client
        .send(
            &SaveCertificate(UserFields {
                user_realname: Some("王小明".into()),
                user_idcard: Some("110105199005201236".into()),
                ..UserFields::default()
            }),
            Some(&token),
        )
        .await
        .unwrap();
    let pending = client.send(&UserInfo, Some(&token)).await.unwrap();
    assert_eq!(pending.user_nickname.as_deref(), Some("小明"));
    assert_eq!(pending.user_gender, Some(1));
    assert_eq!(pending.user_birthday.as_deref(), Some("1990-05-20"));
    assert_eq!(pending.user_is_authentication, Some(1), "pending at first");
    let passed = client.send(&UserInfo, Some(&token)).await.unwrap();
    assert_eq!(passed.user_is_authentication, Some(2), "then passed");
    assert_eq!(passed.user_realname.as_deref(), Some("王小明"));

    let levels = client.send(&ListBaseUserLevel, None).await.unwrap();
    assert_eq!(levels.items.len(), 5);
    let rules = client.send(&ListsExpRule, None).await.unwrap();
    assert_eq!(rules.exp_reg.as_deref(), Some("50"));
}

#[tokio::test]
async fn exactly_one_default_address_through_adding_choosing_and_removing() {
    let (_sandbox, client) = sandbox().await;
    let token = newcomer(&client).await;
    for (name, city) in [("张三", "深圳市"), ("李四", "广州市"), ("王五", "深圳市")]
    {
        client
            .send(&AddressAdd(address(name, city)), Some(&token))
            .await
            .unwrap();
    }
    let all = addresses(&client, &token, AddressQuery::default()).await;
    assert_eq!(all.records, Some(3));
    assert_eq!(
        defaults(&all),
        vec!["张三"],
        "the first address is the default"
    );

    let li_si = all
        .items
        .iter()
        .find(|a| a.ud_name.as_deref() == Some("李四"))
        .unwrap()
        .ud_id
        .unwrap();
    client
        .send(
            &AddressSave(AddressEdit {
                ud_id: li_si,
                fields: AddressFields {
                    ud_is_default: Some(true),
                    ..AddressFields::default()
                },
            }),
            Some(&token),
        )
        .await
        .unwrap();
    let all = addresses(&client, &token, AddressQuery::default()).await;
    assert_eq!(defaults(&all), vec!["李四"]);
    assert_eq!(
        all.items[0].ud_name.as_deref(),
        Some("李四"),
        "the default comes first"
    );

    // Paging, like-search and sorting.
    let first_page = addresses(
        &client,
        &token,
        AddressQuery {
            list: ListQuery::page(1, 2),
            ..AddressQuery::default()
        },
    )
    .await;
    assert_eq!(
        (first_page.items.len(), first_page.records, first_page.total),
        (2, Some(3), Some(2))
    );
    let in_shenzhen = addresses(
        &client,
        &token,
        AddressQuery {
            list: ListQuery {
                like_column: Some("udCity".into()),
                like: Some("深圳".into()),
                sidx: Some("udName".into()),
                sort: Some("desc".into()),
                ..ListQuery::default()
            },
            ..AddressQuery::default()
        },
    )
    .await;
    let names: Vec<_> = in_shenzhen
        .items
        .iter()
        .map(|a| a.ud_name.clone().unwrap())
        .collect();
    assert_eq!(names.len(), 2);
    let mut sorted = names.clone();
    sorted.sort();
    sorted.reverse();
    assert_eq!(names, sorted);
    let by_filter = addresses(
        &client,
        &token,
        AddressQuery {
            filter: AddressFields {
                ud_name: Some("王五".into()),
                ..AddressFields::default()
            },
            ..AddressQuery::default()
        },
    )
    .await;
    assert_eq!(by_filter.records, Some(1));
    let range = |start: &str, end: &str| AddressQuery {
        list: ListQuery {
            create_time_start: Some(start.into()),
            create_time_end: Some(end.into()),
            ..ListQuery::default()
        },
        ..AddressQuery::default()
    };
    let today = all.items[0].ud_time.clone().unwrap()[..10].to_owned();
    let added_today = addresses(&client, &token, range(&today, &today)).await;
    assert_eq!(added_today.records, Some(3));
    let long_ago = addresses(&client, &token, range("2001-01-01", "2001-12-31 23:59:59")).await;
    assert_eq!(long_ago.records, Some(0));

    // Removing the default makes the most recent remaining address the default.
    client
        .send(&AddressRemove { ud_id: li_si }, Some(&token))
        .await
        .unwrap();
    let all = addresses(&client, &token, AddressQuery::default()).await;
    assert_eq!(all.records, Some(2));
    assert_eq!(defaults(&all), vec!["王五"]);
    let gone = client
        .send(&AddressGet { ud_id: li_si }, Some(&token))
        .await
        .unwrap();
    assert!(gone.is_none());
}

#[tokio::test]
async fn another_user_never_sees_or_touches_my_addresses() {
    let (sandbox, client) = sandbox().await;
    let mine = newcomer(&client).await;
    let added: Address = serde_json::from_value(
        client
            .send(&AddressAdd(address("张三", "深圳市")), Some(&mine))
            .await
            .unwrap(),
    )
    .unwrap();
    let id = added.ud_id.unwrap();
    assert_eq!(added.ud_is_default, Some(true));

    let theirs = register(&sandbox, &client, "13900000002", "their-pass").await;
    let seen = addresses(&client, &theirs, AddressQuery::default()).await;
    assert!(seen.items.is_empty());
    assert!(
        client
            .send(&AddressGet { ud_id: id }, Some(&theirs))
            .await
            .unwrap()
            .is_none()
    );
    let removed = client
        .send(&AddressRemove { ud_id: id }, Some(&theirs))
        .await
        .unwrap_err();
    assert_eq!(business_code(removed), "1004");
    let edited = client
        .send(
            &AddressSave(AddressEdit {
                ud_id: id,
                fields: address("黑客", "北京市"),
            }),
            Some(&theirs),
        )
        .await
        .unwrap_err();
    assert_eq!(business_code(edited), "1004");
    let still = client
        .send(&AddressGet { ud_id: id }, Some(&mine))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(still.ud_name.as_deref(), Some("张三"));

    // The back office sees across users, and removes in batches.
    client
        .send(&AddressAdd(address("李四", "广州市")), Some(&theirs))
        .await
        .unwrap();
    let everyone = client
        .send(&ManageAddressList(AddressQuery::default()), Some(&mine))
        .await
        .unwrap();
    assert_eq!(everyone.records, Some(2 + SEEDED_ADDRESSES));
    let ids: Vec<i64> = everyone.items.iter().map(|a| a.ud_id.unwrap()).collect();
    client
        .send(&ManageAddressRemoveBatch { ud_id: ids }, Some(&mine))
        .await
        .unwrap();
    let everyone = client
        .send(&ManageAddressList(AddressQuery::default()), Some(&mine))
        .await
        .unwrap();
    assert_eq!(everyone.records, Some(0));
}

#[tokio::test]
async fn an_unknown_sort_or_search_column_is_refused() {
    let (_sandbox, client) = sandbox().await;
    let token = newcomer(&client).await;
    for list in [
        ListQuery {
            sidx: Some("password_hash".into()),
            ..ListQuery::default()
        },
        ListQuery {
            order_sidx: Some("ud_id; DROP TABLE uc_addresses".into()),
            ..ListQuery::default()
        },
        ListQuery {
            like_column: Some("user_id".into()),
            like: Some("1".into()),
            ..ListQuery::default()
        },
        ListQuery {
            sidx: Some("udName".into()),
            sort: Some("sideways".into()),
            ..ListQuery::default()
        },
    ] {
        let error = client
            .send(
                &AddressList(AddressQuery {
                    list,
                    ..AddressQuery::default()
                }),
                Some(&token),
            )
            .await
            .unwrap_err();
        assert_eq!(business_code(error), "1400");
    }
    let fine = client
        .send(
            &InvoiceList(InvoiceQuery {
                list: ListQuery {
                    order_sidx: Some("invoice_title".into()),
                    order_sort: Some("asc".into()),
                    ..ListQuery::default()
                },
                ..InvoiceQuery::default()
            }),
            Some(&token),
        )
        .await
        .unwrap();
    assert!(fine.items.is_empty());
}

#[tokio::test]
async fn invoice_details_are_added_edited_read_listed_and_removed() {
    let (_sandbox, client) = sandbox().await;
    let token = newcomer(&client).await;
    let company = InvoiceFields {
        invoice_title: Some("深圳市示例科技有限公司".into()),
        invoice_company_code: Some("91440300MA5F000000".into()),
        invoice_is_company: Some(true),
        invoice_type: Some(InvoiceType::VatSpecial),
        invoice_is_electronic: Some(InvoiceMedium::Electronic),
        invoice_contact_email: Some("finance@example.com".into()),
        ..InvoiceFields::default()
    };
    client
        .send(&InvoiceAdd(company), Some(&token))
        .await
        .unwrap();
    client
        .send(
            &InvoiceAdd(InvoiceFields {
                invoice_title: Some("张三".into()),
                invoice_type: Some(InvoiceType::Normal),
                ..InvoiceFields::default()
            }),
            Some(&token),
        )
        .await
        .unwrap();
    let list = client
        .send(&InvoiceList(InvoiceQuery::default()), Some(&token))
        .await
        .unwrap();
    assert_eq!(list.records, Some(2));
    let first = list
        .items
        .iter()
        .find(|i| i.invoice_is_company == Some(true))
        .unwrap();
    assert_eq!(first.invoice_type, Some(2));
    assert_eq!(first.invoice_is_default, Some(true));
    let id = first.user_invoice_id.unwrap();

    client
        .send(
            &InvoiceEdit {
                user_invoice_id: id,
                fields: InvoiceFields {
                    invoice_bankname: Some("招商银行深圳分行".into()),
                    ..InvoiceFields::default()
                },
            },
            Some(&token),
        )
        .await
        .unwrap();
    let read = client
        .send(
            &InvoiceGet {
                user_invoice_id: id,
            },
            Some(&token),
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(read.invoice_bankname.as_deref(), Some("招商银行深圳分行"));
    assert!(read.invoice_datetime.is_some());

    let bad_type = client
        .send(
            &InvoiceList(InvoiceQuery {
                filter: InvoiceFields {
                    invoice_type: Some(InvoiceType::Normal),
                    ..InvoiceFields::default()
                },
                ..InvoiceQuery::default()
            }),
            Some(&token),
        )
        .await
        .unwrap();
    assert_eq!(bad_type.records, Some(1));

    client
        .send(
            &InvoiceRemove {
                user_invoice_id: id,
            },
            Some(&token),
        )
        .await
        .unwrap();
    let list = client
        .send(&InvoiceList(InvoiceQuery::default()), Some(&token))
        .await
        .unwrap();
    assert_eq!(list.records, Some(1));
    assert_eq!(list.items[0].invoice_is_default, Some(true));
    let again = client
        .send(
            &InvoiceRemove {
                user_invoice_id: id,
            },
            Some(&token),
        )
        .await
        .unwrap_err();
    assert_eq!(business_code(again), "1004");
}

#[tokio::test]
async fn unread_messages_drop_as_they_are_read_and_customer_service_answers() {
    let (_sandbox, client) = sandbox().await;
    let token = newcomer(&client).await;
    let unread = || async {
        client
            .send(&MessageGetMsgCount::default(), Some(&token))
            .await
            .unwrap()
            .num
    };
    assert_eq!(unread().await, Some(4));

    let notices = client.send(&MessageGetNotice, Some(&token)).await.unwrap();
    assert_eq!(notices.0.len(), 3);
    assert!(notices.0.iter().all(|n| n.message_type == Some(1)));
    let notice = notices.0[0].message_id.unwrap();
    client
        .send(
            &MessageSetRead {
                message_id: Some(notice),
                user_other_id: None,
            },
            Some(&token),
        )
        .await
        .unwrap();
    assert_eq!(unread().await, Some(3));
    let read = client
        .send(&MessageGet { message_id: notice }, Some(&token))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(read.message_is_read, Some(true));

    let chat = client
        .send(
            &MessageListChatMsg(MessageQuery {
                filter: MessageFilter {
                    user_other_id: Some(1),
                    ..MessageFilter::default()
                },
                ..MessageQuery::default()
            }),
            Some(&token),
        )
        .await
        .unwrap();
    assert_eq!(chat.records, Some(3));
    client
        .send(
            &MessageSetRead {
                message_id: None,
                user_other_id: Some(1),
            },
            Some(&token),
        )
        .await
        .unwrap();
    assert_eq!(unread().await, Some(2));

    let sent = client
        .send(
            &MessageAdd {
                message_content: Some("请问如何修改绑定手机号？".into()),
                user_other_id: Some(1),
                ..MessageAdd::default()
            },
            Some(&token),
        )
        .await
        .unwrap();
    assert_eq!(sent.message.message_kind, Some(1));
    let newest = client
        .send(
            &MessageGetMsgCount {
                recently_flag: Some(1),
            },
            Some(&token),
        )
        .await
        .unwrap();
    assert_eq!(newest.num, Some(3), "customer service's reply is unread");
    assert_eq!(
        newest.message.user_other_nickname.as_deref(),
        Some("在线客服")
    );
}

#[tokio::test]
async fn logout_ends_the_session_and_a_missing_token_is_http_401() {
    let (sandbox, client) = sandbox().await;
    let token = demo(&client).await;
    client.send(&UserInfo, Some(&token)).await.unwrap();
    client
        .send(&LogoutPost::default(), Some(&token))
        .await
        .unwrap();
    let after = client.send(&UserInfo, Some(&token)).await.unwrap_err();
    assert!(is_unauthorized(&after), "{after:?}");
    let bogus = client
        .send(&UserInfo, Some(&Secret::new("not-a-token")))
        .await
        .unwrap_err();
    assert!(is_unauthorized(&bogus), "{bogus:?}");

    let response = reqwest::get(format!("{}front/account/user/info", sandbox.base_url()))
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["code"], 401);
}

/// 验证码KEY names the code by the send token it was sent with: a phone number, with or without
/// its area code, or an account name there is a bad parameter, and the code stays usable.
#[tokio::test]
async fn verify_key_takes_only_the_send_token_of_the_code() {
    let (sandbox, client) = sandbox().await;
    let (code, key) = sms_code(&sandbox, DEMO_PHONE).await;
    let login = |verify_key: &str| {
        DoSmsLoginPost(AccountForm {
            bind_type: Some(1),
            user_account: Some(DEMO_PHONE.into()),
            verify_code: Some(code.clone()),
            verify_key: Some(verify_key.to_owned()),
            ..AccountForm::default()
        })
    };
    for not_a_send_token in [
        DEMO_PHONE.to_owned(),
        format!("86{DEMO_PHONE}"),
        format!("+86{DEMO_PHONE}"),
        "demo".to_owned(),
    ] {
        let refused = client
            .send(&login(&not_a_send_token), None)
            .await
            .unwrap_err();
        assert_eq!(business_code(refused), "1400", "{not_a_send_token}");
    }
    let session = client.send(&login(&key), None).await.unwrap();
    assert!(session.token.is_some());
}

#[tokio::test]
async fn an_sms_login_code_works_once_and_a_forgotten_password_is_reset_with_one() {
    let (sandbox, client) = sandbox().await;
    let (code, key) = sms_code(&sandbox, DEMO_PHONE).await;
    let mut login = DoSmsLoginPost(AccountForm {
        bind_type: Some(1),
        user_account: Some(DEMO_PHONE.into()),
        verify_code: Some(Secret::new("000000")),
        verify_key: Some(key.clone()),
        ..AccountForm::default()
    });
    let wrong = client.send(&login, None).await.unwrap_err();
    assert_eq!(business_code(wrong), "1002");
    login.0.verify_code = Some(code);
    let session = client.send(&login, None).await.unwrap();
    client
        .send(&UserInfo, Some(session.token.as_ref().unwrap()))
        .await
        .unwrap();
    let reused = client.send(&login, None).await.unwrap_err();
    assert_eq!(business_code(reused), "1002", "a code works once");

    // A forgotten password: the code and the send token it was sent with prove who.
    let (code, key) = sms_code(&sandbox, DEMO_PHONE).await;
    let reset = SetNewPasswordPost(NewPasswordParams {
        bind_type: Some(1),
        password: Some(Secret::new("n3w-pass")),
        verify_code: Some(code),
        verify_key: Some(key),
        ..NewPasswordParams::default()
    });
    client.send(&reset, None).await.unwrap();
    let old = client
        .send(&password_login(DEMO_PHONE, DEMO_PASSWORD), None)
        .await
        .unwrap_err();
    assert_eq!(business_code(old), "1001");
    let token = client
        .send(&password_login(DEMO_PHONE, "n3w-pass"), None)
        .await
        .unwrap()
        .token
        .unwrap();

    // A change of password: the session says whose, the old password proves it.
    let change = |old: &str| {
        SetNewPasswordPost(NewPasswordParams {
            old_password: Some(Secret::new(old)),
            password: Some(Secret::new("third-pass")),
            ..NewPasswordParams::default()
        })
    };
    let refused = client
        .send(&change("wrong"), Some(&token))
        .await
        .unwrap_err();
    assert_eq!(business_code(refused), "1001");
    client
        .send(&change("n3w-pass"), Some(&token))
        .await
        .unwrap();
    client
        .send(&password_login(DEMO_EMAIL, "third-pass"), None)
        .await
        .unwrap();
}

#[tokio::test]
async fn a_new_user_registers_once_and_binds_a_new_mobile_number() {
    let (sandbox, client) = sandbox().await;
    let token = register(&sandbox, &client, "13900000003", "pass-1").await;
    let profile = client.send(&UserInfo, Some(&token)).await.unwrap();
    assert_eq!(profile.user_mobile.as_deref(), Some("13900000003"));
    assert_eq!(profile.user_exp, Some(50), "registering earns exp_reg");

    let (code, key) = sms_code(&sandbox, "13900000003").await;
    let again = client
        .send(
            &RegisterPost(AccountForm {
                user_account: Some("13900000003".into()),
                verify_code: Some(code),
                verify_key: Some(key),
                ..AccountForm::default()
            }),
            None,
        )
        .await
        .unwrap_err();
    assert_eq!(business_code(again), "1005");

    let form = |code, key| AccountForm {
        bind_type: Some(1),
        user_account: Some("13900000004".into()),
        verify_code: Some(code),
        verify_key: Some(key),
        ..AccountForm::default()
    };
    let (code, key) = sms_code(&sandbox, "13900000004").await;
    let has_one = client
        .send(
            &BindMobilePost(form(code.clone(), key.clone())),
            Some(&token),
        )
        .await
        .unwrap_err();
    assert_eq!(business_code(has_one), "1005", "rebinding is unBindMobile");
    client
        .send(&UnBindMobilePost(form(code, key)), Some(&token))
        .await
        .unwrap();
    let profile = client.send(&UserInfo, Some(&token)).await.unwrap();
    assert_eq!(profile.user_mobile.as_deref(), Some("13900000004"));

    let (code, key) = sms_code(&sandbox, DEMO_PHONE).await;
    let taken = client
        .send(
            &UnBindMobilePost(AccountForm {
                user_account: Some(DEMO_PHONE.into()),
                verify_code: Some(code),
                verify_key: Some(key),
                ..AccountForm::default()
            }),
            Some(&token),
        )
        .await
        .unwrap_err();
    assert_eq!(business_code(taken), "1005");
}

#[tokio::test]
async fn a_number_takes_the_area_code_its_code_was_sent_with() {
    let (sandbox, client) = sandbox().await;
    let token = register(&sandbox, &client, "13900000005", "pass-1").await;
    let answer: Value = reqwest::Client::new()
        .post(format!("{}__sandbox/sms", sandbox.base_url()))
        .header(SECRET_HEADER, sandbox.secret())
        .json(&json!({"target": "+852 91234567"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    client
        .send(
            &UnBindMobilePost(AccountForm {
                bind_type: Some(1),
                user_account: Some("91234567".into()),
                verify_code: Some(Secret::new(answer["code"].as_str().unwrap())),
                verify_key: Some(answer["sendToken"].as_str().unwrap().into()),
                ..AccountForm::default()
            }),
            Some(&token),
        )
        .await
        .unwrap();
    let profile = client.send(&UserInfo, Some(&token)).await.unwrap();
    assert_eq!(profile.user_mobile.as_deref(), Some("91234567"));
    assert_eq!(profile.user_intl.as_deref(), Some("+852"));
}

#[tokio::test]
async fn the_reviewer_refuses_an_identity_number_whose_check_character_is_wrong() {
    let (_sandbox, client) = sandbox().await;
    let token = newcomer(&client).await;
    let submit = |idcard: &'static str| {
        SaveCertificate(UserFields {
            user_realname: Some("王小明".into()),
            user_idcard: Some(idcard.into()),
            ..UserFields::default()
        })
    };
    client
        .send(&submit("110105199005201230"), Some(&token))
        .await
        .unwrap();
    let pending = client.send(&UserInfo, Some(&token)).await.unwrap();
    assert_eq!(pending.user_is_authentication, Some(1));
    let refused = client.send(&UserInfo, Some(&token)).await.unwrap();
    assert_eq!(
        refused.user_is_authentication,
        Some(3),
        "refused after review"
    );

    client
        .send(&submit("110105199005201236"), Some(&token))
        .await
        .unwrap();
    let again = client.send(&UserInfo, Some(&token)).await.unwrap();
    assert_eq!(
        again.user_is_authentication,
        Some(1),
        "a refused one may be sent again"
    );
    let passed = client.send(&UserInfo, Some(&token)).await.unwrap();
    assert_eq!(passed.user_is_authentication, Some(2));
}

#[tokio::test]
async fn qr_login_waits_for_the_scan_then_opens_a_session_once() {
    let (sandbox, client) = sandbox().await;
    let qr = client.send(&WechatGetQrCode, None).await.unwrap();
    let code = qr["code"].as_str().unwrap().to_owned();
    assert!(
        qr["qr_image"]
            .as_str()
            .unwrap()
            .starts_with("data:image/svg+xml;base64,")
    );
    let check = WechatCheckAppLogin {
        code: Secret::new(code.clone()),
    };
    let pending = client.send(&check, None).await.unwrap();
    assert_eq!(pending["status"], "pending");

    let confirm = |body: Value| {
        reqwest::Client::new()
            .post(format!("{}__sandbox/qr/confirm", sandbox.base_url()))
            .header(SECRET_HEADER, sandbox.secret())
            .json(&body)
            .send()
    };
    let nobody = confirm(json!({"code": code, "userAccount": "nobody@lcs.test"}))
        .await
        .unwrap();
    assert_eq!(nobody.status(), 404);
    let unknown = confirm(json!({"code": "no-such-code", "userAccount": DEMO_EMAIL}))
        .await
        .unwrap();
    assert_eq!(unknown.status(), 404);
    let confirmed = confirm(json!({"code": code, "userAccount": DEMO_EMAIL}))
        .await
        .unwrap();
    assert_eq!(confirmed.status(), 200);
    let twice = confirm(json!({"code": code, "userAccount": DEMO_EMAIL}))
        .await
        .unwrap();
    assert_eq!(twice.status(), 409);
    let error: Value = twice.json().await.unwrap();
    assert!(error["error"].as_str().unwrap().contains("confirmed"));

    let session = client.send(&check, None).await.unwrap();
    assert_eq!(session["status"], "confirmed");
    let token = Secret::new(session["token"].as_str().unwrap());
    let profile = client.send(&UserInfo, Some(&token)).await.unwrap();
    assert_eq!(profile.user_mobile.as_deref(), Some(DEMO_PHONE));
    assert_eq!(profile.user_id, session["user_id"].as_i64());

    let used = client.send(&check, None).await.unwrap_err();
    assert_eq!(business_code(used), "1003", "a QR code signs in once");
}

#[tokio::test]
async fn wechat_server_check_echoes_and_the_privacy_policy_reads_in_both_languages() {
    let (_sandbox, client) = sandbox().await;
    let echo = client
        .send(
            &WechatIndex {
                timestamp: "1700000000".into(),
                signature: "0f5e7c".into(),
                nonce: "8812".into(),
                echostr: "5838479218127813673".into(),
            },
            None,
        )
        .await
        .unwrap();
    assert_eq!(echo.as_deref(), Some("5838479218127813673"));

    let chinese = client.send(&Protocol::default(), None).await.unwrap();
    assert!(chinese.document.unwrap().contains("隐私政策"));
    let english = client
        .send(
            &Protocol {
                document_type: Some("privacy".into()),
                state: Some(1),
                protocols_key: Some("user_privacy_en".into()),
            },
            None,
        )
        .await
        .unwrap();
    assert!(english.document.unwrap().contains("Privacy Policy"));
}

// ---- Idempotency-Key (the app's outbox) ----

/// A write sent again with the same key answers the first answer and is not applied twice;
/// a new key is a new edit. Keys are the user's own: another user's same key is another edit.
#[tokio::test]
async fn a_repeated_idempotency_key_applies_the_write_once() {
    let (_sandbox, client) = sandbox().await;
    let token = newcomer(&client).await;
    let add = |key: &str| lcs_api::Idempotent::new(key, AddressAdd(address("王五", "杭州市")));

    let first = client.send(&add("key-1"), Some(&token)).await.unwrap();
    let again = client.send(&add("key-1"), Some(&token)).await.unwrap();
    assert_eq!(first, again, "the repeat answers the first answer");
    let listed = client
        .send(&AddressList(AddressQuery::default()), Some(&token))
        .await
        .unwrap();
    assert_eq!(listed.items.len(), 1, "applied once");

    client.send(&add("key-2"), Some(&token)).await.unwrap();
    let other_user = demo(&client).await;
    client.send(&add("key-1"), Some(&other_user)).await.unwrap();
    let listed = client
        .send(&AddressList(AddressQuery::default()), Some(&token))
        .await
        .unwrap();
    assert_eq!(listed.items.len(), 2, "a new key is a new edit");

    // A remove repeated after its first answer was lost: the first answer again, not "not found".
    let id = first["ud_id"].as_i64().unwrap();
    let remove = lcs_api::Idempotent::new("key-3", AddressRemove { ud_id: id });
    client.send(&remove, Some(&token)).await.unwrap();
    client.send(&remove, Some(&token)).await.unwrap();
    let listed = client
        .send(&AddressList(AddressQuery::default()), Some(&token))
        .await
        .unwrap();
    assert_eq!(listed.items.len(), 1);
}

/// A refused write is not remembered: the same key sent again really runs again.
#[tokio::test]
async fn a_refused_write_is_not_remembered_under_its_key() {
    let (_sandbox, client) = sandbox().await;
    let token = newcomer(&client).await;
    let set_read = lcs_api::Idempotent::new(
        "read-1",
        MessageSetRead {
            message_id: Some(999_999),
            user_other_id: None,
        },
    );
    let refused = client.send(&set_read, Some(&token)).await.unwrap_err();
    assert!(matches!(refused, ApiError::Business { .. }), "{refused:?}");
    let again = client.send(&set_read, Some(&token)).await.unwrap_err();
    assert!(matches!(again, ApiError::Business { .. }), "{again:?}");
}

/// `lose` and `late` apply the call and then withhold its answer: the client sees a network
/// error or a timeout, yet the address is there. A retry with the same key answers the first
/// answer and adds nothing.
#[tokio::test]
async fn lost_and_late_answers_still_apply_the_call_once() {
    let sandbox = Sandbox::start(Db::open(None).unwrap(), 0).await.unwrap();
    let mut config = ClientConfig::single_host(sandbox.base_url().parse().unwrap());
    config.timeouts.request = std::time::Duration::from_millis(300);
    let client = Client::new(config).unwrap();
    let token = newcomer(&client).await;
    for (kind, key, expected) in [
        ("lose", "lost-1", lcs_api::ErrorCode::Network),
        ("late", "late-1", lcs_api::ErrorCode::Timeout),
    ] {
        let armed = reqwest::Client::new()
            .post(format!("{}__sandbox/faults", sandbox.base_url()))
            .header(SECRET_HEADER, sandbox.secret())
            .json(&json!({"path": "/front/account/userDeliveryAddress/add", "kind": kind, "delayMs": 600}))
            .send()
            .await
            .unwrap();
        assert_eq!(armed.status(), 200);
        let add = lcs_api::Idempotent::new(key, AddressAdd(address(kind, "杭州市")));
        let error = client.send(&add, Some(&token)).await.unwrap_err();
        assert_eq!(error.code(), expected, "{kind}: {error:?}");
        client.send(&add, Some(&token)).await.unwrap();
    }
    // Let the late answer's request finish before counting.
    tokio::time::sleep(std::time::Duration::from_millis(700)).await;
    let listed = client
        .send(&AddressList(AddressQuery::default()), Some(&token))
        .await
        .unwrap();
    assert_eq!(listed.items.len(), 2, "each applied once");
}

/// `lose_ignoring_key` plays a server without idempotency keys: the call is applied, its
/// answer never comes, and the retry under the same key is applied again.
#[tokio::test]
async fn a_lost_answer_ignoring_the_key_applies_the_retry_again() {
    let sandbox = Sandbox::start(Db::open(None).unwrap(), 0).await.unwrap();
    let mut config = ClientConfig::single_host(sandbox.base_url().parse().unwrap());
    config.timeouts.request = std::time::Duration::from_millis(300);
    let client = Client::new(config).unwrap();
    let token = newcomer(&client).await;
    let armed = reqwest::Client::new()
        .post(format!("{}__sandbox/faults", sandbox.base_url()))
        .header(SECRET_HEADER, sandbox.secret())
        .json(&json!({"path": "/front/account/userDeliveryAddress/add", "kind": "lose_ignoring_key", "delayMs": 600}))
        .send()
        .await
        .unwrap();
    assert_eq!(armed.status(), 200);
    let add = lcs_api::Idempotent::new("ignored-1", AddressAdd(address("lose", "杭州市")));
    let error = client.send(&add, Some(&token)).await.unwrap_err();
    assert_eq!(error.code(), lcs_api::ErrorCode::Timeout, "{error:?}");
    client.send(&add, Some(&token)).await.unwrap();
    let listed = client
        .send(&AddressList(AddressQuery::default()), Some(&token))
        .await
        .unwrap();
    assert_eq!(
        listed.items.len(),
        2,
        "the key was not honoured the first time"
    );
}
