//! Family A's customer and trading accounts, as cached from the last sign-in answer (the
//! customer API has no read call of its own).

use lcs_core::accounts::TradingAccountItem;
use lcs_core::{Json, Loaded};
use tauri::State;

use crate::error::CommandResult;
use crate::session::Sessions;

/// `None` until a sign-in answer was cached.
#[tauri::command]
#[specta::specta]
pub fn accounts_customer(sessions: State<'_, Sessions>) -> CommandResult<Option<Loaded<Json>>> {
    Ok(sessions
        .data()?
        .accounts()
        .customer()?
        .map(|loaded| loaded.map(Json)))
}

#[tauri::command]
#[specta::specta]
pub fn accounts_trading(
    sessions: State<'_, Sessions>,
) -> CommandResult<Option<Loaded<Vec<TradingAccountItem>>>> {
    Ok(sessions.data()?.accounts().trading_accounts()?)
}
