use lcs_store::now_ms;
use lcs_store::table::unread_count::UnreadCount;

use crate::{ENV, HOUR, assert_owners_isolated, temp_store};

fn count(category: &str, count: i64) -> UnreadCount {
    UnreadCount {
        category: category.into(),
        count,
    }
}

#[test]
fn unread_counts_come_back() {
    let (_dir, mut store) = temp_store();
    let counts = [count("chat", 3)];
    store
        .replace_unread_counts(ENV, "ann", &counts, now_ms())
        .unwrap();
    assert_eq!(
        store.unread_counts(ENV, "ann", HOUR).unwrap().unwrap().data,
        counts
    );
    assert!(store.unread_counts(ENV, "bob", HOUR).unwrap().is_none());
}

#[test]
fn each_account_sees_only_its_own_unread_counts() {
    assert_owners_isolated(
        |environment, account| {
            let own = i64::try_from(environment.len() * 10 + account.len()).unwrap();
            vec![count("chat", own), count("notice", 2)]
        },
        |store, environment, account, counts, at| {
            store.replace_unread_counts(environment, account, counts, at)
        },
        |store, environment, account| store.unread_counts(environment, account, HOUR),
    );
}
