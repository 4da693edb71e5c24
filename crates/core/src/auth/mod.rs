//! The signed-in sessions of one environment, as the app lives with them: restored from the
//! keychain and checked on start, renewed (family C, one refresh at a time), ended by the user,
//! by the server (expired) or by another device (kicked), and announced to the UI as
//! [`AuthEvent`]s that never carry a token.

mod flows;
mod planner;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use lcs_api::{ApiError, Client, Endpoint, Family, Secret};
use serde::{Deserialize, Serialize};

pub use flows::*;

use crate::environment::{CodeSender, Environment, SANDBOX_ID};
use crate::error::{Error, Result};
use crate::keychain::{Opened, SecretStore, StoreKind};
use crate::session::{self, KeptSession, SessionKey, StoredSession};

/// Kept by the session it belongs to; named here too, where the sign-in flows use it.
pub use crate::session::TradingMode;

/// A family as the UI names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum AuthFamily {
    Customer,
    UserCenter,
    Planner,
}

impl From<Family> for AuthFamily {
    fn from(family: Family) -> Self {
        match family {
            Family::Customer => AuthFamily::Customer,
            Family::UserCenter => AuthFamily::UserCenter,
            Family::Planner => AuthFamily::Planner,
        }
    }
}

impl From<AuthFamily> for Family {
    fn from(family: AuthFamily) -> Self {
        match family {
            AuthFamily::Customer => Family::Customer,
            AuthFamily::UserCenter => Family::UserCenter,
            AuthFamily::Planner => Family::Planner,
        }
    }
}

/// What the UI may know of a session: who, and how it is kept. Never a token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PublicSession {
    pub family: AuthFamily,
    /// The account's stable id in its family (customer id, user id, uid).
    pub account: String,
    /// What the user signed in with (e-mail, phone, customer number, user name).
    pub display_name: String,
    /// Kept in the OS keychain, so it survives a restart; false when "remember me" was off
    /// or no keychain works.
    pub persisted: bool,
    /// Checked with the server since the app started. False for a session restored while
    /// the server could not be reached: its pages are shown from the cache, marked offline.
    pub verified: bool,
    /// Family A: the trading account the customer works in.
    pub mode: Option<TradingMode>,
}

/// What happened to a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum AuthChange {
    SignedIn,
    SignedOut,
    Refreshed,
    Switched,
}

/// Why a session ended or changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum AuthReason {
    /// The user asked for it.
    User,
    /// The server no longer accepts the session.
    Expired,
    /// The account signed in on another device.
    Kicked,
    /// Family A moved between its real and demo trading accounts.
    Switch,
    /// The environment now names another server than the one that issued the session, which
    /// is never sent there.
    HostChanged,
}

/// The one event the UI hears about sessions (`auth-state`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AuthEvent {
    pub change: AuthChange,
    pub reason: Option<AuthReason>,
    pub family: AuthFamily,
    /// Whose session changed (its stable id in the family): a sign-out names who left.
    pub account: String,
    /// The session after the change; `None` once signed out.
    pub session: Option<PublicSession>,
}

/// Where the keychain stands, for the settings page and the "memory only" notice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct KeychainStatus {
    pub available: bool,
    /// Why sessions are kept in memory only, in the keychain's words.
    pub problem: Option<String>,
}

/// Hears every change of a session; the app turns them into UI events and cache clean-ups.
pub trait AuthListener: Send + Sync {
    fn auth_changed(&self, environment: &str, event: &AuthEvent);

    /// Family A's sign-in answer, with its tokens removed: the only call that tells who the
    /// customer is and what trading accounts they hold, so the app caches it.
    fn customer_answered(&self, _account: &str, _customer: &lcs_api::customer::Customer) {}
}

/// The tokens of one family, as held in memory.
#[derive(Debug, Clone)]
struct Held {
    stored: StoredSession,
    public: PublicSession,
}

#[derive(Debug, Default)]
struct Signed {
    /// Bumped by every sign-in, sign-out and switch, so a refresh that was under way when
    /// one happened can tell its answer is stale.
    generation: u64,
    customer: Option<Held>,
    user_center: Option<Held>,
    planner: Option<Held>,
}

impl Signed {
    fn slot(&mut self, family: Family) -> &mut Option<Held> {
        match family {
            Family::Customer => &mut self.customer,
            Family::UserCenter => &mut self.user_center,
            Family::Planner => &mut self.planner,
        }
    }
}

/// The sessions of one environment.
pub struct Auth {
    environment: String,
    client: Client,
    /// `None` where no keychain works: sessions then live in memory only.
    keychain: Option<Arc<dyn SecretStore>>,
    /// Why the keychain is not used (none found, or a write failed), once there is a reason.
    keychain_problem: Mutex<Option<String>>,
    signed: Mutex<Signed>,
    /// Family C: held by the one refresh under way; the others wait for its result.
    refresh_gate: tokio::sync::Mutex<()>,
    listener: Arc<dyn AuthListener>,
    /// Who issued each family's sessions, as the environment names it now (A, B, C).
    issuers: [String; 3],
    /// The environment's call that sends verification codes, if it has one.
    code_sender: Option<CodeSender>,
    /// The running built-in sandbox's helper secret, for its code sender; sandbox only.
    sandbox_secret: Option<Secret>,
    /// Family C's OAuth client (id and secret) for the authorization codes its calls take.
    planner_client: Option<(String, Secret)>,
    /// The send token of the last code sent to each target (phone or e-mail).
    send_tokens: Mutex<HashMap<String, Secret>>,
    /// A5's answer, waiting for A6.
    retrieval_token: Mutex<Option<Secret>>,
    /// The WeChat QR login code being polled.
    qr_code: Mutex<Option<Secret>>,
    /// Why the server last ended a session (expired, kicked), until the next sign-in: a UI
    /// that starts after the restore check still learns why the user is signed out.
    signed_out_because: Mutex<Option<AuthReason>>,
}

impl std::fmt::Debug for Auth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Auth")
            .field("environment", &self.environment)
            .finish_non_exhaustive()
    }
}

impl Auth {
    /// Sessions for `environment`, sent through `client` and kept in `keychain` (what
    /// [`crate::keychain::open`] found).
    pub fn new(
        environment: &Environment,
        client: Client,
        keychain: Opened,
        listener: Arc<dyn AuthListener>,
    ) -> Self {
        let (keychain, problem) = match keychain.kind {
            StoreKind::OsKeychain => (Some(keychain.store), None),
            StoreKind::MemoryOnly { reason } => (None, Some(reason)),
        };
        let planner_client = (!environment.planner_client_id.is_empty()).then(|| {
            (
                environment.planner_client_id.clone(),
                Secret::new(environment.planner_client_secret.clone()),
            )
        });
        Self {
            environment: environment.id.clone(),
            client,
            keychain,
            keychain_problem: Mutex::new(problem),
            signed: Mutex::new(Signed::default()),
            refresh_gate: tokio::sync::Mutex::new(()),
            listener,
            issuers: [Family::Customer, Family::UserCenter, Family::Planner]
                .map(|family| environment.session_issuer(family)),
            code_sender: environment.code_sender.clone(),
            sandbox_secret: None,
            planner_client,
            send_tokens: Mutex::new(HashMap::new()),
            retrieval_token: Mutex::new(None),
            qr_code: Mutex::new(None),
            signed_out_because: Mutex::new(None),
        }
    }

    /// These sessions with the secret the running built-in sandbox's helpers ask for: its code
    /// sender is one. Only the sandbox environment takes it, so it never goes to another host.
    pub fn with_sandbox_secret(mut self, secret: Secret) -> Self {
        if self.environment == SANDBOX_ID {
            self.sandbox_secret = Some(secret);
        }
        self
    }

    pub fn environment(&self) -> &str {
        &self.environment
    }

    pub fn client(&self) -> &Client {
        &self.client
    }

    pub fn keychain_status(&self) -> KeychainStatus {
        let problem = lock(&self.keychain_problem).clone();
        KeychainStatus {
            available: problem.is_none(),
            problem,
        }
    }

    /// Why the server last signed someone out, if it did since the last sign-in.
    pub fn signed_out_because(&self) -> Option<AuthReason> {
        *lock(&self.signed_out_because)
    }

    /// The sessions signed in now.
    pub fn sessions(&self) -> Vec<PublicSession> {
        let signed = lock(&self.signed);
        [&signed.customer, &signed.user_center, &signed.planner]
            .into_iter()
            .flatten()
            .map(|held| held.public.clone())
            .collect()
    }

    pub fn session(&self, family: Family) -> Option<PublicSession> {
        lock(&self.signed)
            .slot(family)
            .as_ref()
            .map(|held| held.public.clone())
    }

    fn issuer(&self, family: Family) -> &str {
        let index = match family {
            Family::Customer => 0,
            Family::UserCenter => 1,
            Family::Planner => 2,
        };
        &self.issuers[index]
    }

    /// Reads this environment's sessions from the keychain and holds them, unverified. A
    /// damaged entry is dropped (and deleted), never shown as signed in; one issued by another
    /// server than the environment names now is signed out unsent, saying why.
    pub async fn restore(&self) -> Vec<PublicSession> {
        let Some(keychain) = self.keychain.clone() else {
            return Vec::new();
        };
        let environment = self.environment.clone();
        let loaded = tokio::task::spawn_blocking(move || {
            let mut found = Vec::new();
            for family in [Family::Customer, Family::UserCenter, Family::Planner] {
                match session::load_family(keychain.as_ref(), &environment, family) {
                    Ok(Some(entry)) => found.push(entry),
                    Ok(None) => {}
                    Err(error) => tracing::warn!(%error, %family, "a stored session is dropped"),
                }
            }
            found
        })
        .await
        .unwrap_or_default();
        let (kept, moved): (Vec<_>, Vec<_>) = loaded
            .into_iter()
            .partition(|(_, kept)| kept.issued_by.as_deref() == Some(self.issuer(kept.family())));
        for (account, kept) in moved {
            let family = kept.family();
            tracing::info!(
                %family,
                issued_by = kept.issued_by.as_deref().unwrap_or("unknown"),
                now = self.issuer(family),
                "a kept session's server is no longer the environment's; signed out unsent"
            );
            self.forget_stored(family, &account).await;
            *lock(&self.signed_out_because) = Some(AuthReason::HostChanged);
            self.emit(
                AuthChange::SignedOut,
                Some(AuthReason::HostChanged),
                family,
                &account,
                None,
            );
        }
        let mut signed = lock(&self.signed);
        for (
            account,
            KeptSession {
                session: stored, ..
            },
        ) in kept
        {
            let family = stored.family();
            let public = PublicSession {
                family: family.into(),
                account,
                display_name: stored.label().to_owned(),
                persisted: true,
                verified: false,
                mode: stored.mode(),
            };
            *signed.slot(family) = Some(Held { stored, public });
        }
        signed.generation += 1;
        [&signed.customer, &signed.user_center, &signed.planner]
            .into_iter()
            .flatten()
            .map(|held| held.public.clone())
            .collect()
    }

    /// Checks a restored session with the server (A: checkToken with the session as its
    /// `token` header; B: user info; C: account detail, which answers `token_status`). Valid:
    /// it becomes verified and the UI hears `signed_in`. Rejected unambiguously (HTTP 401, or
    /// C's token codes): signed out as expired or kicked. Unreachable, or a business refusal
    /// that names no token (the seeds give family A no such code): it stays, unverified.
    pub async fn verify(&self, family: Family) -> Result<()> {
        let Some(held) = self.held(family) else {
            return Ok(());
        };
        let checked = match &held.stored {
            StoredSession::Customer(_) => self
                .customer(&lcs_api::customer::CheckToken::default())
                .await
                .map(drop),
            StoredSession::UserCenter(_) => self
                .user_center(&lcs_api::user_center::user::UserInfo)
                .await
                .map(drop),
            StoredSession::Planner(_) => self
                .planner(&lcs_api::planner::GetAccountDetail)
                .await
                .map(drop),
        };
        checked?;
        let public = {
            let mut signed = lock(&self.signed);
            let Some(current) = signed.slot(family).as_mut() else {
                return Ok(());
            };
            current.public.verified = true;
            current.public.clone()
        };
        self.emit(
            AuthChange::SignedIn,
            None,
            family,
            &public.account.clone(),
            Some(public),
        );
        Ok(())
    }

    /// Ends `family`'s session: forgets it in memory and in the keychain, and tells the UI.
    /// Idempotent: signing out twice is harmless.
    pub async fn sign_out(&self, family: Family, reason: AuthReason) {
        self.end_session(family, reason, None).await;
    }

    /// Ends `family`'s session as [`Auth::sign_out`] does; with `generation`, only while the
    /// sessions are still as they were then: a refusal that lands after a sign-in, sign-out or
    /// switch was meant for a session that is gone, and ends nobody's.
    async fn end_session(&self, family: Family, reason: AuthReason, generation: Option<u64>) {
        let removed = {
            let mut signed = lock(&self.signed);
            if generation.is_some_and(|then| then != signed.generation) {
                tracing::info!(%family, ?reason, "a refusal for a session that has since changed ends nothing");
                return;
            }
            let removed = signed.slot(family).take();
            if removed.is_some() {
                signed.generation += 1;
            }
            removed
        };
        let Some(held) = removed else {
            return;
        };
        self.forget_stored(family, &held.public.account).await;
        if matches!(reason, AuthReason::Expired | AuthReason::Kicked) {
            *lock(&self.signed_out_because) = Some(reason);
        }
        tracing::info!(%family, ?reason, "signed out");
        self.emit(
            AuthChange::SignedOut,
            Some(reason),
            family,
            &held.public.account,
            None,
        );
    }

    /// Sends a family A call with the customer's token; a rejected token signs the customer out.
    pub async fn customer<E: Endpoint>(&self, endpoint: &E) -> Result<E::Output> {
        let (token, generation) = self.token_at(Family::Customer);
        let result = self.client.send(endpoint, token.as_ref()).await;
        self.settle(Family::Customer, token.and(Some(generation)), result)
            .await
    }

    /// Sends a family B call with the user's token; a rejected token signs the user out.
    pub async fn user_center<E: Endpoint>(&self, endpoint: &E) -> Result<E::Output> {
        let (token, generation) = self.token_at(Family::UserCenter);
        let result = self.client.send(endpoint, token.as_ref()).await;
        self.settle(Family::UserCenter, token.and(Some(generation)), result)
            .await
    }

    /// Applies the session policy to a call's outcome: 401-like answers end the session that
    /// was sent (`sent_at`: the generation it was sent at, if a token went), error 30 ends it as
    /// kicked; network trouble and 5xx never sign anyone out.
    async fn settle<T>(
        &self,
        family: Family,
        sent_at: Option<u64>,
        result: std::result::Result<T, ApiError>,
    ) -> Result<T> {
        match result {
            Ok(value) => Ok(value),
            Err(error) => {
                match (&error, sent_at) {
                    (ApiError::Kicked { .. }, Some(generation)) => {
                        self.end_session(family, AuthReason::Kicked, Some(generation))
                            .await;
                    }
                    (ApiError::Unauthorized { .. }, Some(generation)) => {
                        self.end_session(family, AuthReason::Expired, Some(generation))
                            .await;
                    }
                    _ => {}
                }
                Err(error.into())
            }
        }
    }

    fn held(&self, family: Family) -> Option<Held> {
        lock(&self.signed).slot(family).clone()
    }

    fn token(&self, family: Family) -> Option<Secret> {
        self.token_at(family).0
    }

    /// The family's token and the generation of the sessions it belongs to.
    fn token_at(&self, family: Family) -> (Option<Secret>, u64) {
        let mut signed = lock(&self.signed);
        let generation = signed.generation;
        let token = signed.slot(family).as_ref().map(|held| match &held.stored {
            StoredSession::Customer(s) => s.token.clone(),
            StoredSession::UserCenter(s) => s.token.clone(),
            StoredSession::Planner(s) => s.access_token.clone(),
        });
        (token, generation)
    }

    /// Holds a new session (replacing the family's previous one, whoever it was), keeps it in
    /// the keychain when the user asked to be remembered and a keychain works, and tells the UI.
    async fn sign_in(
        &self,
        stored: StoredSession,
        account: String,
        remember: bool,
    ) -> PublicSession {
        let family = stored.family();
        let previous = self.held(family).map(|held| held.public.account);
        if let Some(previous) = previous.filter(|previous| *previous != account) {
            self.forget_stored(family, &previous).await;
        }
        let persisted = if remember {
            self.persist(&account, &stored).await
        } else {
            self.forget_stored(family, &account).await;
            false
        };
        let public = PublicSession {
            family: family.into(),
            account,
            display_name: stored.label().to_owned(),
            persisted,
            verified: true,
            mode: stored.mode(),
        };
        {
            let mut signed = lock(&self.signed);
            signed.generation += 1;
            *signed.slot(family) = Some(Held {
                stored,
                public: public.clone(),
            });
        }
        *lock(&self.signed_out_because) = None;
        tracing::info!(%family, persisted, "signed in");
        self.emit(
            AuthChange::SignedIn,
            None,
            family,
            &public.account,
            Some(public.clone()),
        );
        public
    }

    /// Writes a session to the keychain; false when it is kept in memory only. A keychain that
    /// fails here (a locked collection accepts reads but not writes) is not used again this
    /// run, and the reason is kept for the UI's notice.
    async fn persist(&self, account: &str, stored: &StoredSession) -> bool {
        let Some(keychain) = self.keychain.clone() else {
            return false;
        };
        if lock(&self.keychain_problem).is_some() {
            return false;
        }
        let entry = KeptSession::new(self.issuer(stored.family()), stored.clone());
        let (environment, account) = (self.environment.clone(), account.to_owned());
        let saved = tokio::task::spawn_blocking(move || {
            session::save(keychain.as_ref(), &environment, &account, &entry)
        })
        .await
        .unwrap_or_else(|join| {
            Err(Error::Keychain {
                action: "write",
                key: "session".into(),
                detail: join.to_string(),
            })
        });
        match saved {
            Ok(()) => true,
            Err(error) => {
                tracing::warn!(%error, "the keychain refused the session; it is kept in memory only");
                *lock(&self.keychain_problem) = Some(error.to_string());
                false
            }
        }
    }

    async fn forget_stored(&self, family: Family, account: &str) {
        let Some(keychain) = self.keychain.clone() else {
            return;
        };
        let key = SessionKey::new(self.environment.clone(), family, account);
        let forgotten =
            tokio::task::spawn_blocking(move || session::forget(keychain.as_ref(), &key)).await;
        match forgotten {
            Ok(Ok(())) => {}
            Ok(Err(error)) => {
                tracing::warn!(%error, "a session could not be deleted from the keychain")
            }
            Err(error) => tracing::warn!(%error, "the keychain task failed"),
        }
    }

    /// Tells the listener; `session` is the one after the change, so a sign-out names the
    /// account it ended through `account`.
    fn emit(
        &self,
        change: AuthChange,
        reason: Option<AuthReason>,
        family: Family,
        account: &str,
        session: Option<PublicSession>,
    ) {
        self.listener.auth_changed(
            &self.environment,
            &AuthEvent {
                change,
                reason,
                family: family.into(),
                account: account.to_owned(),
                session,
            },
        );
    }
}

/// The locks guard plain data that a panic cannot leave half-written.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Milliseconds since the epoch, as expiries are kept.
pub(crate) fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| {
            i64::try_from(elapsed.as_millis()).unwrap_or(i64::MAX)
        })
}
