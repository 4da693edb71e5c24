//! An H5 origin as an environment lists it, and how far the app trusts it: what the
//! environments, the route registry and the origin policy all speak of.

use serde::{Deserialize, Serialize};
use url::Url;

/// How far the app trusts an H5 origin. Origins with no tier get no bridge at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum OriginTier {
    /// The operator's own H5 pages: every method and route.
    Trusted,
    /// Named third parties: public routes and harmless methods, never the user's data.
    Partner,
}

/// One configured H5 origin of an environment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct H5Origin {
    /// `scheme://host[:port]`, with no path.
    pub origin: String,
    pub tier: OriginTier,
}

impl H5Origin {
    /// The origin as a URL, or why it is not a usable one.
    pub fn parse(&self) -> Result<Url, String> {
        let url = Url::parse(self.origin.trim()).map_err(|error| format!("not a URL: {error}"))?;
        if !matches!(url.scheme(), "http" | "https") || !url.has_host() {
            return Err("must be https://host[:port]".to_owned());
        }
        // A page over plain http can be swapped on the way: only this machine's may have it.
        if url.scheme() == "http" && !is_loopback(&url) {
            return Err("must use https:// (http:// only for 127.0.0.1 or localhost)".to_owned());
        }
        if url.path() != "/" || url.query().is_some() || url.fragment().is_some() {
            return Err("must be an origin only, with no path, query or fragment".to_owned());
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err("must not carry a user name or password".to_owned());
        }
        Ok(url)
    }
}

/// Whether `url` names this machine (127.0.0.0/8, ::1 or localhost), where plain http cannot
/// be read or changed on the way.
pub(crate) fn is_loopback(url: &url::Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}
