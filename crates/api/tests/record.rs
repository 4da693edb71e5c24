//! The call records an observer receives: one per call (errors, timeouts and retries too),
//! carrying the trace id the request carried, and no secret in any field.

// Helpers here panic on purpose: a failed expectation is a failed test.
#![allow(clippy::unwrap_used)]

mod support;

use std::sync::{Arc, Mutex};

use lcs_api::record::REDACTED;
use lcs_api::{CallRecord, Family, Observer, Secret, UserCenterToken, endpoint, password_md5};
use serde::Serialize;
use serde_json::{Value, json};
use support::*;
use wiremock::matchers::path;
use wiremock::{Mock, ResponseTemplate};

/// Written out, so that a change of the limit in the code is noticed here.
const BODY_CAP: usize = 64 * 1024;

const ID_CARD: &str = "110101199003071234";

#[derive(Default)]
struct Records {
    seen: Mutex<Vec<CallRecord>>,
    disabled: bool,
}

impl Observer for Records {
    fn is_enabled(&self) -> bool {
        !self.disabled
    }

    fn record(&self, record: CallRecord) {
        self.seen.lock().unwrap().push(record);
    }
}

impl Records {
    fn take(&self) -> Vec<CallRecord> {
        std::mem::take(&mut *self.seen.lock().unwrap())
    }
}

#[derive(Debug, Serialize)]
struct UserCenterQuery {
    password: Secret,
    #[serde(rename = "userIdcard")]
    user_idcard: String,
    nickname: String,
}
endpoint!(UserCenterQuery => Value, UserCenter Get "/front/user/update", Required, "test.user_center");

#[derive(Debug, Serialize)]
struct PlannerGet {
    page: u32,
}
endpoint!(PlannerGet => Value, Planner Get "/srv/v1/list", Required, "test.planner_get");

fn header_value<'a>(record: &'a CallRecord, name: &str) -> Option<&'a str> {
    record
        .request
        .headers
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case(name))
        .map(|h| h.value.as_str())
}

#[tokio::test]
async fn a_login_and_its_answer_are_recorded_without_a_secret() {
    let (server, client) = mock_client().await;
    let records = Arc::new(Records::default());
    let client = client.with_observer(records.clone());
    Mock::given(path("/api/login/customer.app.CustomerWebApiService.login"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "code": "0", "msg": "ok",
            "data": {"token": TOKEN, "rToken": R_TOKEN, "accountList": [{"login": 5001, "userIdcard": ID_CARD}]}})))
        .mount(&server)
        .await;

    client
        .send(&login_with_every_secret(), Some(&Secret::new(TOKEN)))
        .await
        .unwrap();

    let sent = only_request(&server).await;
    let records = records.take();
    assert_eq!(records.len(), 1);
    let record = &records[0];
    assert_eq!(record.call, "customer.login");
    assert_eq!(record.family, Family::Customer);
    assert_eq!(Some(record.trace.as_str()), header(&sent, "trace"));
    assert_eq!(
        (record.status, record.business_code.as_deref()),
        (Some(200), Some("0"))
    );
    assert_eq!((record.outcome.as_str(), record.attempts), ("ok", 1));
    assert_eq!(record.request_bytes, sent.body.len() as u64);
    assert!(
        record
            .url
            .ends_with("/api/login/customer.app.CustomerWebApiService.login")
    );

    let body: Value = serde_json::from_str(&record.request.body.text).unwrap();
    assert_eq!(
        body["loginName"], "13429837442",
        "plain fields stay readable"
    );
    for key in ["loginPwd", "verifyCode", "sendToken"] {
        assert_eq!(body[key], REDACTED, "{key}");
    }
    let answer: Value = serde_json::from_str(&record.response.as_ref().unwrap().text).unwrap();
    assert_eq!(answer["data"]["token"], REDACTED);
    assert_eq!(answer["data"]["rToken"], REDACTED);
    assert_eq!(answer["data"]["accountList"][0]["userIdcard"], REDACTED);
    assert_eq!(answer["data"]["accountList"][0]["login"], 5001);
    assert_eq!(header_value(record, "companyId"), Some(COMPANY_ID));

    // Secrets really went out, so their absence from the record means something.
    let wire = String::from_utf8_lossy(&sent.body).into_owned();
    assert!(wire.contains(SMS_CODE) && wire.contains(SEND_TOKEN));
    let shown = serde_json::to_string(record).unwrap();
    let md5 = password_md5(&Secret::new(PASSWORD));
    for secret in [
        PASSWORD,
        md5.expose(),
        SMS_CODE,
        SEND_TOKEN,
        TOKEN,
        R_TOKEN,
        ID_CARD,
    ] {
        assert!(
            !shown.contains(secret),
            "{secret} is in the record: {shown}"
        );
    }
}

/// Sends a user-centre update whose query carries a password and an ID number, with the
/// session token, and returns its record.
async fn recorded_user_update(
    server: &wiremock::MockServer,
    client: lcs_api::Client,
) -> CallRecord {
    let records = Arc::new(Records::default());
    let client = client.with_observer(records.clone());
    Mock::given(path("/front/user/update"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"code": 0, "data": {}})))
        .mount(server)
        .await;
    client
        .send(
            &UserCenterQuery {
                password: Secret::new(PASSWORD),
                user_idcard: ID_CARD.into(),
                nickname: "小王".into(),
            },
            Some(&Secret::new(TOKEN)),
        )
        .await
        .unwrap();
    records.take().remove(0)
}

#[tokio::test]
async fn token_headers_and_query_secrets_are_redacted() {
    let (server, client) = mock_client().await;
    let record = &recorded_user_update(&server, client).await;

    let sent = only_request(&server).await;
    assert!(
        sent.url.as_str().contains(ID_CARD),
        "the server got the real values"
    );
    assert_eq!(header_value(record, "Authorization"), Some(REDACTED));
    let query: Vec<(&str, &str)> = record
        .request
        .query
        .iter()
        .map(|pair| (pair.name.as_str(), pair.value.as_str()))
        .collect();
    assert_eq!(
        query,
        [
            ("password", REDACTED),
            ("userIdcard", REDACTED),
            ("nickname", "小王")
        ]
    );
    assert!(
        record
            .url
            .contains("password=<redacted>&userIdcard=<redacted>&nickname=%E5%B0%8F%E7%8E%8B"),
        "{}",
        record.url
    );
    let shown = serde_json::to_string(record).unwrap();
    for secret in [PASSWORD, TOKEN, ID_CARD] {
        assert!(
            !shown.contains(secret),
            "{secret} is in the record: {shown}"
        );
    }
}

#[tokio::test]
async fn retries_failures_and_refusals_are_recorded_once_each() {
    let (server, client) = mock_client().await;
    let records = Arc::new(Records::default());
    let client = client.with_observer(records.clone());
    Mock::given(path("/srv/v1/list"))
        .respond_with(ResponseTemplate::new(503).set_body_string("busy"))
        .mount(&server)
        .await;

    let error = client
        .send(&PlannerGet { page: 1 }, Some(&Secret::new(ACCESS_TOKEN)))
        .await
        .unwrap_err();
    let refused = client
        .send(&PlannerGet { page: 2 }, None)
        .await
        .unwrap_err();

    let records = records.take();
    assert_eq!(records.len(), 2, "one record per call, not per attempt");
    let retried = &records[0];
    assert_eq!(retried.attempts, 3, "a GET is retried twice after a 5xx");
    assert_eq!(
        (retried.status, retried.outcome.as_str()),
        (Some(503), "http")
    );
    assert_eq!(Some(retried.trace.as_str()), error.trace());
    assert_eq!(retried.response.as_ref().unwrap().text, "busy");
    assert!(
        retried.url.contains("access_token=<redacted>"),
        "{}",
        retried.url
    );
    assert!(
        !serde_json::to_string(retried)
            .unwrap()
            .contains(ACCESS_TOKEN)
    );

    let refused_record = &records[1];
    assert_eq!(
        refused_record.attempts, 0,
        "nothing was sent without a session"
    );
    assert_eq!(refused_record.outcome, "unauthorized");
    assert_eq!(refused_record.status, None);
    assert_eq!(Some(refused_record.trace.as_str()), refused.trace());
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}

#[tokio::test]
async fn large_answers_are_cut_and_a_disabled_observer_gets_nothing() {
    let (server, client) = mock_client().await;
    let records = Arc::new(Records::default());
    let observed = client.clone().with_observer(records.clone());
    let big = "x".repeat(BODY_CAP * 2);
    Mock::given(path("/srv/v1/list"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"error": "0", "list": big})))
        .mount(&server)
        .await;

    observed
        .send(&PlannerGet { page: 1 }, Some(&Secret::new(ACCESS_TOKEN)))
        .await
        .unwrap();
    let record = &records.take()[0];
    let response = record.response.as_ref().unwrap();
    assert!(response.truncated);
    assert_eq!(response.text.len(), BODY_CAP);
    assert!(record.response_bytes.unwrap() > (BODY_CAP * 2) as u64);
    assert_eq!(record.business_code.as_deref(), Some("0"));

    let disabled = Arc::new(Records {
        disabled: true,
        ..Records::default()
    });
    client
        .with_observer(disabled.clone())
        .send(&PlannerGet { page: 1 }, Some(&Secret::new(ACCESS_TOKEN)))
        .await
        .unwrap();
    assert!(disabled.take().is_empty());
}

/// Wherever an environment puts family B's token (a bearer token, a `token` header, a `token`
/// query parameter), the record shows it redacted there and nowhere in the clear.
#[tokio::test]
async fn b_token_is_redacted_in_each_placement() {
    for transport in [
        UserCenterToken::Bearer,
        UserCenterToken::Header,
        UserCenterToken::Query,
    ] {
        let (server, client) =
            mock_client_with(|config| config.user_center_token = transport).await;
        let record = &recorded_user_update(&server, client).await;

        let sent = only_request(&server).await;
        assert!(
            format!("{:?} {}", sent.headers, sent.url).contains(TOKEN),
            "{transport:?}: the server got the token"
        );
        let query_token = record
            .request
            .query
            .iter()
            .find(|pair| pair.name == "token")
            .map(|pair| pair.value.as_str());
        let shown = match transport {
            UserCenterToken::Bearer => header_value(record, "Authorization"),
            UserCenterToken::Header => header_value(record, "token"),
            UserCenterToken::Query => query_token,
        };
        assert_eq!(shown, Some(REDACTED), "{transport:?}");
        if transport == UserCenterToken::Query {
            assert!(record.url.ends_with("&token=<redacted>"), "{}", record.url);
        }
        let recorded = serde_json::to_string(record).unwrap();
        assert!(!recorded.contains(TOKEN), "{transport:?}: {recorded}");
    }
}
