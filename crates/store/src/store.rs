//! Opening the cache file, recovering from a broken one, and forgetting an account.

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use crate::{StoreError, now_ms, table};

/// The path that opens a cache in memory instead of a file.
const IN_MEMORY: &str = ":memory:";

/// The cache and outbox in one SQLite file; one per app, used from one thread at a time.
#[derive(Debug)]
pub struct Store {
    pub(crate) conn: Connection,
}

/// How [`Store::open`] went, so the app can tell the user their offline data was reset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenOutcome {
    /// The file was opened (or created) as it was.
    Opened,
    /// The file was unreadable; it now lives at `moved_to` and a fresh cache took its place.
    Recovered { moved_to: PathBuf },
}

impl Store {
    /// Opens the cache at `path`, creating it if needed. A file that is not a database, is
    /// damaged, or comes from a newer schema is moved aside (never deleted: its outbox may
    /// matter) and replaced by an empty cache. The file and its WAL files are owner-only on
    /// Unix (0600), narrowed if they were wider.
    pub fn open(path: &Path) -> Result<(Self, OpenOutcome), StoreError> {
        match Self::open_checked(path) {
            Ok(store) => Ok((store, OpenOutcome::Opened)),
            Err(error) if error.means_unusable_file() => {
                let moved_to = move_aside(path)?;
                let store = Self::open_checked(path)?;
                Ok((store, OpenOutcome::Recovered { moved_to }))
            }
            Err(error) => Err(error),
        }
    }

    fn open_checked(path: &Path) -> Result<Self, StoreError> {
        // A file created here has nothing to lose yet, so its schema is written without
        // waiting for the disk: that saves the six fsyncs of creating it. A crash meanwhile
        // leaves a file the next open migrates again or moves aside.
        let fresh = !path.exists();
        if path != Path::new(IN_MEMORY) {
            crate::owner_only::prepare_database(path).map_err(StoreError::Permissions)?;
        }
        let mut conn = Connection::open(path)?;
        // NORMAL is durable enough in WAL mode (a power cut may lose the last commit, never
        // corrupt the file).
        let synchronous = if fresh { "OFF" } else { "NORMAL" };
        conn.pragma_update(None, "synchronous", synchronous)?;
        // WAL lets reads go on while a refresh writes.
        conn.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get::<_, String>(0))?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let check: String = conn.query_row("PRAGMA quick_check", [], |row| row.get(0))?;
        if check != "ok" {
            return Err(StoreError::Corrupt(check));
        }
        table::migrations().to_latest(&mut conn)?;
        if fresh {
            conn.pragma_update(None, "synchronous", "NORMAL")?;
        }
        Ok(Self { conn })
    }

    /// Deletes every row of one account, cache and outbox alike, in one transaction (sign-out).
    /// Other accounts keep theirs.
    pub fn forget_account(&mut self, environment: &str, account: &str) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        for statement in table::FORGET {
            tx.execute(statement, (environment, account))?;
        }
        tx.commit()?;
        Ok(())
    }
}

/// Renames the file (and its WAL and shared-memory files, which belong to it) to
/// `<name>.corrupt-<ms since epoch>`.
fn move_aside(path: &Path) -> Result<PathBuf, StoreError> {
    let mut moved = path.as_os_str().to_owned();
    moved.push(format!(".corrupt-{}", now_ms()));
    let moved_to = PathBuf::from(moved);
    std::fs::rename(path, &moved_to).map_err(StoreError::MoveAside)?;
    for suffix in ["-wal", "-shm"] {
        let mut side = path.as_os_str().to_owned();
        side.push(suffix);
        let side = PathBuf::from(side);
        if side.exists() {
            let mut target = moved_to.as_os_str().to_owned();
            target.push(suffix);
            std::fs::rename(&side, PathBuf::from(target)).map_err(StoreError::MoveAside)?;
        }
    }
    Ok(moved_to)
}

#[cfg(test)]
mod tests {
    use super::Store;

    #[test]
    fn a_created_file_is_left_syncing_like_a_reopened_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cache.sqlite");
        for state in ["created", "reopened"] {
            let (store, _) = Store::open(&path).unwrap();
            let synchronous: i64 = store
                .conn
                .query_row("PRAGMA synchronous", [], |row| row.get(0))
                .unwrap();
            assert_eq!(synchronous, 1, "{state}: NORMAL");
        }
    }
}
