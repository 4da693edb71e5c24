//! The link that started the app (or arrived before the UI listened), taken once.

use tauri::State;

use crate::error::CommandResult;
use crate::links::{LinkInbox, LinkOutcome};

#[tauri::command]
#[specta::specta]
pub fn links_take(inbox: State<'_, LinkInbox>) -> CommandResult<Option<LinkOutcome>> {
    Ok(inbox.take())
}
