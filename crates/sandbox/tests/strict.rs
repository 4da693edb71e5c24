//! The sandbox holds requests to the seeds' parameter tables: what a server that follows the
//! seeds would refuse, it refuses with the family's own error, naming the parameter.

// Helpers here panic on purpose: a failed expectation is a failed test.
#![allow(clippy::unwrap_used)]

use lcs_sandbox::{Db, Sandbox};
use reqwest::RequestBuilder;
use serde_json::{Value, json};

const A1_LOGIN: &str = "api/login/customer.app.CustomerWebApiService.login";

async fn sandbox() -> Sandbox {
    Sandbox::start(Db::open(None).unwrap(), 0).await.unwrap()
}

async fn answer(request: RequestBuilder) -> Value {
    request.send().await.unwrap().json().await.unwrap()
}

/// A1 with family A's four headers but the ones in `leave_out`.
fn customer_login(sandbox: &Sandbox, body: Value, leave_out: &str) -> RequestBuilder {
    let mut request = reqwest::Client::new().post(format!("{}{A1_LOGIN}", sandbox.base_url()));
    for (name, value) in [
        ("version", "1.0.0"),
        ("companyId", "1"),
        ("trace", "trace-1"),
        ("lang", "zh-CN"),
    ] {
        if name != leave_out {
            request = request.header(name, value);
        }
    }
    request.json(&body)
}

fn password_login_body() -> Value {
    json!({
        "type": 1,
        "phoneArea": "+86",
        "loginName": "13800000000",
        "device": 1,
        "isThird": false,
        "loginPwd": "0123456789abcdef0123456789abcdef",
    })
}

#[tokio::test]
async fn family_a_refuses_an_unknown_body_parameter_by_name() {
    let sandbox = sandbox().await;
    let mut body = password_login_body();
    body["nickname"] = json!("someone");
    let answer = answer(customer_login(&sandbox, body, "")).await;
    assert_eq!(answer["code"], "40002", "{answer}");
    assert_eq!(answer["fail"], true);
    assert!(
        answer["msg"].as_str().unwrap().contains("nickname"),
        "{answer}"
    );
}

#[tokio::test]
async fn family_a_refuses_a_parameter_of_the_wrong_type_by_name() {
    let sandbox = sandbox().await;
    let mut body = password_login_body();
    body["device"] = json!("1");
    let answer = answer(customer_login(&sandbox, body, "")).await;
    assert_eq!(answer["code"], "40002", "{answer}");
    assert!(
        answer["msg"].as_str().unwrap().contains("device"),
        "{answer}"
    );
}

#[tokio::test]
async fn family_a_requires_each_of_its_four_headers() {
    let sandbox = sandbox().await;
    for header in ["version", "companyId", "trace", "lang"] {
        let answer = answer(customer_login(&sandbox, password_login_body(), header)).await;
        assert_eq!(answer["code"], "40001", "{header}: {answer}");
        assert!(answer["msg"].as_str().unwrap().contains(header), "{answer}");
    }
}

/// B22, which needs no session.
async fn user_center_protocol(sandbox: &Sandbox, query: &str) -> Value {
    answer(reqwest::Client::new().get(format!(
        "{}front/account/login/protocol?{query}",
        sandbox.base_url()
    )))
    .await
}

#[tokio::test]
async fn family_b_refuses_an_unknown_query_parameter_by_name() {
    let sandbox = sandbox().await;
    let answer = user_center_protocol(&sandbox, "document_type=privacy&lang=en").await;
    assert_eq!(answer["code"], 1400, "{answer}");
    assert!(answer["msg"].as_str().unwrap().contains("lang"), "{answer}");
}

#[tokio::test]
async fn family_b_refuses_a_parameter_of_the_wrong_type_by_name() {
    let sandbox = sandbox().await;
    let answer = user_center_protocol(&sandbox, "document_type=privacy&state=first").await;
    assert_eq!(answer["code"], 1400, "{answer}");
    assert!(
        answer["msg"].as_str().unwrap().contains("state"),
        "{answer}"
    );
}

#[tokio::test]
async fn family_b_takes_its_token_as_a_query_parameter_and_the_documented_ones() {
    let sandbox = sandbox().await;
    let answer = user_center_protocol(&sandbox, "document_type=privacy&state=1&token=t").await;
    assert_eq!(answer["code"], 0, "{answer}");
}

/// C7, whose parameters travel in the query, with the common ones but `leave_out`.
async fn planner_check_phone(sandbox: &Sandbox, leave_out: &str) -> Value {
    let query: Vec<(&str, &str)> = [
        ("platid", "2015100011"),
        ("vercode", "1"),
        ("channel", "0ASE"),
        ("authorizationcode", "none"),
        ("phonenumber", "13800000000"),
    ]
    .into_iter()
    .filter(|(name, _)| *name != leave_out)
    .collect();
    answer(
        reqwest::Client::new()
            .get(format!("{}srv/v1/checkPhonenumber", sandbox.base_url()))
            .query(&query),
    )
    .await
}

#[tokio::test]
async fn family_c_requires_each_common_parameter_by_name() {
    let sandbox = sandbox().await;
    for common in ["platid", "vercode", "channel"] {
        let answer = planner_check_phone(&sandbox, common).await;
        assert_eq!(answer["error"], "12", "{common}: {answer}");
        assert!(
            answer["reason"].as_str().unwrap().contains(common),
            "{answer}"
        );
    }
    // With all three the call goes on to its own checks: the authorization code is wrong.
    assert_eq!(planner_check_phone(&sandbox, "").await["error"], "11");
}

#[tokio::test]
async fn family_c_refuses_a_parameter_of_the_wrong_type_by_name() {
    let sandbox = sandbox().await;
    let answer = answer(
        reqwest::Client::new()
            .post(format!("{}srv/v1/login", sandbox.base_url()))
            .json(&json!({
                "platid": "2015100011",
                "vercode": "1",
                "channel": "0ASE",
                "username": "demo",
                "password": "secret",
                "authorizationcode": "none",
            })),
    )
    .await;
    assert_eq!(answer["error"], "12", "{answer}");
    assert!(
        answer["reason"].as_str().unwrap().contains("vercode"),
        "{answer}"
    );
}
