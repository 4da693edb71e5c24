//! Who gets the bridge and where an H5 page may go. The origin is always the one Rust reads
//! from the webview, never one the page claims; origins match exactly (scheme, host and
//! port), never by suffix, so `https://h5.example.com.evil.net` is not `https://h5.example.com`.

use serde::{Deserialize, Serialize};
use url::{Origin, Url};

use crate::environment::Environment;
use crate::routes::{self, ResolvedRoute, RouteError};

pub use crate::origins::{H5Origin, OriginTier};

/// The sandbox serves its demo pages under this path; only they are trusted, not the API
/// that shares the origin.
pub const SANDBOX_H5_PATH: &str = "/h5/";

#[derive(Debug, Clone, PartialEq, Eq)]
struct Rule {
    origin: Origin,
    /// Only pages under this path count (the sandbox's `/h5/`); `None` for the whole origin.
    path_prefix: Option<String>,
    tier: OriginTier,
}

/// One place the bridge is offered: see [`OriginPolicy::scopes`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BridgeScope {
    /// `scheme://host:port`, as `location.origin` spells it.
    pub origin: String,
    /// A folder such as `/h5/`; `None` for the whole origin.
    pub path_prefix: Option<String>,
    pub tier: OriginTier,
}

/// The origin tiers of one environment, ready to answer for a page URL.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OriginPolicy {
    rules: Vec<Rule>,
}

impl OriginPolicy {
    /// The environment's configured origins, plus the built-in sandbox's `/h5/` pages when
    /// the environment trusts them and the sandbox runs (`sandbox_base`: its address, known
    /// only at run time). Origins that do not parse are skipped: `Environment::validate`
    /// refuses them on save, so only a hand-edited file has them, and it must not grant more.
    pub fn for_environment(environment: &Environment, sandbox_base: Option<&str>) -> Self {
        let mut rules: Vec<Rule> = environment
            .h5_origins
            .iter()
            .filter_map(|configured| {
                let url = configured.parse().ok()?;
                Some(Rule {
                    origin: url.origin(),
                    path_prefix: None,
                    tier: configured.tier,
                })
            })
            .collect();
        if environment.trust_sandbox_h5
            && let Some(base) = sandbox_base.and_then(|base| Url::parse(base).ok())
        {
            rules.push(Rule {
                origin: base.origin(),
                path_prefix: Some(SANDBOX_H5_PATH.to_owned()),
                tier: OriginTier::Trusted,
            });
        }
        Self { rules }
    }

    /// Where the bridge is offered: each origin (with the folder it is limited to, if any)
    /// and its tier. The injected script reads it to offer the bridge only there; Rust still
    /// checks every call with [`OriginPolicy::tier_of`].
    pub fn scopes(&self) -> Vec<BridgeScope> {
        self.rules
            .iter()
            .map(|rule| BridgeScope {
                origin: rule.origin.ascii_serialization(),
                path_prefix: rule.path_prefix.clone(),
                tier: rule.tier,
            })
            .collect()
    }

    /// The tier of the page at `page_url`, `None` for a page that gets no bridge. When an
    /// origin is listed twice the more trusted entry wins.
    pub fn tier_of(&self, page_url: &str) -> Option<OriginTier> {
        let url = Url::parse(page_url).ok()?;
        self.tier_of_url(&url)
    }

    fn tier_of_url(&self, url: &Url) -> Option<OriginTier> {
        if !matches!(url.scheme(), "http" | "https") {
            return None;
        }
        let origin = url.origin();
        let mut best = None;
        for rule in &self.rules {
            let path_ok = rule
                .path_prefix
                .as_deref()
                .is_none_or(|prefix| under(url.path(), prefix));
            if rule.origin == origin && path_ok {
                best = match (best, rule.tier) {
                    (Some(OriginTier::Trusted), _) | (_, OriginTier::Trusted) => {
                        Some(OriginTier::Trusted)
                    }
                    _ => Some(OriginTier::Partner),
                };
            }
        }
        best
    }

    /// What the H5 webview does with a navigation to `url` (a link, a redirect, `location`).
    pub fn navigation(&self, url: &str) -> NavigationDecision {
        let Ok(parsed) = Url::parse(url) else {
            return NavigationDecision::Block;
        };
        if is_bridge_bootstrap(&parsed) {
            return NavigationDecision::Block;
        }
        match parsed.scheme() {
            "http" | "https" if self.tier_of_url(&parsed).is_some() => NavigationDecision::Allow,
            "http" | "https" => NavigationDecision::OpenInBrowser,
            // Blank frames are how pages start iframes and documents; they load nothing.
            "about" if matches!(parsed.path(), "blank" | "srcdoc") => NavigationDecision::Allow,
            // javascript:, file:, data:, blob:, lcs: and every other scheme.
            _ => NavigationDecision::Block,
        }
    }

    /// `lcs.web` shows only pages that would get the bridge themselves: a route must never be
    /// a way to load an arbitrary URL into the app.
    pub fn check_web(&self, route: &ResolvedRoute) -> Result<(), RouteError> {
        if route.name != routes::WEB {
            return Ok(());
        }
        match route.query.get("url") {
            Some(url) if self.tier_of(url).is_some() => Ok(()),
            _ => Err(RouteError::Forbidden {
                route: route.name.clone(),
            }),
        }
    }
}

/// `path` is `prefix` (a folder, ending in `/`) or inside it; `/h5` counts, as it redirects
/// to `/h5/`.
fn under(path: &str, prefix: &str) -> bool {
    path.starts_with(prefix) || path == prefix.trim_end_matches('/')
}

/// The pseudo-URLs WebViewJavascriptBridge and lzyzsd/JsBridge code loads to signal the native
/// side (`https://__bridge_loaded__` and friends). Our bridge is injected before page scripts,
/// so they carry nothing; they are cancelled quietly, never sent to the system browser.
fn is_bridge_bootstrap(url: &Url) -> bool {
    matches!(url.scheme(), "wvjbscheme" | "yy")
        || matches!(
            url.host_str(),
            Some("__bridge_loaded__" | "__wvjb_queue_message__")
        )
}

/// Where a navigation of the H5 webview goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum NavigationDecision {
    /// An allowed origin: load it in the H5 webview.
    Allow,
    /// Another web site: cancel, and open it in the system browser.
    OpenInBrowser,
    /// Cancel: script, file and data URLs, unknown schemes, bridge signals.
    Block,
}
