//! Garbage in: every family answers bad input in its own error envelope (or HTTP 413 for a
//! body that is too large), and never with a 500 or a dropped connection.

// Helpers here panic on purpose: a failed expectation is a failed test.
#![allow(clippy::unwrap_used)]

use lcs_sandbox::{Db, Sandbox};
use reqwest::header::CONTENT_TYPE;
use serde_json::{Value, json};

const MIB: usize = 1024 * 1024;

async fn sandbox() -> Sandbox {
    Sandbox::start(Db::open(None).unwrap(), 0).await.unwrap()
}

/// Sends a request; answers the status and the body as JSON (null when it is not JSON).
async fn send(request: reqwest::RequestBuilder) -> (u16, Value) {
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let body = response.bytes().await.unwrap();
    (status, serde_json::from_slice(&body).unwrap_or(Value::Null))
}

/// A family A call with all its headers and `body` as it is.
fn customer(
    sandbox: &Sandbox,
    path: &str,
    body: impl Into<reqwest::Body>,
) -> reqwest::RequestBuilder {
    reqwest::Client::new()
        .post(format!("{}{path}", sandbox.base_url()))
        .header("version", "0.0.1")
        .header("companyId", "1")
        .header("trace", "garbage-test")
        .header("lang", "zh-CN")
        .header(CONTENT_TYPE, "application/json")
        .body(body)
}

const A_LOGIN: &str = "api/login/customer.app.CustomerWebApiService.login";
const A_REGISTER: &str = "api/register/customer.app.CustomerWebApiService.register";
const A_CHECK_PHONE: &str = "api/global/customer.app.CustomerWebApiService.checkPhone";

fn assert_customer_failure(status: u16, answer: &Value, what: &str) {
    assert_eq!(status, 200, "{what}: {answer}");
    let code = answer["code"]
        .as_str()
        .unwrap_or_else(|| panic!("{what}: {answer}"));
    assert_ne!(code, "0", "{what}");
    assert_eq!(answer["ok"], false, "{what}");
    assert!(!answer["msg"].as_str().unwrap().is_empty(), "{what}");
}

#[tokio::test]
async fn family_a_answers_garbage_in_its_envelope() {
    let sandbox = sandbox().await;
    let bodies: [(&str, &str, String); 9] = [
        (A_LOGIN, "not JSON", "{\"type\": 2,".into()),
        (A_LOGIN, "an array", "[1, 2, 3]".into()),
        (A_LOGIN, "empty", String::new()),
        (
            A_LOGIN,
            "wrong types",
            json!({"type": "phone", "loginName": 13800000001_i64, "loginPwd": true}).to_string(),
        ),
        (
            A_LOGIN,
            "no credentials",
            json!({"type": 2, "loginName": "13800000001"}).to_string(),
        ),
        (A_REGISTER, "missing fields", json!({"type": 2}).to_string()),
        (
            A_REGISTER,
            "null everywhere",
            json!({"type": null, "loginName": null, "country": null}).to_string(),
        ),
        (
            A_CHECK_PHONE,
            "letters for a phone",
            json!({"phone": "abcdefg"}).to_string(),
        ),
        (
            A_CHECK_PHONE,
            "a number far too long",
            json!({"phone": "9".repeat(5000)}).to_string(),
        ),
    ];
    for (path, what, body) in bodies {
        let (status, answer) = send(customer(&sandbox, path, body)).await;
        assert_customer_failure(status, &answer, what);
    }
    let (status, answer) = send(
        reqwest::Client::new()
            .post(format!("{}{A_LOGIN}", sandbox.base_url()))
            .body("{}"),
    )
    .await;
    assert_customer_failure(status, &answer, "no headers");
}

fn assert_user_center_failure(status: u16, answer: &Value, what: &str) {
    assert_eq!(status, 200, "{what}: {answer}");
    let code = answer["code"]
        .as_i64()
        .unwrap_or_else(|| panic!("{what}: {answer}"));
    assert_ne!(code, 0, "{what}");
    assert!(!answer["msg"].as_str().unwrap().is_empty(), "{what}");
}

#[tokio::test]
async fn family_b_answers_garbage_in_its_envelope() {
    let sandbox = sandbox().await;
    let base = sandbox.base_url();
    let client = reqwest::Client::new();
    for (what, query) in [
        ("nothing", ""),
        ("no password", "?userAccount=13800000001"),
        (
            "encrypt not a flag",
            "?userAccount=13800000001&password=x&encrypt=perhaps",
        ),
        ("bad percent-encoding", "?userAccount=%ZZ%&password=%FF%FE"),
    ] {
        let (status, answer) = send(
            client
                .post(format!("{base}front/account/login/login{query}"))
                .header(CONTENT_TYPE, "application/json")
                .body("{not json"),
        )
        .await;
        assert_user_center_failure(status, &answer, what);
    }
    let (_, session) = send(client.post(format!(
        "{base}front/account/login/login?userAccount=13800000001&password=demo1234"
    )))
    .await;
    let token = session["data"]["token"].as_str().unwrap();
    for (what, path) in [
        (
            "page not a number",
            "front/account/userDeliveryAddress/list?page=abc",
        ),
        (
            "page far past the end",
            "front/account/userDeliveryAddress/list?page=9223372036854775807&size=500",
        ),
        ("size zero", "front/account/userInvoice/list?size=0"),
        (
            "id not a number",
            "front/account/userDeliveryAddress/get?ud_id=one",
        ),
        ("id missing", "front/account/userMessage/get"),
        (
            "default not a flag",
            "front/account/userDeliveryAddress/add?udIsDefault=maybe",
        ),
        (
            "unknown tag",
            "front/account/userDeliveryAddress/add?udTagName=9999",
        ),
        (
            "a date past year 9999",
            "front/account/userDeliveryAddress/list?createTimeStart=99999999999999999-01-01",
        ),
        (
            "an identity card of Chinese characters",
            "front/account/user/saveCertificate?userRealname=张三&userIdcard=一二三四五六",
        ),
    ] {
        let request = if path.contains("/add") || path.contains("/save") {
            client.post(format!("{base}{path}"))
        } else {
            client.get(format!("{base}{path}"))
        };
        let (status, answer) = send(request.bearer_auth(token)).await;
        if what == "page far past the end" {
            assert_eq!(
                (status, &answer["code"]),
                (200, &json!(0)),
                "{what}: {answer}"
            );
            assert_eq!(answer["data"]["items"], json!([]));
        } else {
            assert_user_center_failure(status, &answer, what);
        }
    }
}

fn assert_planner_failure(status: u16, answer: &Value, what: &str) {
    assert_eq!(status, 200, "{what}: {answer}");
    assert_eq!(answer["error"], "12", "{what}: {answer}");
}

#[tokio::test]
async fn family_c_answers_bad_parameters_with_error_12() {
    let sandbox = sandbox().await;
    let base = sandbox.base_url();
    let client = reqwest::Client::new();
    let common = json!({"platid": "2015100011", "vercode": 1, "channel": "1CWR"});
    let with = |extra: Value| {
        let mut body = common.clone();
        body.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        body.to_string()
    };
    for (what, path, body) in [
        ("not JSON", "srv/v1/login", "{\"platid\":".to_owned()),
        ("a string", "srv/v1/login", "\"login\"".to_owned()),
        (
            "no common parameters",
            "srv/v1/login",
            json!({"username": "demo"}).to_string(),
        ),
        (
            "vercode not a number",
            "srv/v1/account",
            json!({"platid": "1", "vercode": "new", "channel": "x"}).to_string(),
        ),
        (
            "no authorization code",
            "srv/v1/login",
            with(json!({"username": "demo", "password": "x"})),
        ),
        ("no refresh token", "srv/v1/refresh", with(json!({}))),
        (
            "refresh token of the wrong type",
            "srv/v1/refresh",
            with(json!({"refresh_token": ["a"]})),
        ),
    ] {
        let (status, answer) = send(
            client
                .post(format!("{base}{path}"))
                .header(CONTENT_TYPE, "application/json")
                .body(body),
        )
        .await;
        assert_planner_failure(status, &answer, what);
    }
    for (what, query) in [
        ("nothing", ""),
        ("vercode not a number", "?platid=1&vercode=x&channel=1"),
        ("no client", "?platid=1&vercode=1&channel=1"),
    ] {
        let (status, answer) = send(client.get(format!("{base}srv/v1/authorization{query}"))).await;
        assert_planner_failure(status, &answer, what);
    }
    let (status, answer) = send(
        client
            .post(format!("{base}srv/v1/pic/upload"))
            .header(CONTENT_TYPE, "text/plain")
            .body("not a form"),
    )
    .await;
    assert_planner_failure(status, &answer, "an upload that is not multipart");
}

#[tokio::test]
async fn bodies_over_a_mebibyte_are_413_but_an_upload_may_be_five() {
    let sandbox = sandbox().await;
    let base = sandbox.base_url();
    let client = reqwest::Client::new();
    let big = "x".repeat(MIB + 1);
    let (status, _) = send(customer(&sandbox, A_LOGIN, big.clone())).await;
    assert_eq!(status, 413, "family A");
    let (status, answer) = send(
        client
            .post(format!("{base}front/account/userDeliveryAddress/add"))
            .body(big.clone()),
    )
    .await;
    assert_eq!(status, 413, "family B, which reads no body: {answer}");
    assert!(answer["error"].is_string());
    let (status, _) = send(
        client
            .post(format!("{base}srv/v1/login"))
            .header(CONTENT_TYPE, "application/json")
            .body(big),
    )
    .await;
    assert_eq!(status, 413, "family C");

    let upload = |size: usize| {
        let mut image = b"\x89PNG\r\n\x1a\n".to_vec();
        image.resize(size, 0);
        let form = reqwest::multipart::Form::new()
            .text("platid", "1")
            .text("vercode", "1")
            .text("channel", "1")
            .text("type", "1")
            .part(
                "file",
                reqwest::multipart::Part::bytes(image)
                    .file_name("avatar.png")
                    .mime_str("image/png")
                    .unwrap(),
            );
        client
            .post(format!("{base}srv/v1/pic/upload"))
            .multipart(form)
    };
    let (status, answer) = send(upload(4 * MIB)).await;
    assert_eq!(status, 200, "a 4 MiB upload is read");
    assert_eq!(answer["error"], "5", "and refused only for want of a token");
    let (status, _) = send(upload(6 * MIB)).await;
    assert_eq!(status, 413);
}
