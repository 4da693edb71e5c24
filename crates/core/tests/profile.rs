//! Changing the profile against the real sandbox (in-process) and a real cache file: what the
//! user sees after each change, what is refused before anything is sent, and what the server
//! ends up holding.

// Helpers here panic on purpose: a failed expectation is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::{Arc, Mutex};

use lcs_api::user_center::user::{SaveCertificate, UserFields, UserInfo as UserInfoCall};
use lcs_api::{Client, ClientConfig};
use lcs_core::auth::{Auth, AuthEvent, AuthListener, CodeTarget, PlannerLogin, UserCenterLogin};
use lcs_core::keychain::{MemoryStore, Opened, StoreKind};
use lcs_core::profile::edit::{CertificateInput, MobileInput, ProfileGender, ProfileInput};
use lcs_core::{Data, DataChange, DataEvent, DataKind, DataListener, Environment, ErrorCode};
use lcs_sandbox::{Db, Sandbox};
use lcs_testkit::Helpers;
use serde_json::Value;
use tempfile::TempDir;

/// The sandbox's demo data as its seed names it, written out so that a change there is noticed
/// here.
const PLANNER_DEMO_USERNAME: &str = "demo";

struct DemoUser {
    phone: &'static str,
    email: &'static str,
    password: &'static str,
}

const DEMO_USERS: [DemoUser; 2] = [
    DemoUser {
        phone: "13800000001",
        email: "demo@lcs.test",
        password: "demo1234",
    },
    DemoUser {
        phone: "13800000002",
        email: "demo2@lcs.test",
        password: "demo5678",
    },
];

#[derive(Default)]
struct Recorder(Mutex<Vec<DataEvent>>);

impl DataListener for Recorder {
    fn data_changed(&self, event: &DataEvent) {
        self.0.lock().unwrap().push(event.clone());
    }
}

impl Recorder {
    fn count(&self, what: DataKind, change: DataChange) -> usize {
        let events = self.0.lock().unwrap();
        events
            .iter()
            .filter(|e| e.what == what && e.change == change)
            .count()
    }
}

struct Quiet;

impl AuthListener for Quiet {
    fn auth_changed(&self, _: &str, _: &AuthEvent) {}
}

struct App {
    sandbox: Sandbox,
    auth: Arc<Auth>,
    data: Data,
    events: Arc<Recorder>,
    dir: TempDir,
}

/// The app over a fresh sandbox, signed in to the user centre as demo user `user` (0: the
/// full demo, 1: the newcomer), with its profile read once so the cache holds it.
async fn app(user: usize) -> App {
    let sandbox = Sandbox::start(Db::open(None).unwrap(), 0).await.unwrap();
    let auth = Arc::new(
        Auth::new(
            &Environment::sandbox(),
            Client::new(ClientConfig::single_host(
                sandbox.base_url().parse().unwrap(),
            ))
            .unwrap(),
            Opened {
                store: Arc::new(MemoryStore::new()),
                kind: StoreKind::MemoryOnly {
                    reason: "tests".into(),
                },
            },
            Arc::new(Quiet),
        )
        .with_sandbox_secret(sandbox.secret().into()),
    );
    auth.user_center_login(UserCenterLogin {
        account: DEMO_USERS[user].phone.into(),
        password: Some(DEMO_USERS[user].password.into()),
        code: None,
        remember: false,
    })
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = lcs_store::Store::open(&dir.path().join("cache.sqlite")).unwrap();
    let events = Arc::new(Recorder::default());
    let data = Data::new(auth.clone(), Arc::new(Mutex::new(store)), events.clone());
    data.profile().user_info().await.unwrap();
    App {
        sandbox,
        auth,
        data,
        events,
        dir,
    }
}

impl App {
    /// Every byte of the cache file and of its write-ahead log, where the latest writes (and
    /// earlier versions of their pages) are until a checkpoint.
    fn cache_bytes(&self) -> Vec<u8> {
        let mut bytes = std::fs::read(self.dir.path().join("cache.sqlite")).unwrap();
        if let Ok(wal) = std::fs::read(self.dir.path().join("cache.sqlite-wal")) {
            bytes.extend(wal);
        }
        bytes
    }

    /// The profile as the page reads it: from the cache.
    async fn cached(&self) -> Value {
        self.data.profile().user_info().await.unwrap().data
    }

    /// What the server holds, asked directly.
    async fn server(&self) -> lcs_api::user_center::user::UserProfile {
        self.auth.user_center(&UserInfoCall).await.unwrap()
    }

    /// The codes the sandbox sent, oldest first, as the tester's phone shows them.
    async fn sent_codes(&self) -> Vec<Value> {
        let sent = Helpers::of(&self.sandbox).get("sms").await;
        sent.as_array().unwrap().clone()
    }

    async fn last_code(&self) -> String {
        self.sent_codes().await.last().unwrap()["code"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    async fn sms_count(&self) -> usize {
        self.sent_codes().await.len()
    }
}

fn edit(nickname: &str, email: &str) -> ProfileInput {
    ProfileInput {
        nickname: nickname.into(),
        gender: ProfileGender::Female,
        birthday: "1991-02-03".into(),
        email: email.into(),
    }
}

#[tokio::test]
async fn an_edit_shows_at_once_and_the_server_keeps_it() {
    let app = app(1).await;
    let refused = app
        .data
        .profile()
        .edit(edit("小红", "not-an-address"))
        .await
        .unwrap_err();
    assert_eq!(refused.code(), ErrorCode::InvalidInput);
    assert!(refused.to_string().starts_with("email:"), "{refused}");
    assert_ne!(app.server().await.user_nickname.as_deref(), Some("小红"));

    let before = app.events.count(DataKind::UserInfo, DataChange::Refreshed);
    app.data
        .profile()
        .edit(edit(" 小红 ", "xiaohong@lcs.test"))
        .await
        .unwrap();
    assert!(app.events.count(DataKind::UserInfo, DataChange::Refreshed) > before);
    let cached = app.cached().await;
    assert_eq!(cached["user_nickname"], "小红");
    assert_eq!(cached["user_gender"], 2);
    assert_eq!(cached["user_birthday"], "1991-02-03");
    assert_eq!(cached["user_email"], "xiaohong@lcs.test");
    let server = app.server().await;
    assert_eq!(server.user_nickname.as_deref(), Some("小红"));
    assert_eq!(server.user_gender, Some(2));
    assert_eq!(server.user_email.as_deref(), Some("xiaohong@lcs.test"));

    // Another user's address: the server's words come back, and the cache is left alone.
    let taken = app
        .data
        .profile()
        .edit(edit("小红", DEMO_USERS[0].email))
        .await
        .unwrap_err();
    assert_eq!(taken.code(), ErrorCode::Business);
    assert_eq!(app.cached().await["user_email"], "xiaohong@lcs.test");
}

#[tokio::test]
async fn certification_is_pending_then_passed() {
    let app = app(1).await;
    let wrong = app
        .data
        .profile()
        .certify(CertificateInput {
            real_name: "王小明".into(),
            id_number: "110105199005201230".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(wrong.code(), ErrorCode::InvalidInput);
    assert_eq!(app.cached().await["user_is_authentication"], 0);

    app.data
        .profile()
        .certify(CertificateInput {
            real_name: "王小明".into(),
            id_number: "110105199005201236".into(),
        })
        .await
        .unwrap();
    let cached = app.cached().await;
    assert_eq!(cached["user_is_authentication"], 1, "pending at once");
    assert_eq!(cached["user_realname"], "王小明");
    assert_eq!(cached["user_idcard"], Value::Null, "not even masked");
    // The reviewer decides once the pending state has been seen (the read above refreshes
    // in the background, so that may have been the look already).
    let mut state = Value::Null;
    for _ in 0..2 {
        state = app
            .data
            .profile()
            .refresh(DataKind::UserInfo)
            .await
            .unwrap()
            .data["user_is_authentication"]
            .clone();
    }
    assert_eq!(state, 2, "passed after review");
}

#[tokio::test]
async fn a_new_mobile_number_is_bound_with_the_code_sent_to_it() {
    let app = app(1).await;
    let new_number = CodeTarget {
        phone_area: Some("+86".into()),
        phone: Some("13900000009".into()),
        email: None,
    };
    let mobile = |code: &str| MobileInput {
        phone_area: "+86".into(),
        phone: "13900000009".into(),
        code: code.into(),
    };
    let same = app
        .data
        .profile()
        .bind_mobile(MobileInput {
            phone_area: "+86".into(),
            phone: DEMO_USERS[1].phone.into(),
            code: "123456".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(same.code(), ErrorCode::InvalidInput);
    let short = app
        .data
        .profile()
        .bind_mobile(mobile("123"))
        .await
        .unwrap_err();
    assert!(short.to_string().starts_with("code:"), "{short}");

    app.auth.send_code(new_number).await.unwrap();
    let code = app.last_code().await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let refused = app
        .data
        .profile()
        .bind_mobile(mobile(wrong))
        .await
        .unwrap_err();
    assert_eq!(refused.code(), ErrorCode::Business);
    assert_eq!(app.cached().await["user_mobile"], DEMO_USERS[1].phone);

    app.data.profile().bind_mobile(mobile(&code)).await.unwrap();
    assert_eq!(app.cached().await["user_mobile"], "13900000009");
    assert_eq!(
        app.server().await.user_mobile.as_deref(),
        Some("13900000009")
    );
    assert_eq!(app.sms_count().await, 1, "nothing else was sent");
}

/// A tiny but real PNG: the 8-byte signature and an IHDR chunk.
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0\x90wS\xde";

#[tokio::test]
async fn an_avatar_needs_the_planner_account_then_shows_on_both_profiles() {
    let app = app(0).await;
    let needs = app
        .data
        .profile()
        .upload_avatar(PNG.to_vec())
        .await
        .unwrap_err();
    assert_eq!(needs.code(), ErrorCode::Unauthorized);
    assert_eq!(
        needs.reason(lcs_api::Lang::EnUs),
        lcs_core::ErrorReason::SignInRequired {
            family: lcs_api::Family::Planner
        }
    );

    app.auth
        .planner_login(PlannerLogin {
            username: Some(PLANNER_DEMO_USERNAME.into()),
            phone: None,
            password: DEMO_USERS[0].password.into(),
            remember: false,
        })
        .await
        .unwrap();
    app.data.profile().account_detail().await.unwrap();
    let not_an_image = app
        .data
        .profile()
        .upload_avatar(b"GIF89a".to_vec())
        .await
        .unwrap_err();
    assert_eq!(not_an_image.code(), ErrorCode::InvalidInput);

    let url = app
        .data
        .profile()
        .upload_avatar(PNG.to_vec())
        .await
        .unwrap();
    let served = reqwest::get(&url).await.unwrap();
    assert_eq!(served.headers()["content-type"], "image/png");
    assert_eq!(served.bytes().await.unwrap().as_ref(), PNG);
    let detail = app.data.profile().account_detail().await.unwrap().data;
    assert_eq!(detail["data"]["avatar"], url.as_str());
    assert_eq!(app.cached().await["user_avatar"], url.as_str());
    assert_eq!(
        app.server().await.user_avatar.as_deref(),
        Some(url.as_str())
    );
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle.as_bytes())
}

#[tokio::test]
async fn a_certified_profile_leaves_no_id_card_number_or_image_in_the_cache_file() {
    const ID_NUMBER: &str = "110105199005201236";
    const IMAGES: [&str; 2] = [
        "https://img.lcs.test/idcard/front-5f1d.jpg",
        "https://img.lcs.test/idcard/back-5f1d.jpg",
    ];
    let app = app(1).await;
    // Submitted with its images, as another client of the user centre may.
    app.auth
        .user_center(&SaveCertificate(UserFields {
            user_realname: Some("王小明".into()),
            user_idcard: Some(ID_NUMBER.into()),
            user_idcard_images: Some(IMAGES.map(str::to_owned).to_vec()),
            ..UserFields::default()
        }))
        .await
        .unwrap();
    let server = app.server().await;
    assert_eq!(
        server.user_idcard_image_list, IMAGES,
        "the server keeps them"
    );
    let masked = server.user_idcard.unwrap();
    // Read as the certify page does, through review to verified.
    let mut profile = Value::Null;
    for _ in 0..2 {
        profile = app
            .data
            .profile()
            .refresh(DataKind::UserInfo)
            .await
            .unwrap()
            .data;
    }
    assert_eq!(profile["user_is_authentication"], 2);
    assert_eq!(profile["user_realname"], "王小明");

    let bytes = app.cache_bytes();
    assert!(contains(&bytes, "王小明"), "the profile is cached");
    for secret in [ID_NUMBER, &masked, IMAGES[0], IMAGES[1]] {
        assert!(!contains(&bytes, secret), "{secret} is in the cache file");
    }
}
