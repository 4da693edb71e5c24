//! The events Rust sends the UI, typed into bindings.ts like the commands, and the listener
//! that turns lcs-core's changes into them.

use std::sync::OnceLock;

use lcs_core::auth::{AuthEvent, AuthListener};
use lcs_core::live::Live;
use lcs_core::{Data, DataEvent, DataListener, InspectorListener};
use serde::Serialize;
use tauri::AppHandle;
use tauri_specta::Event;

/// `auth-state`: a session was signed in, signed out, refreshed or switched. Carries the
/// public session only, never a token.
#[derive(Debug, Clone, Serialize, specta::Type, Event)]
pub struct AuthState(pub AuthEvent);

/// `data-changed`: cached data changed (fresh from the server, edited, synced, refused) or the
/// network could not be reached. The page reads again; the read answers from the cache.
#[derive(Debug, Clone, Serialize, specta::Type, Event)]
pub struct DataChanged(pub DataEvent);

/// `message-notification-opened`: the user clicked the notification of a message; the UI
/// opens its thread (`userOtherId`, "0" for a notice: the notices).
#[derive(Debug, Clone, Serialize, specta::Type, Event)]
#[serde(rename_all = "camelCase")]
pub struct MessageNotificationOpened {
    pub user_other_id: String,
}

/// `inspector-recorded`: the request inspector recorded a call; its page lists again. Only
/// the trace id: the page asks for what it shows.
#[derive(Debug, Clone, Serialize, specta::Type, Event)]
pub struct InspectorRecorded {
    pub trace: String,
}

/// `inspector-bridge-recorded`: the request inspector recorded an H5 page's bridge call; its
/// page lists them again.
#[derive(Debug, Clone, Serialize, specta::Type, Event)]
pub struct InspectorBridgeRecorded;

/// Announces each recorded call to the UI.
pub struct InspectorEvents {
    pub app: AppHandle,
}

impl InspectorListener for InspectorEvents {
    fn recorded(&self, record: &lcs_api::CallRecord) {
        let event = InspectorRecorded {
            trace: record.trace.clone(),
        };
        if let Err(error) = event.emit(&self.app) {
            tracing::warn!(%error, "the inspector-recorded event could not be sent");
        }
    }

    fn bridge_recorded(&self, _record: &lcs_core::BridgeCallRecord) {
        if let Err(error) = InspectorBridgeRecorded.emit(&self.app) {
            tracing::warn!(%error, "the inspector-bridge-recorded event could not be sent");
        }
    }
}

/// One environment's listener: sends the events and keeps the cache in step with sessions.
pub struct AppEvents {
    pub app: AppHandle,
    /// Set once the data services exist, which need the sessions that need this listener.
    pub data: OnceLock<Data>,
    /// The live schedulers, which follow the signed-in account.
    pub live: OnceLock<Live>,
}

impl AuthListener for AppEvents {
    fn auth_changed(&self, environment: &str, event: &AuthEvent) {
        tracing::debug!(environment, change = ?event.change, reason = ?event.reason, "auth-state");
        if let Some(data) = self.data.get()
            && let Err(error) = data.follow_session(event)
        {
            tracing::warn!(%error, change = ?event.change, "the cache could not follow the session change");
        }
        if let Some(live) = self.live.get() {
            live.follow_session(event);
        }
        if let Err(error) = AuthState(event.clone()).emit(&self.app) {
            tracing::warn!(%error, "the auth-state event could not be sent");
        }
    }

    fn customer_answered(&self, _account: &str, customer: &lcs_api::customer::Customer) {
        let Some(data) = self.data.get() else {
            return;
        };
        if let Err(error) = data.accounts().remember(customer) {
            tracing::warn!(%error, "the customer could not be cached");
        }
    }
}

impl DataListener for AppEvents {
    fn data_changed(&self, event: &DataEvent) {
        if let Err(error) = DataChanged(event.clone()).emit(&self.app) {
            tracing::warn!(%error, "the data-changed event could not be sent");
        }
    }
}
