//! Family C, the financial-planner API (理财师端接口, seed 003): authorization codes for a
//! registered client, planner accounts with one live session each (a new sign-in kicks the old
//! one: error 30), token refresh with rotation, passwords, SMS codes and avatars.
//!
//! Every answer is a bare JSON object with `error` as a numeric string, HTTP 200 throughout.

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Deserialize;
use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};

use crate::db::{DEMO_USERS, Db};
use crate::envelope::{PlannerError, planner_fail, planner_ok};
use crate::tools::{HelperError, HelperJson, now_ms, sms_target};

/// The client registered from the start, for C5 authorization.
pub const PLANNER_CLIENT_ID: &str = "lcs-account";
pub const PLANNER_CLIENT_SECRET: &str = "lcs-sandbox-secret";
/// The demo user's planner user name; it also signs in with `DEMO_PHONE`.
pub const PLANNER_DEMO_USERNAME: &str = "demo";

/// Family C's phone numbers are mainland ones, sent without an area code; SMS codes are
/// issued for them with this one.
const PHONE_AREA: &str = "+86";
/// How long an authorization code works; it may be used for any number of calls until then,
/// since every family C call takes one.
const AUTHORIZATION_CODE_TTL_MS: i64 = 10 * 60 * 1000;
/// The largest avatar accepted, as the client checks too.
const MAX_IMAGE_BYTES: usize = 5 * 1024 * 1024;
/// The upload's path: the one call whose body may be larger than a megabyte.
pub const UPLOAD_PATH: &str = "/srv/v1/pic/upload";
/// The upload's body limit: the image plus room for the text parts and the multipart framing.
pub const UPLOAD_BODY_LIMIT: usize = MAX_IMAGE_BYTES + 64 * 1024;

/// Family C's tables. Token lifetimes live in the database so a tester (or a test) can change
/// them while the sandbox runs.
pub const SCHEMA: &str = "CREATE TABLE planner_clients (
            client_id TEXT PRIMARY KEY,
            secret_sha256 TEXT NOT NULL
        );
        CREATE TABLE planner_authorization_codes (
            code TEXT PRIMARY KEY,
            client_id TEXT NOT NULL REFERENCES planner_clients (client_id) ON DELETE CASCADE,
            expires_at INTEGER NOT NULL
        );
        CREATE TABLE planner_pics (
            id TEXT PRIMARY KEY,
            uid INTEGER NOT NULL,
            pic_type INTEGER NOT NULL,
            content_type TEXT NOT NULL,
            bytes BLOB NOT NULL,
            created_at INTEGER NOT NULL
        );
        CREATE TABLE planner_users (
            uid INTEGER PRIMARY KEY AUTOINCREMENT,
            username TEXT UNIQUE,
            phonenumber TEXT UNIQUE,
            mailaddress TEXT UNIQUE,
            -- Salted SHA-256 of the password; both NULL while the password is not set.
            password_salt TEXT,
            password_sha256 TEXT,
            registersource TEXT NOT NULL DEFAULT '',
            -- The registration's `data` object, as JSON text.
            extra TEXT NOT NULL DEFAULT '{}',
            avatar_pic TEXT REFERENCES planner_pics (id) ON DELETE SET NULL,
            created_at INTEGER NOT NULL
        );
        CREATE TABLE planner_sessions (
            access_token TEXT PRIMARY KEY,
            refresh_token TEXT NOT NULL UNIQUE,
            uid INTEGER NOT NULL REFERENCES planner_users (uid) ON DELETE CASCADE,
            access_expires_at INTEGER NOT NULL,
            -- From here on, calls answer token_status 1 (must be refreshed).
            refresh_soon_at INTEGER NOT NULL,
            refresh_expires_at INTEGER NOT NULL,
            -- NULL while live; else why it ended: kicked, refreshed or password.
            ended TEXT CHECK (ended IN ('kicked', 'refreshed', 'password'))
        );
        CREATE INDEX planner_sessions_by_user ON planner_sessions (uid);
        CREATE TABLE planner_lifetimes (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            access_token_ms INTEGER NOT NULL,
            refresh_soon_ms INTEGER NOT NULL,
            refresh_token_ms INTEGER NOT NULL
        );
        INSERT INTO planner_lifetimes VALUES (1, 7200000, 600000, 2592000000);";

pub fn routes() -> Router<Db> {
    Router::new()
        .route("/srv/v1/authorization", get(authorization))
        .route("/srv/v1/login", post(login))
        .route("/srv/v1/account", post(register))
        .route("/srv/v1/password", post(change_password))
        .route(
            UPLOAD_PATH,
            post(upload_pic).layer(DefaultBodyLimit::max(UPLOAD_BODY_LIMIT)),
        )
        .route("/srv/v1/pic/{id}", get(serve_pic))
        .route("/srv/v1/verifyVerificationCode", get(verify_code))
        .route("/srv/v1/checkPhonenumber", get(check_phonenumber))
        .route("/srv/v1/forgetpassword", post(forget_password))
        .route("/srv/v1/accountDetail", get(account_detail))
        .route("/srv/v1/refresh", post(refresh))
        .route("/__sandbox/planner/lifetimes", post(set_lifetimes))
}

/// The default token lifetimes: access 2 hours, refresh advised in its last 10 minutes,
/// refresh token 30 days.
const DEFAULT_LIFETIMES: Lifetimes = Lifetimes {
    access_token_ms: 7_200_000,
    refresh_soon_ms: 600_000,
    refresh_token_ms: 2_592_000_000,
};

/// The registered client and the demo users, each created once. Their uids are fixed, from
/// 100001 on, so they look like the seed's (and are never 0 or 1) and survive a reset.
pub fn seed(connection: &Connection) -> rusqlite::Result<()> {
    connection.execute(
        "INSERT OR IGNORE INTO planner_clients (client_id, secret_sha256) VALUES (?1, ?2)",
        params![PLANNER_CLIENT_ID, sha256_hex(PLANNER_CLIENT_SECRET)],
    )?;
    for (uid, demo) in (100_001_i64..).zip(DEMO_USERS) {
        let exists: bool = connection.query_row(
            "SELECT EXISTS (SELECT 1 FROM planner_users WHERE phonenumber = ?1)",
            [demo.phone],
            |row| row.get(0),
        )?;
        if !exists {
            let salt = new_salt();
            connection.execute(
                "INSERT INTO planner_users (uid, username, phonenumber, mailaddress, password_salt,
                                            password_sha256, registersource, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'sandbox', ?7)",
                params![
                    uid,
                    demo.planner_username,
                    demo.phone,
                    demo.email,
                    salt,
                    password_hash(&salt, demo.password),
                    now_ms()
                ],
            )?;
        }
    }
    Ok(())
}

/// The token lifetimes back to their defaults, for the sandbox's reset.
pub fn reset_lifetimes(connection: &Connection) -> rusqlite::Result<()> {
    connection.execute(
        "UPDATE planner_lifetimes SET access_token_ms = ?1, refresh_soon_ms = ?2,
                                      refresh_token_ms = ?3",
        params![
            DEFAULT_LIFETIMES.access_token_ms,
            DEFAULT_LIFETIMES.refresh_soon_ms,
            DEFAULT_LIFETIMES.refresh_token_ms
        ],
    )?;
    Ok(())
}

impl From<rusqlite::Error> for PlannerError {
    fn from(error: rusqlite::Error) -> Self {
        tracing::error!(%error, "sandbox database");
        PlannerError::ServerError
    }
}

fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

fn new_salt() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

/// The seed says nothing of hashing, so the client sends passwords as typed; only this
/// salted hash is stored.
fn password_hash(salt: &str, password: &str) -> String {
    sha256_hex(&format!("{salt}:{password}"))
}

fn new_token(prefix: &str) -> String {
    format!("{prefix}-{}", uuid::Uuid::new_v4().simple())
}

/// A call's parameters: the JSON body of a POST, the query string of a GET, the text parts
/// of the upload.
struct Params(Map<String, Value>);

impl Params {
    fn from_body(body: &Bytes) -> Result<Self, PlannerError> {
        match serde_json::from_slice::<Value>(body) {
            Ok(Value::Object(map)) => Ok(Self(map)),
            _ => Err(PlannerError::BadParameters),
        }
    }

    fn from_query(query: HashMap<String, String>) -> Self {
        Self(
            query
                .into_iter()
                .map(|(key, value)| (key, Value::String(value)))
                .collect(),
        )
    }

    /// A non-empty parameter as text; numbers are accepted as their digits.
    fn text(&self, key: &str) -> Option<String> {
        match self.0.get(key)? {
            Value::String(text) => Some(text.trim().to_owned()).filter(|t| !t.is_empty()),
            Value::Number(number) => Some(number.to_string()),
            _ => None,
        }
    }

    /// A password as sent: only empty counts as absent, spaces are part of it.
    fn password(&self, key: &str) -> Option<String> {
        self.0
            .get(key)
            .and_then(Value::as_str)
            .filter(|p| !p.is_empty())
            .map(str::to_owned)
    }

    fn int(&self, key: &str) -> Option<i64> {
        self.text(key).and_then(|t| t.parse().ok())
    }

    /// `platid`, `vercode` and `channel`, which every call carries.
    fn check_common(&self) -> Result<(), PlannerError> {
        match (
            self.text("platid"),
            self.int("vercode"),
            self.text("channel"),
        ) {
            (Some(_), Some(_), Some(_)) => Ok(()),
            _ => Err(PlannerError::BadParameters),
        }
    }

    fn required(&self, key: &str) -> Result<String, PlannerError> {
        self.text(key).ok_or(PlannerError::BadParameters)
    }
}

fn answer(result: Result<Value, PlannerError>) -> Json<Value> {
    match result {
        Ok(fields) => planner_ok(fields),
        Err(error) => planner_fail(error),
    }
}

/// The `authorizationcode` a call carries: issued by C5 and not yet expired (11 otherwise).
fn check_authorization_code(connection: &Connection, params: &Params) -> Result<(), PlannerError> {
    let code = params.required("authorizationcode")?;
    let valid: bool = connection.query_row(
        "SELECT EXISTS (SELECT 1 FROM planner_authorization_codes
                        WHERE code = ?1 AND expires_at > ?2)",
        params![code, now_ms()],
        |row| row.get(0),
    )?;
    if valid {
        Ok(())
    } else {
        Err(PlannerError::WrongAuthorizationCode)
    }
}

/// A mainland mobile number, the only kind the seed's users have.
fn valid_phone(phone: &str) -> bool {
    let bytes = phone.as_bytes();
    bytes.len() == 11
        && bytes[0] == b'1'
        && (b'3'..=b'9').contains(&bytes[1])
        && bytes.iter().all(u8::is_ascii_digit)
}

fn valid_mail(mail: &str) -> bool {
    mail.split_once('@')
        .is_some_and(|(name, domain)| !name.is_empty() && domain.contains('.'))
}

/// The current token lifetimes, in milliseconds.
struct Lifetimes {
    access_token_ms: i64,
    refresh_soon_ms: i64,
    refresh_token_ms: i64,
}

fn lifetimes(connection: &Connection) -> rusqlite::Result<Lifetimes> {
    connection.query_row(
        "SELECT access_token_ms, refresh_soon_ms, refresh_token_ms FROM planner_lifetimes",
        [],
        |row| {
            Ok(Lifetimes {
                access_token_ms: row.get(0)?,
                refresh_soon_ms: row.get(1)?,
                refresh_token_ms: row.get(2)?,
            })
        },
    )
}

/// Signs the user in: a new session, answered as C1 and C10 answer it. A user has one live
/// session: the one before ends as kicked, so its next call answers error 30.
fn new_session(connection: &Connection, uid: i64) -> Result<Value, PlannerError> {
    let lifetimes = lifetimes(connection)?;
    connection.execute(
        "UPDATE planner_sessions SET ended = 'kicked' WHERE uid = ?1 AND ended IS NULL",
        [uid],
    )?;
    let now = now_ms();
    let access_token = new_token("at");
    let refresh_token = new_token("rt");
    connection.execute(
        "INSERT INTO planner_sessions (access_token, refresh_token, uid, access_expires_at,
                                       refresh_soon_at, refresh_expires_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            access_token,
            refresh_token,
            uid,
            now + lifetimes.access_token_ms,
            now + (lifetimes.access_token_ms - lifetimes.refresh_soon_ms).max(0),
            now + lifetimes.refresh_token_ms
        ],
    )?;
    // The expiries are lifetimes in seconds (OAuth's `expires_in`), as strings like every
    // value in the seed's answers.
    Ok(json!({
        "access_token": access_token,
        "access_token_expire": (lifetimes.access_token_ms / 1000).to_string(),
        "refresh_token": refresh_token,
        "refresh_token_expire": (lifetimes.refresh_token_ms / 1000).to_string(),
        "uid": uid.to_string(),
    }))
}

/// The signed-in user of a call that carries `access_token`, and the `token_status` to answer:
/// "0", or "1" once the token is near its end. A kicked session is error 30; an unknown,
/// expired, rotated or revoked one is error 5.
fn signed_in(
    connection: &Connection,
    params: &Params,
) -> Result<(i64, &'static str), PlannerError> {
    let token = params
        .text("access_token")
        .ok_or(PlannerError::TokenInvalid)?;
    let session: Option<(i64, i64, i64, Option<String>)> = connection
        .query_row(
            "SELECT uid, access_expires_at, refresh_soon_at, ended FROM planner_sessions
             WHERE access_token = ?1",
            [token],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
        )
        .optional()?;
    let now = now_ms();
    match session {
        None => Err(PlannerError::TokenInvalid),
        Some((_, _, _, Some(ended))) if ended == "kicked" => Err(PlannerError::Kicked),
        Some((_, _, _, Some(_))) => Err(PlannerError::TokenInvalid),
        Some((_, expires_at, _, None)) if now >= expires_at => Err(PlannerError::TokenInvalid),
        Some((uid, _, refresh_soon_at, None)) if now >= refresh_soon_at => Ok((uid, "1")),
        Some((uid, _, _, None)) => Ok((uid, "0")),
    }
}

/// What an SMS code for a phone number amounts to. Family C sends no `sendToken`, so a code is
/// found by its phone number and value.
enum CodeState {
    Valid { send_token: String },
    Wrong,
    Expired,
    Used,
}

fn code_state(connection: &Connection, phone: &str, code: &str) -> rusqlite::Result<CodeState> {
    let target = sms_target(Some((PHONE_AREA, phone)), None);
    let found: Option<(String, i64, bool)> = connection
        .query_row(
            "SELECT send_token, expires_at, used FROM sms_codes WHERE target = ?1 AND code = ?2
             ORDER BY expires_at DESC LIMIT 1",
            params![target, code],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .optional()?;
    Ok(match found {
        None => CodeState::Wrong,
        Some((_, _, true)) => CodeState::Used,
        Some((_, expires_at, false)) if expires_at <= now_ms() => CodeState::Expired,
        Some((send_token, _, false)) => CodeState::Valid { send_token },
    })
}

/// Checks an SMS code and, when `consume`, uses it up: it works for one registration or reset.
fn check_code(
    connection: &Connection,
    phone: &str,
    code: &str,
    consume: bool,
) -> Result<(), PlannerError> {
    match code_state(connection, phone, code)? {
        CodeState::Valid { send_token } => {
            if consume {
                connection.execute(
                    "UPDATE sms_codes SET used = 1 WHERE send_token = ?1",
                    [send_token],
                )?;
            }
            Ok(())
        }
        CodeState::Wrong => Err(PlannerError::WrongCode),
        CodeState::Expired => Err(PlannerError::CodeExpired),
        CodeState::Used => Err(PlannerError::CodeUsed),
    }
}

fn set_password(connection: &Connection, uid: i64, password: &str) -> rusqlite::Result<()> {
    let salt = new_salt();
    connection.execute(
        "UPDATE planner_users SET password_salt = ?1, password_sha256 = ?2 WHERE uid = ?3",
        params![salt, password_hash(&salt, password), uid],
    )?;
    Ok(())
}

/// Whether `password` is the user's: `None` when the user has not set one.
fn password_matches(
    connection: &Connection,
    uid: i64,
    password: &str,
) -> rusqlite::Result<Option<bool>> {
    let stored: (Option<String>, Option<String>) = connection.query_row(
        "SELECT password_salt, password_sha256 FROM planner_users WHERE uid = ?1",
        [uid],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    Ok(match stored {
        (Some(salt), Some(hash)) => Some(password_hash(&salt, password) == hash),
        _ => None,
    })
}

/// The user with this user name, phone number or e-mail address (any case).
fn user_by(connection: &Connection, column: UserKey, value: &str) -> rusqlite::Result<Option<i64>> {
    let sql = match column {
        UserKey::Username => "SELECT uid FROM planner_users WHERE username = ?1",
        UserKey::Phone => "SELECT uid FROM planner_users WHERE phonenumber = ?1",
        UserKey::Mail => "SELECT uid FROM planner_users WHERE mailaddress = ?1 COLLATE NOCASE",
    };
    connection
        .query_row(sql, [value], |row| row.get(0))
        .optional()
}

/// What names a planner user.
#[derive(Clone, Copy)]
enum UserKey {
    Username,
    Phone,
    Mail,
}

/// The base of URLs the sandbox hands out, from the `Host` the client reached it by.
fn base_url(headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("127.0.0.1");
    format!("http://{host}")
}

fn pic_url(base: &str, id: &str) -> String {
    format!("{base}/srv/v1/pic/{id}")
}

/// C5: an authorization code for a registered client (9 unknown client, 10 wrong secret).
async fn authorization(
    State(db): State<Db>,
    Query(query): Query<HashMap<String, String>>,
) -> Json<Value> {
    let params = Params::from_query(query);
    answer((|| {
        params.check_common()?;
        let client_id = params.required("client_id")?;
        let secret = params
            .password("client_secret")
            .ok_or(PlannerError::BadParameters)?;
        let connection = db.lock();
        let stored: Option<String> = connection
            .query_row(
                "SELECT secret_sha256 FROM planner_clients WHERE client_id = ?1",
                [&client_id],
                |row| row.get(0),
            )
            .optional()?;
        match stored {
            None => return Err(PlannerError::UnknownClient),
            Some(hash) if hash != sha256_hex(&secret) => {
                return Err(PlannerError::WrongClientSecret);
            }
            Some(_) => {}
        }
        let code = new_token("ac");
        connection.execute(
            "INSERT INTO planner_authorization_codes (code, client_id, expires_at)
             VALUES (?1, ?2, ?3)",
            params![code, client_id, now_ms() + AUTHORIZATION_CODE_TTL_MS],
        )?;
        Ok(json!({"authorizationcode": code}))
    })())
}

/// C1: sign in with a user name or a phone number and the password.
async fn login(State(db): State<Db>, body: Bytes) -> Json<Value> {
    answer((|| {
        let params = Params::from_body(&body)?;
        params.check_common()?;
        let connection = db.lock();
        check_authorization_code(&connection, &params)?;
        let password = params
            .password("password")
            .ok_or(PlannerError::BadParameters)?;
        let uid = match (params.text("username"), params.text("phonenumber")) {
            (Some(name), _) => user_by(&connection, UserKey::Username, &name)?,
            (None, Some(phone)) => user_by(&connection, UserKey::Phone, &phone)?,
            (None, None) => return Err(PlannerError::BadParameters),
        }
        .ok_or(PlannerError::NoSuchUser)?;
        match password_matches(&connection, uid, &password)? {
            None => Err(PlannerError::PasswordNotSet),
            Some(false) => Err(PlannerError::WrongPassword),
            Some(true) => new_session(&connection, uid),
        }
    })())
}

/// C2: a new user, named by any of user name, phone number (with its SMS code) and e-mail
/// address. A phone registration may leave the password unset (then login answers 15 until
/// forgetpassword sets one); any other needs one.
async fn register(State(db): State<Db>, body: Bytes) -> Json<Value> {
    answer((|| {
        let params = Params::from_body(&body)?;
        params.check_common()?;
        let connection = db.lock();
        check_authorization_code(&connection, &params)?;
        let username = params.text("username");
        let phone = params.text("phonenumber");
        let mail = params.text("mailaddress").map(|m| m.to_lowercase());
        let password = params.password("password");
        if username.is_none() && phone.is_none() && mail.is_none() {
            return Err(PlannerError::BadParameters);
        }
        if phone.as_deref().is_some_and(|p| !valid_phone(p)) {
            return Err(PlannerError::BadPhoneNumber);
        }
        if mail.as_deref().is_some_and(|m| !valid_mail(m)) {
            return Err(PlannerError::BadParameters);
        }
        if password.is_none() && phone.is_none() {
            return Err(PlannerError::BadParameters);
        }
        let extra = match params.0.get("data") {
            None | Some(Value::Null) => Map::new(),
            Some(Value::Object(extra)) => extra.clone(),
            Some(_) => return Err(PlannerError::BadParameters),
        };
        // The code first: a registration sent twice is told its code is used (23).
        let code = match &phone {
            Some(phone) => {
                let code = params.required("verificationcode")?;
                check_code(&connection, phone, &code, false)?;
                Some(code)
            }
            None => None,
        };
        for (key, value) in [(UserKey::Username, &username), (UserKey::Phone, &phone)] {
            if let Some(value) = value
                && user_by(&connection, key, value)?.is_some()
            {
                return Err(PlannerError::AccountExists);
            }
        }
        if let Some(mail) = &mail
            && user_by(&connection, UserKey::Mail, mail)?.is_some()
        {
            return Err(PlannerError::EmailRegistered);
        }
        if let Some((phone, code)) = phone.as_ref().zip(code.as_ref()) {
            check_code(&connection, phone, code, true)?;
        }
        connection.execute(
            "INSERT INTO planner_users (username, phonenumber, mailaddress, registersource, extra,
                                        created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                username,
                phone,
                mail,
                params.text("registersource").unwrap_or_default(),
                Value::Object(extra).to_string(),
                now_ms()
            ],
        )?;
        let uid = connection.last_insert_rowid();
        if let Some(password) = password {
            set_password(&connection, uid, &password)?;
        }
        Ok(json!({"uid": uid.to_string()}))
    })())
}

/// C3: the signed-in user's new password, given the old one (4 when it is wrong). The session
/// stays signed in.
async fn change_password(State(db): State<Db>, body: Bytes) -> Json<Value> {
    answer((|| {
        let params = Params::from_body(&body)?;
        params.check_common()?;
        let connection = db.lock();
        let (uid, token_status) = signed_in(&connection, &params)?;
        check_authorization_code(&connection, &params)?;
        let old = params
            .password("oldpassword")
            .ok_or(PlannerError::BadParameters)?;
        let new = params
            .password("newpassword")
            .ok_or(PlannerError::BadParameters)?;
        match password_matches(&connection, uid, &old)? {
            None => return Err(PlannerError::PasswordNotSet),
            Some(false) => return Err(PlannerError::WrongOldPassword),
            Some(true) => {}
        }
        set_password(&connection, uid, &new)?;
        Ok(json!({"token_status": token_status}))
    })())
}

/// The content type of a PNG, JPEG, GIF or WebP image, told by its first bytes.
fn image_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some("image/gif")
    } else if bytes.len() >= 12 && &bytes[0..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        None
    }
}

/// The upload's text parts as parameters, and its `file` part.
async fn read_upload(mut multipart: Multipart) -> Result<(Params, Option<Bytes>), PlannerError> {
    let too_large = |error: axum::extract::multipart::MultipartError| {
        if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
            PlannerError::BadImage
        } else {
            PlannerError::BadParameters
        }
    };
    let mut fields = Map::new();
    let mut file = None;
    while let Some(field) = multipart.next_field().await.map_err(too_large)? {
        let name = field.name().unwrap_or_default().to_owned();
        if name == "file" {
            file = Some(field.bytes().await.map_err(too_large)?);
        } else {
            fields.insert(name, Value::String(field.text().await.map_err(too_large)?));
        }
    }
    Ok((Params(fields), file))
}

/// C4: the signed-in user's avatar (`type` 1) as `multipart/form-data`, stored in the database
/// and served at the URL answered. The seed puts that URL in `token_status`; it is also sent as
/// `url`.
async fn upload_pic(
    State(db): State<Db>,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Json<Value> {
    let upload = match multipart {
        Ok(multipart) => read_upload(multipart).await,
        Err(_) => Err(PlannerError::BadParameters),
    };
    answer((|| {
        let (params, file) = upload?;
        params.check_common()?;
        let connection = db.lock();
        let (uid, _) = signed_in(&connection, &params)?;
        if params.int("type") != Some(1) {
            return Err(PlannerError::BadParameters);
        }
        let bytes = file
            .filter(|b| !b.is_empty())
            .ok_or(PlannerError::EmptyImage)?;
        if bytes.len() >= MAX_IMAGE_BYTES {
            return Err(PlannerError::BadImage);
        }
        let content_type = image_type(&bytes).ok_or(PlannerError::BadImage)?;
        let id = uuid::Uuid::new_v4().simple().to_string();
        connection.execute(
            "INSERT INTO planner_pics (id, uid, pic_type, content_type, bytes, created_at)
             VALUES (?1, ?2, 1, ?3, ?4, ?5)",
            params![id, uid, content_type, bytes.as_ref(), now_ms()],
        )?;
        connection.execute(
            "UPDATE planner_users SET avatar_pic = ?1 WHERE uid = ?2",
            params![id, uid],
        )?;
        let url = pic_url(&base_url(&headers), &id);
        Ok(json!({"token_status": url, "url": url}))
    })())
}

/// `GET /srv/v1/pic/{id}`: an uploaded picture with its content type, for anyone with the URL
/// (an `<img>` sends no token).
async fn serve_pic(State(db): State<Db>, Path(id): Path<String>) -> Response {
    let found: rusqlite::Result<Option<(String, Vec<u8>)>> = db
        .lock()
        .query_row(
            "SELECT content_type, bytes FROM planner_pics WHERE id = ?1",
            [id],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional();
    match found {
        Ok(Some((content_type, bytes))) => {
            ([(header::CONTENT_TYPE, content_type)], bytes).into_response()
        }
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(error) => {
            tracing::error!(%error, "sandbox database");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// C6: is this SMS code good for this phone number (1 wrong, 2 expired, 23 already used).
/// Checking does not use the code up: registration or a reset that follows still needs it.
async fn verify_code(
    State(db): State<Db>,
    Query(query): Query<HashMap<String, String>>,
) -> Json<Value> {
    let params = Params::from_query(query);
    answer((|| {
        params.check_common()?;
        let connection = db.lock();
        check_authorization_code(&connection, &params)?;
        let phone = params.required("phonenumber")?;
        let code = params.required("verificationcode")?;
        if !valid_phone(&phone) {
            return Err(PlannerError::BadParameters);
        }
        check_code(&connection, &phone, &code, false)?;
        Ok(json!({}))
    })())
}

/// C7: success when the phone number is well formed (34) and has no account yet (14).
async fn check_phonenumber(
    State(db): State<Db>,
    Query(query): Query<HashMap<String, String>>,
) -> Json<Value> {
    let params = Params::from_query(query);
    answer((|| {
        params.check_common()?;
        let connection = db.lock();
        check_authorization_code(&connection, &params)?;
        let phone = params.required("phonenumber")?;
        if !valid_phone(&phone) {
            return Err(PlannerError::BadPhoneNumber);
        }
        if user_by(&connection, UserKey::Phone, &phone)?.is_some() {
            return Err(PlannerError::AccountExists);
        }
        Ok(json!({}))
    })())
}

/// C8: a new password for the phone number's user, with an SMS code. Every session of that user
/// ends: whoever knew the old password is signed out.
async fn forget_password(State(db): State<Db>, body: Bytes) -> Json<Value> {
    answer((|| {
        let params = Params::from_body(&body)?;
        params.check_common()?;
        let connection = db.lock();
        check_authorization_code(&connection, &params)?;
        let phone = params.required("phonenumber")?;
        let code = params.required("verificationcode")?;
        let new = params
            .password("newpassword")
            .ok_or(PlannerError::BadParameters)?;
        let uid = user_by(&connection, UserKey::Phone, &phone)?.ok_or(PlannerError::NoSuchUser)?;
        check_code(&connection, &phone, &code, true)?;
        set_password(&connection, uid, &new)?;
        connection.execute(
            "UPDATE planner_sessions SET ended = 'password' WHERE uid = ?1 AND ended IS NULL",
            [uid],
        )?;
        Ok(json!({}))
    })())
}

/// C9: the signed-in user's details in `data`.
async fn account_detail(
    State(db): State<Db>,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Json<Value> {
    let params = Params::from_query(query);
    answer((|| {
        params.check_common()?;
        let connection = db.lock();
        let (uid, token_status) = signed_in(&connection, &params)?;
        let base = base_url(&headers);
        let data = connection.query_row(
            "SELECT username, phonenumber, mailaddress, registersource, extra, avatar_pic,
                    created_at, password_sha256 IS NOT NULL
             FROM planner_users WHERE uid = ?1",
            [uid],
            |row| {
                let extra: String = row.get(4)?;
                let avatar: Option<String> = row.get(5)?;
                Ok(json!({
                    "uid": uid.to_string(),
                    "username": row.get::<_, Option<String>>(0)?.unwrap_or_default(),
                    "phonenumber": row.get::<_, Option<String>>(1)?.unwrap_or_default(),
                    "mailaddress": row.get::<_, Option<String>>(2)?.unwrap_or_default(),
                    "registersource": row.get::<_, String>(3)?,
                    "data": serde_json::from_str::<Value>(&extra).unwrap_or_else(|_| json!({})),
                    "avatar": avatar.map(|id| pic_url(&base, &id)).unwrap_or_default(),
                    "createtime": row.get::<_, i64>(6)?,
                    "passwordset": row.get::<_, bool>(7)?,
                }))
            },
        )?;
        Ok(json!({"data": data, "message": "成功", "reason": "", "token_status": token_status}))
    })())
}

/// C10 (inferred): a new session for the refresh token. Rotation: the old refresh token and
/// its access token stop working (5); a kicked session's refresh token answers 30.
async fn refresh(State(db): State<Db>, body: Bytes) -> Json<Value> {
    answer((|| {
        let params = Params::from_body(&body)?;
        params.check_common()?;
        let token = params.required("refresh_token")?;
        let connection = db.lock();
        let session: Option<(i64, i64, Option<String>)> = connection
            .query_row(
                "SELECT uid, refresh_expires_at, ended FROM planner_sessions
                 WHERE refresh_token = ?1",
                [&token],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
            )
            .optional()?;
        let uid = match session {
            None => return Err(PlannerError::TokenInvalid),
            Some((_, _, Some(ended))) if ended == "kicked" => return Err(PlannerError::Kicked),
            Some((_, _, Some(_))) => return Err(PlannerError::TokenInvalid),
            Some((_, expires_at, None)) if now_ms() >= expires_at => {
                return Err(PlannerError::TokenInvalid);
            }
            Some((uid, _, None)) => uid,
        };
        connection.execute(
            "UPDATE planner_sessions SET ended = 'refreshed' WHERE refresh_token = ?1",
            [&token],
        )?;
        new_session(&connection, uid)
    })())
}

/// The longest lifetime a tester may set; longer would overflow the expiry times.
const MAX_LIFETIME_MS: i64 = 10 * 365 * 24 * 60 * 60 * 1000;

/// The body of `POST /__sandbox/planner/lifetimes`; each field is optional.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct LifetimesRequest {
    access_token_ms: Option<i64>,
    refresh_soon_ms: Option<i64>,
    refresh_token_ms: Option<i64>,
}

/// `POST /__sandbox/planner/lifetimes` with `{accessTokenMs, refreshSoonMs, refreshTokenMs}`:
/// sets the lifetimes of the sessions signed in from now on (how long an access token works,
/// how long before its end `token_status` turns 1, how long a refresh token works) and answers
/// all three. Tests make tokens expire in milliseconds with it.
async fn set_lifetimes(
    State(db): State<Db>,
    HelperJson(request): HelperJson<LifetimesRequest>,
) -> Result<Json<Value>, HelperError> {
    let values = [
        request.access_token_ms,
        request.refresh_soon_ms,
        request.refresh_token_ms,
    ];
    if values
        .iter()
        .flatten()
        .any(|ms| !(0..=MAX_LIFETIME_MS).contains(ms))
    {
        return Err(HelperError::bad(format!(
            "lifetimes are milliseconds from 0 to {MAX_LIFETIME_MS} (ten years)"
        )));
    }
    let connection = db.lock();
    connection.execute(
        "UPDATE planner_lifetimes SET
             access_token_ms = COALESCE(?1, access_token_ms),
             refresh_soon_ms = COALESCE(?2, refresh_soon_ms),
             refresh_token_ms = COALESCE(?3, refresh_token_ms)",
        params![values[0], values[1], values[2]],
    )?;
    let now = lifetimes(&connection)?;
    Ok(Json(json!({
        "accessTokenMs": now.access_token_ms,
        "refreshSoonMs": now.refresh_soon_ms,
        "refreshTokenMs": now.refresh_token_ms,
    })))
}
