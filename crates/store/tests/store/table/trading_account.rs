use lcs_store::table::trading_account::TradingAccountRow;
use lcs_store::{AccountMode, now_ms};
use serde_json::{Value, json};

use crate::{ENV, HOUR, assert_owners_isolated, temp_store};

fn row(id: &str, mode: AccountMode, balance: &str, active: bool) -> TradingAccountRow {
    TradingAccountRow {
        account_id: id.into(),
        mode,
        currency: Some("USD".into()),
        balance: Some(balance.into()),
        active,
        data: json!({"accountId": id}),
    }
}

#[test]
fn balances_keep_every_digit_and_the_active_account_is_known() {
    let (_dir, mut store) = temp_store();
    let rows = [
        row("1", AccountMode::Real, "1234567.890123", true),
        row("2", AccountMode::Demo, "100000.00", false),
    ];
    store
        .replace_trading_accounts(ENV, "c1", &rows, now_ms())
        .unwrap();
    let cached = store
        .trading_accounts::<Value>(ENV, "c1", HOUR)
        .unwrap()
        .unwrap();
    assert_eq!(cached.data, rows.to_vec());
    assert_eq!(cached.data[0].balance.as_deref(), Some("1234567.890123"));
}

#[test]
fn two_active_accounts_are_refused() {
    let (_dir, mut store) = temp_store();
    let rows = [
        row("1", AccountMode::Real, "1", true),
        row("2", AccountMode::Demo, "2", true),
    ];
    assert!(
        store
            .replace_trading_accounts(ENV, "c1", &rows, now_ms())
            .is_err()
    );
}

#[test]
fn each_account_sees_only_its_own_trading_accounts() {
    assert_owners_isolated(
        |environment, account| {
            vec![
                row(
                    &format!("{environment}-{account}"),
                    AccountMode::Real,
                    "1.50",
                    true,
                ),
                row("2", AccountMode::Demo, "100000.00", false),
            ]
        },
        |store, environment, account, rows, at| {
            store.replace_trading_accounts(environment, account, rows, at)
        },
        |store, environment, account| store.trading_accounts(environment, account, HOUR),
    );
}
