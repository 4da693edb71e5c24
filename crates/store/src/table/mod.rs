//! One module per table: its migration SQL, its row type and its queries.

pub mod account_detail;
pub mod address;
pub mod customer;
pub mod default_list;
pub mod exp_rule;
pub(crate) mod fetch_log;
pub mod invoice;
pub mod message;
pub mod outbox;
pub mod trading_account;
pub mod unread_count;
pub mod user_level;
pub mod user_profile;

use rusqlite_migration::{M, Migrations};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::StoreError;

/// Every migration, in the order they were written; append only, never reorder or edit.
pub(crate) fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(fetch_log::MIGRATION),
        M::up(customer::MIGRATION),
        M::up(trading_account::MIGRATION),
        M::up(user_profile::MIGRATION),
        M::up(user_level::MIGRATION),
        M::up(exp_rule::MIGRATION),
        M::up(account_detail::MIGRATION),
        M::up(address::MIGRATION),
        M::up(invoice::MIGRATION),
        M::up(message::MIGRATION),
        M::up(unread_count::MIGRATION),
        M::up(outbox::MIGRATION),
        M::up(message::CONVERSATION_MIGRATION),
        M::up(outbox::REFUSED_MIGRATION),
        M::up(outbox::IN_DOUBT_MIGRATION),
    ])
}

/// Each table's statement deleting one account's rows; a new table must add its own here.
pub(crate) const FORGET: &[&str] = &[
    fetch_log::FORGET,
    customer::FORGET,
    trading_account::FORGET,
    user_profile::FORGET,
    user_level::FORGET,
    exp_rule::FORGET,
    account_detail::FORGET,
    address::FORGET,
    invoice::FORGET,
    message::FORGET,
    unread_count::FORGET,
    outbox::FORGET,
];

fn to_json<T: Serialize>(value: &T) -> Result<String, StoreError> {
    Ok(serde_json::to_string(value)?)
}

fn from_json<T: DeserializeOwned>(text: &str) -> Result<T, StoreError> {
    Ok(serde_json::from_str(text)?)
}

/// Position in the server's list, kept so reads answer in the order the server gave.
fn position(index: usize) -> i64 {
    i64::try_from(index).unwrap_or(i64::MAX)
}

/// Replaces the one JSON document a table keeps per account, and records when it was fetched.
fn put_document(
    store: &mut crate::Store,
    upsert: &str,
    kind: fetch_log::Kind,
    environment: &str,
    account: &str,
    json: &str,
    fetched_at: i64,
) -> Result<(), StoreError> {
    let tx = store.conn.transaction()?;
    tx.execute(upsert, (environment, account, json))?;
    fetch_log::record(&tx, environment, account, kind, fetched_at)?;
    tx.commit()?;
    Ok(())
}

/// Reads the one JSON document a table keeps per account.
fn get_document<T: DeserializeOwned>(
    store: &crate::Store,
    select: &str,
    kind: fetch_log::Kind,
    environment: &str,
    account: &str,
    max_age: std::time::Duration,
) -> Result<Option<crate::Cached<T>>, StoreError> {
    use rusqlite::OptionalExtension;
    let text: Option<String> = store
        .conn
        .query_row(select, (environment, account), |row| row.get(0))
        .optional()?;
    let Some(text) = text else {
        return Ok(None);
    };
    crate::cache::read(&store.conn, environment, account, kind, max_age, || {
        from_json(&text)
    })
}

/// Replaces the list of JSON documents a table keeps per account, in the server's order.
fn replace_documents<T: Serialize>(
    store: &mut crate::Store,
    (delete, insert): (&str, &str),
    kind: fetch_log::Kind,
    environment: &str,
    account: &str,
    items: &[T],
    fetched_at: i64,
) -> Result<(), StoreError> {
    let tx = store.conn.transaction()?;
    tx.execute(delete, (environment, account))?;
    {
        let mut insert = tx.prepare(insert)?;
        for (index, item) in items.iter().enumerate() {
            insert.execute((environment, account, position(index), to_json(item)?))?;
        }
    }
    fetch_log::record(&tx, environment, account, kind, fetched_at)?;
    tx.commit()?;
    Ok(())
}

/// Reads the list of JSON documents a table keeps per account, in the server's order.
fn get_documents<T: DeserializeOwned>(
    store: &crate::Store,
    select: &str,
    kind: fetch_log::Kind,
    environment: &str,
    account: &str,
    max_age: std::time::Duration,
) -> Result<Option<crate::Cached<Vec<T>>>, StoreError> {
    crate::cache::read(&store.conn, environment, account, kind, max_age, || {
        let mut select = store.conn.prepare(select)?;
        let texts = select
            .query_map((environment, account), |row| row.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        texts.iter().map(|text| from_json(text)).collect()
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn migrations_are_valid() {
        assert!(super::migrations().validate().is_ok());
    }
}
