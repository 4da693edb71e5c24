//! Family B: the experience rules (`user_center::user::ExpRule`), as JSON in the server's order.

use std::time::Duration;

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::fetch_log::Kind;
use crate::{Cached, Store, StoreError};

pub(crate) const MIGRATION: &str = "
CREATE TABLE exp_rule (
    environment TEXT NOT NULL,
    account TEXT NOT NULL,
    position INTEGER NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (environment, account, position)
) STRICT, WITHOUT ROWID;";

pub(crate) const FORGET: &str = "DELETE FROM exp_rule WHERE environment = ?1 AND account = ?2";

const INSERT: &str =
    "INSERT INTO exp_rule (environment, account, position, data) VALUES (?1, ?2, ?3, ?4)";
const SELECT: &str =
    "SELECT data FROM exp_rule WHERE environment = ?1 AND account = ?2 ORDER BY position";

impl Store {
    /// Replaces this account's experience rules with a freshly fetched list.
    pub fn replace_exp_rules<T: Serialize>(
        &mut self,
        environment: &str,
        account: &str,
        items: &[T],
        fetched_at: i64,
    ) -> Result<(), StoreError> {
        let sql = (FORGET, INSERT);
        super::replace_documents(
            self,
            sql,
            Kind::ExpRules,
            environment,
            account,
            items,
            fetched_at,
        )
    }

    /// This account's cached experience rules, in the server's order, if they were ever fetched.
    pub fn exp_rules<T: DeserializeOwned>(
        &self,
        environment: &str,
        account: &str,
        max_age: Duration,
    ) -> Result<Option<Cached<Vec<T>>>, StoreError> {
        super::get_documents(self, SELECT, Kind::ExpRules, environment, account, max_age)
    }
}
