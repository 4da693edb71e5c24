//! The chosen environment's services: its sessions (lcs-core's `Auth`) and its cached data
//! (`Data`, over the one cache file), built at start and whenever the user chooses another
//! environment. Sessions are restored and checked, and the outbox delivered, in the background.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock, PoisonError, RwLock};

use lcs_api::Client;
use lcs_core::auth::{Auth, KeychainStatus};
use lcs_core::environment::Environment;
use lcs_core::keychain::{self, Opened, StoreKind};
use lcs_core::live::Live;
use lcs_core::settings::{Language, Settings};
use lcs_core::{Data, Inspector};
use lcs_store::{OpenOutcome, Store};
use tauri::AppHandle;

use crate::error::{CommandError, CommandResult};
use crate::events::AppEvents;
use crate::sandbox::EmbeddedSandbox;
use crate::startup;

/// One environment's sessions and data.
#[derive(Clone)]
pub struct Services {
    pub auth: Arc<Auth>,
    pub data: Data,
    pub live: Live,
}

/// How the main window stands, told to the chosen environment's live schedulers.
#[derive(Debug, Clone, Copy)]
struct Presence {
    focused: bool,
    visible: bool,
}

pub struct Sessions {
    app: AppHandle,
    /// Opened once: the keychain (or the fact that there is none) does not change while the
    /// app runs.
    keychain: Opened,
    store: Arc<Mutex<Store>>,
    /// Told of every call of every environment's client.
    inspector: Arc<Inspector>,
    /// Every environment used this run, kept so that going back to one finds its in-memory
    /// sessions and its running outbox again; rebuilt when its settings changed.
    built: Mutex<HashMap<String, (Environment, Services)>>,
    /// The chosen environment's services, or why that environment cannot be used.
    current: RwLock<Result<Services, CommandError>>,
    presence: Mutex<Presence>,
}

impl Sessions {
    pub fn start(
        app: AppHandle,
        data_dir: &Path,
        settings: &Settings,
        sandbox: &EmbeddedSandbox,
        inspector: Arc<Inspector>,
    ) -> Result<Self, lcs_store::StoreError> {
        let keychain = keychain::open();
        startup::reached("keychain opened");
        let store = Arc::new(Mutex::new(open_cache(data_dir)?));
        startup::reached("cache open");
        let sessions = Self {
            app,
            keychain,
            store,
            inspector,
            built: Mutex::new(HashMap::new()),
            // Replaced by `use_environment` below, before anyone can read it.
            current: RwLock::new(Err(CommandError::from(lcs_core::Error::InvalidInput {
                field: "environment",
                problem: lcs_core::InputProblem::Required,
            }))),
            presence: Mutex::new(Presence {
                focused: true,
                visible: true,
            }),
        };
        sessions.use_environment(settings, sandbox);
        startup::reached("environment ready (the sandbox started when chosen)");
        Ok(sessions)
    }

    /// The chosen environment's services; fails with why when it cannot be used.
    pub fn current(&self) -> CommandResult<Services> {
        self.current
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Whether sessions can be kept, before any environment's sessions exist.
    pub fn keychain_status(&self) -> KeychainStatus {
        match &self.keychain.kind {
            StoreKind::OsKeychain => KeychainStatus {
                available: true,
                problem: None,
            },
            StoreKind::MemoryOnly { reason } => KeychainStatus {
                available: false,
                problem: Some(reason.clone()),
            },
        }
    }

    /// The chosen environment's sessions.
    pub fn auth(&self) -> CommandResult<Arc<Auth>> {
        Ok(self.current()?.auth)
    }

    /// The chosen environment's data services.
    pub fn data(&self) -> CommandResult<Data> {
        Ok(self.current()?.data)
    }

    /// The chosen environment's live schedulers.
    pub fn live(&self) -> CommandResult<Live> {
        Ok(self.current()?.live)
    }

    /// The main window gained or lost the focus, or was shown or hidden (`None`: unchanged).
    pub fn window_changed(&self, focused: Option<bool>, visible: bool) {
        let presence = {
            let mut presence = self.presence.lock().unwrap_or_else(PoisonError::into_inner);
            presence.focused = focused.unwrap_or(presence.focused);
            presence.visible = visible;
            *presence
        };
        if let Ok(live) = self.live() {
            live.set_visible(presence.visible);
            live.set_focused(presence.focused);
        }
    }

    /// The user chose another language: every environment's backends are told it from their
    /// next call (unless the environment names its own), so their words come back in it.
    pub fn set_language(&self, language: Language) {
        let built = self.built.lock().unwrap_or_else(PoisonError::into_inner);
        for (environment, services) in built.values() {
            services
                .auth
                .client()
                .set_lang(environment.backend_lang(language));
        }
    }

    /// A removed environment: its sessions leave memory and the keychain.
    pub fn forget_environment(&self, id: &str) {
        if let Some((_, services)) = self
            .built
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(id)
        {
            services.live.stop();
        }
        if let Err(error) = lcs_core::session::forget_environment(self.keychain.store.as_ref(), id)
        {
            tracing::warn!(%error, "the removed environment's sessions could not be deleted");
        }
    }

    /// Makes the environment `settings` chose the current one, building its services the
    /// first time (or after its settings, or the sandbox's address, changed); the others keep
    /// theirs. The built-in sandbox runs while it is chosen, or all the time in a debug build.
    pub fn use_environment(&self, settings: &Settings, sandbox: &EmbeddedSandbox) {
        let environment = settings.current_environment();
        sandbox.follow_choice(environment.is_sandbox());
        let sandbox_url = sandbox.url();
        let mut built = self.built.lock().unwrap_or_else(PoisonError::into_inner);
        let reusable = built
            .get(&environment.id)
            .filter(|(kept, services)| {
                *kept == environment
                    && (!environment.is_sandbox()
                        || sandbox_url.as_deref()
                            == Ok(services.auth.client().config().customer_base.as_str()))
            })
            .map(|(_, services)| services.clone());
        let services = match reusable {
            Some(services) => Ok(services),
            None => self
                .build(&environment, settings, sandbox)
                .inspect(|services| {
                    // The services they replace poll no more (their listeners may keep them).
                    if let Some((_, replaced)) = built.insert(
                        environment.id.clone(),
                        (environment.clone(), services.clone()),
                    ) {
                        replaced.live.stop();
                    }
                })
                .map_err(CommandError::from),
        };
        // Only the environment on screen polls, told how the window stands.
        for (id, (_, kept)) in built.iter() {
            kept.live.set_current(*id == environment.id);
        }
        if let Ok(services) = &services {
            let presence = *self.presence.lock().unwrap_or_else(PoisonError::into_inner);
            services.live.set_visible(presence.visible);
            services.live.set_focused(presence.focused);
        }
        *self.current.write().unwrap_or_else(PoisonError::into_inner) = services;
    }

    fn build(
        &self,
        environment: &Environment,
        settings: &Settings,
        sandbox: &EmbeddedSandbox,
    ) -> Result<Services, lcs_core::Error> {
        let language = settings.language.unwrap_or(Language::ZhCn);
        let sandbox_url = sandbox.url();
        let config =
            environment.client_config(language, sandbox_url.as_deref().map_err(String::as_str))?;
        let client = Client::new(config)?.with_observer(self.inspector.clone());
        let events = Arc::new(AppEvents {
            app: self.app.clone(),
            data: OnceLock::new(),
            live: OnceLock::new(),
        });
        let auth = Arc::new(
            Auth::new(environment, client, self.keychain.clone(), events.clone())
                .with_sandbox_secret(sandbox.secret()),
        );
        let data = Data::new(auth.clone(), self.store.clone(), events.clone());
        let live = {
            let runtime = tauri::async_runtime::handle();
            let _entered = runtime.inner().enter();
            Live::start(
                data.clone(),
                Arc::new(crate::notify::Notifier::new(self.app.clone())),
            )
        };
        // Set before anything runs, so no session change misses the cache or the schedulers.
        let _ = events.data.set(data.clone());
        let _ = events.live.set(live.clone());
        tauri::async_runtime::spawn(restore(auth.clone()));
        tauri::async_runtime::spawn(data.outbox().run());
        Ok(Services { auth, data, live })
    }
}

/// The cache file in the app's data folder. An unreadable one is moved aside by the store;
/// a folder that cannot hold one at all leaves a cache in memory, so the app still starts.
fn open_cache(data_dir: &Path) -> Result<Store, lcs_store::StoreError> {
    let path = data_dir.join(lcs_core::paths::AppDirs::CACHE_FILE);
    let opened = std::fs::create_dir_all(data_dir)
        .map_err(|error| error.to_string())
        .and_then(|()| Store::open(&path).map_err(|error| error.to_string()));
    match opened {
        Ok((store, OpenOutcome::Opened)) => Ok(store),
        Ok((store, OpenOutcome::Recovered { moved_to })) => {
            tracing::warn!(moved_to = %moved_to.display(), "the cache file was unreadable; it was moved aside and a fresh cache started");
            Ok(store)
        }
        Err(error) => {
            tracing::error!(%error, path = %path.display(), "no cache file; this run caches in memory only");
            Store::open(Path::new(":memory:")).map(|(store, _)| store)
        }
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
