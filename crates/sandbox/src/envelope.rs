//! Answers in each family's envelope, as the seeds show them.

use axum::Json;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
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
    /// A session, e-mail link, retrieval or temporary token that is unknown, used or expired.
    TokenInvalid,
    /// checkToken's body `token` is no e-mail link token the sandbox issued (a session token
    /// included): the same code as [`CustomerFailure::TokenInvalid`], but never HTTP 401, the
    /// session in the header being another matter.
    LinkTokenInvalid,
    /// No customer has this phone number or e-mail address.
    NoSuchAccount,
    /// firstSetLoginPwd for an account that already has a password.
    PasswordAlreadySet,
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
            CustomerFailure::TokenInvalid | CustomerFailure::LinkTokenInvalid => {
                ("10005", "token 无效或已过期".into())
            }
            CustomerFailure::NoSuchAccount => ("10006", "该账号未注册".into()),
            CustomerFailure::PasswordAlreadySet => ("10007", "登录密码已设置".into()),
        }
    }
}

/// Family C's error codes, as the seed's table names them (the ones the sandbox answers).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlannerError {
    WrongCode,
    CodeExpired,
    WrongOldPassword,
    TokenInvalid,
    NoSuchUser,
    WrongPassword,
    UnknownClient,
    WrongClientSecret,
    WrongAuthorizationCode,
    BadParameters,
    AccountExists,
    PasswordNotSet,
    BadImage,
    EmptyImage,
    CodeUsed,
    EmailRegistered,
    Kicked,
    BadPhoneNumber,
    ServerError,
}

impl PlannerError {
    fn code_and_message(self) -> (&'static str, &'static str) {
        match self {
            PlannerError::WrongCode => ("1", "验证码错误"),
            PlannerError::CodeExpired => ("2", "验证码过期"),
            PlannerError::WrongOldPassword => ("4", "旧密码错误"),
            PlannerError::TokenInvalid => ("5", "token失效"),
            PlannerError::NoSuchUser => ("7", "用户名不存在"),
            PlannerError::WrongPassword => ("8", "密码错误"),
            PlannerError::UnknownClient => ("9", "client_id不存在"),
            PlannerError::WrongClientSecret => ("10", "client_secret错误"),
            PlannerError::WrongAuthorizationCode => ("11", "授权码错误"),
            PlannerError::BadParameters => ("12", "参数错误"),
            PlannerError::AccountExists => ("14", "该账户已经存在"),
            PlannerError::PasswordNotSet => ("15", "密码未设置"),
            PlannerError::BadImage => ("18", "图片格式错误"),
            PlannerError::EmptyImage => ("19", "图片为空"),
            PlannerError::CodeUsed => ("23", "验证码已使用"),
            PlannerError::EmailRegistered => ("25", "邮箱已经注册"),
            PlannerError::Kicked => ("30", "多端登录账户被踢出"),
            PlannerError::BadPhoneNumber => ("34", "手机号格式错误"),
            PlannerError::ServerError => ("50", "服务器异常"),
        }
    }
}

/// Family C's success: the call's own fields beside `error` "0", no envelope.
pub fn planner_ok(fields: Value) -> Json<Value> {
    let mut answer = match fields {
        Value::Object(map) => map,
        _ => serde_json::Map::new(),
    };
    answer.insert("error".into(), json!("0"));
    Json(Value::Object(answer))
}

/// Family C's failure: `error` with the seed's message in `message`. A token that no longer
/// works also says `token_status` 2 (invalid).
pub fn planner_fail(error: PlannerError) -> Json<Value> {
    let (code, message) = error.code_and_message();
    let mut answer = json!({"error": code, "message": message, "reason": ""});
    if matches!(error, PlannerError::TokenInvalid | PlannerError::Kicked) {
        answer["token_status"] = json!("2");
    }
    Json(answer)
}

/// Family C's bad-parameter failure (12), its `reason` naming the parameter.
pub fn planner_bad_parameter(reason: String) -> Json<Value> {
    let Json(mut answer) = planner_fail(PlannerError::BadParameters);
    answer["reason"] = Value::String(reason);
    Json(answer)
}

/// Family B's envelope, `{code, data, error, msg, status}`: `code` 0 is success, `status`
/// mirrors the HTTP status.
pub fn user_center_ok(data: Value) -> Response {
    Json(json!({
        "code": 0,
        "data": data,
        "error": null,
        "msg": "success",
        "status": 200,
    }))
    .into_response()
}

/// Family B's failures. Business errors travel as HTTP 200 with a non-zero `code`, as the
/// seed's envelope suggests; a missing or dead session is HTTP 401, as the seed documents for
/// every call.
pub fn user_center_fail(failure: &UserCenterFailure) -> Response {
    let (status, code, error) = failure.code_and_key();
    let body = Json(json!({
        "code": code,
        "data": null,
        "error": error,
        "msg": failure.to_string(),
        "status": status.as_u16(),
    }));
    (status, body).into_response()
}

/// The sandbox's family B business codes; the seed documents none, so these are its own:
///
/// | code | HTTP | meaning |
/// |---|---|---|
/// | 401 | 401 | no session, or the token is unknown or logged out |
/// | 1001 | 200 | wrong account or password |
/// | 1002 | 200 | wrong, expired or used verification code |
/// | 1003 | 200 | the WeChat QR code expired or was used already |
/// | 1004 | 200 | not found (or not yours) |
/// | 1005 | 200 | already exists (an account, a bound mobile number) |
/// | 1400 | 200 | a bad or missing parameter, an unknown sort or search column |
/// | 1500 | 500 | the sandbox's database failed |
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UserCenterFailure {
    #[error("请先登录")]
    Unauthorized,
    #[error("账号或密码错误")]
    WrongPassword,
    #[error("验证码错误或已过期")]
    WrongCode,
    #[error("二维码已失效，请刷新")]
    QrCodeExpired,
    #[error("{0}不存在")]
    NotFound(&'static str),
    #[error("{0}已存在")]
    Exists(&'static str),
    #[error("参数错误: {0}")]
    BadParameter(String),
    #[error("sandbox database error")]
    Database,
}

impl UserCenterFailure {
    fn code_and_key(&self) -> (StatusCode, i64, &'static str) {
        match self {
            Self::Unauthorized => (StatusCode::UNAUTHORIZED, 401, "unauthorized"),
            Self::WrongPassword => (StatusCode::OK, 1001, "wrong_password"),
            Self::WrongCode => (StatusCode::OK, 1002, "wrong_code"),
            Self::QrCodeExpired => (StatusCode::OK, 1003, "qr_code_expired"),
            Self::NotFound(_) => (StatusCode::OK, 1004, "not_found"),
            Self::Exists(_) => (StatusCode::OK, 1005, "already_exists"),
            Self::BadParameter(_) => (StatusCode::OK, 1400, "bad_parameter"),
            Self::Database => (StatusCode::INTERNAL_SERVER_ERROR, 1500, "database"),
        }
    }
}

impl From<rusqlite::Error> for UserCenterFailure {
    fn from(error: rusqlite::Error) -> Self {
        tracing::error!(%error, "sandbox database");
        Self::Database
    }
}
