//! In-app messages: notices and chats read cache-first, the unread badge, mark-as-read
//! through the outbox, and the outbox's "try again now".

use lcs_core::messages::{MessageChannel, MessageItem, Unread};
use lcs_core::{Json, Loaded};
use tauri::State;

use crate::error::{CommandError, CommandResult};
use crate::session::Sessions;

#[tauri::command]
#[specta::specta]
pub async fn message_list(
    sessions: State<'_, Sessions>,
    channel: MessageChannel,
) -> CommandResult<Loaded<Vec<MessageItem>>> {
    Ok(sessions.data()?.messages().list(channel).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn message_refresh(
    sessions: State<'_, Sessions>,
    channel: MessageChannel,
) -> CommandResult<Loaded<Vec<MessageItem>>> {
    Ok(sessions.data()?.messages().refresh(channel).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn message_unread(sessions: State<'_, Sessions>) -> CommandResult<Loaded<Unread>> {
    Ok(sessions.data()?.messages().unread().await?)
}

/// `message_id` is a message's `id` as the list answered it.
#[tauri::command]
#[specta::specta]
pub fn message_mark_read(
    sessions: State<'_, Sessions>,
    channel: MessageChannel,
    message_id: String,
) -> CommandResult<()> {
    let id = message_id.parse::<i64>().map_err(|_| {
        CommandError::from(lcs_core::Error::InvalidInput {
            field: "messageId",
            message: format!("{message_id:?} is not a message id"),
        })
    })?;
    Ok(sessions.data()?.messages().mark_read(channel, id)?)
}

#[tauri::command]
#[specta::specta]
pub fn message_mark_all_read(
    sessions: State<'_, Sessions>,
    channel: MessageChannel,
) -> CommandResult<()> {
    Ok(sessions.data()?.messages().mark_all_read(channel)?)
}

/// Marks a whole chat conversation read (`userOtherId`: the other party, as the list names it).
#[tauri::command]
#[specta::specta]
pub fn message_mark_conversation_read(
    sessions: State<'_, Sessions>,
    user_other_id: String,
) -> CommandResult<()> {
    let id = user_other_id.parse::<i64>().map_err(|_| {
        CommandError::from(lcs_core::Error::InvalidInput {
            field: "userOtherId",
            message: format!("{user_other_id:?} is not a user id"),
        })
    })?;
    Ok(sessions.data()?.messages().mark_conversation_read(id)?)
}

/// The customer-service chat settings as the server sends them (who to chat with, hotline).
#[tauri::command]
#[specta::specta]
pub async fn message_kefu_config(sessions: State<'_, Sessions>) -> CommandResult<Json> {
    Ok(Json(sessions.data()?.messages().kefu_config().await?))
}

/// The network is back (or the user pulled to refresh): waiting edits go out now.
#[tauri::command]
#[specta::specta]
pub fn sync_retry_now(sessions: State<'_, Sessions>) -> CommandResult<()> {
    Ok(sessions.data()?.outbox().retry_now()?)
}
