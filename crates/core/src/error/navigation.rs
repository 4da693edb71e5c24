//! Why a page or an `lcs://` link opens nothing: errors of [`crate::routes`] and
//! [`crate::deeplink`], kept here so that every error the app shows has its reason in one place.

use serde::Serialize;

/// Why a page cannot be opened. The message is the technical detail (and what an H5 page is
/// answered); the app words the kind.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, specta::Type)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum RouteError {
    #[error("no page named {name:?}")]
    UnknownRoute { name: String },
    #[error("no page named: give packagename, packageName or pageName")]
    MissingName,
    #[error("{route}: unknown parameter {param:?}")]
    UnknownParam { route: String, param: String },
    #[error("{route}: parameter {param:?} is required")]
    MissingParam { route: String, param: String },
    #[error("{route}: parameter {param:?} {reason}")]
    BadParam {
        route: String,
        param: String,
        reason: String,
    },
    /// The request's shape is wrong (a `pageExtra` that is not an object, names that disagree).
    #[error("{reason}")]
    BadRequest { reason: String },
    /// This caller may not open this route, or `lcs.web` was given a URL on no allowed origin.
    #[error("{route} may not be opened from here")]
    Forbidden { route: String },
}

/// Why a link opens nothing; Home says so in the user's words, the message being the detail.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, specta::Type)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum LinkError {
    #[error("not an lcs:// link")]
    NotLcs,
    #[error("the link is longer than {limit} bytes")]
    TooLong { limit: usize },
    #[error("the link names no page")]
    NoPage,
    #[error("the link gives {param:?} twice")]
    Repeated { param: String },
    #[error("{error}")]
    Route { error: RouteError },
}

impl From<RouteError> for LinkError {
    fn from(error: RouteError) -> Self {
        LinkError::Route { error }
    }
}
