//! The sandbox's state: one SQLite database, migrated on open and seeded with a demo customer.

use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};

use rusqlite::Connection;
use rusqlite_migration::{M, Migrations};

pub const DEMO_EMAIL: &str = "demo@lcs.test";
pub const DEMO_PHONE_AREA: &str = "+86";
pub const DEMO_PHONE: &str = "13800000001";
pub const DEMO_PASSWORD: &str = "demo1234";
/// The demo person's nickname in the user centre (family B).
pub const DEMO_NICKNAME: &str = "演示用户";

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("sandbox database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("sandbox database migration: {0}")]
    Migration(#[from] rusqlite_migration::Error),
}

/// Shared by every request; SQLite serialises writes anyway, and the sandbox is a test peer.
#[derive(Clone)]
pub struct Db(Arc<Mutex<Connection>>);

/// One migration per family, then later changes appended, in this order for ever: a sandbox
/// database file outlives versions.
fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(crate::customer::SCHEMA),
        M::up(crate::user_center::SCHEMA),
        M::up(crate::planner::SCHEMA),
        // Family B's address lists filter on the owner, which no index covered: under the load
        // bench every list scanned the whole table while holding the one lock.
        M::up("CREATE INDEX uc_addresses_by_user ON uc_addresses (user_id);"),
    ])
}

impl Db {
    /// Opens (creating and migrating) the database at `path`, or an in-memory one.
    pub fn open(path: Option<&Path>) -> Result<Self, DbError> {
        let mut connection = match path {
            Some(path) => Connection::open(path)?,
            None => Connection::open_in_memory()?,
        };
        connection.pragma_update(None, "foreign_keys", true)?;
        if path.is_some() {
            connection.pragma_update(None, "journal_mode", "WAL")?;
            // With WAL, NORMAL syncs at checkpoints instead of on every commit: still safe from
            // corruption, and the load bench showed the per-commit fsync (under the one lock)
            // bounding throughput.
            connection.pragma_update(None, "synchronous", "NORMAL")?;
        }
        migrations().to_latest(&mut connection)?;
        let db = Self(Arc::new(Mutex::new(connection)));
        db.seed()?;
        Ok(db)
    }

    /// A poisoned lock means a handler panicked mid-request; the data itself is still sound.
    pub(crate) fn lock(&self) -> MutexGuard<'_, Connection> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The demo person, created once in every family: phone +86 13800000001 or demo@lcs.test,
    /// password demo1234.
    fn seed(&self) -> Result<(), DbError> {
        let connection = self.lock();
        let exists: bool = connection.query_row(
            "SELECT EXISTS (SELECT 1 FROM customers WHERE email = ?1)",
            [DEMO_EMAIL],
            |row| row.get(0),
        )?;
        if !exists {
            crate::customer::insert_customer(
                &connection,
                &crate::customer::NewCustomer {
                    email: Some(DEMO_EMAIL.into()),
                    phone_area: Some(DEMO_PHONE_AREA.into()),
                    phone: Some(DEMO_PHONE.into()),
                    login_pwd_md5: Some(crate::customer::md5_hex(DEMO_PASSWORD)),
                    country: "CN".into(),
                    register_source: 3,
                },
            )?;
        }
        crate::planner::seed(&connection)?;
        crate::user_center::seed_demo(&connection)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn migrations_are_valid() {
        super::migrations().validate().unwrap();
    }
}
