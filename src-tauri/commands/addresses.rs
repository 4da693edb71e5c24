//! Delivery addresses: read cache-first; every edit is applied to the cache at once (marked
//! pending) and delivered by the outbox.

use lcs_core::addresses::AddressInput;
use lcs_core::{ListItem, Loaded};
use tauri::State;

use crate::error::CommandResult;
use crate::session::Sessions;

#[tauri::command]
#[specta::specta]
pub async fn address_list(sessions: State<'_, Sessions>) -> CommandResult<Loaded<Vec<ListItem>>> {
    Ok(sessions.data()?.addresses().list().await?)
}

#[tauri::command]
#[specta::specta]
pub async fn address_refresh(
    sessions: State<'_, Sessions>,
) -> CommandResult<Loaded<Vec<ListItem>>> {
    Ok(sessions.data()?.addresses().refresh().await?)
}

/// Answers the new address's temporary id, replaced by the server's once it is delivered.
#[tauri::command]
#[specta::specta]
pub fn address_add(sessions: State<'_, Sessions>, input: AddressInput) -> CommandResult<String> {
    Ok(sessions.data()?.addresses().add(input)?)
}

#[tauri::command]
#[specta::specta]
pub fn address_edit(
    sessions: State<'_, Sessions>,
    id: String,
    input: AddressInput,
) -> CommandResult<()> {
    Ok(sessions.data()?.addresses().edit(&id, input)?)
}

#[tauri::command]
#[specta::specta]
pub fn address_remove(sessions: State<'_, Sessions>, id: String) -> CommandResult<()> {
    Ok(sessions.data()?.addresses().remove(&id)?)
}

#[tauri::command]
#[specta::specta]
pub fn address_set_default(sessions: State<'_, Sessions>, id: String) -> CommandResult<()> {
    Ok(sessions.data()?.addresses().set_default(&id)?)
}
