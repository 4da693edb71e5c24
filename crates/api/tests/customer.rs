//! Family A: for every call, the exact request it sends and the seed's example answer decoded.

mod support;

use lcs_api::customer::*;
use lcs_api::{Secret, password_md5};
use serde_json::json;
use support::*;
use wiremock::matchers::{method, path};
use wiremock::{Mock, ResponseTemplate};

/// Seed 001's example answer to login, verbatim.
const LOGIN_ANSWER: &str = include_str!("fixtures/customer_login.json");

#[tokio::test]
async fn a1_login_by_phone_and_password() {
    let (server, client) = mock_client().await;
    Mock::given(method("POST"))
        .and(path("/api/login/customer.app.CustomerWebApiService.login"))
        .respond_with(ResponseTemplate::new(200).set_body_string(LOGIN_ANSWER))
        .mount(&server)
        .await;

    let customer = client
        .send(
            &Login {
                login_type: LoginType::Phone,
                phone_area: Some("+86".into()),
                login_name: "13429837442".into(),
                device: Device::H5,
                is_third: false,
                verify_code: None,
                send_token: None,
                login_pwd: Some(password_md5(&Secret::new("secret-pw"))),
                bind_third_user_id: None,
                third_source: None,
                google_code: None,
            },
            None,
        )
        .await
        .expect("login");

    let request = only_request(&server).await;
    assert_customer_headers(&request, None);
    assert_eq!(
        body_json(&request),
        json!({
            "type": 2,
            "phoneArea": "+86",
            "loginName": "13429837442",
            "device": 1,
            "isThird": false,
            "loginPwd": password_md5(&Secret::new("secret-pw")).expose(),
        })
    );
    assert_eq!(customer.customer_no.as_deref(), Some("86001175"));
    assert_eq!(
        customer.token.as_ref().map(Secret::expose),
        Some("a541f9d5-2507-42b3-b790-59e1f755c380app")
    );
    assert_eq!(customer.account_list.len(), 2);
    assert_eq!(customer.account_list[1].currency.as_deref(), Some("BTC"));
    assert_eq!(
        customer.account_list[0].balance.as_deref(),
        Some("2904321.4696")
    );
}
