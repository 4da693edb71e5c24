// Helpers here panic on purpose: a failed expectation is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;
use std::sync::Arc;

use lcs_api::planner::PlannerTokens;
use lcs_api::{Family, Secret};
use lcs_core::auth::TradingMode;
use lcs_core::keychain::{
    MemoryStore, OsKeychain, SERVICE, SecretStore, StoreKind, open, open_with,
};
use lcs_core::session::{
    self, CustomerSession, KeptSession, PlannerSession, SessionKey, StoredSession,
    UserCenterSession,
};
use lcs_core::{Error, ErrorCode};

/// Written out, so that a change of the limit in the code is noticed here.
const MAX_ENTRY_BYTES: usize = 2560;

/// A session as kept, issued by a server of the seeds' kind.
fn kept(session: StoredSession) -> KeptSession {
    KeptSession::new("https://api.example.com", session)
}

fn customer() -> StoredSession {
    StoredSession::Customer(CustomerSession {
        token: Secret::new("tok-a-secret"),
        r_token: Secret::new("rtok-a-secret"),
        customer_id: 1001,
        label: "demo@lcs.test".into(),
        mode: Some(TradingMode::Demo),
    })
}

fn user_center() -> StoredSession {
    StoredSession::UserCenter(UserCenterSession {
        token: Secret::new("tok-b-secret"),
        user_id: 42,
        label: "13800000001".into(),
    })
}

fn planner() -> StoredSession {
    StoredSession::Planner(PlannerSession {
        access_token: Secret::new("access-c-secret"),
        access_expires_at_ms: 1_800_000_000_000,
        refresh_token: Secret::new("refresh-c-secret"),
        refresh_expires_at_ms: 1_900_000_000_000,
        uid: "u-7".into(),
        label: "demo".into(),
    })
}

#[test]
fn the_memory_store_gets_sets_and_deletes() {
    let store = MemoryStore::new();
    assert_eq!(store.get("k").unwrap(), None);
    store.set("k", &Secret::new("v1")).unwrap();
    store.set("k", &Secret::new("v2")).unwrap();
    assert_eq!(store.get("k").unwrap(), Some(Secret::new("v2")));
    store.delete("k").unwrap();
    assert_eq!(store.get("k").unwrap(), None);
    // Signing out twice is not an error.
    store.delete("k").unwrap();
}

#[test]
fn keys_name_environment_family_and_account() {
    assert_eq!(SERVICE, "com.lcs.account");
    let key = |family| SessionKey::new("preprod", family, "alice").user_name();
    assert_eq!(key(Family::Customer), "preprod/A/alice");
    assert_eq!(key(Family::UserCenter), "preprod/B/alice");
    assert_eq!(key(Family::Planner), "preprod/C/alice");
    // A slash in a part cannot make one key look like another.
    assert_eq!(
        SessionKey::new("a/B", Family::Customer, "x").user_name(),
        "a%2FB/A/x"
    );
    assert_eq!(
        SessionKey::new("a", Family::UserCenter, "B/x%").user_name(),
        "a/B/B%2Fx%25"
    );
}

#[test]
fn sessions_are_kept_per_environment_family_and_account() {
    let store = MemoryStore::new();
    session::save(&store, "preprod", "alice", &kept(customer())).unwrap();
    session::save(&store, "preprod", "alice", &kept(planner())).unwrap();
    session::save(&store, "sandbox", "alice", &kept(user_center())).unwrap();

    let a = SessionKey::new("preprod", Family::Customer, "alice");
    let c = SessionKey::new("preprod", Family::Planner, "alice");
    let b = SessionKey::new("sandbox", Family::UserCenter, "alice");
    assert_eq!(session::load(&store, &a).unwrap(), Some(kept(customer())));
    assert_eq!(session::load(&store, &c).unwrap(), Some(kept(planner())));
    assert_eq!(
        session::load(&store, &b).unwrap(),
        Some(kept(user_center()))
    );
    let bob = SessionKey::new("preprod", Family::Customer, "bob");
    assert_eq!(session::load(&store, &bob).unwrap(), None);

    session::forget(&store, &a).unwrap();
    session::forget(&store, &a).unwrap();
    assert_eq!(session::load(&store, &a).unwrap(), None);
    assert_eq!(session::load(&store, &c).unwrap(), Some(kept(planner())));

    session::save(&store, "preprod", "alice", &kept(customer())).unwrap();
    session::forget_environment(&store, "preprod").unwrap();
    assert_eq!(session::load(&store, &a).unwrap(), None);
    assert_eq!(session::load(&store, &c).unwrap(), None);
    assert_eq!(
        session::load(&store, &b).unwrap(),
        Some(kept(user_center()))
    );
}

#[test]
fn an_entry_over_the_windows_limit_is_refused() {
    let store = MemoryStore::new();
    let fits = Secret::new("x".repeat(MAX_ENTRY_BYTES));
    store.set("k", &fits).unwrap();
    let error = store
        .set("k", &Secret::new("x".repeat(MAX_ENTRY_BYTES + 1)))
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::KeychainEntryTooLarge {
                bytes: 2561,
                limit: 2560,
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(error.code(), ErrorCode::Keychain);

    let huge = StoredSession::UserCenter(UserCenterSession {
        token: Secret::new("t".repeat(3000)),
        user_id: 1,
        label: String::new(),
    });
    let error = session::save(&store, "preprod", "alice", &kept(huge)).unwrap_err();
    assert!(matches!(error, Error::KeychainEntryTooLarge { .. }));
    let key = SessionKey::new("preprod", Family::UserCenter, "alice");
    assert_eq!(session::load(&store, &key).unwrap(), None);
}

#[test]
fn sessions_round_trip_as_compact_json() {
    for stored in [customer(), user_center(), planner()] {
        let json = kept(stored.clone()).to_json().unwrap();
        assert!(!json.expose().contains(' '), "{}", json.expose());
        assert_eq!(KeptSession::from_json("k", &json).unwrap(), kept(stored));
    }
    assert_eq!(
        kept(customer()).to_json().unwrap().expose(),
        r#"{"issuedBy":"https://api.example.com","family":"A","token":"tok-a-secret","rToken":"rtok-a-secret","customerId":1001,"label":"demo@lcs.test","mode":"demo"}"#
    );
    assert_eq!(
        kept(user_center()).to_json().unwrap().expose(),
        r#"{"issuedBy":"https://api.example.com","family":"B","token":"tok-b-secret","userId":42,"label":"13800000001"}"#
    );
}

/// Entries written before the label, the trading mode and the issuer were kept still read;
/// without an issuer, no environment will send them.
#[test]
fn an_entry_from_an_earlier_version_still_loads() {
    let old = Secret::new(r#"{"family":"A","token":"t","rToken":"r","customerId":7}"#);
    let kept = KeptSession::from_json("k", &old).unwrap();
    assert_eq!(kept.issued_by, None);
    let StoredSession::Customer(session) = kept.session else {
        panic!("not a customer session");
    };
    assert_eq!(session.customer_id, 7);
    assert_eq!(session.label, "");
    assert_eq!(session.mode, None);
}

#[test]
fn an_unreadable_or_misfiled_entry_is_a_typed_error_without_its_content() {
    let store = MemoryStore::new();
    let key = SessionKey::new("preprod", Family::Customer, "alice");
    store
        .set(
            &key.user_name(),
            &Secret::new(r#"{"family":"A","token":"leak-me"}"#),
        )
        .unwrap();
    let error = session::load(&store, &key).unwrap_err();
    assert!(matches!(error, Error::KeychainEntryUnreadable { .. }));
    assert!(!format!("{error} {error:?}").contains("leak-me"));

    // customerId given as a token-like string: serde_json would quote it in its message.
    store
        .set(
            &key.user_name(),
            &Secret::new(r#"{"family":"A","token":"t","rToken":"r","customerId":"leak-me"}"#),
        )
        .unwrap();
    let error = session::load(&store, &key).unwrap_err();
    assert!(!format!("{error} {error:?}").contains("leak-me"), "{error}");

    // A family B session under family A's key.
    store
        .set(&key.user_name(), &kept(user_center()).to_json().unwrap())
        .unwrap();
    let error = session::load(&store, &key).unwrap_err();
    assert_eq!(error.code(), ErrorCode::Keychain);
}

#[test]
fn planner_expiry_counts_from_when_the_answer_arrived() {
    let tokens: PlannerTokens = serde_json::from_str(
        r#"{"access_token":"acc","access_token_expire":"7200","refresh_token":"ref",
            "refresh_token_expire":2592000,"uid":"u-7"}"#,
    )
    .unwrap();
    let received_at_ms = 1_700_000_000_000;
    let session = PlannerSession::from_tokens(tokens.clone(), received_at_ms).unwrap();
    assert_eq!(session.access_expires_at_ms, received_at_ms + 7_200_000);
    assert_eq!(
        session.refresh_expires_at_ms,
        received_at_ms + 2_592_000_000
    );
    assert_eq!(session.access_token.expose(), "acc");
    assert_eq!(session.refresh_token.expose(), "ref");
    assert_eq!(session.uid, "u-7");

    let without_refresh = PlannerTokens {
        refresh_token: None,
        ..tokens
    };
    let error = PlannerSession::from_tokens(without_refresh, received_at_ms).unwrap_err();
    assert!(
        matches!(
            error,
            Error::InvalidInput {
                field: "refresh_token",
                ..
            }
        ),
        "{error:?}"
    );
}

#[test]
fn debug_output_never_shows_a_secret() {
    let store = MemoryStore::new();
    for stored in [customer(), user_center(), planner()] {
        session::save(&store, "preprod", "alice", &kept(stored.clone())).unwrap();
        let shown = format!("{stored:?} {stored:#?}");
        for secret in ["secret", "tok-", "rtok-", "access-c", "refresh-c"] {
            assert!(!shown.contains(secret), "{shown}");
        }
    }
    let shown = format!("{store:?}");
    assert!(!shown.contains("secret"), "{shown}");
    let opened = open_with(Ok(Arc::new(store)));
    assert!(!format!("{opened:?}").contains("secret"));
}

/// Fails every call, like a Secret Service whose daemon is gone.
struct Broken;

impl SecretStore for Broken {
    fn get(&self, key: &str) -> lcs_core::error::Result<Option<Secret>> {
        Err(Error::Keychain {
            action: "read",
            key: key.to_owned(),
            detail: "org.freedesktop.secrets was not provided".into(),
        })
    }
    fn set(&self, _: &str, _: &Secret) -> lcs_core::error::Result<()> {
        unreachable!("open must not write")
    }
    fn delete(&self, _: &str) -> lcs_core::error::Result<()> {
        unreachable!("open must not delete")
    }
}

#[test]
fn without_a_working_keychain_sessions_are_kept_in_memory_and_the_reason_is_told() {
    let opened = open_with(Ok(Arc::new(Broken)));
    let StoreKind::MemoryOnly { reason } = &opened.kind else {
        panic!("{opened:?}");
    };
    assert!(reason.contains("org.freedesktop.secrets"), "{reason}");
    session::save(opened.store.as_ref(), "preprod", "alice", &kept(customer())).unwrap();
    let key = SessionKey::new("preprod", Family::Customer, "alice");
    assert_eq!(
        session::load(opened.store.as_ref(), &key).unwrap(),
        Some(kept(customer()))
    );

    let unopenable = open_with(Err(Error::Keychain {
        action: "open",
        key: SERVICE.into(),
        detail: "no D-Bus session".into(),
    }));
    assert!(matches!(unopenable.kind, StoreKind::MemoryOnly { .. }));
}

/// What `secret-tool` (libsecret) finds in the Secret Service under our attributes.
/// The OS keychain adapter over keyring-core's mock store, whose calls can be made to fail.
fn mock_keychain() -> (OsKeychain, Arc<keyring_core::CredentialStore>) {
    let store: Arc<keyring_core::CredentialStore> = keyring_core::mock::Store::new().unwrap();
    (OsKeychain::with_store(store.clone()), store)
}

/// Makes the next call on `key`'s entry fail with `error`.
fn fail_next(store: &Arc<keyring_core::CredentialStore>, key: &str, error: keyring_core::Error) {
    let entry = keyring_core::Entry::new_in_store(store, SERVICE, key).unwrap();
    let mock: &keyring_core::mock::Cred = entry.as_any().downcast_ref().unwrap();
    mock.set_error(error);
}

#[test]
fn the_keychain_adapter_stores_reads_and_deletes_through_keyring_core() {
    let (keychain, _) = mock_keychain();
    session::save(&keychain, "sandbox", "1001", &kept(customer())).unwrap();
    let key = SessionKey::new("sandbox", Family::Customer, "1001");
    assert_eq!(
        session::load(&keychain, &key).unwrap(),
        Some(kept(customer()))
    );
    session::forget(&keychain, &key).unwrap();
    assert_eq!(session::load(&keychain, &key).unwrap(), None);
    // Signing out twice is harmless.
    session::forget(&keychain, &key).unwrap();
}

#[test]
fn a_keychain_that_fails_a_read_is_a_keychain_error_that_names_the_entry_not_its_value() {
    let (keychain, store) = mock_keychain();
    session::save(&keychain, "sandbox", "1001", &kept(customer())).unwrap();
    let key = SessionKey::new("sandbox", Family::Customer, "1001");
    fail_next(
        &store,
        &key.user_name(),
        keyring_core::Error::NoStorageAccess("the collection is locked".into()),
    );
    let error = session::load(&keychain, &key).unwrap_err();
    assert_eq!(error.code(), ErrorCode::Keychain);
    let shown = format!("{error} {error:?}");
    assert!(shown.contains("sandbox/A/1001"), "{shown}");
    assert!(shown.contains("locked"), "{shown}");
    assert!(!shown.contains("tok-a-secret"), "{shown}");
    // The failure was one call's: the entry is still there.
    assert_eq!(
        session::load(&keychain, &key).unwrap(),
        Some(kept(customer()))
    );
}

#[test]
fn a_keychain_that_refuses_a_write_keeps_nothing_half_written() {
    let (keychain, store) = mock_keychain();
    let key = SessionKey::new("sandbox", Family::UserCenter, "42");
    fail_next(
        &store,
        &key.user_name(),
        keyring_core::Error::PlatformFailure("write refused".into()),
    );
    let error = session::save(&keychain, "sandbox", "42", &kept(user_center())).unwrap_err();
    assert_eq!(error.code(), ErrorCode::Keychain);
    assert_eq!(session::load(&keychain, &key).unwrap(), None);
}

#[test]
fn a_keychain_whose_probe_fails_leaves_sessions_in_memory_with_the_reason() {
    let (keychain, store) = mock_keychain();
    fail_next(
        &store,
        "probe/never-written",
        keyring_core::Error::NoStorageAccess("no Secret Service".into()),
    );
    let opened = open_with(Ok(Arc::new(keychain)));
    match opened.kind {
        StoreKind::MemoryOnly { reason } => {
            assert!(reason.contains("no Secret Service"), "{reason}")
        }
        StoreKind::OsKeychain => panic!("a failing keychain was kept"),
    }
}

fn secret_tool_lookup(user_name: &str) -> Option<String> {
    let output = Command::new("secret-tool")
        .args(["lookup", "service", SERVICE, "username", user_name])
        .output()
        .expect("secret-tool runs (package libsecret-tools)");
    output
        .status
        .success()
        .then(|| String::from_utf8(output.stdout).expect("the entry is UTF-8"))
}

#[test]
#[ignore = "needs a D-Bus session with an unlocked Secret Service; scripts/test.sh runs it"]
fn sessions_are_kept_in_the_real_secret_service() {
    let opened = open();
    assert_eq!(opened.kind, StoreKind::OsKeychain);
    let keychain = OsKeychain::new().unwrap();
    let environment = format!("test-{}", std::process::id());
    let key = SessionKey::new(&environment, Family::Planner, "alice");

    session::save(&keychain, &environment, "alice", &kept(planner())).unwrap();
    assert_eq!(
        session::load(&keychain, &key).unwrap(),
        Some(kept(planner()))
    );
    let stored = secret_tool_lookup(&key.user_name()).expect("the entry is in the Secret Service");
    assert_eq!(stored, kept(planner()).to_json().unwrap().expose());

    // The store `open` chose reads what the other handle wrote: it is the same keychain.
    assert_eq!(
        session::load(opened.store.as_ref(), &key).unwrap(),
        Some(kept(planner()))
    );

    session::forget(&keychain, &key).unwrap();
    assert_eq!(session::load(&keychain, &key).unwrap(), None);
    assert_eq!(secret_tool_lookup(&key.user_name()), None);

    session::save(&keychain, &environment, "alice", &kept(customer())).unwrap();
    session::forget_environment(&keychain, &environment).unwrap();
    let a = SessionKey::new(&environment, Family::Customer, "alice");
    assert_eq!(secret_tool_lookup(&a.user_name()), None);
    assert_eq!(secret_tool_lookup(&format!("{environment}/sessions")), None);
}
