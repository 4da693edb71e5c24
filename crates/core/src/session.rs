//! The signed-in sessions as they are kept between runs: one keychain entry per environment,
//! family and account, holding that family's tokens as compact JSON.

use lcs_api::planner::PlannerTokens;
use lcs_api::{Family, Secret};
use serde::{Deserialize, Serialize};

use crate::error::InputProblem;
use crate::error::{Error, Result};
use crate::keychain::SecretStore;

/// Family A's two trading accounts: real money or the demo (模拟) one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum TradingMode {
    Real,
    Demo,
}

impl TradingMode {
    /// A1's `companyType`; anything but `demo` is real money, the safe reading.
    pub fn from_company_type(company_type: Option<&str>) -> Self {
        match company_type {
            Some(kind) if kind.eq_ignore_ascii_case("demo") => TradingMode::Demo,
            _ => TradingMode::Real,
        }
    }

    pub(crate) fn other(self) -> Self {
        match self {
            TradingMode::Real => TradingMode::Demo,
            TradingMode::Demo => TradingMode::Real,
        }
    }
}

/// Where one session lives: the keychain's user name is `<environment>/<A|B|C>/<account>`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SessionKey {
    pub environment: String,
    pub family: Family,
    pub account: String,
}

impl SessionKey {
    pub fn new(environment: impl Into<String>, family: Family, account: impl Into<String>) -> Self {
        Self {
            environment: environment.into(),
            family,
            account: account.into(),
        }
    }

    /// The keychain user name. `/` and `%` inside the parts are escaped, so an account such as
    /// `a/b` cannot name another environment's entry.
    pub fn user_name(&self) -> String {
        format!(
            "{}/{}/{}",
            escape(&self.environment),
            self.family.letter(),
            escape(&self.account)
        )
    }
}

/// The entry listing an environment's session keys, since not every platform's keychain can
/// search: [`forget_environment`] reads it to know what to delete.
fn index_key(environment: &str) -> String {
    format!("{}/sessions", escape(environment))
}

fn escape(part: &str) -> String {
    part.replace('%', "%25").replace('/', "%2F")
}

/// Family A's session: the token, the token that renews it (`rToken`) and whose it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomerSession {
    pub token: Secret,
    pub r_token: Secret,
    pub customer_id: i64,
    /// What the user signed in with, shown while the session is restored offline.
    #[serde(default)]
    pub label: String,
    /// The trading account the customer works in (A8 switches it).
    #[serde(default)]
    pub mode: Option<TradingMode>,
}

/// Family B's session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserCenterSession {
    pub token: Secret,
    pub user_id: i64,
    #[serde(default)]
    pub label: String,
}

/// Family C's session with absolute expiry instants (ms since the epoch), so a restored
/// session knows whether its tokens are still good without asking the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlannerSession {
    pub access_token: Secret,
    pub access_expires_at_ms: i64,
    pub refresh_token: Secret,
    pub refresh_expires_at_ms: i64,
    pub uid: String,
    #[serde(default)]
    pub label: String,
}

impl PlannerSession {
    /// From C1's (or C10's) answer. The seed does not say what `*_expire` are; they are read
    /// as lifetimes in seconds, as the sandbox sends them, counted from when the answer
    /// arrived (`received_at_ms`), not from when it is stored.
    pub fn from_tokens(tokens: PlannerTokens, received_at_ms: i64) -> Result<Self> {
        let expires_at = |seconds: i64| received_at_ms.saturating_add(seconds.saturating_mul(1000));
        Ok(Self {
            access_token: tokens.access_token.ok_or_else(|| missing("access_token"))?,
            access_expires_at_ms: expires_at(
                tokens
                    .access_token_expire
                    .ok_or_else(|| missing("access_token_expire"))?,
            ),
            refresh_token: tokens
                .refresh_token
                .ok_or_else(|| missing("refresh_token"))?,
            refresh_expires_at_ms: expires_at(
                tokens
                    .refresh_token_expire
                    .ok_or_else(|| missing("refresh_token_expire"))?,
            ),
            uid: tokens.uid.ok_or_else(|| missing("uid"))?,
            label: String::new(),
        })
    }
}

fn missing(field: &'static str) -> Error {
    Error::invalid(field, InputProblem::MissingFromAnswer)
}

/// One family's stored session. The family is in the JSON too, so an entry read under the
/// wrong key is noticed rather than misread.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "family")]
pub enum StoredSession {
    #[serde(rename = "A")]
    Customer(CustomerSession),
    #[serde(rename = "B")]
    UserCenter(UserCenterSession),
    #[serde(rename = "C")]
    Planner(PlannerSession),
}

impl StoredSession {
    pub fn family(&self) -> Family {
        match self {
            StoredSession::Customer(_) => Family::Customer,
            StoredSession::UserCenter(_) => Family::UserCenter,
            StoredSession::Planner(_) => Family::Planner,
        }
    }

    /// What the user signed in with.
    pub fn label(&self) -> &str {
        match self {
            StoredSession::Customer(s) => &s.label,
            StoredSession::UserCenter(s) => &s.label,
            StoredSession::Planner(s) => &s.label,
        }
    }

    /// Family A's trading account; `None` for the other families.
    pub fn mode(&self) -> Option<TradingMode> {
        match self {
            StoredSession::Customer(s) => Some(s.mode.unwrap_or(TradingMode::Real)),
            _ => None,
        }
    }
}

/// A session as the keychain keeps it: the tokens, and the origin that issued them. Tokens are
/// only ever sent back to that origin: an environment whose address changed since gets none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KeptSession {
    /// The family's origin when the session was issued (see [`Environment::session_issuer`]);
    /// `None` in entries written before issuers were kept, which no environment matches.
    ///
    /// [`Environment::session_issuer`]: crate::environment::Environment::session_issuer
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued_by: Option<String>,
    #[serde(flatten)]
    pub session: StoredSession,
}

impl KeptSession {
    pub fn new(issued_by: impl Into<String>, session: StoredSession) -> Self {
        Self {
            issued_by: Some(issued_by.into()),
            session,
        }
    }

    pub fn family(&self) -> Family {
        self.session.family()
    }

    /// The compact JSON kept in the keychain.
    pub fn to_json(&self) -> Result<Secret> {
        serde_json::to_string(self)
            .map(Secret::from)
            .map_err(|err| {
                Error::invalid(
                    "session",
                    InputProblem::Unusable {
                        detail: err.to_string(),
                    },
                )
            })
    }

    pub fn from_json(key: &str, json: &Secret) -> Result<Self> {
        serde_json::from_str(json.expose()).map_err(|err| unreadable(key.to_owned(), &err))
    }
}

/// Keeps `session` for `environment` and `account`, replacing the one there was.
pub fn save(
    store: &dyn SecretStore,
    environment: &str,
    account: &str,
    session: &KeptSession,
) -> Result<()> {
    let key = SessionKey::new(environment, session.family(), account).user_name();
    let json = session.to_json()?;
    // Listed before it is written: an index naming a missing entry is harmless, an entry the
    // index misses would survive `forget_environment`.
    let mut index = read_index(store, environment)?;
    if !index.contains(&key) {
        index.push(key.clone());
        write_index(store, environment, &index)?;
    }
    store.set(&key, &json)?;
    tracing::debug!(%key, "session saved");
    Ok(())
}

/// The session kept under `key`, if any.
pub fn load(store: &dyn SecretStore, key: &SessionKey) -> Result<Option<KeptSession>> {
    let name = key.user_name();
    let Some(json) = store.get(&name)? else {
        return Ok(None);
    };
    let session = KeptSession::from_json(&name, &json)?;
    if session.family() != key.family {
        return Err(Error::KeychainEntryUnreadable {
            key: name,
            detail: format!("holds a {} session", session.family()),
        });
    }
    Ok(Some(session))
}

/// The session `family` keeps for `environment`, with its account: the app holds one per
/// family. When the index names several (a crash between two writes), the last one wins.
pub fn load_family(
    store: &dyn SecretStore,
    environment: &str,
    family: Family,
) -> Result<Option<(String, KeptSession)>> {
    let mut found = None;
    for name in read_index(store, environment)? {
        let Some(account) = account_of(&name, family) else {
            continue;
        };
        let key = SessionKey::new(environment, family, account.clone());
        if let Some(session) = load(store, &key)? {
            found = Some((account, session));
        }
    }
    Ok(found)
}

/// The account of an index entry `<env>/<letter>/<account>` when it is `family`'s.
fn account_of(name: &str, family: Family) -> Option<String> {
    let mut parts = name.splitn(3, '/');
    let (_, letter, account) = (parts.next()?, parts.next()?, parts.next()?);
    (letter.len() == 1 && letter.starts_with(family.letter())).then(|| unescape(account))
}

fn unescape(part: &str) -> String {
    part.replace("%2F", "/").replace("%25", "%")
}

/// Sign-out: removes the session under `key`; a missing one is not an error.
pub fn forget(store: &dyn SecretStore, key: &SessionKey) -> Result<()> {
    let name = key.user_name();
    store.delete(&name)?;
    let mut index = read_index(store, &key.environment)?;
    if let Some(position) = index.iter().position(|listed| *listed == name) {
        index.remove(position);
        write_index(store, &key.environment, &index)?;
    }
    tracing::debug!(key = %name, "session forgotten");
    Ok(())
}

/// Removes every session of `environment` (the user deleted it).
pub fn forget_environment(store: &dyn SecretStore, environment: &str) -> Result<()> {
    for name in read_index(store, environment)? {
        store.delete(&name)?;
    }
    store.delete(&index_key(environment))?;
    tracing::debug!(environment, "all sessions of the environment forgotten");
    Ok(())
}

/// Only where the JSON is wrong: serde_json's message can quote the value it did not expect,
/// which may be a token.
fn unreadable(key: String, err: &serde_json::Error) -> Error {
    Error::KeychainEntryUnreadable {
        key,
        detail: format!(
            "not this app's JSON ({:?} error at line {} column {})",
            err.classify(),
            err.line(),
            err.column()
        ),
    }
}

fn read_index(store: &dyn SecretStore, environment: &str) -> Result<Vec<String>> {
    let key = index_key(environment);
    match store.get(&key)? {
        None => Ok(Vec::new()),
        Some(json) => serde_json::from_str(json.expose()).map_err(|err| unreadable(key, &err)),
    }
}

fn write_index(store: &dyn SecretStore, environment: &str, index: &[String]) -> Result<()> {
    let json = serde_json::to_string(index).map_err(|err| {
        Error::invalid(
            "index",
            InputProblem::Unusable {
                detail: err.to_string(),
            },
        )
    })?;
    store.set(&index_key(environment), &Secret::from(json))
}
