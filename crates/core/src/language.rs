//! The languages the app speaks: the UI's, and the one the backends are told.

use serde::{Deserialize, Serialize};

/// The UI languages the app ships; the `lang` header of the backends follows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub enum Language {
    #[serde(rename = "zh-CN")]
    ZhCn,
    #[serde(rename = "en-US")]
    EnUs,
}
