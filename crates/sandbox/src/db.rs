//! The sandbox's state: one SQLite database, migrated on open and seeded with the demo users.

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

/// A person who exists in all three families from the start, with the same phone number,
/// e-mail address and password in each (family C also knows them by `planner_username`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoUser {
    pub phone_area: &'static str,
    pub phone: &'static str,
    pub email: &'static str,
    pub password: &'static str,
    /// Family B's nickname.
    pub nickname: &'static str,
    /// Family C's user name.
    pub planner_username: &'static str,
    /// What the account is for, for a login page that lists them.
    pub purpose_zh: &'static str,
    pub purpose_en: &'static str,
}

/// The demo users, seeded on first open and by `POST /__sandbox/reset`; the first is the one
/// the rest of the sandbox means by "the demo user".
pub const DEMO_USERS: &[DemoUser] = &[
    DemoUser {
        phone_area: DEMO_PHONE_AREA,
        phone: DEMO_PHONE,
        email: DEMO_EMAIL,
        password: DEMO_PASSWORD,
        nickname: DEMO_NICKNAME,
        planner_username: crate::planner::PLANNER_DEMO_USERNAME,
        purpose_zh: "完整演示账户：60 多条站内信（通知与客服对话，已读和未读）、3 个收货地址、2 条发票信息",
        purpose_en: "The full demo: 60+ messages (notices and chats, read and unread), 3 delivery addresses, 2 invoice details",
    },
    DemoUser {
        phone_area: "+86",
        phone: "13800000002",
        email: "demo2@lcs.test",
        password: "demo5678",
        nickname: "演示用户二",
        planner_username: "demo2",
        purpose_zh: "新用户：只有欢迎消息，没有地址和发票；用于第二个账户、切换账户和空列表",
        purpose_en: "A new user: welcome messages only, no addresses or invoices; for a second account, switching accounts and empty lists",
    },
];

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
        M::up(crate::user_center::IDEMPOTENCY_SCHEMA),
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

    /// The demo users ([`DEMO_USERS`]), each created once in every family; a user already
    /// there is left as it is, so reopening a database file seeds nothing twice.
    fn seed(&self) -> Result<(), DbError> {
        let mut connection = self.lock();
        let transaction = connection.transaction()?;
        seed(&transaction)?;
        transaction.commit()?;
        Ok(())
    }

    /// Back to the demo data as seeded: every row any family wrote is gone (sessions, codes,
    /// new accounts, edits), the demo users are created afresh with the ids they had, and the
    /// tunable token lifetimes are back to their defaults.
    pub fn reset(&self) -> Result<(), DbError> {
        let mut connection = self.lock();
        let transaction = connection.transaction()?;
        // Children before parents, so no foreign key ever points nowhere.
        for table in RESET_TABLES {
            // A table name cannot be a bound parameter; these come from the constant above.
            transaction.execute(&format!("DELETE FROM {table}"), [])?;
        }
        transaction.execute("DELETE FROM sqlite_sequence WHERE name <> 'uc_users'", [])?;
        // Family B's user ids start above 10000 (see its schema).
        transaction.execute(
            "UPDATE sqlite_sequence SET seq = 10000 WHERE name = 'uc_users'",
            [],
        )?;
        crate::planner::reset_lifetimes(&transaction)?;
        seed(&transaction)?;
        transaction.commit()?;
        Ok(())
    }
}

/// The tables a reset empties, children first. The others hold fixed reference data (family
/// B's member levels, family C's lifetimes and registered client), restored separately.
const RESET_TABLES: &[&str] = &[
    "sessions",
    "customer_tickets",
    "trading_accounts",
    "customers",
    "sms_codes",
    "uc_sessions",
    "uc_idempotency",
    "uc_addresses",
    "uc_invoices",
    "uc_messages",
    "uc_wechat_qr",
    "uc_wechat_access_token",
    "uc_users",
    "planner_sessions",
    "planner_authorization_codes",
    "planner_users",
    "planner_pics",
    "planner_clients",
];

/// Creates whichever demo user is missing, in every family.
fn seed(connection: &Connection) -> rusqlite::Result<()> {
    for (index, demo) in DEMO_USERS.iter().enumerate() {
        let exists: bool = connection.query_row(
            "SELECT EXISTS (SELECT 1 FROM customers WHERE email = ?1)",
            [demo.email],
            |row| row.get(0),
        )?;
        if !exists {
            crate::customer::insert_customer(
                connection,
                &crate::customer::NewCustomer {
                    email: Some(demo.email.into()),
                    phone_area: Some(demo.phone_area.into()),
                    phone: Some(demo.phone.into()),
                    login_pwd_md5: Some(crate::customer::md5_hex(demo.password)),
                    country: "CN".into(),
                    register_source: 3,
                },
            )?;
        }
        // Only the first demo user has the full set of messages, addresses and invoices.
        crate::user_center::seed_demo(connection, demo, index == 0)?;
    }
    crate::planner::seed(connection)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{Db, RESET_TABLES};

    #[test]
    fn migrations_are_valid() {
        super::migrations().validate().unwrap();
    }

    /// A table added later must be either emptied by a reset or named here as reference data.
    #[test]
    fn reset_knows_every_table() {
        let db = Db::open(None).unwrap();
        let connection = db.lock();
        let mut statement = connection
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
            .unwrap();
        let tables: Vec<String> = statement
            .query_map([], |row| row.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let reference = ["sqlite_sequence", "uc_levels", "planner_lifetimes"];
        for table in tables {
            assert!(
                RESET_TABLES.contains(&table.as_str()) || reference.contains(&table.as_str()),
                "{table} is neither reset nor reference data"
            );
        }
    }
}
