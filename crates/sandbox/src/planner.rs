//! Family C, the financial-planner API.

use axum::Router;

use crate::db::Db;

/// Family C's tables.
pub const SCHEMA: &str = "";

pub fn routes() -> Router<Db> {
    Router::new()
}
