//! The app's log: stderr as `tauri dev` shows it, and a daily file in the app's log folder for
//! the users who never see a console; both redacted line by line (lcs-core's `logging`). The
//! subscriber exists from the first line of `run`, the file only once Tauri names the folder;
//! the tester's debug switch changes the filter at once, unless `LCS_LOG` set it.

use std::path::PathBuf;

use lcs_core::logging::{self, LogFolder, LogSink, Redacting};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Registry, fmt, reload};

pub struct Logs {
    sink: LogSink,
    filter: reload::Handle<EnvFilter, Registry>,
    /// `LCS_LOG`, which wins over the setting.
    from_env: Option<String>,
}

impl Logs {
    /// Starts logging at info (or as `LCS_LOG` says) and writes every panic to the log.
    pub fn start() -> Self {
        let from_env = std::env::var("LCS_LOG").ok();
        let (filter, handle) = reload::Layer::new(filter(from_env.as_deref(), false));
        let sink = LogSink::default();
        // A second start (tests, mobile re-entry) keeps the first subscriber.
        let _ = tracing_subscriber::registry()
            .with(filter)
            .with(fmt::layer().with_writer(Redacting(std::io::stderr)))
            .with(
                fmt::layer()
                    .with_ansi(false)
                    .with_writer(Redacting(sink.clone())),
            )
            .try_init();
        logging::log_panics();
        Self {
            sink,
            filter: handle,
            from_env,
        }
    }

    /// Writes the log to `dir` from now on; without a file the app still runs, on stderr.
    pub fn write_to(&self, dir: PathBuf) {
        match LogFolder::new(dir).open() {
            Ok(file) => self.sink.attach(file),
            Err(error) => tracing::warn!(%error, "the log file could not be opened"),
        }
    }

    /// The folder the log is written to, once there is one.
    pub fn folder(&self) -> Option<&LogFolder> {
        self.sink.folder()
    }

    /// Keeps the app's debug lines too, or only info and above.
    pub fn set_debug(&self, debug: bool) {
        if let Err(error) = self.filter.reload(filter(self.from_env.as_deref(), debug)) {
            tracing::warn!(%error, "the log's level could not be changed");
        }
    }
}

/// An `LCS_LOG` that does not parse is reported and ignored.
fn filter(from_env: Option<&str>, debug: bool) -> EnvFilter {
    let directives = logging::filter_directives(from_env, debug);
    EnvFilter::try_new(&directives).unwrap_or_else(|error| {
        eprintln!("LCS_LOG={directives} is not a log filter ({error}); logging at info");
        EnvFilter::new(logging::filter_directives(None, debug))
    })
}
