//! Family A: the signed-in customer (`customer::Customer`), as JSON without its tokens.

use std::time::Duration;

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::fetch_log::Kind;
use crate::{Cached, Store, StoreError};

pub(crate) const MIGRATION: &str = "
CREATE TABLE customer (
    environment TEXT NOT NULL,
    account TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (environment, account)
) STRICT, WITHOUT ROWID;";

pub(crate) const FORGET: &str = "DELETE FROM customer WHERE environment = ?1 AND account = ?2";

const UPSERT: &str = "INSERT INTO customer (environment, account, data) VALUES (?1, ?2, ?3)
    ON CONFLICT (environment, account) DO UPDATE SET data = excluded.data";
const SELECT: &str = "SELECT data FROM customer WHERE environment = ?1 AND account = ?2";

/// Keys of the sign-in answer that hold tokens: those live in the keyring, never in the cache.
const TOKEN_KEYS: [&str; 2] = ["token", "rToken"];

impl Store {
    /// Caches the customer; its `token` and `rToken` are dropped before it is written.
    pub fn put_customer<T: Serialize>(
        &mut self,
        environment: &str,
        account: &str,
        customer: &T,
        fetched_at: i64,
    ) -> Result<(), StoreError> {
        let mut value = serde_json::to_value(customer)?;
        if let Some(object) = value.as_object_mut() {
            for key in TOKEN_KEYS {
                object.remove(key);
            }
        }
        let json = super::to_json(&value)?;
        super::put_document(
            self,
            UPSERT,
            Kind::Customer,
            environment,
            account,
            &json,
            fetched_at,
        )
    }

    /// The cached customer of this account, if it was ever fetched.
    pub fn customer<T: DeserializeOwned>(
        &self,
        environment: &str,
        account: &str,
        max_age: Duration,
    ) -> Result<Option<Cached<T>>, StoreError> {
        super::get_document(self, SELECT, Kind::Customer, environment, account, max_age)
    }
}
