//! The events Rust sends the UI, typed into bindings.ts like the commands.

use lcs_core::auth::{AuthEvent, AuthListener};
use serde::Serialize;
use tauri::AppHandle;
use tauri_specta::Event;

/// `auth-state`: a session was signed in, signed out, refreshed or switched. Carries the
/// public session only, never a token.
#[derive(Debug, Clone, Serialize, specta::Type, Event)]
pub struct AuthState(pub AuthEvent);

/// Turns lcs-core's session changes into `auth-state` events.
pub struct AuthEvents {
    pub app: AppHandle,
}

impl AuthListener for AuthEvents {
    fn auth_changed(&self, environment: &str, event: &AuthEvent) {
        tracing::debug!(environment, change = ?event.change, reason = ?event.reason, "auth-state");
        if let Err(error) = AuthState(event.clone()).emit(&self.app) {
            tracing::warn!(%error, "the auth-state event could not be sent");
        }
    }
}
