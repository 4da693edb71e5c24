//! lcs-core: the app's logic without Tauri: the session and keychain, one service per
//! domain, sync, the route registry, deep-link parsing, the bridge protocol and the user's
//! settings. The Tauri shell only adapts these to commands and events.

pub mod accounts;
pub mod addresses;
pub mod auth;
pub mod bridge;
pub mod console;
pub mod data;
pub mod deeplink;
pub mod diagnostics;
pub mod environment;
pub mod error;
pub mod inspector;
pub mod invoices;
pub mod keychain;
pub mod language;
mod lists;
pub mod live;
pub mod logging;
pub mod messages;
pub mod origin_policy;
pub mod origins;
pub mod paths;
pub mod phone;
pub mod profile;
pub mod routes;
mod services;
pub mod session;
pub mod settings;
pub mod sync;

pub use data::{Data, DataChange, DataEvent, DataKind, DataListener, Json, Loaded, Source};
pub use environment::Environment;
pub use error::{Error, ErrorCode, ErrorReason, InputProblem};
pub use inspector::{BridgeCallRecord, CallSummary, Inspector, InspectorFilter, InspectorListener};
pub use lists::ListItem;
