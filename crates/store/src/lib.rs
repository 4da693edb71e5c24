//! lcs-store: the local SQLite cache of each account's data and the outbox of edits that
//! wait for the network. Knows nothing of Tauri, and stores the API's answers as JSON text so
//! it does not depend on lcs-api either.
//!
//! Every row belongs to an `(environment, account)`: the backend environment and the signed-in
//! account's stable id in its family. Reads never return another account's rows.

mod cache;
mod error;
pub mod owner_only;
mod store;
pub mod table;

pub use cache::{Cached, now_ms};
pub use error::StoreError;
pub use store::{OpenOutcome, Store};
pub use table::message::Channel;
pub use table::outbox::{Entity, OutboxEntry, OutboxKind, backoff_delay};
pub use table::trading_account::AccountMode;
