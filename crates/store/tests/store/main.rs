#![allow(clippy::unwrap_used, clippy::expect_used)]
//! One test binary for lcs-store; modules mirror `src/table/`.

mod open;
mod table;

use std::path::Path;
use std::time::Duration;

use lcs_store::{OpenOutcome, Store};

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
