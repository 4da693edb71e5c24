//! In-app messages (family B): system notices, chat messages and the unread count, read
//! cache-first; marking as read goes through the outbox and shows at once, count included.
//!
//! A chat thread is read a page at a time, newest first, from the cache until it runs out,
//! then from the server (listChatMsg). A message the user sends is queued in the outbox and
//! shown at once under a temporary id; the server's row replaces it when the server takes it,
//! and one the server refuses stays, marked failed, until the user sends it again or drops it.

use std::collections::{BTreeMap, HashSet};
use std::time::Duration;

use lcs_api::Idempotent;
use lcs_api::user_center::ListQuery;
use lcs_api::user_center::messages::{
    ChatMessage, MessageAdd, MessageCat, MessageFilter, MessageGetMsgCount, MessageGetNotice,
    MessageList, MessageListChatMsg, MessageQuery, MessageSetRead, MessageType,
};
use lcs_store::table::message::{MessageRow, Window};
use lcs_store::table::unread_count::UnreadCount;
use lcs_store::{Cached, Channel, OutboxEntry, OutboxKind, Store, StoreError};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::data::{Data, DataChange, DataKind, Json, Loaded, Scope, Source, temp_id};
use crate::error::InputProblem;
use crate::error::{Error, Result};
use crate::sync::Delivered;

/// How many chat messages a refresh reads, newest first, in one page.
const CHAT_PAGE: u32 = 200;
/// How many messages of one thread a page from the server holds.
const THREAD_PAGE: u32 = 30;
/// At most this many server pages are read to fill one page the UI asked for, so a server
/// whose paging shifts under new messages cannot keep a read going.
const THREAD_FETCHES: u32 = 3;
/// The longest chat message the app sends, in characters. The seed names `messageLength` but
/// no limit; this keeps a message to a few screens of the thread.
pub const MAX_MESSAGE_CHARS: usize = 500;
/// The unread count's one category: the server gives a single total.
const TOTAL: &str = "total";
/// `setRead`'s `user_other_id` for every system notice.
const SYSTEM: i64 = 0;
/// `message_kind` 1-发送消息: a message the user sent.
const SENT: i64 = 1;
/// `message_kind` 2-接收消息: a message the user received.
const RECEIVED: i64 = 2;
/// How many of a thread's newest messages one look for new ones reads at a time, and how many
/// such pages at most before the rest is left to paging.
const POLL_PAGE: u32 = 10;
const POLL_PAGES: u32 = 3;
/// How many of a thread's newest messages are read to look for a message whose answer was
/// lost: it was sent after every message still in the outbox ahead of it.
const LOOKUP_PAGE: u32 = 50;

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
    /// Marked read here, or sent from here: the server has not heard yet.
    pub pending: bool,
    /// Sent from here and refused by the server, in its words: the user may send it again
    /// or drop it.
    pub failed: Option<String>,
    /// The server's message (snake_case fields, as the API sends them).
    pub data: Json,
}

/// One page of a chat thread.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ChatPage {
    /// Newest first.
    pub messages: Vec<MessageItem>,
    /// Nothing older than these, here or on the server: the thread's beginning.
    pub complete: bool,
}

/// The unread badge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Unread {
    pub total: u32,
}

/// A message from the other side that was not here before: what a notification says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arrival {
    pub id: String,
    pub channel: MessageChannel,
    /// The chat's other party (the thread to open); 0 for a notice.
    pub user_other_id: i64,
    /// Who sent it, as the server names them.
    pub sender: String,
    /// The first line of its text (a notice's title when it has one).
    pub first_line: String,
}

impl Arrival {
    /// An unread message received from the other side; `None` for anything else.
    fn of(channel: MessageChannel, row: &MessageRow) -> Option<Self> {
        let text = |key: &str| row.data.get(key).and_then(Value::as_str).unwrap_or("");
        if row.is_read || row.data.get("message_kind").and_then(Value::as_i64) != Some(RECEIVED) {
            return None;
        }
        let title = text("message_title").trim();
        let first_line = if title.is_empty() {
            text("message_content")
                .lines()
                .map(str::trim)
                .find(|line| !line.is_empty())
                .unwrap_or("")
        } else {
            title
        };
        Some(Self {
            id: row.id.clone(),
            channel,
            user_other_id: other_party(row).unwrap_or(SYSTEM),
            sender: text("user_other_nickname").to_owned(),
            first_line: first_line.to_owned(),
        })
    }
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

/// A chat message in the outbox: its temporary id (until the server gives it one), to whom,
/// and the row the thread shows meanwhile.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Outgoing {
    id: String,
    user_other_id: i64,
    content: String,
    row: Value,
    /// The thread's newest messages from this user with the same text when it was queued
    /// (temporary ids become the server's as those are sent): none of them is this one when
    /// it is looked for on the server.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    twins: Vec<Value>,
}

impl Outgoing {
    fn row(&self) -> MessageRow {
        MessageRow {
            id: self.id.clone(),
            is_read: true,
            time: self.row.get("message_time").and_then(Value::as_i64),
            conversation: Some(self.user_other_id.to_string()),
            data: self.row.clone(),
        }
    }
}

/// What waits in the outbox for this account's messages, to show it on the cached rows.
struct Queued {
    marks: Vec<MarkRead>,
    /// Each send with the server's words if it refused it.
    sends: Vec<(i64, Outgoing, Option<String>)>,
}

impl Queued {
    fn read(store: &Store, scope: &Scope) -> std::result::Result<Self, StoreError> {
        let mut queued = Self {
            marks: Vec::new(),
            sends: Vec::new(),
        };
        for entry in store.pending(&scope.environment, &scope.key)? {
            match entry.kind {
                OutboxKind::MessageMarkRead => {
                    if let Ok(mark) = serde_json::from_value(entry.payload) {
                        queued.marks.push(mark);
                    }
                }
                OutboxKind::MessageSend => {
                    if let Ok(send) = serde_json::from_value(entry.payload) {
                        queued.sends.push((entry.seq, send, entry.refused));
                    }
                }
                _ => {}
            }
        }
        Ok(queued)
    }

    fn item(&self, channel: MessageChannel, row: MessageRow) -> MessageItem {
        let send = self.sends.iter().find(|(_, send, _)| send.id == row.id);
        // A queued read mark is the user's edit of what they received: their own messages
        // wait only for their send.
        let own = row.data.get("message_kind").and_then(Value::as_i64) == Some(SENT);
        let marked = !own
            && self.marks.iter().any(|mark| {
                mark.channel == channel
                    && (mark.message_id.map(|id| id.to_string()) == Some(row.id.clone())
                        || mark.message_id.is_none()
                            && (channel == MessageChannel::Notice
                                || mark.user_other_id == other_party(&row)))
            });
        MessageItem {
            pending: marked || send.is_some_and(|(_, _, refused)| refused.is_none()),
            failed: send.and_then(|(_, _, refused)| refused.clone()),
            id: row.id,
            is_read: row.is_read,
            time: row.time,
            data: Json(row.data),
        }
    }

    /// Shows what is queued on top of rows just fetched: marks, and messages not sent yet.
    fn replay(
        &self,
        store: &mut Store,
        scope: &Scope,
        channel: MessageChannel,
    ) -> std::result::Result<(), StoreError> {
        for mark in &self.marks {
            if mark.channel == channel {
                apply(store, scope, mark)?;
            }
        }
        if channel == MessageChannel::Chat {
            for (_, send, _) in &self.sends {
                store.put_message(&scope.environment, &scope.key, Channel::Chat, &send.row())?;
            }
        }
        Ok(())
    }
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

    /// One page of the thread with `user_other_id`: `count` messages from the `offset`-th
    /// newest. The cache answers while it holds them; when it runs out, the server's next
    /// page is fetched into the cache first.
    pub async fn chat_history(
        &self,
        user_other_id: i64,
        offset: u32,
        count: u32,
    ) -> Result<Loaded<ChatPage>> {
        let scope = self.data.scope(lcs_api::Family::UserCenter)?;
        let conversation = user_other_id.to_string();
        let wanted = offset as usize..offset as usize + count as usize;
        let mut source = Source::Cache;
        let mut last_page = 0;
        for _ in 0..THREAD_FETCHES {
            let cached = self.thread(&scope, &conversation, wanted.clone())?;
            let whole = self
                .data
                .thread_total(&scope, &conversation)
                .is_some_and(|total| cached.from_server >= total);
            // A page that ends on the oldest cached time waits for the server's next page:
            // messages sent in that same millisecond may be missing yet, and arriving later
            // they would shift the pages already answered.
            let at_frontier = cached
                .page
                .data
                .messages
                .last()
                .is_some_and(|oldest| oldest.time.is_none() || oldest.time == cached.frontier);
            let full = cached.page.data.messages.len() == wanted.len();
            if whole || full && !at_frontier {
                return Ok(cached.answer(source, false, whole));
            }
            // The cache ran out: the server's next page after what the cache holds.
            let page = (cached.from_server / THREAD_PAGE as usize + 1).max(last_page + 1);
            match fetch_thread(&self.data, &scope, user_other_id, page).await {
                Ok(()) => {
                    source = Source::Network;
                    last_page = page;
                }
                Err(error) if error.is_transient() => {
                    self.data.emit(
                        &scope,
                        DataKind::Chats,
                        DataChange::Unreachable,
                        Some(&error),
                    );
                    return Ok(self.thread(&scope, &conversation, wanted)?.answer(
                        Source::Cache,
                        true,
                        false,
                    ));
                }
                Err(error) => return Err(error),
            }
        }
        let cached = self.thread(&scope, &conversation, wanted)?;
        let whole = self
            .data
            .thread_total(&scope, &conversation)
            .is_some_and(|total| cached.from_server >= total);
        Ok(cached.answer(source, false, whole))
    }

    /// The thread's newest messages from the server now (opening the thread, or after a
    /// while on it), then its first `count` messages as [`Self::chat_history`] reads them.
    pub async fn chat_refresh(&self, user_other_id: i64, count: u32) -> Result<Loaded<ChatPage>> {
        let scope = self.data.scope(lcs_api::Family::UserCenter)?;
        match fetch_thread(&self.data, &scope, user_other_id, 1).await {
            Ok(()) => {
                self.data
                    .emit(&scope, DataKind::Chats, DataChange::Refreshed, None);
                self.data.network_is_back(&scope)?;
                let mut page = self.chat_history(user_other_id, 0, count).await?;
                page.source = Source::Network;
                Ok(page)
            }
            Err(error) if error.is_transient() => {
                self.data.emit(
                    &scope,
                    DataKind::Chats,
                    DataChange::Unreachable,
                    Some(&error),
                );
                let conversation = user_other_id.to_string();
                Ok(self
                    .thread(&scope, &conversation, 0..count as usize)?
                    .answer(Source::Cache, true, false))
            }
            Err(error) => Err(error),
        }
    }

    /// Sends a text message to `user_other_id`: queued, and in the thread at once as pending
    /// under a temporary id. Answers the message as the thread shows it.
    pub fn send(&self, user_other_id: i64, content: &str) -> Result<MessageItem> {
        // The server keeps a message as typed, less the blank lines around it.
        let content = content.trim();
        if content.is_empty() {
            return Err(Error::invalid("messageContent", InputProblem::Required));
        }
        let length = content.chars().count();
        if length > MAX_MESSAGE_CHARS {
            return Err(Error::invalid(
                "messageContent",
                InputProblem::TooLong {
                    max: MAX_MESSAGE_CHARS,
                },
            ));
        }
        if user_other_id <= SYSTEM {
            return Err(Error::invalid("userOtherId", InputProblem::SystemRecipient));
        }
        let scope = self.data.scope(lcs_api::Family::UserCenter)?;
        let conversation = user_other_id.to_string();
        let id = temp_id();
        let send = self.data.with_store(|store| {
            let recent = newest_cached(store, &scope, &conversation)?;
            let twins = recent
                .iter()
                .filter(|row| {
                    row.data.get("message_kind").and_then(Value::as_i64) == Some(SENT)
                        && row.data.get("message_content").and_then(Value::as_str) == Some(content)
                })
                .map(|row| crate::data::id_value(&row.id))
                .collect();
            let newest = recent.into_iter().next();
            // The thread's name for the other party, so the list shows it before the server
            // answers.
            let nickname = newest
                .as_ref()
                .and_then(|row| row.data.get("user_other_nickname").cloned())
                .unwrap_or(Value::Null);
            // Always the newest of its thread, even when sent within the same millisecond.
            let time = newest
                .and_then(|row| row.time)
                .map_or(lcs_store::now_ms(), |newest| {
                    lcs_store::now_ms().max(newest + 1)
                });
            let send = Outgoing {
                id: id.clone(),
                user_other_id,
                content: content.to_owned(),
                row: json!({
                    "message_cat": "text",
                    "message_content": content,
                    "message_kind": 1,
                    "message_type": 2,
                    "message_is_read": true,
                    "message_length": length,
                    "message_time": time,
                    "user_other_id": user_other_id,
                    "user_other_nickname": nickname,
                }),
                twins,
            };
            Ok(send)
        })?;
        self.queue_send(&scope, &send, None)?;
        let row = send.row();
        Ok(MessageItem {
            id: row.id,
            is_read: true,
            time: row.time,
            pending: true,
            failed: None,
            data: Json(row.data),
        })
    }

    /// Sends again a message the server refused (`message_id`: its temporary id), as the
    /// newest of its thread.
    pub fn resend(&self, message_id: &str) -> Result<()> {
        let scope = self.data.scope(lcs_api::Family::UserCenter)?;
        let (seq, mut send) = self.refused_send(&scope, message_id)?;
        send.row["message_time"] = lcs_store::now_ms().into();
        self.queue_send(&scope, &send, Some(seq))
    }

    /// Drops a message the server refused, from the outbox and the thread.
    pub fn discard(&self, message_id: &str) -> Result<()> {
        let scope = self.data.scope(lcs_api::Family::UserCenter)?;
        let (seq, send) = self.refused_send(&scope, message_id)?;
        self.data.with_store(|store| {
            store.complete(seq)?;
            store.remove_message(&scope.environment, &scope.key, Channel::Chat, &send.id)
        })?;
        self.data
            .emit(&scope, DataKind::Chats, DataChange::Edited, None);
        Ok(())
    }

    fn refused_send(&self, scope: &Scope, message_id: &str) -> Result<(i64, Outgoing)> {
        let queued = self.data.with_store(|store| Queued::read(store, scope))?;
        queued
            .sends
            .into_iter()
            .find(|(_, send, refused)| send.id == message_id && refused.is_some())
            .map(|(seq, send, _)| (seq, send))
            .ok_or_else(|| Error::invalid("messageId", InputProblem::NoRefusedMessage))
    }

    /// Queues a send (or, with `refused`, that refused entry again) and shows it at once.
    fn queue_send(&self, scope: &Scope, send: &Outgoing, refused: Option<i64>) -> Result<()> {
        let payload = serde_json::to_value(send).map_err(|error| Error::Cache(error.into()))?;
        let row = send.row();
        // Queued first, then shown: see `lists::Spec::queue`.
        self.data.with_store(|store| {
            match refused {
                Some(seq) => store.requeue(seq, &payload)?,
                None => store.enqueue(
                    &scope.environment,
                    &scope.key,
                    OutboxKind::MessageSend,
                    &payload,
                )?,
            };
            store.put_message(&scope.environment, &scope.key, Channel::Chat, &row)
        })?;
        self.data
            .emit(scope, DataKind::Chats, DataChange::Edited, None);
        self.data.wake().notify_one();
        Ok(())
    }

    /// Rows `wanted` of one cached thread, and how many of its cached rows came from the
    /// server (not sent from here and still queued).
    fn thread(
        &self,
        scope: &Scope,
        conversation: &str,
        wanted: std::ops::Range<usize>,
    ) -> Result<Thread> {
        self.data.with_store(|store| {
            let queued = Queued::read(store, scope)?;
            let local = queued
                .sends
                .iter()
                .filter(|(_, send, _)| send.user_other_id.to_string() == conversation)
                .count();
            let cached = store.conversation_len(
                &scope.environment,
                &scope.key,
                Channel::Chat,
                conversation,
            )?;
            let page = store
                .conversation_page::<Value>(
                    &scope.environment,
                    &scope.key,
                    Channel::Chat,
                    conversation,
                    wanted.clone(),
                    Duration::MAX,
                )?
                .unwrap_or(Cached {
                    data: Vec::new(),
                    fetched_at: 0,
                    stale: true,
                });
            let frontier = store
                .conversation_page::<Value>(
                    &scope.environment,
                    &scope.key,
                    Channel::Chat,
                    conversation,
                    cached.saturating_sub(1)..cached,
                    Duration::MAX,
                )?
                .and_then(|oldest| oldest.data.into_iter().next())
                .and_then(|oldest| oldest.time);
            Ok(Thread {
                frontier,
                from_server: cached.saturating_sub(local),
                end: wanted.start + page.data.len() >= cached,
                page: Cached {
                    data: ChatPage {
                        messages: page
                            .data
                            .into_iter()
                            .map(|row| queued.item(MessageChannel::Chat, row))
                            .collect(),
                        complete: false,
                    },
                    fetched_at: page.fetched_at,
                    stale: page.stale,
                },
            })
        })
    }

    /// Reads what is newer than the newest cached messages of the thread with `user_other_id`
    /// from the server (listChatMsg, newest first, a small page at a time until it meets a
    /// message the cache has) and caches it. Answers how many messages were not cached, and
    /// those of them received unread; none when the thread had nothing cached yet (its first
    /// read is not news).
    pub(crate) async fn poll_thread(
        &self,
        scope: &Scope,
        user_other_id: i64,
    ) -> Result<(usize, Vec<Arrival>)> {
        let conversation = user_other_id.to_string();
        let known: HashSet<String> = self.data.with_store(|store| {
            Ok(newest_cached(store, scope, &conversation)?
                .into_iter()
                .map(|row| row.id)
                .collect())
        })?;
        let mut rows: Vec<MessageRow> = Vec::new();
        let mut records = None;
        for page in 1..=POLL_PAGES {
            let answer = self
                .data
                .auth()
                .user_center(&thread_page(user_other_id, page, POLL_PAGE))
                .await?;
            records = answer.records;
            let full = answer.items.len() >= POLL_PAGE as usize;
            let fetched: Vec<MessageRow> = answer
                .items
                .iter()
                .filter_map(|entry| chat_row(entry.msg.as_ref()?))
                .filter(|row| row.conversation.as_deref() == Some(conversation.as_str()))
                .collect();
            let met = fetched.iter().any(|row| known.contains(&row.id));
            rows.extend(fetched);
            if met || !full {
                break;
            }
        }
        let new: Vec<Arrival> = rows
            .iter()
            .filter(|row| !known.contains(&row.id))
            .filter_map(|row| Arrival::of(MessageChannel::Chat, row))
            .collect();
        let count = rows.iter().filter(|row| !known.contains(&row.id)).count();
        if count == 0 {
            return Ok((0, Vec::new()));
        }
        if let Some(total) = records.and_then(|records| usize::try_from(records).ok()) {
            self.data.set_thread_total(scope, &conversation, total);
        }
        // The pages read are the newest, one after the other: every server message newer
        // than the oldest of them is among them.
        let window = Window {
            conversation: Some(&conversation),
            since: rows.iter().filter_map(|row| row.time).min(),
            until: None,
        };
        write(&self.data, scope, MessageChannel::Chat, window, &rows)?;
        self.data
            .emit(scope, DataKind::Chats, DataChange::Refreshed, None);
        Ok(if known.is_empty() {
            (count, Vec::new())
        } else {
            (count, new)
        })
    }

    /// The unread messages received in `channel` as cached now; `None` when the list was
    /// never read.
    pub(crate) fn unread_arrivals(
        &self,
        scope: &Scope,
        channel: MessageChannel,
    ) -> Result<Option<Vec<Arrival>>> {
        self.data.with_store(|store| {
            Ok(store
                .messages::<Value>(
                    &scope.environment,
                    &scope.key,
                    channel.store(),
                    Duration::MAX,
                )?
                .map(|cached| {
                    cached
                        .data
                        .iter()
                        .filter_map(|row| Arrival::of(channel, row))
                        .collect()
                }))
        })
    }

    /// The cached unread count; `None` before it was ever read.
    pub(crate) fn cached_unread(&self, scope: &Scope) -> Result<Option<u32>> {
        self.data.with_store(|store| {
            Ok(unread(store, scope, Duration::MAX)?.map(|cached| cached.data.total))
        })
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

/// A page of a cached thread, before it is answered.
struct Thread {
    page: Cached<ChatPage>,
    /// How many of the thread's cached messages came from the server.
    from_server: usize,
    /// When the oldest cached message of the thread was sent.
    frontier: Option<i64>,
    /// The page reaches the oldest cached message.
    end: bool,
}

impl Thread {
    /// `whole`: the cache holds every message the server has of this thread.
    fn answer(self, source: Source, offline: bool, whole: bool) -> Loaded<ChatPage> {
        let complete = self.end && whole;
        Loaded {
            data: ChatPage {
                complete,
                ..self.page.data
            },
            source,
            fetched_at: self.page.fetched_at,
            stale: self.page.stale,
            offline,
        }
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
    let queued = Queued::read(store, scope)?;
    Ok(store
        .messages::<Value>(&scope.environment, &scope.key, channel.store(), max_age)?
        .map(|cached| Cached {
            data: cached
                .data
                .into_iter()
                .map(|row| queued.item(channel, row))
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
            write(
                data,
                scope,
                MessageChannel::Notice,
                Window::default(),
                &rows,
            )
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
            let rows = page.items.iter().filter_map(chat_row).collect::<Vec<_>>();
            // The newest messages of every thread: older pages a thread read stay cached.
            let window = Window {
                since: newest_window(&rows, page.records, CHAT_PAGE),
                ..Window::default()
            };
            write(data, scope, MessageChannel::Chat, window, &rows)
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
        data: crate::data::cacheable(message).ok()?,
    })
}

/// A chat message as the cache keeps it: its row's columns, and the whole answer as data.
fn chat_row(chat: &ChatMessage) -> Option<MessageRow> {
    let mut row = message_row(&chat.message)?;
    row.data = crate::data::cacheable(chat).ok()?;
    Some(row)
}

/// Where a page of the newest messages starts: after the oldest it lists when the server has
/// more than it could hold (`records`), so the older rows cached stay; `None` when it is the
/// whole list.
fn newest_window(rows: &[MessageRow], records: Option<i64>, size: u32) -> Option<i64> {
    let more = match records {
        Some(records) => usize::try_from(records).unwrap_or(usize::MAX) > rows.len(),
        None => rows.len() >= size as usize,
    };
    if !more {
        return None;
    }
    rows.iter().filter_map(|row| row.time).min()
}

/// Writes a fetched list, then replays what is still queued on top.
fn write(
    data: &Data,
    scope: &Scope,
    channel: MessageChannel,
    window: Window<'_>,
    rows: &[MessageRow],
) -> Result<()> {
    if !data.is_current(scope) {
        return Ok(());
    }
    data.with_store(|store| {
        store.replace_message_window(
            &scope.environment,
            &scope.key,
            channel.store(),
            window,
            rows,
            lcs_store::now_ms(),
        )?;
        Queued::read(store, scope)?.replay(store, scope, channel)
    })
}

/// The newest cached messages (up to `LOOKUP_PAGE`) of the chat with `conversation`.
fn newest_cached(
    store: &Store,
    scope: &Scope,
    conversation: &str,
) -> std::result::Result<Vec<MessageRow>, StoreError> {
    Ok(store
        .conversation_page::<Value>(
            &scope.environment,
            &scope.key,
            Channel::Chat,
            conversation,
            0..LOOKUP_PAGE as usize,
            Duration::MAX,
        )?
        .map(|cached| cached.data)
        .unwrap_or_default())
}

/// listChatMsg's page `page` of `size` of the thread with `user_other_id`, newest first.
fn thread_page(user_other_id: i64, page: u32, size: u32) -> MessageListChatMsg {
    MessageListChatMsg(MessageQuery {
        list: ListQuery {
            sidx: Some("messageTime".into()),
            sort: Some("desc".into()),
            ..ListQuery::page(page, size)
        },
        filter: MessageFilter {
            user_other_id: Some(user_other_id),
            ..MessageFilter::default()
        },
    })
}

/// Reads page `page` of the thread with `user_other_id` (listChatMsg, newest first) into the
/// cache, and remembers how many messages the server says the thread holds.
async fn fetch_thread(data: &Data, scope: &Scope, user_other_id: i64, page: usize) -> Result<()> {
    let number = u32::try_from(page).unwrap_or(u32::MAX);
    let answer = data
        .auth()
        .user_center(&thread_page(user_other_id, number, THREAD_PAGE))
        .await?;
    let conversation = user_other_id.to_string();
    let rows: Vec<MessageRow> = answer
        .items
        .iter()
        .filter_map(|entry| chat_row(entry.msg.as_ref()?))
        // A server that ignores the filter still fills only this thread.
        .filter(|row| row.conversation.as_deref() == Some(conversation.as_str()))
        .collect();
    let before = (page - 1) * THREAD_PAGE as usize;
    let total = match answer.records {
        Some(records) => usize::try_from(records).ok(),
        None if answer.items.len() < THREAD_PAGE as usize => Some(before + answer.items.len()),
        None => None,
    };
    if let Some(total) = total {
        data.set_thread_total(scope, &conversation, total);
    }
    let times = || rows.iter().filter_map(|row| row.time);
    let window = if page == 1 {
        Window {
            conversation: Some(&conversation),
            since: newest_window(&rows, answer.records, THREAD_PAGE),
            until: None,
        }
    } else {
        // An older page stands for the time it spans; an empty one for nothing.
        Window {
            conversation: Some(&conversation),
            since: times().min().or(Some(i64::MAX)),
            until: times().max(),
        }
    };
    write(data, scope, MessageChannel::Chat, window, &rows)
}

/// Sends one queued edit of the messages with its idempotency key.
pub(crate) async fn deliver(data: &Data, entry: &OutboxEntry) -> Result<Delivered> {
    if entry.kind == OutboxKind::MessageSend {
        return deliver_send(data, entry).await;
    }
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

/// Sends a queued chat message (unless an attempt in doubt is found on the server); the
/// server's row then takes the temporary one's place, and the thread's newest page is read so
/// that an answer (customer service's) shows too.
async fn deliver_send(data: &Data, entry: &OutboxEntry) -> Result<Delivered> {
    let send: Outgoing = serde_json::from_value(entry.payload.clone())
        .map_err(|error| Error::Cache(error.into()))?;
    let add = MessageAdd {
        message_cat: Some(MessageCat::Text),
        message_length: i64::try_from(send.content.chars().count()).ok(),
        message_content: Some(send.content.clone()),
        user_other_id: Some(send.user_other_id),
        ..MessageAdd::default()
    };
    let found = if entry.in_doubt {
        find_sent(data, &send).await?
    } else {
        None
    };
    let answer = match found {
        Some(found) => found,
        None => {
            data.auth()
                .user_center(&Idempotent::new(entry.idempotency_key.clone(), add))
                .await?
        }
    };
    let scope = data.scope(lcs_api::Family::UserCenter)?;
    if let Err(error) = fetch_thread(data, &scope, send.user_other_id, 1).await {
        tracing::debug!(%error, "the thread could not be read after a send; the next read will");
    }
    Ok(Delivered::sent(send.id, chat_row(&answer)))
}

/// Looks for a queued message on the server, for a server that may have taken an earlier
/// attempt without honouring its idempotency key: the newest message of its thread from this
/// user with its text that is none of its twins.
async fn find_sent(data: &Data, send: &Outgoing) -> Result<Option<ChatMessage>> {
    let page = data
        .auth()
        .user_center(&MessageListChatMsg(MessageQuery {
            list: ListQuery {
                sidx: Some("messageTime".into()),
                sort: Some("desc".into()),
                ..ListQuery::page(1, LOOKUP_PAGE)
            },
            filter: MessageFilter {
                user_other_id: Some(send.user_other_id),
                ..MessageFilter::default()
            },
        }))
        .await?;
    let twins: Vec<String> = send.twins.iter().filter_map(crate::data::id_text).collect();
    Ok(page
        .items
        .into_iter()
        .filter_map(|entry| entry.msg)
        .find(|chat| {
            let message = &chat.message;
            message.message_kind == Some(SENT)
                && message.user_other_id == Some(send.user_other_id)
                && message.message_content.as_deref() == Some(send.content.as_str())
                && message
                    .message_id
                    .is_some_and(|id| !twins.contains(&id.to_string()))
        }))
}
