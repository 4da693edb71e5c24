//! Family B, the user centre.

use axum::Router;

use crate::db::Db;

/// Family B's tables.
pub const SCHEMA: &str = "";

pub fn routes() -> Router<Db> {
    Router::new()
}
