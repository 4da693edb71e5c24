//! How answers are decoded whatever the servers send: the seeds' odd examples, HTTP errors,
//! empty and HTML bodies, truncated JSON, oversized bodies, retries and timeouts.

mod support;

use std::time::Duration;

use lcs_api::{ApiError, Client, ClientConfig, ErrorCode, Secret, endpoint};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use support::*;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[derive(Debug, Serialize)]
struct ProbeA {}
endpoint!(ProbeA => Value, Customer Post "/api/probe", Guest, "test.probe_a");

#[derive(Debug, Serialize)]
struct ProbeB {
    q: u32,
}
endpoint!(ProbeB => Value, UserCenter Get "/front/probe", Required, "test.probe_b");

#[derive(Debug, Serialize)]
struct ProbeBPost {}
endpoint!(ProbeBPost => Value, UserCenter Post "/front/probe", Required, "test.probe_b_post");

#[derive(Debug, Serialize)]
struct ProbeC {}
endpoint!(ProbeC => Value, Planner Post "/srv/v1/probe", Guest, "test.probe_c");

/// A typed answer, to see where a wrong shape is reported.
#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Profile {
    name: String,
    accounts: Vec<Account>,
}
#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Account {
    id: i64,
}
#[derive(Debug, Serialize)]
struct ProbeTyped {}
endpoint!(ProbeTyped => Profile, Customer Post "/api/typed", Guest, "test.probe_typed");

async fn answer(server: &MockServer, route: &str, response: ResponseTemplate) {
    Mock::given(path(route))
        .respond_with(response)
        .mount(server)
        .await;
}

fn token() -> Secret {
    Secret::new(TOKEN)
}

#[tokio::test]
async fn the_seeds_contradictory_example_is_a_business_error_with_everything_support_needs() {
    let (server, client) = mock_client().await;
    // Seed 000's example: code "99" with ok true and fail true. The code decides.
    let seed = json!({"msgParams": "dolore ad et", "tm": 99, "bizCode": "8", "code": "99",
        "msg": "pariatur", "ok": true, "data": {}, "fail": true, "trace": "nisi eu pariatur"});
    answer(
        &server,
        "/api/probe",
        ResponseTemplate::new(200).set_body_json(seed),
    )
    .await;

    let error = client.send(&ProbeA {}, None).await.unwrap_err();
    match &error {
        ApiError::Business {
            code,
            message,
            biz_code,
            trace,
            ..
        } => {
            assert_eq!(code, "99");
            assert_eq!(message, "pariatur");
            assert_eq!(biz_code.as_deref(), Some("8"));
            assert_eq!(trace, "nisi eu pariatur");
        }
        other => panic!("expected a business error, got {other:?}"),
    }
    assert_eq!(error.user_message(lcs_api::Lang::EnUs), "pariatur");
}

#[tokio::test]
async fn numeric_codes_and_bare_objects_are_understood() {
    let (server, client) = mock_client().await;
    answer(
        &server,
        "/api/probe",
        ResponseTemplate::new(200).set_body_json(json!({"code": 0, "data": {"x": 1}})),
    )
    .await;
    assert_eq!(
        client.send(&ProbeA {}, None).await.unwrap(),
        json!({"x": 1})
    );

    // The seeds' switchAccount answer is a bare `{}`: no code, no ok, no fail.
    let (server, client) = mock_client().await;
    answer(
        &server,
        "/api/probe",
        ResponseTemplate::new(200).set_body_json(json!({})),
    )
    .await;
    assert_eq!(client.send(&ProbeA {}, None).await.unwrap(), Value::Null);

    let (server, client) = mock_client().await;
    answer(
        &server,
        "/api/probe",
        ResponseTemplate::new(200).set_body_json(json!({"ok": false, "fail": true, "msg": "no"})),
    )
    .await;
    assert_eq!(
        client.send(&ProbeA {}, None).await.unwrap_err().code(),
        ErrorCode::Business
    );
}

#[tokio::test]
async fn a_wrong_shape_names_its_json_path() {
    let (server, client) = mock_client().await;
    let body =
        json!({"code": "0", "data": {"name": "x", "accounts": [{"id": 1}, {"id": "seven"}]}});
    answer(
        &server,
        "/api/typed",
        ResponseTemplate::new(200).set_body_json(body),
    )
    .await;

    let error = client.send(&ProbeTyped {}, None).await.unwrap_err();
    match error {
        ApiError::Decode { path, snippet, .. } => {
            assert_eq!(path, "data.accounts[1].id");
            assert!(snippet.contains("seven"), "{snippet}");
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[tokio::test]
async fn empty_html_and_truncated_bodies_are_decode_errors() {
    for (body, expected) in [
        ("", "the body is empty"),
        (
            "<html><body><h1>502 Bad Gateway</h1></body></html>",
            "not JSON",
        ),
        (r#"{"code": "0", "data": {"name": "#, "not JSON"),
        ("[1, 2]", "expected a JSON object"),
    ] {
        let (server, client) = mock_client().await;
        answer(
            &server,
            "/api/probe",
            ResponseTemplate::new(200).set_body_string(body),
        )
        .await;
        let error = client.send(&ProbeA {}, None).await.unwrap_err();
        match &error {
            ApiError::Decode {
                path,
                message,
                snippet,
                ..
            } => {
                assert_eq!(path, "$");
                assert!(message.contains(expected), "{body:?}: {message}");
                assert!(body.starts_with(snippet.trim_end_matches('…')), "{snippet}");
            }
            other => panic!("{body:?}: expected a decode error, got {other:?}"),
        }
        assert_eq!(error.code(), ErrorCode::Decode);
    }
}

#[tokio::test]
async fn a_ten_mebibyte_body_is_refused() {
    let (server, client) = mock_client().await;
    let huge = format!(
        "{{\"code\":\"0\",\"data\":\"{}\"}}",
        "x".repeat(10 * 1024 * 1024)
    );
    answer(
        &server,
        "/api/probe",
        ResponseTemplate::new(200).set_body_string(huge),
    )
    .await;

    let error = client.send(&ProbeA {}, None).await.unwrap_err();
    assert_eq!(error.code(), ErrorCode::Decode);
    assert!(error.to_string().contains("larger than"), "{error}");
}

#[tokio::test]
async fn http_statuses_map_to_typed_errors() {
    let (server, client) = mock_client().await;
    answer(&server, "/front/probe", ResponseTemplate::new(401)).await;
    let error = client
        .send(&ProbeBPost {}, Some(&token()))
        .await
        .unwrap_err();
    assert_eq!(error.code(), ErrorCode::Unauthorized);

    let (server, client) = mock_client().await;
    answer(
        &server,
        "/front/probe",
        ResponseTemplate::new(403).set_body_json(json!({"code": 403, "msg": "forbidden area"})),
    )
    .await;
    match client
        .send(&ProbeBPost {}, Some(&token()))
        .await
        .unwrap_err()
    {
        ApiError::Http {
            status, message, ..
        } => {
            assert_eq!(status, 403);
            assert_eq!(message.as_deref(), Some("forbidden area"));
        }
        other => panic!("expected HTTP 403, got {other:?}"),
    }
}

#[tokio::test]
async fn user_centre_codes_decide_and_a_missing_code_is_named() {
    let (server, client) = mock_client().await;
    answer(
        &server,
        "/front/probe",
        ResponseTemplate::new(200)
            .set_body_json(json!({"code": 500, "msg": "", "error": "db down"})),
    )
    .await;
    match client
        .send(&ProbeBPost {}, Some(&token()))
        .await
        .unwrap_err()
    {
        ApiError::Business { code, message, .. } => {
            assert_eq!(code, "500");
            assert_eq!(message, "db down");
        }
        other => panic!("expected a business error, got {other:?}"),
    }

    let (server, client) = mock_client().await;
    answer(
        &server,
        "/front/probe",
        ResponseTemplate::new(200).set_body_json(json!({"data": {}})),
    )
    .await;
    match client
        .send(&ProbeBPost {}, Some(&token()))
        .await
        .unwrap_err()
    {
        ApiError::Decode { path, .. } => assert_eq!(path, "code"),
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_planner_answer_without_error_is_named() {
    let (server, client) = mock_client().await;
    answer(
        &server,
        "/srv/v1/probe",
        ResponseTemplate::new(200).set_body_json(json!({"uid": "1"})),
    )
    .await;
    match client.send(&ProbeC {}, None).await.unwrap_err() {
        ApiError::Decode { path, .. } => assert_eq!(path, "error"),
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[tokio::test]
async fn gets_are_retried_after_a_5xx_and_posts_never() {
    let (server, client) = mock_client().await;
    Mock::given(method("GET"))
        .and(path("/front/probe"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    answer(
        &server,
        "/front/probe",
        ResponseTemplate::new(200).set_body_json(json!({"code": 0, "data": [1]})),
    )
    .await;
    assert_eq!(
        client.send(&ProbeB { q: 1 }, Some(&token())).await.unwrap(),
        json!([1])
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 2);

    let (server, client) = mock_client().await;
    answer(&server, "/front/probe", ResponseTemplate::new(503)).await;
    let error = client
        .send(&ProbeBPost {}, Some(&token()))
        .await
        .unwrap_err();
    assert_eq!(error.code(), ErrorCode::Http);
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        1,
        "a POST is sent once"
    );
}

#[tokio::test]
async fn a_call_that_needs_a_login_is_refused_before_sending() {
    let (server, client) = mock_client().await;
    let error = client.send(&ProbeB { q: 1 }, None).await.unwrap_err();
    assert_eq!(error.code(), ErrorCode::Unauthorized);
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn no_answer_in_time_is_a_timeout() {
    let server = MockServer::start().await;
    answer(
        &server,
        "/api/probe",
        ResponseTemplate::new(200).set_delay(Duration::from_secs(3)),
    )
    .await;
    let mut config = ClientConfig::single_host(server.uri().parse().unwrap());
    config.timeouts.request = Duration::from_millis(200);
    let client = Client::new(config).unwrap();

    let error = client.send(&ProbeA {}, None).await.unwrap_err();
    assert_eq!(error.code(), ErrorCode::Timeout);
    assert_eq!(error.to_string(), "no answer within 200ms");
    assert!(error.trace().is_some_and(|t| !t.is_empty()));
}

#[tokio::test]
async fn an_unreachable_server_is_a_network_error_in_words() {
    // A port that was just free: nothing listens there.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut config =
        ClientConfig::single_host(format!("http://127.0.0.1:{port}/").parse().unwrap());
    config.retry_base = Duration::from_millis(1);
    let client = Client::new(config).unwrap();

    let error = client
        .send(&ProbeB { q: 1 }, Some(&token()))
        .await
        .unwrap_err();
    assert_eq!(error.code(), ErrorCode::Network);
    assert!(
        error.to_string().to_lowercase().contains("refused"),
        "{error}"
    );
    assert!(!error.to_string().contains(TOKEN));
}
