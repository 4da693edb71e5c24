//! In-app messages (family B): system notices, chat messages and the unread count, read
//! cache-first; marking as read goes through the outbox and shows at once, count included.

use std::collections::BTreeMap;
use std::time::Duration;

use lcs_api::Idempotent;
use lcs_api::user_center::ListQuery;
use lcs_api::user_center::messages::{
    MessageFilter, MessageGetMsgCount, MessageGetNotice, MessageList, MessageQuery, MessageSetRead,
    MessageType,
};
use lcs_store::table::message::MessageRow;
use lcs_store::table::unread_count::UnreadCount;
use lcs_store::{Cached, Channel, OutboxEntry, OutboxKind, Store, StoreError};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::data::{Data, DataChange, DataKind, Loaded, Scope};
use crate::error::{Error, Result};
use crate::sync::Delivered;

/// How many chat messages a refresh reads, newest first, in one page.
const CHAT_PAGE: u32 = 200;
/// The unread count's one category: the server gives a single total.
const TOTAL: &str = "total";
/// `setRead`'s `user_other_id` for every system notice.
const SYSTEM: i64 = 0;

/// Which list: system notices or chat messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum MessageChannel {
    Notice,
    Chat,
}

impl MessageChannel {
    fn store(self) -> Channel {
        match self {
            Self::Notice => Channel::Notice,
            Self::Chat => Channel::Chat,
        }
    }

    fn kind(self) -> DataKind {
        match self {
            Self::Notice => DataKind::Notices,
            Self::Chat => DataKind::Chats,
        }
    }
}

/// One message as the list shows it.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct MessageItem {
    pub id: String,
    pub is_read: bool,
    /// When it was sent, in ms since the epoch.
    #[specta(type = Option<f64>)]
    pub time: Option<i64>,
    /// Marked read here; the server has not heard yet.
    pub pending: bool,
    /// The server's message (snake_case fields, as the API sends them).
    #[specta(type = crate::data::Json)]
    pub data: Value,
}

/// The unread badge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Unread {
    pub total: u32,
}

/// A mark-as-read in the outbox: one message, or a whole conversation (`user_other_id`; 0 for
/// every notice). `unread` is how many it turned read here, taken off the server's count
/// until the server has it.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct MarkRead {
    channel: MessageChannel,
    message_id: Option<i64>,
    user_other_id: Option<i64>,
    unread: i64,
}

/// The signed-in user's messages.
#[derive(Debug, Clone)]
pub struct Messages {
    data: Data,
}

impl Messages {
    pub(crate) fn new(data: Data) -> Self {
        Self { data }
    }

    /// One list, newest first: the cache at once (refreshed in the background), or the
    /// network's answer when nothing is cached.
    pub async fn list(&self, channel: MessageChannel) -> Result<Loaded<Vec<MessageItem>>> {
        self.data
            .load(channel.kind(), |store, scope, max_age| {
                items(store, scope, channel, max_age)
            })
            .await
    }

    /// The network's answer now (pull-to-refresh); offline, the cache marked offline.
    pub async fn refresh(&self, channel: MessageChannel) -> Result<Loaded<Vec<MessageItem>>> {
        self.data
            .reload(channel.kind(), |store, scope, max_age| {
                items(store, scope, channel, max_age)
            })
            .await
    }

    /// The unread count (getMsgCount), less what was marked read here and not yet sent.
    pub async fn unread(&self) -> Result<Loaded<Unread>> {
        self.data.load(DataKind::UnreadCounts, unread).await
    }

    /// Marks one message read.
    pub fn mark_read(&self, channel: MessageChannel, message_id: i64) -> Result<()> {
        let scope = self.data.scope(lcs_api::Family::UserCenter)?;
        let unread = self.data.with_store(|store| {
            cached_unread(store, &scope, channel, |row| {
                row.id == message_id.to_string()
            })
        })?;
        self.queue(
            &scope,
            &MarkRead {
                channel,
                message_id: Some(message_id),
                user_other_id: None,
                unread,
            },
        )
    }

    /// Marks every message of a list read: all notices at once, chats one conversation at a
    /// time (the server marks chats per other party).
    pub fn mark_all_read(&self, channel: MessageChannel) -> Result<()> {
        let scope = self.data.scope(lcs_api::Family::UserCenter)?;
        let marks = self.data.with_store(|store| {
            let mut by_other: BTreeMap<i64, i64> = BTreeMap::new();
            for row in rows(store, &scope, channel)? {
                if !row.is_read {
                    let other = match channel {
                        MessageChannel::Notice => SYSTEM,
                        MessageChannel::Chat => other_party(&row).unwrap_or(SYSTEM),
                    };
                    *by_other.entry(other).or_default() += 1;
                }
            }
            if channel == MessageChannel::Notice {
                by_other.entry(SYSTEM).or_default();
            }
            Ok(by_other)
        })?;
        for (other, unread) in marks {
            self.queue(
                &scope,
                &MarkRead {
                    channel,
                    message_id: None,
                    user_other_id: Some(other),
                    unread,
                },
            )?;
        }
        Ok(())
    }

    /// Marks one chat conversation read (everything from `other_party`), in one call.
    pub fn mark_conversation_read(&self, other_party_id: i64) -> Result<()> {
        let scope = self.data.scope(lcs_api::Family::UserCenter)?;
        let unread = self.data.with_store(|store| {
            Ok(rows(store, &scope, MessageChannel::Chat)?
                .iter()
                .filter(|row| !row.is_read && other_party(row) == Some(other_party_id))
                .count())
        })?;
        self.queue(
            &scope,
            &MarkRead {
                channel: MessageChannel::Chat,
                message_id: None,
                user_other_id: Some(other_party_id),
                unread: i64::try_from(unread).unwrap_or(i64::MAX),
            },
        )
    }

    /// The customer-service chat settings (getKefuConfig) as the server sends them: whom to
    /// chat with, hotline, hours.
    pub async fn kefu_config(&self) -> Result<Value> {
        self.data
            .auth()
            .user_center(&lcs_api::user_center::messages::MessageGetKefuConfig)
            .await
    }

    fn queue(&self, scope: &Scope, mark: &MarkRead) -> Result<()> {
        let payload = serde_json::to_value(mark).map_err(|error| Error::Cache(error.into()))?;
        // Queued first, then shown: see `lists::Spec::queue`.
        self.data.with_store(|store| {
            store.enqueue(
                &scope.environment,
                &scope.key,
                OutboxKind::MessageMarkRead,
                &payload,
            )?;
            apply(store, scope, mark)?;
            take_off_count(store, scope, mark.unread)
        })?;
        self.data
            .emit(scope, mark.channel.kind(), DataChange::Edited, None);
        self.data
            .emit(scope, DataKind::UnreadCounts, DataChange::Edited, None);
        self.data.wake().notify_one();
        Ok(())
    }
}

fn rows(
    store: &Store,
    scope: &Scope,
    channel: MessageChannel,
) -> std::result::Result<Vec<MessageRow>, StoreError> {
    Ok(store
        .messages(
            &scope.environment,
            &scope.key,
            channel.store(),
            Duration::MAX,
        )?
        .map(|cached| cached.data)
        .unwrap_or_default())
}

fn other_party(row: &MessageRow) -> Option<i64> {
    row.data.get("user_other_id").and_then(Value::as_i64)
}

/// How many cached messages of `channel` that `matches` picks are unread.
fn cached_unread(
    store: &Store,
    scope: &Scope,
    channel: MessageChannel,
    matches: impl Fn(&MessageRow) -> bool,
) -> std::result::Result<i64, StoreError> {
    let rows = rows(store, scope, channel)?;
    Ok(rows
        .iter()
        .filter(|row| !row.is_read && matches(row))
        .count() as i64)
}

/// Shows a mark-as-read in the cached list.
fn apply(store: &mut Store, scope: &Scope, mark: &MarkRead) -> std::result::Result<(), StoreError> {
    let channel = mark.channel.store();
    let ids: Vec<String> = match (mark.message_id, mark.user_other_id) {
        (Some(id), _) => vec![id.to_string()],
        (None, Some(other)) => rows(store, scope, mark.channel)?
            .into_iter()
            .filter(|row| {
                !row.is_read
                    && (mark.channel == MessageChannel::Notice || other_party(row) == Some(other))
            })
            .map(|row| row.id)
            .collect(),
        (None, None) => Vec::new(),
    };
    for id in ids {
        store.set_message_read(&scope.environment, &scope.key, channel, &id)?;
    }
    Ok(())
}

/// Lowers the cached unread count by `by`, keeping its fetch time.
fn take_off_count(
    store: &mut Store,
    scope: &Scope,
    by: i64,
) -> std::result::Result<(), StoreError> {
    if by == 0 {
        return Ok(());
    }
    let Some(cached) = store.unread_counts(&scope.environment, &scope.key, Duration::MAX)? else {
        return Ok(());
    };
    let counts: Vec<UnreadCount> = cached
        .data
        .into_iter()
        .map(|count| UnreadCount {
            count: if count.category == TOTAL {
                count.count.saturating_sub(by).max(0)
            } else {
                count.count
            },
            ..count
        })
        .collect();
    store.replace_unread_counts(&scope.environment, &scope.key, &counts, cached.fetched_at)
}

/// This account's queued mark-as-reads, in order.
fn pending_marks(store: &Store, scope: &Scope) -> std::result::Result<Vec<MarkRead>, StoreError> {
    Ok(store
        .pending(&scope.environment, &scope.key)?
        .into_iter()
        .filter(|entry| entry.kind == OutboxKind::MessageMarkRead)
        .filter_map(|entry| serde_json::from_value(entry.payload).ok())
        .collect())
}

fn items(
    store: &Store,
    scope: &Scope,
    channel: MessageChannel,
    max_age: Duration,
) -> std::result::Result<Option<Cached<Vec<MessageItem>>>, StoreError> {
    let marks = pending_marks(store, scope)?;
    let pending = |row: &MessageRow| {
        marks.iter().any(|mark| {
            mark.channel == channel
                && (mark.message_id.map(|id| id.to_string()) == Some(row.id.clone())
                    || mark.message_id.is_none()
                        && (channel == MessageChannel::Notice
                            || mark.user_other_id == other_party(row)))
        })
    };
    Ok(store
        .messages::<Value>(&scope.environment, &scope.key, channel.store(), max_age)?
        .map(|cached| Cached {
            data: cached
                .data
                .into_iter()
                .map(|row| MessageItem {
                    pending: pending(&row),
                    id: row.id,
                    is_read: row.is_read,
                    time: row.time,
                    data: row.data,
                })
                .collect(),
            fetched_at: cached.fetched_at,
            stale: cached.stale,
        }))
}

fn unread(
    store: &Store,
    scope: &Scope,
    max_age: Duration,
) -> std::result::Result<Option<Cached<Unread>>, StoreError> {
    Ok(store
        .unread_counts(&scope.environment, &scope.key, max_age)?
        .map(|cached| Cached {
            data: Unread {
                total: cached
                    .data
                    .iter()
                    .map(|count| u32::try_from(count.count).unwrap_or(0))
                    .sum(),
            },
            fetched_at: cached.fetched_at,
            stale: cached.stale,
        }))
}

pub(crate) async fn fetch(data: &Data, scope: &Scope, kind: DataKind) -> Result<()> {
    let auth = data.auth();
    match kind {
        DataKind::Notices => {
            let notices = auth.user_center(&MessageGetNotice).await?;
            let rows = notices.0.iter().filter_map(message_row).collect::<Vec<_>>();
            write(data, scope, MessageChannel::Notice, &rows)
        }
        DataKind::Chats => {
            let page = auth
                .user_center(&MessageList(MessageQuery {
                    list: ListQuery::page(1, CHAT_PAGE),
                    filter: MessageFilter {
                        message_type: Some(MessageType::User),
                        ..MessageFilter::default()
                    },
                }))
                .await?;
            let rows = page
                .items
                .iter()
                .filter_map(|chat| {
                    let mut row = message_row(&chat.message)?;
                    row.data = serde_json::to_value(chat).ok()?;
                    Some(row)
                })
                .collect::<Vec<_>>();
            write(data, scope, MessageChannel::Chat, &rows)
        }
        _ => {
            let count = auth.user_center(&MessageGetMsgCount::default()).await?;
            if !data.is_current(scope) {
                return Ok(());
            }
            data.with_store(|store| {
                // The server's count does not know of the marks still queued here.
                let queued: i64 = pending_marks(store, scope)?.iter().map(|m| m.unread).sum();
                let total = count.num.unwrap_or(0).saturating_sub(queued).max(0);
                store.replace_unread_counts(
                    &scope.environment,
                    &scope.key,
                    &[UnreadCount {
                        category: TOTAL.into(),
                        count: total,
                    }],
                    lcs_store::now_ms(),
                )
            })
        }
    }
}

fn message_row(message: &lcs_api::user_center::messages::MessageRow) -> Option<MessageRow> {
    Some(MessageRow {
        id: message.message_id?.to_string(),
        is_read: message.message_is_read.unwrap_or(false),
        time: message.message_time,
        conversation: message.user_other_id.map(|id| id.to_string()),
        data: serde_json::to_value(message).ok()?,
    })
}

/// Writes a fetched list, then replays the marks still queued on top.
fn write(data: &Data, scope: &Scope, channel: MessageChannel, rows: &[MessageRow]) -> Result<()> {
    if !data.is_current(scope) {
        return Ok(());
    }
    data.with_store(|store| {
        store.replace_messages(
            &scope.environment,
            &scope.key,
            channel.store(),
            rows,
            lcs_store::now_ms(),
        )?;
        for mark in pending_marks(store, scope)? {
            if mark.channel == channel {
                apply(store, scope, &mark)?;
            }
        }
        Ok(())
    })
}

/// Sends one queued mark-as-read with its idempotency key.
pub(crate) async fn deliver(data: &Data, entry: &OutboxEntry) -> Result<Delivered> {
    let mark: MarkRead = serde_json::from_value(entry.payload.clone())
        .map_err(|error| Error::Cache(error.into()))?;
    let set_read = MessageSetRead {
        message_id: mark.message_id,
        user_other_id: mark.user_other_id,
    };
    data.auth()
        .user_center(&Idempotent::new(entry.idempotency_key.clone(), set_read))
        .await?;
    Ok(Delivered::default())
}
