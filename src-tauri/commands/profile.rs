//! The user's profile (B), levels and experience rules, and the planner account's detail (C):
//! each answered from the cache at once and refreshed in the background.

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
