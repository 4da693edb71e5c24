//! Live messages against the real sandbox on tokio's paused clock: the schedulers' waits pass
//! at once, and the sandbox counts what they asked for. The other side speaks through the
//! sandbox's messages helper.

// Helpers here panic on purpose: a failed expectation is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use lcs_api::{Client, ClientConfig, Family};
use lcs_core::auth::{Auth, AuthEvent, AuthListener, UserCenterLogin};
use lcs_core::keychain::{MemoryStore, Opened, StoreKind};
use lcs_core::live::{ArrivalListener, Live};
use lcs_core::messages::{Arrival, MessageChannel};
use lcs_core::{Data, DataEvent, DataListener, Environment};
use lcs_sandbox::{Db, Sandbox};
use lcs_store::Store;
use lcs_testkit::Helpers;
use serde_json::json;

const THREAD_CALL: &str = "/front/account/userMessage/listChatMsg";
const COUNT_CALL: &str = "/front/account/userMessage/getMsgCount";
/// Customer service, the demo users' chat partner.
const KEFU: i64 = 1;

/// Passes the session changes on to the live schedulers, as the app's listener does.
#[derive(Default)]
struct Sessions {
    live: OnceLock<Live>,
}

impl AuthListener for Sessions {
    fn auth_changed(&self, _environment: &str, event: &AuthEvent) {
        if let Some(live) = self.live.get() {
            live.follow_session(event);
        }
    }
}

struct Quiet;

impl DataListener for Quiet {
    fn data_changed(&self, _: &DataEvent) {}
}

/// What a notification would say, as the app would raise it.
#[derive(Default)]
struct Notifications(Mutex<Vec<Arrival>>);

impl ArrivalListener for Notifications {
    fn arrived(&self, arrival: &Arrival) {
        self.0.lock().unwrap().push(arrival.clone());
    }
}

struct App {
    auth: Arc<Auth>,
    data: Data,
    live: Live,
    notifications: Arc<Notifications>,
    helpers: Helpers,
    _sandbox: Sandbox,
}

async fn app() -> App {
    let sandbox = Sandbox::start(Db::open(None).unwrap(), 0).await.unwrap();
    let sessions = Arc::new(Sessions::default());
    let mut config = ClientConfig::single_host(sandbox.base_url().parse().unwrap());
    config.get_retries = 0;
    let auth = Arc::new(Auth::new(
        &Environment::sandbox(),
        Client::new(config).unwrap(),
        Opened {
            store: Arc::new(MemoryStore::new()),
            kind: StoreKind::OsKeychain,
        },
        sessions.clone(),
    ));
    let (store, _) = Store::open(Path::new(":memory:")).unwrap();
    let data = Data::new(auth.clone(), Arc::new(Mutex::new(store)), Arc::new(Quiet));
    let notifications = Arc::new(Notifications::default());
    let live = Live::start(data.clone(), notifications.clone());
    assert!(sessions.live.set(live.clone()).is_ok());
    App {
        auth,
        data,
        live,
        notifications,
        helpers: Helpers::of(&sandbox),
        _sandbox: sandbox,
    }
}

impl App {
    async fn sign_in(&self, phone: &str, password: &str) {
        self.auth
            .user_center_login(UserCenterLogin {
                account: phone.into(),
                password: Some(password.into()),
                code: None,
                remember: false,
            })
            .await
            .unwrap();
    }

    /// Opens the customer-service thread as the chat page does: its newest page read, then
    /// watched.
    async fn open_thread(&self) {
        self.data.messages().chat_refresh(KEFU, 20).await.unwrap();
        self.live.watch_thread(KEFU);
    }

    /// Opens the customer-service thread from the chat list, which is read first (so the count
    /// finds what is new in it).
    async fn open_thread_from_the_list(&self) {
        self.data
            .messages()
            .list(MessageChannel::Chat)
            .await
            .unwrap();
        self.open_thread().await;
    }

    async fn calls(&self, path: &str) -> u64 {
        self.helpers.calls(path).await
    }

    /// The thread's and the count's calls so far.
    async fn polls(&self) -> (u64, u64) {
        (self.calls(THREAD_CALL).await, self.calls(COUNT_CALL).await)
    }

    /// Five minutes pass with neither the thread nor the count asked for; `why` says why not.
    /// Answers the calls before them.
    async fn quiet_for_five_minutes(&self, why: &str) -> (u64, u64) {
        let before = self.polls().await;
        tokio::time::sleep(Duration::from_secs(300)).await;
        assert_eq!(
            self.polls().await,
            before,
            "{why}: no thread or count polls"
        );
        before
    }

    /// The newest cached message of the customer-service thread.
    async fn newest_in_thread(&self) -> String {
        let page = self.data.messages().chat_history(KEFU, 0, 1).await.unwrap();
        page.data.messages[0].data["message_content"]
            .as_str()
            .unwrap()
            .to_owned()
    }
}

async fn at(seconds: f64, since: tokio::time::Instant) {
    tokio::time::sleep_until(since + Duration::from_secs_f64(seconds)).await;
}

/// A thread with nothing new is asked 3, 6, 12, 24 and then every 30 seconds; the message the
/// other side wrote is in the cache within one wait, and the next look comes 3 seconds later.
#[tokio::test(start_paused = true)]
async fn an_open_thread_backs_off_while_nothing_comes_and_hears_a_reply_without_any_action() {
    let app = app().await;
    app.sign_in("13800000001", "demo1234").await;
    app.open_thread().await;
    let start = tokio::time::Instant::now();
    let before = app.calls(THREAD_CALL).await;
    for (seconds, looks) in [
        (2.9, 0),
        (3.1, 1),
        (8.9, 1),
        (9.1, 2),
        (20.9, 2),
        (21.1, 3),
        (44.9, 3),
        (45.1, 4),
        (74.9, 4),
        (75.1, 5),
    ] {
        at(seconds, start).await;
        assert_eq!(
            app.calls(THREAD_CALL).await - before,
            looks,
            "looks at the thread after {seconds} s"
        );
    }

    app.helpers
        .deliver_message(
            "kefu",
            "13800000001",
            "您的问题已经解决了。\n如有疑问请再联系。",
        )
        .await;
    at(104.9, start).await;
    assert_eq!(app.calls(THREAD_CALL).await - before, 5);
    at(105.1, start).await;
    assert_eq!(app.calls(THREAD_CALL).await - before, 6);
    assert_eq!(
        app.newest_in_thread().await,
        "您的问题已经解决了。\n如有疑问请再联系。"
    );
    at(107.9, start).await;
    assert_eq!(app.calls(THREAD_CALL).await - before, 6);
    at(108.1, start).await;
    assert_eq!(
        app.calls(THREAD_CALL).await - before,
        7,
        "after news, the next look comes 3 s later"
    );
    assert!(
        app.notifications.0.lock().unwrap().is_empty(),
        "the window has the focus: the page shows it, no notification"
    );
}

/// A reply the unread count finds first (the window gained the focus while the thread was
/// waiting its longest) is shown through the chat list's read, and the thread's looks start
/// again 3 s later instead of 30 s.
#[tokio::test(start_paused = true)]
async fn news_the_count_finds_in_the_open_thread_ends_its_backoff() {
    let app = app().await;
    app.sign_in("13800000001", "demo1234").await;
    app.open_thread_from_the_list().await;
    let start = tokio::time::Instant::now();
    let before = app.calls(THREAD_CALL).await;
    // Looks at 3, 9, 21, 45 and 75 s; the next is due at 105 s.
    at(76.0, start).await;
    assert_eq!(app.calls(THREAD_CALL).await - before, 5);

    app.helpers
        .deliver_message("kefu", "13800000001", "您的工单已处理。")
        .await;
    app.live.set_focused(false);
    app.live.set_focused(true);
    at(76.5, start).await;
    assert_eq!(app.newest_in_thread().await, "您的工单已处理。");
    at(78.9, start).await;
    assert_eq!(app.calls(THREAD_CALL).await - before, 5);
    at(79.1, start).await;
    assert_eq!(
        app.calls(THREAD_CALL).await - before,
        6,
        "the count found a reply: the thread looks again 3 s later, not at 105 s"
    );
}

/// Nothing is polled while the window is hidden (the unread count still is, once a minute),
/// while the network is gone, while another environment is on screen, or while nobody is
/// signed in.
#[tokio::test(start_paused = true)]
async fn polling_pauses_while_hidden_offline_or_signed_out() {
    let app = app().await;
    app.sign_in("13800000001", "demo1234").await;
    app.open_thread().await;
    tokio::time::sleep(Duration::from_secs(10)).await;

    // Hidden: the thread waits; the count goes on in the background.
    app.live.set_visible(false);
    let (threads, counts) = (app.calls(THREAD_CALL).await, app.calls(COUNT_CALL).await);
    tokio::time::sleep(Duration::from_secs(300)).await;
    assert_eq!(
        app.calls(THREAD_CALL).await,
        threads,
        "hidden: no thread polls"
    );
    let counted = app.calls(COUNT_CALL).await - counts;
    assert!((4..=6).contains(&counted), "{counted} counts in 5 minutes");
    app.live.set_visible(true);
    tokio::time::sleep(Duration::from_secs(4)).await;
    assert_eq!(
        app.calls(THREAD_CALL).await,
        threads + 1,
        "shown again: the thread is asked 3 s later"
    );

    // Offline: the first call that finds no network stops both until one works again.
    app.helpers
        .post("faults", json!({"path": THREAD_CALL, "kind": "drop"}))
        .await;
    tokio::time::sleep(Duration::from_secs(10)).await;
    let (threads, counts) = app.quiet_for_five_minutes("offline").await;
    // The window gains the focus: the count is tried at once, works, and the thread follows.
    app.live.set_focused(false);
    app.live.set_focused(true);
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(app.calls(COUNT_CALL).await, counts + 1);
    tokio::time::sleep(Duration::from_secs(4)).await;
    assert_eq!(app.calls(THREAD_CALL).await, threads + 1);

    // Offline again; the user's retry tries at once too.
    app.helpers
        .post("faults", json!({"path": COUNT_CALL, "kind": "drop"}))
        .await;
    app.live.set_focused(false);
    app.live.set_focused(true);
    tokio::time::sleep(Duration::from_secs(1)).await;
    let (_, counts) = app.quiet_for_five_minutes("offline").await;
    app.live.retry_now();
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(
        app.calls(COUNT_CALL).await,
        counts + 1,
        "the retry reads the count at once"
    );

    // Another environment on screen: nothing here; back on screen, the count at once.
    tokio::time::sleep(Duration::from_secs(10)).await;
    app.live.set_current(false);
    let (_, counts) = app
        .quiet_for_five_minutes("another environment on screen")
        .await;
    app.live.set_current(true);
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(app.calls(COUNT_CALL).await, counts + 1);

    // Signed out: nothing at all.
    app.auth.sign_out_user(Family::UserCenter).await;
    app.quiet_for_five_minutes("signed out").await;
}

/// One scheduler per kind, whoever is signed in: after two account switches the count is
/// read once a minute, not once per account that was ever signed in, and the old account's
/// thread is no longer watched.
#[tokio::test(start_paused = true)]
async fn an_account_switch_leaves_one_scheduler_of_each_kind() {
    let app = app().await;
    app.sign_in("13800000001", "demo1234").await;
    app.open_thread().await;
    tokio::time::sleep(Duration::from_secs(30)).await;
    app.sign_in("13800000002", "demo5678").await;
    tokio::time::sleep(Duration::from_secs(30)).await;
    app.sign_in("13800000001", "demo1234").await;
    tokio::time::sleep(Duration::from_secs(1)).await;

    let (threads, counts) = (app.calls(THREAD_CALL).await, app.calls(COUNT_CALL).await);
    tokio::time::sleep(Duration::from_secs(600)).await;
    assert_eq!(
        app.calls(THREAD_CALL).await,
        threads,
        "the thread was the first account's: nobody watches it now"
    );
    let counted = app.calls(COUNT_CALL).await - counts;
    assert_eq!(counted, 10, "one count a minute for ten minutes");
}

/// With the window not focused, a reply in the open thread and a message in another
/// conversation (found when the count rises) each reach the notifications once, with the
/// sender and the first line; the window gaining the focus reads the count at once.
#[tokio::test(start_paused = true)]
async fn messages_arriving_while_the_window_is_not_focused_are_announced_once() {
    let app = app().await;
    app.sign_in("13800000001", "demo1234").await;
    app.open_thread_from_the_list().await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    app.live.set_focused(false);

    app.helpers
        .deliver_message("13800000002", "13800000001", "周末一起去看展吗？\n下午两点")
        .await;
    app.helpers
        .deliver_message("kefu", "13800000001", "您的退款已到账。\n请查收。")
        .await;
    tokio::time::sleep(Duration::from_secs(4)).await;

    let heard = app.notifications.0.lock().unwrap().clone();
    let said: Vec<(String, String)> = heard
        .iter()
        .map(|arrival| (arrival.sender.clone(), arrival.first_line.clone()))
        .collect();
    assert_eq!(
        said,
        [
            ("在线客服".to_owned(), "您的退款已到账。".to_owned()),
            ("演示用户二".to_owned(), "周末一起去看展吗？".to_owned()),
        ],
        "the reply from the thread, then the other conversation the risen count found"
    );
    assert_eq!(heard[0].user_other_id, KEFU);
    assert!(heard[1].user_other_id > 10_000);

    tokio::time::sleep(Duration::from_secs(300)).await;
    assert_eq!(app.notifications.0.lock().unwrap().len(), 2, "each once");

    let counts = app.calls(COUNT_CALL).await;
    app.live.set_focused(true);
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(
        app.calls(COUNT_CALL).await,
        counts + 1,
        "focus reads the count at once"
    );
    app.helpers
        .deliver_message("kefu", "13800000001", "还有其他问题吗？")
        .await;
    tokio::time::sleep(Duration::from_secs(60)).await;
    assert_eq!(
        app.notifications.0.lock().unwrap().len(),
        2,
        "focused: the page shows it, no notification"
    );
}

/// A rebuilt or removed environment's schedulers end for good: nothing is polled afterwards,
/// whatever the window, the thread or the sessions do, though clones of them live on.
#[tokio::test(start_paused = true)]
async fn stopped_schedulers_poll_nothing_again() {
    let app = app().await;
    app.sign_in("13800000001", "demo1234").await;
    app.open_thread().await;
    tokio::time::sleep(Duration::from_secs(10)).await;
    assert_ne!(app.polls().await, (0, 0), "both ran before");

    app.live.stop();
    app.live.set_focused(false);
    app.live.set_focused(true);
    app.live.retry_now();
    app.live.set_current(true);
    app.live.watch_thread(KEFU);
    app.sign_in("13800000002", "demo5678").await;
    app.quiet_for_five_minutes("stopped").await;
}
