//! Family A, the customer API: registration and sign-in with a password or an SMS code, each
//! customer with a real and a demo trading account.

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::routing::post;
use md5::{Digest, Md5};
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::{Value, json};

use crate::db::{DEMO_EMAIL, Db};
use crate::envelope::{CustomerFailure, customer_fail, customer_ok};
use crate::tools::{consume_code, now_ms, sms_target};

/// Family A's tables. The sandbox's shared tables (the SMS codes) are created here too, as
/// family A was the first to need them.
pub const SCHEMA: &str = "CREATE TABLE customers (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            customer_no TEXT NOT NULL UNIQUE,
            email TEXT UNIQUE,
            phone_area TEXT,
            phone TEXT,
            -- The MD5 the client sends; NULL for accounts created without a password.
            login_pwd_md5 TEXT,
            country TEXT NOT NULL,
            register_source INTEGER NOT NULL,
            register_time INTEGER NOT NULL,
            -- The trading account the customer works in now (A8 switchAccount flips it).
            active_account TEXT NOT NULL DEFAULT 'real' CHECK (active_account IN ('real', 'demo')),
            UNIQUE (phone_area, phone)
        );
        CREATE TABLE trading_accounts (
            account_id INTEGER PRIMARY KEY AUTOINCREMENT,
            customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('real', 'demo')),
            currency TEXT NOT NULL,
            balance TEXT NOT NULL,
            digits INTEGER NOT NULL
        );
        CREATE TABLE sessions (
            token TEXT PRIMARY KEY,
            r_token TEXT NOT NULL,
            customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
            created_at INTEGER NOT NULL
        );
        -- One-time tokens: step 1 of password retrieval (A5) for step 2 (A6), and the
        -- temporary tokens A10 randomKey exchanges for a session.
        CREATE TABLE customer_tickets (
            token TEXT PRIMARY KEY,
            customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
            purpose TEXT NOT NULL CHECK (purpose IN ('retrieve_pwd', 'temporary')),
            expires_at INTEGER NOT NULL,
            used INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE sms_codes (
            send_token TEXT PRIMARY KEY,
            target TEXT NOT NULL,
            code TEXT NOT NULL,
            expires_at INTEGER NOT NULL,
            used INTEGER NOT NULL DEFAULT 0
        );";

pub fn routes() -> Router<Db> {
    Router::new()
        .route(
            "/api/login/customer.app.CustomerWebApiService.login",
            post(login),
        )
        .route(
            "/api/register/customer.app.CustomerWebApiService.register",
            post(register),
        )
        .route(
            "/api/global/customer.app.CustomerWebApiService.checkPhone",
            post(check_phone),
        )
        .route(
            "/api/global/customer.app.CustomerWebApiService.checkToken",
            post(check_token),
        )
        .route(
            "/api/global/customer.app.CustomerWebApiService.checkPhoneForRetriedLoginPwd",
            post(check_phone_for_retrieval),
        )
        .route(
            "/api/global/customer.app.CustomerWebApiService.retrieveLoginPwd",
            post(retrieve_login_pwd),
        )
        .route(
            "/api/global/customer.app.CustomerWebApiService.firstSetLoginPwd",
            post(first_set_login_pwd),
        )
        .route("/api/thirdExt/switchAccount", post(switch_account))
        .route(
            "/api/global/customer.app.CustomerDubboApiService.resetAccount",
            post(reset_account),
        )
        .route("/api/global/thirdExt/randomKey", post(random_key))
        .route("/__sandbox/temp-token", post(issue_temporary_token))
        .route("/__sandbox/account-balance", post(set_balance))
}

pub struct NewCustomer {
    pub email: Option<String>,
    pub phone_area: Option<String>,
    pub phone: Option<String>,
    pub login_pwd_md5: Option<String>,
    pub country: String,
    pub register_source: i64,
}

/// Creates a customer with its two trading accounts: real (USDT 10,000) and demo (USDT 100,000).
pub fn insert_customer(connection: &Connection, new: &NewCustomer) -> rusqlite::Result<i64> {
    connection.execute(
        "INSERT INTO customers (customer_no, email, phone_area, phone, login_pwd_md5, country,
                                register_source, register_time)
         VALUES ('pending', ?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            new.email,
            new.phone_area,
            new.phone,
            new.login_pwd_md5,
            new.country,
            new.register_source,
            now_ms()
        ],
    )?;
    let id = connection.last_insert_rowid();
    connection.execute(
        "UPDATE customers SET customer_no = ?1 WHERE id = ?2",
        params![format!("{}", 86_000_000 + id), id],
    )?;
    for (kind, balance) in [("real", "10000.0000"), ("demo", DEMO_BALANCE)] {
        connection.execute(
            "INSERT INTO trading_accounts (customer_id, kind, currency, balance, digits)
             VALUES (?1, ?2, 'USDT', ?3, 4)",
            params![id, kind, balance],
        )?;
    }
    Ok(id)
}

pub fn md5_hex(plain: &str) -> String {
    Md5::digest(plain.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// The headers every family A call documents; a client that omits one is told which.
fn check_headers(headers: &HeaderMap) -> Result<(), CustomerFailure> {
    check_headers_named(headers, &["version", "companyId", "trace", "lang"])
}

/// The seed's switchAccount and randomKey examples carry no `version` header.
fn check_headers_named(headers: &HeaderMap, names: &[&'static str]) -> Result<(), CustomerFailure> {
    for &name in names {
        if headers.get(name).is_none_or(|v| v.is_empty()) {
            return Err(CustomerFailure::MissingHeader(name));
        }
    }
    Ok(())
}

fn parse_body(body: &Bytes) -> Result<Value, CustomerFailure> {
    match serde_json::from_slice::<Value>(body) {
        Ok(value @ Value::Object(_)) => Ok(value),
        Ok(_) => Err(CustomerFailure::BadRequest(
            "the body must be a JSON object".into(),
        )),
        Err(error) => Err(CustomerFailure::BadRequest(error.to_string())),
    }
}

fn text<'a>(body: &'a Value, key: &str) -> Option<&'a str> {
    body.get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

fn int(body: &Value, key: &str) -> Option<i64> {
    body.get(key).and_then(|v| {
        v.as_i64()
            .or_else(|| v.as_str().and_then(|s| s.trim().parse().ok()))
    })
}

fn answer(headers: &HeaderMap, result: Result<Value, CustomerFailure>) -> axum::Json<Value> {
    match result {
        Ok(data) => customer_ok(headers, data),
        Err(failure) => customer_fail(headers, failure),
    }
}

/// How a login or registration names the account: (column filter, value, SMS target).
fn account_key(body: &Value) -> Result<(&'static str, Vec<String>, String), CustomerFailure> {
    let name = text(body, "loginName")
        .ok_or_else(|| CustomerFailure::BadRequest("loginName is required".into()))?;
    match int(body, "type") {
        Some(1) => Ok((
            "email = ?1",
            vec![name.to_lowercase()],
            sms_target(None, Some(name)),
        )),
        Some(2) => {
            let area = text(body, "phoneArea").unwrap_or("+86").to_owned();
            let target = sms_target(Some((&area, name)), None);
            Ok((
                "phone_area = ?1 AND phone = ?2",
                vec![area, name.to_owned()],
                target,
            ))
        }
        Some(3) => Ok(("customer_no = ?1", vec![name.to_owned()], String::new())),
        _ => Err(CustomerFailure::BadRequest("type must be 1, 2 or 3".into())),
    }
}

fn find_customer(
    connection: &Connection,
    filter: &str,
    values: &[String],
) -> rusqlite::Result<Option<(i64, Option<String>)>> {
    connection
        .query_row(
            &format!("SELECT id, login_pwd_md5 FROM customers WHERE {filter}"),
            rusqlite::params_from_iter(values),
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()
}

async fn login(State(db): State<Db>, headers: HeaderMap, body: Bytes) -> axum::Json<Value> {
    let result = (|| {
        check_headers(&headers)?;
        let body = parse_body(&body)?;
        if body.get("isThird").and_then(Value::as_bool) == Some(true) {
            return Err(CustomerFailure::Unsupported("third-party sign-in"));
        }
        let (filter, values, target) = account_key(&body)?;
        let connection = db.lock();
        let found = find_customer(&connection, filter, &values).map_err(internal)?;
        let password = text(&body, "loginPwd");
        let code = text(&body, "verifyCode").zip(text(&body, "sendToken"));
        let id = match (found, password, code) {
            (Some((id, Some(stored))), Some(given), _) if stored.eq_ignore_ascii_case(given) => id,
            (_, Some(_), _) => return Err(CustomerFailure::WrongCredentials),
            (found, None, Some((code, send_token))) => {
                if !consume_code(&connection, &target, send_token, code).map_err(internal)? {
                    return Err(CustomerFailure::WrongCode);
                }
                found.ok_or(CustomerFailure::WrongCredentials)?.0
            }
            (_, None, None) => return Err(CustomerFailure::CredentialsRequired),
        };
        signed_in(&connection, id).map_err(internal)
    })();
    answer(&headers, result)
}

async fn register(State(db): State<Db>, headers: HeaderMap, body: Bytes) -> axum::Json<Value> {
    let result = (|| {
        check_headers(&headers)?;
        let body = parse_body(&body)?;
        let (filter, values, target) = account_key(&body)?;
        let (code, send_token) = text(&body, "verifyCode")
            .zip(text(&body, "sendToken"))
            .ok_or_else(|| {
                CustomerFailure::BadRequest("verifyCode and sendToken are required".into())
            })?;
        let country = text(&body, "country")
            .ok_or_else(|| CustomerFailure::BadRequest("country is required".into()))?
            .to_owned();
        let connection = db.lock();
        if find_customer(&connection, filter, &values)
            .map_err(internal)?
            .is_some()
        {
            return Err(CustomerFailure::AccountExists);
        }
        if !consume_code(&connection, &target, send_token, code).map_err(internal)? {
            return Err(CustomerFailure::WrongCode);
        }
        let email = (int(&body, "type") == Some(1)).then(|| values[0].clone());
        let phone = (int(&body, "type") == Some(2)).then(|| (values[0].clone(), values[1].clone()));
        let id = insert_customer(
            &connection,
            &NewCustomer {
                email,
                phone_area: phone.as_ref().map(|(area, _)| area.clone()),
                phone: phone.map(|(_, number)| number),
                login_pwd_md5: text(&body, "pwd").map(str::to_lowercase),
                country,
                register_source: int(&body, "registerSource").unwrap_or(9),
            },
        )
        .map_err(internal)?;
        customer_json(&connection, id).map_err(internal)
    })();
    answer(&headers, result)
}

async fn check_phone(State(db): State<Db>, headers: HeaderMap, body: Bytes) -> axum::Json<Value> {
    let result = (|| {
        check_headers(&headers)?;
        let body = parse_body(&body)?;
        let phone = text(&body, "phone")
            // No phone number is longer than 15 digits (ITU E.164).
            .filter(|p| (5..=15).contains(&p.len()) && p.chars().all(|c| c.is_ascii_digit()))
            .ok_or_else(|| CustomerFailure::BadRequest("phone must be 5 to 15 digits".into()))?;
        let area = text(&body, "phoneArea").unwrap_or("+86");
        let connection = db.lock();
        let values = [area.to_owned(), phone.to_owned()];
        match find_customer(&connection, "phone_area = ?1 AND phone = ?2", &values)
            .map_err(internal)?
        {
            Some(_) => Err(CustomerFailure::AccountExists),
            None => Ok(Value::Null),
        }
    })();
    answer(&headers, result)
}

/// A new session for the customer: its token and refresh token.
fn open_session(connection: &Connection, id: i64) -> rusqlite::Result<(String, String)> {
    let token = format!("{}app", uuid::Uuid::new_v4());
    let r_token = uuid::Uuid::new_v4().simple().to_string();
    connection.execute(
        "INSERT INTO sessions (token, r_token, customer_id, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![token, r_token, id, now_ms()],
    )?;
    Ok((token, r_token))
}

/// A new session for the customer, answered as A1 login's `data`.
fn signed_in(connection: &Connection, id: i64) -> rusqlite::Result<Value> {
    let (token, r_token) = open_session(connection, id)?;
    let mut customer = customer_json(connection, id)?;
    customer["token"] = json!(token);
    customer["rToken"] = json!(r_token);
    Ok(customer)
}

/// The customer as A1 and A2 answer it. `companyType` names the active trading account
/// (`real` or `demo`), which also leads `accountList`.
fn customer_json(connection: &Connection, id: i64) -> rusqlite::Result<Value> {
    let mut customer = connection.query_row(
        "SELECT customer_no, email, phone_area, phone, country, register_source, register_time,
                login_pwd_md5 IS NOT NULL, active_account
         FROM customers WHERE id = ?1",
        [id],
        |row| {
            Ok(json!({
                "id": id,
                "customerNo": row.get::<_, String>(0)?,
                "email": row.get::<_, Option<String>>(1)?,
                "phoneArea": row.get::<_, Option<String>>(2)?,
                "phone": row.get::<_, Option<String>>(3)?,
                "country": row.get::<_, String>(4)?,
                "registerSource": row.get::<_, i64>(5)?,
                "registerTime": row.get::<_, i64>(6)?,
                "loginPassStatus": if row.get::<_, bool>(7)? { "2" } else { "1" },
                "companyType": row.get::<_, String>(8)?,
                "companyId": 1,
                "status": 6,
                "kycStatus": 1,
            }))
        },
    )?;
    let mut statement = connection.prepare(
        "SELECT account_id, kind, currency, balance, digits FROM trading_accounts
         WHERE customer_id = ?1
         ORDER BY kind = (SELECT active_account FROM customers WHERE id = ?1) DESC, account_id",
    )?;
    let accounts = statement
        .query_map([id], |row| {
            let balance: String = row.get(3)?;
            Ok(json!({
                "accountId": row.get::<_, i64>(0)?,
                "customerId": id,
                "type": if row.get::<_, String>(1)? == "real" { 1 } else { 2 },
                "currency": row.get::<_, String>(2)?,
                "balance": balance,
                "equity": balance,
                "available": balance,
                "netAssets": balance,
                "frozen": "0.0000",
                "digits": row.get::<_, i64>(4)?,
                "openAccountStatus": true,
            }))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    customer["accountList"] = Value::Array(accounts);
    Ok(customer)
}

fn internal(error: rusqlite::Error) -> CustomerFailure {
    tracing::error!(%error, "sandbox database");
    CustomerFailure::BadRequest(format!("sandbox database error: {error}"))
}

/// How long the one-time tokens of password retrieval (A5) and of A10 stay usable.
const TICKET_TTL_MS: i64 = 15 * 60 * 1000;

/// What a one-time token is for; one kind never works as the other.
#[derive(Clone, Copy)]
enum Ticket {
    RetrievePwd,
    Temporary,
}

impl Ticket {
    fn purpose(self) -> &'static str {
        match self {
            Ticket::RetrievePwd => "retrieve_pwd",
            Ticket::Temporary => "temporary",
        }
    }
}

fn issue_ticket(connection: &Connection, id: i64, ticket: Ticket) -> rusqlite::Result<String> {
    let token = uuid::Uuid::new_v4().simple().to_string();
    connection.execute(
        "INSERT INTO customer_tickets (token, customer_id, purpose, expires_at)
         VALUES (?1, ?2, ?3, ?4)",
        params![token, id, ticket.purpose(), now_ms() + TICKET_TTL_MS],
    )?;
    Ok(token)
}

/// Uses up a one-time token: its customer, when it was issued for this purpose and is unused
/// and unexpired.
fn redeem_ticket(
    connection: &Connection,
    token: &str,
    ticket: Ticket,
) -> Result<i64, CustomerFailure> {
    let customer: Option<i64> = connection
        .query_row(
            "UPDATE customer_tickets SET used = 1
             WHERE token = ?1 AND purpose = ?2 AND used = 0 AND expires_at > ?3
             RETURNING customer_id",
            params![token, ticket.purpose(), now_ms()],
            |row| row.get(0),
        )
        .optional()
        .map_err(internal)?;
    customer.ok_or(CustomerFailure::TokenInvalid)
}

/// The customer of a live session token.
fn session_customer(connection: &Connection, token: &str) -> rusqlite::Result<Option<i64>> {
    connection
        .query_row(
            "SELECT customer_id FROM sessions WHERE token = ?1",
            [token],
            |row| row.get(0),
        )
        .optional()
}

/// The customer signed in with the `token` header, for the calls that need a login.
fn signed_in_customer(
    connection: &Connection,
    headers: &HeaderMap,
) -> Result<i64, CustomerFailure> {
    let token = headers
        .get("token")
        .and_then(|v| v.to_str().ok())
        .filter(|t| !t.is_empty())
        .ok_or(CustomerFailure::TokenInvalid)?;
    session_customer(connection, token)
        .map_err(internal)?
        .ok_or(CustomerFailure::TokenInvalid)
}

/// The answer of a call that needs a login. The seeds document no code for a missing or dead
/// session, so it is answered with HTTP 401 (and code 10005 in the envelope): the client then
/// knows the session is gone.
fn answer_signed_in(
    headers: &HeaderMap,
    result: Result<Value, CustomerFailure>,
) -> (StatusCode, axum::Json<Value>) {
    let status = match &result {
        Err(CustomerFailure::TokenInvalid) => StatusCode::UNAUTHORIZED,
        _ => StatusCode::OK,
    };
    (status, answer(headers, result))
}

/// A login password as family A sends it: the lowercase hex MD5 of the plain text.
fn password_md5_param(body: &Value, key: &str) -> Result<String, CustomerFailure> {
    text(body, key)
        .filter(|p| p.len() == 32 && p.chars().all(|c| c.is_ascii_hexdigit()))
        .map(str::to_lowercase)
        .ok_or_else(|| CustomerFailure::BadRequest(format!("{key} must be an MD5 in hex")))
}

/// A3: whether tokens are still good, as the seed lays the call out: the `token` header is the
/// login's (optional, the call being open to guests) and the body's `token` an e-mail link's.
/// The sandbox sends no e-mail, so the link tokens it knows are its one-time tokens (A5's and
/// A10's); a session token in the body is no link token. A dead session in the header is HTTP
/// 401, as for every call that carries one; a bad link token is a business refusal.
async fn check_token(
    State(db): State<Db>,
    headers: HeaderMap,
    body: Bytes,
) -> (StatusCode, axum::Json<Value>) {
    let result = (|| {
        check_headers(&headers)?;
        let body = parse_body(&body)?;
        let link_token = text(&body, "token");
        let has_session = headers.get("token").is_some();
        if link_token.is_none() && !has_session {
            return Err(CustomerFailure::BadRequest(
                "token is required: the login's as a header, or an e-mail link's in the body"
                    .into(),
            ));
        }
        let connection = db.lock();
        if has_session {
            signed_in_customer(&connection, &headers)?;
        }
        if let Some(link_token) = link_token {
            let live: bool = connection
                .query_row(
                    "SELECT EXISTS (SELECT 1 FROM customer_tickets
                                    WHERE token = ?1 AND used = 0 AND expires_at > ?2)",
                    params![link_token, now_ms()],
                    |row| row.get(0),
                )
                .map_err(internal)?;
            if !live {
                return Err(CustomerFailure::LinkTokenInvalid);
            }
        }
        Ok(json!({}))
    })();
    answer_signed_in(&headers, result)
}

/// A5: step 1 of password retrieval. The SMS code proves the phone; the answer is the one-time
/// token for step 2, as `data.token`.
async fn check_phone_for_retrieval(
    State(db): State<Db>,
    headers: HeaderMap,
    body: Bytes,
) -> axum::Json<Value> {
    let result = (|| {
        check_headers(&headers)?;
        let body = parse_body(&body)?;
        let phone = text(&body, "phone")
            .ok_or_else(|| CustomerFailure::BadRequest("phone is required".into()))?;
        let area = text(&body, "phoneArea").unwrap_or("+86");
        let (code, send_token) = text(&body, "smsVerifyCode")
            .zip(text(&body, "smsSendToken"))
            .ok_or_else(|| {
                CustomerFailure::BadRequest("smsVerifyCode and smsSendToken are required".into())
            })?;
        let connection = db.lock();
        let values = [area.to_owned(), phone.to_owned()];
        let (id, _) = find_customer(&connection, "phone_area = ?1 AND phone = ?2", &values)
            .map_err(internal)?
            .ok_or(CustomerFailure::NoSuchAccount)?;
        let target = sms_target(Some((area, phone)), None);
        if !consume_code(&connection, &target, send_token, code).map_err(internal)? {
            return Err(CustomerFailure::WrongCode);
        }
        let token = issue_ticket(&connection, id, Ticket::RetrievePwd).map_err(internal)?;
        Ok(json!({"token": token}))
    })();
    answer(&headers, result)
}

/// A6: step 2, the new password with step 1's token, which works once. Every session of the
/// customer ends: whoever knew the old password is signed out.
async fn retrieve_login_pwd(
    State(db): State<Db>,
    headers: HeaderMap,
    body: Bytes,
) -> axum::Json<Value> {
    let result = (|| {
        check_headers(&headers)?;
        let body = parse_body(&body)?;
        let token = text(&body, "token")
            .ok_or_else(|| CustomerFailure::BadRequest("token is required".into()))?;
        let password = password_md5_param(&body, "loginPwd")?;
        let connection = db.lock();
        let id = redeem_ticket(&connection, token, Ticket::RetrievePwd)?;
        connection
            .execute(
                "UPDATE customers SET login_pwd_md5 = ?1 WHERE id = ?2",
                params![password, id],
            )
            .and_then(|_| connection.execute("DELETE FROM sessions WHERE customer_id = ?1", [id]))
            .map_err(internal)?;
        Ok(json!({}))
    })();
    answer(&headers, result)
}

/// A7: the first password of an account created without one. The token is the session of its
/// SMS-code sign-in (the step before); it is replaced by a new session, answered as A1's.
async fn first_set_login_pwd(
    State(db): State<Db>,
    headers: HeaderMap,
    body: Bytes,
) -> axum::Json<Value> {
    let result = (|| {
        check_headers(&headers)?;
        let body = parse_body(&body)?;
        if !int(&body, "device").is_some_and(|d| (1..=9).contains(&d)) {
            return Err(CustomerFailure::BadRequest("device must be 1 to 9".into()));
        }
        let token = text(&body, "token")
            .ok_or_else(|| CustomerFailure::BadRequest("token is required".into()))?;
        let password = password_md5_param(&body, "loginPwd")?;
        let connection = db.lock();
        let id = session_customer(&connection, token)
            .map_err(internal)?
            .ok_or(CustomerFailure::TokenInvalid)?;
        let updated = connection
            .execute(
                "UPDATE customers SET login_pwd_md5 = ?1 WHERE id = ?2 AND login_pwd_md5 IS NULL",
                params![password, id],
            )
            .map_err(internal)?;
        if updated == 0 {
            return Err(CustomerFailure::PasswordAlreadySet);
        }
        connection
            .execute("DELETE FROM sessions WHERE token = ?1", [token])
            .map_err(internal)?;
        signed_in(&connection, id).map_err(internal)
    })();
    answer(&headers, result)
}

/// A8: flips the signed-in customer between the real and the demo trading account; A1's next
/// answer shows it (`companyType`, the order of `accountList`).
async fn switch_account(State(db): State<Db>, headers: HeaderMap) -> impl IntoResponse {
    let result = (|| {
        check_headers_named(&headers, &["companyId", "trace", "lang"])?;
        let connection = db.lock();
        let id = signed_in_customer(&connection, &headers)?;
        connection
            .execute(
                "UPDATE customers SET active_account =
                     CASE active_account WHEN 'real' THEN 'demo' ELSE 'real' END
                 WHERE id = ?1",
                [id],
            )
            .map_err(internal)?;
        Ok(json!({}))
    })();
    answer_signed_in(&headers, result)
}

/// The demo account's balance when it is opened and after A9.
const DEMO_BALANCE: &str = "100000.0000";

/// A9: the signed-in customer's demo account back to its opening balance.
async fn reset_account(State(db): State<Db>, headers: HeaderMap) -> impl IntoResponse {
    let result = (|| {
        check_headers(&headers)?;
        let connection = db.lock();
        let id = signed_in_customer(&connection, &headers)?;
        connection
            .execute(
                "UPDATE trading_accounts SET balance = ?1 WHERE customer_id = ?2 AND kind = 'demo'",
                params![DEMO_BALANCE, id],
            )
            .map_err(internal)?;
        Ok(json!({}))
    })();
    answer_signed_in(&headers, result)
}

/// A10: a temporary token (the `token` header), used once, exchanged for a session token,
/// which is the whole `data`.
async fn random_key(State(db): State<Db>, headers: HeaderMap) -> axum::Json<Value> {
    let result = (|| {
        check_headers_named(&headers, &["companyId", "trace", "lang"])?;
        let token = headers
            .get("token")
            .and_then(|v| v.to_str().ok())
            .filter(|t| !t.is_empty())
            .ok_or(CustomerFailure::TokenInvalid)?;
        let connection = db.lock();
        let id = redeem_ticket(&connection, token, Ticket::Temporary)?;
        let (session, _) = open_session(&connection, id).map_err(internal)?;
        Ok(json!(session))
    })();
    answer(&headers, result)
}

/// `POST /__sandbox/temp-token`, optionally with `{customerNo}` (the demo customer by
/// default): issues the one-time temporary token A10 exchanges, as another system would hand
/// it to the app.
async fn issue_temporary_token(
    State(db): State<Db>,
    body: Bytes,
) -> (StatusCode, axum::Json<Value>) {
    let request = if body.iter().all(u8::is_ascii_whitespace) {
        Value::Null
    } else {
        match serde_json::from_slice::<Value>(&body) {
            Ok(value) => value,
            Err(error) => {
                return (
                    StatusCode::BAD_REQUEST,
                    axum::Json(json!({"error": error.to_string()})),
                );
            }
        }
    };
    let connection = db.lock();
    let found = match text(&request, "customerNo") {
        Some(number) => find_customer(&connection, "customer_no = ?1", &[number.to_owned()]),
        None => find_customer(&connection, "email = ?1", &[DEMO_EMAIL.to_owned()]),
    };
    let issued = found.and_then(|found| {
        found
            .map(|(id, _)| issue_ticket(&connection, id, Ticket::Temporary))
            .transpose()
    });
    match issued {
        Ok(Some(token)) => (
            StatusCode::OK,
            axum::Json(json!({"token": token, "expiresInSeconds": TICKET_TTL_MS / 1000})),
        ),
        Ok(None) => (
            StatusCode::NOT_FOUND,
            axum::Json(json!({"error": "no such customer"})),
        ),
        Err(error) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            axum::Json(json!({"error": error.to_string()})),
        ),
    }
}

/// `POST /__sandbox/account-balance` with `{accountId, balance}`: sets a trading account's
/// balance, as trading would, so a tester can see A9 reset the demo account.
async fn set_balance(State(db): State<Db>, body: Bytes) -> (StatusCode, axum::Json<Value>) {
    let request = serde_json::from_slice::<Value>(&body).unwrap_or(Value::Null);
    let account = int(&request, "accountId");
    let balance = text(&request, "balance").filter(|b| b.parse::<f64>().is_ok_and(f64::is_finite));
    let (Some(account), Some(balance)) = (account, balance) else {
        return (
            StatusCode::BAD_REQUEST,
            axum::Json(json!({"error": "give accountId and balance (a decimal string)"})),
        );
    };
    let updated = db.lock().execute(
        "UPDATE trading_accounts SET balance = ?1 WHERE account_id = ?2",
        params![balance, account],
    );
    match updated {
        Ok(0) => (
            StatusCode::NOT_FOUND,
            axum::Json(json!({"error": "no such account"})),
        ),
        Ok(_) => (
            StatusCode::OK,
            axum::Json(json!({"accountId": account, "balance": balance})),
        ),
        Err(error) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            axum::Json(json!({"error": error.to_string()})),
        ),
    }
}
