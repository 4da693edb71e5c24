//! A request never leaves the origin of its family's base: not through a path from the
//! settings, and not through a redirect. Both servers here are real (wiremock); the one that
//! must not be reached counts what it received.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use lcs_api::customer::CheckToken;
use lcs_api::planner::Refresh;
use lcs_api::{ApiError, Client, ClientConfig, ErrorCode, Secret};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A server that answers everything, so a request that reaches it would succeed.
async fn elsewhere() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_string("{}"))
        .mount(&server)
        .await;
    server
}

fn refresh() -> Refresh {
    Refresh {
        refresh_token: Secret::new("rt-must-stay-home"),
    }
}

async fn assert_untouched(server: &MockServer) {
    let received = server.received_requests().await.expect("recording is on");
    assert!(received.is_empty(), "{} requests leaked", received.len());
}

#[tokio::test]
async fn a_refresh_path_that_names_another_host_is_refused_before_sending() {
    let (home, _) = support::mock_client().await;
    let other = elsewhere().await;
    let other_host = other.address().to_string();
    // Paths that URL joining turns into another host (a backslash counts as a slash in http
    // URLs), as a hand-edited settings file could carry them past validation.
    let escapes = [
        format!("/http://{other_host}/r"),
        format!("/\\\\{other_host}/r"),
        format!("/\\/{other_host}/r"),
    ];
    for path in escapes {
        let mut config = ClientConfig::single_host(home.uri().parse().unwrap());
        config.planner_refresh_path = path.clone();
        let client = Client::new(config).unwrap();

        let error = client.send(&refresh(), None).await.unwrap_err();

        assert_eq!(error.code(), ErrorCode::InvalidInput, "{path}: {error}");
        assert!(
            matches!(error, ApiError::InvalidInput { field: "path", .. }),
            "{path}: {error:?}"
        );
    }
    assert_untouched(&other).await;
    assert_untouched(&home).await;
}

#[tokio::test]
async fn a_path_under_the_base_still_goes_to_the_base() {
    let (home, _) = support::mock_client().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_string(include_str!("fixtures/planner_refresh.json")),
        )
        .mount(&home)
        .await;
    let mut config = ClientConfig::single_host(home.uri().parse().unwrap());
    config.planner_refresh_path = "/oauth/v2/refresh".into();
    let client = Client::new(config).unwrap();

    client.send(&refresh(), None).await.expect("refreshed");

    let request = support::only_request(&home).await;
    assert_eq!(request.url.path(), "/oauth/v2/refresh");
}

#[tokio::test]
async fn a_redirect_to_another_origin_is_not_followed() {
    let (home, client) = support::mock_client().await;
    let other = elsewhere().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(307)
                .insert_header("Location", format!("{}/stolen", other.uri()).as_str()),
        )
        .with_priority(1)
        .mount(&home)
        .await;

    // Family A's check carries the token header; a 307 would resend it, body and all.
    let error = client
        .send(&CheckToken::default(), Some(&Secret::new(support::TOKEN)))
        .await
        .unwrap_err();

    assert!(
        matches!(error, ApiError::Http { status: 307, .. }),
        "{error:?}"
    );
    assert_untouched(&other).await;
}

#[tokio::test]
async fn a_redirect_within_the_origin_is_followed() {
    let (home, client) = support::mock_client().await;
    Mock::given(wiremock::matchers::path("/moved/checkToken"))
        .respond_with(ResponseTemplate::new(200).set_body_string(
            r#"{"msg":"Success","fail":false,"trace":"t-1","code":"0","data":null,"ok":true}"#,
        ))
        .with_priority(1)
        .mount(&home)
        .await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(307).insert_header("Location", "/moved/checkToken"))
        .with_priority(2)
        .mount(&home)
        .await;

    client
        .send(&CheckToken::default(), Some(&Secret::new(support::TOKEN)))
        .await
        .expect("followed within the origin");

    let received = home.received_requests().await.unwrap();
    assert_eq!(received.len(), 2);
    assert_eq!(received[1].url.path(), "/moved/checkToken");
}
