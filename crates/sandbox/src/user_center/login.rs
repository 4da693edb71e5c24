//! Sign-in (登录接口) under `/front/account/login/`: password and SMS login, registration,
//! logout, new passwords and the privacy policy.
//!
//! Codes come from the sandbox's SMS helper (`POST /__sandbox/sms`): `verifyKey` (验证码KEY) is
//! the `sendToken` it answered and nothing else; an account name, phone number or e-mail
//! address there is a bad parameter. Mobile numbers are taken as +86 ones, the user centre
//! having no area-code parameter. `bindType` (the seed's `BindConnectCode`, values undocumented) is
//! read as 1 mobile, 2 e-mail; without it, an account with `@` is an e-mail address.
//! `encrypt=true` means the password is the MD5 hex of the plain one, as family A sends it.

use axum::Router;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::get;
use rusqlite::Connection;
use serde_json::json;

use super::{
    NewUser, Params, Q, bad, bearer, find_user, guest, insert_user, open_session, password_matches,
    password_md5, set_password,
};
use crate::db::{DEMO_PHONE_AREA, Db};
use crate::envelope::UserCenterFailure;
use crate::tools::{consume_code, issued_target, sms_target};

pub fn routes() -> Router<Db> {
    const LOGIN: &str = "/front/account/login";
    Router::new()
        .route(
            &format!("{LOGIN}/doSmsLogin"),
            get(sms_login).post(sms_login),
        )
        .route(&format!("{LOGIN}/login"), get(login).post(login))
        .route(&format!("{LOGIN}/logout"), get(logout).post(logout))
        .route(&format!("{LOGIN}/protocol"), get(protocol))
        .route(&format!("{LOGIN}/register"), get(register).post(register))
        .route(
            &format!("{LOGIN}/setNewPassword"),
            get(set_new_password).post(set_new_password),
        )
}

/// An account name as an SMS target: an e-mail address or a +86 mobile number.
pub(super) fn account_target(
    account: &str,
    bind_type: Option<i64>,
) -> Result<String, UserCenterFailure> {
    match bind_type {
        Some(2) => Ok(sms_target(None, Some(account))),
        Some(1) => Ok(sms_target(Some((DEMO_PHONE_AREA, account)), None)),
        None if account.contains('@') => Ok(sms_target(None, Some(account))),
        None => Ok(sms_target(Some((DEMO_PHONE_AREA, account)), None)),
        Some(other) => Err(bad(format!(
            "bindType {other} is not 1 (mobile) or 2 (e-mail)"
        ))),
    }
}

/// Whom the code of `verifyKey` was sent to. The key must be a send token the sandbox
/// issued (used or expired ones included, whose codes are then wrong); anything else is a bad
/// parameter.
pub(super) fn key_target(
    connection: &Connection,
    params: &Params,
) -> Result<String, UserCenterFailure> {
    let key = params.required("verifyKey")?;
    issued_target(connection, key)?
        .ok_or_else(|| bad("verifyKey must be the sendToken answered when the code was sent"))
}

/// Uses up the code in `verifyCode`/`verifyKey`, which must have been sent to `target`.
pub(super) fn use_code(
    connection: &Connection,
    params: &Params,
    target: &str,
) -> Result<(), UserCenterFailure> {
    let code = params.required("verifyCode")?;
    key_target(connection, params)?;
    let key = params.required("verifyKey")?;
    if consume_code(connection, target, key, code)? {
        Ok(())
    } else {
        Err(UserCenterFailure::WrongCode)
    }
}

/// The password parameter reduced to its MD5 hex (see [`password_md5`]).
fn given_password(params: &Params, key: &str) -> Result<Option<String>, UserCenterFailure> {
    let encrypted = params.flag("encrypt")?.unwrap_or(false);
    Ok(params.password(key).map(|p| password_md5(p, encrypted)))
}

/// `userAccount` + `password`. `verifyCode`/`verifyKey` are an image captcha the sandbox never
/// asks for, so they are ignored here.
async fn login(State(db): State<Db>, headers: HeaderMap, query: Q) -> Response {
    guest(&db, &headers, query, |connection, _, params| {
        let account = params.required("userAccount")?;
        let password =
            given_password(params, "password")?.ok_or_else(|| bad("password is required"))?;
        match find_user(connection, account)? {
            Some(user) if password_matches(connection, user, &password)? => {
                open_session(connection, user)
            }
            _ => Err(UserCenterFailure::WrongPassword),
        }
    })
}

/// `userAccount` (a mobile number or e-mail address) + an SMS code. An unknown account is
/// "not found" and its code stays unused.
async fn sms_login(State(db): State<Db>, headers: HeaderMap, query: Q) -> Response {
    guest(&db, &headers, query, |connection, _, params| {
        let account = params.required("userAccount")?;
        let target = account_target(account, params.int("bindType")?)?;
        let user = find_user(connection, account)?.ok_or(UserCenterFailure::NotFound("账号"))?;
        use_code(connection, params, &target)?;
        open_session(connection, user)
    })
}

/// A new account for a mobile number or e-mail address proved by a code, signed in at once.
/// The password is optional: such an account signs in with SMS codes until it sets one.
async fn register(State(db): State<Db>, headers: HeaderMap, query: Q) -> Response {
    guest(&db, &headers, query, |connection, _, params| {
        let account = params.required("userAccount")?;
        let target = account_target(account, params.int("bindType")?)?;
        let is_email = target.starts_with("email:");
        let is_mobile = account.len() >= 5 && account.chars().all(|c| c.is_ascii_digit());
        if !(is_email || is_mobile) {
            return Err(bad(
                "userAccount must be a mobile number or an e-mail address",
            ));
        }
        if find_user(connection, account)?.is_some() {
            return Err(UserCenterFailure::Exists("账号"));
        }
        use_code(connection, params, &target)?;
        let user = insert_user(
            connection,
            &NewUser {
                account: account.to_owned(),
                mobile: (!is_email).then(|| account.to_owned()),
                email: is_email.then(|| account.to_owned()),
                openid: None,
                password_md5: given_password(params, "password")?,
                nickname: None,
                from: 2313,
            },
        )?;
        open_session(connection, user)
    })
}

/// Ends the session the request carries; without one (or with a dead one) there is nothing to
/// end, which is no error. `data.token` is null: the session has none any more.
async fn logout(State(db): State<Db>, headers: HeaderMap, query: Q) -> Response {
    let token = bearer(&headers).map(str::to_owned);
    guest(&db, &headers, query, |connection, _, _| {
        if let Some(token) = token {
            connection.execute("DELETE FROM uc_sessions WHERE token = ?1", [token])?;
        }
        Ok(json!({"token": null}))
    })
}

/// Two flows. Forgotten password: a code proves who it is (`verifyKey`, and the account it
/// was sent to; no session needed). Change of password: the session says whose, and
/// `oldPassword` must be right. Other sessions stay open.
async fn set_new_password(State(db): State<Db>, headers: HeaderMap, query: Q) -> Response {
    guest(&db, &headers, query, |connection, user, params| {
        let new = given_password(params, "password")?.ok_or_else(|| bad("password is required"))?;
        let user = if params.text("verifyCode").is_some() {
            let target = key_target(connection, params)?;
            let account = target.split_once(':').map_or("", |(_, rest)| rest);
            let account = account.strip_prefix(DEMO_PHONE_AREA).unwrap_or(account);
            let user =
                find_user(connection, account)?.ok_or(UserCenterFailure::NotFound("账号"))?;
            use_code(connection, params, &target)?;
            user
        } else {
            let user = user.ok_or(UserCenterFailure::Unauthorized)?;
            let old = given_password(params, "oldPassword")?
                .ok_or_else(|| bad("oldPassword or verifyCode is required"))?;
            if !password_matches(connection, user, &old)? {
                return Err(UserCenterFailure::WrongPassword);
            }
            user
        };
        set_password(connection, user, &new)?;
        Ok(json!({}))
    })
}

/// The privacy policy. `document_type` may be left out or name the privacy policy
/// (`privacy`, …); English is chosen by `protocols_key` or `document_type` ending in `_en`
/// (or `-en`, `en-US`), else by an `Accept-Language` starting with `en`; Chinese otherwise.
async fn protocol(State(db): State<Db>, headers: HeaderMap, query: Q) -> Response {
    let accepts_english = headers
        .get("accept-language")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim().to_ascii_lowercase().starts_with("en"));
    guest(&db, &headers, query, |_, _, params| {
        let document_type = params
            .text("document_type")
            .unwrap_or("privacy")
            .to_ascii_lowercase();
        if !(document_type.contains("privacy") || document_type.contains("隐私")) {
            return Err(UserCenterFailure::NotFound("文档"));
        }
        let english_key = |key: &str| {
            params.text(key).is_some_and(|v| {
                let v = v.to_ascii_lowercase();
                v.ends_with("_en")
                    || v.ends_with("-en")
                    || v.ends_with("en-us")
                    || v.ends_with("en_us")
                    || v == "en"
            })
        };
        let english =
            english_key("protocols_key") || english_key("document_type") || accepts_english;
        let document = if english { PRIVACY_EN } else { PRIVACY_ZH };
        Ok(json!({"document": document, "state": 1}))
    })
}

const PRIVACY_ZH: &str = "LCS 账户隐私政策

更新日期：2026年1月1日

我们非常重视您的个人信息和隐私保护。本政策说明我们如何收集、使用、存储和保护您的信息。

一、我们收集的信息
1. 注册和登录时您提供的手机号码、电子邮箱和密码（密码仅以加密形式保存）。
2. 您在使用服务时填写的昵称、头像、生日、收货地址和发票信息。
3. 实名认证时您提交的真实姓名、身份证号码及证件照片。
4. 为保障账户安全所需的设备信息和登录日志。

二、我们如何使用信息
1. 为您提供账户注册、登录、身份验证和客户服务。
2. 处理订单配送、开具发票及向您发送服务通知。
3. 识别异常登录，防范欺诈，保障您的账户和资金安全。
未经您的同意，我们不会将您的信息用于本政策未载明的其他目的。

三、信息的共享与披露
除法律法规要求或获得您的明确同意外，我们不会向第三方出售、出租或共享您的个人信息。

四、信息的存储与保护
您的信息存储于中华人民共和国境内，我们采用加密传输、访问控制等措施保护信息安全，并仅在实现目的所需的期限内保留。

五、您的权利
您可以随时查询、更正或删除您的个人信息，撤回授权同意，或申请注销账户。

六、联系我们
如对本政策有任何疑问，请通过应用内“在线客服”联系我们，我们将在15个工作日内答复。";

const PRIVACY_EN: &str = "LCS Account Privacy Policy

Last updated: 1 January 2026

We take the protection of your personal information and privacy seriously. This policy explains how we collect, use, store and protect your information.

1. Information we collect
- The mobile number, e-mail address and password you give when you register and sign in (passwords are stored only in hashed form).
- The nickname, avatar, birthday, delivery addresses and invoice details you enter while using the service.
- The legal name, identity card number and document images you submit for real-name verification.
- Device information and sign-in records needed to keep your account secure.

2. How we use it
- To register you, sign you in, verify your identity and provide customer service.
- To deliver orders, issue invoices and send you service notices.
- To detect unusual sign-ins and prevent fraud, protecting your account and funds.
We do not use your information for purposes this policy does not state without your consent.

3. Sharing and disclosure
We do not sell, rent or share your personal information with third parties unless the law requires it or you explicitly agree.

4. Storage and protection
Your information is stored in the People's Republic of China, protected by encrypted transport and access controls, and kept only as long as its purpose requires.

5. Your rights
You may at any time view, correct or delete your personal information, withdraw your consent, or ask us to close your account.

6. Contact us
If you have any question about this policy, contact us through \"Customer service\" in the app; we answer within 15 working days.";

#[cfg(test)]
mod tests {
    use super::account_target;

    #[test]
    fn accounts_name_their_sms_targets() {
        assert_eq!(
            account_target("13800000001", None).unwrap(),
            "phone:+8613800000001"
        );
        assert_eq!(
            account_target("A@B.test", Some(2)).unwrap(),
            "email:a@b.test"
        );
        assert_eq!(account_target("a@b.test", None).unwrap(), "email:a@b.test");
        assert!(account_target("x", Some(7)).is_err());
    }
}
