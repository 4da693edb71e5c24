//! Family A: the customer and its trading accounts. A has no call that reads them, so they
//! are cached from the sign-in answer (without its tokens) and read from the cache only.

use std::time::Duration;

use lcs_api::Family;
use lcs_api::customer::Customer;
use lcs_store::AccountMode;
use lcs_store::table::trading_account::TradingAccountRow;
use serde::Serialize;
use serde_json::Value;

use crate::data::{Data, DataChange, DataKind, Json, Loaded, Source};
use crate::error::InputProblem;
use crate::error::{Error, Result};
use crate::session::TradingMode;

/// A's `type` of a demo trading account (1 is real money).
const DEMO_TYPE: i64 = 2;

/// One trading account as the switch page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct TradingAccountItem {
    pub account_id: String,
    pub mode: TradingMode,
    pub currency: Option<String>,
    /// Decimal text exactly as the server sent it.
    pub balance: Option<String>,
    /// The account the customer trades on now.
    pub active: bool,
    /// The server's answer for the account (camelCase fields, as family A sends them).
    pub data: Json,
}

/// The signed-in customer's cached data.
#[derive(Debug, Clone)]
pub struct Accounts {
    data: Data,
}

impl Accounts {
    pub(crate) fn new(data: Data) -> Self {
        Self { data }
    }

    /// Caches a sign-in (or switch) answer for the customer it names: the customer without
    /// its tokens, and its trading accounts. Call it with every such answer.
    pub fn remember(&self, customer: &Customer) -> Result<()> {
        let id = customer
            .id
            .ok_or_else(|| Error::invalid("id", InputProblem::MissingFromAnswer))?;
        let scope = self.data.scope_of(Family::Customer, &id.to_string());
        let active = TradingMode::from_company_type(customer.company_type.as_deref());
        let rows: Vec<TradingAccountRow> = customer
            .account_list
            .iter()
            .filter_map(|account| {
                let mode = match account.account_type {
                    Some(DEMO_TYPE) => TradingMode::Demo,
                    Some(_) => TradingMode::Real,
                    None => active,
                };
                Some(TradingAccountRow {
                    account_id: account.account_id?.to_string(),
                    mode: match mode {
                        TradingMode::Real => AccountMode::Real,
                        TradingMode::Demo => AccountMode::Demo,
                    },
                    currency: account.currency.clone(),
                    balance: account.balance.clone(),
                    active: mode == active,
                    data: crate::data::cacheable(account).ok()?,
                })
            })
            .collect();
        let now = lcs_store::now_ms();
        let customer = crate::data::cacheable(customer)?;
        self.data.with_store(|store| {
            // `put_customer` drops `token` and `rToken`: those live in the keychain only.
            store.put_customer(&scope.environment, &scope.key, &customer, now)?;
            store.replace_trading_accounts(&scope.environment, &scope.key, &rows, now)
        })?;
        self.data
            .emit(&scope, DataKind::Customer, DataChange::Refreshed, None);
        self.data.emit(
            &scope,
            DataKind::TradingAccounts,
            DataChange::Refreshed,
            None,
        );
        Ok(())
    }

    /// The signed-in customer as last cached; `None` before any sign-in answer was cached.
    pub fn customer(&self) -> Result<Option<Loaded<Value>>> {
        let scope = self.data.scope(Family::Customer)?;
        let cached = self.data.with_store(|store| {
            store.customer::<Value>(&scope.environment, &scope.key, Duration::MAX)
        })?;
        Ok(cached.map(cached_answer))
    }

    /// After a real/demo switch (A8, which answers nothing): the cached account of `mode`
    /// becomes the active one, so the pages show the switch before the next sign-in answer.
    pub fn mark_active(&self, mode: TradingMode) -> Result<()> {
        let scope = self.data.scope(Family::Customer)?;
        let wanted = match mode {
            TradingMode::Real => AccountMode::Real,
            TradingMode::Demo => AccountMode::Demo,
        };
        let changed = self.data.with_store(|store| {
            let Some(cached) =
                store.trading_accounts::<Value>(&scope.environment, &scope.key, Duration::MAX)?
            else {
                return Ok(false);
            };
            let rows: Vec<TradingAccountRow> = cached
                .data
                .into_iter()
                .map(|row| TradingAccountRow {
                    active: row.mode == wanted,
                    ..row
                })
                .collect();
            store.replace_trading_accounts(
                &scope.environment,
                &scope.key,
                &rows,
                cached.fetched_at,
            )?;
            Ok(true)
        })?;
        if changed {
            self.data.emit(
                &scope,
                DataKind::TradingAccounts,
                DataChange::Refreshed,
                None,
            );
        }
        Ok(())
    }

    /// The signed-in customer's trading accounts as last cached.
    pub fn trading_accounts(&self) -> Result<Option<Loaded<Vec<TradingAccountItem>>>> {
        let scope = self.data.scope(Family::Customer)?;
        let cached = self.data.with_store(|store| {
            store.trading_accounts::<Value>(&scope.environment, &scope.key, Duration::MAX)
        })?;
        Ok(cached.map(|cached| {
            cached_answer(lcs_store::Cached {
                data: cached
                    .data
                    .into_iter()
                    .map(|row| TradingAccountItem {
                        account_id: row.account_id,
                        mode: match row.mode {
                            AccountMode::Real => TradingMode::Real,
                            AccountMode::Demo => TradingMode::Demo,
                        },
                        currency: row.currency,
                        balance: row.balance,
                        active: row.active,
                        data: Json(row.data),
                    })
                    .collect(),
                fetched_at: cached.fetched_at,
                stale: cached.stale,
            })
        }))
    }
}

/// Family A's rows are as fresh as the last sign-in: never stale, never refreshed here.
fn cached_answer<T>(cached: lcs_store::Cached<T>) -> Loaded<T> {
    Loaded {
        data: cached.data,
        source: Source::Cache,
        fetched_at: cached.fetched_at,
        stale: false,
        offline: false,
    }
}
