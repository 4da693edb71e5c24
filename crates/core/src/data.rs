//! What the domain services share: the cache-first read, the account a row belongs to, and
//! the events the UI hears when data lands, an edit is sent or refused, or the network is gone.
//!
//! A read answers at once from the cache when it has a row and refreshes in the background
//! (at most every 30 s for each account's kind of data);
//! the refresh writes its answer in one transaction, replays the edits still waiting in the
//! outbox on top (so a pending edit does not flicker away), and announces itself through the
//! [`DataListener`]. The UI then reads the cache again.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use lcs_api::{ApiError, Family};
use lcs_store::{Cached, Store, StoreError};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::auth::{Auth, AuthFamily};
use crate::error::{Error, ErrorCode, ErrorReason, Result};

/// Data older than this is answered, but marked stale.
pub(crate) const MAX_AGE: Duration = Duration::from_secs(5 * 60);

/// A cached read refreshes its kind of data in the background at most this often: a page
/// reads the cache again when a refresh lands, and that read must not start the next one.
const BACKGROUND_REFRESH_INTERVAL: Duration = Duration::from_secs(30);

/// Where an answer came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    Cache,
    Network,
}

/// A read's answer: the data and how fresh it is.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Loaded<T> {
    pub data: T,
    pub source: Source,
    /// When the network answered, in ms since the Unix epoch; 0 for rows that only hold edits
    /// made here.
    #[specta(type = f64)]
    pub fetched_at: i64,
    pub stale: bool,
    /// The network could not be reached just now: `data` is the cache (the offline banner).
    pub offline: bool,
}

/// JSON passed through as the server sent it, on its way to a window. The UI reads it as
/// `unknown` and narrows it; its numbers are JavaScript numbers whatever Rust would call them.
/// Every value under a key that names a secret (a token, a password, a code, an ID card
/// number: the request inspector's list) is written as `<redacted>`, so no untyped answer can
/// hand a window what a typed one would keep in a `Secret`.
#[derive(Debug, Clone, PartialEq)]
pub struct Json(pub Value);

impl Serialize for Json {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut shown = self.0.clone();
        lcs_api::record::redact_value(&mut shown);
        shown.serialize(serializer)
    }
}

impl std::ops::Deref for Json {
    type Target = Value;

    fn deref(&self) -> &Value {
        &self.0
    }
}

impl specta::Type for Json {
    fn definition(types: &mut specta::Types) -> specta::datatype::DataType {
        specta_typescript::Unknown::<()>::definition(types)
    }
}

impl<T> Loaded<T> {
    /// The same answer with its data converted (for the command layer's wire types).
    pub fn map<U>(self, convert: impl FnOnce(T) -> U) -> Loaded<U> {
        Loaded {
            data: convert(self.data),
            source: self.source,
            fetched_at: self.fetched_at,
            stale: self.stale,
            offline: self.offline,
        }
    }

    fn new(cached: Cached<T>, source: Source, offline: bool) -> Self {
        Self {
            data: cached.data,
            source,
            fetched_at: cached.fetched_at,
            stale: cached.stale,
            offline,
        }
    }
}

/// The kinds of data a page shows; an event names the one that changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum DataKind {
    Customer,
    TradingAccounts,
    UserInfo,
    Levels,
    ExpRules,
    AccountDetail,
    Addresses,
    Invoices,
    Notices,
    Chats,
    UnreadCounts,
}

impl DataKind {
    fn family(self) -> Family {
        match self {
            Self::Customer | Self::TradingAccounts => Family::Customer,
            Self::AccountDetail => Family::Planner,
            _ => Family::UserCenter,
        }
    }
}

/// What happened to one kind of an account's data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum DataChange {
    /// Fresh data from the server is in the cache: read it again.
    Refreshed,
    /// An edit was applied to the cache and waits in the outbox (the row shows as pending).
    Edited,
    /// A queued edit reached the server; its row is no longer pending.
    Synced,
    /// The server refused a queued edit: it is dropped, the server's version restored, and
    /// `message` says why (tell the user).
    Rejected,
    /// The network could not be reached; the cache stands (the offline banner).
    Unreachable,
    /// A refresh failed otherwise; `message` says why.
    Failed,
}

/// The one event the UI hears about cached data (`data-changed`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct DataEvent {
    pub environment: String,
    /// The session's account ([`crate::auth::PublicSession::account`]).
    pub account: String,
    pub family: AuthFamily,
    pub what: DataKind,
    pub change: DataChange,
    pub code: Option<ErrorCode>,
    /// Why, for the UI to word (the backend's words are in the UI's language).
    pub reason: Option<ErrorReason>,
    /// The technical detail.
    pub message: Option<String>,
}

/// Hears every [`DataEvent`]; the app emits them to the UI.
pub trait DataListener: Send + Sync {
    fn data_changed(&self, event: &DataEvent);
}

/// Whose rows: the environment and the signed-in account of one family.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Scope {
    pub environment: String,
    pub family: Family,
    pub account: String,
    /// The store's account key: the family's letter and the account, because the three
    /// families number their accounts independently and must never share rows.
    pub key: String,
}

impl Scope {
    fn new(environment: &str, family: Family, account: &str) -> Self {
        Self {
            environment: environment.to_owned(),
            family,
            account: account.to_owned(),
            key: format!("{}:{account}", family.letter()),
        }
    }
}

/// Work a domain service does for the shared machinery, which awaits it without knowing the
/// service.
pub(crate) type Pending<'a, T> = Pin<Box<dyn Future<Output = Result<T>> + Send + 'a>>;

/// Fetches one kind of an account's data from the server into the cache: the domain service
/// that owns the kind does it; `None` for a kind with no read call of its own.
pub(crate) type Fetch = for<'a> fn(&'a Data, &'a Scope, DataKind) -> Option<Pending<'a, ()>>;

/// The data services of one environment, over its sessions and the shared cache file. Cheap
/// to clone; every clone is the same service.
#[derive(Clone)]
pub struct Data {
    inner: Arc<Inner>,
}

struct Inner {
    auth: Arc<Auth>,
    store: Arc<Mutex<Store>>,
    listener: Arc<dyn DataListener>,
    fetch: Fetch,
    /// One delivery of the outbox at a time, or an edit could be sent twice at once.
    pub(crate) delivery: tokio::sync::Mutex<()>,
    /// Wakes the outbox's sender: an edit was queued or the network came back.
    pub(crate) wake: tokio::sync::Notify,
    /// How many messages the server last said each chat thread holds, by account key and
    /// conversation: paging then knows when the cache holds a whole thread without asking.
    /// Kept for the run only; a thread not known here is asked once when its cache runs out.
    thread_totals: Mutex<HashMap<(String, String), usize>>,
    /// When each account's kind of data last started a background refresh.
    background_refreshes: Mutex<HashMap<(String, DataKind), Instant>>,
    /// Counts the calls that worked, so whoever waits out an outage hears the network is back.
    network: tokio::sync::watch::Sender<u64>,
}

impl std::fmt::Debug for Data {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Data")
            .field("environment", &self.inner.auth.environment())
            .finish_non_exhaustive()
    }
}

impl Data {
    /// The machinery over `fetch`, which the assembly of the domain services provides.
    pub(crate) fn with_fetch(
        auth: Arc<Auth>,
        store: Arc<Mutex<Store>>,
        listener: Arc<dyn DataListener>,
        fetch: Fetch,
    ) -> Self {
        Self {
            inner: Arc::new(Inner {
                auth,
                store,
                listener,
                fetch,
                delivery: tokio::sync::Mutex::new(()),
                wake: tokio::sync::Notify::new(),
                thread_totals: Mutex::new(HashMap::new()),
                background_refreshes: Mutex::new(HashMap::new()),
                network: tokio::sync::watch::Sender::new(0),
            }),
        }
    }

    /// How many edits of this account still wait for the server, so the UI can ask before a
    /// sign-out or switch discards them.
    pub fn pending_edits(&self, family: AuthFamily, account: &str) -> Result<u32> {
        let scope = Scope::new(self.environment(), family.into(), account);
        let pending = self.with_store(|store| store.pending(&scope.environment, &scope.key))?;
        Ok(u32::try_from(pending.len()).unwrap_or(u32::MAX))
    }

    /// Deletes every cached row and queued edit of this account (sign-out, or a switch the
    /// user confirmed); other accounts keep theirs.
    pub fn forget_account(&self, family: AuthFamily, account: &str) -> Result<()> {
        let scope = Scope::new(self.environment(), family.into(), account);
        self.with_store(|store| store.forget_account(&scope.environment, &scope.key))
    }

    pub(crate) fn auth(&self) -> &Auth {
        &self.inner.auth
    }

    pub(crate) fn environment(&self) -> &str {
        self.inner.auth.environment()
    }

    pub(crate) fn delivery(&self) -> &tokio::sync::Mutex<()> {
        &self.inner.delivery
    }

    pub(crate) fn wake(&self) -> &tokio::sync::Notify {
        &self.inner.wake
    }

    /// How many messages the server last said the thread with `conversation` holds.
    pub(crate) fn thread_total(&self, scope: &Scope, conversation: &str) -> Option<usize> {
        lock(&self.inner.thread_totals)
            .get(&(scope.key.clone(), conversation.to_owned()))
            .copied()
    }

    pub(crate) fn set_thread_total(&self, scope: &Scope, conversation: &str, total: usize) {
        lock(&self.inner.thread_totals).insert((scope.key.clone(), conversation.to_owned()), total);
    }

    /// The language the user reads the server's words in.
    pub(crate) fn lang(&self) -> lcs_api::Lang {
        self.inner.auth.client().lang()
    }

    /// The signed-in account of `family`, or "sign in first".
    pub(crate) fn scope(&self, family: Family) -> Result<Scope> {
        let session =
            self.inner
                .auth
                .session(family)
                .ok_or(Error::Api(ApiError::Unauthorized {
                    family,
                    trace: String::new(),
                }))?;
        Ok(Scope::new(self.environment(), family, &session.account))
    }

    /// A scope for an account given by the caller (family A's sign-in answer).
    pub(crate) fn scope_of(&self, family: Family, account: &str) -> Scope {
        Scope::new(self.environment(), family, account)
    }

    /// Whether `scope` is still the signed-in account: an answer that arrives after a
    /// sign-out or switch belongs to nobody on screen and is dropped.
    pub(crate) fn is_current(&self, scope: &Scope) -> bool {
        self.inner
            .auth
            .session(scope.family)
            .is_some_and(|session| session.account == scope.account)
    }

    /// Runs `work` on the store. SQLite calls are short, so the lock is a plain mutex, never
    /// held across an await.
    pub(crate) fn with_store<T>(
        &self,
        work: impl FnOnce(&mut Store) -> Result<T, StoreError>,
    ) -> Result<T> {
        let mut store = lock(&self.inner.store);
        Ok(work(&mut store)?)
    }

    pub(crate) fn emit(
        &self,
        scope: &Scope,
        what: DataKind,
        change: DataChange,
        error: Option<&Error>,
    ) {
        let lang = self.lang();
        self.inner.listener.data_changed(&DataEvent {
            environment: scope.environment.clone(),
            account: scope.account.clone(),
            family: scope.family.into(),
            what,
            change,
            code: error.map(Error::code),
            reason: error.map(|error| error.reason(lang)),
            message: error.map(Error::to_string),
        });
    }

    /// The cache-first read: the cached answer at once (and a refresh in the background,
    /// announced through the listener), or, with nothing cached, the network's answer.
    pub(crate) async fn load<T>(
        &self,
        kind: DataKind,
        read: impl Fn(&Store, &Scope, Duration) -> Result<Option<Cached<T>>, StoreError>,
    ) -> Result<Loaded<T>> {
        let scope = self.scope(kind.family())?;
        if let Some(cached) = self.with_store(|store| read(store, &scope, MAX_AGE))? {
            self.refresh_in_background(scope, kind);
            return Ok(Loaded::new(cached, Source::Cache, false));
        }
        self.reload(kind, read).await
    }

    /// The network first (pull-to-refresh): its answer, or offline the cached one marked
    /// offline; an error when there is neither.
    pub(crate) async fn reload<T>(
        &self,
        kind: DataKind,
        read: impl Fn(&Store, &Scope, Duration) -> Result<Option<Cached<T>>, StoreError>,
    ) -> Result<Loaded<T>> {
        let scope = self.scope(kind.family())?;
        let unreachable = match self.refresh(&scope, kind).await {
            Ok(()) => None,
            Err(error) if error.is_transient() => Some(error),
            Err(error) => return Err(error),
        };
        let cached = self.with_store(|store| read(store, &scope, MAX_AGE))?;
        match (cached, unreachable) {
            (Some(cached), None) => Ok(Loaded::new(cached, Source::Network, false)),
            (Some(cached), Some(_)) => Ok(Loaded::new(cached, Source::Cache, true)),
            (None, Some(error)) => Err(error),
            // The answer was dropped: the account signed out or switched meanwhile.
            (None, None) => Err(Error::Api(ApiError::Unauthorized {
                family: scope.family,
                trace: String::new(),
            })),
        }
    }

    fn refresh_in_background(&self, scope: Scope, kind: DataKind) {
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            return;
        };
        {
            let mut started = lock(&self.inner.background_refreshes);
            let now = Instant::now();
            let key = (scope.key.clone(), kind);
            if started
                .get(&key)
                .is_some_and(|at| now.duration_since(*at) < BACKGROUND_REFRESH_INTERVAL)
            {
                return;
            }
            started.insert(key, now);
        }
        let data = self.clone();
        runtime.spawn(async move {
            if let Err(error) = data.refresh(&scope, kind).await {
                tracing::debug!(%error, ?kind, "background refresh failed");
            }
        });
    }

    /// Fetches one kind of data and writes it to the cache, then tells the listener. Offline,
    /// the listener hears `unreachable` and the cache stays as it was.
    pub(crate) async fn refresh(&self, scope: &Scope, kind: DataKind) -> Result<()> {
        let Some(fetch) = (self.inner.fetch)(self, scope, kind) else {
            // Nothing to fetch: family A's rows come with the sign-in answer.
            return Ok(());
        };
        let result = fetch.await;
        match &result {
            Ok(()) => {
                self.emit(scope, kind, DataChange::Refreshed, None);
                self.network_is_back(scope)?;
            }
            Err(error) if error.is_transient() => {
                self.emit(scope, kind, DataChange::Unreachable, Some(error))
            }
            Err(error) => self.emit(scope, kind, DataChange::Failed, Some(error)),
        }
        result
    }

    /// Changes whenever a call worked after [`Self::network_is_back`].
    pub(crate) fn network_returns(&self) -> tokio::sync::watch::Receiver<u64> {
        self.inner.network.subscribe()
    }

    /// A call just worked: edits waiting out a backoff may go now.
    pub(crate) fn network_is_back(&self, scope: &Scope) -> Result<()> {
        self.inner
            .network
            .send_modify(|calls| *calls = calls.wrapping_add(1));
        if scope.family == Family::UserCenter {
            self.with_store(|store| {
                store.retry_now(&scope.environment, &scope.key, lcs_store::now_ms())
            })?;
            self.inner.wake.notify_one();
        }
        Ok(())
    }
}

/// The store's lock guards a connection a panic cannot leave half-written (SQLite rolls back).
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A server answer as the cache keeps it: every value under a key that names a secret (the
/// request inspector's list: tokens, passwords, codes, ID card numbers and their images) is
/// replaced before it reaches the disk. The app shows a profile without its ID card number, so
/// nothing is lost; an answer whose fields nobody described (family C's account detail) cannot
/// carry a token onto the disk.
pub(crate) fn cacheable<T: Serialize>(answer: &T) -> Result<Value> {
    let mut value = serde_json::to_value(answer).map_err(|error| Error::Cache(error.into()))?;
    lcs_api::record::redact_value(&mut value);
    Ok(value)
}

/// An id as edits carry it: a server id is a number, a row created here a `tmp-…` string
/// until the server gives it its id.
pub(crate) fn id_value(id: &str) -> serde_json::Value {
    id.parse::<i64>()
        .map_or_else(|_| serde_json::Value::String(id.to_owned()), Into::into)
}

/// The text form of an id value, as cached rows key it.
pub(crate) fn id_text(id: &serde_json::Value) -> Option<String> {
    match id {
        serde_json::Value::String(text) => Some(text.clone()),
        serde_json::Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

/// A fresh temporary id for a row created here; a UUID, so it never equals any other text in
/// a payload (the store rewrites it wherever it appears).
pub(crate) fn temp_id() -> String {
    format!("tmp-{}", uuid::Uuid::new_v4())
}
