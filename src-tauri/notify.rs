//! System notifications of messages that arrive while the window is not focused: the sender
//! as the title, the first line as the body; clicking one brings the window to the front and
//! opens the thread (`message-notification-opened`). Settings can turn them off.
//!
//! On Linux they go through notify-rust straight to the desktop's notification service
//! (org.freedesktop.Notifications). Tauri's notification plugin wraps the same crate but only
//! shows a notification on desktop: it neither adds an action nor waits for one, so a click
//! could not open the thread. The Linux service needs no permission. Other platforms raise no
//! notification yet.

use lcs_core::live::ArrivalListener;
use lcs_core::messages::Arrival;
use tauri::AppHandle;

pub struct Notifier {
    app: AppHandle,
}

impl Notifier {
    pub fn new(app: AppHandle) -> Self {
        Self { app }
    }
}

impl ArrivalListener for Notifier {
    fn arrived(&self, arrival: &Arrival) {
        use tauri::Manager;
        let Some(state) = self.app.try_state::<crate::state::AppState>() else {
            return;
        };
        let settings = state
            .settings
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone();
        if !settings.notifications_enabled {
            return;
        }
        let open = match settings.language {
            Some(lcs_core::settings::Language::EnUs) => "Open",
            _ => "打开",
        };
        show(&self.app, arrival, open);
    }
}

#[cfg(all(
    unix,
    not(any(target_os = "macos", target_os = "ios", target_os = "android"))
))]
fn show(app: &AppHandle, arrival: &Arrival, open: &'static str) {
    let app = app.clone();
    let thread = arrival.user_other_id.to_string();
    let (sender, first_line) = (arrival.sender.clone(), arrival.first_line.clone());
    // Waiting for the click blocks until the notification closes: a thread of its own.
    let spawned = std::thread::Builder::new()
        .name("notification".into())
        .spawn(move || {
            let shown = notify_rust::Notification::new()
                .appname("LCS Account")
                .summary(&sender)
                .body(&first_line)
                .action("default", open)
                .hint(notify_rust::Hint::DesktopEntry("lcs-account".into()))
                .show();
            match shown {
                Ok(handle) => handle.wait_for_action(|action| {
                    if action == "default" {
                        opened(&app, thread);
                    }
                }),
                Err(error) => tracing::warn!(%error, "the notification could not be shown"),
            }
        });
    if let Err(error) = spawned {
        tracing::warn!(%error, "the notification could not be shown");
    }
}

#[cfg(not(all(
    unix,
    not(any(target_os = "macos", target_os = "ios", target_os = "android"))
)))]
fn show(_app: &AppHandle, _arrival: &Arrival, _open: &'static str) {
    tracing::debug!("no system notifications on this platform yet");
}

/// The user clicked the notification: the window comes to the front on the thread.
#[cfg(all(
    unix,
    not(any(target_os = "macos", target_os = "ios", target_os = "android"))
))]
fn opened(app: &AppHandle, user_other_id: String) {
    use tauri::Manager;
    use tauri_specta::Event;
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
    if let Err(error) = (crate::events::MessageNotificationOpened { user_other_id }).emit(app) {
        tracing::warn!(%error, "the message-notification-opened event could not be sent");
    }
}
