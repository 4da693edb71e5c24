//! The answer of every cache read: the data plus when it was fetched.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rusqlite::Connection;

use crate::StoreError;
use crate::table::fetch_log::{self, Kind};

/// Cached data with its age, so the UI can show it at once and say whether a refresh is due.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Cached<T> {
    pub data: T,
    /// When the network answered, in ms since the Unix epoch.
    pub fetched_at: i64,
    /// Older than the max-age the reader passed.
    pub stale: bool,
}

/// Now, in ms since the Unix epoch.
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| {
            i64::try_from(elapsed.as_millis()).unwrap_or(i64::MAX)
        })
}

/// Reads one kind of data of one account; `None` when it was never fetched.
pub(crate) fn read<T>(
    conn: &Connection,
    environment: &str,
    account: &str,
    kind: Kind,
    max_age: Duration,
    load: impl FnOnce() -> Result<T, StoreError>,
) -> Result<Option<Cached<T>>, StoreError> {
    let Some(fetched_at) = fetch_log::fetched_at(conn, environment, account, kind)? else {
        return Ok(None);
    };
    let max_age_ms = i64::try_from(max_age.as_millis()).unwrap_or(i64::MAX);
    Ok(Some(Cached {
        data: load()?,
        fetched_at,
        stale: now_ms().saturating_sub(fetched_at) > max_age_ms,
    }))
}
