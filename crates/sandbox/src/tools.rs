//! Sandbox-only helpers under `/__sandbox/`: what a real backend does out of band (sending an
//! SMS code) made callable, so flows can be tested end to end, and the tester's levers (expire
//! a token, reset the demo data). Their answers are plain JSON; a bad request is HTTP 400 with
//! `{error}` in words.

use std::time::{SystemTime, UNIX_EPOCH};

use axum::body::Bytes;
use axum::extract::{FromRef, FromRequest, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use crate::calls::Calls;
use crate::db::Db;
use crate::faults::Faults;

/// How long an SMS code stays valid.
const CODE_TTL_MS: i64 = 5 * 60 * 1000;

/// The helpers of this module: SMS codes, expiring a token, resetting the demo data.
pub fn routes() -> Router<Helpers> {
    Router::new()
        .route("/__sandbox/sms", post(send_code).get(sent_codes))
        .route("/__sandbox/expire", post(expire))
        .route("/__sandbox/reset", post(reset))
}

pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_millis() as i64)
}

/// Who a code was sent to: a phone with its area code (`+86`, `86` and `0086` alike), or an
/// e-mail address.
pub fn sms_target(phone: Option<(&str, &str)>, email: Option<&str>) -> String {
    match (phone, email) {
        (Some((area, number)), _) => {
            let area = area.trim();
            let digits = area
                .strip_prefix('+')
                .or_else(|| area.strip_prefix("00"))
                .unwrap_or(area);
            format!("phone:+{digits}{}", number.trim())
        }
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

/// The target of a code by its send token, if the sandbox issued one with it (used or
/// expired, too): for calls that name the code's key but not whom it was sent to.
pub fn issued_target(
    connection: &Connection,
    send_token: &str,
) -> rusqlite::Result<Option<String>> {
    connection
        .query_row(
            "SELECT target FROM sms_codes WHERE send_token = ?1",
            [send_token],
            |row| row.get(0),
        )
        .optional()
}

/// Milliseconds since the epoch as ISO 8601 in UTC (`2026-11-29T20:33:00Z`), the seeds' format
/// for times.
pub fn iso_utc(ms: i64) -> String {
    let seconds = ms.div_euclid(1000);
    let (days, in_day) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        in_day / 3600,
        in_day % 3600 / 60,
        in_day % 60
    )
}

/// A time as clients write it: epoch milliseconds, `yyyy-MM-dd`, or `yyyy-MM-dd HH:mm:ss`
/// (also with `T` and a trailing `Z`), read as UTC. A bare date is its first millisecond, or
/// its last when `end_of_day`, so a date range includes its last day.
pub fn parse_time_ms(text: &str, end_of_day: bool) -> Option<i64> {
    let text = text.trim();
    if let Ok(ms) = text.parse::<i64>() {
        return Some(ms);
    }
    let text = text.trim_end_matches('Z');
    let (date, time) = match text.split_once(['T', ' ']) {
        Some((date, time)) => (date, Some(time)),
        None => (text, None),
    };
    let mut parts = date.split('-').map(|p| p.parse::<i64>().ok());
    let (year, month, day) = (parts.next()??, parts.next()??, parts.next()??);
    // Years past 9999 would overflow the arithmetic below; no client means them.
    if parts.next().is_some()
        || !(0..=9999).contains(&year)
        || !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
    {
        return None;
    }
    let day_ms = days_from_civil(year, month, day) * 86_400_000;
    let Some(time) = time else {
        return Some(if end_of_day {
            day_ms + 86_399_999
        } else {
            day_ms
        });
    };
    let mut parts = time.split(':').map(|p| p.parse::<f64>().ok());
    let hours = parts.next()??;
    let minutes = parts.next().unwrap_or(Some(0.0))?;
    let seconds = parts.next().unwrap_or(Some(0.0))?;
    if !(0.0..24.0).contains(&hours)
        || !(0.0..60.0).contains(&minutes)
        || !(0.0..61.0).contains(&seconds)
    {
        return None;
    }
    Some(day_ms + ((hours * 3600.0 + minutes * 60.0 + seconds) * 1000.0) as i64)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The date of a day count since 1970-01-01, the inverse of [`days_from_civil`].
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// A helper's failure, answered as its HTTP status with `{error}` in words.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct HelperError {
    status: StatusCode,
    message: String,
}

impl HelperError {
    pub fn bad(message: impl Into<String>) -> Self {
        Self {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
        }
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self {
            status: StatusCode::NOT_FOUND,
            message: message.into(),
        }
    }

    pub fn conflict(message: impl Into<String>) -> Self {
        Self {
            status: StatusCode::CONFLICT,
            message: message.into(),
        }
    }
}

impl From<rusqlite::Error> for HelperError {
    fn from(error: rusqlite::Error) -> Self {
        tracing::error!(%error, "sandbox database");
        Self {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: format!("sandbox database error: {error}"),
        }
    }
}

impl From<crate::db::DbError> for HelperError {
    fn from(error: crate::db::DbError) -> Self {
        tracing::error!(%error, "sandbox database");
        Self {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: error.to_string(),
        }
    }
}

impl IntoResponse for HelperError {
    fn into_response(self) -> Response {
        (self.status, Json(json!({"error": self.message}))).into_response()
    }
}

/// A helper's JSON body. Unlike axum's `Json`, any content type is accepted, an empty body
/// counts as `{}`, and a bad body is HTTP 400 with `{error}` saying what is wrong.
pub struct HelperJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for HelperJson<T> {
    type Rejection = HelperError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let body = Bytes::from_request(request, state)
            .await
            .map_err(|rejection| HelperError {
                status: rejection.status(),
                message: rejection.body_text(),
            })?;
        let body: &[u8] = if body.iter().all(u8::is_ascii_whitespace) {
            b"{}"
        } else {
            &body
        };
        serde_json::from_slice(body)
            .map(HelperJson)
            .map_err(|error| HelperError::bad(format!("bad request body: {error}")))
    }
}

/// The state of the helpers that span the whole sandbox: its data, its armed faults and its
/// count of calls.
#[derive(Clone)]
pub struct Helpers {
    pub db: Db,
    pub faults: Faults,
    pub calls: Calls,
}

impl FromRef<Helpers> for Db {
    fn from_ref(helpers: &Helpers) -> Self {
        helpers.db.clone()
    }
}

/// The body of `POST /__sandbox/sms`: `target`, or the older `{phoneArea, phone}` or `{email}`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CodeRequest {
    target: Option<String>,
    phone_area: Option<String>,
    phone: Option<String>,
    email: Option<String>,
    /// How long the code works, to test expiry; five minutes when absent.
    ttl_ms: Option<i64>,
}

/// Country calling codes of one and two digits. The codes are prefix-free, so a number
/// written without a space after its code (`+8613800000001`) splits unambiguously: any code
/// not listed here has three digits.
const SHORT_AREA_CODES: &[&str] = &[
    "1", "7", "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45",
    "46", "47", "48", "49", "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63",
    "64", "65", "66", "81", "82", "84", "86", "90", "91", "92", "93", "94", "95", "98",
];

/// The SMS target a helper's `target` names: an e-mail address, or a phone number with its
/// area code (`+86 13800000001`, `+8613800000001`) or without (then +86).
fn parse_target(target: &str) -> Result<String, HelperError> {
    let target = target.trim();
    if target.contains('@') {
        return Ok(sms_target(None, Some(target)));
    }
    let invalid = || {
        HelperError::bad(format!(
            "target {target:?} is neither an e-mail address nor a phone number \
             (+86 13800000001, +8613800000001 or 13800000001)"
        ))
    };
    let digits_only = |text: &str| {
        let text: String = text.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
        (text.len() >= 5 && text.chars().all(|c| c.is_ascii_digit()))
            .then_some(text)
            .ok_or_else(invalid)
    };
    let Some(international) = target.strip_prefix('+') else {
        return Ok(sms_target(Some(("+86", &digits_only(target)?)), None));
    };
    let (area, number) = match international.split_once([' ', '-']) {
        Some((area, number)) => (area.to_owned(), digits_only(number)?),
        None => {
            let all = digits_only(international)?;
            let length = SHORT_AREA_CODES
                .iter()
                .find(|code| all.starts_with(*code))
                .map_or(3, |code| code.len());
            (all[..length].to_owned(), digits_only(&all[length..])?)
        }
    };
    if area.is_empty() || area.len() > 3 || !area.chars().all(|c| c.is_ascii_digit()) {
        return Err(invalid());
    }
    Ok(sms_target(Some((&format!("+{area}"), &number)), None))
}

/// The longest a code may be asked to live: a day.
const MAX_CODE_TTL_MS: i64 = 24 * 60 * 60 * 1000;

/// `POST /__sandbox/sms` with `{target}` (or `{phoneArea, phone}`, or `{email}`; optionally
/// `ttlMs`): issues a 6-digit code and its `sendToken`, answers both and prints the code in the
/// log, as a tester would read an SMS.
async fn send_code(
    State(db): State<Db>,
    HelperJson(request): HelperJson<CodeRequest>,
) -> Result<Json<Value>, HelperError> {
    let target = match request.target.as_deref() {
        Some(target) => parse_target(target)?,
        None => {
            let phone = request.phone.as_deref().filter(|p| !p.trim().is_empty());
            let area = request.phone_area.as_deref().unwrap_or("+86");
            sms_target(phone.map(|p| (area, p)), request.email.as_deref())
        }
    };
    if target.is_empty() {
        return Err(HelperError::bad(
            "give target (a phone number or an e-mail address)",
        ));
    }
    let ttl_ms = request.ttl_ms.unwrap_or(CODE_TTL_MS);
    if !(0..=MAX_CODE_TTL_MS).contains(&ttl_ms) {
        return Err(HelperError::bad(format!(
            "ttlMs must be 0 to {MAX_CODE_TTL_MS} (a day)"
        )));
    }
    let code = format!("{:06}", fastrand::u32(0..1_000_000));
    let send_token = uuid::Uuid::new_v4().to_string();
    db.lock().execute(
        "INSERT INTO sms_codes (send_token, target, code, expires_at) VALUES (?1, ?2, ?3, ?4)",
        params![send_token, target, code, now_ms() + ttl_ms],
    )?;
    tracing::info!(%target, %code, "sandbox SMS code issued");
    Ok(Json(
        json!({"code": code, "sendToken": send_token, "expiresInSeconds": ttl_ms / 1000}),
    ))
}

/// `GET /__sandbox/sms`: the twenty newest codes, oldest first, with their targets, as a
/// tester's phone would show them; for codes sent by the app, whose answer the app keeps.
async fn sent_codes(State(db): State<Db>) -> Result<Json<Value>, HelperError> {
    let connection = db.lock();
    let mut statement = connection.prepare(
        "SELECT target, code, expires_at, used FROM sms_codes ORDER BY rowid DESC LIMIT 20",
    )?;
    let mut codes = statement
        .query_map([], |row| {
            Ok(json!({
                "target": row.get::<_, String>(0)?,
                "code": row.get::<_, String>(1)?,
                "expiresAt": row.get::<_, i64>(2)?,
                "used": row.get::<_, bool>(3)?,
            }))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    codes.reverse();
    Ok(Json(Value::Array(codes)))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpireRequest {
    token: String,
}

/// `POST /__sandbox/expire` with `{token}`: that token stops working now, whichever family
/// issued it (A's session or one-time token, B's session, C's access or refresh token); 404
/// when no family knows it. A C access token expires alone, so the client can still refresh.
async fn expire(
    State(db): State<Db>,
    HelperJson(request): HelperJson<ExpireRequest>,
) -> Result<Json<Value>, HelperError> {
    let token = request.token.trim();
    if token.is_empty() {
        return Err(HelperError::bad("token must not be empty"));
    }
    let connection = db.lock();
    let now = now_ms();
    let customer = connection.execute(
        "DELETE FROM sessions WHERE token = ?1 OR r_token = ?1",
        [token],
    )? + connection.execute(
        "UPDATE customer_tickets SET used = 1 WHERE token = ?1",
        [token],
    )?;
    let user_center = connection.execute("DELETE FROM uc_sessions WHERE token = ?1", [token])?;
    let planner = connection.execute(
        "UPDATE planner_sessions SET access_expires_at = MIN(access_expires_at, ?2),
                                     refresh_soon_at = MIN(refresh_soon_at, ?2)
         WHERE access_token = ?1",
        params![token, now],
    )? + connection.execute(
        "UPDATE planner_sessions SET refresh_expires_at = MIN(refresh_expires_at, ?2)
         WHERE refresh_token = ?1",
        params![token, now],
    )?;
    let families: Vec<&str> = [("A", customer), ("B", user_center), ("C", planner)]
        .into_iter()
        .filter(|(_, rows)| *rows > 0)
        .map(|(family, _)| family)
        .collect();
    if families.is_empty() {
        return Err(HelperError::not_found(
            "no family knows this token (it may have ended already)",
        ));
    }
    tracing::info!(?families, "sandbox token expired");
    Ok(Json(json!({"expired": true, "families": families})))
}

/// `POST /__sandbox/reset`: the demo data as seeded, everything since gone, no fault armed, no
/// call counted.
async fn reset(State(helpers): State<Helpers>) -> Result<Json<Value>, HelperError> {
    helpers.db.reset()?;
    helpers.faults.clear();
    helpers.calls.clear();
    tracing::info!("sandbox reset to its demo data");
    Ok(Json(json!({"reset": true})))
}

#[cfg(test)]
mod tests {
    use super::{iso_utc, parse_target, parse_time_ms, sms_target};

    #[test]
    fn an_area_code_names_one_phone_however_it_is_written() {
        for area in ["+86", "86", "0086", " +86 "] {
            assert_eq!(
                sms_target(Some((area, "13800000001")), None),
                "phone:+8613800000001",
                "{area}"
            );
        }
    }

    #[test]
    fn targets_name_phones_with_or_without_their_area_code_and_e_mail_addresses() {
        let demo = "phone:+8613800000001";
        assert_eq!(parse_target("+86 13800000001").unwrap(), demo);
        assert_eq!(parse_target("+8613800000001").unwrap(), demo);
        assert_eq!(parse_target("13800000001").unwrap(), demo);
        assert_eq!(parse_target("+1 4155550100").unwrap(), "phone:+14155550100");
        assert_eq!(parse_target("+85261234567").unwrap(), "phone:+85261234567");
        assert_eq!(
            parse_target("Demo@LCS.test").unwrap(),
            "email:demo@lcs.test"
        );
        assert!(parse_target("hello").is_err());
        assert!(parse_target("+86").is_err());
    }

    #[test]
    fn times_read_and_write_as_utc() {
        assert_eq!(iso_utc(0), "1970-01-01T00:00:00Z");
        let ms = parse_time_ms("2026-11-29 20:33:05", false).unwrap();
        assert_eq!(iso_utc(ms), "2026-11-29T20:33:05Z");
        assert_eq!(parse_time_ms("2026-11-29T20:33:05Z", false), Some(ms));
        let day = parse_time_ms("2024-02-29", false).unwrap();
        assert_eq!(iso_utc(day), "2024-02-29T00:00:00Z");
        assert_eq!(parse_time_ms("2024-02-29", true), Some(day + 86_399_999));
        assert_eq!(parse_time_ms("yesterday", false), None);
        assert_eq!(parse_time_ms("99999999999999999-01-01", false), None);
        assert_eq!(parse_time_ms("2026-01-01 1e300", false), None);
    }
}
