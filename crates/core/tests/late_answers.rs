//! Answers that land after the user signed out or switched accounts belong to nobody on screen
//! and are dropped: a family C refresh, and a data read. The sandbox holds each answer until
//! the sign-out or switch is done, so the order is the same on any machine.

// Helpers here panic on purpose: a failed expectation is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use lcs_api::{Client, Family, Secret};
use lcs_core::auth::{
    Auth, AuthChange, AuthEvent, AuthListener, AuthReason, PlannerLogin, UserCenterLogin,
};
use lcs_core::environment::Environment;
use lcs_core::keychain::{MemoryStore, Opened, StoreKind};
use lcs_core::session::{self, StoredSession};
use lcs_core::{Data, DataEvent, DataListener, ErrorCode};
use lcs_sandbox::{Db, Sandbox};
use lcs_store::Store;
use lcs_testkit::Helpers;
use serde_json::{Value, json};

/// The sandbox's two demo users, as its seed data names them: planner user name, user-centre
/// phone and password.
const FIRST: (&str, &str, &str) = ("demo", "13800000001", "demo1234");
const SECOND: (&str, &str, &str) = ("demo2", "13800000002", "demo5678");

const REFRESH_PATH: &str = "/srv/v1/refresh";
const USER_INFO_PATH: &str = "/front/account/user/info";

#[derive(Default)]
struct Heard(Mutex<Vec<AuthEvent>>);

impl AuthListener for Heard {
    fn auth_changed(&self, _environment: &str, event: &AuthEvent) {
        self.0.lock().unwrap().push(event.clone());
    }
}

impl Heard {
    fn count(&self, change: AuthChange) -> usize {
        self.0
            .lock()
            .unwrap()
            .iter()
            .filter(|event| event.change == change)
            .count()
    }
}

struct Quiet;

impl DataListener for Quiet {
    fn data_changed(&self, _: &DataEvent) {}
}

struct App {
    sandbox: Sandbox,
    keychain: Arc<MemoryStore>,
    auth: Arc<Auth>,
    heard: Arc<Heard>,
}

impl App {
    async fn start() -> Self {
        let sandbox = Sandbox::start(Db::open(None).unwrap(), 0).await.unwrap();
        let environment = Environment::sandbox();
        let config = environment
            .client_config(lcs_core::settings::Language::EnUs, Ok(&sandbox.base_url()))
            .unwrap();
        let keychain = Arc::new(MemoryStore::new());
        let heard = Arc::new(Heard::default());
        let auth = Arc::new(Auth::new(
            &environment,
            Client::new(config).unwrap(),
            Opened {
                store: keychain.clone(),
                kind: StoreKind::OsKeychain,
            },
            heard.clone(),
        ));
        Self {
            sandbox,
            keychain,
            auth,
            heard,
        }
    }

    async fn helper(&self, path: &str, body: Value) {
        Helpers::of(&self.sandbox).post(path, body).await;
    }

    /// Holds the next answer under `path` until [`App::release`].
    async fn hold(&self, path: &str) {
        self.helper("faults", json!({"path": path, "kind": "hold"}))
            .await;
    }

    async fn release(&self) {
        self.helper("faults/release", json!({})).await;
    }

    /// Waits until the sandbox has received a call to `path`: its answer is then held.
    async fn called(&self, path: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if Helpers::of(&self.sandbox).calls(path).await > 0 {
                return;
            }
            assert!(Instant::now() < deadline, "{path} was never called");
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    async fn planner_sign_in(&self, (username, _, password): (&str, &str, &str)) {
        self.auth
            .planner_login(PlannerLogin {
                username: Some(username.into()),
                phone: None,
                password: password.into(),
                remember: true,
            })
            .await
            .unwrap();
    }

    fn kept(&self, family: Family) -> Option<StoredSession> {
        session::load_family(self.keychain.as_ref(), "sandbox", family)
            .unwrap()
            .map(|(_, kept)| kept.session)
    }

    fn planner_tokens(&self) -> (Secret, Secret) {
        match self.kept(Family::Planner) {
            Some(StoredSession::Planner(session)) => (session.access_token, session.refresh_token),
            other => panic!("no planner session kept: {other:?}"),
        }
    }

    fn planner_access_token(&self) -> Secret {
        self.planner_tokens().0
    }

    fn user_center_token(&self) -> Secret {
        match self.kept(Family::UserCenter) {
            Some(StoredSession::UserCenter(session)) => session.token,
            other => panic!("no user-centre session kept: {other:?}"),
        }
    }

    async fn user_center_sign_in(&self, (_, phone, password): (&str, &str, &str)) -> String {
        self.auth
            .user_center_login(UserCenterLogin {
                account: phone.into(),
                password: Some(password.into()),
                code: None,
                remember: true,
            })
            .await
            .unwrap()
            .account
    }
}

/// Signs the first planner in with tokens that the next call renews first, and starts that
/// call with the refresh's answer held.
async fn call_with_a_held_refresh(
    app: &App,
) -> tokio::task::JoinHandle<lcs_core::error::Result<lcs_api::planner::AccountDetail>> {
    call_with_a_held_refresh_after(app, |_| json!(null)).await
}

/// [`call_with_a_held_refresh`], with `expire` naming a token of the first session for the
/// sandbox to end before the refresh is sent (or `null`).
async fn call_with_a_held_refresh_after(
    app: &App,
    expire: impl FnOnce(&App) -> Value,
) -> tokio::task::JoinHandle<lcs_core::error::Result<lcs_api::planner::AccountDetail>> {
    // Tokens issued now live 30 s: inside the minute in which the app renews them first.
    app.helper(
        "planner/lifetimes",
        json!({"accessTokenMs": 30_000, "refreshSoonMs": 0}),
    )
    .await;
    app.planner_sign_in(FIRST).await;
    app.helper(
        "planner/lifetimes",
        json!({"accessTokenMs": 7_200_000, "refreshSoonMs": 600_000}),
    )
    .await;
    let token = expire(app);
    if !token.is_null() {
        app.helper("expire", json!({"token": token})).await;
    }
    app.hold(REFRESH_PATH).await;
    let auth = app.auth.clone();
    let call = tokio::spawn(async move { auth.planner(&lcs_api::planner::GetAccountDetail).await });
    app.called(REFRESH_PATH).await;
    call
}

/// After the late answer: the session signed in meanwhile keeps its own tokens and works.
async fn the_new_session_is_untouched(
    app: &App,
    call: tokio::task::JoinHandle<lcs_core::error::Result<lcs_api::planner::AccountDetail>>,
) {
    let signed_in_meanwhile = app.planner_access_token();
    app.release().await;
    let error = call.await.unwrap().unwrap_err();
    assert_eq!(error.code(), ErrorCode::Unauthorized, "{error:?}");
    assert_eq!(app.heard.count(AuthChange::Refreshed), 0);
    assert_eq!(
        app.planner_access_token(),
        signed_in_meanwhile,
        "the late tokens were dropped"
    );
    app.auth
        .planner(&lcs_api::planner::GetAccountDetail)
        .await
        .unwrap();
    assert!(app.auth.session(Family::Planner).is_some());
}

#[tokio::test]
async fn a_refresh_that_lands_after_a_sign_out_and_a_new_sign_in_is_dropped() {
    let app = App::start().await;
    let call = call_with_a_held_refresh(&app).await;
    app.auth.sign_out(Family::Planner, AuthReason::User).await;
    app.planner_sign_in(FIRST).await;
    the_new_session_is_untouched(&app, call).await;
}

#[tokio::test]
async fn a_refresh_that_lands_after_a_switch_to_another_account_is_dropped() {
    let app = App::start().await;
    let call = call_with_a_held_refresh(&app).await;
    app.planner_sign_in(SECOND).await;
    the_new_session_is_untouched(&app, call).await;
    assert_eq!(
        app.auth.session(Family::Planner).unwrap().display_name,
        SECOND.0
    );
}

/// A profile read whose answer lands after a switch to another account is not cached for
/// anyone, and the page that asked is not handed the first account's profile.
#[tokio::test]
async fn a_data_answer_that_lands_after_a_switch_is_dropped() {
    let app = App::start().await;
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache.sqlite");
    let (store, _) = Store::open(&cache).unwrap();
    let data = Data::new(
        app.auth.clone(),
        Arc::new(Mutex::new(store)),
        Arc::new(Quiet),
    );
    let first = app.user_center_sign_in(FIRST).await;
    app.hold(USER_INFO_PATH).await;
    let read = tokio::spawn({
        let data = data.clone();
        async move { data.profile().user_info().await }
    });
    app.called(USER_INFO_PATH).await;

    app.auth
        .sign_out(Family::UserCenter, AuthReason::Switch)
        .await;
    let second = app.user_center_sign_in(SECOND).await;
    app.release().await;
    let error = read.await.unwrap().unwrap_err();
    assert_eq!(error.code(), ErrorCode::Unauthorized, "{error:?}");

    let (store, _) = Store::open(&cache).unwrap();
    for account in [&first, &second] {
        let cached = store
            .user_profile::<Value>("sandbox", &format!("B:{account}"), Duration::MAX)
            .unwrap();
        assert!(cached.is_none(), "B:{account} holds {cached:?}");
    }
}

/// A refresh the server refused, landing after a switch, is the old session's refusal: the
/// account signed in meanwhile stays signed in.
#[tokio::test]
async fn a_refused_refresh_that_lands_after_a_switch_signs_nobody_out() {
    let app = App::start().await;
    let call =
        call_with_a_held_refresh_after(&app, |app| json!(app.planner_tokens().1.expose())).await;
    app.planner_sign_in(SECOND).await;
    the_new_session_is_untouched(&app, call).await;
    assert_eq!(app.heard.count(AuthChange::SignedOut), 0);
}

/// A call refused for the token of an account that has since signed out is not the next
/// account's refusal: it stays signed in.
#[tokio::test]
async fn a_refusal_that_lands_after_a_switch_signs_nobody_out() {
    let app = App::start().await;
    app.user_center_sign_in(FIRST).await;
    app.helper("expire", json!({"token": app.user_center_token().expose()}))
        .await;
    app.hold(USER_INFO_PATH).await;
    let call = tokio::spawn({
        let auth = app.auth.clone();
        async move {
            auth.user_center(&lcs_api::user_center::user::UserInfo)
                .await
        }
    });
    app.called(USER_INFO_PATH).await;

    app.auth
        .sign_out(Family::UserCenter, AuthReason::Switch)
        .await;
    let second = app.user_center_sign_in(SECOND).await;
    app.release().await;
    let error = call.await.unwrap().unwrap_err();
    assert_eq!(error.code(), ErrorCode::Unauthorized, "{error:?}");
    assert_eq!(
        app.auth.session(Family::UserCenter).map(|s| s.account),
        Some(second)
    );
    assert_eq!(app.auth.signed_out_because(), None);
    app.auth
        .user_center(&lcs_api::user_center::user::UserInfo)
        .await
        .unwrap();
}
