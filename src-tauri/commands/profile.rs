//! The user's profile (B), levels and experience rules, and the planner account's detail (C):
//! each answered from the cache at once and refreshed in the background. Changes to the profile
//! go to the server at once (they are not queued), then show in the cache.

use lcs_core::profile::edit::{CertificateInput, MobileInput, ProfileInput};
use lcs_core::{DataKind, Json, Loaded};
use tauri::State;

use crate::error::CommandResult;
use crate::session::Sessions;

#[tauri::command]
#[specta::specta]
pub async fn profile_user_info(sessions: State<'_, Sessions>) -> CommandResult<Loaded<Json>> {
    Ok(sessions.data()?.profile().user_info().await?.map(Json))
}

#[tauri::command]
#[specta::specta]
pub async fn profile_levels(sessions: State<'_, Sessions>) -> CommandResult<Loaded<Vec<Json>>> {
    Ok(sessions
        .data()?
        .profile()
        .levels()
        .await?
        .map(|levels| levels.into_iter().map(Json).collect()))
}

#[tauri::command]
#[specta::specta]
pub async fn profile_exp_rules(sessions: State<'_, Sessions>) -> CommandResult<Loaded<Json>> {
    Ok(sessions.data()?.profile().exp_rules().await?.map(Json))
}

#[tauri::command]
#[specta::specta]
pub async fn profile_account_detail(sessions: State<'_, Sessions>) -> CommandResult<Loaded<Json>> {
    Ok(sessions.data()?.profile().account_detail().await?.map(Json))
}

/// Pull-to-refresh: from the network now; offline, the cache marked offline.
#[tauri::command]
#[specta::specta]
pub async fn profile_refresh(
    sessions: State<'_, Sessions>,
    what: DataKind,
) -> CommandResult<Loaded<Json>> {
    Ok(sessions.data()?.profile().refresh(what).await?.map(Json))
}

#[tauri::command]
#[specta::specta]
pub async fn profile_edit(sessions: State<'_, Sessions>, input: ProfileInput) -> CommandResult<()> {
    Ok(sessions.data()?.profile().edit(input).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn profile_certify(
    sessions: State<'_, Sessions>,
    input: CertificateInput,
) -> CommandResult<()> {
    Ok(sessions.data()?.profile().certify(input).await?)
}

/// Binds the number, or rebinds when one is bound; the code comes from `auth_send_code`.
#[tauri::command]
#[specta::specta]
pub async fn profile_bind_mobile(
    sessions: State<'_, Sessions>,
    input: MobileInput,
) -> CommandResult<()> {
    Ok(sessions.data()?.profile().bind_mobile(input).await?)
}

/// The image's bytes (PNG, JPEG or WebP); answers its URL. Needs the planner account.
#[tauri::command]
#[specta::specta]
pub async fn profile_upload_avatar(
    sessions: State<'_, Sessions>,
    image: Vec<u8>,
) -> CommandResult<String> {
    Ok(sessions.data()?.profile().upload_avatar(image).await?)
}
