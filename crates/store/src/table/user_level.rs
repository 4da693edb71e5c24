//! Family B: the user levels (`user_center::user::UserLevel`), as JSON in the server's order.

use std::time::Duration;

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::fetch_log::Kind;
use crate::{Cached, Store, StoreError};

pub(crate) const MIGRATION: &str = "
CREATE TABLE user_level (
    environment TEXT NOT NULL,
    account TEXT NOT NULL,
    position INTEGER NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (environment, account, position)
) STRICT, WITHOUT ROWID;";

pub(crate) const FORGET: &str = "DELETE FROM user_level WHERE environment = ?1 AND account = ?2";

const INSERT: &str =
    "INSERT INTO user_level (environment, account, position, data) VALUES (?1, ?2, ?3, ?4)";
const SELECT: &str =
    "SELECT data FROM user_level WHERE environment = ?1 AND account = ?2 ORDER BY position";

impl Store {
    /// Replaces this account's user levels with a freshly fetched list.
    pub fn replace_user_levels<T: Serialize>(
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
            Kind::UserLevels,
            environment,
            account,
            items,
            fetched_at,
        )
    }

    /// This account's cached user levels, in the server's order, if they were ever fetched.
    pub fn user_levels<T: DeserializeOwned>(
        &self,
        environment: &str,
        account: &str,
        max_age: Duration,
    ) -> Result<Option<Cached<Vec<T>>>, StoreError> {
        super::get_documents(
            self,
            SELECT,
            Kind::UserLevels,
            environment,
            account,
            max_age,
        )
    }
}
