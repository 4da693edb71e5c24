#![allow(clippy::unwrap_used, clippy::expect_used)]
//! One test binary for lcs-store; modules mirror `src/table/`.

mod open;
mod table;

use std::fmt::Debug;
use std::path::Path;
use std::time::Duration;

use lcs_store::{Cached, OpenOutcome, Store, StoreError};

const ENV: &str = "prod";
const HOUR: Duration = Duration::from_secs(3600);

fn open(path: &Path) -> Store {
    let (store, outcome) = Store::open(path).unwrap();
    assert_eq!(outcome, OpenOutcome::Opened);
    store
}

fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir.path().join("cache.sqlite"));
    (dir, store)
}

/// Three owners that differ by account only or by environment only.
const OWNERS: [(&str, &str); 3] = [(ENV, "ann"), (ENV, "bob"), ("test", "ann")];

/// Writes `data(environment, account)` for each of [`OWNERS`], then checks that each reads back
/// exactly its own with its fetch time, that an account never fetched reads `None`, and that
/// signing the first owner out leaves the other two as they were.
fn assert_owners_isolated<T: PartialEq + Debug>(
    data: impl Fn(&str, &str) -> T,
    write: impl Fn(&mut Store, &str, &str, &T, i64) -> Result<(), StoreError>,
    read: impl Fn(&Store, &str, &str) -> Result<Option<Cached<T>>, StoreError>,
) {
    let (_dir, mut store) = temp_store();
    for (index, (environment, account)) in (1..).zip(OWNERS) {
        write(
            &mut store,
            environment,
            account,
            &data(environment, account),
            index,
        )
        .unwrap();
    }
    for (index, (environment, account)) in (1..).zip(OWNERS) {
        let cached = read(&store, environment, account).unwrap().unwrap();
        assert_eq!(
            cached.data,
            data(environment, account),
            "{environment}/{account}"
        );
        assert_eq!(cached.fetched_at, index);
    }
    assert!(read(&store, ENV, "carol").unwrap().is_none());

    let (environment, account) = OWNERS[0];
    store.forget_account(environment, account).unwrap();
    assert!(read(&store, environment, account).unwrap().is_none());
    for (environment, account) in &OWNERS[1..] {
        let cached = read(&store, environment, account).unwrap().unwrap();
        assert_eq!(
            cached.data,
            data(environment, account),
            "{environment}/{account}"
        );
    }
}
