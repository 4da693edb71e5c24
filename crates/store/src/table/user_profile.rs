//! Family B: the user's profile (`user_center::user::UserProfile`), as JSON.

use std::time::Duration;

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::fetch_log::Kind;
use crate::{Cached, Store, StoreError};

pub(crate) const MIGRATION: &str = "
CREATE TABLE user_profile (
    environment TEXT NOT NULL,
    account TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (environment, account)
) STRICT, WITHOUT ROWID;";

pub(crate) const FORGET: &str = "DELETE FROM user_profile WHERE environment = ?1 AND account = ?2";

const UPSERT: &str = "INSERT INTO user_profile (environment, account, data) VALUES (?1, ?2, ?3)
    ON CONFLICT (environment, account) DO UPDATE SET data = excluded.data";
const SELECT: &str = "SELECT data FROM user_profile WHERE environment = ?1 AND account = ?2";

impl Store {
    /// Caches the profile of this account.
    pub fn put_user_profile<T: Serialize>(
        &mut self,
        environment: &str,
        account: &str,
        user_profile: &T,
        fetched_at: i64,
    ) -> Result<(), StoreError> {
        let json = super::to_json(user_profile)?;
        super::put_document(
            self,
            UPSERT,
            Kind::UserProfile,
            environment,
            account,
            &json,
            fetched_at,
        )
    }

    /// The cached profile of this account, if it was ever fetched.
    pub fn user_profile<T: DeserializeOwned>(
        &self,
        environment: &str,
        account: &str,
        max_age: Duration,
    ) -> Result<Option<Cached<T>>, StoreError> {
        super::get_document(
            self,
            SELECT,
            Kind::UserProfile,
            environment,
            account,
            max_age,
        )
    }
}
