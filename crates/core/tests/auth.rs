//! Sessions against the sandbox, through the real client: what a signed-in user would notice
//! across restarts, refreshes, expiry and a sign-in on another device.

// Helpers here panic on purpose: a failed expectation is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use lcs_api::{Client, Family, Secret};
use lcs_core::auth::{
    Auth, AuthChange, AuthEvent, AuthListener, AuthReason, CodeTarget, CustomerLogin,
    CustomerLoginName, CustomerRegistration, PasswordChange, PasswordReset, PlannerLogin,
    PlannerRegistration, TradingMode, UserCenterLogin,
};
use lcs_core::environment::Environment;
use lcs_core::keychain::{MemoryStore, Opened, SecretStore, StoreKind};
use lcs_core::session::{self, StoredSession};
use lcs_core::{Error, ErrorCode};
use lcs_sandbox::{Db, Sandbox};
use lcs_testkit::Helpers;
use serde_json::{Value, json};

/// The sandbox's demo data as its seed names it, written out so that a change there is noticed
/// here.
const DEMO_PHONE: &str = "13800000001";
const DEMO_EMAIL: &str = "demo@lcs.test";
const DEMO_PASSWORD: &str = "demo1234";
const DEMO_NICKNAME: &str = "演示用户";
const PLANNER_DEMO_USERNAME: &str = "demo";

/// Every event the UI would have heard.
#[derive(Default)]
struct Heard(Mutex<Vec<AuthEvent>>);

impl AuthListener for Heard {
    fn auth_changed(&self, _environment: &str, event: &AuthEvent) {
        self.0.lock().unwrap().push(event.clone());
    }
}

impl Heard {
    fn all(&self) -> Vec<AuthEvent> {
        self.0.lock().unwrap().clone()
    }

    fn count(&self, change: AuthChange) -> usize {
        self.all().iter().filter(|e| e.change == change).count()
    }

    fn last(&self) -> AuthEvent {
        self.all().last().cloned().expect("an event")
    }
}

struct App {
    sandbox: Sandbox,
    /// Stands in for the OS keychain (the real one is tested in keychain.rs); it outlives an
    /// `Auth`, as the keychain outlives the app.
    keychain: Arc<MemoryStore>,
}

impl App {
    async fn start() -> Self {
        let sandbox = Sandbox::start(Db::open(None).unwrap(), 0).await.unwrap();
        Self {
            sandbox,
            keychain: Arc::new(MemoryStore::new()),
        }
    }

    /// The app as it starts: a fresh `Auth` over the same keychain.
    fn launch(&self) -> (Auth, Arc<Heard>) {
        self.launch_with(self.keychain.clone())
    }

    async fn tool(&self, path: &str, body: Value) -> Value {
        Helpers::of(&self.sandbox).post(path, body).await
    }

    /// How many calls the sandbox received under `path`.
    async fn calls(&self, path: &str) -> u64 {
        Helpers::of(&self.sandbox).calls(path).await
    }

    fn stored(&self, family: Family) -> Option<StoredSession> {
        session::load_family(self.keychain.as_ref(), "sandbox", family)
            .unwrap()
            .map(|(_, kept)| kept.session)
    }

    fn planner_tokens(&self) -> (Secret, Secret) {
        match self.stored(Family::Planner) {
            Some(StoredSession::Planner(s)) => (s.access_token, s.refresh_token),
            other => panic!("no planner session stored: {other:?}"),
        }
    }
}

/// Family C's refresh call, as the sandbox environment names it.
const REFRESH_PATH: &str = "/srv/v1/refresh";

fn planner_login(remember: bool) -> PlannerLogin {
    PlannerLogin {
        username: Some(PLANNER_DEMO_USERNAME.into()),
        phone: None,
        password: DEMO_PASSWORD.into(),
        remember,
    }
}

/// The demo user of the user centre, by phone and password, remembered.
fn user_center_login() -> UserCenterLogin {
    UserCenterLogin {
        account: DEMO_PHONE.into(),
        password: Some(DEMO_PASSWORD.into()),
        code: None,
        remember: true,
    }
}

fn customer_login() -> CustomerLogin {
    CustomerLogin {
        by: CustomerLoginName::Email,
        login_name: DEMO_EMAIL.into(),
        phone_area: None,
        password: Some(DEMO_PASSWORD.into()),
        code: None,
        remember: true,
    }
}

#[tokio::test]
async fn a_remembered_session_is_restored_and_checked_after_a_restart() {
    let app = App::start().await;
    let (first, _) = app.launch();
    let signed_in = first.planner_login(planner_login(true)).await.unwrap();
    assert!(signed_in.persisted);
    first.customer_login(customer_login()).await.unwrap();
    drop(first);

    let (second, heard) = app.launch();
    let restored = second.restore().await;
    assert_eq!(restored.len(), 2, "{restored:?}");
    assert!(restored.iter().all(|s| !s.verified), "not checked yet");
    let planner = restored
        .iter()
        .find(|s| s.family == lcs_core::auth::AuthFamily::Planner)
        .unwrap();
    assert_eq!(planner.display_name, PLANNER_DEMO_USERNAME);

    second.verify(Family::Planner).await.unwrap();
    second.verify(Family::Customer).await.unwrap();
    assert!(second.sessions().iter().all(|s| s.verified));
    assert_eq!(heard.count(AuthChange::SignedIn), 2);
    let detail = second
        .planner(&lcs_api::planner::GetAccountDetail)
        .await
        .unwrap();
    assert!(detail.data.is_object(), "{:?}", detail.data);
}

#[tokio::test]
async fn without_remember_me_nothing_reaches_the_keychain() {
    let app = App::start().await;
    let (auth, _) = app.launch();
    let session = auth.planner_login(planner_login(false)).await.unwrap();
    assert!(!session.persisted);
    assert!(app.stored(Family::Planner).is_none());
    let (restarted, _) = app.launch();
    assert!(restarted.restore().await.is_empty());
}

#[tokio::test]
async fn a_restored_session_the_server_no_longer_knows_is_signed_out_as_expired() {
    let app = App::start().await;
    let (first, _) = app.launch();
    first.customer_login(customer_login()).await.unwrap();
    let Some(StoredSession::Customer(stored)) = app.stored(Family::Customer) else {
        panic!("customer session not stored");
    };
    app.tool("expire", json!({"token": stored.token.expose()}))
        .await;

    let (second, heard) = app.launch();
    second.restore().await;
    let error = second.verify(Family::Customer).await.unwrap_err();
    assert_eq!(error.code(), ErrorCode::Unauthorized);
    assert!(second.sessions().is_empty());
    let last = heard.last();
    assert_eq!(last.change, AuthChange::SignedOut);
    assert_eq!(last.reason, Some(AuthReason::Expired));
    assert!(
        app.stored(Family::Customer).is_none(),
        "keychain entry deleted"
    );
}

/// checkToken carries the restored session in its `token` header; a business "no" to it names
/// no expired token (the seeds give family A no such code), so the session stays, unverified.
#[tokio::test]
async fn a_business_refusal_of_check_token_keeps_the_restored_session_unverified() {
    let app = App::start().await;
    let (first, _) = app.launch();
    first.customer_login(customer_login()).await.unwrap();
    let Some(StoredSession::Customer(stored)) = app.stored(Family::Customer) else {
        panic!("customer session not stored");
    };

    let server = wiremock::MockServer::start().await;
    wiremock::Mock::given(wiremock::matchers::path(
        "/api/global/customer.app.CustomerWebApiService.checkToken",
    ))
    .respond_with(wiremock::ResponseTemplate::new(200).set_body_string(
        r#"{"msgParams":"","tm":99,"bizCode":"8","code":"99","msg":"pariatur","ok":false,"fail":true,"data":{},"trace":"t-1"}"#,
    ))
    .mount(&server)
    .await;
    let (second, heard) = app.launch_against(&server.uri());
    second.restore().await;
    let error = second.verify(Family::Customer).await.unwrap_err();
    assert_eq!(error.code(), ErrorCode::Business);

    let sessions = second.sessions();
    assert_eq!(sessions.len(), 1, "a business refusal signs nobody out");
    assert!(!sessions[0].verified);
    assert!(heard.all().is_empty(), "{:?}", heard.all());
    assert!(app.stored(Family::Customer).is_some());
    let sent = server.received_requests().await.unwrap();
    assert_eq!(sent.len(), 1);
    assert_eq!(
        sent[0].headers.get("token").and_then(|v| v.to_str().ok()),
        Some(stored.token.expose())
    );
    assert_eq!(
        serde_json::from_slice::<Value>(&sent[0].body).unwrap(),
        json!({})
    );
}

#[tokio::test]
async fn a_restore_while_offline_keeps_the_session_unverified() {
    let app = App::start().await;
    let (first, _) = app.launch();
    first.planner_login(planner_login(true)).await.unwrap();
    app.tool(
        "faults",
        json!({"path": "/srv/", "kind": "drop", "count": 10}),
    )
    .await;

    let (second, heard) = app.launch();
    second.restore().await;
    let error = second.verify(Family::Planner).await.unwrap_err();
    assert!(error.is_transient(), "{error:?}");
    let sessions = second.sessions();
    assert_eq!(sessions.len(), 1, "offline never signs anyone out");
    assert!(!sessions[0].verified);
    assert_eq!(heard.count(AuthChange::SignedOut), 0);
}

#[tokio::test]
async fn twenty_calls_with_an_expiring_token_cause_exactly_one_refresh() {
    let app = App::start().await;
    // Tokens issued now live 30 s: inside the minute in which the app renews them first.
    app.tool(
        "planner/lifetimes",
        json!({"accessTokenMs": 30_000, "refreshSoonMs": 0}),
    )
    .await;
    let (auth, heard) = app.launch();
    auth.planner_login(planner_login(true)).await.unwrap();
    let (old_access, _) = app.planner_tokens();
    app.tool(
        "planner/lifetimes",
        json!({"accessTokenMs": 7_200_000, "refreshSoonMs": 600_000}),
    )
    .await;

    let auth = Arc::new(auth);
    // Collected, so all twenty are under way before the first is awaited.
    let calls: Vec<_> = (0..20)
        .map(|_| {
            let auth = auth.clone();
            tokio::spawn(async move { auth.planner(&lcs_api::planner::GetAccountDetail).await })
        })
        .collect();
    for call in calls {
        call.await.unwrap().unwrap();
    }
    assert_eq!(heard.count(AuthChange::Refreshed), 1);
    assert_eq!(
        app.calls(REFRESH_PATH).await,
        1,
        "one refresh reached the server"
    );
    let (new_access, _) = app.planner_tokens();
    assert_ne!(
        new_access, old_access,
        "the keychain holds the renewed tokens"
    );
}

#[tokio::test]
async fn the_server_asking_for_a_refresh_renews_the_token_once() {
    let app = App::start().await;
    // token_status turns 1 at once, while the token still works for two hours.
    app.tool("planner/lifetimes", json!({"refreshSoonMs": 7_200_000}))
        .await;
    let (auth, heard) = app.launch();
    auth.planner_login(planner_login(true)).await.unwrap();
    app.tool("planner/lifetimes", json!({"refreshSoonMs": 600_000}))
        .await;
    auth.planner(&lcs_api::planner::GetAccountDetail)
        .await
        .unwrap();
    auth.planner(&lcs_api::planner::GetAccountDetail)
        .await
        .unwrap();
    assert_eq!(heard.count(AuthChange::Refreshed), 1);
}

#[tokio::test]
async fn a_sign_in_on_another_device_signs_the_app_out_as_kicked() {
    let app = App::start().await;
    let (auth, heard) = app.launch();
    auth.planner_login(planner_login(true)).await.unwrap();

    let (other_device, _) = app.launch_with(Arc::new(MemoryStore::new()));
    other_device
        .planner_login(planner_login(true))
        .await
        .unwrap();

    let error = auth
        .planner(&lcs_api::planner::GetAccountDetail)
        .await
        .unwrap_err();
    assert_eq!(error.code(), ErrorCode::Kicked);
    let last = heard.last();
    assert_eq!(last.change, AuthChange::SignedOut);
    assert_eq!(last.reason, Some(AuthReason::Kicked));
    assert!(auth.sessions().is_empty());
    assert!(app.stored(Family::Planner).is_none());
    assert_eq!(heard.count(AuthChange::Refreshed), 0, "kicked: no refresh");
    assert_eq!(auth.signed_out_because(), Some(AuthReason::Kicked));
    auth.planner_login(planner_login(true)).await.unwrap();
    assert_eq!(
        auth.signed_out_because(),
        None,
        "a new sign-in clears the reason"
    );
}

#[tokio::test]
async fn tokens_the_server_expired_sign_the_app_out_as_expired() {
    let app = App::start().await;
    let (auth, heard) = app.launch();
    auth.planner_login(planner_login(true)).await.unwrap();
    let (access, refresh) = app.planner_tokens();
    app.tool("expire", json!({"token": access.expose()})).await;
    app.tool("expire", json!({"token": refresh.expose()})).await;

    let error = auth
        .planner(&lcs_api::planner::GetAccountDetail)
        .await
        .unwrap_err();
    assert_eq!(error.code(), ErrorCode::Unauthorized);
    assert_eq!(heard.last().reason, Some(AuthReason::Expired));
    assert!(auth.sessions().is_empty());
}

#[tokio::test]
async fn an_expired_access_token_is_renewed_and_the_call_answers() {
    let app = App::start().await;
    let (auth, heard) = app.launch();
    auth.planner_login(planner_login(true)).await.unwrap();
    let (access, _) = app.planner_tokens();
    app.tool("expire", json!({"token": access.expose()})).await;

    auth.planner(&lcs_api::planner::GetAccountDetail)
        .await
        .unwrap();
    assert_eq!(heard.count(AuthChange::Refreshed), 1);
    assert_eq!(auth.sessions().len(), 1);
}

#[tokio::test]
async fn a_network_failure_during_a_refresh_keeps_the_user_signed_in() {
    let app = App::start().await;
    app.tool(
        "planner/lifetimes",
        json!({"accessTokenMs": 30_000, "refreshSoonMs": 0}),
    )
    .await;
    let (auth, heard) = app.launch();
    auth.planner_login(planner_login(true)).await.unwrap();
    app.tool(
        "faults",
        json!({"path": "/srv/v1/refresh", "kind": "drop", "count": 1}),
    )
    .await;

    let error = auth
        .planner(&lcs_api::planner::GetAccountDetail)
        .await
        .unwrap_err();
    assert_eq!(error.code(), ErrorCode::Network);
    assert_eq!(auth.sessions().len(), 1);
    assert_eq!(heard.count(AuthChange::SignedOut), 0);
    assert!(app.stored(Family::Planner).is_some());

    // The network is back: the next call renews the token and answers.
    auth.planner(&lcs_api::planner::GetAccountDetail)
        .await
        .unwrap();
    assert_eq!(heard.count(AuthChange::Refreshed), 1);
}

/// A refresh the server fails with HTTP 500, or does not answer in time, leaves the session as
/// it was: signed in, kept, and renewed by the next call.
async fn a_failed_refresh_keeps_the_user_signed_in(fault: Value, expected: ErrorCode) {
    let app = App::start().await;
    app.tool(
        "planner/lifetimes",
        json!({"accessTokenMs": 30_000, "refreshSoonMs": 0}),
    )
    .await;
    let (auth, heard) = app.launch_impatient();
    auth.planner_login(planner_login(true)).await.unwrap();
    app.tool(
        "planner/lifetimes",
        json!({"accessTokenMs": 7_200_000, "refreshSoonMs": 600_000}),
    )
    .await;
    app.tool("faults", fault).await;

    let error = auth
        .planner(&lcs_api::planner::GetAccountDetail)
        .await
        .unwrap_err();
    assert_eq!(error.code(), expected, "{error:?}");
    assert_eq!(app.calls(REFRESH_PATH).await, 1, "the refresh was sent");
    assert_eq!(auth.sessions().len(), 1);
    assert_eq!(heard.count(AuthChange::SignedOut), 0);
    assert!(app.stored(Family::Planner).is_some());
    assert_eq!(auth.signed_out_because(), None);

    auth.planner(&lcs_api::planner::GetAccountDetail)
        .await
        .unwrap();
    assert_eq!(heard.count(AuthChange::Refreshed), 1);
}

#[tokio::test]
async fn a_server_error_during_a_refresh_keeps_the_user_signed_in() {
    a_failed_refresh_keeps_the_user_signed_in(
        json!({"path": REFRESH_PATH, "kind": "http500"}),
        ErrorCode::Http,
    )
    .await;
}

#[tokio::test]
async fn a_refresh_that_times_out_keeps_the_user_signed_in() {
    // Held far longer than the client waits (and than the test runs), so the server never
    // applies it.
    a_failed_refresh_keeps_the_user_signed_in(
        json!({"path": REFRESH_PATH, "kind": "delay", "delayMs": 600_000}),
        ErrorCode::Timeout,
    )
    .await;
}

#[tokio::test]
async fn a_user_centre_token_the_server_dropped_signs_the_user_out() {
    let app = App::start().await;
    let (auth, heard) = app.launch();
    auth.user_center_login(user_center_login()).await.unwrap();
    auth.verify(Family::UserCenter).await.unwrap();
    let Some(StoredSession::UserCenter(stored)) = app.stored(Family::UserCenter) else {
        panic!("user centre session not stored");
    };
    app.tool("expire", json!({"token": stored.token.expose()}))
        .await;

    let error = auth
        .user_center(&lcs_api::user_center::user::UserInfo)
        .await
        .unwrap_err();
    assert_eq!(error.code(), ErrorCode::Unauthorized);
    assert_eq!(heard.last().reason, Some(AuthReason::Expired));
    assert!(app.stored(Family::UserCenter).is_none());
}

#[tokio::test]
async fn an_sms_code_signs_a_customer_in() {
    let app = App::start().await;
    let (auth, _) = app.launch();
    auth.send_code(CodeTarget {
        phone_area: Some("+86".into()),
        phone: Some(DEMO_PHONE.into()),
        email: None,
    })
    .await
    .unwrap();
    let code = app.last_code().await;
    let session = auth
        .customer_login(CustomerLogin {
            by: CustomerLoginName::Phone,
            login_name: DEMO_PHONE.into(),
            phone_area: Some("+86".into()),
            password: None,
            code: Some(code),
            remember: true,
        })
        .await
        .unwrap();
    assert_eq!(session.display_name, DEMO_PHONE);
}

#[tokio::test]
async fn the_sandbox_secret_goes_with_no_other_environments_code_sender() {
    let app = App::start().await;
    let base = app.sandbox.base_url();
    let elsewhere = Environment {
        id: "elsewhere".into(),
        name: "Elsewhere".into(),
        customer_base: base.clone(),
        user_center_base: base.clone(),
        planner_base: base.clone(),
        company_id: "1".into(),
        code_sender: Environment::sandbox().code_sender,
        ..Environment::default()
    };
    let config = elsewhere
        .client_config(lcs_core::settings::Language::EnUs, Err("not the sandbox"))
        .unwrap();
    let auth = Auth::new(
        &elsewhere,
        Client::new(config).unwrap(),
        Opened {
            store: app.keychain.clone(),
            kind: StoreKind::OsKeychain,
        },
        Arc::new(Heard::default()),
    )
    .with_sandbox_secret(app.sandbox.secret().into());
    let refused = auth
        .send_code(CodeTarget {
            phone_area: Some("+86".into()),
            phone: Some(DEMO_PHONE.into()),
            email: None,
        })
        .await
        .unwrap_err();
    assert_eq!(refused.code(), ErrorCode::Http, "{refused}");
}

#[tokio::test]
async fn a_customer_registers_with_a_code_and_then_signs_in() {
    let app = App::start().await;
    let (auth, heard) = app.launch();
    let email = "new-customer@lcs.test";
    auth.send_code(CodeTarget {
        phone_area: None,
        phone: None,
        email: Some(email.into()),
    })
    .await
    .unwrap();
    let code = app.last_code().await;
    let customer_no = auth
        .customer_register(CustomerRegistration {
            by: CustomerLoginName::Email,
            login_name: email.into(),
            phone_area: None,
            code,
            password: "secret123".into(),
            country: "CN".into(),
        })
        .await
        .unwrap();
    assert!(!customer_no.is_empty());
    assert!(heard.all().is_empty(), "registration alone signs nobody in");
    let session = auth
        .customer_login(CustomerLogin {
            by: CustomerLoginName::Email,
            login_name: email.into(),
            phone_area: None,
            password: Some("secret123".into()),
            code: None,
            remember: false,
        })
        .await
        .unwrap();
    assert_eq!(session.display_name, email);
}

#[tokio::test]
async fn a_forgotten_customer_password_is_reset_in_two_steps() {
    let app = App::start().await;
    let (auth, _) = app.launch();
    let phone = CodeTarget {
        phone_area: Some("+86".into()),
        phone: Some(DEMO_PHONE.into()),
        email: None,
    };
    // Step 2 before step 1 is refused without sending anything.
    let early = auth
        .customer_retrieve_password("brandnew123".into())
        .await
        .unwrap_err();
    assert_eq!(early.code(), ErrorCode::InvalidInput);
    auth.send_code(phone).await.unwrap();
    let code = app.last_code().await;
    auth.customer_check_retrieval(Some("+86".into()), DEMO_PHONE.into(), code)
        .await
        .unwrap();
    auth.customer_retrieve_password("brandnew123".into())
        .await
        .unwrap();
    let mut login = customer_login();
    login.password = Some("brandnew123".into());
    auth.customer_login(login).await.unwrap();
}

#[tokio::test]
async fn a_temporary_token_from_another_system_becomes_a_session() {
    let app = App::start().await;
    let (auth, _) = app.launch();
    let issued = app.tool("temp-token", json!({})).await;
    let token = issued["token"]
        .as_str()
        .unwrap_or_else(|| panic!("no token in {issued}"));
    let session = auth.customer_exchange(token.into(), false).await.unwrap();
    assert_eq!(session.family, lcs_core::auth::AuthFamily::Customer);
    auth.customer_reset_demo().await.unwrap();
    // Used once: a second exchange is refused.
    let again = auth
        .customer_exchange(token.into(), false)
        .await
        .unwrap_err();
    assert_eq!(again.code(), ErrorCode::Business);
}

#[tokio::test]
async fn a_planner_registers_signs_in_and_changes_the_password() {
    let app = App::start().await;
    let (auth, _) = app.launch();
    auth.planner_register(PlannerRegistration {
        username: Some("planner-new".into()),
        phone: None,
        email: None,
        code: None,
        password: "first1234".into(),
    })
    .await
    .unwrap();
    let mut login = planner_login(false);
    login.username = Some("planner-new".into());
    login.password = "first1234".into();
    auth.planner_login(login).await.unwrap();
    let wrong_old = auth
        .planner_change_password(PasswordChange {
            old_password: "not-it-123".into(),
            new_password: "second1234".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(wrong_old.code(), ErrorCode::Business);
    auth.planner_change_password(PasswordChange {
        old_password: "first1234".into(),
        new_password: "second1234".into(),
    })
    .await
    .unwrap();
}

/// However the area code was written when the code was sent, the user centre hears the code's
/// send token as 验证码KEY, never the phone number.
#[tokio::test]
async fn a_code_sent_to_a_phone_signs_a_user_centre_user_in_whatever_its_area_code_spelling() {
    let app = App::start().await;
    for area in ["+86", "86", "0086"] {
        let (auth, _) = app.launch();
        auth.send_code(CodeTarget {
            phone_area: Some(area.into()),
            phone: Some(DEMO_PHONE.into()),
            email: None,
        })
        .await
        .unwrap();
        let code = app.last_code().await;
        let session = auth
            .user_center_login(UserCenterLogin {
                password: None,
                code: Some(code),
                ..user_center_login()
            })
            .await
            .unwrap_or_else(|error| panic!("area {area}: {error}"));
        assert_eq!(session.display_name, DEMO_PHONE);
    }
}

#[tokio::test]
async fn a_phone_number_that_is_not_one_is_refused_before_anything_is_sent() {
    let app = App::start().await;
    let (auth, _) = app.launch();
    let error = auth
        .send_code(CodeTarget {
            phone_area: Some("+8a".into()),
            phone: Some(DEMO_PHONE.into()),
            email: None,
        })
        .await
        .unwrap_err();
    assert_eq!(error.code(), ErrorCode::InvalidInput);
    assert!(error.to_string().starts_with("phoneArea:"), "{error}");
    let error = auth
        .user_center_login(UserCenterLogin {
            account: "138-0000-000x".into(),
            password: None,
            code: Some("123456".into()),
            remember: false,
        })
        .await
        .unwrap_err();
    assert!(error.to_string().starts_with("phone:"), "{error}");
}

#[tokio::test]
async fn a_forgotten_user_centre_password_is_reset_with_a_code() {
    let app = App::start().await;
    let (auth, _) = app.launch();
    auth.send_code(CodeTarget {
        phone_area: Some("+86".into()),
        phone: Some(DEMO_PHONE.into()),
        email: None,
    })
    .await
    .unwrap();
    let code = app.last_code().await;
    auth.user_center_reset_password(PasswordReset {
        phone_area: None,
        account: DEMO_PHONE.into(),
        code,
        new_password: "changed123".into(),
    })
    .await
    .unwrap();
    auth.user_center_login(UserCenterLogin {
        password: Some("changed123".into()),
        ..user_center_login()
    })
    .await
    .unwrap();
}

#[tokio::test]
async fn a_confirmed_wechat_qr_code_signs_the_user_in() {
    let app = App::start().await;
    let (auth, heard) = app.launch();
    let qr = auth.wechat_qr_start().await.unwrap();
    assert!(
        qr.image.starts_with("data:image/svg+xml;base64,"),
        "{}",
        qr.image
    );
    assert!(matches!(
        auth.wechat_qr_poll(true).await.unwrap(),
        lcs_core::auth::QrPoll::Pending
    ));
    // The phone scans the code on screen and confirms (the sandbox's stand-in).
    let confirmed = app.tool("qr/confirm", json!({})).await;
    assert_eq!(confirmed["status"], "confirmed", "{confirmed}");
    match auth.wechat_qr_poll(true).await.unwrap() {
        lcs_core::auth::QrPoll::SignedIn { session } => {
            assert_eq!(session.family, lcs_core::auth::AuthFamily::UserCenter);
            // Named by the confirming user's profile, not by the way they signed in.
            assert_eq!(session.display_name, DEMO_NICKNAME);
        }
        other => panic!("not signed in: {other:?}"),
    }
    assert_eq!(heard.last().change, AuthChange::SignedIn);
    assert!(matches!(
        auth.wechat_qr_poll(true).await.unwrap(),
        lcs_core::auth::QrPoll::Expired
    ));
}

#[tokio::test]
async fn registration_checks_say_whether_a_phone_is_free_and_show_the_privacy_policy() {
    let app = App::start().await;
    let (auth, _) = app.launch();
    auth.customer_check_phone(Some("+86".into()), "13900009999".into())
        .await
        .unwrap();
    let taken = auth
        .customer_check_phone(Some("+86".into()), DEMO_PHONE.into())
        .await
        .unwrap_err();
    assert_eq!(taken.code(), ErrorCode::Business);
    auth.planner_check_phone("13900009999".into())
        .await
        .unwrap();
    let not_a_phone = auth.planner_check_phone("12".into()).await.unwrap_err();
    assert_eq!(not_a_phone.code(), ErrorCode::InvalidInput);
    let not_a_mobile = auth.planner_check_phone("12345".into()).await.unwrap_err();
    assert_eq!(not_a_mobile.code(), ErrorCode::Business);
    // In the user's language (English here), which the user centre reads from the header.
    let policy = auth.privacy_protocol().await.unwrap();
    assert!(policy.starts_with("LCS Account Privacy Policy"), "{policy}");
}

#[tokio::test]
async fn a_wrong_password_is_a_business_error_and_signs_nobody_in() {
    let app = App::start().await;
    let (auth, heard) = app.launch();
    let mut login = customer_login();
    login.password = Some("wrong-password".into());
    let error = auth.customer_login(login).await.unwrap_err();
    assert_eq!(error.code(), ErrorCode::Business);
    assert!(!error.user_message(lcs_api::Lang::EnUs).is_empty());
    assert!(auth.sessions().is_empty());
    assert!(heard.all().is_empty());
}

#[tokio::test]
async fn switching_between_real_and_demo_is_announced_and_kept() {
    let app = App::start().await;
    let (auth, heard) = app.launch();
    let before = auth.customer_login(customer_login()).await.unwrap();
    let after = auth.customer_switch_mode().await.unwrap();
    assert_ne!(before.mode, after.mode);
    let last = heard.last();
    assert_eq!(last.change, AuthChange::Switched);
    assert_eq!(last.reason, Some(AuthReason::Switch));
    let Some(StoredSession::Customer(stored)) = app.stored(Family::Customer) else {
        panic!("customer session not stored");
    };
    assert_eq!(stored.mode, after.mode);
    auth.customer_reset_demo().await.unwrap();

    // The server agrees: the next sign-in answers the other trading account.
    let again = auth.customer_login(customer_login()).await.unwrap();
    assert_eq!(again.mode, after.mode);
    assert!(matches!(
        again.mode,
        Some(TradingMode::Real | TradingMode::Demo)
    ));
}

#[tokio::test]
async fn signing_out_forgets_the_session_everywhere() {
    let app = App::start().await;
    let (auth, heard) = app.launch();
    auth.user_center_login(user_center_login()).await.unwrap();
    auth.sign_out_user(Family::UserCenter).await;
    assert!(auth.sessions().is_empty());
    assert!(app.stored(Family::UserCenter).is_none());
    assert_eq!(heard.last().reason, Some(AuthReason::User));
    let error = auth
        .user_center(&lcs_api::user_center::user::UserInfo)
        .await
        .unwrap_err();
    assert_eq!(error.code(), ErrorCode::Unauthorized);
}

#[tokio::test]
async fn a_call_that_meets_the_token_a_sign_out_ended_does_not_call_it_expired() {
    let app = App::start().await;
    let (auth, heard) = app.launch();
    auth.user_center_login(user_center_login()).await.unwrap();
    // The server ends the token at once but answers the logout late; a page's call lands in
    // between.
    app.tool(
        "faults",
        json!({"path": "/front/account/login/logout", "kind": "late", "delayMs": 500}),
    )
    .await;
    let meanwhile = async {
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        auth.user_center(&lcs_api::user_center::user::UserInfo)
            .await
    };
    let ((), answer) = tokio::join!(auth.sign_out_user(Family::UserCenter), meanwhile);
    assert_eq!(answer.unwrap_err().code(), ErrorCode::Unauthorized);
    let reasons: Vec<_> = heard.all().iter().map(|event| event.reason).collect();
    assert_eq!(reasons.last(), Some(&Some(AuthReason::User)));
    assert!(!reasons.contains(&Some(AuthReason::Expired)), "{reasons:?}");
    assert_eq!(auth.signed_out_because(), None);
}

/// A keychain that reads but refuses writes, as a locked collection does, and counts the
/// writes it was asked for.
#[derive(Default)]
struct LockedKeychain {
    writes: AtomicUsize,
}

impl SecretStore for LockedKeychain {
    fn get(&self, _key: &str) -> lcs_core::error::Result<Option<Secret>> {
        Ok(None)
    }
    fn set(&self, key: &str, _value: &Secret) -> lcs_core::error::Result<()> {
        self.writes.fetch_add(1, Ordering::SeqCst);
        Err(Error::Keychain {
            action: "write",
            key: key.into(),
            detail: "the collection is locked".into(),
        })
    }
    fn delete(&self, _key: &str) -> lcs_core::error::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn a_keychain_that_refuses_writes_leaves_the_session_in_memory_and_says_so() {
    let app = App::start().await;
    let environment = Environment::sandbox();
    let config = environment
        .client_config(
            lcs_core::settings::Language::EnUs,
            Ok(&app.sandbox.base_url()),
        )
        .unwrap();
    let keychain = Arc::new(LockedKeychain::default());
    let auth = Auth::new(
        &environment,
        Client::new(config).unwrap(),
        Opened {
            store: keychain.clone(),
            kind: StoreKind::OsKeychain,
        },
        Arc::new(Heard::default()),
    );
    assert!(auth.keychain_status().available);
    let session = auth.planner_login(planner_login(true)).await.unwrap();
    assert!(!session.persisted);
    let status = auth.keychain_status();
    assert!(!status.available);
    assert!(status.problem.unwrap().contains("locked"));
    auth.planner(&lcs_api::planner::GetAccountDetail)
        .await
        .unwrap();

    // Later sessions of the run are kept in memory without asking the keychain again.
    auth.planner_login(planner_login(true)).await.unwrap();
    let session = auth.user_center_login(user_center_login()).await.unwrap();
    assert!(!session.persisted);
    assert_eq!(keychain.writes.load(Ordering::SeqCst), 1, "one write a run");
}

/// A log sink the test can read back.
#[derive(Clone, Default)]
struct LogBuffer(Arc<Mutex<Vec<u8>>>);

impl Write for LogBuffer {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn no_token_reaches_an_event_or_a_log_line() {
    let logs = LogBuffer::default();
    let writer = logs.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let app = App::start().await;
    app.tool("planner/lifetimes", json!({"refreshSoonMs": 7_200_000}))
        .await;
    let (auth, heard) = app.launch();
    auth.customer_login(customer_login()).await.unwrap();
    auth.user_center_login(user_center_login()).await.unwrap();
    auth.planner_login(planner_login(true)).await.unwrap();
    let (first_access, first_refresh) = app.planner_tokens();
    for family in [Family::Customer, Family::UserCenter, Family::Planner] {
        auth.verify(family).await.unwrap();
    }
    auth.customer_switch_mode().await.unwrap();
    let mut secrets = vec![
        first_access.expose().to_owned(),
        first_refresh.expose().to_owned(),
        DEMO_PASSWORD.to_owned(),
    ];
    for family in [Family::Customer, Family::UserCenter, Family::Planner] {
        match app.stored(family).unwrap() {
            StoredSession::Customer(s) => {
                secrets.push(s.token.expose().into());
                secrets.push(s.r_token.expose().into());
            }
            StoredSession::UserCenter(s) => secrets.push(s.token.expose().into()),
            StoredSession::Planner(s) => {
                secrets.push(s.access_token.expose().into());
                secrets.push(s.refresh_token.expose().into());
            }
        }
    }
    auth.sign_out_user(Family::UserCenter).await;

    let events = serde_json::to_string(&heard.all()).unwrap();
    let logs = String::from_utf8(logs.0.lock().unwrap().clone()).unwrap();
    assert!(logs.contains("signed in"), "the log was captured");
    assert!(
        heard.count(AuthChange::Refreshed) >= 1,
        "a refresh happened"
    );
    for secret in secrets.iter().filter(|s| s.len() >= 6) {
        assert!(!events.contains(secret.as_str()), "an event holds a secret");
        assert!(!logs.contains(secret.as_str()), "a log line holds a secret");
    }
}

#[test]
fn password_rules_are_checked_before_anything_is_sent() {
    use lcs_core::auth::check_new_password;
    assert!(check_new_password("short1").is_err());
    assert!(check_new_password("onlyletters").is_err());
    assert!(check_new_password("12345678").is_err());
    assert!(check_new_password("letters123").is_ok());
}

impl App {
    /// Another device: the same server, its own keychain.
    fn launch_with(&self, keychain: Arc<MemoryStore>) -> (Auth, Arc<Heard>) {
        self.launch_on(keychain, &self.sandbox.base_url())
    }

    /// The app as it starts, with the sandbox environment's calls going to `base_url`.
    fn launch_against(&self, base_url: &str) -> (Auth, Arc<Heard>) {
        self.launch_on(self.keychain.clone(), base_url)
    }

    fn launch_on(&self, keychain: Arc<MemoryStore>, base_url: &str) -> (Auth, Arc<Heard>) {
        self.launch_configured(keychain, base_url, |_| {})
    }

    /// The app as it starts, giving up on an answer after 300 ms rather than 15 s.
    fn launch_impatient(&self) -> (Auth, Arc<Heard>) {
        self.launch_configured(self.keychain.clone(), &self.sandbox.base_url(), |config| {
            config.timeouts.request = Duration::from_millis(300)
        })
    }

    fn launch_configured(
        &self,
        keychain: Arc<MemoryStore>,
        base_url: &str,
        configure: impl FnOnce(&mut lcs_api::ClientConfig),
    ) -> (Auth, Arc<Heard>) {
        let environment = Environment::sandbox();
        let mut config = environment
            .client_config(lcs_core::settings::Language::EnUs, Ok(base_url))
            .unwrap();
        configure(&mut config);
        let heard = Arc::new(Heard::default());
        let auth = Auth::new(
            &environment,
            Client::new(config).unwrap(),
            Opened {
                store: keychain,
                kind: StoreKind::OsKeychain,
            },
            heard.clone(),
        )
        .with_sandbox_secret(self.sandbox.secret().into());
        (auth, heard)
    }

    /// The newest code the sandbox sent (what the user reads on their phone).
    async fn last_code(&self) -> String {
        let sent = Helpers::of(&self.sandbox).get("sms").await;
        sent.as_array()
            .and_then(|codes| codes.last())
            .and_then(|code| code["code"].as_str())
            .map(str::to_owned)
            .unwrap_or_else(|| panic!("no code sent: {sent}"))
    }
}
