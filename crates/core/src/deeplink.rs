//! `lcs://` links from outside the app: `lcs://openPage?packagename=<route>&<params>` (the
//! bridge call as a URL, with `packageName`, `pageName` and `pageExtra` as in the bridge) and
//! the short `lcs://<route>?<params>`. A link only names a page to open; it never acts for the
//! user, and `lcs.web` opens only allowed origins.

use serde_json::Value;

pub use crate::error::LinkError;
use crate::origin_policy::OriginPolicy;
use crate::routes::{self, Params, ResolvedRoute};

/// The app's URL scheme (`tauri.conf.json`).
pub const SCHEME: &str = "lcs";
/// Links are typed or tapped; a longer one is not a link a person meant.
pub const MAX_LINK_BYTES: usize = 8 * 1024;

/// The link as a message or a log may show it: a long one is cut to its first
/// [`routes::MAX_ECHO_CHARS`] characters with its length, so what an outside app handed over
/// is never echoed back whole.
pub fn shown(link: &str) -> String {
    routes::shorten(link)
}

/// The page a link opens, with checked parameters.
pub fn parse(link: &str, policy: &OriginPolicy) -> Result<ResolvedRoute, LinkError> {
    if link.len() > MAX_LINK_BYTES {
        return Err(LinkError::TooLong {
            limit: MAX_LINK_BYTES,
        });
    }
    let url = url::Url::parse(link.trim()).map_err(|_| LinkError::NotLcs)?;
    if !url.scheme().eq_ignore_ascii_case(SCHEME) {
        return Err(LinkError::NotLcs);
    }
    // `lcs://name?…` puts the name in the host; `lcs:name?…` and `lcs:///name` in the path.
    let target = match url.host_str() {
        Some(host) if !host.is_empty() => host.to_owned(),
        _ => url.path().trim_matches('/').to_owned(),
    };
    if target.is_empty() {
        return Err(LinkError::NoPage);
    }
    let mut fields = Params::new();
    // Decoding is the url crate's: `+` is a space, `%E4%B8%AD` is 中, a stray `%` stays itself.
    for (key, value) in url.query_pairs() {
        let key = key.into_owned();
        if fields.contains_key(&key) {
            return Err(LinkError::Repeated {
                param: routes::shorten(&key),
            });
        }
        fields.insert(key, Value::String(value.into_owned()));
    }
    // The host of a non-special URL keeps its case, but people type `openpage` too.
    let named = (!target.eq_ignore_ascii_case("openPage")).then_some(target.as_str());
    let (name, params) = routes::split_page_request(fields, named)?;
    let route = routes::resolve(&name, &params)?;
    policy.check_web(&route)?;
    Ok(route)
}
