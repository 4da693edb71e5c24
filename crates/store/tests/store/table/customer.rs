use std::time::Duration;

use lcs_store::now_ms;
use serde_json::{Value, json};

use crate::{ENV, HOUR, assert_owners_isolated, temp_store};

#[test]
fn tokens_never_reach_the_cache() {
    let (_dir, mut store) = temp_store();
    let customer = json!({"id": 7, "name": "Ann", "token": "secret", "rToken": "secret too"});
    store.put_customer(ENV, "7", &customer, now_ms()).unwrap();
    let cached = store.customer::<Value>(ENV, "7", HOUR).unwrap().unwrap();
    assert_eq!(cached.data, json!({"id": 7, "name": "Ann"}));
}

#[test]
fn old_data_is_marked_stale_by_the_readers_max_age() {
    let (_dir, mut store) = temp_store();
    store
        .put_customer(ENV, "7", &json!({"id": 7}), now_ms() - 60_000)
        .unwrap();
    assert!(
        store
            .customer::<Value>(ENV, "7", Duration::from_secs(30))
            .unwrap()
            .unwrap()
            .stale
    );
    assert!(
        !store
            .customer::<Value>(ENV, "7", HOUR)
            .unwrap()
            .unwrap()
            .stale
    );
}

#[test]
fn never_fetched_is_none() {
    let (_dir, store) = temp_store();
    assert!(store.customer::<Value>(ENV, "7", HOUR).unwrap().is_none());
    assert!(
        store
            .user_levels::<Value>(ENV, "7", HOUR)
            .unwrap()
            .is_none()
    );
}

#[test]
fn each_account_sees_only_its_own_customer() {
    assert_owners_isolated(
        |environment, account| json!({"customerNo": account, "environment": environment}),
        |store, environment, account, customer, at| {
            store.put_customer(environment, account, customer, at)
        },
        |store, environment, account| store.customer(environment, account, HOUR),
    );
}
