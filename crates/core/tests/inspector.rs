//! The request inspector against the real sandbox: signs in with all three families, makes
//! data calls and one that fails, then checks that every call was recorded with the trace id
//! it carried and that no password or token appears anywhere in the records.

// Helpers here panic on purpose: a failed expectation is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::sync::{Arc, Mutex};

use lcs_api::record::REDACTED;
use lcs_api::{CallRecord, Client, Family};
use lcs_core::auth::{Auth, AuthEvent, AuthListener, CodeTarget, CustomerLogin, CustomerLoginName};
use lcs_core::environment::{Environment, SANDBOX_SECRET_HEADER};
use lcs_core::keychain::{MemoryStore, Opened, StoreKind};
use lcs_core::messages::MessageChannel;
use lcs_core::session::{self, StoredSession};
use lcs_core::{Data, DataEvent, DataListener, Inspector, InspectorFilter, InspectorListener};
use lcs_sandbox::{Db, Sandbox};
use lcs_store::Store;
use serde_json::Value;

/// The sandbox's demo data as its seed names it, written out so that a change there is noticed
/// here.
const DEMO_PHONE: &str = "13800000001";
const DEMO_EMAIL: &str = "demo@lcs.test";
const DEMO_PASSWORD: &str = "demo1234";

struct Quiet;

impl AuthListener for Quiet {
    fn auth_changed(&self, _environment: &str, _event: &AuthEvent) {}
}

impl DataListener for Quiet {
    fn data_changed(&self, _event: &DataEvent) {}
}

/// The live updates a page would get.
#[derive(Default)]
struct Heard(Mutex<Vec<String>>);

impl InspectorListener for Heard {
    fn recorded(&self, record: &CallRecord) {
        self.0.lock().unwrap().push(record.trace.clone());
    }

    fn bridge_recorded(&self, record: &lcs_core::BridgeCallRecord) {
        self.0.lock().unwrap().push(record.method.clone());
    }
}

#[tokio::test]
async fn every_call_is_recorded_with_its_trace_and_without_a_secret() {
    let sandbox = Sandbox::start(Db::open(None).unwrap(), 0).await.unwrap();
    let base = sandbox.base_url();
    let keychain = Arc::new(MemoryStore::new());
    let environment = Environment::sandbox();
    let config = environment
        .client_config(lcs_core::settings::Language::ZhCn, Ok(&base))
        .unwrap();
    let inspector = Arc::new(Inspector::new(true));
    let heard = Arc::new(Heard::default());
    inspector.listen(heard.clone());
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
            Arc::new(Quiet),
        )
        .with_sandbox_secret(sandbox.secret().into()),
    );
    let (store, _) = Store::open(std::path::Path::new(":memory:")).unwrap();
    let data = Data::new(auth.clone(), Arc::new(Mutex::new(store)), Arc::new(Quiet));

    let refused = auth
        .customer_login(CustomerLogin {
            by: CustomerLoginName::Email,
            login_name: DEMO_EMAIL.into(),
            phone_area: None,
            password: Some("Wrong-pass-1".into()),
            code: None,
            remember: false,
        })
        .await
        .unwrap_err();
    let after_refusal = inspector.len();
    common::sign_in_every_family(&auth).await;
    auth.send_code(CodeTarget {
        phone_area: Some("+86".into()),
        phone: Some(DEMO_PHONE.into()),
        email: None,
    })
    .await
    .unwrap();
    data.addresses().refresh().await.unwrap();
    data.messages()
        .refresh(MessageChannel::Notice)
        .await
        .unwrap();
    data.profile().user_info().await.unwrap();
    data.profile().account_detail().await.unwrap();

    let records = inspector.list(&InspectorFilter::default());
    let calls: Vec<&str> = records.iter().rev().map(|r| r.call.as_str()).collect();
    for family in [Family::Customer, Family::UserCenter, Family::Planner] {
        assert!(
            records.iter().any(|r| r.family == family && !r.failed()),
            "{family:?} has a successful call: {calls:?}"
        );
    }
    assert!(calls.len() >= 8, "every call was recorded: {calls:?}");
    assert_eq!(
        *heard.0.lock().unwrap(),
        records
            .iter()
            .rev()
            .map(|r| r.trace.clone())
            .collect::<Vec<_>>(),
        "each record was announced once, in order"
    );

    // The refused sign-in is one failed record, whose trace the error carries.
    assert!(after_refusal >= 1);
    let trace = refused.trace().expect("a backend error has a trace");
    let failed = inspector.get(trace).expect("the failed call is recorded");
    assert_eq!(failed.outcome, "business");
    assert_eq!(failed.status, Some(200));
    assert!(
        failed
            .business_code
            .as_deref()
            .is_some_and(|code| code != "0")
    );

    // Every trace is distinct, and family A's sandbox echoes the trace header it got.
    let mut traces: Vec<&str> = records.iter().map(|r| r.trace.as_str()).collect();
    traces.sort_unstable();
    traces.dedup();
    assert_eq!(traces.len(), records.len());
    let mut echoed = 0;
    for record in records.iter().filter(|r| r.family == Family::Customer) {
        let sent = record
            .request
            .headers
            .iter()
            .find(|h| h.name == "trace")
            .map(|h| h.value.as_str());
        assert_eq!(sent, Some(record.trace.as_str()), "{}", record.call);
        let answer: Value = serde_json::from_str(&record.response.as_ref().unwrap().text).unwrap();
        if let Some(seen) = answer.get("trace").and_then(Value::as_str) {
            assert_eq!(seen, record.trace, "the sandbox saw this trace");
            echoed += 1;
        }
    }
    assert!(echoed >= 2, "the sandbox echoed the traces it received");
    assert!(
        records
            .iter()
            .all(|r| r.attempts == 1 && r.status.is_some())
    );

    // The sandbox's code sender got the run's secret, which its record shows redacted.
    let sent_code = records
        .iter()
        .find(|r| r.call == "environment.send_code")
        .expect("the code sent is recorded");
    assert_eq!(sent_code.status, Some(200));
    let secret_header = sent_code
        .request
        .headers
        .iter()
        .find(|h| h.name == SANDBOX_SECRET_HEADER)
        .expect("the secret went with the code sender");
    assert_eq!(secret_header.value, REDACTED);

    // No password, hash, token or the sandbox's secret anywhere in the records or an export.
    let mut secrets = vec![
        sandbox.secret().to_owned(),
        DEMO_PASSWORD.to_owned(),
        lcs_api::password_md5(&DEMO_PASSWORD.into())
            .expose()
            .to_owned(),
    ];
    for family in [Family::Customer, Family::UserCenter, Family::Planner] {
        let (_, stored) = session::load_family(keychain.as_ref(), "sandbox", family)
            .unwrap()
            .expect("the session was kept");
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
    let shown = format!(
        "{}{}",
        serde_json::to_string(&records).unwrap(),
        inspector.export()
    );
    assert!(shown.contains(REDACTED), "secrets were there to redact");
    for secret in secrets.iter().filter(|s| s.len() >= 6) {
        assert!(!shown.contains(secret.as_str()), "a record holds a secret");
    }
}
