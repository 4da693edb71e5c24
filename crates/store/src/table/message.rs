//! Messages, notices and chats (`user_center::messages`): id, read flag and time as columns,
//! the rest as JSON.

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
    pub data: T,
}

impl Store {
    /// Replaces this account's messages of one channel with a freshly fetched list.
    pub fn replace_messages<T: Serialize>(
        &mut self,
        environment: &str,
        account: &str,
        channel: Channel,
        rows: &[MessageRow<T>],
        fetched_at: i64,
    ) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        tx.execute(
            "DELETE FROM message WHERE environment = ?1 AND account = ?2 AND channel = ?3",
            (environment, account, channel.as_str()),
        )?;
        {
            let mut insert = tx.prepare(
                "INSERT INTO message (environment, account, channel, id, is_read, time, data)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?;
            for row in rows {
                let data = super::to_json(&row.data)?;
                let channel = channel.as_str();
                insert.execute((
                    environment,
                    account,
                    channel,
                    &row.id,
                    row.is_read,
                    row.time,
                    data,
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
        crate::cache::read(
            &self.conn,
            environment,
            account,
            channel.kind(),
            max_age,
            || {
                let mut select = self.conn.prepare(
                    "SELECT id, is_read, time, data FROM message
                 WHERE environment = ?1 AND account = ?2 AND channel = ?3
                 ORDER BY time DESC, id",
                )?;
                let raw = select
                    .query_map((environment, account, channel.as_str()), |row| {
                        Ok((
                            row.get(0)?,
                            row.get(1)?,
                            row.get(2)?,
                            row.get::<_, String>(3)?,
                        ))
                    })?
                    .collect::<Result<Vec<_>, _>>()?;
                raw.into_iter()
                    .map(|(id, is_read, time, data)| {
                        Ok(MessageRow {
                            id,
                            is_read,
                            time,
                            data: super::from_json(&data)?,
                        })
                    })
                    .collect()
            },
        )
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
