//! Addresses (`user_center::addresses::Address`): id and default flag as columns, the rest as JSON.

use std::time::Duration;

use rusqlite::Connection;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::fetch_log::Kind;
use crate::{Cached, Store, StoreError};

pub(crate) const MIGRATION: &str = "
CREATE TABLE address (
    environment TEXT NOT NULL,
    account TEXT NOT NULL,
    id TEXT NOT NULL,
    is_default INTEGER NOT NULL,
    position INTEGER NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (environment, account, id)
) STRICT, WITHOUT ROWID;";

pub(crate) const FORGET: &str = "DELETE FROM address WHERE environment = ?1 AND account = ?2";

/// One cached address: the columns the app sorts on, and the API's answer as `data`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AddressRow<T = serde_json::Value> {
    /// The server's id, or a temporary one while its creation waits in the outbox.
    pub id: String,
    pub is_default: bool,
    pub data: T,
}

impl Store {
    /// Replaces this account's addresses with a freshly fetched list.
    pub fn replace_addresses<T: Serialize>(
        &mut self,
        environment: &str,
        account: &str,
        rows: &[AddressRow<T>],
        fetched_at: i64,
    ) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        tx.execute(FORGET, (environment, account))?;
        {
            let mut insert = tx.prepare(
                "INSERT INTO address (environment, account, id, is_default, position, data)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for (index, row) in rows.iter().enumerate() {
                let data = super::to_json(&row.data)?;
                let position = super::position(index);
                insert.execute((
                    environment,
                    account,
                    &row.id,
                    row.is_default,
                    position,
                    data,
                ))?;
            }
        }
        super::fetch_log::record(&tx, environment, account, Kind::Addresses, fetched_at)?;
        tx.commit()?;
        Ok(())
    }

    /// This account's cached addresses, the default first, then in the server's order.
    pub fn addresses<T: DeserializeOwned>(
        &self,
        environment: &str,
        account: &str,
        max_age: Duration,
    ) -> Result<Option<Cached<Vec<AddressRow<T>>>>, StoreError> {
        crate::cache::read(
            &self.conn,
            environment,
            account,
            Kind::Addresses,
            max_age,
            || {
                let mut select = self.conn.prepare(
                "SELECT id, is_default, data FROM address WHERE environment = ?1 AND account = ?2
                 ORDER BY is_default DESC, position",
            )?;
                let raw = select
                    .query_map((environment, account), |row| {
                        Ok((
                            row.get::<_, String>(0)?,
                            row.get(1)?,
                            row.get::<_, String>(2)?,
                        ))
                    })?
                    .collect::<Result<Vec<_>, _>>()?;
                raw.into_iter()
                    .map(|(id, is_default, data)| {
                        Ok(AddressRow {
                            id,
                            is_default,
                            data: super::from_json(&data)?,
                        })
                    })
                    .collect()
            },
        )
    }
}

/// Gives a row created offline its server id, in the id column and inside its JSON.
pub(crate) fn replace_temp_id(
    conn: &Connection,
    environment: &str,
    account: &str,
    temp_id: &str,
    server_id: i64,
) -> Result<(), StoreError> {
    let mut select = conn
        .prepare("SELECT data FROM address WHERE environment = ?1 AND account = ?2 AND id = ?3")?;
    let data: Vec<String> = select
        .query_map((environment, account, temp_id), |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    for data in data {
        let mut value: serde_json::Value = super::from_json(&data)?;
        super::outbox::rewrite_id(&mut value, temp_id, server_id);
        // A refresh may already have brought the server's row; the rewritten one replaces it.
        conn.execute(
            "UPDATE OR REPLACE address SET id = ?4, data = ?5
             WHERE environment = ?1 AND account = ?2 AND id = ?3",
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
