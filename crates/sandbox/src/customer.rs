//! Family A, the customer API: registration and sign-in with a password or an SMS code, each
//! customer with a real and a demo trading account.

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::routing::post;
use md5::{Digest, Md5};
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::{Value, json};

use crate::db::Db;
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
    for (kind, balance) in [("real", "10000.0000"), ("demo", "100000.0000")] {
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
    for name in ["version", "companyId", "trace", "lang"] {
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
            .filter(|p| p.len() >= 5 && p.chars().all(|c| c.is_ascii_digit()))
            .ok_or_else(|| CustomerFailure::BadRequest("phone must be digits".into()))?;
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

/// A new session for the customer, answered as A1 login's `data`.
fn signed_in(connection: &Connection, id: i64) -> rusqlite::Result<Value> {
    let token = format!("{}app", uuid::Uuid::new_v4());
    let r_token = uuid::Uuid::new_v4().simple().to_string();
    connection.execute(
        "INSERT INTO sessions (token, r_token, customer_id, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![token, r_token, id, now_ms()],
    )?;
    let mut customer = customer_json(connection, id)?;
    customer["token"] = json!(token);
    customer["rToken"] = json!(r_token);
    Ok(customer)
}

fn customer_json(connection: &Connection, id: i64) -> rusqlite::Result<Value> {
    let mut customer = connection.query_row(
        "SELECT customer_no, email, phone_area, phone, country, register_source, register_time,
                login_pwd_md5 IS NOT NULL
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
                "companyType": "real",
                "companyId": 1,
                "status": 6,
                "kycStatus": 1,
            }))
        },
    )?;
    let mut statement = connection.prepare(
        "SELECT account_id, kind, currency, balance, digits FROM trading_accounts
         WHERE customer_id = ?1 ORDER BY account_id",
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
