//! What the tables of lists with one default row (addresses, invoices) share: the same columns,
//! the same refresh, read and temporary-id queries; each table file names its table and kind.

use std::time::Duration;

use rusqlite::Connection;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::fetch_log::Kind;
use crate::{Cached, StoreError};

/// One cached row: the columns the app sorts on, and the API's answer as `data`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DefaultListRow<T = serde_json::Value> {
    /// The server's id, or a temporary one while its creation waits in the outbox.
    pub id: String,
    pub is_default: bool,
    pub data: T,
}

/// The table's columns: (environment, account, id) identify a row.
macro_rules! default_list_migration {
    ($table:literal) => {
        concat!(
            "CREATE TABLE ",
            $table,
            " (
    environment TEXT NOT NULL,
    account TEXT NOT NULL,
    id TEXT NOT NULL,
    is_default INTEGER NOT NULL,
    position INTEGER NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (environment, account, id)
) STRICT, WITHOUT ROWID;"
        )
    };
}
pub(crate) use default_list_migration;

/// A table of this shape; `name` is one of ours, never input, so it may be spliced into SQL.
pub(crate) struct DefaultList {
    pub name: &'static str,
    pub kind: Kind,
}

impl DefaultList {
    /// Replaces one account's rows with a freshly fetched list, in one transaction.
    pub fn replace<T: Serialize>(
        &self,
        conn: &mut Connection,
        environment: &str,
        account: &str,
        rows: &[DefaultListRow<T>],
        fetched_at: i64,
    ) -> Result<(), StoreError> {
        let tx = conn.transaction()?;
        tx.execute(
            &format!(
                "DELETE FROM {} WHERE environment = ?1 AND account = ?2",
                self.name
            ),
            (environment, account),
        )?;
        {
            let mut insert = tx.prepare(&format!(
                "INSERT INTO {} (environment, account, id, is_default, position, data)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                self.name
            ))?;
            for (index, row) in rows.iter().enumerate() {
                insert.execute((
                    environment,
                    account,
                    &row.id,
                    row.is_default,
                    super::position(index),
                    super::to_json(&row.data)?,
                ))?;
            }
        }
        super::fetch_log::record(&tx, environment, account, self.kind, fetched_at)?;
        tx.commit()?;
        Ok(())
    }

    /// One account's cached rows, the default first, then in the server's order.
    pub fn read<T: DeserializeOwned>(
        &self,
        conn: &Connection,
        environment: &str,
        account: &str,
        max_age: Duration,
    ) -> Result<Option<Cached<Vec<DefaultListRow<T>>>>, StoreError> {
        crate::cache::read(conn, environment, account, self.kind, max_age, || {
            let mut select = conn.prepare(&format!(
                "SELECT id, is_default, data FROM {} WHERE environment = ?1 AND account = ?2
                 ORDER BY is_default DESC, position",
                self.name
            ))?;
            let stored = select
                .query_map((environment, account), |row| {
                    Ok((
                        row.get::<_, String>(0)?,
                        row.get(1)?,
                        row.get::<_, String>(2)?,
                    ))
                })?
                .collect::<Result<Vec<_>, _>>()?;
            stored
                .into_iter()
                .map(|(id, is_default, data)| {
                    Ok(DefaultListRow {
                        id,
                        is_default,
                        data: super::from_json(&data)?,
                    })
                })
                .collect()
        })
    }

    /// Gives a row created offline its server id, in the id column and inside its JSON.
    pub fn replace_temp_id(
        &self,
        conn: &Connection,
        environment: &str,
        account: &str,
        temp_id: &str,
        server_id: i64,
    ) -> Result<(), StoreError> {
        let mut select = conn.prepare(&format!(
            "SELECT data FROM {} WHERE environment = ?1 AND account = ?2 AND id = ?3",
            self.name
        ))?;
        let data: Vec<String> = select
            .query_map((environment, account, temp_id), |row| row.get(0))?
            .collect::<Result<_, _>>()?;
        for data in data {
            let mut value: serde_json::Value = super::from_json(&data)?;
            super::outbox::rewrite_id(&mut value, temp_id, server_id);
            // A refresh may already have brought the server's row; the rewritten one replaces it.
            conn.execute(
                &format!(
                    "UPDATE OR REPLACE {} SET id = ?4, data = ?5
                     WHERE environment = ?1 AND account = ?2 AND id = ?3",
                    self.name
                ),
                (
                    environment,
                    account,
                    temp_id,
                    server_id.to_string(),
                    super::to_json(&value)?,
                ),
            )?;
        }
        Ok(())
    }
}

/// Declares one table of this shape: its migration, its sign-out delete, its row type and the
/// `Store` methods that refresh and read it, so each table file is one line of data.
macro_rules! default_list_table {
    ($table:literal, $kind:ident, $row:ident, $replace:ident, $read:ident, $what:literal) => {
        use std::time::Duration;

        use rusqlite::Connection;
        use serde::Serialize;
        use serde::de::DeserializeOwned;

        use super::default_list::{DefaultList, DefaultListRow, default_list_migration};
        use super::fetch_log::Kind;
        use crate::{Cached, Store, StoreError};

        pub(crate) const MIGRATION: &str = default_list_migration!($table);

        pub(crate) const FORGET: &str =
            concat!("DELETE FROM ", $table, " WHERE environment = ?1 AND account = ?2");

        const TABLE: DefaultList = DefaultList {
            name: $table,
            kind: Kind::$kind,
        };

        #[doc = concat!("One cached row of the ", $what, ".")]
        pub type $row<T = serde_json::Value> = DefaultListRow<T>;

        impl Store {
            #[doc = concat!("Replaces this account's ", $what, " with a freshly fetched list.")]
            pub fn $replace<T: Serialize>(
                &mut self,
                environment: &str,
                account: &str,
                rows: &[$row<T>],
                fetched_at: i64,
            ) -> Result<(), StoreError> {
                TABLE.replace(&mut self.conn, environment, account, rows, fetched_at)
            }

            #[doc = concat!("This account's cached ", $what, ", the default first, then in the server's order.")]
            pub fn $read<T: DeserializeOwned>(
                &self,
                environment: &str,
                account: &str,
                max_age: Duration,
            ) -> Result<Option<Cached<Vec<$row<T>>>>, StoreError> {
                TABLE.read(&self.conn, environment, account, max_age)
            }
        }

        /// Gives a row created offline its server id.
        pub(crate) fn replace_temp_id(
            conn: &Connection,
            environment: &str,
            account: &str,
            temp_id: &str,
            server_id: i64,
        ) -> Result<(), StoreError> {
            TABLE.replace_temp_id(conn, environment, account, temp_id, server_id)
        }
    };
}
pub(crate) use default_list_table;
