//! Answers in each family's envelope, as the seeds show them.

use axum::Json;
use axum::http::HeaderMap;
use serde_json::{Value, json};

/// Family A's envelope. The trace echoes the request's `trace` header, as the real servers do.
pub fn customer_ok(headers: &HeaderMap, data: Value) -> Json<Value> {
    Json(json!({
        "code": "0",
        "msg": "Success",
        "ok": true,
        "fail": false,
        "data": data,
        "trace": trace_of(headers),
        "bizCode": "",
        "tm": 1,
        "msgParams": null,
    }))
}

pub fn customer_fail(headers: &HeaderMap, failure: CustomerFailure) -> Json<Value> {
    let (code, msg) = failure.code_and_message();
    Json(json!({
        "code": code,
        "msg": msg,
        "ok": false,
        "fail": true,
        "data": null,
        "trace": trace_of(headers),
        "bizCode": code,
        "tm": 1,
        "msgParams": null,
    }))
}

fn trace_of(headers: &HeaderMap) -> String {
    headers
        .get("trace")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

/// The sandbox's family A business codes; the seeds document none, so these are its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CustomerFailure {
    MissingHeader(&'static str),
    BadRequest(String),
    WrongCredentials,
    CredentialsRequired,
    WrongCode,
    AccountExists,
    Unsupported(&'static str),
}

impl CustomerFailure {
    fn code_and_message(&self) -> (&'static str, String) {
        match self {
            CustomerFailure::MissingHeader(name) => ("40001", format!("missing header: {name}")),
            CustomerFailure::BadRequest(why) => ("40002", format!("bad request: {why}")),
            CustomerFailure::WrongCredentials => ("10001", "账号或密码错误".into()),
            CustomerFailure::CredentialsRequired => ("10002", "请输入密码或验证码".into()),
            CustomerFailure::WrongCode => ("10003", "验证码错误或已过期".into()),
            CustomerFailure::AccountExists => ("10004", "该账号已注册".into()),
            CustomerFailure::Unsupported(what) => {
                ("10009", format!("the sandbox does not support {what}"))
            }
        }
    }
}
