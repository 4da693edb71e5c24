//! Unread counts per message category, so the home page can show badges offline.

use std::time::Duration;

use serde::Serialize;

use super::fetch_log::Kind;
use crate::{Cached, Store, StoreError};

pub(crate) const MIGRATION: &str = "
CREATE TABLE unread_count (
    environment TEXT NOT NULL,
    account TEXT NOT NULL,
    category TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (environment, account, category)
) STRICT, WITHOUT ROWID;";

pub(crate) const FORGET: &str = "DELETE FROM unread_count WHERE environment = ?1 AND account = ?2";

/// How many messages of one category are unread.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnreadCount {
    /// The server's category name (for example a message cat or `chat`).
    pub category: String,
    pub count: i64,
}

impl Store {
    /// Replaces this account's unread counts with freshly fetched ones.
    pub fn replace_unread_counts(
        &mut self,
        environment: &str,
        account: &str,
        counts: &[UnreadCount],
        fetched_at: i64,
    ) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        tx.execute(FORGET, (environment, account))?;
        {
            let mut insert = tx.prepare(
                "INSERT INTO unread_count (environment, account, category, count)
                 VALUES (?1, ?2, ?3, ?4)",
            )?;
            for count in counts {
                insert.execute((environment, account, &count.category, count.count))?;
            }
        }
        super::fetch_log::record(&tx, environment, account, Kind::UnreadCounts, fetched_at)?;
        tx.commit()?;
        Ok(())
    }

    /// This account's cached unread counts, by category name.
    pub fn unread_counts(
        &self,
        environment: &str,
        account: &str,
        max_age: Duration,
    ) -> Result<Option<Cached<Vec<UnreadCount>>>, StoreError> {
        crate::cache::read(
            &self.conn,
            environment,
            account,
            Kind::UnreadCounts,
            max_age,
            || {
                let mut select = self.conn.prepare(
                    "SELECT category, count FROM unread_count
                 WHERE environment = ?1 AND account = ?2 ORDER BY category",
                )?;
                let counts = select
                    .query_map((environment, account), |row| {
                        Ok(UnreadCount {
                            category: row.get(0)?,
                            count: row.get(1)?,
                        })
                    })?
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(counts)
            },
        )
    }
}
