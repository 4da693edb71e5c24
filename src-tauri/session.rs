//! The sessions of the chosen environment: built at start and whenever the user chooses
//! another environment, restored from the keychain and checked in the background.

use std::sync::{Arc, RwLock};

use lcs_api::Client;
use lcs_core::auth::Auth;
use lcs_core::keychain::{self, Opened};
use lcs_core::settings::{Language, Settings};
use tauri::AppHandle;

use crate::error::{CommandError, CommandResult};
use crate::events::AuthEvents;
use crate::sandbox::EmbeddedSandbox;

pub struct Sessions {
    app: AppHandle,
    /// Opened once: the keychain (or the fact that there is none) does not change while the
    /// app runs.
    keychain: Opened,
    /// The chosen environment's sessions, or why that environment cannot be used.
    current: RwLock<Result<Arc<Auth>, String>>,
}

impl Sessions {
    pub fn start(app: AppHandle, settings: &Settings, sandbox: &EmbeddedSandbox) -> Self {
        let sessions = Self {
            app,
            keychain: keychain::open(),
            current: RwLock::new(Err(String::new())),
        };
        sessions.use_environment(settings, sandbox);
        sessions
    }

    /// The chosen environment's sessions; fails with why when it cannot be used.
    pub fn current(&self) -> CommandResult<Arc<Auth>> {
        self.current
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
            .map_err(CommandError::environment_unusable)
    }

    /// Builds the sessions of the environment `settings` chose and restores them in the
    /// background; the previous environment's stay in the keychain for when it is chosen again.
    pub fn use_environment(&self, settings: &Settings, sandbox: &EmbeddedSandbox) {
        let environment = settings.current_environment();
        let language = settings.language.unwrap_or(Language::ZhCn);
        let sandbox_url = sandbox.url();
        let built = environment
            .client_config(language, sandbox_url.as_deref().map_err(|why| *why))
            .map_err(|error| error.to_string())
            .and_then(|config| Client::new(config).map_err(|error| error.to_string()))
            .map(|client| {
                Arc::new(Auth::new(
                    &environment,
                    client,
                    self.keychain.clone(),
                    Arc::new(AuthEvents {
                        app: self.app.clone(),
                    }),
                ))
            });
        if let Ok(auth) = &built {
            tauri::async_runtime::spawn(restore(auth.clone()));
        }
        *self
            .current
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = built;
    }
}

/// Restores the kept sessions, then checks each with the server. Until a check answers, the
/// UI shows them as unverified (cached pages, marked offline); a rejected one is signed out.
async fn restore(auth: Arc<Auth>) {
    let restored = auth.restore().await;
    tracing::info!(sessions = restored.len(), "sessions restored");
    for session in restored {
        if let Err(error) = auth.verify(session.family.into()).await {
            tracing::info!(%error, family = ?session.family, "a restored session is not confirmed");
        }
    }
}
