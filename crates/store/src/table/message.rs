//! Messages, notices and chats (`user_center::messages`): id, read flag and time as columns,
//! the rest as JSON.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::time::Duration;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::fetch_log::Kind;
use crate::{Cached, Store, StoreError};

pub(crate) const MIGRATION: &str = "
CREATE TABLE message (
    environment TEXT NOT NULL,
    account TEXT NOT NULL,
    channel TEXT NOT NULL CHECK (channel IN ('notice', 'chat')),
    id TEXT NOT NULL,
    is_read INTEGER NOT NULL,
    time INTEGER,
    data TEXT NOT NULL,
    PRIMARY KEY (environment, account, channel, id)
) STRICT, WITHOUT ROWID;
CREATE INDEX message_by_time ON message (environment, account, channel, time DESC);";

/// Appended later: which conversation a message belongs to, indexed so that a chat thread is
/// read a page at a time instead of loading the whole channel.
pub(crate) const CONVERSATION_MIGRATION: &str = "
ALTER TABLE message ADD COLUMN conversation TEXT;
CREATE INDEX message_by_conversation
    ON message (environment, account, channel, conversation, time DESC);";

pub(crate) const FORGET: &str = "DELETE FROM message WHERE environment = ?1 AND account = ?2";

/// Which list a message belongs to; each is fetched and replaced on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    Notice,
    Chat,
}

impl Channel {
    fn as_str(self) -> &'static str {
        match self {
            Self::Notice => "notice",
            Self::Chat => "chat",
        }
    }

    fn kind(self) -> Kind {
        match self {
            Self::Notice => Kind::Notices,
            Self::Chat => Kind::Chats,
        }
    }
}

/// One cached message.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MessageRow<T = serde_json::Value> {
    pub id: String,
    /// Wins over any read flag inside `data`: a mark-read waiting in the outbox sets it.
    pub is_read: bool,
    /// When it was sent, in ms since the epoch, if the server said.
    pub time: Option<i64>,
    /// The thread it belongs to: for a chat, the other party's id (`userOtherId`).
    pub conversation: Option<String>,
    pub data: T,
}

/// Which cached rows a fetched page stands for: of those, the ones it does not list are gone
/// from the server. A page that is not the whole list stands only for the time it covers, so
/// pages fetched before stay cached. The bounds are exclusive: rows sent in the same
/// millisecond as a page's first or last may sit on the next page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Window<'a> {
    /// Only this conversation's rows (one thread's page); `None`: the whole channel.
    pub conversation: Option<&'a str>,
    /// Only rows sent after this, in ms; `None`: however old (rows without a time too).
    pub since: Option<i64>,
    /// Only rows sent before this, in ms; `None`: however new.
    pub until: Option<i64>,
}

/// A message as SQLite holds it (id, is_read, time, conversation, data, the order every read
/// selects them in); its JSON is decoded afterwards, because that can fail in ways
/// rusqlite's row mapping cannot express.
type StoredRow = (String, bool, Option<i64>, Option<String>, String);

fn read_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<StoredRow> {
    Ok((
        row.get(0)?,
        row.get(1)?,
        row.get(2)?,
        row.get(3)?,
        row.get(4)?,
    ))
}

fn decode<T: DeserializeOwned>(stored: Vec<StoredRow>) -> Result<Vec<MessageRow<T>>, StoreError> {
    stored
        .into_iter()
        .map(|(id, is_read, time, conversation, data)| {
            Ok(MessageRow {
                id,
                is_read,
                time,
                conversation,
                data: super::from_json(&data)?,
            })
        })
        .collect()
}

impl Store {
    /// Replaces this account's messages of one channel with a freshly fetched list: what it
    /// no longer lists is dropped, and a message it lists twice is kept as listed last.
    pub fn replace_messages<T: Serialize>(
        &mut self,
        environment: &str,
        account: &str,
        channel: Channel,
        rows: &[MessageRow<T>],
        fetched_at: i64,
    ) -> Result<(), StoreError> {
        self.replace_message_window(
            environment,
            account,
            channel,
            Window::default(),
            rows,
            fetched_at,
        )
    }

    /// Writes a fetched page of one channel: the rows it lists are written, the cached rows in
    /// its `window` that it does not list are dropped, and every other row stays.
    pub fn replace_message_window<T: Serialize>(
        &mut self,
        environment: &str,
        account: &str,
        channel: Channel,
        window: Window<'_>,
        rows: &[MessageRow<T>],
        fetched_at: i64,
    ) -> Result<(), StoreError> {
        let channel_name = channel.as_str();
        let tx = self.conn.transaction()?;
        // The cached rows' indexed columns, by id, to tell which rows are new and which keep
        // their place in the indexes.
        let cached = {
            let mut select = tx.prepare(
                "SELECT id, time, conversation FROM message
                 WHERE environment = ?1 AND account = ?2 AND channel = ?3",
            )?;
            select
                .query_map((environment, account, channel_name), |row| {
                    Ok((row.get::<_, String>(0)?, (row.get(1)?, row.get(2)?)))
                })?
                .collect::<Result<HashMap<String, (Option<i64>, Option<String>)>, _>>()?
        };
        // Only what changed is written: a refresh mostly lists the messages already cached,
        // and rewriting every one of them was most of its time and of the WAL it wrote.
        let listed: HashSet<&str> = rows.iter().map(|row| row.id.as_str()).collect();
        let in_window = |(time, conversation): &(Option<i64>, Option<String>)| {
            window
                .conversation
                .is_none_or(|wanted| conversation.as_deref() == Some(wanted))
                && window
                    .since
                    .is_none_or(|since| time.is_some_and(|time| time > since))
                && window
                    .until
                    .is_none_or(|until| time.is_some_and(|time| time < until))
        };
        let mut gone: Vec<&String> = cached
            .iter()
            .filter(|(id, columns)| !listed.contains(id.as_str()) && in_window(columns))
            .map(|(id, _)| id)
            .collect();
        if gone.len() == cached.len() {
            // Nothing is kept: one ranged delete is faster than finding each row.
            tx.execute(
                "DELETE FROM message WHERE environment = ?1 AND account = ?2 AND channel = ?3",
                (environment, account, channel_name),
            )?;
        } else {
            // In key order, so that dropping many walks the table once instead of at random.
            gone.sort_unstable();
            let mut delete = tx.prepare(
                "DELETE FROM message
                 WHERE environment = ?1 AND account = ?2 AND channel = ?3 AND id = ?4",
            )?;
            for id in gone {
                delete.execute((environment, account, channel_name, id))?;
            }
        }
        {
            let mut insert = tx.prepare(
                "INSERT INTO message (environment, account, channel, id, is_read, time,
                     conversation, data)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?;
            // SQLite rewrites the entries of every index whose column an UPDATE sets, changed
            // or not: a row that keeps its time and conversation sets neither, which halves
            // the cost of a refresh that changes every row's read flag. (It names ?6 and ?7 too,
            // so both updates take the same parameters.)
            let mut update_content = tx.prepare(
                "UPDATE message SET is_read = ?5, data = ?8
                 WHERE environment = ?1 AND account = ?2 AND channel = ?3 AND id = ?4
                     AND time IS ?6 AND conversation IS ?7
                     AND (is_read, data) IS NOT (?5, ?8)",
            )?;
            let mut update_all = tx.prepare(
                "UPDATE message SET is_read = ?5, time = ?6, conversation = ?7, data = ?8
                 WHERE environment = ?1 AND account = ?2 AND channel = ?3 AND id = ?4
                     AND (is_read, time, conversation, data) IS NOT (?5, ?6, ?7, ?8)",
            )?;
            // In key order: measured, that makes importing 100,000 messages a fifth faster than
            // the server's order, newest first. The sort is stable, so of a message listed twice
            // the one listed last is still written last.
            let mut sorted: Vec<&MessageRow<T>> = rows.iter().collect();
            sorted.sort_by(|a, b| a.id.cmp(&b.id));
            let mut previous: Option<&str> = None;
            for row in sorted {
                let id = row.id.as_str();
                let listed_twice = previous == Some(id);
                previous = Some(id);
                let statement = match cached.get(id) {
                    None if !listed_twice => &mut insert,
                    Some((time, conversation))
                        if !listed_twice
                            && *time == row.time
                            && *conversation == row.conversation =>
                    {
                        &mut update_content
                    }
                    _ => &mut update_all,
                };
                statement.execute((
                    environment,
                    account,
                    channel_name,
                    &row.id,
                    row.is_read,
                    row.time,
                    &row.conversation,
                    super::to_json(&row.data)?,
                ))?;
            }
        }
        super::fetch_log::record(&tx, environment, account, channel.kind(), fetched_at)?;
        tx.commit()?;
        Ok(())
    }

    /// This account's cached messages of one channel, newest first.
    pub fn messages<T: DeserializeOwned>(
        &self,
        environment: &str,
        account: &str,
        channel: Channel,
        max_age: Duration,
    ) -> Result<Option<Cached<Vec<MessageRow<T>>>>, StoreError> {
        let kind = channel.kind();
        crate::cache::read(&self.conn, environment, account, kind, max_age, || {
            let mut select = self.conn.prepare(
                "SELECT id, is_read, time, conversation, data FROM message
                 WHERE environment = ?1 AND account = ?2 AND channel = ?3
                 ORDER BY time DESC, id",
            )?;
            let stored = select
                .query_map((environment, account, channel.as_str()), read_row)?
                .collect::<Result<Vec<_>, _>>()?;
            decode(stored)
        })
    }

    /// One page of one conversation in this account's cached messages of a channel, newest
    /// first: `rows` counts from the newest, so `0..50` is the first page and `50..100` the
    /// next. Only that page is read, however long the conversation.
    pub fn conversation_page<T: DeserializeOwned>(
        &self,
        environment: &str,
        account: &str,
        channel: Channel,
        conversation: &str,
        rows: Range<usize>,
        max_age: Duration,
    ) -> Result<Option<Cached<Vec<MessageRow<T>>>>, StoreError> {
        let offset = i64::try_from(rows.start).unwrap_or(i64::MAX);
        let limit = i64::try_from(rows.end.saturating_sub(rows.start)).unwrap_or(i64::MAX);
        let kind = channel.kind();
        crate::cache::read(&self.conn, environment, account, kind, max_age, || {
            // The page's ids come from the index alone, then only those rows are read: a WITHOUT
            // ROWID table cannot defer the row lookup, so a plain OFFSET would read every row it
            // skips. CROSS JOIN keeps the page as the outer loop.
            let mut select = self.conn.prepare(
                "SELECT m.id, m.is_read, m.time, m.conversation, m.data
                 FROM (SELECT id FROM message
                       WHERE environment = ?1 AND account = ?2 AND channel = ?3
                           AND conversation = ?4
                       ORDER BY time DESC, id LIMIT ?5 OFFSET ?6) AS page
                 CROSS JOIN message AS m
                 WHERE m.environment = ?1 AND m.account = ?2 AND m.channel = ?3
                     AND m.id = page.id
                 ORDER BY m.time DESC, m.id",
            )?;
            let stored = select
                .query_map(
                    (
                        environment,
                        account,
                        channel.as_str(),
                        conversation,
                        limit,
                        offset,
                    ),
                    read_row,
                )?
                .collect::<Result<Vec<_>, _>>()?;
            decode(stored)
        })
    }

    /// Writes one message, new or replacing the cached one with its id, leaving the rest of the
    /// channel and its fetch time as they are (a message sent here, shown before the server
    /// has it).
    pub fn put_message<T: Serialize>(
        &mut self,
        environment: &str,
        account: &str,
        channel: Channel,
        row: &MessageRow<T>,
    ) -> Result<(), StoreError> {
        put(&self.conn, environment, account, channel, row)
    }

    /// Replaces the cached message `id` with `row`, which has the server's id: a message sent
    /// here under a temporary id, as the server answered it.
    pub fn rename_message<T: Serialize>(
        &mut self,
        environment: &str,
        account: &str,
        channel: Channel,
        id: &str,
        row: &MessageRow<T>,
    ) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        delete(&tx, environment, account, channel, id)?;
        put(&tx, environment, account, channel, row)?;
        tx.commit()?;
        Ok(())
    }

    /// Drops one cached message (one sent here that the user discarded).
    pub fn remove_message(
        &mut self,
        environment: &str,
        account: &str,
        channel: Channel,
        id: &str,
    ) -> Result<(), StoreError> {
        delete(&self.conn, environment, account, channel, id)
    }

    /// How many messages of one conversation are cached.
    pub fn conversation_len(
        &self,
        environment: &str,
        account: &str,
        channel: Channel,
        conversation: &str,
    ) -> Result<usize, StoreError> {
        let count: i64 = self.conn.query_row(
            "SELECT COUNT(*) FROM message
             WHERE environment = ?1 AND account = ?2 AND channel = ?3 AND conversation = ?4",
            (environment, account, channel.as_str(), conversation),
            |row| row.get(0),
        )?;
        Ok(usize::try_from(count).unwrap_or(0))
    }

    /// Marks a cached message read at once, before the server hears of it.
    pub fn set_message_read(
        &mut self,
        environment: &str,
        account: &str,
        channel: Channel,
        id: &str,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE message SET is_read = 1
             WHERE environment = ?1 AND account = ?2 AND channel = ?3 AND id = ?4",
            (environment, account, channel.as_str(), id),
        )?;
        Ok(())
    }
}

fn put<T: Serialize>(
    conn: &rusqlite::Connection,
    environment: &str,
    account: &str,
    channel: Channel,
    row: &MessageRow<T>,
) -> Result<(), StoreError> {
    conn.execute(
        "INSERT OR REPLACE INTO message (environment, account, channel, id, is_read, time,
             conversation, data)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        (
            environment,
            account,
            channel.as_str(),
            &row.id,
            row.is_read,
            row.time,
            &row.conversation,
            super::to_json(&row.data)?,
        ),
    )?;
    Ok(())
}

fn delete(
    conn: &rusqlite::Connection,
    environment: &str,
    account: &str,
    channel: Channel,
    id: &str,
) -> Result<(), StoreError> {
    conn.execute(
        "DELETE FROM message
         WHERE environment = ?1 AND account = ?2 AND channel = ?3 AND id = ?4",
        (environment, account, channel.as_str(), id),
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use rusqlite::Connection;

    /// How many migrations there were before the conversation column was appended.
    const BEFORE_CONVERSATION: usize = 12;

    #[test]
    fn messages_cached_before_the_conversation_column_keep_their_data() {
        let migrations = super::super::migrations();
        let mut conn = Connection::open_in_memory().unwrap();
        migrations
            .to_version(&mut conn, BEFORE_CONVERSATION)
            .unwrap();
        conn.execute(
            "INSERT INTO message (environment, account, channel, id, is_read, time, data)
             VALUES ('prod', 'ann', 'chat', '1', 0, 5, '{}')",
            [],
        )
        .unwrap();
        migrations.to_latest(&mut conn).unwrap();
        let row: (String, Option<String>, String) = conn
            .query_row("SELECT id, conversation, data FROM message", [], |row| {
                Ok((row.get(0)?, row.get(1)?, row.get(2)?))
            })
            .unwrap();
        assert_eq!(row, ("1".into(), None, "{}".into()));
    }
}
