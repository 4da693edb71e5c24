//! The JsBridge between H5 pages and the app, without Tauri.

pub mod policy;
