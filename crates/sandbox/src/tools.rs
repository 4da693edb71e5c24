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

/// The target of a code that can still be used (issued, unexpired, unused), by its send token:
/// for calls that name the code's key but not whom it was sent to.
pub fn code_target(connection: &Connection, send_token: &str) -> rusqlite::Result<Option<String>> {
    connection
        .query_row(
            "SELECT target FROM sms_codes WHERE send_token = ?1 AND used = 0 AND expires_at > ?2",
            params![send_token, now_ms()],
            |row| row.get(0),
        )
        .optional()
}

/// The send token of the newest code that can still be used for `target`: for clients that
/// key a code by the phone number or e-mail it was sent to rather than by its send token.
pub fn latest_send_token(
    connection: &Connection,
    target: &str,
) -> rusqlite::Result<Option<String>> {
    connection
        .query_row(
            "SELECT send_token FROM sms_codes WHERE target = ?1 AND used = 0 AND expires_at > ?2
             ORDER BY expires_at DESC LIMIT 1",
            params![target, now_ms()],
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
    if parts.next().is_some() || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
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

#[cfg(test)]
mod tests {
    use super::{iso_utc, parse_time_ms};

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
    }
}
