//! The outbox's sender: delivers the signed-in user's queued edits, oldest first, one at a
//! time, each with its idempotency key, so an edit whose answer was lost can be sent again
//! and is still applied once.
//!
//! - Network trouble, timeouts, 5xx and garbled answers: the edit stays first in line and is
//!   tried again after its backoff (the store's 2 s doubling to 10 minutes), or at once when a
//!   call shows the network is back.
//! - The server refuses it (a business error, a 4xx): the server wins. The edit is dropped,
//!   the list is fetched again to restore the server's version, and the listener hears
//!   `rejected` with the server's words. A chat message is not dropped: it stays in the
//!   outbox and the thread, marked refused, for the user to send again or discard.
//! - The session is gone: the edit waits for the account to sign in again (or to be forgotten).
//!
//! Only some servers honour the key. An add (address, invoice) or a chat message whose
//! outcome is unknown (a timeout, a connection lost after the request left, a 5xx or garbled
//! answer; or a crash mid-send) is therefore looked for on the server before it is sent again:
//! its list is read, and if a row with its fields is there (one that was not there already when
//! it was queued), that row is the edit's and it is not sent again (the seeds' add calls echo
//! no id the client sets, so the fields are what recognise it). Edits, removes, set-default
//! and mark-read name their row by id and set a state, so applying one twice changes nothing:
//! they are sent again as they are.

use std::time::Duration;

use lcs_api::{ApiError, Family};
use lcs_store::table::message::MessageRow;
use lcs_store::{Channel, Entity, OutboxEntry, OutboxKind};
use serde::Serialize;

use crate::data::{Data, DataChange, DataKind, Pending, Scope};
use crate::error::{Error, Result};

/// The longest the running sender sleeps before looking at the queue again.
const IDLE_WAIT: Duration = Duration::from_secs(60);

/// What a delivery did, for the log and the tests.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SyncReport {
    /// Edits the server accepted.
    pub sent: u32,
    /// Edits the server refused, dropped.
    pub rejected: u32,
    /// The delivery stopped at an edit that could not be sent now; it waits out its backoff.
    pub waiting: bool,
}

/// What a sent edit changed beyond itself: a created row's server id, or a sent message's
/// row.
#[derive(Debug, Default)]
pub(crate) struct Delivered {
    created: Option<(Entity, String, i64)>,
    /// A chat message queued under a temporary id, and the server's row for it (`None` if the
    /// answer held none: the next read of the thread brings it).
    sent: Option<(String, Option<MessageRow>)>,
    /// Found on the server rather than sent: the list is read again so the cache holds the
    /// server's row.
    found: bool,
}

impl Delivered {
    /// An add was accepted: the row queued under a temporary id is `server_id` from now on.
    /// An add already renamed (sent before a crash) carries its server id and needs nothing.
    pub(crate) fn created(entity: Entity, id: &serde_json::Value, server_id: Option<i64>) -> Self {
        let created = match (id, server_id) {
            (serde_json::Value::String(temp), Some(server_id)) => {
                Some((entity, temp.clone(), server_id))
            }
            _ => None,
        };
        Self {
            created,
            sent: None,
            found: false,
        }
    }

    /// The edit was found on the server, applied by an earlier attempt whose answer was lost.
    pub(crate) fn found(self) -> Self {
        Self {
            found: true,
            ..self
        }
    }

    /// A chat message was accepted: the server's row replaces the one shown meanwhile.
    pub(crate) fn sent(temp_id: String, row: Option<MessageRow>) -> Self {
        Self {
            created: None,
            sent: Some((temp_id, row)),
            found: false,
        }
    }
}

/// How a failed send is handled.
enum Failure {
    /// Try again later: the network, the server's health, or an answer that did not arrive
    /// whole (the key makes the retry safe).
    Retry,
    /// The server said no: drop the edit.
    Refused,
    /// The session ended: keep the edit for when the account is back.
    SignedOut,
}

fn classify(error: &Error) -> Failure {
    match error {
        Error::Api(ApiError::Unauthorized { .. } | ApiError::Kicked { .. }) => Failure::SignedOut,
        Error::Api(ApiError::Decode { .. }) => Failure::Retry,
        Error::Api(ApiError::Business { .. } | ApiError::InvalidInput { .. })
        | Error::InvalidInput { .. }
        | Error::InvalidEntry { .. } => Failure::Refused,
        Error::Api(ApiError::Http { status, .. }) if *status < 500 => Failure::Refused,
        _ => Failure::Retry,
    }
}

/// The edits that create something on each attempt a server applies. The others name their
/// row by id and set a state (an edit, a remove, the default, read), so a second application
/// changes nothing and they need no looking for.
fn creates(kind: OutboxKind) -> bool {
    matches!(
        kind,
        OutboxKind::AddressAdd | OutboxKind::InvoiceAdd | OutboxKind::MessageSend
    )
}

/// Whether a failed attempt may still have been applied.
fn outcome_unknown(error: &Error) -> bool {
    match error {
        Error::Api(error) => error.outcome_unknown(),
        _ => false,
    }
}

pub(crate) fn kind_of(kind: OutboxKind) -> DataKind {
    match kind {
        OutboxKind::AddressAdd
        | OutboxKind::AddressEdit
        | OutboxKind::AddressRemove
        | OutboxKind::AddressSetDefault => DataKind::Addresses,
        OutboxKind::InvoiceAdd | OutboxKind::InvoiceEdit | OutboxKind::InvoiceRemove => {
            DataKind::Invoices
        }
        OutboxKind::MessageMarkRead => DataKind::Notices,
        OutboxKind::MessageSend => DataKind::Chats,
    }
}

/// Sends one queued edit to the server: the domain service that owns the edit does it.
pub(crate) type Deliver = for<'a> fn(&'a Data, &'a OutboxEntry) -> Pending<'a, Delivered>;

/// The sender of the signed-in user's queued edits.
#[derive(Debug, Clone)]
pub struct Outbox {
    data: Data,
    deliver: Deliver,
}

impl Outbox {
    /// The sender over `deliver`, which the assembly of the domain services provides.
    pub(crate) fn new(data: Data, deliver: Deliver) -> Self {
        Self { data, deliver }
    }

    /// Sends the signed-in user's due edits in order until the queue is empty or one has to
    /// wait. One delivery runs at a time; a second caller waits for the first.
    pub async fn deliver(&self) -> Result<SyncReport> {
        let _one_at_a_time = self.data.delivery().lock().await;
        let mut report = SyncReport::default();
        loop {
            // Every edit the outbox takes is a family B call.
            let Ok(scope) = self.data.scope(Family::UserCenter) else {
                return Ok(report);
            };
            let now = lcs_store::now_ms();
            let next = self.data.with_store(|store| store.next_due(now))?;
            let Some(entry) = next
                .into_iter()
                .find(|entry| entry.environment == scope.environment && entry.account == scope.key)
            else {
                return Ok(report);
            };
            let what = kind_of(entry.kind);
            // In doubt before it leaves: a crash while it is out leaves the mark.
            let marks_doubt = creates(entry.kind) && !entry.in_doubt;
            if marks_doubt {
                self.data
                    .with_store(|store| store.set_in_doubt(entry.seq, true))?;
            }
            let result = (self.deliver)(&self.data, &entry).await;
            if let Err(error) = &result
                && marks_doubt
                && !outcome_unknown(error)
            {
                self.data
                    .with_store(|store| store.set_in_doubt(entry.seq, false))?;
            }
            match result {
                Ok(delivered) => {
                    self.data.with_store(|store| {
                        // Renamed before the entry goes: a crash in between resends the add,
                        // whose key answers the same id, and the rename is then a no-op.
                        if let Some((entity, temp, server_id)) = &delivered.created {
                            store.replace_temp_id(
                                &scope.environment,
                                &scope.key,
                                *entity,
                                temp,
                                *server_id,
                            )?;
                        }
                        if let Some((temp, row)) = &delivered.sent {
                            let (environment, account) = (&scope.environment, &scope.key);
                            match row {
                                Some(row) => {
                                    store.rename_message(
                                        environment,
                                        account,
                                        Channel::Chat,
                                        temp,
                                        row,
                                    )?;
                                    if let Ok(server_id) = row.id.parse() {
                                        store.replace_queued_id(
                                            environment,
                                            account,
                                            temp,
                                            server_id,
                                        )?;
                                    }
                                }
                                None => store.remove_message(
                                    environment,
                                    account,
                                    Channel::Chat,
                                    temp,
                                )?,
                            }
                        }
                        store.complete(entry.seq)
                    })?;
                    report.sent += 1;
                    if delivered.found {
                        self.restore(&scope, what).await;
                    }
                    self.data.emit(&scope, what, DataChange::Synced, None);
                }
                Err(error) => match classify(&error) {
                    Failure::Refused if entry.kind == OutboxKind::MessageSend => {
                        tracing::info!(%error, "the server refused a chat message; it waits for the user");
                        let words = error.user_message(self.data.lang());
                        self.data
                            .with_store(|store| store.refuse(entry.seq, &words))?;
                        report.rejected += 1;
                        self.data
                            .emit(&scope, what, DataChange::Rejected, Some(&error));
                    }
                    Failure::Refused => {
                        tracing::info!(%error, kind = ?entry.kind, "the server refused a queued edit; it is dropped");
                        self.data.with_store(|store| store.complete(entry.seq))?;
                        report.rejected += 1;
                        self.restore(&scope, what).await;
                        self.data
                            .emit(&scope, what, DataChange::Rejected, Some(&error));
                    }
                    Failure::SignedOut => return Ok(report),
                    Failure::Retry => {
                        tracing::debug!(%error, kind = ?entry.kind, "a queued edit waits to be sent again");
                        self.data.with_store(|store| {
                            store.mark_failed(entry.seq, lcs_store::now_ms())
                        })?;
                        self.data
                            .emit(&scope, what, DataChange::Unreachable, Some(&error));
                        report.waiting = true;
                        return Ok(report);
                    }
                },
            }
        }
    }

    /// Makes the signed-in user's waiting edits due now and wakes the sender: call it when the
    /// network is back (the OS says so, or the user pulls to refresh).
    pub fn retry_now(&self) -> Result<()> {
        let scope = self.data.scope(Family::UserCenter)?;
        self.data.with_store(|store| {
            store.retry_now(&scope.environment, &scope.key, lcs_store::now_ms())
        })?;
        self.wake();
        Ok(())
    }

    /// Wakes the running sender (after a sign-in, say).
    pub fn wake(&self) {
        self.data.wake().notify_one();
    }

    /// Delivers for as long as the app runs: after each delivery it sleeps until the first
    /// waiting edit is due, an edit is queued, or [`Outbox::wake`] is called. Spawn it once.
    pub async fn run(self) {
        loop {
            if let Err(error) = self.deliver().await {
                tracing::warn!(%error, "the outbox could not be delivered");
            }
            let wait = self.next_wait().unwrap_or(IDLE_WAIT);
            // Either way the loop looks again; a timeout is not an error here.
            let _ = tokio::time::timeout(wait, self.data.wake().notified()).await;
        }
    }

    /// Until the signed-in user's first queued edit is due.
    fn next_wait(&self) -> Result<Duration> {
        let scope = self.data.scope(Family::UserCenter)?;
        let pending = self
            .data
            .with_store(|store| store.pending(&scope.environment, &scope.key))?;
        let Some(first) = pending.iter().find(|entry| entry.refused.is_none()) else {
            return Ok(IDLE_WAIT);
        };
        let ms = first.next_attempt_at.saturating_sub(lcs_store::now_ms());
        Ok(Duration::from_millis(u64::try_from(ms).unwrap_or(0)).min(IDLE_WAIT))
    }

    /// Fetches a list again after a refusal (or an add found on the server), so the cache
    /// shows the server's version; offline it stays as it is until the next refresh.
    async fn restore(&self, scope: &Scope, what: DataKind) {
        let kinds: &[DataKind] = match what {
            DataKind::Notices => &[DataKind::Notices, DataKind::Chats, DataKind::UnreadCounts],
            _ => &[what],
        };
        for kind in kinds {
            if let Err(error) = self.data.refresh(scope, *kind).await {
                tracing::debug!(%error, ?kind, "could not restore the server's version yet");
            }
        }
    }
}
