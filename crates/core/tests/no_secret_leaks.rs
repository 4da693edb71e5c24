//! Signs in to all three families, uses the app's flows (cache-first reads, an edit through the
//! outbox, a real/demo switch, a refresh), then searches the SQLite cache file, every log line,
//! the log folder as the app writes it, every event the UI would have heard and the diagnostics
//! file a tester would export for the tokens, the password, the planner client's secret and the
//! sandbox's helper secret (sent with a code).

// Helpers here panic on purpose: a failed expectation is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

use lcs_api::customer::Customer;
use lcs_api::{Client, Family};
use lcs_core::addresses::AddressInput;
use lcs_core::auth::{Auth, AuthEvent, AuthListener, CodeTarget};
use lcs_core::diagnostics::{self, EnvironmentInUse, Sources};
use lcs_core::environment::Environment;
use lcs_core::keychain::{MemoryStore, Opened, StoreKind};
use lcs_core::logging::{LogFolder, LogSink, Redacting};
use lcs_core::messages::MessageChannel;
use lcs_core::session::{self, StoredSession};
use lcs_core::{Data, DataEvent, DataListener, Inspector};
use lcs_sandbox::{Db, Sandbox};
use lcs_store::Store;
use lcs_testkit::Helpers;
use serde_json::json;
use tracing_subscriber::fmt::writer::MakeWriterExt;

/// The sandbox's demo data as its seed names it, written out so that a change there is noticed
/// here.
const DEMO_PHONE: &str = "13800000001";
const DEMO_PASSWORD: &str = "demo1234";

/// Everything the UI would hear, as the app's listener sees it; A's sign-in answers go to the
/// cache as the app sends them.
#[derive(Default)]
struct Ears {
    auth: Mutex<Vec<AuthEvent>>,
    data_events: Mutex<Vec<DataEvent>>,
    data: OnceLock<Data>,
}

impl AuthListener for Ears {
    fn auth_changed(&self, _environment: &str, event: &AuthEvent) {
        self.auth.lock().unwrap().push(event.clone());
    }

    fn customer_answered(&self, _account: &str, customer: &Customer) {
        self.data
            .get()
            .unwrap()
            .accounts()
            .remember(customer)
            .unwrap();
    }
}

impl DataListener for Ears {
    fn data_changed(&self, event: &DataEvent) {
        self.data_events.lock().unwrap().push(event.clone());
    }
}

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
async fn no_token_or_password_reaches_the_cache_file_a_log_line_or_an_event() {
    let logs = LogBuffer::default();
    let writer = logs.clone();
    // The log folder as the app writes it, beside every line as the code logs it.
    let log_home = tempfile::tempdir().unwrap();
    let log_folder = LogFolder::new(log_home.path().join("logs"));
    let sink = LogSink::default();
    sink.attach(log_folder.open().unwrap());
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer((move || writer.clone()).and(Redacting(sink)))
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let sandbox = Sandbox::start(Db::open(None).unwrap(), 0).await.unwrap();
    let base = sandbox.base_url();
    // token_status 1 from the start, so the planner session is renewed during the flows.
    Helpers::of(&sandbox)
        .post("planner/lifetimes", json!({"refreshSoonMs": 7_200_000}))
        .await;
    let folder = tempfile::tempdir().unwrap();
    let cache_path = folder.path().join("cache.sqlite");
    let keychain = Arc::new(MemoryStore::new());
    let environment = Environment::sandbox();
    let config = environment
        .client_config(lcs_core::settings::Language::ZhCn, Ok(&base))
        .unwrap();
    let ears = Arc::new(Ears::default());
    let inspector = Arc::new(Inspector::new(true));
    let auth = Arc::new(
        Auth::new(
            &environment,
            Client::new(config)
                .unwrap()
                .with_observer(inspector.clone()),
            Opened {
                store: keychain.clone(),
                kind: StoreKind::OsKeychain,
            },
            ears.clone(),
        )
        .with_sandbox_secret(sandbox.secret().into()),
    );
    let (store, _) = Store::open(&cache_path).unwrap();
    let data = Data::new(auth.clone(), Arc::new(Mutex::new(store)), ears.clone());
    ears.data.set(data.clone()).unwrap();

    common::sign_in_every_family(&auth).await;
    let mut secrets = vec![
        DEMO_PASSWORD.to_owned(),
        sandbox.secret().to_owned(),
        environment.planner_client_secret.clone(),
    ];
    let collect = |secrets: &mut Vec<String>| {
        for family in [Family::Customer, Family::UserCenter, Family::Planner] {
            let Some((_, stored)) =
                session::load_family(keychain.as_ref(), "sandbox", family).unwrap()
            else {
                continue;
            };
            match stored.session {
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
    };
    collect(&mut secrets);

    data.addresses().refresh().await.unwrap();
    data.invoices().refresh().await.unwrap();
    data.messages()
        .refresh(MessageChannel::Notice)
        .await
        .unwrap();
    data.messages().unread().await.unwrap();
    data.profile().user_info().await.unwrap();
    data.profile().account_detail().await.unwrap();
    data.addresses()
        .add(AddressInput {
            ud_name: Some("王五".into()),
            ud_mobile: Some("13700000003".into()),
            ud_address: Some("人民路 3 号".into()),
            ..AddressInput::default()
        })
        .unwrap();
    data.outbox().deliver().await.unwrap();
    auth.customer_switch_mode().await.unwrap();
    auth.send_code(CodeTarget {
        phone_area: Some("+86".into()),
        phone: Some(DEMO_PHONE.into()),
        email: None,
    })
    .await
    .unwrap();
    // The planner session was renewed (token_status 1): the renewed tokens count too.
    collect(&mut secrets);
    assert!(
        ears.auth
            .lock()
            .unwrap()
            .iter()
            .any(|event| event.change == lcs_core::auth::AuthChange::Refreshed),
        "the flows include a refresh"
    );

    let mut cache = std::fs::read(&cache_path).unwrap();
    for side in ["-wal", "-shm"] {
        let mut path = cache_path.clone().into_os_string();
        path.push(side);
        if let Ok(bytes) = std::fs::read(path) {
            cache.extend(bytes);
        }
    }
    let cache = String::from_utf8_lossy(&cache).into_owned();
    assert!(cache.contains("王五"), "the cache file was written");
    let events = format!(
        "{}{}",
        serde_json::to_string(&*ears.auth.lock().unwrap()).unwrap(),
        serde_json::to_string(&*ears.data_events.lock().unwrap()).unwrap()
    );
    let logs = String::from_utf8(logs.0.lock().unwrap().clone()).unwrap();
    assert!(logs.contains("signed in"), "the log was captured");
    let log_files: String = log_folder
        .files()
        .iter()
        .map(|file| std::fs::read_to_string(file).unwrap())
        .collect();
    assert!(log_files.contains("signed in"), "the log file was written");
    let app = json!({"version": "0.1.0"});
    let report = diagnostics::report(Sources {
        app: &app,
        settings: &lcs_core::settings::Settings::default(),
        environment: Some(EnvironmentInUse {
            environment: &environment,
            base_url: Some(&base),
            problem: None,
        }),
        keychain: &auth.keychain_status(),
        sessions: &auth.sessions(),
        log: Some(&log_folder),
        inspector: &inspector,
    });
    assert!(
        report.contains("customer.login") && report.contains("signed in"),
        "the diagnostics file holds the calls and the log"
    );

    secrets.sort();
    secrets.dedup();
    assert!(
        secrets.len() >= 7,
        "every token was collected: {}",
        secrets.len()
    );
    for secret in secrets.iter().filter(|s| s.len() >= 6) {
        assert!(
            !cache.contains(secret.as_str()),
            "the cache file holds a secret"
        );
        assert!(!logs.contains(secret.as_str()), "a log line holds a secret");
        assert!(
            !log_files.contains(secret.as_str()),
            "the log folder holds a secret"
        );
        assert!(
            !report.contains(secret.as_str()),
            "the diagnostics file holds a secret"
        );
        assert!(!events.contains(secret.as_str()), "an event holds a secret");
    }
}
