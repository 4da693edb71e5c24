//! Sessions belong to the servers that issued them: when an environment's address changes
//! (an edit or an import), its kept sessions are signed out unsent, and the user hears why.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::sync::{Arc, Mutex};

use lcs_api::{Client, Family};
use lcs_core::auth::{Auth, AuthChange, AuthEvent, AuthListener, AuthReason};
use lcs_core::environment::Environment;
use lcs_core::keychain::{MemoryStore, Opened, StoreKind};
use lcs_core::session;
use lcs_sandbox::{Db, Sandbox};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

#[derive(Default)]
struct Heard(Mutex<Vec<AuthEvent>>);

impl AuthListener for Heard {
    fn auth_changed(&self, _environment: &str, event: &AuthEvent) {
        self.0.lock().unwrap().push(event.clone());
    }
}

/// A user's own environment with all three families at `base`.
fn environment(base: &str) -> Environment {
    Environment {
        id: "qa".into(),
        name: "QA".into(),
        customer_base: base.into(),
        user_center_base: base.into(),
        planner_base: base.into(),
        company_id: "1".into(),
        planner_client_id: "lcs-account".into(),
        planner_client_secret: "lcs-sandbox-secret".into(),
        ..Environment::default()
    }
}

fn launch(environment: &Environment, keychain: &Arc<MemoryStore>) -> (Auth, Arc<Heard>) {
    let base = environment.customer_base.clone();
    let config = environment
        .client_config(lcs_core::settings::Language::EnUs, Ok(&base))
        .unwrap();
    let heard = Arc::new(Heard::default());
    let auth = Auth::new(
        environment,
        Client::new(config).unwrap(),
        Opened {
            store: keychain.clone(),
            kind: StoreKind::OsKeychain,
        },
        heard.clone(),
    );
    (auth, heard)
}

/// The keychain after a run that signed in to all three families of "qa", at a sandbox that
/// keeps running.
async fn signed_in_everywhere() -> (Sandbox, Arc<MemoryStore>, Environment) {
    let sandbox = Sandbox::start(Db::open(None).unwrap(), 0).await.unwrap();
    let keychain = Arc::new(MemoryStore::new());
    let qa = environment(&sandbox.base_url());
    let (first, _) = launch(&qa, &keychain);
    common::sign_in_every_family(&first).await;
    (sandbox, keychain, qa)
}

/// A server at the environment's new address that would accept anything.
async fn new_host() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_string("{}"))
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn a_session_is_not_sent_to_the_new_host_of_its_environment() {
    let (_sandbox, keychain, _) = signed_in_everywhere().await;

    let server = new_host().await;
    let after = environment(&server.uri());
    let (second, heard) = launch(&after, &keychain);
    let restored = second.restore().await;
    for family in [Family::Customer, Family::UserCenter, Family::Planner] {
        second.verify(family).await.unwrap();
    }

    assert!(restored.is_empty(), "{restored:?}");
    assert!(second.sessions().is_empty());
    assert!(
        server.received_requests().await.unwrap().is_empty(),
        "a token went to the new host"
    );
    assert_eq!(second.signed_out_because(), Some(AuthReason::HostChanged));
    let heard = heard.0.lock().unwrap().clone();
    assert_eq!(heard.len(), 3, "{heard:?}");
    assert!(
        heard
            .iter()
            .all(|event| event.change == AuthChange::SignedOut
                && event.reason == Some(AuthReason::HostChanged))
    );
    for family in [Family::Customer, Family::UserCenter, Family::Planner] {
        assert!(
            session::load_family(keychain.as_ref(), "qa", family)
                .unwrap()
                .is_none(),
            "{family}'s tokens are still kept"
        );
    }
}

#[tokio::test]
async fn only_the_family_whose_host_moved_is_signed_out() {
    let (_sandbox, keychain, before) = signed_in_everywhere().await;

    let server = new_host().await;
    let mut after = before.clone();
    after.planner_base = server.uri();
    let (second, _) = launch(&after, &keychain);
    let restored = second.restore().await;
    second.verify(Family::Planner).await.unwrap();

    let families: Vec<_> = restored.iter().map(|s| s.family).collect();
    assert_eq!(families.len(), 2, "{restored:?}");
    assert!(second.session(Family::Planner).is_none());
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn an_unchanged_environment_keeps_its_sessions_and_the_sandbox_its_own_across_ports() {
    let (_sandbox, keychain, qa) = signed_in_everywhere().await;
    let (second, _) = launch(&qa, &keychain);
    assert_eq!(second.restore().await.len(), 3);
    assert_eq!(second.signed_out_because(), None);

    // The built-in sandbox listens on a new port each run; its sessions are its own still.
    let kept = session::load_family(keychain.as_ref(), "qa", Family::Customer)
        .unwrap()
        .map(|(account, kept)| (account, kept.session))
        .unwrap();
    session::save(
        keychain.as_ref(),
        "sandbox",
        &kept.0,
        &session::KeptSession::new(
            Environment::sandbox().session_issuer(Family::Customer),
            kept.1,
        ),
    )
    .unwrap();
    let config = Environment::sandbox()
        .client_config(
            lcs_core::settings::Language::EnUs,
            Ok("http://127.0.0.1:1/"),
        )
        .unwrap();
    let auth = Auth::new(
        &Environment::sandbox(),
        Client::new(config).unwrap(),
        Opened {
            store: keychain.clone(),
            kind: StoreKind::OsKeychain,
        },
        Arc::new(Heard::default()),
    );
    assert_eq!(auth.restore().await.len(), 1);
}

#[tokio::test]
async fn a_session_kept_before_issuers_were_recorded_is_signed_out() {
    let keychain = Arc::new(MemoryStore::new());
    let legacy = r#"{"family":"B","token":"legacy-token","userId":7,"label":"13800000000"}"#;
    use lcs_core::keychain::SecretStore;
    keychain
        .set(
            &session::SessionKey::new("qa", Family::UserCenter, "7").user_name(),
            &lcs_api::Secret::new(legacy),
        )
        .unwrap();
    keychain
        .set("qa/sessions", &lcs_api::Secret::new(r#"["qa/B/7"]"#))
        .unwrap();
    let server = new_host().await;

    let (auth, _) = launch(&environment(&server.uri()), &keychain);

    assert!(auth.restore().await.is_empty());
    assert_eq!(auth.signed_out_because(), Some(AuthReason::HostChanged));
    assert!(server.received_requests().await.unwrap().is_empty());
}
