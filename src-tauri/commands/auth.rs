//! Sign-in, registration, passwords and sign-out for the three families. Each command hands
//! its input to lcs-core's session service and answers the public session or a typed error;
//! tokens and one-time codes never come back.

use lcs_core::auth::{
    AuthFamily, AuthReason, CodeSent, CodeTarget, CustomerLogin, CustomerRegistration,
    KeychainStatus, PasswordChange, PasswordReset, PlannerLogin, PlannerRegistration,
    PublicSession, QrLogin, QrPoll, UserCenterLogin, UserCenterRegistration,
};
use serde::Serialize;
use tauri::State;

use crate::error::CommandResult;
use crate::session::Sessions;

/// Who is signed in, and whether sessions can be remembered.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AuthOverview {
    pub sessions: Vec<PublicSession>,
    pub keychain: KeychainStatus,
    /// Why the server last signed someone out (expired, kicked), until the next sign-in.
    pub signed_out_because: Option<AuthReason>,
}

/// Never fails: with an environment that cannot be used (Settings says why) nobody is
/// signed in, which every page can show.
#[tauri::command]
#[specta::specta]
pub fn auth_overview(sessions: State<'_, Sessions>) -> CommandResult<AuthOverview> {
    Ok(match sessions.auth() {
        Ok(auth) => AuthOverview {
            sessions: auth.sessions(),
            keychain: auth.keychain_status(),
            signed_out_because: auth.signed_out_because(),
        },
        Err(_) => AuthOverview {
            sessions: Vec::new(),
            keychain: sessions.keychain_status(),
            signed_out_because: None,
        },
    })
}

/// Sends a verification code through the environment's code sender.
#[tauri::command]
#[specta::specta]
pub async fn auth_send_code(
    sessions: State<'_, Sessions>,
    target: CodeTarget,
) -> CommandResult<CodeSent> {
    Ok(sessions.auth()?.send_code(target).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn auth_customer_login(
    sessions: State<'_, Sessions>,
    input: CustomerLogin,
) -> CommandResult<PublicSession> {
    Ok(sessions.auth()?.customer_login(input).await?)
}

/// Registers a customer (A2); answers the new customer number. The user signs in next.
#[tauri::command]
#[specta::specta]
pub async fn auth_customer_register(
    sessions: State<'_, Sessions>,
    input: CustomerRegistration,
) -> CommandResult<String> {
    Ok(sessions.auth()?.customer_register(input).await?)
}

/// Whether a phone number can still register a customer (A4); the reason if not.
#[tauri::command]
#[specta::specta]
pub async fn auth_customer_check_phone(
    sessions: State<'_, Sessions>,
    phone_area: Option<String>,
    phone: String,
) -> CommandResult<()> {
    Ok(sessions
        .auth()?
        .customer_check_phone(phone_area, phone)
        .await?)
}

/// Whether a phone number is valid and free for a planner account (C7); the reason if not.
#[tauri::command]
#[specta::specta]
pub async fn auth_planner_check_phone(
    sessions: State<'_, Sessions>,
    phone: String,
) -> CommandResult<()> {
    Ok(sessions.auth()?.planner_check_phone(phone).await?)
}

/// The privacy policy registration shows (the user centre's protocol call).
#[tauri::command]
#[specta::specta]
pub async fn auth_privacy_protocol(sessions: State<'_, Sessions>) -> CommandResult<String> {
    Ok(sessions.auth()?.privacy_protocol().await?)
}

/// Step 1 of a forgotten customer password: the phone and the code sent to it.
#[tauri::command]
#[specta::specta]
pub async fn auth_customer_check_retrieval(
    sessions: State<'_, Sessions>,
    phone_area: Option<String>,
    phone: String,
    code: String,
) -> CommandResult<()> {
    Ok(sessions
        .auth()?
        .customer_check_retrieval(phone_area, phone, code)
        .await?)
}

/// Step 2: the new password.
#[tauri::command]
#[specta::specta]
pub async fn auth_customer_retrieve_password(
    sessions: State<'_, Sessions>,
    new_password: String,
) -> CommandResult<()> {
    Ok(sessions
        .auth()?
        .customer_retrieve_password(new_password)
        .await?)
}

#[tauri::command]
#[specta::specta]
pub async fn auth_customer_first_password(
    sessions: State<'_, Sessions>,
    password: String,
) -> CommandResult<PublicSession> {
    Ok(sessions.auth()?.customer_first_password(password).await?)
}

/// A one-time token from another system, exchanged for a customer session (A10).
#[tauri::command]
#[specta::specta]
pub async fn auth_customer_exchange(
    sessions: State<'_, Sessions>,
    temporary_token: String,
    remember: bool,
) -> CommandResult<PublicSession> {
    Ok(sessions
        .auth()?
        .customer_exchange(temporary_token, remember)
        .await?)
}

#[tauri::command]
#[specta::specta]
pub async fn auth_customer_switch_mode(
    sessions: State<'_, Sessions>,
) -> CommandResult<PublicSession> {
    Ok(sessions.auth()?.customer_switch_mode().await?)
}

#[tauri::command]
#[specta::specta]
pub async fn auth_customer_reset_demo(sessions: State<'_, Sessions>) -> CommandResult<()> {
    Ok(sessions.auth()?.customer_reset_demo().await?)
}

#[tauri::command]
#[specta::specta]
pub async fn auth_user_center_login(
    sessions: State<'_, Sessions>,
    input: UserCenterLogin,
) -> CommandResult<PublicSession> {
    Ok(sessions.auth()?.user_center_login(input).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn auth_user_center_register(
    sessions: State<'_, Sessions>,
    input: UserCenterRegistration,
) -> CommandResult<PublicSession> {
    Ok(sessions.auth()?.user_center_register(input).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn auth_user_center_reset_password(
    sessions: State<'_, Sessions>,
    input: PasswordReset,
) -> CommandResult<()> {
    Ok(sessions.auth()?.user_center_reset_password(input).await?)
}

/// Starts a WeChat QR login: the picture to show. The code stays in Rust.
#[tauri::command]
#[specta::specta]
pub async fn auth_wechat_qr_start(sessions: State<'_, Sessions>) -> CommandResult<QrLogin> {
    Ok(sessions.auth()?.wechat_qr_start().await?)
}

/// Whether the QR code was confirmed on the phone; confirmed signs the user in.
#[tauri::command]
#[specta::specta]
pub async fn auth_wechat_qr_poll(
    sessions: State<'_, Sessions>,
    remember: bool,
) -> CommandResult<QrPoll> {
    Ok(sessions.auth()?.wechat_qr_poll(remember).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn auth_planner_login(
    sessions: State<'_, Sessions>,
    input: PlannerLogin,
) -> CommandResult<PublicSession> {
    Ok(sessions.auth()?.planner_login(input).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn auth_planner_register(
    sessions: State<'_, Sessions>,
    input: PlannerRegistration,
) -> CommandResult<()> {
    Ok(sessions.auth()?.planner_register(input).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn auth_planner_change_password(
    sessions: State<'_, Sessions>,
    input: PasswordChange,
) -> CommandResult<()> {
    Ok(sessions.auth()?.planner_change_password(input).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn auth_planner_reset_password(
    sessions: State<'_, Sessions>,
    input: PasswordReset,
) -> CommandResult<()> {
    Ok(sessions.auth()?.planner_reset_password(input).await?)
}

/// How many of the account's edits still wait for the server: the UI asks before a sign-out
/// discards them.
#[tauri::command]
#[specta::specta]
pub fn auth_pending_edits(sessions: State<'_, Sessions>, family: AuthFamily) -> CommandResult<u32> {
    let Some(session) = sessions.auth()?.session(family.into()) else {
        return Ok(0);
    };
    Ok(sessions.data()?.pending_edits(family, &session.account)?)
}

/// The user signs out of one family.
#[tauri::command]
#[specta::specta]
pub async fn auth_sign_out(sessions: State<'_, Sessions>, family: AuthFamily) -> CommandResult<()> {
    sessions.auth()?.sign_out_user(family.into()).await;
    Ok(())
}
