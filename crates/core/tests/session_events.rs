//! The cache follows the sessions through the listener the app installs: every session change
//! reaches `Data::follow_session`, as the app's `auth-state` listener passes it on, so these
//! tests drive the sessions and look at the cache and the sandbox, never at the store's calls.

// Helpers here panic on purpose: a failed expectation is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use lcs_api::{Client, ClientConfig, Family};
use lcs_core::addresses::AddressInput;
use lcs_core::auth::{
    Auth, AuthChange, AuthEvent, AuthFamily, AuthListener, AuthReason, CustomerLogin,
    CustomerLoginName, TradingMode, UserCenterLogin,
};
use lcs_core::keychain::{MemoryStore, Opened, StoreKind};
use lcs_core::session::{self, StoredSession};
use lcs_core::{Data, DataEvent, DataListener, Environment, ErrorCode};
use lcs_sandbox::{Db, Sandbox};
use lcs_store::Store;
use lcs_testkit::Helpers;
use serde_json::json;

/// The sandbox's first demo user, as its seed data names them.
const DEMO_PHONE: &str = "13800000001";
const DEMO_EMAIL: &str = "demo@lcs.test";
const DEMO_PASSWORD: &str = "demo1234";

/// The app's listener without its window: each session change goes to `follow_session` and
/// each family A sign-in answer to the cached accounts, as the app's listener sends them.
#[derive(Default)]
struct AppListener {
    data: OnceLock<Data>,
    heard: Mutex<Vec<AuthEvent>>,
}

impl AuthListener for AppListener {
    fn auth_changed(&self, _environment: &str, event: &AuthEvent) {
        self.heard.lock().unwrap().push(event.clone());
        if let Some(data) = self.data.get() {
            data.follow_session(event).unwrap();
        }
    }

    fn customer_answered(&self, _account: &str, customer: &lcs_api::customer::Customer) {
        if let Some(data) = self.data.get() {
            data.accounts().remember(customer).unwrap();
        }
    }
}

struct Quiet;

impl DataListener for Quiet {
    fn data_changed(&self, _: &DataEvent) {}
}

struct App {
    auth: Arc<Auth>,
    data: Data,
    listener: Arc<AppListener>,
    keychain: Arc<MemoryStore>,
}

/// The app's services over the sandbox at `base` and the cache file at `cache`, wired as the
/// app wires them; a keychain in memory stands in for the OS's.
fn app(base: &str, cache: &Path) -> App {
    let keychain = Arc::new(MemoryStore::new());
    let listener = Arc::new(AppListener::default());
    let mut config = ClientConfig::single_host(base.parse().unwrap());
    config.get_retries = 0;
    let auth = Arc::new(Auth::new(
        &Environment::sandbox(),
        Client::new(config).unwrap(),
        Opened {
            store: keychain.clone(),
            kind: StoreKind::OsKeychain,
        },
        listener.clone(),
    ));
    let (store, _) = Store::open(cache).unwrap();
    let data = Data::new(auth.clone(), Arc::new(Mutex::new(store)), Arc::new(Quiet));
    assert!(listener.data.set(data.clone()).is_ok());
    App {
        auth,
        data,
        listener,
        keychain,
    }
}

impl App {
    async fn sign_in(&self) -> String {
        self.auth
            .user_center_login(UserCenterLogin {
                account: DEMO_PHONE.into(),
                password: Some(DEMO_PASSWORD.into()),
                code: None,
                remember: true,
            })
            .await
            .unwrap()
            .account
    }

    fn pending(&self, account: &str) -> u32 {
        self.data
            .pending_edits(AuthFamily::UserCenter, account)
            .unwrap()
    }

    fn last_event(&self) -> AuthEvent {
        self.listener.heard.lock().unwrap().last().cloned().unwrap()
    }
}

fn address(name: &str) -> AddressInput {
    AddressInput {
        ud_name: Some(name.into()),
        ud_mobile: Some("13900000000".into()),
        ud_province: Some("广东省".into()),
        ud_city: Some("深圳市".into()),
        ud_address: Some("科技园 1 号".into()),
        ud_tag_name: Some("1001".into()),
        ..AddressInput::default()
    }
}

/// The demo user's address names on the server, read with a session of their own.
async fn server_address_names(base: &str) -> Vec<String> {
    let other = app(base, Path::new(":memory:"));
    other.sign_in().await;
    other
        .data
        .addresses()
        .refresh()
        .await
        .unwrap()
        .data
        .into_iter()
        .filter_map(|item| item.data["ud_name"].as_str().map(str::to_owned))
        .collect()
}

/// The README: a signed-out account's rows are deleted, whoever ended the session. A session
/// the server expired takes the edits still queued and the cached rows with it.
#[tokio::test]
async fn a_session_the_server_ended_takes_its_queued_edits_and_cached_rows_with_it() {
    let sandbox = Sandbox::start(Db::open(None).unwrap(), 0).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let app = app(&sandbox.base_url(), &dir.path().join("cache.sqlite"));
    let account = app.sign_in().await;
    assert_eq!(app.data.addresses().list().await.unwrap().data.len(), 3);
    app.data.addresses().add(address("未发出的地址")).unwrap();
    assert_eq!(app.pending(&account), 1);

    let Some((_, kept)) =
        session::load_family(app.keychain.as_ref(), "sandbox", Family::UserCenter).unwrap()
    else {
        panic!("the session was not kept");
    };
    let StoredSession::UserCenter(stored) = kept.session else {
        panic!("not a user-centre session");
    };
    let helpers = Helpers::of(&sandbox);
    helpers
        .post("expire", json!({"token": stored.token.expose()}))
        .await;
    let error = app.data.addresses().refresh().await.unwrap_err();
    assert_eq!(error.code(), ErrorCode::Unauthorized);
    let last = app.last_event();
    assert_eq!(
        (last.change, last.reason),
        (AuthChange::SignedOut, Some(AuthReason::Expired))
    );

    assert_eq!(
        app.pending(&account),
        0,
        "the queued edit went with the session"
    );
    app.sign_in().await;
    let drop = json!({"path": "/front/account/userDeliveryAddress/list", "kind": "drop"});
    helpers.post("faults", drop).await;
    assert_eq!(
        app.data.addresses().list().await.unwrap_err().code(),
        ErrorCode::Network,
        "nothing of the ended session is cached"
    );
    assert!(
        !server_address_names(&sandbox.base_url())
            .await
            .contains(&"未发出的地址".to_owned()),
        "the dropped edit never reached the server"
    );
}

/// Edits left queued by the last run wait for a sign-in; the sign-in wakes the sender, which
/// would otherwise look again only after its idle minute.
#[tokio::test]
async fn a_sign_in_wakes_the_sender_of_edits_left_from_the_last_run() {
    let sandbox = Sandbox::start(Db::open(None).unwrap(), 0).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache.sqlite");
    let account = {
        let last_run = app(&sandbox.base_url(), &cache);
        let account = last_run.sign_in().await;
        last_run
            .data
            .addresses()
            .add(address("上次留下的地址"))
            .unwrap();
        account
    };

    let app = app(&sandbox.base_url(), &cache);
    assert_eq!(app.pending(&account), 1);
    let sender = tokio::spawn(app.data.outbox().run());
    // The sender looks once, finds nobody signed in, and goes to sleep.
    tokio::task::yield_now().await;
    app.sign_in().await;

    // Far less than the sender's idle minute, far more than one delivery takes.
    let deadline = Instant::now() + Duration::from_secs(20);
    while app.pending(&account) > 0 {
        assert!(
            Instant::now() < deadline,
            "the sign-in did not wake the sender"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    sender.abort();
    let names = server_address_names(&sandbox.base_url()).await;
    assert!(names.contains(&"上次留下的地址".to_owned()), "{names:?}");
}

/// A8 answers nothing about the accounts: the switch event is what marks the other trading
/// account active in the cache.
#[tokio::test]
async fn a_real_demo_switch_marks_the_other_trading_account_active_in_the_cache() {
    let sandbox = Sandbox::start(Db::open(None).unwrap(), 0).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let app = app(&sandbox.base_url(), &dir.path().join("cache.sqlite"));
    app.auth
        .customer_login(CustomerLogin {
            by: CustomerLoginName::Email,
            login_name: DEMO_EMAIL.into(),
            phone_area: None,
            password: Some(DEMO_PASSWORD.into()),
            code: None,
            remember: false,
        })
        .await
        .unwrap();
    let active = || {
        app.data
            .accounts()
            .trading_accounts()
            .unwrap()
            .expect("the sign-in answer is cached")
            .data
            .into_iter()
            .filter(|account| account.active)
            .map(|account| account.mode)
            .collect::<Vec<_>>()
    };
    assert_eq!(active(), [TradingMode::Real]);

    let switched = app.auth.customer_switch_mode().await.unwrap();
    assert_eq!(switched.mode, Some(TradingMode::Demo));
    assert_eq!(active(), [TradingMode::Demo]);
    app.auth.customer_switch_mode().await.unwrap();
    assert_eq!(active(), [TradingMode::Real]);
}
