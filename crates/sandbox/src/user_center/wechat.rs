//! WeChat (微信) under `/front/account/wechat/`. QR-code login is real: `getQrCode` makes a
//! code (and its picture), `checkAppLogin` says `pending` until someone confirms it, then
//! answers a session once. Confirming is what the person scanning does in WeChat; in the
//! sandbox it is `POST /__sandbox/qr/confirm` with `{code, userAccount}`.
//! The other calls are WeChat's own callbacks and mini-program exchanges, answered plausibly:
//! WeChat's one-time codes map to stable sandbox openids.

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use base64::Engine;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Deserialize;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::{NewUser, Q, bad, find_user, guest, insert_user, open_session};
use crate::db::{DEMO_PHONE, Db};
use crate::envelope::UserCenterFailure;
use crate::tools::{HelperError, HelperJson, now_ms};

/// How long a QR code can be scanned.
const QR_TTL_MS: i64 = 5 * 60 * 1000;
/// The sandbox's WeChat app id.
const APP_ID: &str = "wx5a9e3f0c1b2d4e6f";

pub fn routes() -> Router<Db> {
    const WECHAT: &str = "/front/account/wechat";
    Router::new()
        .route(&format!("{WECHAT}/callbackMessage"), get(callback_message))
        .route(&format!("{WECHAT}/callbackMp"), get(callback_mp))
        .route(&format!("{WECHAT}/callbackPc"), get(callback_pc))
        .route(&format!("{WECHAT}/checkAppLogin"), get(check_app_login))
        .route(&format!("{WECHAT}/getOpenIdByCode"), get(open_id_by_code))
        .route(&format!("{WECHAT}/getQrCode"), get(qr_code))
        .route(
            &format!("{WECHAT}/getUserPhoneNumber"),
            get(user_phone_number),
        )
        .route(
            &format!("{WECHAT}/getXcxAccessToken"),
            get(xcx_access_token),
        )
        .route(&format!("{WECHAT}/index"), get(index))
        .route(&format!("{WECHAT}/jsCode2Session"), get(js_code_to_session))
        .route(
            &format!("{WECHAT}/redirectToWxCode"),
            get(redirect_to_wx_code),
        )
        .route(&format!("{WECHAT}/wxConfig"), get(wx_config))
        .route("/__sandbox/qr/confirm", post(confirm))
}

fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// The openid WeChat would give for a one-time `code`: stable, so a code always means the same
/// WeChat user.
fn openid(code: &str) -> String {
    format!("oSbx{}", &sha256_hex(code)[..24])
}

/// A new QR login code and its picture: a 21×21 QR-like SVG (finder squares and a pattern
/// drawn from the code), as a data URL, plus the URL it stands for.
async fn qr_code(State(db): State<Db>, headers: HeaderMap, query: Q) -> Response {
    guest(&db, &headers, query, |connection, _, _| {
        let code = uuid::Uuid::new_v4().simple().to_string();
        connection.execute(
            "INSERT INTO uc_wechat_qr (code, created_at) VALUES (?1, ?2)",
            params![code, now_ms()],
        )?;
        let url = format!(
            "https://open.weixin.qq.com/connect/qrconnect?appid={APP_ID}&response_type=code&scope=snsapi_login&state={code}"
        );
        let svg = qr_svg(&sha256_hex(&code));
        let image = format!(
            "data:image/svg+xml;base64,{}",
            base64::engine::general_purpose::STANDARD.encode(svg)
        );
        Ok(json!({
            "code": code,
            "qr_url": url,
            "qr_image": image,
            "expires_in": QR_TTL_MS / 1000,
        }))
    })
}

/// A QR-looking picture: the three finder squares of a version-1 code, the rest of the 21×21
/// modules taken from `bits` (hex).
fn qr_svg(bits: &str) -> String {
    const SIZE: usize = 21;
    let finder = |x: usize, y: usize| {
        [(0, 0), (SIZE - 7, 0), (0, SIZE - 7)]
            .iter()
            .find_map(|&(fx, fy)| {
                let (dx, dy) = (x.wrapping_sub(fx), y.wrapping_sub(fy));
                (dx < 7 && dy < 7).then(|| {
                    let ring = dx.min(dy).min(6 - dx).min(6 - dy);
                    ring != 1
                })
            })
    };
    let nibbles: Vec<u32> = bits.chars().filter_map(|c| c.to_digit(16)).collect();
    let mut modules = String::new();
    for y in 0..SIZE {
        for x in 0..SIZE {
            let index = y * SIZE + x;
            let dark = finder(x, y).unwrap_or_else(|| {
                let nibble = nibbles
                    .get((index / 4) % nibbles.len().max(1))
                    .copied()
                    .unwrap_or(0);
                nibble >> (index % 4) & 1 == 1
            });
            if dark {
                modules.push_str(&format!("M{} {}h1v1h-1z", x + 2, y + 2));
            }
        }
    }
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 25 25\" width=\"200\" height=\"200\" shape-rendering=\"crispEdges\"><rect width=\"25\" height=\"25\" fill=\"#fff\"/><path d=\"{modules}\" fill=\"#000\"/></svg>"
    )
}

/// `{status: "pending"}` until the code is confirmed, then `{status: "confirmed", token,
/// user_id}` once; a used, expired or unknown code is 1003.
async fn check_app_login(State(db): State<Db>, headers: HeaderMap, query: Q) -> Response {
    guest(&db, &headers, query, |connection, _, params| {
        let code = params.required("code")?;
        let (state, user) = live_code(connection, code)?;
        match (state.as_str(), user) {
            ("confirmed", Some(user)) => {
                connection.execute(
                    "UPDATE uc_wechat_qr SET state = 'used' WHERE code = ?1",
                    [code],
                )?;
                let mut session = open_session(connection, user)?;
                session["status"] = json!("confirmed");
                Ok(session)
            }
            _ => Ok(json!({"status": "pending"})),
        }
    })
}

/// A QR code's state and confirming user, when it can still be used.
fn live_code(
    connection: &Connection,
    code: &str,
) -> Result<(String, Option<i64>), UserCenterFailure> {
    let found: Option<(String, Option<i64>, i64)> = connection
        .query_row(
            "SELECT state, user_id, created_at FROM uc_wechat_qr WHERE code = ?1",
            [code],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .optional()?;
    match found {
        Some((state, user, created)) if state != "used" && created + QR_TTL_MS > now_ms() => {
            Ok((state, user))
        }
        _ => Err(UserCenterFailure::QrCodeExpired),
    }
}

/// The body of `POST /__sandbox/qr/confirm`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ConfirmRequest {
    /// The QR code's `code`; the newest code still waiting when absent (the one on screen:
    /// the app keeps its codes to itself).
    code: Option<String>,
    /// Whom the scan signs in: a phone number, e-mail address or account name; the first demo
    /// user when absent.
    user_account: Option<String>,
}

/// `POST /__sandbox/qr/confirm` with `{code?, userAccount?}`: the sandbox's stand-in for scanning
/// the QR code and confirming in WeChat as that user. 404 for an unknown user or a code that is
/// unknown, expired or used; 409 for a code confirmed already.
async fn confirm(
    State(db): State<Db>,
    HelperJson(request): HelperJson<ConfirmRequest>,
) -> Result<axum::Json<Value>, HelperError> {
    let connection = db.lock();
    let account = request
        .user_account
        .as_deref()
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .unwrap_or(DEMO_PHONE);
    let user = find_user(&connection, account)?
        .ok_or_else(|| HelperError::not_found(format!("no user-centre user {account:?}")))?;
    let newest = || -> Result<String, HelperError> {
        connection
            .query_row(
                "SELECT code FROM uc_wechat_qr WHERE state = 'pending' AND created_at > ?1
                 ORDER BY created_at DESC, rowid DESC LIMIT 1",
                [now_ms() - QR_TTL_MS],
                |row| row.get(0),
            )
            .optional()?
            .ok_or_else(|| HelperError::not_found("no QR code is waiting to be scanned"))
    };
    let code = match request.code.as_deref().map(str::trim) {
        Some(code) if !code.is_empty() => code.to_owned(),
        _ => newest()?,
    };
    let code = code.as_str();
    let found: Option<(String, i64)> = connection
        .query_row(
            "SELECT state, created_at FROM uc_wechat_qr WHERE code = ?1",
            [code],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    let state = match found {
        Some((state, created)) if state != "used" && created + QR_TTL_MS > now_ms() => state,
        _ => {
            return Err(HelperError::not_found(
                "no such QR code: unknown, expired or already used",
            ));
        }
    };
    if state != "pending" {
        return Err(HelperError::conflict("this QR code is confirmed already"));
    }
    connection.execute(
        "UPDATE uc_wechat_qr SET state = 'confirmed', user_id = ?1 WHERE code = ?2",
        params![user, code],
    )?;
    tracing::info!(%code, user, "sandbox WeChat QR code confirmed");
    Ok(axum::Json(
        json!({"code": code, "user_id": user, "status": "confirmed"}),
    ))
}

/// WeChat's notification callback: acknowledged.
async fn callback_message(State(db): State<Db>, headers: HeaderMap, query: Q) -> Response {
    guest(&db, &headers, query, |_, _, _| Ok(json!({})))
}

/// The official account's OAuth callback: the WeChat user the code stands for.
async fn callback_mp(State(db): State<Db>, headers: HeaderMap, query: Q) -> Response {
    guest(&db, &headers, query, |_, _, params| {
        let code = params.required("code")?;
        Ok(json!({"openid": openid(code), "activity_id": params.text("activity_id")}))
    })
}

/// The web QR login's OAuth callback: a bare `{}` (WeChat's browser is sent on from here).
async fn callback_pc() -> Response {
    axum::Json(json!({})).into_response()
}

async fn open_id_by_code(State(db): State<Db>, headers: HeaderMap, query: Q) -> Response {
    guest(&db, &headers, query, |_, _, params| {
        let code = params.required("code")?;
        Ok(json!({"openid": openid(code), "unionid": format!("uSbx{}", &sha256_hex(code)[24..48])}))
    })
}

/// The mini program's phone number: the signed-in user's, else the demo number.
async fn user_phone_number(State(db): State<Db>, headers: HeaderMap, query: Q) -> Response {
    guest(&db, &headers, query, |connection, user, params| {
        params.required("code")?;
        let mobile: Option<String> = match user {
            Some(user) => connection.query_row(
                "SELECT user_mobile FROM uc_users WHERE user_id = ?1",
                [user],
                |row| row.get(0),
            )?,
            None => None,
        };
        let mobile = mobile.unwrap_or_else(|| DEMO_PHONE.to_owned());
        Ok(json!({
            "phone_number": format!("+86{mobile}"),
            "pure_phone_number": mobile,
            "country_code": "86",
        }))
    })
}

/// The bare access token: the cached one with `useCacheFlag=true`, else a fresh one (which
/// becomes the cached one).
async fn xcx_access_token(State(db): State<Db>, query: Q) -> Response {
    let axum::extract::Query(params) = query;
    let use_cache = params
        .get("useCacheFlag")
        .is_some_and(|v| v == "true" || v == "1");
    let connection = db.lock();
    let result = (|| -> rusqlite::Result<String> {
        let cached: Option<String> = connection
            .query_row(
                "SELECT token FROM uc_wechat_access_token WHERE id = 1",
                [],
                |row| row.get(0),
            )
            .optional()?;
        match cached.filter(|_| use_cache) {
            Some(token) => Ok(token),
            None => {
                let token = format!("sbx_{}", uuid::Uuid::new_v4().simple());
                connection.execute(
                    "INSERT INTO uc_wechat_access_token (id, token, created_at) VALUES (1, ?1, ?2)
                     ON CONFLICT (id) DO UPDATE SET token = ?1, created_at = ?2",
                    params![token, now_ms()],
                )?;
                Ok(token)
            }
        }
    })();
    match result {
        Ok(token) => axum::Json(Value::String(token)).into_response(),
        Err(error) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            UserCenterFailure::from(error).to_string(),
        )
            .into_response(),
    }
}

/// WeChat's server check: echoes `echostr` as plain text when the signature parameters are
/// all there (the sandbox has no WeChat token to check them against); HTTP 403 otherwise.
async fn index(query: Q) -> Response {
    let axum::extract::Query(params) = query;
    let present = |key: &str| params.get(key).is_some_and(|v| !v.trim().is_empty());
    if ["signature", "timestamp", "nonce"]
        .iter()
        .all(|key| present(key))
    {
        params
            .get("echostr")
            .cloned()
            .unwrap_or_default()
            .into_response()
    } else {
        (StatusCode::FORBIDDEN, "signature check failed").into_response()
    }
}

/// Mini-program sign-up: the WeChat user behind `code` gets an account (made on first use)
/// and a session.
async fn js_code_to_session(State(db): State<Db>, headers: HeaderMap, query: Q) -> Response {
    guest(&db, &headers, query, |connection, _, params| {
        let code = params.required("code")?;
        let openid = openid(code);
        let existing: Option<i64> = connection
            .query_row(
                "SELECT user_id FROM uc_users WHERE wechat_openid = ?1",
                [&openid],
                |row| row.get(0),
            )
            .optional()?;
        let nickname = params
            .text("user_info")
            .and_then(|info| serde_json::from_str::<Value>(info).ok())
            .and_then(|info| {
                info.get("nickName")
                    .and_then(Value::as_str)
                    .map(str::to_owned)
            });
        let user = match existing {
            Some(user) => user,
            None => insert_user(
                connection,
                &NewUser {
                    account: format!("wx_{openid}"),
                    mobile: None,
                    email: None,
                    openid: Some(openid.clone()),
                    password_md5: None,
                    nickname,
                    from: 2314,
                },
            )?,
        };
        let mut session = open_session(connection, user)?;
        session["openid"] = json!(openid);
        Ok(session)
    })
}

/// Official-account login's first step: where the browser would be sent, as a bare object.
async fn redirect_to_wx_code() -> Response {
    axum::Json(json!({
        "redirect": format!(
            "https://open.weixin.qq.com/connect/oauth2/authorize?appid={APP_ID}&response_type=code&scope=snsapi_userinfo#wechat_redirect"
        ),
    }))
    .into_response()
}

/// The JS-SDK configuration for the page at `href`, signed the way WeChat signs it (over the
/// ticket, nonce, timestamp and URL) with a sandbox ticket.
async fn wx_config(State(db): State<Db>, headers: HeaderMap, query: Q) -> Response {
    guest(&db, &headers, query, |_, _, params| {
        let href = params.required("href")?;
        if !(href.starts_with("http://") || href.starts_with("https://")) {
            return Err(bad("href must be the page's http(s) URL"));
        }
        let url = href.split('#').next().unwrap_or(href);
        let timestamp = now_ms() / 1000;
        let nonce = uuid::Uuid::new_v4().simple().to_string()[..16].to_owned();
        let signed =
            format!("jsapi_ticket=sandbox-ticket&noncestr={nonce}&timestamp={timestamp}&url={url}");
        Ok(json!({
            "appId": APP_ID,
            "timestamp": timestamp,
            "nonceStr": nonce,
            "signature": &sha256_hex(&signed)[..40],
            "jsApiList": ["updateAppMessageShareData", "updateTimelineShareData", "chooseWXPay"],
        }))
    })
}
