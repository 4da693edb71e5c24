//! The diagnostics file a tester or a user sends when something went wrong: which app and
//! platform, the settings and the environment in use, whether the keychain works and which
//! families are signed in, the last lines of the log and the request inspector's records.
//! Nothing in it may identify a session: no token, password, code or ID number, and no user's
//! name or number either; each part is redacted as it is added, and the whole once more.

use std::time::{SystemTime, UNIX_EPOCH};

use lcs_api::record::redact_value;
use serde::Serialize;
use serde_json::{Value, json};

use crate::auth::{KeychainStatus, PublicSession};
use crate::environment::Environment;
use crate::inspector::{Inspector, InspectorFilter};
use crate::logging::{LogFolder, redact_line};
use crate::settings::Settings;

/// What the file says it is, for whoever reads it (and a tool that sorts what users sent).
pub const FORMAT: &str = "lcs-account/diagnostics";
/// How many of the log's last lines the file holds.
pub const LOG_LINES: usize = 200;

/// The environment in use, as the app sees it now.
#[derive(Debug, Clone, Copy)]
pub struct EnvironmentInUse<'a> {
    pub environment: &'a Environment,
    /// Where its backends are (the built-in sandbox's address is known only while it runs).
    pub base_url: Option<&'a str>,
    /// Why it cannot be used, when it cannot.
    pub problem: Option<&'a str>,
}

/// Everything the file is made of; the shell gathers it.
#[derive(Clone, Copy)]
pub struct Sources<'a> {
    /// The app's version, identifier, build and the like, from the shell.
    pub app: &'a Value,
    pub settings: &'a Settings,
    pub environment: Option<EnvironmentInUse<'a>>,
    pub keychain: &'a KeychainStatus,
    pub sessions: &'a [PublicSession],
    /// `None` when the log has no folder (it could not be made).
    pub log: Option<&'a LogFolder>,
    pub inspector: &'a Inspector,
}

/// One signed-in family: no account id or name.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SessionShown {
    family: crate::auth::AuthFamily,
    persisted: bool,
    verified: bool,
    mode: Option<crate::session::TradingMode>,
}

/// The diagnostics file's text: pretty-printed JSON.
pub fn report(sources: Sources<'_>) -> String {
    let settings = sources.settings;
    let environment = sources.environment.map(|in_use| {
        let mut shown = serde_json::to_value(in_use.environment).unwrap_or(Value::Null);
        redact_value(&mut shown);
        json!({
            "id": in_use.environment.id,
            "baseUrl": in_use.base_url,
            "problem": in_use.problem,
            "settings": shown,
        })
    });
    let sessions: Vec<SessionShown> = sources
        .sessions
        .iter()
        .map(|session| SessionShown {
            family: session.family,
            persisted: session.persisted,
            verified: session.verified,
            mode: session.mode,
        })
        .collect();
    let log = sources.log.map(|folder| {
        json!({
            "folder": folder.path().display().to_string(),
            "lines": folder.last_lines(LOG_LINES),
        })
    });
    let mut report = json!({
        "format": FORMAT,
        "writtenAtMs": SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |since| since.as_millis() as u64),
        "app": sources.app,
        "platform": {
            "os": std::env::consts::OS,
            "family": std::env::consts::FAMILY,
            "arch": std::env::consts::ARCH,
        },
        "settings": {
            "language": settings.language,
            "environment": settings.environment,
            "customEnvironments": settings.custom_environments.len(),
            "inspectorEnabled": settings.inspector_enabled,
            "consoleEnabled": settings.console_enabled,
            "debugLog": settings.debug_log,
        },
        "environment": environment,
        "keychain": {
            "available": sources.keychain.available,
            "problem": sources.keychain.problem.as_deref().map(redact_line),
            "sessions": sessions,
        },
        "log": log,
        "requests": sources.inspector.list(&InspectorFilter::default()),
        "bridgeCalls": sources.inspector.bridge_calls(),
    });
    redact_value(&mut report);
    // Plain data throughout: serialising cannot fail.
    serde_json::to_string_pretty(&report).unwrap_or_default()
}
