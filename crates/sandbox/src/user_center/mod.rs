//! Family B, the user centre (用户中心; seed 002): sign-in, the profile, delivery addresses,
//! invoices, in-app messages and WeChat login. Parameters arrive in the query string (also for
//! POST), answers go in `{code, data, error, msg, status}` (see
//! [`crate::envelope::UserCenterFailure`] for the codes), and the session token arrives as
//! `Authorization: Bearer <token>`.

mod addresses;
mod invoices;
mod list;
mod login;
mod messages;
mod user;
mod wechat;

use std::collections::HashMap;

use axum::Router;
use axum::http::HeaderMap;
use axum::response::Response;
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::db::Db;
use crate::envelope::{UserCenterFailure, user_center_fail, user_center_ok};
use crate::tools::now_ms;

/// Family B's tables. User ids start above 10000 so they never meet the fixed ids of the
/// system (0) and customer service (1) that messages come from. The partial unique indexes
/// hold the one-default-per-user rule in the database itself.
pub const SCHEMA: &str = "CREATE TABLE uc_users (
            user_id INTEGER PRIMARY KEY AUTOINCREMENT,
            user_account TEXT NOT NULL UNIQUE,
            user_mobile TEXT UNIQUE,
            user_email TEXT UNIQUE COLLATE NOCASE,
            wechat_openid TEXT UNIQUE,
            -- SHA-256 of salt + the MD5 hex of the password; NULL for accounts without one.
            password_salt TEXT,
            password_hash TEXT,
            user_nickname TEXT NOT NULL,
            user_avatar TEXT,
            user_birthday TEXT,
            user_gender INTEGER NOT NULL DEFAULT 0,
            user_intl TEXT NOT NULL DEFAULT '+86',
            user_realname TEXT,
            user_idcard TEXT,
            user_idcard_images TEXT,
            user_is_authentication INTEGER NOT NULL DEFAULT 0,
            -- Set when a pending verification has been shown once; the next read passes it.
            authentication_seen INTEGER NOT NULL DEFAULT 0,
            user_exp INTEGER NOT NULL DEFAULT 0,
            user_state INTEGER NOT NULL DEFAULT 1,
            user_from INTEGER NOT NULL DEFAULT 2313,
            user_new INTEGER NOT NULL DEFAULT 1,
            tag_ids TEXT,
            user_reg_time INTEGER NOT NULL,
            user_login_time INTEGER
        );
        INSERT INTO sqlite_sequence (name, seq) VALUES ('uc_users', 10000);
        CREATE TABLE uc_sessions (
            token TEXT PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES uc_users (user_id) ON DELETE CASCADE,
            created_at INTEGER NOT NULL
        );
        CREATE TABLE uc_levels (
            user_level_id INTEGER PRIMARY KEY,
            user_level_name TEXT NOT NULL,
            user_level_exp INTEGER NOT NULL,
            user_level_spend TEXT NOT NULL,
            user_level_rate TEXT NOT NULL,
            user_level_logo TEXT NOT NULL,
            user_level_is_buildin INTEGER NOT NULL,
            user_level_time INTEGER NOT NULL
        );
        INSERT INTO uc_levels VALUES
            (1, '普通会员', 0, '0.00', '100', '/static/levels/1.png', 1, 1735689600000),
            (2, '白银会员', 500, '1000.00', '98', '/static/levels/2.png', 1, 1735689600000),
            (3, '黄金会员', 2000, '5000.00', '95', '/static/levels/3.png', 1, 1735689600000),
            (4, '铂金会员', 5000, '20000.00', '92', '/static/levels/4.png', 1, 1735689600000),
            (5, '钻石会员', 10000, '50000.00', '88', '/static/levels/5.png', 1, 1735689600000);
        CREATE TABLE uc_addresses (
            ud_id INTEGER PRIMARY KEY AUTOINCREMENT,
            user_id INTEGER NOT NULL REFERENCES uc_users (user_id) ON DELETE CASCADE,
            ud_address TEXT,
            ud_city TEXT,
            ud_city_id INTEGER,
            ud_county TEXT,
            ud_county_id INTEGER,
            ud_intl TEXT,
            ud_is_default INTEGER NOT NULL DEFAULT 0,
            ud_latitude REAL,
            ud_longitude REAL,
            ud_mobile TEXT,
            ud_name TEXT,
            ud_postalcode TEXT,
            ud_province TEXT,
            ud_province_id INTEGER,
            ud_tag_name TEXT,
            ud_telephone TEXT,
            ud_time TEXT NOT NULL,
            created_at INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX uc_one_default_address ON uc_addresses (user_id)
            WHERE ud_is_default = 1;
        CREATE TABLE uc_invoices (
            user_invoice_id INTEGER PRIMARY KEY AUTOINCREMENT,
            user_id INTEGER NOT NULL REFERENCES uc_users (user_id) ON DELETE CASCADE,
            invoice_address TEXT,
            invoice_bankaccount TEXT,
            invoice_bankname TEXT,
            invoice_company_code TEXT,
            invoice_contact_address TEXT,
            invoice_contact_area TEXT,
            invoice_contact_email TEXT,
            invoice_contact_mobile TEXT,
            invoice_contact_name TEXT,
            invoice_content TEXT,
            invoice_datetime TEXT NOT NULL,
            invoice_is_company INTEGER NOT NULL DEFAULT 0,
            invoice_is_default INTEGER NOT NULL DEFAULT 0,
            invoice_is_electronic INTEGER NOT NULL DEFAULT 1,
            invoice_phone TEXT,
            invoice_title TEXT,
            invoice_type INTEGER NOT NULL DEFAULT 1,
            created_at INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX uc_one_default_invoice ON uc_invoices (user_id)
            WHERE invoice_is_default = 1;
        -- One row per mailbox: a chat message between two users is two rows, one sent (kind 1)
        -- in the sender's, one received (kind 2) in the receiver's, linked by message_other_id.
        CREATE TABLE uc_messages (
            message_id INTEGER PRIMARY KEY AUTOINCREMENT,
            user_id INTEGER NOT NULL REFERENCES uc_users (user_id) ON DELETE CASCADE,
            user_nickname TEXT,
            user_other_id INTEGER NOT NULL,
            user_other_nickname TEXT,
            message_other_id INTEGER,
            message_kind INTEGER NOT NULL,
            message_type INTEGER NOT NULL,
            message_cat TEXT NOT NULL DEFAULT 'text',
            message_data_type INTEGER NOT NULL DEFAULT 0,
            message_data_id TEXT,
            message_title TEXT,
            message_content TEXT,
            message_length INTEGER,
            message_h INTEGER,
            message_w INTEGER,
            message_parent_id INTEGER,
            message_is_read INTEGER NOT NULL DEFAULT 0,
            message_is_delete INTEGER NOT NULL DEFAULT 0,
            source_type INTEGER NOT NULL DEFAULT 0,
            message_time INTEGER NOT NULL
        );
        -- Every list filters on its owner; without these each list scanned the whole table
        -- while holding the sandbox's one connection (seen in the load bench).
        CREATE INDEX uc_addresses_by_user ON uc_addresses (user_id);
        CREATE INDEX uc_invoices_by_user ON uc_invoices (user_id);
        CREATE INDEX uc_messages_by_user ON uc_messages (user_id, message_time);
        CREATE TABLE uc_wechat_qr (
            code TEXT PRIMARY KEY,
            created_at INTEGER NOT NULL,
            state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'confirmed', 'used')),
            user_id INTEGER REFERENCES uc_users (user_id) ON DELETE CASCADE
        );
        CREATE TABLE uc_wechat_access_token (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            token TEXT NOT NULL,
            created_at INTEGER NOT NULL
        );";

/// The answers of calls sent with an `Idempotency-Key`, per user, so a repeated key is
/// answered without applying the call again.
pub const IDEMPOTENCY_SCHEMA: &str = "CREATE TABLE uc_idempotency (
            user_id INTEGER NOT NULL REFERENCES uc_users (user_id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            answer TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            PRIMARY KEY (user_id, key)
        ) WITHOUT ROWID;";

/// Every family B route, and the sandbox helper that confirms a WeChat QR code.
pub fn routes() -> Router<Db> {
    Router::new()
        .merge(addresses::routes())
        .merge(invoices::routes())
        .merge(login::routes())
        .merge(messages::routes())
        .merge(user::routes())
        .merge(wechat::routes())
}

/// A demo user's user-centre account, created once: the same phone, e-mail and password as
/// in the other families. With `full`, also a long inbox, three addresses and two invoice
/// details, so every screen has something to show.
pub fn seed_demo(
    connection: &Connection,
    demo: &crate::db::DemoUser,
    full: bool,
) -> rusqlite::Result<()> {
    let exists: bool = connection.query_row(
        "SELECT EXISTS (SELECT 1 FROM uc_users WHERE user_mobile = ?1)",
        [demo.phone],
        |row| row.get(0),
    )?;
    if exists {
        return Ok(());
    }
    let user = insert_user(
        connection,
        &NewUser {
            account: demo.phone.into(),
            mobile: Some(demo.phone.into()),
            email: Some(demo.email.into()),
            openid: None,
            password_md5: Some(crate::customer::md5_hex(demo.password)),
            nickname: Some(demo.nickname.into()),
            from: 2313,
        },
    )?;
    if full {
        messages::seed_demo_inbox(connection, user, demo.nickname)?;
        addresses::seed_demo(connection, user)?;
        invoices::seed_demo(connection, user)?;
    }
    Ok(())
}

/// What a handler works out: the envelope's `data`, or why not.
type Outcome = Result<Value, UserCenterFailure>;

/// The answer for an outcome, in family B's envelope.
fn answer(outcome: Outcome) -> Response {
    match outcome {
        Ok(data) => user_center_ok(data),
        Err(failure) => user_center_fail(&failure),
    }
}

/// A handler's query string, as parsed by axum.
type Q = axum::extract::Query<HashMap<String, String>>;

/// Answers a call that needs a login: `work` gets the database, the user's id and the
/// parameters. A call with an `Idempotency-Key` is applied at most once per user and key.
fn signed_in(
    db: &Db,
    headers: &HeaderMap,
    axum::extract::Query(params): Q,
    work: impl FnOnce(&Connection, i64, &Params) -> Outcome,
) -> Response {
    let connection = db.lock();
    answer(
        session_user(&connection, headers).and_then(|user| match idempotency_key(headers) {
            Some(key) => once(&connection, user, key, |connection| {
                work(connection, user, &Params(params))
            }),
            None => work(&connection, user, &Params(params)),
        }),
    )
}

/// The key the outbox sends with every attempt of one edit.
fn idempotency_key(headers: &HeaderMap) -> Option<&str> {
    headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|key| !key.is_empty())
}

/// Runs `work` once per (user, key): its effect and the remembered answer commit together, so
/// a retry after a lost answer gets the first answer and changes nothing. A failure is not
/// remembered (its transaction rolls back), so the retry really runs.
fn once(
    connection: &Connection,
    user: i64,
    key: &str,
    work: impl FnOnce(&Connection) -> Outcome,
) -> Outcome {
    let seen: Option<String> = connection
        .query_row(
            "SELECT answer FROM uc_idempotency WHERE user_id = ?1 AND key = ?2",
            params![user, key],
            |row| row.get(0),
        )
        .optional()?;
    if let Some(seen) = seen {
        return serde_json::from_str(&seen).map_err(|_| UserCenterFailure::Database);
    }
    let transaction = connection.unchecked_transaction()?;
    let data = work(&transaction)?;
    transaction.execute(
        "INSERT INTO uc_idempotency (user_id, key, answer, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![user, key, data.to_string(), now_ms()],
    )?;
    transaction.commit()?;
    Ok(data)
}

/// Answers a call anyone may make: `work` gets the database, the user's id when the request
/// carries a live token, and the parameters.
fn guest(
    db: &Db,
    headers: &HeaderMap,
    axum::extract::Query(params): Q,
    work: impl FnOnce(&Connection, Option<i64>, &Params) -> Outcome,
) -> Response {
    let connection = db.lock();
    answer(
        optional_user(&connection, headers)
            .and_then(|user| work(&connection, user, &Params(params))),
    )
}

/// A call's query parameters. Empty values count as absent: forms send empty fields.
struct Params(HashMap<String, String>);

impl Params {
    fn text(&self, key: &str) -> Option<&str> {
        self.0.get(key).map(|v| v.trim()).filter(|v| !v.is_empty())
    }

    /// A password, untrimmed: spaces may be part of it.
    fn password(&self, key: &str) -> Option<&str> {
        self.0
            .get(key)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    fn int(&self, key: &str) -> Result<Option<i64>, UserCenterFailure> {
        self.text(key)
            .map(|v| {
                v.parse()
                    .map_err(|_| bad(format!("{key} must be an integer")))
            })
            .transpose()
    }

    /// A `(BOOL)` parameter: `0`/`1` as the seed spells them, or `false`/`true`.
    fn flag(&self, key: &str) -> Result<Option<bool>, UserCenterFailure> {
        self.text(key).map(|v| parse_flag(key, v)).transpose()
    }

    fn required(&self, key: &str) -> Result<&str, UserCenterFailure> {
        self.text(key)
            .ok_or_else(|| bad(format!("{key} is required")))
    }

    fn required_int(&self, key: &str) -> Result<i64, UserCenterFailure> {
        self.int(key)?
            .ok_or_else(|| bad(format!("{key} is required")))
    }
}

fn parse_flag(key: &str, value: &str) -> Result<bool, UserCenterFailure> {
    match value.to_ascii_lowercase().as_str() {
        "1" | "true" => Ok(true),
        "0" | "false" => Ok(false),
        _ => Err(bad(format!("{key} must be 0 or 1"))),
    }
}

fn bad(why: impl Into<String>) -> UserCenterFailure {
    UserCenterFailure::BadParameter(why.into())
}

/// The bearer token of a request, if it carries one.
fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
}

/// The signed-in user's id; a missing, unknown or logged-out token is HTTP 401.
fn session_user(connection: &Connection, headers: &HeaderMap) -> Result<i64, UserCenterFailure> {
    optional_user(connection, headers)?.ok_or(UserCenterFailure::Unauthorized)
}

/// The signed-in user's id when the request carries a live token, for calls a guest may make.
fn optional_user(
    connection: &Connection,
    headers: &HeaderMap,
) -> Result<Option<i64>, UserCenterFailure> {
    let Some(token) = bearer(headers) else {
        return Ok(None);
    };
    Ok(connection
        .query_row(
            "SELECT user_id FROM uc_sessions WHERE token = ?1",
            [token],
            |row| row.get(0),
        )
        .optional()?)
}

/// Opens a session for `user_id`: login's and registration's `data`, `{token, user_id}`.
fn open_session(connection: &Connection, user_id: i64) -> Outcome {
    let token = uuid::Uuid::new_v4().simple().to_string();
    connection.execute(
        "INSERT INTO uc_sessions (token, user_id, created_at) VALUES (?1, ?2, ?3)",
        params![token, user_id, now_ms()],
    )?;
    connection.execute(
        "UPDATE uc_users SET user_login_time = ?1 WHERE user_id = ?2",
        params![now_ms(), user_id],
    )?;
    Ok(serde_json::json!({"token": token, "user_id": user_id}))
}

/// A password as the client sends it, reduced to the MD5 hex of the plain password: with
/// `encrypt=true` it already is that MD5 (as family A sends passwords), otherwise it is plain.
fn password_md5(password: &str, encrypted: bool) -> String {
    if encrypted {
        password.to_ascii_lowercase()
    } else {
        crate::customer::md5_hex(password)
    }
}

/// The salted SHA-256 kept for a password's MD5, so neither the password nor its bare MD5 is
/// ever stored.
fn password_hash(salt: &str, md5: &str) -> String {
    Sha256::digest(format!("{salt}{md5}").as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// Replaces a user's password with `md5` (see [`password_md5`]) under a fresh salt.
fn set_password(connection: &Connection, user_id: i64, md5: &str) -> rusqlite::Result<()> {
    let salt = uuid::Uuid::new_v4().simple().to_string();
    connection.execute(
        "UPDATE uc_users SET password_salt = ?1, password_hash = ?2 WHERE user_id = ?3",
        params![salt, password_hash(&salt, md5), user_id],
    )?;
    Ok(())
}

/// Whether `md5` is the user's password; false for accounts without one.
fn password_matches(connection: &Connection, user_id: i64, md5: &str) -> rusqlite::Result<bool> {
    let stored: Option<(Option<String>, Option<String>)> = connection
        .query_row(
            "SELECT password_salt, password_hash FROM uc_users WHERE user_id = ?1",
            [user_id],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    Ok(matches!(stored, Some((Some(salt), Some(hash))) if password_hash(&salt, md5) == hash))
}

/// The user an account name means: their account, mobile number or e-mail address.
fn find_user(connection: &Connection, account: &str) -> rusqlite::Result<Option<i64>> {
    connection
        .query_row(
            "SELECT user_id FROM uc_users
             WHERE user_account = ?1 OR user_mobile = ?1 OR user_email = ?1
             ORDER BY user_id LIMIT 1",
            [account.trim()],
            |row| row.get(0),
        )
        .optional()
}

/// A new account, as registration, WeChat sign-up and the demo seed create it.
struct NewUser {
    account: String,
    mobile: Option<String>,
    email: Option<String>,
    openid: Option<String>,
    password_md5: Option<String>,
    nickname: Option<String>,
    from: i64,
}

/// Experience granted for registering (the experience rules' `exp_reg`).
const EXP_REGISTER: i64 = 50;

/// Creates a user, with the welcome notices and the customer-service greeting in their inbox.
fn insert_user(connection: &Connection, new: &NewUser) -> rusqlite::Result<i64> {
    let nickname = new.nickname.clone().unwrap_or_else(|| {
        let tail: String = new.account.chars().rev().take(4).collect();
        format!("用户{}", tail.chars().rev().collect::<String>())
    });
    connection.execute(
        "INSERT INTO uc_users (user_account, user_mobile, user_email, wechat_openid, user_nickname,
                               user_from, user_exp, user_reg_time)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            new.account,
            new.mobile,
            new.email,
            new.openid,
            nickname,
            new.from,
            EXP_REGISTER,
            now_ms()
        ],
    )?;
    let user_id = connection.last_insert_rowid();
    if let Some(md5) = &new.password_md5 {
        set_password(connection, user_id, md5)?;
    }
    messages::seed_inbox(connection, user_id, &nickname)?;
    Ok(user_id)
}
