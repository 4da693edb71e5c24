//! When each kind of data was last fetched for an account; reads use it to say how stale
//! they are, and "never fetched" is told apart from "fetched an empty list".

use rusqlite::{Connection, OptionalExtension};

use crate::StoreError;

pub(crate) const MIGRATION: &str = "
CREATE TABLE fetch_log (
    environment TEXT NOT NULL,
    account TEXT NOT NULL,
    kind TEXT NOT NULL,
    fetched_at INTEGER NOT NULL,
    PRIMARY KEY (environment, account, kind)
) STRICT, WITHOUT ROWID;";

pub(crate) const FORGET: &str = "DELETE FROM fetch_log WHERE environment = ?1 AND account = ?2";

/// The kinds of data refreshed as a whole.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Kind {
    Customer,
    TradingAccounts,
    UserProfile,
    UserLevels,
    ExpRules,
    AccountDetail,
    Addresses,
    Invoices,
    Notices,
    Chats,
    UnreadCounts,
}

impl Kind {
    fn as_str(self) -> &'static str {
        match self {
            Self::Customer => "customer",
            Self::TradingAccounts => "trading_accounts",
            Self::UserProfile => "user_profile",
            Self::UserLevels => "user_levels",
            Self::ExpRules => "exp_rules",
            Self::AccountDetail => "account_detail",
            Self::Addresses => "addresses",
            Self::Invoices => "invoices",
            Self::Notices => "notices",
            Self::Chats => "chats",
            Self::UnreadCounts => "unread_counts",
        }
    }
}

pub(crate) fn record(
    conn: &Connection,
    environment: &str,
    account: &str,
    kind: Kind,
    fetched_at: i64,
) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO fetch_log (environment, account, kind, fetched_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (environment, account, kind) DO UPDATE SET fetched_at = excluded.fetched_at",
        (environment, account, kind.as_str(), fetched_at),
    )?;
    Ok(())
}

pub(crate) fn fetched_at(
    conn: &Connection,
    environment: &str,
    account: &str,
    kind: Kind,
) -> Result<Option<i64>, StoreError> {
    Ok(conn
        .query_row(
            "SELECT fetched_at FROM fetch_log
             WHERE environment = ?1 AND account = ?2 AND kind = ?3",
            (environment, account, kind.as_str()),
            |row| row.get(0),
        )
        .optional()?)
}
