//! Sandbox-only helpers under `/__sandbox/`: what a real backend does out of band (sending an
//! SMS code) made callable, so flows can be tested end to end.

use std::time::{SystemTime, UNIX_EPOCH};

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Json, Router};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::db::Db;

/// How long an SMS code stays valid.
const CODE_TTL_MS: i64 = 5 * 60 * 1000;

pub fn routes() -> Router<Db> {
    Router::new().route("/__sandbox/sms", post(send_code))
}

pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_millis() as i64)
}

/// Who a code was sent to: a phone with its area code, or an e-mail address.
pub fn sms_target(phone: Option<(&str, &str)>, email: Option<&str>) -> String {
    match (phone, email) {
        (Some((area, number)), _) => format!("phone:{}{}", area.trim(), number.trim()),
        (None, Some(email)) => format!("email:{}", email.trim().to_lowercase()),
        (None, None) => String::new(),
    }
}

/// Uses up a code: true when it was issued for `target` with this `send_token`, is unexpired and
/// unused. A code works once.
pub fn consume_code(
    connection: &Connection,
    target: &str,
    send_token: &str,
    code: &str,
) -> rusqlite::Result<bool> {
    let issued: Option<(String, String, i64, bool)> = connection
        .query_row(
            "SELECT target, code, expires_at, used FROM sms_codes WHERE send_token = ?1",
            [send_token],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
        )
        .optional()?;
    let valid = issued.is_some_and(|(for_target, expected, expires_at, used)| {
        for_target == target && expected == code && expires_at > now_ms() && !used
    });
    if valid {
        connection.execute(
            "UPDATE sms_codes SET used = 1 WHERE send_token = ?1",
            [send_token],
        )?;
    }
    Ok(valid)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CodeRequest {
    phone_area: Option<String>,
    phone: Option<String>,
    email: Option<String>,
    /// How long the code works, to test expiry; five minutes when absent.
    ttl_ms: Option<i64>,
}

/// `POST /__sandbox/sms` with `{phoneArea, phone}` or `{email}` (and optionally `ttlMs`):
/// issues a 6-digit code and its `sendToken`, answers both and prints the code in the log, as a
/// tester would read an SMS.
async fn send_code(
    State(db): State<Db>,
    Json(request): Json<CodeRequest>,
) -> (StatusCode, Json<Value>) {
    let phone = request.phone.as_deref().filter(|p| !p.trim().is_empty());
    let area = request.phone_area.as_deref().unwrap_or("+86");
    let target = sms_target(phone.map(|p| (area, p)), request.email.as_deref());
    if target.is_empty() {
        return (
            StatusCode::BAD_REQUEST,
            Json(json!({"error": "give phone (with phoneArea) or email"})),
        );
    }
    let ttl_ms = request.ttl_ms.unwrap_or(CODE_TTL_MS);
    let code = format!("{:06}", fastrand::u32(0..1_000_000));
    let send_token = uuid::Uuid::new_v4().to_string();
    let inserted = db.lock().execute(
        "INSERT INTO sms_codes (send_token, target, code, expires_at) VALUES (?1, ?2, ?3, ?4)",
        params![send_token, target, code, now_ms() + ttl_ms],
    );
    if let Err(error) = inserted {
        return (
            StatusCode::INTERNAL_SERVER_ERROR,
            Json(json!({"error": error.to_string()})),
        );
    }
    tracing::info!(%target, %code, "sandbox SMS code issued");
    (
        StatusCode::OK,
        Json(json!({"code": code, "sendToken": send_token, "expiresInSeconds": ttl_ms / 1000})),
    )
}
