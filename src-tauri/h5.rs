//! The H5 host: allowed H5 pages in their own webview window, with the JsBridge injected into
//! their top frame, and the one command every bridge call goes through. lcs-core decides who
//! may call what; this file performs the calls.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use lcs_core::bridge;
use lcs_core::bridge::answers::{self, AppInfo, NetType, PageOutcome, PublicUser};
use lcs_core::bridge::limits::PageLimits;
#[cfg(desktop)]
use lcs_core::bridge::limits::Rate;
#[cfg(desktop)]
use lcs_core::bridge::methods_for;
#[cfg(desktop)]
use lcs_core::bridge::policy::NavigationDecision;
use lcs_core::bridge::policy::OriginPolicy;
use lcs_core::bridge::protocol::{Call, Code, DataForm, Reply};
use lcs_core::routes::{self, Navigation};
use lcs_core::{BridgeCallRecord, InputProblem, Json};
use serde::{Deserialize, Serialize};
#[cfg(desktop)]
use tauri::webview::PageLoadEvent;
use tauri::{AppHandle, Manager, Runtime, WebviewWindow};
#[cfg(desktop)]
use tauri::{WebviewUrl, WebviewWindowBuilder};
use tauri_plugin_opener::OpenerExt;
use tauri_specta::Event;
use tokio::sync::oneshot;

use crate::error::{CommandError, CommandResult};
use crate::sandbox::EmbeddedSandbox;
use crate::session::Sessions;
use crate::state::AppState;

/// The H5 host's window.
pub const H5_WINDOW: &str = "h5";
#[cfg(desktop)]
const BRIDGE_SCRIPT: &str = include_str!("bridge.js");
/// How long an `openPage` call waits for its page to close before it answers "timeout".
const OPEN_PAGE_TIMEOUT: Duration = Duration::from_secs(30 * 60);

/// `bridge-open`: an H5 page asked for a native page. The UI opens it and, once the user
/// leaves it, answers with `bridge_page_closed(ticket, …)`.
#[derive(Debug, Clone, Serialize, specta::Type, Event)]
#[serde(rename_all = "camelCase")]
pub struct BridgeOpen {
    pub ticket: u32,
    pub navigation: Navigation,
}

/// How the user left a page an H5 page opened.
#[derive(Debug, Clone, Copy, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum PageLeft {
    /// Shown and closed (after a sign-in, or not).
    Closed,
    /// Backed out of the sign-in a page needed.
    LoginAbandoned,
}

/// The bridge's state for the page loaded in the H5 window.
#[derive(Default)]
pub struct H5Host {
    state: Mutex<HostState>,
}

struct HostState {
    /// Per loaded document: a reload starts afresh.
    limits: PageLimits,
    next_ticket: u32,
    /// `openPage` calls waiting for their page to close.
    waiting: HashMap<u32, oneshot::Sender<PageOutcome>>,
    /// The URL of the document whose load last committed: calls are judged by it.
    committed: Option<String>,
    /// Counts committed documents, so an answer reaches only the document that asked.
    document: u64,
    /// Pages handed to the system browser, for the window's whole life.
    #[cfg(desktop)]
    browser_handoffs: Rate,
}

impl Default for HostState {
    fn default() -> Self {
        Self {
            limits: PageLimits::new(),
            next_ticket: 0,
            waiting: HashMap::new(),
            committed: None,
            document: 0,
            #[cfg(desktop)]
            browser_handoffs: Rate::browser_handoffs(),
        }
    }
}

impl H5Host {
    fn state(&self) -> std::sync::MutexGuard<'_, HostState> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A new document committed in the H5 window: the old one's calls, limits and answers are
    /// gone with it.
    #[cfg(desktop)]
    fn committed(&self, url: &str) {
        let mut state = self.state();
        state.limits = PageLimits::new();
        state.waiting.clear();
        state.committed = Some(url.to_owned());
        state.document = state.document.wrapping_add(1);
    }
}

/// The chosen environment's H5 origins, with the sandbox's `/h5/` pages when it runs.
pub fn origin_policy<R: Runtime>(app: &AppHandle<R>) -> OriginPolicy {
    let environment = app
        .state::<AppState>()
        .settings
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .current_environment();
    let sandbox_url = app.state::<EmbeddedSandbox>().url().ok();
    OriginPolicy::for_environment(&environment, sandbox_url.as_deref())
}

/// Shows `url` in the H5 window (`lcs.web`), only for an allowed origin.
#[tauri::command]
#[specta::specta]
pub async fn h5_open(app: AppHandle, url: String) -> CommandResult<()> {
    let policy = origin_policy(&app);
    let params = [("url".to_owned(), serde_json::Value::String(url.clone()))]
        .into_iter()
        .collect();
    let refused = |problem: InputProblem| {
        CommandError::from(lcs_core::Error::InvalidInput {
            field: "url",
            problem,
        })
    };
    let route = routes::resolve(routes::WEB, &params).map_err(lcs_core::Error::Route)?;
    policy.check_web(&route).map_err(lcs_core::Error::Route)?;
    let target = url.parse::<tauri::Url>().map_err(|error| {
        refused(InputProblem::NotUrl {
            text: url.clone(),
            detail: error.to_string(),
        })
    })?;
    // A mobile app has one webview; until the H5 host lives inside it, pages open in the
    // system browser, without the bridge.
    #[cfg(mobile)]
    return app
        .opener()
        .open_url(target.as_str(), None::<&str>)
        .map_err(|error| {
            refused(InputProblem::Unusable {
                detail: error.to_string(),
            })
        });
    #[cfg(desktop)]
    open_h5_window(app, policy, target)
}

#[cfg(desktop)]
fn open_h5_window(app: AppHandle, policy: OriginPolicy, target: tauri::Url) -> CommandResult<()> {
    if let Some(window) = app.get_webview_window(H5_WINDOW) {
        // Coming back to the page must not reload it: its calls may be waiting.
        if window.url().ok().as_ref() != Some(&target) {
            window.navigate(target).map_err(internal)?;
        }
        bring_to_front(&window);
        return Ok(());
    }
    let scopes: Vec<serde_json::Value> = policy
        .scopes()
        .into_iter()
        .map(|scope| {
            serde_json::json!({
                "origin": scope.origin,
                "path": scope.path_prefix,
                "methods": methods_for(scope.tier),
            })
        })
        .collect();
    let script = BRIDGE_SCRIPT
        .replace(
            "__LCS_BRIDGE_SCOPES__",
            &serde_json::Value::Array(scopes).to_string(),
        )
        .replace("__LCS_BRIDGE_STATE__", &page_state(&app).to_string());
    let navigations = app.clone();
    let new_windows = app.clone();
    let new_window_policy = policy.clone();
    let loads = app.clone();
    WebviewWindowBuilder::new(&app, H5_WINDOW, WebviewUrl::External(target))
        .title("LCS Account")
        .inner_size(420.0, 800.0)
        .initialization_script(script)
        .on_navigation(move |url| navigate(&navigations, &policy, url))
        // `window.open` and `target=_blank` follow the same policy, in this one window.
        .on_new_window(move |url, _| {
            if navigate(&new_windows, &new_window_policy, &url)
                && let Some(window) = new_windows.get_webview_window(H5_WINDOW)
                && let Err(error) = window.navigate(url)
            {
                tracing::warn!(%error, "the H5 window could not follow a new-window link");
            }
            tauri::webview::NewWindowResponse::Deny
        })
        .on_page_load(move |window, payload| {
            // WebKit's commit: from now on the window shows this document.
            if payload.event() == PageLoadEvent::Started {
                loads.state::<H5Host>().committed(payload.url().as_str());
                show_origin(&window, None);
                // The script was written when the window opened; the language may have
                // changed since.
                push_page_state(&window);
            }
        })
        .on_document_title_changed(|window, title| show_origin(&window, Some(&title)))
        .build()
        .map_err(internal)?;
    Ok(())
}

/// Decides a navigation of the H5 window (a link, a script, a redirect, a new window): an
/// allowed page loads; another web page goes to the system browser, a few at a time; an
/// `lcs://` link opens a native page as the page's own `openPage` would; the rest is blocked.
#[cfg(desktop)]
fn navigate(app: &AppHandle, policy: &OriginPolicy, url: &tauri::Url) -> bool {
    if url.scheme() == lcs_core::deeplink::SCHEME {
        open_page_link(app, policy, url.as_str());
        return false;
    }
    match policy.navigation(url.as_str()) {
        NavigationDecision::Allow => true,
        NavigationDecision::OpenInBrowser => {
            let allowed = app
                .state::<H5Host>()
                .state()
                .browser_handoffs
                .allow(Instant::now());
            if !allowed {
                tracing::warn!("the H5 page opened too many web pages; this one is not opened");
            } else if app.opener().open_url(url.as_str(), None::<&str>).is_err() {
                // The opener's message repeats the whole URL, whose query may carry what a
                // page put there: the host is enough to report.
                tracing::warn!(
                    host = url.host_str().unwrap_or_default(),
                    "the system browser could not open a link"
                );
            }
            false
        }
        NavigationDecision::Block => false,
    }
}

/// An `lcs://` link the shown page navigated to, under that page's rules.
#[cfg(desktop)]
fn open_page_link(app: &AppHandle, policy: &OriginPolicy, link: &str) {
    let admitted = {
        let host = app.state::<H5Host>();
        let mut state = host.state();
        let Some(page) = state.committed.clone() else {
            return;
        };
        bridge::admit_page_link(policy, &page, link, &mut state.limits, Instant::now())
    };
    match admitted {
        Ok(route) => {
            let app = app.clone();
            tauri::async_runtime::spawn(async move {
                open_page(&app, route).await;
            });
        }
        Err(why) => tracing::warn!(%why, "an lcs:// link of the H5 page opens nothing"),
    }
}

#[cfg(desktop)]
fn show_origin(window: &WebviewWindow, title: Option<&str>) {
    let page = window.url().map(|url| url.to_string()).unwrap_or_default();
    if let Err(error) = window.set_title(&bridge::window_title(&page, title)) {
        tracing::debug!(%error, "the H5 window's title could not be set");
    }
}

/// Desktop systems do not tell a webview how it is connected.
const NET_TYPE: NetType = NetType::Unknown;

/// What the bridge script answers without asking: see [`answers::page_state`].
fn page_state<R: Runtime>(app: &AppHandle<R>) -> serde_json::Value {
    answers::page_state(&app_info(app), NET_TYPE)
}

/// Brings the shown page's answers known before a call up to date.
fn push_page_state<R: Runtime>(window: &WebviewWindow<R>) {
    let script = format!(
        "window.__lcsBridgeState && window.__lcsBridgeState({})",
        page_state(window.app_handle())
    );
    if let Err(error) = window.eval(script) {
        tracing::debug!(%error, "the H5 page's bridge state could not be updated");
    }
}

/// The UI language changed: the H5 page's `getAppInfo` says so at once.
pub fn language_changed<R: Runtime>(app: &AppHandle<R>) {
    if let Some(window) = app.get_webview_window(H5_WINDOW) {
        push_page_state(&window);
    }
}

/// The app's back button on the H5 host: the page hears `nativeBack` and may handle it
/// (answering `{handled: true}`); otherwise the H5 window goes back in its history.
const NATIVE_BACK: &str = "(window.__lcsBridgeNotify ? window.__lcsBridgeNotify('nativeBack', {}) \
    : Promise.resolve(null)).then(function (answer) { \
    var parsed = typeof answer === 'string' ? JSON.parse(answer) : answer; \
    if (!(parsed && parsed.handled)) history.back() })";

#[tauri::command]
#[specta::specta]
pub fn h5_back(app: AppHandle) -> CommandResult<()> {
    if let Some(window) = app.get_webview_window(H5_WINDOW) {
        window.eval(NATIVE_BACK).map_err(internal)?;
        bring_to_front(&window);
    }
    Ok(())
}

/// Closes the H5 host; its waiting calls are dropped with the page.
#[tauri::command]
#[specta::specta]
pub fn h5_close(app: AppHandle) -> CommandResult<()> {
    if let Some(window) = app.get_webview_window(H5_WINDOW) {
        window.close().map_err(internal)?;
    }
    Ok(())
}

/// Closes the H5 host, if open: another environment was chosen (or the chosen one changed),
/// and the page was allowed by the old one's origins.
pub fn close<R: Runtime>(app: &AppHandle<R>) {
    if let Some(window) = app.get_webview_window(H5_WINDOW)
        && let Err(error) = window.destroy()
    {
        tracing::warn!(%error, "the H5 window could not be closed");
    }
}

/// Every call of the JsBridge. The page's origin is read from the webview itself; the answer
/// is always the bridge's `{code, msg, data}` (as text when the page sent text), never an error
/// of this command. Not for the app's own UI.
#[tauri::command]
#[specta::specta]
pub async fn bridge_call(
    webview: tauri::Webview,
    app: AppHandle,
    request: String,
) -> CommandResult<Json> {
    let started = Instant::now();
    let (page, reply, form) = answer(&webview, &app, &request).await;
    let inspector = &app.state::<AppState>().inspector;
    if inspector.enabled() {
        let at_ms = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |since| since.as_millis() as u64);
        let latency_ms = started.elapsed().as_millis() as u64;
        inspector.record_bridge(BridgeCallRecord::new(
            at_ms,
            &page,
            &request,
            reply.code.number(),
            latency_ms,
        ));
    }
    Ok(Json(reply.into_wire(form)))
}

/// Judges and performs one bridge call: the page it was judged by, the reply, and the form the
/// page takes it in.
async fn answer(
    webview: &tauri::Webview,
    app: &AppHandle,
    request: &str,
) -> (String, Reply, DataForm) {
    let current = webview.url().map(|url| url.to_string()).unwrap_or_default();
    let in_h5_window = webview.label() == H5_WINDOW;
    // Only the H5 window carries the bridge.
    let policy = if in_h5_window {
        origin_policy(app)
    } else {
        OriginPolicy::default()
    };
    let admitted = {
        let host = app.state::<H5Host>();
        let mut state = host.state();
        let document = state.document;
        let page = if in_h5_window {
            bridge::calling_page(&current, state.committed.as_deref()).map(str::to_owned)
        } else {
            Ok(current.clone())
        };
        page.and_then(|page| {
            bridge::admit(&policy, &page, request, &mut state.limits, Instant::now())
                .map(|admitted| (admitted, document, page))
        })
    };
    let (admitted, document, page) = match admitted {
        Ok(admitted) => admitted,
        Err(refusal) => return (current, refusal.reply, refusal.form),
    };
    let reply = match admitted.call {
        Call::OpenPage(route) => open_page(app, route).await,
        Call::ClosePage => {
            let _ = webview.window().close();
            Reply::ok(serde_json::Value::Null)
        }
        // Drawn by the page's bridge script once accepted.
        Call::Toast { .. } | Call::ShowLoading { .. } | Call::HideLoading => {
            Reply::ok(serde_json::Value::Null)
        }
        Call::GetNetType => NET_TYPE.reply(),
        Call::GetAppInfo => app_info(app).reply(),
        Call::GetUserInfo => answers::user_info(public_user(app).await.as_ref()),
    };
    drop(admitted.in_flight);
    // Another document took the window meanwhile: it did not ask, so it learns nothing.
    let reply = if app.state::<H5Host>().state().document == document {
        reply
    } else {
        Reply::from_code(Code::Cancelled)
    };
    (page, reply, admitted.form)
}

/// The UI left a page an H5 page opened: its `openPage` call gets its answer.
#[tauri::command]
#[specta::specta]
pub fn bridge_page_closed(app: AppHandle, ticket: u32, left: PageLeft) -> CommandResult<()> {
    let signed_in = signed_in(&app);
    let waiting = app.state::<H5Host>().state().waiting.remove(&ticket);
    if let Some(answer) = waiting {
        let outcome = match left {
            PageLeft::Closed => PageOutcome::Closed { signed_in },
            PageLeft::LoginAbandoned => PageOutcome::LoginAbandoned,
        };
        // The page may have reloaded meanwhile; then nobody waits, which is right.
        let _ = answer.send(outcome);
    }
    if let Some(window) = app.get_webview_window(H5_WINDOW) {
        bring_to_front(&window);
    }
    Ok(())
}

/// Opens the native page in the main window and waits until the user leaves it.
async fn open_page(app: &AppHandle, route: routes::ResolvedRoute) -> Reply {
    let navigation = routes::plan(route.clone(), signed_in(app));
    let (answer, answered) = oneshot::channel();
    let ticket = {
        let host = app.state::<H5Host>();
        let mut state = host.state();
        state.next_ticket = state.next_ticket.wrapping_add(1);
        let ticket = state.next_ticket;
        state.waiting.insert(ticket, answer);
        ticket
    };
    if let Some(main) = app.get_webview_window("main") {
        bring_to_front(&main);
    }
    if let Err(error) = (BridgeOpen { ticket, navigation }).emit(app) {
        tracing::warn!(%error, "the bridge-open event could not be sent");
        return Reply::from_code(Code::Cancelled);
    }
    match tokio::time::timeout(OPEN_PAGE_TIMEOUT, answered).await {
        Ok(Ok(outcome)) => answers::page_closed(&route, outcome),
        // The page reloaded or the app is closing.
        Ok(Err(_)) => Reply::from_code(Code::Cancelled),
        Err(_) => Reply::from_code(Code::Timeout),
    }
}

/// Raises a desktop window; a mobile app's only window is already in front.
#[cfg_attr(mobile, allow(unused_variables))]
fn bring_to_front(window: &WebviewWindow) {
    #[cfg(desktop)]
    let _ = window.set_focus();
}

fn signed_in(app: &AppHandle) -> bool {
    app.state::<Sessions>()
        .auth()
        .is_ok_and(|auth| !auth.sessions().is_empty())
}

/// The user centre's signed-in user as an H5 page may know them: id, nickname and avatar
/// from the profile (cache first), never what they signed in with (a phone or an e-mail).
async fn public_user(app: &AppHandle) -> Option<PublicUser> {
    let sessions = app.state::<Sessions>();
    let session = sessions.auth().ok()?.session(lcs_api::Family::UserCenter)?;
    let profile = match sessions.data().ok()?.profile().user_info().await {
        Ok(loaded) => loaded.data,
        Err(error) => {
            tracing::debug!(%error, "no profile for getUserInfo");
            serde_json::Value::Null
        }
    };
    let text = |key: &str| profile.get(key).and_then(|v| v.as_str()).map(str::to_owned);
    Some(PublicUser {
        user_id: session.account,
        nickname: text("user_nickname").unwrap_or_default(),
        avatar: text("user_avatar"),
    })
}

fn app_info<R: Runtime>(app: &AppHandle<R>) -> AppInfo {
    let language = app
        .state::<AppState>()
        .settings
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .language
        .map_or("zh-CN", |language| match language {
            lcs_core::settings::Language::ZhCn => "zh-CN",
            lcs_core::settings::Language::EnUs => "en-US",
        })
        .to_owned();
    AppInfo {
        version: app.package_info().version.to_string(),
        platform: std::env::consts::OS.to_owned(),
        language,
    }
}

fn internal(error: tauri::Error) -> CommandError {
    CommandError::from(lcs_core::Error::InvalidInput {
        field: "url",
        problem: InputProblem::Unusable {
            detail: error.to_string(),
        },
    })
}
