//! What can go wrong in the store.

use rusqlite::ErrorCode;

/// An error from the cache or the outbox.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cache database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("cache schema migration: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    #[error("cache file failed its integrity check: {0}")]
    Corrupt(String),
    #[error("could not make the cache file private to its owner: {0}")]
    Permissions(#[source] std::io::Error),
    #[error("could not move the unreadable cache file aside: {0}")]
    MoveAside(#[source] std::io::Error),
    #[error("cached JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("unknown value {0:?} in the cache")]
    UnknownValue(String),
    #[error("no outbox entry with sequence {0}")]
    NoSuchEntry(i64),
}

impl StoreError {
    /// Whether the file itself is unusable (not a database, damaged, or written by a newer
    /// schema), so moving it aside and starting fresh is the way out.
    pub(crate) fn means_unusable_file(&self) -> bool {
        fn damaged(error: &rusqlite::Error) -> bool {
            matches!(
                error.sqlite_error_code(),
                Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt)
            )
        }
        match self {
            Self::Sqlite(error) => damaged(error),
            Self::Corrupt(_) => true,
            Self::Migration(rusqlite_migration::Error::RusqliteError { err, .. }) => damaged(err),
            Self::Migration(rusqlite_migration::Error::MigrationDefinition(
                rusqlite_migration::MigrationDefinitionError::DatabaseTooFarAhead,
            )) => true,
            _ => false,
        }
    }
}
