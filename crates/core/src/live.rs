//! Live messages: while the app runs, what the other side writes arrives without the user
//! asking. Two schedulers per environment, one per kind of data, each following whichever
//! account of the user centre is signed in (a switch restarts it for the new account, so no
//! account is ever polled twice):
//!
//! - the open chat thread: asked for what is newer than its newest cached message a few
//!   seconds after it opens, then less often while nothing comes (3 s doubling to 30 s, back
//!   to 3 s when something does, or when the unread count finds news in it); only while the
//!   window is visible;
//! - the unread count: about once a minute while the app runs, at once when the window gains
//!   focus or a thread brought news; when it rises, the lists are read so their badges rise.
//!
//! Both stop while nobody is signed in, while the network is gone (until a call works again or
//! the window gains focus) and while another environment is on screen. Everything lands
//! through the cache and the data events the pages already hear; a message received while
//! the window is not focused is handed to the [`ArrivalListener`] for a notification.

use std::collections::HashSet;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use lcs_api::Family;
use tokio::sync::watch;
use tokio::time::Instant;

use crate::auth::{AuthChange, AuthEvent, AuthFamily};
use crate::data::{Data, DataKind, Scope};
use crate::error::{Error, Result};
use crate::messages::{Arrival, MessageChannel};

/// How soon an open thread is first asked again, and again after it brought news.
pub const THREAD_FIRST: Duration = Duration::from_secs(3);
/// The longest an open thread waits between two looks while nothing comes.
pub const THREAD_MAX: Duration = Duration::from_secs(30);
/// How often the unread count is read in the background.
pub const UNREAD_INTERVAL: Duration = Duration::from_secs(60);

/// Hears each message that arrived while the window was not focused (the app raises a
/// notification).
pub trait ArrivalListener: Send + Sync {
    fn arrived(&self, arrival: &Arrival);
}

/// What the schedulers follow; a change wakes them.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Conditions {
    /// The environment was rebuilt or removed: the schedulers end for good.
    stopped: bool,
    /// This environment is the one on screen.
    current: bool,
    visible: bool,
    focused: bool,
    /// The chat thread on screen: its other party.
    thread: Option<i64>,
    /// A call failed for want of a network; nothing is polled until one works.
    offline: bool,
    /// Counts the reasons to read the unread count at once (focus gained, news in a thread).
    unread_wanted: u64,
    /// Counts the session changes, so a sign-in or switch is noticed at once.
    sessions: u64,
    /// Counts the times the unread count found news in the open thread. The list's read put
    /// it in the thread's cache already; the conversation is alive again, so the thread's
    /// looks start again at 3 s however long they had been waiting.
    thread_news: u64,
}

/// The live schedulers of one environment's data. Cheap to clone; every clone is the same.
#[derive(Clone)]
pub struct Live {
    inner: Arc<Inner>,
}

struct Inner {
    data: Data,
    listener: Arc<dyn ArrivalListener>,
    conditions: watch::Sender<Conditions>,
    /// The messages already announced, so none is announced twice.
    announced: Mutex<HashSet<(String, String)>>,
}

impl std::fmt::Debug for Live {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Live")
            .field("conditions", &*self.inner.conditions.borrow())
            .finish_non_exhaustive()
    }
}

impl Live {
    /// Starts both schedulers on the current tokio runtime, for `data`'s environment, as the
    /// current one, its window visible and focused. They end when every clone is dropped.
    pub fn start(data: Data, listener: Arc<dyn ArrivalListener>) -> Self {
        let live = Self {
            inner: Arc::new(Inner {
                data,
                listener,
                conditions: watch::Sender::new(Conditions {
                    stopped: false,
                    current: true,
                    visible: true,
                    focused: true,
                    thread: None,
                    offline: false,
                    unread_wanted: 0,
                    sessions: 0,
                    thread_news: 0,
                }),
                announced: Mutex::new(HashSet::new()),
            }),
        };
        let weak = Arc::downgrade(&live.inner);
        tokio::spawn(run_thread(weak.clone()));
        tokio::spawn(run_unread(weak.clone()));
        tokio::spawn(follow_network(weak));
        live
    }

    /// The window was shown or hidden (minimized, or covered on a phone).
    pub fn set_visible(&self, visible: bool) {
        self.change(|conditions| conditions.visible = visible);
    }

    /// The window gained or lost the focus; gaining it reads the unread count at once, and
    /// tries the network again if it was gone.
    pub fn set_focused(&self, focused: bool) {
        self.change(|conditions| {
            if focused && !conditions.focused {
                conditions.unread_wanted += 1;
                conditions.offline = false;
            }
            conditions.focused = focused;
        });
    }

    /// The user asks to try again (the offline banner's retry): the network is tried at once
    /// with the unread count, and the thread follows if it answers.
    pub fn retry_now(&self) {
        self.change(|conditions| {
            conditions.offline = false;
            conditions.unread_wanted += 1;
        });
    }

    /// The environment was rebuilt or removed: both schedulers end, whoever still holds a
    /// clone (the session listeners do, for as long as their sessions live).
    pub fn stop(&self) {
        self.change(|conditions| conditions.stopped = true);
    }

    /// This environment became the one on screen, or another did.
    pub fn set_current(&self, current: bool) {
        self.change(|conditions| conditions.current = current);
    }

    /// The chat thread with `user_other_id` is on screen.
    pub fn watch_thread(&self, user_other_id: i64) {
        self.change(|conditions| conditions.thread = Some(user_other_id));
    }

    /// The user left the thread with `user_other_id` (a later thread may be open already).
    pub fn unwatch_thread(&self, user_other_id: i64) {
        self.change(|conditions| {
            if conditions.thread == Some(user_other_id) {
                conditions.thread = None;
            }
        });
    }

    /// Follows a session change: the schedulers look at who is signed in now; a user-centre
    /// account that changed leaves no thread open.
    pub fn follow_session(&self, event: &AuthEvent) {
        self.change(|conditions| {
            conditions.sessions += 1;
            if event.family == AuthFamily::UserCenter && event.change != AuthChange::Refreshed {
                conditions.thread = None;
            }
        });
    }

    fn change(&self, edit: impl FnOnce(&mut Conditions)) {
        self.inner.conditions.send_if_modified(|conditions| {
            let before = conditions.clone();
            edit(conditions);
            *conditions != before
        });
    }
}

impl Inner {
    /// The signed-in user-centre account, while polling may go on.
    fn scope(&self, conditions: &Conditions) -> Option<Scope> {
        if !conditions.current || conditions.offline {
            return None;
        }
        self.data.scope(Family::UserCenter).ok()
    }

    /// A call failed: offline, everything waits for the network; otherwise it is only logged
    /// (a signed-out session is noticed through the sessions).
    fn failed(&self, error: &Error) {
        if error.is_transient() {
            self.conditions
                .send_modify(|conditions| conditions.offline = true);
        } else {
            tracing::debug!(%error, "a live poll failed");
        }
    }

    /// Hands on the arrivals the user has not been told of, unless the window has the focus
    /// (the user sees the page update).
    fn announce(&self, scope: &Scope, arrivals: Vec<Arrival>) {
        let focused = self.conditions.borrow().focused;
        let mut announced = self
            .announced
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        for arrival in arrivals {
            if announced.insert((scope.key.clone(), arrival.id.clone())) && !focused {
                self.listener.arrived(&arrival);
            }
        }
    }
}

/// Waits until `conditions` change or `deadline` passes: `Some(true)` when it passed,
/// `Some(false)` on a change, `None` when the schedulers are done (stopped, or every clone
/// dropped).
async fn wait(
    conditions: &mut watch::Receiver<Conditions>,
    deadline: Option<Instant>,
) -> Option<bool> {
    let passed = match deadline {
        Some(deadline) => tokio::select! {
            () = tokio::time::sleep_until(deadline) => Some(true),
            changed = conditions.changed() => changed.ok().map(|()| false),
        },
        None => conditions.changed().await.ok().map(|()| false),
    };
    passed.filter(|_| !conditions.borrow().stopped)
}

/// The open thread's scheduler.
async fn run_thread(inner: std::sync::Weak<Inner>) {
    let Some(mut conditions) = inner.upgrade().map(|inner| inner.conditions.subscribe()) else {
        return;
    };
    // What is polled (account and thread), when next, the wait after that, and the news heard.
    let mut polled: Option<(String, i64)> = None;
    let mut next = Instant::now();
    let mut interval = THREAD_FIRST;
    let mut news = 0;
    loop {
        let now = conditions.borrow_and_update().clone();
        let target = {
            let Some(live) = inner.upgrade() else { return };
            match (now.thread, live.scope(&now)) {
                (Some(thread), Some(scope)) if now.visible => Some((scope, thread)),
                _ => None,
            }
        };
        let Some((scope, thread)) = target else {
            polled = None;
            if wait(&mut conditions, None).await.is_none() {
                return;
            }
            continue;
        };
        if polled.as_ref() != Some(&(scope.key.clone(), thread)) {
            polled = Some((scope.key.clone(), thread));
            interval = THREAD_FIRST;
            next = Instant::now() + interval;
        }
        if now.thread_news != news {
            news = now.thread_news;
            interval = THREAD_FIRST;
            next = Instant::now() + interval;
        }
        match wait(&mut conditions, Some(next)).await {
            None => return,
            Some(false) => continue,
            Some(true) => {}
        }
        let Some(live) = inner.upgrade() else { return };
        interval = match live.data.messages().poll_thread(&scope, thread).await {
            Ok((0, _)) => (interval * 2).min(THREAD_MAX),
            Ok((_, arrivals)) => {
                live.announce(&scope, arrivals);
                live.conditions
                    .send_modify(|conditions| conditions.unread_wanted += 1);
                if let Err(error) = live.data.network_is_back(&scope) {
                    tracing::debug!(%error, "the outbox could not be woken");
                }
                THREAD_FIRST
            }
            Err(error) => {
                live.failed(&error);
                (interval * 2).min(THREAD_MAX)
            }
        };
        next = Instant::now() + interval;
    }
}

/// The unread count's scheduler.
async fn run_unread(inner: std::sync::Weak<Inner>) {
    let Some(mut conditions) = inner.upgrade().map(|inner| inner.conditions.subscribe()) else {
        return;
    };
    let mut account: Option<String> = None;
    let mut wanted = 0;
    let mut next = Instant::now();
    loop {
        let now = conditions.borrow_and_update().clone();
        let scope = {
            let Some(live) = inner.upgrade() else { return };
            live.scope(&now)
        };
        let Some(scope) = scope else {
            account = None;
            if wait(&mut conditions, None).await.is_none() {
                return;
            }
            continue;
        };
        // A new account is read at once, and so is the count someone asked for.
        if account.as_deref() != Some(scope.key.as_str()) || now.unread_wanted != wanted {
            account = Some(scope.key.clone());
            wanted = now.unread_wanted;
            next = Instant::now();
        }
        match wait(&mut conditions, Some(next)).await {
            None => return,
            Some(false) => continue,
            Some(true) => {}
        }
        let Some(live) = inner.upgrade() else { return };
        if let Err(error) = read_unread(&live, &scope).await {
            live.failed(&error);
        }
        next = Instant::now() + UNREAD_INTERVAL;
    }
}

/// Reads the unread count; when it rose, reads the lists too (their badges rise), announces
/// what arrived in them and wakes the open thread when some of it is its.
async fn read_unread(live: &Inner, scope: &Scope) -> Result<()> {
    let messages = live.data.messages();
    let before = messages.cached_unread(scope)?;
    live.data.refresh(scope, DataKind::UnreadCounts).await?;
    let after = messages.cached_unread(scope)?;
    if before.is_none() || after <= before {
        return Ok(());
    }
    for channel in [MessageChannel::Chat, MessageChannel::Notice] {
        let known = messages.unread_arrivals(scope, channel)?;
        let kind = match channel {
            MessageChannel::Chat => DataKind::Chats,
            MessageChannel::Notice => DataKind::Notices,
        };
        live.data.refresh(scope, kind).await?;
        // A list never read before holds no news: everything in it would look new.
        let Some(known) = known else { continue };
        let known: HashSet<String> = known.into_iter().map(|arrival| arrival.id).collect();
        let arrivals: Vec<Arrival> = messages
            .unread_arrivals(scope, channel)?
            .unwrap_or_default()
            .into_iter()
            .filter(|arrival| !known.contains(&arrival.id))
            .collect();
        let thread = live.conditions.borrow().thread;
        if channel == MessageChannel::Chat
            && arrivals
                .iter()
                .any(|arrival| Some(arrival.user_other_id) == thread)
        {
            live.conditions
                .send_modify(|conditions| conditions.thread_news += 1);
        }
        live.announce(scope, arrivals);
    }
    Ok(())
}

/// Clears the offline pause when any call works again.
async fn follow_network(inner: std::sync::Weak<Inner>) {
    let Some(mut network) = inner.upgrade().map(|inner| inner.data.network_returns()) else {
        return;
    };
    while network.changed().await.is_ok() {
        let Some(live) = inner.upgrade() else { return };
        if live.conditions.borrow().stopped {
            return;
        }
        live.conditions
            .send_if_modified(|conditions| std::mem::replace(&mut conditions.offline, false));
    }
}
