//! Who the sandbox answers. Binding to 127.0.0.1 keeps other machines out, but not the web
//! pages the user opens: a page from elsewhere can post to a loopback address (its `Origin`
//! gives it away), and a host name of its own that it points at 127.0.0.1 reaches the sandbox
//! with that name in `Host` (DNS rebinding). Both are refused with HTTP 403 on every route.
//! The helpers under `/__sandbox/` (which hand out codes and reset the data) also ask for the
//! run's secret in [`SECRET_HEADER`], which only whoever started the sandbox knows.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::json;
use subtle::ConstantTimeEq;

/// The header that carries the run's secret to a helper.
pub const SECRET_HEADER: &str = "x-sandbox-secret";
/// Where the sandbox's helpers live.
pub const HELPERS: &str = "/__sandbox/";
/// Where the H5 demo pages and the files they load live.
const H5_FILES: &str = "/h5/";

/// What the sandbox listening on `port` admits.
#[derive(Clone)]
pub struct Guard {
    port: u16,
    secret: Arc<str>,
}

impl Guard {
    pub fn new(port: u16, secret: &str) -> Self {
        Self {
            port,
            secret: Arc::from(secret),
        }
    }

    /// Addressed by the name it listens on (`127.0.0.1:PORT`, or `localhost:PORT` as a tester
    /// may type it), with the port left out only where it is HTTP's own.
    fn is_own_host(&self, host: &str) -> bool {
        let (name, port) = match host.rsplit_once(':') {
            Some((name, port)) => (name, port.parse::<u16>().ok()),
            None => (host, Some(80)),
        };
        port == Some(self.port) && (name == "127.0.0.1" || name.eq_ignore_ascii_case("localhost"))
    }

    /// The one origin whose pages are the sandbox's own (its `/h5/` demos).
    fn is_own_origin(&self, origin: &[u8]) -> bool {
        origin == format!("http://127.0.0.1:{}", self.port).as_bytes()
    }

    fn has_secret(&self, headers: &HeaderMap) -> bool {
        headers
            .get(SECRET_HEADER)
            .is_some_and(|given| bool::from(given.as_bytes().ct_eq(self.secret.as_bytes())))
    }
}

/// HTTP 403 for a request from a foreign page or under a foreign host name, and for a helper
/// call without the run's secret; the rest go on.
pub async fn admit(State(guard): State<Guard>, request: Request, next: Next) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|host| host.to_str().ok())
        .map(str::to_owned)
        .or_else(|| request.uri().authority().map(ToString::to_string));
    if !host.as_deref().is_some_and(|host| guard.is_own_host(host)) {
        return refuse(
            "the sandbox answers only requests addressed to 127.0.0.1 or localhost on its own port",
        );
    }
    // The H5 demo files are public and hold nothing of anyone's: a page under the sandbox's
    // other name (`localhost`, a partner's origin in the tests) loads them as modules, which
    // sends its `Origin`.
    let public_file = request.method() == Method::GET && request.uri().path().starts_with(H5_FILES);
    if let Some(origin) = request.headers().get(header::ORIGIN)
        && !public_file
        && !guard.is_own_origin(origin.as_bytes())
    {
        return refuse("the sandbox answers no page but its own");
    }
    if request.uri().path().starts_with(HELPERS) && !guard.has_secret(request.headers()) {
        return refuse(
            "the sandbox's helpers need the secret it was started with, in the x-sandbox-secret header",
        );
    }
    next.run(request).await
}

fn refuse(message: &str) -> Response {
    (StatusCode::FORBIDDEN, Json(json!({"error": message}))).into_response()
}

#[cfg(test)]
mod tests {
    use super::Guard;

    #[test]
    fn its_own_host_is_loopback_or_localhost_on_its_port() {
        let guard = Guard::new(40123, "s");
        assert!(guard.is_own_host("127.0.0.1:40123"));
        assert!(guard.is_own_host("LocalHost:40123"));
        assert!(!guard.is_own_host("127.0.0.1:40124"));
        assert!(!guard.is_own_host("127.0.0.1"));
        assert!(!guard.is_own_host("rebound.example:40123"));
        assert!(!guard.is_own_host("127.0.0.1.example:40123"));
        assert!(!guard.is_own_host("[::1]:40123"));
        assert!(Guard::new(80, "s").is_own_host("127.0.0.1"));
    }
}
