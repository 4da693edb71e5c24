//! Family A: the customer's trading accounts (`customer::TradingAccount`). Balance, currency,
//! real or demo and which one is active are columns; the rest of the answer is JSON.

use std::time::Duration;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::fetch_log::Kind;
use crate::{Cached, Store, StoreError};

pub(crate) const MIGRATION: &str = "
CREATE TABLE trading_account (
    environment TEXT NOT NULL,
    account TEXT NOT NULL,
    account_id TEXT NOT NULL,
    mode TEXT NOT NULL CHECK (mode IN ('real', 'demo')),
    currency TEXT,
    balance TEXT,
    is_active INTEGER NOT NULL,
    position INTEGER NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (environment, account, account_id)
) STRICT, WITHOUT ROWID;
CREATE UNIQUE INDEX trading_account_one_active ON trading_account (environment, account)
    WHERE is_active = 1;";

pub(crate) const FORGET: &str =
    "DELETE FROM trading_account WHERE environment = ?1 AND account = ?2";

/// Whether a trading account moves real money.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AccountMode {
    Real,
    Demo,
}

impl AccountMode {
    fn as_str(self) -> &'static str {
        match self {
            Self::Real => "real",
            Self::Demo => "demo",
        }
    }

    fn parse(text: &str) -> Result<Self, StoreError> {
        match text {
            "real" => Ok(Self::Real),
            "demo" => Ok(Self::Demo),
            other => Err(StoreError::UnknownValue(other.to_owned())),
        }
    }
}

/// One cached trading account.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TradingAccountRow<T = serde_json::Value> {
    pub account_id: String,
    pub mode: AccountMode,
    pub currency: Option<String>,
    /// Decimal text exactly as the server sent it: no float rounding.
    pub balance: Option<String>,
    /// The account the customer is trading on now; at most one per signed-in account.
    pub active: bool,
    pub data: T,
}

impl Store {
    /// Replaces this account's trading accounts with a freshly fetched list.
    pub fn replace_trading_accounts<T: Serialize>(
        &mut self,
        environment: &str,
        account: &str,
        rows: &[TradingAccountRow<T>],
        fetched_at: i64,
    ) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        tx.execute(FORGET, (environment, account))?;
        {
            let mut insert = tx.prepare(
                "INSERT INTO trading_account (environment, account, account_id, mode, currency,
                     balance, is_active, position, data)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?;
            for (index, row) in rows.iter().enumerate() {
                insert.execute((
                    environment,
                    account,
                    &row.account_id,
                    row.mode.as_str(),
                    &row.currency,
                    &row.balance,
                    row.active,
                    super::position(index),
                    super::to_json(&row.data)?,
                ))?;
            }
        }
        super::fetch_log::record(&tx, environment, account, Kind::TradingAccounts, fetched_at)?;
        tx.commit()?;
        Ok(())
    }

    /// This account's cached trading accounts, in the server's order.
    pub fn trading_accounts<T: DeserializeOwned>(
        &self,
        environment: &str,
        account: &str,
        max_age: Duration,
    ) -> Result<Option<Cached<Vec<TradingAccountRow<T>>>>, StoreError> {
        let kind = Kind::TradingAccounts;
        crate::cache::read(&self.conn, environment, account, kind, max_age, || {
            let mut select = self.conn.prepare(
                "SELECT account_id, mode, currency, balance, is_active, data FROM trading_account
                 WHERE environment = ?1 AND account = ?2 ORDER BY position",
            )?;
            let raw = select
                .query_map((environment, account), |row| {
                    Ok((
                        row.get::<_, String>(0)?,
                        row.get::<_, String>(1)?,
                        row.get(2)?,
                        row.get(3)?,
                        row.get(4)?,
                        row.get::<_, String>(5)?,
                    ))
                })?
                .collect::<Result<Vec<_>, _>>()?;
            raw.into_iter()
                .map(|(account_id, mode, currency, balance, active, data)| {
                    Ok(TradingAccountRow {
                        account_id,
                        mode: AccountMode::parse(&mode)?,
                        currency,
                        balance,
                        active,
                        data: super::from_json(&data)?,
                    })
                })
                .collect()
        })
    }
}
