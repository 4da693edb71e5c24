//! `lcs://` links from outside the app: the one that started it, and those a second process
//! hands over (single-instance). Each is parsed by lcs-core into a page to open (through the
//! sign-in page when it needs a login) or a problem to show on Home; links only open pages.

use std::sync::{Mutex, PoisonError};

use lcs_core::{deeplink, routes};
use serde::Serialize;
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_deep_link::DeepLinkExt;
use tauri_specta::Event;

use crate::error::CommandError;
use crate::session::Sessions;

/// What a link asks of the UI: a page to open, or why it cannot.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct LinkOutcome {
    pub link: String,
    pub navigation: Option<routes::Navigation>,
    /// Why the link opens nothing (unknown page, bad parameter), for Home to show.
    pub problem: Option<CommandError>,
}

/// `link-opened`: a link arrived while the UI runs.
#[derive(Debug, Clone, Serialize, specta::Type, Event)]
pub struct LinkOpened(pub LinkOutcome);

/// The last link, kept until the UI takes it: the link that starts the app arrives before
/// the UI listens.
#[derive(Default)]
pub struct LinkInbox {
    pending: Mutex<Option<LinkOutcome>>,
}

impl LinkInbox {
    pub fn take(&self) -> Option<LinkOutcome> {
        self.pending
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
    }
}

/// Registers the scheme where the system needs it at run time, and starts listening.
pub fn install<R: Runtime>(app: &tauri::App<R>) {
    // A `tauri dev` binary, or one run without installing its package, has no desktop entry.
    #[cfg(any(target_os = "linux", all(debug_assertions, windows)))]
    if let Err(error) = app.deep_link().register_all() {
        tracing::warn!(%error, "the lcs:// scheme could not be registered");
    }
    let handle = app.handle().clone();
    app.deep_link().on_open_url(move |event| {
        for url in event.urls() {
            deliver(&handle, url.as_str());
        }
    });
    match app.deep_link().get_current() {
        Ok(Some(urls)) => {
            for url in urls {
                deliver(app.handle(), url.as_str());
            }
        }
        Ok(None) => {}
        Err(error) => tracing::warn!(%error, "the start link could not be read"),
    }
}

/// A second process was started (with a link, which the deep-link plugin delivers): the
/// running app comes to the front instead.
#[cfg(any(target_os = "linux", windows))]
pub fn focus_main<R: Runtime>(app: &AppHandle<R>) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

fn deliver<R: Runtime>(app: &AppHandle<R>, link: &str) {
    let outcome = resolve(app, link);
    tracing::info!(opens_a_page = outcome.navigation.is_some(), problem = ?outcome.problem.as_ref().map(|problem| &problem.message), "link received");
    *app.state::<LinkInbox>()
        .pending
        .lock()
        .unwrap_or_else(PoisonError::into_inner) = Some(outcome.clone());
    if let Err(error) = LinkOpened(outcome).emit(app) {
        tracing::warn!(%error, "the link-opened event could not be sent");
    }
}

fn resolve<R: Runtime>(app: &AppHandle<R>, link: &str) -> LinkOutcome {
    let policy = crate::h5::origin_policy(app);
    let signed_in = app
        .state::<Sessions>()
        .auth()
        .map(|auth| !auth.sessions().is_empty())
        .unwrap_or(false);
    match deeplink::parse(link, &policy) {
        Ok(route) => LinkOutcome {
            link: deeplink::shown(link),
            navigation: Some(routes::plan(route, signed_in)),
            problem: None,
        },
        Err(error) => LinkOutcome {
            link: deeplink::shown(link),
            navigation: None,
            problem: Some(CommandError::from(lcs_core::Error::Link(error))),
        },
    }
}
