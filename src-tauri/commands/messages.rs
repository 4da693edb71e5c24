//! In-app messages: notices and chats read cache-first, a chat thread a page at a time,
//! sending (through the outbox, like mark-as-read), the unread badge, and the outbox's
//! "try again now".

use lcs_core::messages::{ChatPage, MessageChannel, MessageItem, Unread};
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
            problem: lcs_core::InputProblem::Unusable {
                detail: format!("{message_id:?} is not a message id"),
            },
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
    let id = other_party(&user_other_id)?;
    Ok(sessions.data()?.messages().mark_conversation_read(id)?)
}

/// `userOtherId` as the list names it: the other party of a chat.
fn other_party(user_other_id: &str) -> CommandResult<i64> {
    user_other_id.parse::<i64>().map_err(|_| {
        CommandError::from(lcs_core::Error::InvalidInput {
            field: "userOtherId",
            problem: lcs_core::InputProblem::Unusable {
                detail: format!("{user_other_id:?} is not a user id"),
            },
        })
    })
}

/// `count` messages of the thread with `userOtherId` from the `offset`-th newest, newest
/// first: the cache while it has them, then the server.
#[tauri::command]
#[specta::specta]
pub async fn message_chat_history(
    sessions: State<'_, Sessions>,
    user_other_id: String,
    offset: u32,
    count: u32,
) -> CommandResult<Loaded<ChatPage>> {
    let id = other_party(&user_other_id)?;
    Ok(sessions
        .data()?
        .messages()
        .chat_history(id, offset, count)
        .await?)
}

/// The thread's newest messages from the server, then its first `count` as
/// `message_chat_history` answers them; offline, the cache marked offline.
#[tauri::command]
#[specta::specta]
pub async fn message_chat_refresh(
    sessions: State<'_, Sessions>,
    user_other_id: String,
    count: u32,
) -> CommandResult<Loaded<ChatPage>> {
    let id = other_party(&user_other_id)?;
    Ok(sessions.data()?.messages().chat_refresh(id, count).await?)
}

/// Sends a text message: answers it as the thread shows it, pending until the server has it.
#[tauri::command]
#[specta::specta]
pub fn message_send(
    sessions: State<'_, Sessions>,
    user_other_id: String,
    content: String,
) -> CommandResult<MessageItem> {
    let id = other_party(&user_other_id)?;
    Ok(sessions.data()?.messages().send(id, &content)?)
}

/// Sends again a message the server refused (`messageId`: its id in the thread).
#[tauri::command]
#[specta::specta]
pub fn message_resend(sessions: State<'_, Sessions>, message_id: String) -> CommandResult<()> {
    Ok(sessions.data()?.messages().resend(&message_id)?)
}

/// Drops a message the server refused.
#[tauri::command]
#[specta::specta]
pub fn message_discard(sessions: State<'_, Sessions>, message_id: String) -> CommandResult<()> {
    Ok(sessions.data()?.messages().discard(&message_id)?)
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
    sessions.live()?.retry_now();
    Ok(sessions.data()?.outbox().retry_now()?)
}

/// The chat thread with `user_other_id` is on screen: new messages in it are looked for
/// every few seconds until [`message_unwatch_thread`].
#[tauri::command]
#[specta::specta]
pub fn message_watch_thread(
    sessions: State<'_, Sessions>,
    user_other_id: String,
) -> CommandResult<()> {
    let id = other_party(&user_other_id)?;
    sessions.live()?.watch_thread(id);
    Ok(())
}

/// The user left the chat thread with `user_other_id`.
#[tauri::command]
#[specta::specta]
pub fn message_unwatch_thread(
    sessions: State<'_, Sessions>,
    user_other_id: String,
) -> CommandResult<()> {
    let id = other_party(&user_other_id)?;
    sessions.live()?.unwatch_thread(id);
    Ok(())
}
