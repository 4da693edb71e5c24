//! The user's profile: family B's user information, member levels and experience rules, and
//! family C's account detail, each read cache-first; changes to it are in [`edit`].

pub mod edit;

use lcs_api::planner::GetAccountDetail;
use lcs_api::user_center::user::{ListBaseUserLevel, ListsExpRule, UserInfo};
use serde_json::Value;

use crate::data::{Data, DataKind, Loaded, Scope, cacheable};
use crate::error::InputProblem;
use crate::error::{Error, Result};

/// The signed-in user's profile pages.
#[derive(Debug, Clone)]
pub struct Profile {
    data: Data,
}

impl Profile {
    pub(crate) fn new(data: Data) -> Self {
        Self { data }
    }

    /// Family B's user information (user/info), as the server sends it.
    pub async fn user_info(&self) -> Result<Loaded<Value>> {
        self.data
            .load(DataKind::UserInfo, |store, scope, max_age| {
                store.user_profile(&scope.environment, &scope.key, max_age)
            })
            .await
    }

    /// The member levels, in the server's order.
    pub async fn levels(&self) -> Result<Loaded<Vec<Value>>> {
        self.data
            .load(DataKind::Levels, |store, scope, max_age| {
                store.user_levels(&scope.environment, &scope.key, max_age)
            })
            .await
    }

    /// How experience is earned.
    pub async fn exp_rules(&self) -> Result<Loaded<Value>> {
        self.data
            .load(DataKind::ExpRules, |store, scope, max_age| {
                // Kept as a list of one: the store keeps rules as a list.
                Ok(store
                    .exp_rules::<Value>(&scope.environment, &scope.key, max_age)?
                    .map(|cached| lcs_store::Cached {
                        data: cached.data.into_iter().next().unwrap_or(Value::Null),
                        fetched_at: cached.fetched_at,
                        stale: cached.stale,
                    }))
            })
            .await
    }

    /// Family C's account detail, as the server sends it.
    pub async fn account_detail(&self) -> Result<Loaded<Value>> {
        self.data
            .load(DataKind::AccountDetail, |store, scope, max_age| {
                store.account_detail(&scope.environment, &scope.key, max_age)
            })
            .await
    }

    /// One of the above from the network now (pull-to-refresh); offline, the cache marked
    /// offline. The data is the JSON the matching read answers.
    pub async fn refresh(&self, what: DataKind) -> Result<Loaded<Value>> {
        if !matches!(
            what,
            DataKind::UserInfo | DataKind::Levels | DataKind::ExpRules | DataKind::AccountDetail
        ) {
            return Err(Error::invalid(
                "what",
                InputProblem::Unusable {
                    detail: "not a part of the profile".to_owned(),
                },
            ));
        }
        self.data
            .reload(what, |store, scope, max_age| {
                let (environment, account) = (&scope.environment, &scope.key);
                Ok(match what {
                    DataKind::Levels => store
                        .user_levels::<Value>(environment, account, max_age)?
                        .map(|cached| as_value(cached, Value::Array)),
                    DataKind::ExpRules => store
                        .exp_rules::<Value>(environment, account, max_age)?
                        .map(|cached| {
                            as_value(cached, |rules| {
                                rules.into_iter().next().unwrap_or(Value::Null)
                            })
                        }),
                    DataKind::AccountDetail => {
                        store.account_detail(environment, account, max_age)?
                    }
                    _ => store.user_profile(environment, account, max_age)?,
                })
            })
            .await
    }
}

fn as_value<T>(
    cached: lcs_store::Cached<T>,
    convert: impl FnOnce(T) -> Value,
) -> lcs_store::Cached<Value> {
    lcs_store::Cached {
        data: convert(cached.data),
        fetched_at: cached.fetched_at,
        stale: cached.stale,
    }
}

pub(crate) async fn fetch(data: &Data, scope: &Scope, kind: DataKind) -> Result<()> {
    let auth = data.auth();
    let (environment, account, now) = (&scope.environment, &scope.key, lcs_store::now_ms());
    match kind {
        DataKind::Levels => {
            let levels = auth.user_center(&ListBaseUserLevel).await?.items;
            let levels = levels.iter().map(cacheable).collect::<Result<Vec<_>>>()?;
            if data.is_current(scope) {
                data.with_store(|store| {
                    store.replace_user_levels(environment, account, &levels, now)
                })?;
            }
        }
        DataKind::ExpRules => {
            let rules = cacheable(&auth.user_center(&ListsExpRule).await?)?;
            if data.is_current(scope) {
                data.with_store(|store| {
                    store.replace_exp_rules(environment, account, &[rules], now)
                })?;
            }
        }
        _ => {
            let info = cacheable(&auth.user_center(&UserInfo).await?)?;
            if data.is_current(scope) {
                data.with_store(|store| store.put_user_profile(environment, account, &info, now))?;
            }
        }
    }
    Ok(())
}

pub(crate) async fn fetch_account_detail(data: &Data, scope: &Scope) -> Result<()> {
    let detail = cacheable(&data.auth().planner(&GetAccountDetail).await?)?;
    if data.is_current(scope) {
        data.with_store(|store| {
            store.put_account_detail(&scope.environment, &scope.key, &detail, lcs_store::now_ms())
        })?;
    }
    Ok(())
}
