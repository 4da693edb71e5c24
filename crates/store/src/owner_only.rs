//! Files and folders only their owner may open: the cache, the settings and the app's exports
//! hold a user's data, and the other accounts of the machine have no business in them. On Unix
//! a file is created 0600 and a folder 0700 whatever the process's umask, and one found wider
//! (written by an older version, or by hand) is narrowed when it is opened. Elsewhere the
//! platform's per-user folders already keep other users out, and nothing changes.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::Path;

/// The mode of the app's files on Unix: read and write for the owner only.
pub const FILE_MODE: u32 = 0o600;
/// The mode of the folders the app makes on Unix.
pub const DIR_MODE: u32 = 0o700;

/// Creates `dir` and any missing parents, owner-only, and narrows `dir` itself if it is wider.
pub fn create_dir(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, DIR_MODE);
    builder.create(dir)?;
    narrow(dir, DIR_MODE)
}

/// Opens `path` for writing, created or emptied, owner-only.
pub fn create_file(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, FILE_MODE);
    let file = options.open(path)?;
    // The mode applies to a file this call creates; one that was there keeps its own.
    narrow(path, FILE_MODE)?;
    Ok(file)
}

/// Writes `contents` to `path`, replacing what was there, owner-only.
pub fn write(path: &Path, contents: impl AsRef<[u8]>) -> io::Result<()> {
    create_file(path)?.write_all(contents.as_ref())
}

/// Makes a SQLite database owner-only before SQLite opens it: the file is created empty if it
/// is missing (SQLite reads an empty file as a new database) so that SQLite, which gives its
/// `-wal`, `-shm` and `-journal` files the database's mode, creates them owner-only too; any of
/// them found wider is narrowed.
pub fn prepare_database(path: &Path) -> io::Result<()> {
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, FILE_MODE);
    options.open(path)?;
    narrow(path, FILE_MODE)?;
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut side = path.as_os_str().to_owned();
        side.push(suffix);
        tighten_file(Path::new(&side))?;
    }
    Ok(())
}

/// Narrows a file the app reads (its settings) to owner-only; a missing file is left missing.
pub fn tighten_file(path: &Path) -> io::Result<()> {
    match narrow(path, FILE_MODE) {
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(()),
        other => other,
    }
}

/// Takes from `path`'s permissions whatever `mode` does not grant.
#[cfg(unix)]
fn narrow(path: &Path, mode: u32) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let current = fs::metadata(path)?.permissions().mode() & 0o777;
    if current & !mode != 0 {
        fs::set_permissions(path, fs::Permissions::from_mode(current & mode))?;
    }
    Ok(())
}

#[cfg(not(unix))]
fn narrow(path: &Path, _mode: u32) -> io::Result<()> {
    fs::metadata(path).map(|_| ())
}
