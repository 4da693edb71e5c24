//! The app's log: every line redacted as the request inspector redacts its records, written to
//! stderr (for `tauri dev`) and to a file in the app's log folder, so that a user who never sees
//! a console still has something to send. The file rolls over daily, [`LogFolder::KEPT_FILES`]
//! days are kept and each day's file stops at [`LogFolder::MAX_FILE_BYTES`]. Writes are
//! synchronous: a line logged just before the process aborts (a panic in a release build) is
//! already in the file.

use std::borrow::Cow;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, LazyLock, Once, OnceLock};
use std::time::{SystemTime, UNIX_EPOCH};

use lcs_api::record::REDACTED;
use lcs_api::secret::is_secret_key;
use lcs_store::owner_only;
use regex::Regex;
use tracing_appender::rolling::{RollingFileAppender, Rotation};
use tracing_subscriber::fmt::MakeWriter;

use crate::error::{Error, Result};

/// The crates whose debug lines the tester's switch turns on; the libraries below them stay at
/// info, or a debug log would be mostly the HTTP stack's.
const APP_CRATES: [&str; 5] = [
    "lcs_account",
    "lcs_core",
    "lcs_api",
    "lcs_store",
    "lcs_sandbox",
];

/// The filter directives: `LCS_LOG`'s when it is set (a developer's choice wins over the
/// setting), otherwise info, with the app's own crates at debug when the tester asked for it.
pub fn filter_directives(from_env: Option<&str>, debug: bool) -> String {
    if let Some(directives) = from_env.map(str::trim).filter(|d| !d.is_empty()) {
        return directives.to_owned();
    }
    if !debug {
        return "info".to_owned();
    }
    std::iter::once("info".to_owned())
        .chain(APP_CRATES.iter().map(|krate| format!("{krate}=debug")))
        .collect::<Vec<_>>()
        .join(",")
}

/// A key (a JSON field, a query parameter, a `field=value` of a log line, a header) followed
/// by its value: quoted, quoted inside a quoted string (`\"…\"`), or bare up to a separator.
/// Colour codes may sit around the key and the separator on a terminal.
const KEY_VALUE: &str = r#"(?:\x1b\[[0-9;]*m)?(?P<key>[A-Za-z_][A-Za-z0-9_.\-]*)(?P<sep>(?:\\?")?(?:\x1b\[[0-9;]*m)*[ \t]*[:=][ \t]*(?:\x1b\[[0-9;]*m)*)(?P<value>\\"(?:[^"\\]|\\[^"])*\\"|"(?:[^"\\]|\\.)*"|[^\s"&,;?)}\]\\]+)"#;

/// Secrets recognised by their shape wherever they stand: a bearer credential, a JSON
/// web token, and an 18-character resident ID card number (also right beside Chinese text).
const SHAPED: &str = r"(?i)(?-u:\b)bearer[ \t]+[A-Za-z0-9._~+/=\-]{8,}|(?-u:\b)eyJ[A-Za-z0-9_\-]{4,}\.[A-Za-z0-9_\-]{4,}\.[A-Za-z0-9_\-]*|(?-u:\b)[0-9]{17}[0-9Xx](?-u:\b)";

/// What stands for a line when the patterns above could not be compiled: better no line than
/// an unredacted one.
const WITHHELD: &str = "<a log line withheld: its redaction could not start>";

static PATTERNS: LazyLock<Option<(Regex, Regex)>> =
    LazyLock::new(|| Some((Regex::new(KEY_VALUE).ok()?, Regex::new(SHAPED).ok()?)));

/// `line` with every value under a key that names a secret (the request inspector's list:
/// tokens, passwords, secrets, verification codes, ID card numbers) and every secret-shaped
/// value replaced by `<redacted>`. A line without any comes back borrowed.
pub fn redact_line(line: &str) -> Cow<'_, str> {
    let Some((key_value, shape)) = PATTERNS.as_ref() else {
        return Cow::Borrowed(WITHHELD);
    };
    let shaped = shape.replace_all(line, |caps: &regex::Captures<'_>| {
        let found = &caps[0];
        match found.split_once([' ', '\t']) {
            // Keep the scheme's name: it says what kind of credential was there.
            Some((scheme, _)) => format!("{scheme} {REDACTED}"),
            None => REDACTED.to_owned(),
        }
    });
    let mut redacted = String::new();
    let mut copied = 0;
    let mut at = 0;
    while let Some(caps) = key_value.captures_at(&shaped, at) {
        let (Some(key), Some(sep), Some(value)) =
            (caps.name("key"), caps.name("sep"), caps.name("value"))
        else {
            break;
        };
        if !is_secret_key(key.as_str()) || value.as_str().contains(REDACTED) {
            // Only past the separator: the value may itself hold keys (a JSON body in a field).
            at = sep.end();
            continue;
        }
        redacted.push_str(&shaped[copied..value.start()]);
        let quote = ["\\\"", "\""]
            .into_iter()
            .find(|quote| value.as_str().starts_with(quote) && value.len() >= 2 * quote.len());
        match quote {
            Some(quote) => {
                redacted.push_str(quote);
                redacted.push_str(REDACTED);
                redacted.push_str(quote);
            }
            None => redacted.push_str(REDACTED),
        }
        copied = value.end();
        at = value.end();
    }
    if copied == 0 {
        return shaped;
    }
    redacted.push_str(&shaped[copied..]);
    Cow::Owned(redacted)
}

/// Wraps a [`MakeWriter`] so that each event, formatted whole, is redacted before it reaches
/// the writer. Put it around every output of the app's subscriber.
#[derive(Debug, Clone)]
pub struct Redacting<M>(pub M);

impl<'a, M: MakeWriter<'a>> MakeWriter<'a> for Redacting<M> {
    type Writer = RedactingWriter<M::Writer>;

    fn make_writer(&'a self) -> Self::Writer {
        RedactingWriter {
            inner: self.0.make_writer(),
            event: Vec::new(),
        }
    }
}

/// Holds one event's text until it is complete, then writes it redacted.
pub struct RedactingWriter<W: Write> {
    inner: W,
    event: Vec<u8>,
}

impl<W: Write> Write for RedactingWriter<W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.event.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.event.is_empty() {
            return self.inner.flush();
        }
        let text = String::from_utf8_lossy(&self.event);
        let result = self.inner.write_all(redact_line(&text).as_bytes());
        self.event.clear();
        result.and_then(|()| self.inner.flush())
    }
}

impl<W: Write> Drop for RedactingWriter<W> {
    fn drop(&mut self) {
        // A log line that cannot be written has nowhere to be reported.
        let _ = self.flush();
    }
}

/// The app's log folder and its daily files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogFolder {
    dir: PathBuf,
}

impl LogFolder {
    /// Files are named `lcs-account.<yyyy-mm-dd>.log`.
    pub const FILE_PREFIX: &'static str = "lcs-account";
    pub const FILE_SUFFIX: &'static str = "log";
    /// Days of logs kept; older files are deleted when a new day's file starts.
    pub const KEPT_FILES: usize = 7;
    /// A day's file stops growing here (a loop logging on every frame must not fill the disk):
    /// at most [`Self::KEPT_FILES`] times this on disk.
    pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;

    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// Makes the folder (owner-only) and opens today's file for appending.
    pub fn open(&self) -> Result<LogFile> {
        self.open_capped(Self::MAX_FILE_BYTES)
    }

    /// [`Self::open`] with a day's file capped at `max_file_bytes`.
    pub fn open_capped(&self, max_file_bytes: u64) -> Result<LogFile> {
        let storage = |source: io::Error| Error::Storage {
            what: "the log",
            path: self.dir.display().to_string(),
            source,
        };
        owner_only::create_dir(&self.dir).map_err(storage)?;
        let appender = RollingFileAppender::builder()
            .rotation(Rotation::DAILY)
            .filename_prefix(Self::FILE_PREFIX)
            .filename_suffix(Self::FILE_SUFFIX)
            .max_log_files(Self::KEPT_FILES)
            .build(&self.dir)
            .map_err(|error| storage(io::Error::other(error.to_string())))?;
        let file = LogFile {
            appender,
            folder: self.clone(),
            max_file_bytes,
            day: AtomicU64::new(utc_day()),
            written: AtomicU64::new(0),
            capped: AtomicBool::new(false),
        };
        file.start_day();
        Ok(file)
    }

    /// The log files, oldest first (their names sort by date).
    pub fn files(&self) -> Vec<PathBuf> {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let prefix = format!("{}.", Self::FILE_PREFIX);
        let suffix = format!(".{}", Self::FILE_SUFFIX);
        let mut files: Vec<PathBuf> = entries
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .filter(|path| {
                path.file_name()
                    .and_then(|name| name.to_str())
                    .is_some_and(|name| name.starts_with(&prefix) && name.ends_with(&suffix))
            })
            .collect();
        files.sort();
        files
    }

    /// The last `count` lines of the log, oldest first, each redacted again: a file written
    /// by an older version of the app may hold what this one would not write.
    pub fn last_lines(&self, count: usize) -> Vec<String> {
        let mut lines: Vec<String> = Vec::new();
        for file in self.files().iter().rev() {
            if lines.len() >= count {
                break;
            }
            let Ok(bytes) = fs::read(file) else {
                continue;
            };
            let text = String::from_utf8_lossy(&bytes);
            let mut older: Vec<String> = text
                .lines()
                .rev()
                .take(count - lines.len())
                .map(|line| redact_line(line).into_owned())
                .collect();
            older.reverse();
            older.append(&mut lines);
            lines = older;
        }
        lines
    }
}

/// Today's log file, rolled over daily, with the day's size capped.
pub struct LogFile {
    appender: RollingFileAppender,
    folder: LogFolder,
    max_file_bytes: u64,
    /// The UTC day (days since the epoch) of the file written now: the appender rolls over
    /// at UTC midnight.
    day: AtomicU64,
    written: AtomicU64,
    /// The day's cap was reached and said so in the file.
    capped: AtomicBool,
}

impl LogFile {
    /// Counts what today's file already holds (the app may have run earlier today) and makes
    /// it its owner's only.
    fn start_day(&self) {
        let today = self.folder.files().pop();
        let size = today
            .as_ref()
            .and_then(|path| fs::metadata(path).ok())
            .map_or(0, |meta| meta.len());
        if let Some(path) = &today {
            // Tightening is best effort: the folder itself is already owner-only.
            let _ = owner_only::tighten_file(path);
        }
        self.written.store(size, Ordering::Relaxed);
        self.capped
            .store(size >= self.max_file_bytes, Ordering::Relaxed);
    }
}

impl<'a> MakeWriter<'a> for LogFile {
    type Writer = CappedWriter<'a>;

    fn make_writer(&'a self) -> Self::Writer {
        let day = utc_day();
        // The appender rolls over to the new day's file when it hands out its writer.
        let inner = self.appender.make_writer();
        if self.day.swap(day, Ordering::Relaxed) != day {
            self.start_day();
        }
        CappedWriter { file: self, inner }
    }
}

/// Writes to today's file until it reaches its cap, then says so once and drops the rest.
pub struct CappedWriter<'a> {
    file: &'a LogFile,
    inner: tracing_appender::rolling::RollingWriter<'a>,
}

impl Write for CappedWriter<'_> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let file = self.file;
        let before = file
            .written
            .fetch_add(bytes.len() as u64, Ordering::Relaxed);
        if before + bytes.len() as u64 <= file.max_file_bytes {
            self.inner.write_all(bytes)?;
        } else if !file.capped.swap(true, Ordering::Relaxed) {
            let note = format!(
                "-- this file reached {} bytes: the rest of the day's lines are not kept\n",
                file.max_file_bytes
            );
            self.inner.write_all(note.as_bytes())?;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

fn utc_day() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_secs() / 86_400)
}

/// Where the file output of a subscriber built before the log folder is known writes: nowhere
/// until [`LogSink::attach`] gives it the file. Tauri names the folder only once the app runs,
/// after the subscriber has to exist.
#[derive(Clone, Default)]
pub struct LogSink(Arc<OnceLock<LogFile>>);

impl LogSink {
    /// The first file attached stays.
    pub fn attach(&self, file: LogFile) {
        let _ = self.0.set(file);
    }

    pub fn folder(&self) -> Option<&LogFolder> {
        self.0.get().map(|file| &file.folder)
    }
}

impl<'a> MakeWriter<'a> for LogSink {
    type Writer = SinkWriter<'a>;

    fn make_writer(&'a self) -> Self::Writer {
        match self.0.get() {
            Some(file) => SinkWriter::File(file.make_writer()),
            None => SinkWriter::Nowhere,
        }
    }
}

pub enum SinkWriter<'a> {
    File(CappedWriter<'a>),
    Nowhere,
}

impl Write for SinkWriter<'_> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        match self {
            Self::File(file) => file.write(bytes),
            Self::Nowhere => Ok(bytes.len()),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Self::File(file) => file.flush(),
            Self::Nowhere => Ok(()),
        }
    }
}

/// Logs every panic (message, place, thread and backtrace) through `tracing` before the
/// previous hook runs: release builds abort on a panic, and the log is then all that is left.
/// Installed once however often it is called (a mobile app's entry point can run again).
pub fn log_panics() {
    static INSTALLED: Once = Once::new();
    INSTALLED.call_once(install_panic_hook);
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<&str>()
            .map(|text| (*text).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "(no message)".to_owned());
        let place = info.location().map(ToString::to_string).unwrap_or_default();
        let thread = std::thread::current();
        let backtrace = std::backtrace::Backtrace::force_capture();
        tracing::error!(
            target: "panic",
            place,
            thread = thread.name().unwrap_or("unnamed"),
            "the app panicked: {message}\n{backtrace}"
        );
        previous(info);
    }));
}
