//! lcs-api: every call of the three backend families (customer API, user centre,
//! financial-planner API), typed, sent through one generic path. Knows nothing of Tauri.
//!
//! A call is a small struct that implements [`Endpoint`] (its family, method, path, whether it
//! needs a login, and its answer type); [`Client::send`] builds the request, executes it through
//! a [`Transport`], maps the HTTP status, decodes the family's envelope and maps its codes to
//! one [`ApiError`].

pub mod catalog;
pub mod client;
pub mod customer;
pub mod endpoint;
pub mod envelope;
pub mod error;
pub mod lenient;
pub mod planner;
pub mod record;
pub mod secret;
pub mod transport;
pub mod user_center;

pub(crate) use catalog::codes;
pub use client::{Client, ClientConfig, Reply, UserCenterToken};
pub use endpoint::{Auth, Endpoint, Family, Guess, Idempotent, Method, Upload};
pub use error::{ApiError, ErrorCode, Lang};
pub use record::{CallRecord, Observer};
pub use secret::{Redacted, Secret, password_md5};
pub use transport::{
    HttpRequest, HttpResponse, ReqwestTransport, Timeouts, Transport, TransportError,
};
