//! lcs-core: the app's logic without Tauri: the session and keychain, one service per
//! domain, sync, the route registry, deep-link parsing, the bridge protocol and the user's
//! settings. The Tauri shell only adapts these to commands and events.

pub mod auth;
pub mod environment;
pub mod error;
pub mod keychain;
pub mod session;
pub mod settings;

pub use environment::Environment;
pub use error::{Error, ErrorCode};
