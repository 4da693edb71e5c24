//! lcs-store: the local SQLite cache of each account's data and the outbox of edits that
//! wait for the network. Knows nothing of Tauri.
