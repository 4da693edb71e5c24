use lcs_store::now_ms;
use lcs_store::table::address::AddressRow;
use lcs_store::table::invoice::InvoiceRow;
use serde_json::{Value, json};

use crate::{ENV, HOUR, temp_store};

fn address(id: &str, is_default: bool) -> AddressRow {
    AddressRow {
        id: id.into(),
        is_default,
        data: json!({"udId": id}),
    }
}

#[test]
fn another_accounts_rows_never_show() {
    let (_dir, mut store) = temp_store();
    store
        .replace_addresses(ENV, "ann", &[address("1", false)], now_ms())
        .unwrap();
    store
        .replace_addresses(ENV, "bob", &[address("2", false)], now_ms())
        .unwrap();
    store
        .replace_addresses("test", "ann", &[address("3", false)], now_ms())
        .unwrap();

    let ann = store.addresses::<Value>(ENV, "ann", HOUR).unwrap().unwrap();
    assert_eq!(ann.data, vec![address("1", false)]);
    assert!(
        store
            .addresses::<Value>(ENV, "carol", HOUR)
            .unwrap()
            .is_none()
    );
}

#[test]
fn a_refresh_replaces_the_list_and_the_default_comes_first() {
    let (_dir, mut store) = temp_store();
    store
        .replace_addresses(ENV, "ann", &[address("1", false), address("2", false)], 1)
        .unwrap();
    store
        .replace_addresses(ENV, "ann", &[address("3", false), address("4", true)], 2)
        .unwrap();
    let cached = store.addresses::<Value>(ENV, "ann", HOUR).unwrap().unwrap();
    assert_eq!(cached.data, vec![address("4", true), address("3", false)]);
    assert_eq!(cached.fetched_at, 2);
}

#[test]
fn sign_out_forgets_everything_of_that_account_only() {
    let (_dir, mut store) = temp_store();
    for account in ["ann", "bob"] {
        store
            .replace_addresses(ENV, account, &[address("1", true)], now_ms())
            .unwrap();
        let invoice = InvoiceRow {
            id: "9".into(),
            is_default: false,
            data: json!({}),
        };
        store
            .replace_invoices(ENV, account, &[invoice], now_ms())
            .unwrap();
        store
            .put_user_profile(ENV, account, &json!({"nick": account}), now_ms())
            .unwrap();
        store
            .enqueue(
                ENV,
                account,
                lcs_store::OutboxKind::AddressRemove,
                &json!({"udId": 1}),
            )
            .unwrap();
    }
    store.forget_account(ENV, "ann").unwrap();

    assert!(
        store
            .addresses::<Value>(ENV, "ann", HOUR)
            .unwrap()
            .is_none()
    );
    assert!(store.invoices::<Value>(ENV, "ann", HOUR).unwrap().is_none());
    assert!(
        store
            .user_profile::<Value>(ENV, "ann", HOUR)
            .unwrap()
            .is_none()
    );
    assert!(store.pending(ENV, "ann").unwrap().is_empty());

    assert_eq!(
        store
            .addresses::<Value>(ENV, "bob", HOUR)
            .unwrap()
            .unwrap()
            .data
            .len(),
        1
    );
    assert_eq!(
        store
            .invoices::<Value>(ENV, "bob", HOUR)
            .unwrap()
            .unwrap()
            .data
            .len(),
        1
    );
    assert!(
        store
            .user_profile::<Value>(ENV, "bob", HOUR)
            .unwrap()
            .is_some()
    );
    assert_eq!(store.pending(ENV, "bob").unwrap().len(), 1);
}
