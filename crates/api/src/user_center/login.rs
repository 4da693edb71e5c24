//! Sign-in (登录接口) under `/front/account/login/`: password and SMS login, registration,
//! logout, new passwords and the privacy policy. The seed documents most paths for both GET
//! and POST with the same parameters; each method is its own call, sharing one parameter type.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::lenient;
use crate::secret::Secret;
use crate::{endpoint, get_and_post};

/// The account form the seed documents for SMS login and registration, and for binding a
/// mobile number ([`super::user`]). The seed marks no parameter as required: which ones a
/// flow needs (a password, or a code and its key) is the server's business.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, specta::Type)]
pub struct AccountForm {
    /// 注册方式 (`bindType`): the server's `BindConnectCode`, the kind of account named
    /// (mobile, e-mail, …). The seed names the enum without listing its values.
    #[serde(rename = "bindType", skip_serializing_if = "Option::is_none")]
    pub bind_type: Option<i64>,
    /// 密码是否加密: whether `password` is already encrypted; sent as `true`/`false`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encrypt: Option<bool>,
    /// 用户密码.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password: Option<Secret>,
    /// 用户账号: the account name (a mobile number for SMS login).
    #[serde(rename = "userAccount", skip_serializing_if = "Option::is_none")]
    pub user_account: Option<String>,
    /// 验证码: the code the user received.
    #[serde(rename = "verifyCode", skip_serializing_if = "Option::is_none")]
    pub verify_code: Option<Secret>,
    /// 验证码KEY: the key the code was issued under, which names it but proves nothing alone.
    #[serde(rename = "verifyKey", skip_serializing_if = "Option::is_none")]
    pub verify_key: Option<String>,
}

/// The password-login form: [`AccountForm`] without `bindType`. Logout documents the same
/// parameters; it needs none of them.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, specta::Type)]
pub struct LoginParams {
    /// 密码是否加密: whether `password` is already encrypted; sent as `true`/`false`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encrypt: Option<bool>,
    /// 用户密码.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password: Option<Secret>,
    /// 用户账号.
    #[serde(rename = "userAccount", skip_serializing_if = "Option::is_none")]
    pub user_account: Option<String>,
    /// 验证码: an image or SMS code, when the server asks for one.
    #[serde(rename = "verifyCode", skip_serializing_if = "Option::is_none")]
    pub verify_code: Option<Secret>,
    /// 验证码KEY: the key the code was issued under.
    #[serde(rename = "verifyKey", skip_serializing_if = "Option::is_none")]
    pub verify_key: Option<String>,
}

/// The new-password form: a new `password`, proved by the old one or by a code.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, specta::Type)]
pub struct NewPasswordParams {
    /// 注册方式 (`bindType`, `BindConnectCode`): how the code reached the user.
    #[serde(rename = "bindType", skip_serializing_if = "Option::is_none")]
    pub bind_type: Option<i64>,
    /// 密码是否加密: whether the passwords are already encrypted; sent as `true`/`false`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encrypt: Option<bool>,
    /// The current password (the seed's description says only 用户密码).
    #[serde(rename = "oldPassword", skip_serializing_if = "Option::is_none")]
    pub old_password: Option<Secret>,
    /// 用户密码: the new password.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password: Option<Secret>,
    /// 验证码.
    #[serde(rename = "verifyCode", skip_serializing_if = "Option::is_none")]
    pub verify_code: Option<Secret>,
    /// 验证码KEY: the key the code was issued under.
    #[serde(rename = "verifyKey", skip_serializing_if = "Option::is_none")]
    pub verify_key: Option<String>,
}

/// A new session: login's and registration's `data`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, specta::Type)]
#[serde(default)]
pub struct SignedIn {
    /// The user centre's session token.
    #[serde(deserialize_with = "super::secret")]
    #[specta(type = Option<Secret>)]
    pub token: Option<Secret>,
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub user_id: Option<i64>,
}

/// Logout's `data`: the seed shows a `token` and does not say what it is for.
#[derive(Debug, Clone, Default, Serialize, Deserialize, specta::Type)]
#[serde(default)]
pub struct SignedOut {
    #[serde(deserialize_with = "super::secret")]
    #[specta(type = Option<Secret>)]
    pub token: Option<Secret>,
}

/// The privacy policy (隐私政策) as the server answers it.
#[derive(Debug, Clone, Default, Serialize, Deserialize, specta::Type)]
#[serde(default)]
pub struct ProtocolDocument {
    /// The document's text, as the server formats it.
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub document: Option<String>,
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub state: Option<i64>,
}

// Login, registration and SMS login create the session, so they never send one.

get_and_post! {
    /// 短信登录接口: signs in with an SMS code. The seed's example `data` is `{}`; a
    /// successful SMS login opens a session like [`LoginGet`], so it decodes as [`SignedIn`].
    DoSmsLoginGet, DoSmsLoginPost(AccountForm) => SignedIn, UserCenter "/front/account/login/doSmsLogin", Guest, "user_center.do_sms_login"
}

get_and_post! {
    /// 登录接口: signs in with an account and password; answers the token and user id.
    LoginGet, LoginPost(LoginParams) => SignedIn, UserCenter "/front/account/login/login", Guest, "user_center.login"
}

// Logout sends the token when there is one, so the server can end that session; without one
// there is nothing to end, and it must not be refused for that.

get_and_post! {
    /// 退出登录: ends the session.
    LogoutGet, LogoutPost(LoginParams) => SignedOut, UserCenter "/front/account/login/logout", Optional, "user_center.logout"
}

/// 隐私政策: reads the privacy policy, which is shown before anyone signs in. The seed names
/// the three parameters without describing them.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, specta::Type)]
pub struct Protocol {
    /// document_type: the kind of document (the seed does not describe it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document_type: Option<String>,
    /// state: the document's state (the seed does not describe it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<i64>,
    /// protocols_key: the document's key (the seed does not describe it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub protocols_key: Option<String>,
}
endpoint!(Protocol => ProtocolDocument, UserCenter Get "/front/account/login/protocol", Guest, "user_center.protocol");

get_and_post! {
    /// 注册接口: creates an account and signs it in.
    RegisterGet, RegisterPost(AccountForm) => SignedIn, UserCenter "/front/account/login/register", Guest, "user_center.register"
}

// A new password serves two flows: a forgotten password (no session; the code proves who it
// is) and a change of password (`oldPassword` and no account name, so only the session can
// say whose). Optional serves both: the token goes along when there is one.

get_and_post! {
    /// 重设密码接口: sets a new password.
    SetNewPasswordGet, SetNewPasswordPost(NewPasswordParams) => serde_json::Value, UserCenter "/front/account/login/setNewPassword", Optional, "user_center.set_new_password"
}
