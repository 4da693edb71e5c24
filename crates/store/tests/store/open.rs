use std::io::Write;
use std::path::{Path, PathBuf};

use lcs_store::table::message::MessageRow;
use lcs_store::{Channel, OpenOutcome, Store, now_ms};
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

    let (store, outcome) = Store::open(&path).unwrap();
    let moved_to = assert_recovered(&path, outcome, store);
    assert_eq!(
        std::fs::read(&moved_to).unwrap(),
        garbage,
        "the broken file is kept, not deleted"
    );
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

/// Checks that `Store::open` moved the file at `path` aside to `moved_to`, and that the cache
/// that took its place works and survives a reopen.
fn assert_recovered(path: &Path, outcome: OpenOutcome, mut store: Store) -> PathBuf {
    let OpenOutcome::Recovered { moved_to } = outcome else {
        panic!("expected recovery, got {outcome:?}");
    };
    assert_eq!(moved_to.parent(), path.parent());
    assert!(
        moved_to
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("cache.sqlite.corrupt-")
    );
    store
        .put_user_profile(ENV, "u1", &json!({"nickname": "Ann"}), now_ms())
        .unwrap();
    drop(store);
    let store = open(path);
    let profile = store
        .user_profile::<serde_json::Value>(ENV, "u1", HOUR)
        .unwrap()
        .unwrap();
    assert_eq!(profile.data["nickname"], "Ann");
    moved_to
}

/// A closed cache file holding enough messages to span many pages.
fn write_real_cache(path: &Path) {
    let mut store = open(path);
    let rows: Vec<MessageRow> = (0..2_000)
        .map(|index| MessageRow {
            id: index.to_string(),
            is_read: false,
            time: Some(index),
            conversation: Some("kefu".into()),
            data: json!({"messageContent": format!("message {index} of a long chat")}),
        })
        .collect();
    store
        .replace_messages(ENV, "ann", Channel::Chat, &rows, now_ms())
        .unwrap();
}

#[test]
fn a_file_cut_to_half_its_size_is_moved_aside_and_the_app_still_opens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.sqlite");
    write_real_cache(&path);
    let whole = std::fs::read(&path).unwrap();
    assert!(whole.len() > 100_000, "{} bytes", whole.len());
    let half = &whole[..whole.len() / 2];
    std::fs::write(&path, half).unwrap();

    let (store, outcome) = Store::open(&path).unwrap();
    let moved_to = assert_recovered(&path, outcome, store);
    assert_eq!(std::fs::read(&moved_to).unwrap(), half, "kept as it was");
    let store = open(&path);
    assert!(
        store
            .messages::<serde_json::Value>(ENV, "ann", Channel::Chat, HOUR)
            .unwrap()
            .is_none(),
        "the fresh cache starts empty"
    );
}

#[test]
fn a_file_from_a_newer_app_is_moved_aside_and_the_app_still_opens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.sqlite");
    write_real_cache(&path);
    let newer = 1_000;
    rusqlite::Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", newer)
        .unwrap();

    let (store, outcome) = Store::open(&path).unwrap();
    let moved_to = assert_recovered(&path, outcome, store);
    let kept = rusqlite::Connection::open(&moved_to).unwrap();
    let version: i64 = kept
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .unwrap();
    assert_eq!(version, newer, "kept as the newer app wrote it");
    let messages: i64 = kept
        .query_row("SELECT count(*) FROM message", [], |row| row.get(0))
        .unwrap();
    assert_eq!(messages, 2_000);
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// The file and the WAL files SQLite adds beside it, as they are while the cache is open.
#[cfg(unix)]
fn cache_files(path: &Path) -> [PathBuf; 3] {
    ["", "-wal", "-shm"].map(|suffix| {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        PathBuf::from(name)
    })
}

#[cfg(unix)]
#[test]
fn the_cache_and_its_wal_files_are_only_their_owners() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.sqlite");
    let mut store = open(&path);
    store
        .put_account_detail(ENV, "c1", &json!({"nickName": "Bo"}), now_ms())
        .unwrap();
    for file in cache_files(&path) {
        assert_eq!(mode(&file), 0o600, "{}", file.display());
    }

    // Left readable by others (an older version, a copy by hand): narrowed when opened.
    for file in cache_files(&path) {
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
    }
    let _again = open(&path);
    for file in cache_files(&path) {
        assert_eq!(mode(&file), 0o600, "{}", file.display());
    }
    drop(store);
}

#[cfg(unix)]
#[test]
fn a_cache_rebuilt_after_damage_is_only_its_owners_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.sqlite");
    std::fs::write(&path, vec![b'x'; 8192]).unwrap();
    let (store, outcome) = Store::open(&path).unwrap();
    assert!(matches!(outcome, OpenOutcome::Recovered { .. }));
    assert_eq!(mode(&path), 0o600);
    drop(store);
}
