//! Invoice titles (`user_center::invoices::Invoice`): one default per account, the rest
//! as JSON; the queries are [`DefaultList`]'s.

use std::time::Duration;

use rusqlite::Connection;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::default_list::{DefaultList, DefaultListRow, default_list_migration};
use super::fetch_log::Kind;
use crate::{Cached, Store, StoreError};

pub(crate) const MIGRATION: &str = default_list_migration!("invoice");

pub(crate) const FORGET: &str = "DELETE FROM invoice WHERE environment = ?1 AND account = ?2";

const TABLE: DefaultList = DefaultList {
    name: "invoice",
    kind: Kind::Invoices,
};

/// One cached row of this list.
pub type InvoiceRow<T = serde_json::Value> = DefaultListRow<T>;

impl Store {
    /// Replaces this account's invoices with a freshly fetched list.
    pub fn replace_invoices<T: Serialize>(
        &mut self,
        environment: &str,
        account: &str,
        rows: &[InvoiceRow<T>],
        fetched_at: i64,
    ) -> Result<(), StoreError> {
        TABLE.replace(&mut self.conn, environment, account, rows, fetched_at)
    }

    /// This account's cached invoices, the default first, then in the server's order.
    pub fn invoices<T: DeserializeOwned>(
        &self,
        environment: &str,
        account: &str,
        max_age: Duration,
    ) -> Result<Option<Cached<Vec<InvoiceRow<T>>>>, StoreError> {
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
