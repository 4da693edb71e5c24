//! Where secrets live: the OS keychain (Apple keychain, Windows Credential Manager, the Secret
//! Service on Linux, the Android store) or, when none works, this process's memory. Never a
//! file: without a keychain the session simply does not survive a restart.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use lcs_api::Secret;

use crate::error::{Error, Result};

/// The keychain's service name for every entry of this app.
pub const SERVICE: &str = "com.lcs.account";

/// Windows' Credential Manager keeps at most this many bytes per entry (`CRED_MAX_CREDENTIAL_BLOB_SIZE`).
pub const MAX_ENTRY_BYTES: usize = 2560;

/// Read by [`open`] to see whether the keychain answers; it is never written.
const PROBE_KEY: &str = "probe/never-written";

/// One secret string per key. Calls may block (the Secret Service is a D-Bus round trip), so
/// async callers run them on a blocking thread.
pub trait SecretStore: Send + Sync {
    /// The secret under `key`, or `None` when there is none.
    fn get(&self, key: &str) -> Result<Option<Secret>>;
    /// Stores `value` under `key`, replacing what was there.
    fn set(&self, key: &str, value: &Secret) -> Result<()>;
    /// Removes `key`; removing a missing key is not an error (sign-out must be idempotent).
    fn delete(&self, key: &str) -> Result<()>;
}

/// The platform's keychain through keyring-core, with the store keyring v4 would pick.
pub struct OsKeychain {
    store: Arc<keyring_core::CredentialStore>,
}

impl OsKeychain {
    /// Connects to the platform's store; fails where there is none (no D-Bus session, no
    /// Secret Service daemon, an unsupported platform).
    pub fn new() -> Result<Self> {
        let store = platform_store().map_err(|err| keychain_error("open", SERVICE, &err))?;
        Ok(Self { store })
    }

    /// Over a given keyring-core store (tests use keyring-core's mock store to inject errors).
    pub fn with_store(store: Arc<keyring_core::CredentialStore>) -> Self {
        Self { store }
    }

    fn entry(&self, action: &'static str, key: &str) -> Result<keyring_core::Entry> {
        keyring_core::Entry::new_in_store(&self.store, SERVICE, key)
            .map_err(|err| keychain_error(action, key, &err))
    }
}

impl std::fmt::Debug for OsKeychain {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("OsKeychain")
    }
}

impl SecretStore for OsKeychain {
    fn get(&self, key: &str) -> Result<Option<Secret>> {
        match self.entry("read", key)?.get_secret() {
            Ok(bytes) => String::from_utf8(bytes)
                .map(|text| Some(Secret::new(text)))
                .map_err(|_| Error::KeychainEntryUnreadable {
                    key: key.to_owned(),
                    detail: "not UTF-8".into(),
                }),
            Err(keyring_core::Error::NoEntry) => Ok(None),
            Err(err) => Err(keychain_error("read", key, &err)),
        }
    }

    fn set(&self, key: &str, value: &Secret) -> Result<()> {
        check_size(key, value)?;
        // Bytes rather than a password: Windows would store a password as UTF-16, doubling
        // its size against the limit; bytes make the limit the UTF-8 length on every platform.
        self.entry("write", key)?
            .set_secret(value.expose().as_bytes())
            .map_err(|err| keychain_error("write", key, &err))
    }

    fn delete(&self, key: &str) -> Result<()> {
        match self.entry("delete", key)?.delete_credential() {
            Ok(()) | Err(keyring_core::Error::NoEntry) => Ok(()),
            Err(err) => Err(keychain_error("delete", key, &err)),
        }
    }
}

/// Only the keyring's message is kept: its `Debug` form may hold the stored bytes.
fn keychain_error(action: &'static str, key: &str, err: &keyring_core::Error) -> Error {
    Error::Keychain {
        action,
        key: key.to_owned(),
        detail: err.to_string(),
    }
}

#[cfg(target_os = "macos")]
fn platform_store() -> keyring_core::Result<Arc<keyring_core::CredentialStore>> {
    Ok(apple_native_keyring_store::keychain::Store::new()?)
}

/// iOS has only the data-protection keychain ("protected").
#[cfg(target_os = "ios")]
fn platform_store() -> keyring_core::Result<Arc<keyring_core::CredentialStore>> {
    Ok(apple_native_keyring_store::protected::Store::new()?)
}

#[cfg(target_os = "windows")]
fn platform_store() -> keyring_core::Result<Arc<keyring_core::CredentialStore>> {
    Ok(windows_native_keyring_store::Store::new()?)
}

/// Needs the `ndk-context` the Android shell initialises before the app starts.
#[cfg(target_os = "android")]
fn platform_store() -> keyring_core::Result<Arc<keyring_core::CredentialStore>> {
    Ok(android_native_keyring_store::Store::new()?)
}

/// The Secret Service (gnome-keyring, KWallet, KeePassXC) rather than kernel keyutils, whose
/// entries vanish at reboot.
#[cfg(all(
    unix,
    not(any(target_os = "macos", target_os = "ios", target_os = "android"))
))]
fn platform_store() -> keyring_core::Result<Arc<keyring_core::CredentialStore>> {
    Ok(zbus_secret_service_keyring_store::Store::new()?)
}

#[cfg(not(any(unix, windows)))]
fn platform_store() -> keyring_core::Result<Arc<keyring_core::CredentialStore>> {
    Err(keyring_core::Error::NotSupportedByStore(
        "this platform has no keychain".into(),
    ))
}

/// Secrets kept in this process only: what [`open`] falls back to, and what tests use.
#[derive(Debug, Default)]
pub struct MemoryStore {
    entries: Mutex<HashMap<String, Secret>>,
}

impl MemoryStore {
    pub fn new() -> Self {
        Self::default()
    }

    /// A panic while the lock was held cannot leave the map half-written, so a poisoned lock
    /// is still usable.
    fn entries(&self) -> std::sync::MutexGuard<'_, HashMap<String, Secret>> {
        self.entries.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl SecretStore for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<Secret>> {
        Ok(self.entries().get(key).cloned())
    }

    fn set(&self, key: &str, value: &Secret) -> Result<()> {
        // The same limit as the keychain, so behaviour does not depend on which store we got.
        check_size(key, value)?;
        self.entries().insert(key.to_owned(), value.clone());
        Ok(())
    }

    fn delete(&self, key: &str) -> Result<()> {
        self.entries().remove(key);
        Ok(())
    }
}

fn check_size(key: &str, value: &Secret) -> Result<()> {
    let bytes = value.expose().len();
    if bytes > MAX_ENTRY_BYTES {
        return Err(Error::KeychainEntryTooLarge {
            key: key.to_owned(),
            bytes,
            limit: MAX_ENTRY_BYTES,
        });
    }
    Ok(())
}

/// Which store [`open`] got, so the UI can say once that sessions are kept in memory only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreKind {
    OsKeychain,
    /// No keychain answered; `reason` is its error, for the log and the UI's notice.
    MemoryOnly {
        reason: String,
    },
}

/// The store to keep sessions in, and which one it is.
#[derive(Clone)]
pub struct Opened {
    pub store: Arc<dyn SecretStore>,
    pub kind: StoreKind,
}

impl std::fmt::Debug for Opened {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Opened").field("kind", &self.kind).finish()
    }
}

/// The OS keychain if it answers a harmless read, otherwise memory.
pub fn open() -> Opened {
    open_with(OsKeychain::new().map(|keychain| Arc::new(keychain) as Arc<dyn SecretStore>))
}

/// [`open`] with the candidate store given, so the fallback can be tested with a broken one.
pub fn open_with(candidate: Result<Arc<dyn SecretStore>>) -> Opened {
    // Creating a store can succeed without a daemon behind it (or with a locked collection
    // that cannot be searched); only a real call tells.
    let probed = candidate.and_then(|store| store.get(PROBE_KEY).map(|_| store));
    match probed {
        Ok(store) => Opened {
            store,
            kind: StoreKind::OsKeychain,
        },
        Err(err) => {
            tracing::warn!(error = %err, "no usable keychain; sessions are kept in memory only");
            Opened {
                store: Arc::new(MemoryStore::new()),
                kind: StoreKind::MemoryOnly {
                    reason: err.to_string(),
                },
            }
        }
    }
}
