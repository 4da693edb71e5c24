//! The outbox: edits made offline, kept until the server has them. Each carries an
//! idempotency key so a retry after a lost answer is not applied twice.

use std::time::Duration;

use rusqlite::{Connection, Row};
use serde::{Deserialize, Serialize};

use crate::{Store, StoreError};

pub(crate) const MIGRATION: &str = "
CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    environment TEXT NOT NULL,
    account TEXT NOT NULL,
    kind TEXT NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE,
    payload TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX outbox_by_account ON outbox (environment, account, seq);";

/// Appended later: an edit the server refused that waits for the user (a chat message they may
/// send again or discard) instead of being dropped; it holds the server's words.
pub(crate) const REFUSED_MIGRATION: &str = "ALTER TABLE outbox ADD COLUMN refused TEXT;";

/// Appended later: an attempt of this edit may have reached the server without an answer
/// saying so. A server that ignores idempotency keys may hold it already, so an add is looked
/// for on the server before it is sent again.
pub(crate) const IN_DOUBT_MIGRATION: &str =
    "ALTER TABLE outbox ADD COLUMN in_doubt INTEGER NOT NULL DEFAULT 0;";

pub(crate) const FORGET: &str = "DELETE FROM outbox WHERE environment = ?1 AND account = ?2";

/// The edits that may wait for the network. Sign-in, registration, SMS and password calls
/// have no kind here, so they cannot be queued.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutboxKind {
    AddressAdd,
    AddressEdit,
    AddressRemove,
    AddressSetDefault,
    InvoiceAdd,
    InvoiceEdit,
    InvoiceRemove,
    MessageMarkRead,
    MessageSend,
}

impl OutboxKind {
    fn as_str(self) -> &'static str {
        match self {
            Self::AddressAdd => "address_add",
            Self::AddressEdit => "address_edit",
            Self::AddressRemove => "address_remove",
            Self::AddressSetDefault => "address_set_default",
            Self::InvoiceAdd => "invoice_add",
            Self::InvoiceEdit => "invoice_edit",
            Self::InvoiceRemove => "invoice_remove",
            Self::MessageMarkRead => "message_mark_read",
            Self::MessageSend => "message_send",
        }
    }

    fn parse(text: &str) -> Result<Self, StoreError> {
        [
            Self::AddressAdd,
            Self::AddressEdit,
            Self::AddressRemove,
            Self::AddressSetDefault,
            Self::InvoiceAdd,
            Self::InvoiceEdit,
            Self::InvoiceRemove,
            Self::MessageMarkRead,
            Self::MessageSend,
        ]
        .into_iter()
        .find(|kind| kind.as_str() == text)
        .ok_or_else(|| StoreError::UnknownValue(text.to_owned()))
    }
}

/// The kinds of row that can be created offline under a temporary id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Entity {
    Address,
    Invoice,
}

/// One queued edit.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OutboxEntry {
    /// Grows with every enqueue and is never reused (SQLite AUTOINCREMENT), so it orders each
    /// account's edits even across restarts and completed entries.
    pub seq: i64,
    pub environment: String,
    pub account: String,
    pub kind: OutboxKind,
    /// A UUID v4 sent with every attempt of this edit.
    pub idempotency_key: String,
    pub payload: serde_json::Value,
    /// Failed attempts so far.
    pub attempts: u32,
    /// Not to be tried before this, in ms since the epoch.
    pub next_attempt_at: i64,
    pub created_at: i64,
    /// The server refused it, in its words: it is not sent again until the user asks
    /// ([`Store::requeue`]), and it holds up no other edit.
    pub refused: Option<String>,
    /// An attempt may have reached the server unanswered ([`Store::set_in_doubt`]).
    pub in_doubt: bool,
}

const COLUMNS: &str = "seq, environment, account, kind, idempotency_key, payload, attempts, \
     next_attempt_at, created_at, refused, in_doubt";

/// The first retry waits this long; each failure doubles it.
const FIRST_DELAY: Duration = Duration::from_secs(2);
/// The longest wait before jitter, so an edit is retried at least every ~10 minutes.
const MAX_DELAY: Duration = Duration::from_secs(600);

/// How long to wait after the `attempts`-th failure: 2 s doubling up to 10 minutes, then
/// ±20 % jitter (`jitter` in `0.0..1.0`) so accounts that failed together do not retry
/// together. The cap applies before the jitter for the same reason.
pub fn backoff_delay(attempts: u32, jitter: f64) -> Duration {
    let doublings = attempts.saturating_sub(1).min(20);
    let base = FIRST_DELAY.saturating_mul(1 << doublings).min(MAX_DELAY);
    base.mul_f64(0.8 + 0.4 * jitter.clamp(0.0, 1.0))
}

/// An outbox row as SQLite holds it: kind and payload are text, decoded afterwards because
/// that can fail in ways rusqlite's row mapping cannot express.
struct StoredEntry {
    seq: i64,
    environment: String,
    account: String,
    kind: String,
    idempotency_key: String,
    payload: String,
    attempts: u32,
    next_attempt_at: i64,
    created_at: i64,
    refused: Option<String>,
    in_doubt: bool,
}

impl StoredEntry {
    fn read(row: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(Self {
            seq: row.get(0)?,
            environment: row.get(1)?,
            account: row.get(2)?,
            kind: row.get(3)?,
            idempotency_key: row.get(4)?,
            payload: row.get(5)?,
            attempts: row.get(6)?,
            next_attempt_at: row.get(7)?,
            created_at: row.get(8)?,
            refused: row.get(9)?,
            in_doubt: row.get(10)?,
        })
    }

    fn decode(self) -> Result<OutboxEntry, StoreError> {
        Ok(OutboxEntry {
            seq: self.seq,
            environment: self.environment,
            account: self.account,
            kind: OutboxKind::parse(&self.kind)?,
            idempotency_key: self.idempotency_key,
            payload: super::from_json(&self.payload)?,
            attempts: self.attempts,
            next_attempt_at: self.next_attempt_at,
            created_at: self.created_at,
            refused: self.refused,
            in_doubt: self.in_doubt,
        })
    }
}

/// Runs an outbox query and decodes every row.
fn entries(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
) -> Result<Vec<OutboxEntry>, StoreError> {
    let mut select = conn.prepare(sql)?;
    let stored = select
        .query_map(params, StoredEntry::read)?
        .collect::<Result<Vec<_>, _>>()?;
    stored.into_iter().map(StoredEntry::decode).collect()
}

fn by_seq(conn: &Connection, seq: i64) -> Result<OutboxEntry, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM outbox WHERE seq = ?1");
    entries(conn, &sql, [seq])?
        .pop()
        .ok_or(StoreError::NoSuchEntry(seq))
}

/// Replaces, anywhere inside `value`, a string equal to `temp_id` by the number `server_id`.
pub(crate) fn rewrite_id(value: &mut serde_json::Value, temp_id: &str, server_id: i64) -> bool {
    match value {
        serde_json::Value::String(text) if text == temp_id => {
            *value = server_id.into();
            true
        }
        serde_json::Value::Array(items) => items.iter_mut().fold(false, |changed, item| {
            rewrite_id(item, temp_id, server_id) | changed
        }),
        serde_json::Value::Object(fields) => fields.values_mut().fold(false, |changed, item| {
            rewrite_id(item, temp_id, server_id) | changed
        }),
        _ => false,
    }
}

fn rewrite_queued(
    conn: &Connection,
    environment: &str,
    account: &str,
    temp_id: &str,
    server_id: i64,
) -> Result<(), StoreError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM outbox WHERE environment = ?1 AND account = ?2 ORDER BY seq"
    );
    for mut entry in entries(conn, &sql, (environment, account))? {
        if rewrite_id(&mut entry.payload, temp_id, server_id) {
            conn.execute(
                "UPDATE outbox SET payload = ?2 WHERE seq = ?1",
                (entry.seq, super::to_json(&entry.payload)?),
            )?;
        }
    }
    Ok(())
}

impl Store {
    /// Queues an edit for this account, due at once, with a fresh idempotency key.
    pub fn enqueue(
        &mut self,
        environment: &str,
        account: &str,
        kind: OutboxKind,
        payload: &serde_json::Value,
    ) -> Result<OutboxEntry, StoreError> {
        let now = crate::now_ms();
        let key = uuid::Uuid::new_v4().to_string();
        let seq: i64 = self.conn.query_row(
            "INSERT INTO outbox (environment, account, kind, idempotency_key, payload,
                 next_attempt_at, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6) RETURNING seq",
            (
                environment,
                account,
                kind.as_str(),
                &key,
                super::to_json(payload)?,
                now,
            ),
            |row| row.get(0),
        )?;
        by_seq(&self.conn, seq)
    }

    /// For each account, its oldest entry if that one is due at `now`. A later entry never
    /// overtakes an earlier one that is waiting out its backoff, so edits land in order;
    /// refused entries wait for the user and are passed over.
    pub fn next_due(&self, now: i64) -> Result<Vec<OutboxEntry>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM outbox AS o
             WHERE o.seq = (SELECT MIN(seq) FROM outbox
                            WHERE environment = o.environment AND account = o.account
                              AND refused IS NULL)
               AND o.next_attempt_at <= ?1
             ORDER BY o.seq"
        );
        entries(&self.conn, &sql, [now])
    }

    /// Counts a failed attempt and schedules the next one with exponential backoff.
    pub fn mark_failed(&mut self, seq: i64, now: i64) -> Result<OutboxEntry, StoreError> {
        let tx = self.conn.transaction()?;
        let attempts = by_seq(&tx, seq)?.attempts.saturating_add(1);
        let delay = backoff_delay(attempts, fastrand::f64());
        let next = now.saturating_add(i64::try_from(delay.as_millis()).unwrap_or(i64::MAX));
        tx.execute(
            "UPDATE outbox SET attempts = ?2, next_attempt_at = ?3 WHERE seq = ?1",
            (seq, attempts, next),
        )?;
        let entry = by_seq(&tx, seq)?;
        tx.commit()?;
        Ok(entry)
    }

    /// Makes this account's waiting edits due at `now`: the network is back (a call just
    /// worked, or the user pulled to refresh), so waiting out the backoff would only delay them.
    pub fn retry_now(
        &mut self,
        environment: &str,
        account: &str,
        now: i64,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE outbox SET next_attempt_at = ?3
             WHERE environment = ?1 AND account = ?2 AND next_attempt_at > ?3",
            (environment, account, now),
        )?;
        Ok(())
    }

    /// Records whether an attempt of this entry may have reached the server unanswered: set
    /// before an attempt goes out (so a crash meanwhile counts too), put back when the attempt
    /// surely was not applied.
    pub fn set_in_doubt(&mut self, seq: i64, in_doubt: bool) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE outbox SET in_doubt = ?2 WHERE seq = ?1",
            (seq, in_doubt),
        )?;
        Ok(())
    }

    /// Keeps an entry the server refused for the user to decide on, with the server's words.
    pub fn refuse(&mut self, seq: i64, reason: &str) -> Result<OutboxEntry, StoreError> {
        self.conn.execute(
            "UPDATE outbox SET refused = ?2 WHERE seq = ?1",
            (seq, reason),
        )?;
        by_seq(&self.conn, seq)
    }

    /// Sends a refused entry again as a new edit with `payload`: last in line, due at once,
    /// with a fresh idempotency key (the refused attempt changed nothing on the server, though
    /// an earlier attempt in doubt may have, so that mark stays).
    pub fn requeue(
        &mut self,
        seq: i64,
        payload: &serde_json::Value,
    ) -> Result<OutboxEntry, StoreError> {
        let tx = self.conn.transaction()?;
        let old = by_seq(&tx, seq)?;
        tx.execute("DELETE FROM outbox WHERE seq = ?1", [seq])?;
        let now = crate::now_ms();
        let new_seq: i64 = tx.query_row(
            "INSERT INTO outbox (environment, account, kind, idempotency_key, payload,
                 next_attempt_at, created_at, in_doubt)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7) RETURNING seq",
            (
                &old.environment,
                &old.account,
                old.kind.as_str(),
                uuid::Uuid::new_v4().to_string(),
                super::to_json(payload)?,
                now,
                old.in_doubt,
            ),
            |row| row.get(0),
        )?;
        let entry = by_seq(&tx, new_seq)?;
        tx.commit()?;
        Ok(entry)
    }

    /// Removes an entry the server has accepted.
    pub fn complete(&mut self, seq: i64) -> Result<(), StoreError> {
        self.conn
            .execute("DELETE FROM outbox WHERE seq = ?1", [seq])?;
        Ok(())
    }

    /// This account's queued edits in order, so the UI can mark those rows pending.
    pub fn pending(
        &self,
        environment: &str,
        account: &str,
    ) -> Result<Vec<OutboxEntry>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM outbox WHERE environment = ?1 AND account = ?2 ORDER BY seq"
        );
        entries(&self.conn, &sql, (environment, account))
    }

    /// After the server created a row queued under `temp_id`, puts `server_id` wherever the
    /// temporary id appears: the cached row and this account's queued payloads.
    pub fn replace_temp_id(
        &mut self,
        environment: &str,
        account: &str,
        entity: Entity,
        temp_id: &str,
        server_id: i64,
    ) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        match entity {
            Entity::Address => {
                super::address::replace_temp_id(&tx, environment, account, temp_id, server_id)?
            }
            Entity::Invoice => {
                super::invoice::replace_temp_id(&tx, environment, account, temp_id, server_id)?
            }
        }
        rewrite_queued(&tx, environment, account, temp_id, server_id)?;
        tx.commit()?;
        Ok(())
    }

    /// Puts `server_id` wherever `temp_id` appears in this account's queued payloads only: a
    /// chat message, whose cached row [`Store::rename_message`] renames.
    pub fn replace_queued_id(
        &mut self,
        environment: &str,
        account: &str,
        temp_id: &str,
        server_id: i64,
    ) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        rewrite_queued(&tx, environment, account, temp_id, server_id)?;
        tx.commit()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use crate::{OutboxKind, Store};

    #[test]
    fn retry_now_makes_only_that_accounts_waiting_edits_due() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, _) = Store::open(&dir.path().join("cache.sqlite")).unwrap();
        let payload = serde_json::json!({});
        let mine = store
            .enqueue("env", "me", OutboxKind::AddressAdd, &payload)
            .unwrap();
        let theirs = store
            .enqueue("env", "other", OutboxKind::AddressAdd, &payload)
            .unwrap();
        let now = crate::now_ms();
        store.mark_failed(mine.seq, now).unwrap();
        store.mark_failed(theirs.seq, now).unwrap();
        assert!(store.next_due(now).unwrap().is_empty());

        store.retry_now("env", "me", now).unwrap();
        let due = store.next_due(now).unwrap();
        assert_eq!(due.len(), 1);
        assert_eq!(due[0].seq, mine.seq);
        assert_eq!(due[0].attempts, 1, "the count of failures stays");
    }
}
