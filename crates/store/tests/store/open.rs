use std::io::Write;

use lcs_store::{OpenOutcome, Store, now_ms};
use serde_json::json;

use crate::{ENV, HOUR, open};

#[test]
fn a_file_of_random_bytes_is_moved_aside_and_the_app_still_opens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.sqlite");
    let garbage: Vec<u8> = (0..8192).map(|_| fastrand::u8(..)).collect();
    std::fs::File::create(&path)
        .unwrap()
        .write_all(&garbage)
        .unwrap();

    let (mut store, outcome) = Store::open(&path).unwrap();
    let OpenOutcome::Recovered { moved_to } = outcome else {
        panic!("expected recovery, got {outcome:?}");
    };
    assert!(
        moved_to
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("cache.sqlite.corrupt-")
    );
    assert_eq!(
        std::fs::read(&moved_to).unwrap(),
        garbage,
        "the broken file is kept, not deleted"
    );

    store
        .put_user_profile(ENV, "u1", &json!({"nickname": "Ann"}), now_ms())
        .unwrap();
    drop(store);
    let store = open(&path);
    let profile = store
        .user_profile::<serde_json::Value>(ENV, "u1", HOUR)
        .unwrap()
        .unwrap();
    assert_eq!(profile.data["nickname"], "Ann");
}

#[test]
fn cached_data_comes_back_after_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.sqlite");
    let fetched_at = now_ms();
    {
        let mut store = open(&path);
        store
            .put_account_detail(ENV, "c1", &json!({"nickName": "Bo"}), fetched_at)
            .unwrap();
    }
    let store = open(&path);
    let detail = store
        .account_detail::<serde_json::Value>(ENV, "c1", HOUR)
        .unwrap()
        .unwrap();
    assert_eq!(detail.data["nickName"], "Bo");
    assert_eq!(detail.fetched_at, fetched_at);
    assert!(!detail.stale);
}
