//! The data services against the real sandbox (in-process) and a real SQLite cache file:
//! cache-first reads, offline answers, the outbox under faults and across a SIGKILL, and
//! per-account isolation.

// Helpers here panic on purpose: a failed expectation is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use lcs_api::user_center::ListQuery;
use lcs_api::user_center::addresses::{
    Address, AddressAdd, AddressFields, AddressList, AddressQuery,
};
use lcs_api::user_center::login::{LoginParams, LoginPost};
use lcs_api::user_center::messages::{MessageAdd, MessageFilter, MessageListChatMsg, MessageQuery};
use lcs_api::{Client, ClientConfig, Family, Secret, Timeouts};
use lcs_core::addresses::AddressInput;
use lcs_core::auth::{Auth, AuthEvent, AuthFamily, AuthListener, AuthReason, UserCenterLogin};
use lcs_core::keychain::{MemoryStore, Opened, StoreKind};
use lcs_core::{
    Data, DataChange, DataEvent, DataKind, DataListener, Environment, ErrorCode, Source,
};
use lcs_sandbox::{Db, Sandbox};
use lcs_store::Store;
use lcs_testkit::Helpers;
use serde_json::json;

/// The sandbox's demo data as its seed names it, written out so that a change there is noticed
/// here.
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

/// Records every data event, so a test can wait for the one it expects.
#[derive(Default)]
struct Recorder(Mutex<Vec<DataEvent>>);

impl DataListener for Recorder {
    fn data_changed(&self, event: &DataEvent) {
        self.0.lock().unwrap().push(event.clone());
    }
}

impl Recorder {
    async fn wait_for(&self, what: DataKind, change: DataChange) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if self
                .0
                .lock()
                .unwrap()
                .iter()
                .any(|event| event.what == what && event.change == change)
            {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "no {change:?} event for {what:?}"
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }
}

struct Quiet;

impl AuthListener for Quiet {
    fn auth_changed(&self, _: &str, _: &AuthEvent) {}
}

/// A client with a short request timeout, so a delayed answer counts as lost quickly; GETs
/// not retried, so one injected fault makes a read fail.
fn client(base: &str) -> Client {
    let mut config = ClientConfig::single_host(base.parse().unwrap());
    config.timeouts = Timeouts {
        connect: Duration::from_secs(1),
        request: Duration::from_millis(800),
    };
    config.get_retries = 0;
    Client::new(config).unwrap()
}

struct App {
    data: Data,
    auth: Arc<Auth>,
    events: Arc<Recorder>,
}

/// The app's services over the sandbox at `base` and the cache file at `path`, signed in as
/// demo user `user` (0: the full demo, 1: the newcomer without addresses).
async fn app(base: &str, path: &Path, user: usize) -> App {
    let keychain = Opened {
        store: Arc::new(MemoryStore::new()),
        kind: StoreKind::MemoryOnly {
            reason: "tests".into(),
        },
    };
    let auth = Arc::new(Auth::new(
        &Environment::sandbox(),
        client(base),
        keychain,
        Arc::new(Quiet),
    ));
    sign_in(&auth, user).await;
    let (store, _) = Store::open(path).unwrap();
    let events = Arc::new(Recorder::default());
    let data = Data::new(auth.clone(), Arc::new(Mutex::new(store)), events.clone());
    App { data, auth, events }
}

async fn sign_in(auth: &Auth, user: usize) {
    auth.user_center_login(UserCenterLogin {
        account: DEMO_USERS[user].phone.into(),
        password: Some(DEMO_USERS[user].password.into()),
        code: None,
        remember: false,
    })
    .await
    .unwrap();
}

async fn sandbox() -> Sandbox {
    Sandbox::start(Db::open(None).unwrap(), 0).await.unwrap()
}

async fn fault(sandbox: &Sandbox, path: &str, kind: &str, count: u32, delay_ms: u64) {
    let fault = json!({"path": path, "kind": kind, "count": count, "delayMs": delay_ms});
    Helpers::of(sandbox).post("faults", fault).await;
}

/// What the sandbox holds for a demo user, read through its API with a session of its own,
/// oldest first.
/// A session of its own for a demo user, as another device would have.
async fn other_device(client: &Client, user: usize) -> Secret {
    client
        .send(
            &LoginPost(LoginParams {
                encrypt: Some(false),
                password: Some(Secret::new(DEMO_USERS[user].password)),
                user_account: Some(DEMO_USERS[user].phone.into()),
                ..LoginParams::default()
            }),
            None,
        )
        .await
        .unwrap()
        .token
        .unwrap()
}

/// What the sandbox holds of a demo user's chat with `other`, as texts, oldest first.
async fn server_thread(base: &str, user: usize, other: i64) -> Vec<String> {
    let client = Client::new(ClientConfig::single_host(base.parse().unwrap())).unwrap();
    let token = other_device(&client, user).await;
    let page = client
        .send(
            &MessageListChatMsg(MessageQuery {
                list: ListQuery::page(1, 500),
                filter: MessageFilter {
                    user_other_id: Some(other),
                    ..MessageFilter::default()
                },
            }),
            Some(&token),
        )
        .await
        .unwrap();
    let mut texts: Vec<(i64, i64, String)> = page
        .items
        .into_iter()
        .filter_map(|entry| {
            let message = entry.msg?.message;
            Some((
                message.message_time?,
                message.message_id?,
                message.message_content?,
            ))
        })
        .collect();
    texts.sort();
    texts.into_iter().map(|(_, _, text)| text).collect()
}

async fn server_addresses(base: &str, user: usize) -> Vec<Address> {
    let client = Client::new(ClientConfig::single_host(base.parse().unwrap())).unwrap();
    let session = client
        .send(
            &LoginPost(LoginParams {
                encrypt: Some(false),
                password: Some(Secret::new(DEMO_USERS[user].password)),
                user_account: Some(DEMO_USERS[user].phone.into()),
                ..LoginParams::default()
            }),
            None,
        )
        .await
        .unwrap();
    let token = session.token.unwrap();
    let mut page = client
        .send(
            &AddressList(AddressQuery {
                list: ListQuery::page(1, 500),
                ..AddressQuery::default()
            }),
            Some(&token),
        )
        .await
        .unwrap();
    page.items.sort_by_key(|address| address.ud_id);
    page.items
}

fn named(name: &str) -> AddressInput {
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

fn names(addresses: &[Address]) -> Vec<String> {
    addresses
        .iter()
        .map(|address| address.ud_name.clone().unwrap_or_default())
        .collect()
}

/// Sends the outbox until it is empty, making waiting edits due at once: the test plays the
/// network coming back after every failure instead of waiting out the backoff.
async fn drain(app: &App) {
    let outbox = app.data.outbox();
    for _ in 0..500 {
        let report = outbox.deliver().await.unwrap();
        if app
            .data
            .pending_edits(AuthFamily::UserCenter, &account(app))
            .unwrap()
            == 0
        {
            return;
        }
        if report.waiting {
            outbox.retry_now().unwrap();
        }
    }
    let left = app
        .data
        .pending_edits(AuthFamily::UserCenter, &account(app))
        .unwrap();
    panic!("the outbox did not drain: {left} edits left");
}

fn account(app: &App) -> String {
    app.auth.session(Family::UserCenter).unwrap().account
}

#[tokio::test]
async fn a_read_answers_from_the_cache_then_the_refresh_lands() {
    let sandbox = sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let app = app(&sandbox.base_url(), &dir.path().join("cache.sqlite"), 0).await;
    let addresses = app.data.addresses();

    // Nothing cached: the network answers.
    let first = addresses.list().await.unwrap();
    assert_eq!(first.source, Source::Network);
    assert_eq!(first.data.len(), 3);
    assert!(!first.offline && !first.stale);
    assert!(first.data[0].is_default, "the default first");

    // The server changes behind the app's back (another device).
    let client = Client::new(ClientConfig::single_host(
        sandbox.base_url().parse().unwrap(),
    ))
    .unwrap();
    let other_device = client
        .send(
            &LoginPost(LoginParams {
                encrypt: Some(false),
                password: Some(Secret::new(DEMO_USERS[0].password)),
                user_account: Some(DEMO_USERS[0].phone.into()),
                ..LoginParams::default()
            }),
            None,
        )
        .await
        .unwrap()
        .token
        .unwrap();
    client
        .send(
            &AddressAdd(AddressFields {
                ud_name: Some("另一台设备".into()),
                ..AddressFields::default()
            }),
            Some(&other_device),
        )
        .await
        .unwrap();

    // The cache answers at once, and the background refresh brings the new row.
    app.events.0.lock().unwrap().clear();
    let cached = addresses.list().await.unwrap();
    assert_eq!(cached.source, Source::Cache);
    assert_eq!(cached.data.len(), 3);
    app.events
        .wait_for(DataKind::Addresses, DataChange::Refreshed)
        .await;
    let fresh = addresses.list().await.unwrap();
    assert_eq!(fresh.data.len(), 4);
    assert!(fresh.fetched_at >= cached.fetched_at);

    // The other kinds read the same way.
    let info = app.data.profile().user_info().await.unwrap();
    assert_eq!(info.source, Source::Network);
    let notices = app
        .data
        .messages()
        .list(lcs_core::messages::MessageChannel::Notice)
        .await
        .unwrap();
    assert!(!notices.data.is_empty());
    let unread = app.data.messages().unread().await.unwrap();
    assert!(unread.data.total > 0);
}

/// A page reads the cache again whenever a refresh lands; those reads must not each start
/// another refresh, or the page would ask the server forever.
#[tokio::test]
async fn reading_again_after_a_refresh_does_not_refresh_again() {
    let sandbox = sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let app = app(&sandbox.base_url(), &dir.path().join("cache.sqlite"), 0).await;
    let addresses = app.data.addresses();
    addresses.list().await.unwrap();

    let refreshes = || {
        app.events
            .0
            .lock()
            .unwrap()
            .iter()
            .filter(|e| e.what == DataKind::Addresses && e.change == DataChange::Refreshed)
            .count()
    };
    app.events.0.lock().unwrap().clear();
    addresses.list().await.unwrap();
    app.events
        .wait_for(DataKind::Addresses, DataChange::Refreshed)
        .await;
    for _ in 0..5 {
        assert_eq!(addresses.list().await.unwrap().source, Source::Cache);
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        refreshes(),
        1,
        "each read after the refresh started another"
    );

    // Pulling to refresh still asks the server.
    assert_eq!(addresses.refresh().await.unwrap().source, Source::Network);
    assert_eq!(refreshes(), 2);
}

/// Reading a chat marks the whole conversation read in one queued edit, which the server gets.
#[tokio::test]
async fn a_conversation_is_marked_read_at_once_and_the_server_agrees() {
    use lcs_core::messages::MessageChannel;
    let sandbox = sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let app = app(&sandbox.base_url(), &dir.path().join("cache.sqlite"), 0).await;
    let messages = app.data.messages();
    let chats = messages.refresh(MessageChannel::Chat).await.unwrap().data;
    let other = |item: &lcs_core::messages::MessageItem| item.data["user_other_id"].as_i64();
    let party = chats
        .iter()
        .find(|item| !item.is_read)
        .and_then(other)
        .expect("an unread conversation in the demo data");
    let unread_in = |items: &[lcs_core::messages::MessageItem]| {
        items
            .iter()
            .filter(|item| other(item) == Some(party) && !item.is_read)
            .count()
    };
    assert!(unread_in(&chats) > 0);

    messages.mark_conversation_read(party).unwrap();
    let shown = messages.list(MessageChannel::Chat).await.unwrap().data;
    assert_eq!(
        unread_in(&shown),
        0,
        "read at once, before the server knows"
    );
    let report = app.data.outbox().deliver().await.unwrap();
    assert_eq!(report.sent, 1, "one call for the whole conversation");
    let fresh = messages.refresh(MessageChannel::Chat).await.unwrap().data;
    assert_eq!(unread_in(&fresh), 0, "the server has it");

    let kefu = messages.kefu_config().await.unwrap();
    assert!(kefu.get("kefu_user_id").is_some(), "{kefu}");
}

/// Reading a conversation queues a read mark for what the user received; the user's own
/// messages in it are not waiting for anything, so they say nothing of syncing.
#[tokio::test]
async fn a_read_mark_waits_for_the_received_messages_only() {
    let sandbox = sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let app = app(&sandbox.base_url(), &dir.path().join("cache.sqlite"), 0).await;
    let messages = app.data.messages();
    let kefu = 1;
    messages.chat_refresh(kefu, 50).await.unwrap();
    messages.mark_conversation_read(kefu).unwrap();

    let thread = messages
        .chat_history(kefu, 0, 50)
        .await
        .unwrap()
        .data
        .messages;
    let kind = |item: &lcs_core::messages::MessageItem| item.data["message_kind"].as_i64();
    let own: Vec<_> = thread.iter().filter(|item| kind(item) == Some(1)).collect();
    let received: Vec<_> = thread.iter().filter(|item| kind(item) == Some(2)).collect();
    assert!(
        !own.is_empty() && !received.is_empty(),
        "the demo thread has both"
    );
    assert!(
        own.iter().all(|item| !item.pending),
        "the user's own are sent"
    );
    assert!(
        received.iter().any(|item| item.pending),
        "the read mark waits for the server"
    );
}

#[tokio::test]
async fn offline_the_cache_stands_and_says_so() {
    let sandbox = sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let app = app(&sandbox.base_url(), &dir.path().join("cache.sqlite"), 0).await;
    let addresses = app.data.addresses();
    addresses.list().await.unwrap();

    for kind in ["http500", "drop"] {
        fault(
            &sandbox,
            "/front/account/userDeliveryAddress/list",
            kind,
            1,
            0,
        )
        .await;
        let offline = addresses.refresh().await.unwrap();
        assert_eq!(offline.source, Source::Cache, "{kind}");
        assert!(offline.offline, "{kind}");
        assert_eq!(offline.data.len(), 3, "{kind}");
    }
    fault(
        &sandbox,
        "/front/account/userDeliveryAddress/list",
        "delay",
        1,
        2_000,
    )
    .await;
    assert!(addresses.refresh().await.unwrap().offline, "a timeout");
    app.events
        .wait_for(DataKind::Addresses, DataChange::Unreachable)
        .await;

    // Nothing cached and no network: the typed error.
    fault(&sandbox, "/front/account/userInvoice/list", "drop", 1, 0).await;
    let error = app.data.invoices().list().await.unwrap_err();
    assert_eq!(error.code(), ErrorCode::Network);

    // The network is back: the network answers again.
    let back = addresses.refresh().await.unwrap();
    assert_eq!(back.source, Source::Network);
    assert!(!back.offline);
}

/// 200 address edits (adds, edits of rows still under their temporary id, removes) made while
/// the sandbox refuses every way it can; then it recovers. Every edit arrives exactly once and
/// in order: the sandbox holds exactly the rows the edits describe, in the order they were
/// added.
#[tokio::test]
async fn two_hundred_edits_made_offline_arrive_once_and_in_order() {
    let sandbox = sandbox().await;
    let base = sandbox.base_url();
    let dir = tempfile::tempdir().unwrap();
    let app = app(&base, &dir.path().join("cache.sqlite"), 1).await;
    let addresses = app.data.addresses();

    let path = "/front/account/userDeliveryAddress/";
    fault(&sandbox, path, "http500", 3, 0).await;
    fault(&sandbox, path, "drop", 3, 0).await;
    fault(&sandbox, path, "malformed", 2, 0).await;
    fault(&sandbox, path, "delay", 2, 1_200).await;
    // Applied, but the answer is lost (or comes after the client gave up): only the
    // idempotency key keeps the retry from applying the edit again.
    fault(&sandbox, path, "lose", 3, 0).await;
    fault(&sandbox, path, "late", 2, 1_200).await;

    let mut expected = Vec::new();
    let mut edits = 0;
    for i in 0..120 {
        let name = format!("A{i:03}");
        let id = addresses.add(named(&name)).unwrap();
        edits += 1;
        if i % 2 == 0 {
            addresses.edit(&id, named(&format!("{name}-e"))).unwrap();
            edits += 1;
            expected.push(format!("{name}-e"));
        } else if i % 6 == 5 {
            addresses.remove(&id).unwrap();
            edits += 1;
        } else {
            expected.push(name);
        }
    }
    assert_eq!(edits, 200);
    let account = account(&app);
    assert_eq!(
        app.data
            .pending_edits(AuthFamily::UserCenter, &account)
            .unwrap(),
        200
    );
    let shown = addresses.list().await.unwrap();
    assert_eq!(shown.data.len(), 100, "the cache shows the edits at once");
    assert!(shown.data.iter().all(|row| row.pending));

    drain(&app).await;
    // Let the delayed originals land: their repeats must not apply twice.
    tokio::time::sleep(Duration::from_millis(1_500)).await;

    assert_eq!(names(&server_addresses(&base, 1).await), expected);
    let cached = addresses.refresh().await.unwrap();
    assert_eq!(cached.data.len(), 100);
    assert!(cached.data.iter().all(|row| !row.pending));
    assert!(cached.data.iter().all(|row| row.id.parse::<i64>().is_ok()));
}

/// The child half of the SIGKILL test: runs only when that test starts this binary again.
#[tokio::test]
async fn sync_child_process() {
    let (Ok(store), Ok(base)) = (
        std::env::var("LCS_SYNC_CHILD_STORE"),
        std::env::var("LCS_SYNC_CHILD_BASE"),
    ) else {
        return;
    };
    let app = app(&base, Path::new(&store), 1).await;
    drain(&app).await;
}

/// A process syncing the outbox is killed with SIGKILL mid-way; a new one finishes the job:
/// nothing lost, nothing doubled, still in order.
#[tokio::test]
async fn a_sync_killed_mid_way_is_finished_by_the_next_process() {
    let sandbox = sandbox().await;
    let base = sandbox.base_url();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.sqlite");
    let app = app(&base, &path, 1).await;
    let expected: Vec<String> = (0..120).map(|i| format!("K{i:03}")).collect();
    for name in &expected {
        app.data.addresses().add(named(name)).unwrap();
    }
    // Each add is applied, then answered late: the kill almost surely lands on an add the
    // server has and the dying process never recorded.
    fault(
        &sandbox,
        "/front/account/userDeliveryAddress/add",
        "late",
        1_000,
        25,
    )
    .await;

    let mut child = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "sync_child_process", "--nocapture"])
        .env("LCS_SYNC_CHILD_STORE", &path)
        .env("LCS_SYNC_CHILD_BASE", &base)
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let arrived = server_addresses(&base, 1).await.len();
        if arrived >= 30 {
            break;
        }
        assert!(Instant::now() < deadline, "the child synced nothing");
        assert!(child.try_wait().unwrap().is_none(), "the child ended early");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();
    let arrived = server_addresses(&base, 1).await.len();
    assert!(
        arrived < expected.len(),
        "killed mid-way ({arrived} arrived)"
    );

    drain(&app).await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(names(&server_addresses(&base, 1).await), expected);
}

/// Account B never sees account A's rows, online or offline, and forgetting A removes A's
/// rows and queued edits only.
#[tokio::test]
async fn one_account_never_sees_anothers_rows() {
    let sandbox = sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let app = app(&sandbox.base_url(), &dir.path().join("cache.sqlite"), 0).await;
    let addresses = app.data.addresses();
    assert_eq!(addresses.list().await.unwrap().data.len(), 3);
    addresses.add(named("A 的新地址")).unwrap();
    let first = account(&app);

    app.auth
        .sign_out(Family::UserCenter, AuthReason::Switch)
        .await;
    assert_eq!(
        addresses.list().await.unwrap_err().code(),
        ErrorCode::Unauthorized
    );
    sign_in(&app.auth, 1).await;
    let second = account(&app);
    assert_ne!(first, second);

    // Offline with nothing cached for B: an error, never A's rows.
    fault(
        &sandbox,
        "/front/account/userDeliveryAddress/list",
        "drop",
        1,
        0,
    )
    .await;
    assert_eq!(
        addresses.list().await.unwrap_err().code(),
        ErrorCode::Network
    );
    assert!(addresses.list().await.unwrap().data.is_empty());
    // A's queued edit waits for A: B's delivery does not send it.
    let report = app.data.outbox().deliver().await.unwrap();
    assert_eq!(report.sent, 0);
    assert_eq!(
        app.data
            .pending_edits(AuthFamily::UserCenter, &first)
            .unwrap(),
        1
    );

    // Sign-out of A confirmed: A's rows and edit are gone, B's stay.
    app.data
        .forget_account(AuthFamily::UserCenter, &first)
        .unwrap();
    assert_eq!(
        app.data
            .pending_edits(AuthFamily::UserCenter, &first)
            .unwrap(),
        0
    );
    assert_eq!(addresses.list().await.unwrap().source, Source::Cache);
    app.auth
        .sign_out(Family::UserCenter, AuthReason::Switch)
        .await;
    sign_in(&app.auth, 0).await;
    fault(
        &sandbox,
        "/front/account/userDeliveryAddress/list",
        "drop",
        1,
        0,
    )
    .await;
    assert_eq!(
        addresses.list().await.unwrap_err().code(),
        ErrorCode::Network,
        "A's cache was forgotten"
    );
}

/// Family A's sign-in answer is cached without its tokens.
#[tokio::test]
async fn the_customer_is_cached_from_the_sign_in_answer_without_tokens() {
    let sandbox = sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let app = app(&sandbox.base_url(), &dir.path().join("cache.sqlite"), 0).await;
    let customer: lcs_api::customer::Customer = serde_json::from_value(json!({
        "id": 7,
        "token": "secret-token",
        "rToken": "secret-refresh",
        "companyType": "demo",
        "accountList": [
            {"accountId": 71, "type": 2, "currency": "USDT", "balance": "100000.00"},
            {"accountId": 70, "type": 1, "currency": "USDT", "balance": "10000.00"}
        ]
    }))
    .unwrap();
    app.data.accounts().remember(&customer).unwrap();
    let (store, _) = Store::open(&dir.path().join("cache.sqlite")).unwrap();
    let cached: serde_json::Value = store
        .customer("sandbox", "A:7", Duration::MAX)
        .unwrap()
        .unwrap()
        .data;
    assert!(cached.get("token").is_none() && cached.get("rToken").is_none());
    let text = std::fs::read(dir.path().join("cache.sqlite-wal")).unwrap_or_default();
    assert!(
        !String::from_utf8_lossy(&text).contains("secret-token"),
        "no token in the cache file"
    );
    let accounts = store
        .trading_accounts::<serde_json::Value>("sandbox", "A:7", Duration::MAX)
        .unwrap()
        .unwrap()
        .data;
    assert_eq!(accounts.len(), 2);
    assert!(accounts[0].active && accounts[0].mode == lcs_store::AccountMode::Demo);
}

/// A real/demo switch answers nothing: the cached accounts show it until the next sign-in.
#[tokio::test]
async fn a_switch_marks_the_other_trading_account_active_in_the_cache() {
    let sandbox = sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let app = app(&sandbox.base_url(), &dir.path().join("cache.sqlite"), 0).await;
    let session = app
        .auth
        .customer_login(lcs_core::auth::CustomerLogin {
            by: lcs_core::auth::CustomerLoginName::Email,
            login_name: DEMO_USERS[0].email.into(),
            phone_area: None,
            password: Some(DEMO_USERS[0].password.into()),
            code: None,
            remember: false,
        })
        .await
        .unwrap();
    let customer: lcs_api::customer::Customer = serde_json::from_value(json!({
        "id": session.account.parse::<i64>().unwrap(),
        "companyType": "real",
        "accountList": [
            {"accountId": 70, "type": 1, "currency": "USD", "balance": "10.00"},
            {"accountId": 71, "type": 2, "currency": "USD", "balance": "100000.00"}
        ]
    }))
    .unwrap();
    let accounts = app.data.accounts();
    accounts.remember(&customer).unwrap();
    let active = |accounts: &lcs_core::accounts::Accounts| {
        accounts
            .trading_accounts()
            .unwrap()
            .unwrap()
            .data
            .into_iter()
            .filter(|account| account.active)
            .map(|account| account.account_id)
            .collect::<Vec<_>>()
    };
    assert_eq!(active(&accounts), ["70"]);
    accounts
        .mark_active(lcs_core::auth::TradingMode::Demo)
        .unwrap();
    assert_eq!(active(&accounts), ["71"]);
}

/// The server wins: an edit it refuses is dropped, its version is back in the cache, and the
/// listener says why.
#[tokio::test]
async fn a_refused_edit_is_dropped_and_the_servers_version_restored() {
    let sandbox = sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let app = app(&sandbox.base_url(), &dir.path().join("cache.sqlite"), 0).await;
    let addresses = app.data.addresses();
    let before = addresses.list().await.unwrap();
    let gone = "999999";
    addresses.edit(gone, named("不存在")).unwrap();
    assert_eq!(
        addresses.list().await.unwrap().data.len(),
        4,
        "shown at once"
    );

    let report = app.data.outbox().deliver().await.unwrap();
    assert_eq!((report.sent, report.rejected), (0, 1));
    app.events
        .wait_for(DataKind::Addresses, DataChange::Rejected)
        .await;
    let rejected = app
        .events
        .0
        .lock()
        .unwrap()
        .iter()
        .find(|event| event.change == DataChange::Rejected)
        .cloned()
        .unwrap();
    assert_eq!(rejected.code, Some(ErrorCode::Business));
    assert!(rejected.message.is_some());
    // The UI words it from the reason: a refusal carries the server's words.
    assert!(matches!(
        rejected.reason,
        Some(lcs_core::ErrorReason::Backend { ref sentence }) if !sentence.is_empty()
    ));
    let after = addresses.list().await.unwrap();
    assert_eq!(
        after.data.iter().map(|row| &row.id).collect::<Vec<_>>(),
        before.data.iter().map(|row| &row.id).collect::<Vec<_>>()
    );
}

/// Customer service, the other party of every demo user's chat.
const KEFU: i64 = 1;

fn texts(page: &[lcs_core::messages::MessageItem]) -> Vec<String> {
    page.iter()
        .map(|item| {
            item.data["message_content"]
                .as_str()
                .unwrap_or("")
                .to_owned()
        })
        .collect()
}

/// Online, a message shows at once as pending, then as the server's row with customer
/// service's answer after it.
#[tokio::test]
async fn a_message_sent_online_shows_at_once_then_is_the_servers() {
    let sandbox = sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let app = app(&sandbox.base_url(), &dir.path().join("cache.sqlite"), 1).await;
    let messages = app.data.messages();
    let opened = messages.chat_refresh(KEFU, 20).await.unwrap();
    assert_eq!(opened.source, Source::Network);
    assert_eq!(opened.data.messages.len(), 3);
    assert!(opened.data.complete, "the newcomer's whole thread");

    let sent = messages
        .send(KEFU, "  请问如何修改绑定手机号？\n谢谢\n ")
        .unwrap();
    assert!(sent.pending && sent.id.starts_with("tmp-"));
    let shown = messages.chat_history(KEFU, 0, 20).await.unwrap();
    assert_eq!(shown.source, Source::Cache);
    assert_eq!(shown.data.messages[0].id, sent.id, "the newest, at once");
    assert_eq!(
        shown.data.messages[0].data["message_content"],
        "请问如何修改绑定手机号？\n谢谢"
    );
    assert_eq!(shown.data.messages.len(), 4);

    let report = app.data.outbox().deliver().await.unwrap();
    assert_eq!(report.sent, 1);
    let after = messages.chat_history(KEFU, 0, 20).await.unwrap().data;
    assert_eq!(after.messages.len(), 5, "the message and the answer");
    assert!(
        after
            .messages
            .iter()
            .all(|m| !m.pending && !m.id.starts_with("tmp-"))
    );
    assert_eq!(after.messages[1].data["message_kind"], 1);
    assert_eq!(after.messages[0].data["user_other_nickname"], "在线客服");
    assert_eq!(
        server_thread(&sandbox.base_url(), 1, KEFU).await[3],
        "请问如何修改绑定手机号？\n谢谢"
    );

    // Nothing to send is refused before anything is queued.
    for empty in ["", " \n\t "] {
        let error = messages.send(KEFU, empty).unwrap_err();
        assert_eq!(error.code(), ErrorCode::InvalidInput);
    }
    // At most 500 characters, written out: a change in the code must be seen here.
    let long = "长".repeat(501);
    assert_eq!(
        messages.send(KEFU, &long).unwrap_err().code(),
        ErrorCode::InvalidInput
    );
    assert_eq!(
        app.data
            .pending_edits(AuthFamily::UserCenter, &account(&app))
            .unwrap(),
        0
    );
    messages
        .send(KEFU, &"长".repeat(500))
        .expect("500 characters are a message");
}

/// Offline, messages wait in order; an answer lost on the way does not send one twice.
#[tokio::test]
async fn messages_sent_offline_arrive_once_and_in_order() {
    let sandbox = sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let app = app(&sandbox.base_url(), &dir.path().join("cache.sqlite"), 1).await;
    let messages = app.data.messages();
    messages.chat_refresh(KEFU, 20).await.unwrap();

    fault(&sandbox, "/front/account/userMessage/add", "drop", 2, 0).await;
    let first = messages.send(KEFU, "第一条").unwrap();
    let second = messages.send(KEFU, "第二条").unwrap();
    let report = app.data.outbox().deliver().await.unwrap();
    assert!(report.waiting && report.sent == 0);
    app.events
        .wait_for(DataKind::Chats, DataChange::Unreachable)
        .await;
    let waiting = messages.chat_history(KEFU, 0, 20).await.unwrap().data;
    assert_eq!(
        waiting.messages[..2]
            .iter()
            .map(|m| (m.id.clone(), m.pending))
            .collect::<Vec<_>>(),
        [(second.id.clone(), true), (first.id.clone(), true)]
    );

    // The server takes the first but its answer never arrives: sent again with its key.
    fault(&sandbox, "/front/account/userMessage/add", "lose", 1, 0).await;
    app.data.outbox().retry_now().unwrap();
    drain(&app).await;
    let server = server_thread(&sandbox.base_url(), 1, KEFU).await;
    let mine: Vec<&String> = server.iter().filter(|text| text.contains("条")).collect();
    assert_eq!(mine, ["第一条", "第二条"], "once each, in order");
    let thread = messages.chat_history(KEFU, 0, 20).await.unwrap().data;
    assert_eq!(thread.messages.len(), 7);
    assert!(
        thread
            .messages
            .iter()
            .all(|m| !m.pending && !m.id.starts_with("tmp-"))
    );
}

/// A message the server refuses stays, marked failed with its words, without holding up the
/// next; sent again it is pending again, and it can be dropped.
#[tokio::test]
async fn a_refused_message_stays_failed_until_sent_again_or_dropped() {
    let sandbox = sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let app = app(&sandbox.base_url(), &dir.path().join("cache.sqlite"), 1).await;
    let messages = app.data.messages();
    let nobody = 999_999;
    let refused = messages.send(nobody, "有人吗？").unwrap();
    let fine = messages.send(KEFU, "你好").unwrap();

    let report = app.data.outbox().deliver().await.unwrap();
    assert_eq!((report.sent, report.rejected), (1, 1));
    app.events
        .wait_for(DataKind::Chats, DataChange::Rejected)
        .await;
    let failed = messages.chat_history(nobody, 0, 20).await.unwrap().data;
    assert_eq!(failed.messages.len(), 1);
    let shown = &failed.messages[0];
    assert_eq!(shown.id, refused.id);
    assert!(!shown.pending);
    assert!(
        shown
            .failed
            .as_deref()
            .is_some_and(|words| !words.is_empty())
    );
    assert_eq!(texts(&failed.messages), ["有人吗？"], "the text is kept");
    let kefu = messages.chat_history(KEFU, 0, 20).await.unwrap().data;
    assert!(
        kefu.messages.iter().all(|m| m.id != fine.id),
        "the next went"
    );

    messages.resend(&refused.id).unwrap();
    let again = messages.chat_history(nobody, 0, 20).await.unwrap().data;
    assert!(again.messages[0].pending && again.messages[0].failed.is_none());
    let report = app.data.outbox().deliver().await.unwrap();
    assert_eq!(report.rejected, 1, "still nobody there");

    messages.discard(&refused.id).unwrap();
    assert!(
        messages
            .chat_history(nobody, 0, 20)
            .await
            .unwrap()
            .data
            .messages
            .is_empty()
    );
    assert_eq!(
        app.data
            .pending_edits(AuthFamily::UserCenter, &account(&app))
            .unwrap(),
        0
    );
    assert_eq!(
        messages.resend(&refused.id).unwrap_err().code(),
        ErrorCode::InvalidInput
    );
}

/// A long thread reads newest first a page at a time, from the server when the cache runs
/// out; read again it comes from the cache alone, and a refresh of the chat list keeps it.
#[tokio::test]
async fn a_long_thread_pages_from_the_server_once_then_from_the_cache() {
    let sandbox = sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let client = Client::new(ClientConfig::single_host(
        sandbox.base_url().parse().unwrap(),
    ))
    .unwrap();
    let token = other_device(&client, 1).await;
    for n in 0..110 {
        client
            .send(
                &MessageAdd {
                    message_content: Some(format!("第 {n} 条")),
                    user_other_id: Some(KEFU),
                    ..MessageAdd::default()
                },
                Some(&token),
            )
            .await
            .unwrap();
    }
    let total = 3 + 110 * 2;
    let app = app(&sandbox.base_url(), &dir.path().join("cache.sqlite"), 1).await;
    let messages = app.data.messages();

    let read_all = || async {
        let mut pages = Vec::new();
        let mut offset = 0;
        loop {
            let page = messages.chat_history(KEFU, offset, 40).await.unwrap();
            offset += u32::try_from(page.data.messages.len()).unwrap();
            let complete = page.data.complete;
            pages.push(page);
            if complete {
                return pages;
            }
            assert!(pages.len() < 20, "paging never ends");
        }
    };
    let first = read_all().await;
    let items: Vec<_> = first.iter().flat_map(|p| p.data.messages.clone()).collect();
    assert_eq!(items.len(), total);
    let mut ids: Vec<_> = items.iter().map(|m| m.id.clone()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), total, "no message twice");
    assert!(
        items.windows(2).all(|pair| pair[0].time >= pair[1].time),
        "newest first"
    );
    let all = texts(&items);
    assert_eq!(
        all[total - 1],
        "您好，我是 LCS 在线客服小安，请问有什么可以帮您？"
    );
    assert!(all.contains(&"第 0 条".to_owned()) && all.contains(&"第 109 条".to_owned()));
    assert!(first.iter().any(|page| page.source == Source::Network));

    // The server is gone for the thread: every page still answers, from the cache.
    fault(
        &sandbox,
        "/front/account/userMessage/listChatMsg",
        "drop",
        100,
        0,
    )
    .await;
    let again = read_all().await;
    assert!(
        again
            .iter()
            .all(|page| page.source == Source::Cache && !page.offline)
    );
    let cached: Vec<_> = again.iter().flat_map(|p| texts(&p.data.messages)).collect();
    assert_eq!(cached, texts(&items));

    // The chat list reads only the newest 200: the older messages the thread read stay.
    messages
        .refresh(lcs_core::messages::MessageChannel::Chat)
        .await
        .unwrap();
    let kept = read_all().await;
    assert_eq!(
        kept.iter().map(|p| p.data.messages.len()).sum::<usize>(),
        total
    );
}

/// How many faults are still armed: a fault on a path no call takes is armed and counted out.
async fn faults_left(sandbox: &Sandbox) -> u64 {
    let never = json!({"path": "/never/called/", "kind": "http500"});
    let answer = Helpers::of(sandbox).post("faults", never).await;
    answer["armed"].as_u64().unwrap() - 1
}

/// 200 edits (address adds, some of them edited, and chat messages) against a server that,
/// for a share of the adds and messages, ignores the idempotency key, applies the call and
/// loses its answer (at once, or after the client gave up). The outbox looks for each such
/// edit on the server before sending it again: the sandbox ends up with every address and
/// every message exactly once.
#[tokio::test]
async fn edits_whose_answer_was_lost_by_a_server_without_keys_arrive_once() {
    let started = Instant::now();
    let sandbox = sandbox().await;
    let base = sandbox.base_url();
    let dir = tempfile::tempdir().unwrap();
    let app = app(&base, &dir.path().join("cache.sqlite"), 1).await;
    let (addresses, messages) = (app.data.addresses(), app.data.messages());
    messages.chat_refresh(KEFU, 20).await.unwrap();

    let mut expected_addresses = Vec::new();
    let mut expected_messages = Vec::new();
    let mut edits = 0;
    for i in 0..80 {
        let name = format!("R{i:03}");
        let id = addresses.add(named(&name)).unwrap();
        edits += 1;
        if i % 4 == 0 {
            addresses.edit(&id, named(&format!("{name}-e"))).unwrap();
            edits += 1;
            expected_addresses.push(format!("{name}-e"));
        } else {
            expected_addresses.push(name);
        }
        let text = format!("消息 {i:03}");
        messages.send(KEFU, &text).unwrap();
        edits += 1;
        expected_messages.push(text);
    }
    for i in 80..100 {
        let text = format!("消息 {i:03}");
        messages.send(KEFU, &text).unwrap();
        edits += 1;
        expected_messages.push(text);
    }
    assert_eq!(edits, 200);

    // Lost at once (the connection closes), or after the client's 800 ms timeout.
    let mut armed = 0;
    for path in [
        "/front/account/userDeliveryAddress/add",
        "/front/account/userMessage/add",
    ] {
        fault(&sandbox, path, "lose_ignoring_key", 12, 0).await;
        fault(&sandbox, path, "lose_ignoring_key", 3, 900).await;
        armed += 15;
    }

    drain(&app).await;
    let fired = armed - faults_left(&sandbox).await;
    assert_eq!(fired, armed, "every fault fired");

    let held_addresses = names(&server_addresses(&base, 1).await);
    let held_messages: Vec<String> = server_thread(&base, 1, KEFU)
        .await
        .into_iter()
        .filter(|text| text.starts_with("消息 "))
        .collect();
    // A row or message beyond one for each edit is a duplicate; an edit without one is lost.
    let count = |held: &[String], expected: &[String]| {
        let present = expected.iter().filter(|text| held.contains(text)).count();
        (held.len() - present, expected.len() - present)
    };
    let (extra_addresses, lost_addresses) = count(&held_addresses, &expected_addresses);
    let (extra_messages, lost_messages) = count(&held_messages, &expected_messages);
    let (duplicated, missing) = (
        extra_addresses + extra_messages,
        lost_addresses + lost_messages,
    );
    eprintln!(
        "{edits} edits, {fired} faults fired, {duplicated} duplicates, {missing} lost, {:?}",
        started.elapsed()
    );
    assert_eq!((duplicated, missing), (0, 0));
    assert_eq!(held_addresses, expected_addresses, "once each, in order");
    assert_eq!(held_messages, expected_messages, "once each, in order");

    // The cache holds the server's rows, none pending or under a temporary id.
    let cached = addresses.list().await.unwrap().data;
    assert_eq!(cached.len(), 80);
    assert!(
        cached
            .iter()
            .all(|row| !row.pending && row.id.parse::<i64>().is_ok())
    );
    let thread = messages.chat_history(KEFU, 0, 200).await.unwrap().data;
    assert!(
        thread
            .messages
            .iter()
            .all(|m| !m.pending && !m.id.starts_with("tmp-"))
    );
}

/// What the sandbox holds of a demo user's invoice titles, oldest first.
async fn server_invoice_titles(base: &str, user: usize) -> Vec<String> {
    let client = Client::new(ClientConfig::single_host(base.parse().unwrap())).unwrap();
    let token = other_device(&client, user).await;
    let mut page = client
        .send(
            &lcs_api::user_center::invoices::InvoiceList(
                lcs_api::user_center::invoices::InvoiceQuery {
                    list: ListQuery::page(1, 500),
                    ..Default::default()
                },
            ),
            Some(&token),
        )
        .await
        .unwrap();
    page.items.sort_by_key(|invoice| invoice.user_invoice_id);
    page.items
        .into_iter()
        .map(|invoice| invoice.invoice_title.unwrap_or_default())
        .collect()
}

/// A lost add is recognised by its fields, but not in a row that was already listed when it
/// was queued: adding an address, an invoice or a message the same as one already there, whose
/// first attempt is lost before the server applies it, still adds it (and an invoice applied by
/// a server that ignores its key is not added twice).
#[tokio::test]
async fn a_lost_add_is_not_mistaken_for_the_same_one_already_there() {
    let sandbox = sandbox().await;
    let base = sandbox.base_url();
    let dir = tempfile::tempdir().unwrap();
    let app = app(&base, &dir.path().join("cache.sqlite"), 1).await;
    let (addresses, invoices, messages) = (
        app.data.addresses(),
        app.data.invoices(),
        app.data.messages(),
    );
    messages.chat_refresh(KEFU, 20).await.unwrap();
    let invoice = |title: &str| lcs_core::invoices::InvoiceInput {
        invoice_title: Some(title.into()),
        invoice_type: Some(1),
        invoice_is_company: Some(false),
        ..Default::default()
    };
    addresses.add(named("同名")).unwrap();
    invoices.add(invoice("同名抬头")).unwrap();
    messages.send(KEFU, "好的").unwrap();
    // The invoice is applied without its key, and its answer lost.
    fault(
        &sandbox,
        "/front/account/userInvoice/add",
        "lose_ignoring_key",
        1,
        0,
    )
    .await;
    drain(&app).await;
    assert_eq!(server_invoice_titles(&base, 1).await, ["同名抬头"]);

    // The same again, each first attempt closed before the server runs it.
    addresses.add(named("同名")).unwrap();
    invoices.add(invoice("同名抬头")).unwrap();
    messages.send(KEFU, "好的").unwrap();
    for path in [
        "/front/account/userDeliveryAddress/add",
        "/front/account/userInvoice/add",
        "/front/account/userMessage/add",
    ] {
        fault(&sandbox, path, "drop", 1, 0).await;
    }
    drain(&app).await;

    assert_eq!(names(&server_addresses(&base, 1).await), ["同名", "同名"]);
    assert_eq!(
        server_invoice_titles(&base, 1).await,
        ["同名抬头", "同名抬头"]
    );
    let mine: Vec<String> = server_thread(&base, 1, KEFU)
        .await
        .into_iter()
        .filter(|text| text == "好的")
        .collect();
    assert_eq!(mine, ["好的", "好的"]);
}
