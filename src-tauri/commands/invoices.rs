//! Invoices: read cache-first; edits through the outbox, like addresses.

use lcs_core::invoices::InvoiceInput;
use lcs_core::{ListItem, Loaded};
use tauri::State;

use crate::error::CommandResult;
use crate::session::Sessions;

#[tauri::command]
#[specta::specta]
pub async fn invoice_list(sessions: State<'_, Sessions>) -> CommandResult<Loaded<Vec<ListItem>>> {
    Ok(sessions.data()?.invoices().list().await?)
}

#[tauri::command]
#[specta::specta]
pub async fn invoice_refresh(
    sessions: State<'_, Sessions>,
) -> CommandResult<Loaded<Vec<ListItem>>> {
    Ok(sessions.data()?.invoices().refresh().await?)
}

#[tauri::command]
#[specta::specta]
pub fn invoice_add(sessions: State<'_, Sessions>, input: InvoiceInput) -> CommandResult<String> {
    Ok(sessions.data()?.invoices().add(input)?)
}

#[tauri::command]
#[specta::specta]
pub fn invoice_edit(
    sessions: State<'_, Sessions>,
    id: String,
    input: InvoiceInput,
) -> CommandResult<()> {
    Ok(sessions.data()?.invoices().edit(&id, input)?)
}

#[tauri::command]
#[specta::specta]
pub fn invoice_remove(sessions: State<'_, Sessions>, id: String) -> CommandResult<()> {
    Ok(sessions.data()?.invoices().remove(&id)?)
}
