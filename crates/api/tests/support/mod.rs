//! Shared by the integration tests: a wiremock server standing in for all three families.

// Test helpers panic on purpose: a failed expectation is a failed test.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use lcs_api::customer::{Device, Login, LoginType};
use lcs_api::{Client, ClientConfig, Secret, password_md5};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

pub const COMPANY_ID: &str = "72";
pub const TOKEN: &str = "a541f9d5-2507-42b3-b790-59e1f755c380app";

/// A mock server and a client whose three families all point at it. Requests that no test
/// mounted a mock for get a 599 whose body names them, so a wrong path or method fails loudly.
pub async fn mock_client() -> (MockServer, Client) {
    mock_client_with(|_| {}).await
}

/// [`mock_client`] with the configuration changed by `configure` first.
pub async fn mock_client_with(configure: impl FnOnce(&mut ClientConfig)) -> (MockServer, Client) {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(|request: &wiremock::Request| {
            ResponseTemplate::new(599).set_body_string(format!(
                "unexpected request: {} {}",
                request.method, request.url
            ))
        })
        .with_priority(u8::MAX)
        .mount(&server)
        .await;
    let mut config = ClientConfig::single_host(server.uri().parse().expect("mock url"));
    config.company_id = COMPANY_ID.into();
    config.retry_base = std::time::Duration::from_millis(1);
    configure(&mut config);
    (server, Client::new(config).expect("client"))
}

/// The one request the server received, for exact assertions on what was sent.
pub async fn only_request(server: &MockServer) -> wiremock::Request {
    let mut requests = server.received_requests().await.expect("recording is on");
    assert_eq!(
        requests.len(),
        1,
        "expected exactly one request, got {requests:?}"
    );
    requests.remove(0)
}

pub fn header<'a>(request: &'a wiremock::Request, name: &str) -> Option<&'a str> {
    request.headers.get(name).and_then(|v| v.to_str().ok())
}

pub fn body_json(request: &wiremock::Request) -> serde_json::Value {
    serde_json::from_slice(&request.body).expect("JSON body")
}

/// The query string as ordered (name, value) pairs, decoded.
pub fn query(request: &wiremock::Request) -> Vec<(String, String)> {
    request
        .url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// Family A's headers on every call: version, companyId, a fresh UUID v4 trace, lang.
pub fn assert_customer_headers(request: &wiremock::Request, token: Option<&str>) {
    assert_eq!(header(request, "version"), Some("0.0.1"));
    assert_eq!(header(request, "companyId"), Some(COMPANY_ID));
    assert_eq!(header(request, "lang"), Some("zh-CN"));
    let trace = header(request, "trace").expect("trace header");
    let parsed = uuid::Uuid::parse_str(trace).expect("trace is a UUID");
    assert_eq!(
        parsed.get_version_num(),
        4,
        "trace {trace} is not a v4 UUID"
    );
    assert_eq!(header(request, "token"), token);
    assert_eq!(
        header(request, "content-type"),
        Some("application/json"),
        "family A sends JSON"
    );
}

/// Secret values the redaction tests send and then look for where they must not be.
pub const PASSWORD: &str = "plain-Pa55word!";
pub const SMS_CODE: &str = "864209";
pub const SEND_TOKEN: &str = "send-token-7f3a";
pub const ACCESS_TOKEN: &str = "access-6c1e9b";
pub const R_TOKEN: &str = "rtoken-91b2c3";

/// A family A sign-in carrying every kind of secret the call takes.
pub fn login_with_every_secret() -> Login {
    Login {
        login_type: LoginType::Phone,
        phone_area: Some("+86".into()),
        login_name: "13429837442".into(),
        device: Device::Other,
        is_third: false,
        verify_code: Some(Secret::new(SMS_CODE)),
        send_token: Some(Secret::new(SEND_TOKEN)),
        login_pwd: Some(password_md5(&Secret::new(PASSWORD))),
        bind_third_user_id: None,
        third_source: None,
        google_code: None,
    }
}
pub mod description;
