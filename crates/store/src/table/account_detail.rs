//! Family C: the account detail (`planner::AccountDetail`), as JSON.

use std::time::Duration;

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::fetch_log::Kind;
use crate::{Cached, Store, StoreError};

pub(crate) const MIGRATION: &str = "
CREATE TABLE account_detail (
    environment TEXT NOT NULL,
    account TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (environment, account)
) STRICT, WITHOUT ROWID;";

pub(crate) const FORGET: &str =
    "DELETE FROM account_detail WHERE environment = ?1 AND account = ?2";

const UPSERT: &str = "INSERT INTO account_detail (environment, account, data) VALUES (?1, ?2, ?3)
    ON CONFLICT (environment, account) DO UPDATE SET data = excluded.data";
const SELECT: &str = "SELECT data FROM account_detail WHERE environment = ?1 AND account = ?2";

impl Store {
    /// Caches the account detail of this account.
    pub fn put_account_detail<T: Serialize>(
        &mut self,
        environment: &str,
        account: &str,
        account_detail: &T,
        fetched_at: i64,
    ) -> Result<(), StoreError> {
        let json = super::to_json(account_detail)?;
        super::put_document(
            self,
            UPSERT,
            Kind::AccountDetail,
            environment,
            account,
            &json,
            fetched_at,
        )
    }

    /// The cached account detail of this account, if it was ever fetched.
    pub fn account_detail<T: DeserializeOwned>(
        &self,
        environment: &str,
        account: &str,
        max_age: Duration,
    ) -> Result<Option<Cached<T>>, StoreError> {
        super::get_document(
            self,
            SELECT,
            Kind::AccountDetail,
            environment,
            account,
            max_age,
        )
    }
}
