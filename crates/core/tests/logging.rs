//! The app's log: lines redacted as the request inspector's records are, whatever code logs
//! (a request body, a URL with its query, a header); the daily file in an owner-only folder,
//! its days kept and its size capped; the last lines read back; a panic written down.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
#[cfg(unix)]
use std::path::Path;

use lcs_core::logging::{
    LogFolder, LogSink, Redacting, filter_directives, log_panics, redact_line,
};

/// Secrets shaped as the backends hand them out.
const TOKEN: &str = "c2a8f5e0d1b94d6f8e7a6b5c4d3e2f1a";
const PASSWORD_MD5: &str = "e10adc3949ba59abbe56e057f20f883e";
const SMS_CODE: &str = "482913";
const ID_NUMBER: &str = "11010519491231002X";
const JWT: &str = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMDAwMSJ9.Qm9ndXNTaWduYXR1cmU";

fn assert_no_secret(text: &str) {
    for secret in [TOKEN, PASSWORD_MD5, SMS_CODE, ID_NUMBER, JWT, "hunter2"] {
        assert!(!text.contains(secret), "{secret} in {text}");
    }
}

#[test]
fn a_line_keeps_no_token_password_code_or_id_number_whatever_logged_it() {
    let lines = [
        // A request body as JSON, and the same JSON inside a field's Debug text.
        format!(
            r#"sending body={{"loginPwd":"{PASSWORD_MD5}","phone":"13800000001","smsCode":"{SMS_CODE}"}}"#
        ),
        format!(
            r#"sending body="{{\"token\":\"{TOKEN}\",\"idCardNo\":\"{ID_NUMBER}\",\"code\":0}}""#
        ),
        // A URL with its query, family C's token among the parameters.
        format!("GET http://127.0.0.1:4000/api/account?access_token={TOKEN}&lang=zh-CN failed"),
        // A field of the log line, plain and quoted, and a header.
        format!("restored token={TOKEN} password=\"hunter2\""),
        format!("headers: Authorization: Bearer {JWT}"),
        // Debug of a struct, and values known by their shape only.
        format!(r#"Login {{ phone: "13800000001", pwd: "{PASSWORD_MD5}" }}"#),
        format!("身份证{ID_NUMBER}号 and a stray {JWT}"),
        // A terminal's colours around the separator.
        format!("\x1b[3mrToken\x1b[0m\x1b[2m=\x1b[0m{TOKEN}"),
        format!("code sent \x1b[3msmsCode\x1b[0m\x1b[2m=\x1b[0m{SMS_CODE}"),
    ];
    for line in &lines {
        let redacted = redact_line(line);
        assert_no_secret(&redacted);
        assert!(redacted.contains("<redacted>"), "{redacted}");
    }
    // What is no secret stays readable.
    let shown = redact_line(&lines[0]);
    assert!(shown.contains(r#""phone":"13800000001""#), "{shown}");
    let shown = redact_line(&lines[1]);
    assert!(shown.contains(r#"\"code\":0"#), "{shown}");
    let shown = redact_line(&lines[2]);
    assert!(shown.ends_with("&lang=zh-CN failed"), "{shown}");
    let plain = "answered code=0 token_status=1 in 12 ms";
    assert_eq!(redact_line(plain), plain);
}

#[test]
fn the_switch_turns_on_debug_for_the_apps_crates_and_lcs_log_wins() {
    assert_eq!(filter_directives(None, false), "info");
    let debug = filter_directives(None, true);
    assert!(debug.starts_with("info,"), "{debug}");
    assert!(debug.contains("lcs_core=debug") && debug.contains("lcs_account=debug"));
    assert_eq!(filter_directives(Some("trace"), false), "trace");
    assert_eq!(filter_directives(Some(" "), true), debug);
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// A subscriber writing to the log folder, as the app's file output does.
fn file_subscriber(sink: &LogSink) -> impl tracing::Subscriber + Send + Sync + use<> {
    tracing_subscriber::fmt()
        .with_ansi(false)
        .with_max_level(tracing::Level::DEBUG)
        .with_writer(Redacting(sink.clone()))
        .finish()
}

#[test]
fn the_file_in_the_log_folder_gets_each_line_redacted_and_only_its_owner_reads_it() {
    let home = tempfile::tempdir().unwrap();
    let folder = LogFolder::new(home.path().join("logs"));
    let sink = LogSink::default();
    tracing::subscriber::with_default(file_subscriber(&sink), || {
        tracing::info!("before the folder is known: nowhere");
        sink.attach(folder.open().unwrap());
        let body = format!(r#"{{"pwd":"{PASSWORD_MD5}","phone":"13800000001"}}"#);
        tracing::info!(%body, "customer.login sent");
        tracing::debug!(url = %format!("http://127.0.0.1:1/c?access_token={TOKEN}"), "planner call");
    });
    let files = folder.files();
    assert_eq!(files.len(), 1, "{files:?}");
    let text = fs::read_to_string(&files[0]).unwrap();
    assert!(text.contains("customer.login sent"), "{text}");
    assert!(
        text.contains("13800000001") && text.contains("planner call"),
        "{text}"
    );
    assert!(!text.contains("nowhere"));
    assert_no_secret(&text);
    let name = files[0].file_name().unwrap().to_str().unwrap().to_owned();
    assert!(
        name.starts_with("lcs-account.") && name.ends_with(".log"),
        "{name}"
    );
    #[cfg(unix)]
    {
        assert_eq!(mode(folder.path()), 0o700);
        assert_eq!(mode(&files[0]), 0o600);
    }
}

#[test]
fn a_days_file_stops_at_its_cap_and_says_so() {
    let home = tempfile::tempdir().unwrap();
    let folder = LogFolder::new(home.path());
    let sink = LogSink::default();
    sink.attach(folder.open_capped(4 * 1024).unwrap());
    tracing::subscriber::with_default(file_subscriber(&sink), || {
        for line in 0..200 {
            tracing::info!(line, "a loop that logs far too much");
        }
    });
    let text = fs::read_to_string(&folder.files()[0]).unwrap();
    assert!(text.len() <= 4 * 1024 + 200, "{} bytes", text.len());
    assert!(text.contains("line=0"), "the first lines are kept");
    assert!(!text.contains("line=199"), "the last lines are dropped");
    assert_eq!(text.matches("reached 4096 bytes").count(), 1, "{text}");
}

#[test]
fn only_the_last_days_are_kept() {
    let home = tempfile::tempdir().unwrap();
    for day in 1..=12 {
        let old = home
            .path()
            .join(format!("lcs-account.2020-01-{day:02}.log"));
        fs::write(old, format!("day {day}\n")).unwrap();
    }
    fs::write(home.path().join("notes.txt"), "not a log").unwrap();
    let folder = LogFolder::new(home.path());
    let _file = folder.open().unwrap();
    let files = folder.files();
    assert_eq!(files.len(), LogFolder::KEPT_FILES, "{files:?}");
    assert!(home.path().join("notes.txt").exists());
    assert!(!home.path().join("lcs-account.2020-01-01.log").exists());
}

#[test]
fn the_last_lines_come_from_the_newest_files_redacted() {
    let home = tempfile::tempdir().unwrap();
    let older: String = (0..5).map(|n| format!("older {n}\n")).collect();
    fs::write(home.path().join("lcs-account.2020-01-01.log"), older).unwrap();
    let newer = format!("newer 0\nnewer 1 token={TOKEN}\n");
    fs::write(home.path().join("lcs-account.2020-01-02.log"), newer).unwrap();
    let folder = LogFolder::new(home.path());
    let lines = folder.last_lines(4);
    assert_eq!(
        lines,
        ["older 3", "older 4", "newer 0", "newer 1 token=<redacted>"]
    );
}

#[test]
fn a_panic_is_in_the_log_before_the_process_goes_on_or_aborts() {
    let home = tempfile::tempdir().unwrap();
    let folder = LogFolder::new(home.path());
    let sink = LogSink::default();
    sink.attach(folder.open().unwrap());
    // Twice, as a mobile app's entry point may: still one line per panic.
    log_panics();
    log_panics();
    tracing::subscriber::with_default(file_subscriber(&sink), || {
        let outcome = std::panic::catch_unwind(|| {
            panic!("the cache vanished while password=hunter2 was typed");
        });
        assert!(outcome.is_err());
    });
    // Written synchronously: nothing is left to flush when a release build aborts.
    let text = fs::read_to_string(&folder.files()[0]).unwrap();
    assert_eq!(
        text.matches("the app panicked: the cache vanished").count(),
        1,
        "{text}"
    );
    assert!(
        text.contains("tests/logging.rs"),
        "the place is named: {text}"
    );
    assert_no_secret(&text);
}
