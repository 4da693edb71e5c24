//! The route registry: every native page by its route name (`lcs.account.login`), the UI path
//! it opens, its typed parameters, whether it needs a login and which H5 origin tiers may open
//! it. Deep links and the JsBridge's `openPage` both resolve names here, so a page reachable one
//! way is reachable the other way with the same checks.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

pub use crate::error::RouteError;
use crate::origins::OriginTier;

/// The parameters of an `openPage` call or a link: JSON values as the caller sent them (links
/// give strings only).
pub type Params = Map<String, Value>;

/// The route of the sign-in page, which a login-only route opens first.
pub const LOGIN: &str = "lcs.account.login";
/// The route of the page that shows an H5 URL; its `url` must be on an allowed origin.
pub const WEB: &str = "lcs.web";
/// The keys a caller may name the page with: the brief's, and what existing H5 SDKs send.
pub const PAGE_NAME_KEYS: [&str; 3] = ["packagename", "packageName", "pageName"];
/// The key whose value (an object, or an object as a JSON string) holds further parameters.
pub const PAGE_EXTRA_KEY: &str = "pageExtra";

/// Route names and links a person means are short: anything longer is not echoed in full.
pub const MAX_ECHO_CHARS: usize = 80;
/// The longest value any string parameter takes (a URL is the longest there is).
const MAX_URL_LEN: usize = 2048;
const MAX_TEXT_LEN: usize = 256;

/// What a parameter's value must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamKind {
    /// Non-empty text up to `max` characters; a JSON number is read as its decimal text,
    /// because H5 code sends ids both ways.
    Text { max: usize },
    /// An integer in `min..=max`, as a JSON number or decimal text (links carry only text).
    Int { min: i64, max: i64 },
    /// One of the listed words.
    Enum(&'static [&'static str]),
    /// An absolute http(s) URL.
    Url,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParamSpec {
    pub name: &'static str,
    pub kind: ParamKind,
    pub required: bool,
}

/// One native page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Route {
    pub name: &'static str,
    /// The UI's path for it, exactly as `ui/src/router.ts` declares it.
    pub path: &'static str,
    pub params: &'static [ParamSpec],
    pub needs_login: bool,
    /// The H5 origin tiers whose pages may open it through the bridge. Links from outside
    /// may open every route: they only show a page the user then acts on.
    pub opened_by: &'static [OriginTier],
}

impl Route {
    pub fn may_be_opened_by(&self, tier: OriginTier) -> bool {
        self.opened_by.contains(&tier)
    }
}

const BOTH: &[OriginTier] = &[OriginTier::Trusted, OriginTier::Partner];
const TRUSTED: &[OriginTier] = &[OriginTier::Trusted];

/// Which family's form the sign-in, registration and password pages open on.
const FAMILY: ParamSpec = ParamSpec {
    name: "family",
    kind: ParamKind::Enum(&["customer", "user_center", "planner"]),
    required: false,
};

const ID: ParamSpec = ParamSpec {
    name: "id",
    kind: ParamKind::Int {
        min: 1,
        max: i64::MAX,
    },
    required: false,
};

/// Every native page. Partners may open only what a signed-out visitor could see anyway
/// (home, sign-in, registration, password recovery, the privacy protocol, another allowed H5
/// page); anything about the user's data is for trusted origins.
pub static ROUTES: &[Route] = &[
    page("lcs.home", "/", &[], false, BOTH),
    page(LOGIN, "/account/login", &[FAMILY], false, BOTH),
    page(
        "lcs.account.register",
        "/account/register",
        &[FAMILY],
        false,
        BOTH,
    ),
    page(
        "lcs.account.forgetpwd",
        "/account/forgetpwd",
        &[FAMILY],
        false,
        BOTH,
    ),
    // Reached after a first sign-in with a one-time token held in Rust, so not for partners.
    page("lcs.account.setpwd", "/account/setpwd", &[], false, TRUSTED),
    page(
        "lcs.account.password",
        "/account/password",
        &[],
        true,
        TRUSTED,
    ),
    page(
        "lcs.account.personinfo",
        "/account/personinfo",
        &[],
        true,
        TRUSTED,
    ),
    page("lcs.account.edit", "/account/edit", &[], true, TRUSTED),
    page(
        "lcs.account.certify",
        "/account/certify",
        &[],
        true,
        TRUSTED,
    ),
    page("lcs.account.mobile", "/account/mobile", &[], true, TRUSTED),
    page("lcs.account.level", "/account/level", &[], true, TRUSTED),
    page("lcs.account.switch", "/account/switch", &[], true, TRUSTED),
    page("lcs.address.list", "/address", &[], true, TRUSTED),
    // Without an id the editor starts a new address.
    page("lcs.address.edit", "/address/edit", &[ID], true, TRUSTED),
    page("lcs.invoice.list", "/invoice", &[], true, TRUSTED),
    page("lcs.invoice.edit", "/invoice/edit", &[ID], true, TRUSTED),
    page(
        "lcs.message.list",
        "/message",
        &[ParamSpec {
            name: "tab",
            kind: ParamKind::Enum(&["notice", "message"]),
            required: false,
        }],
        true,
        TRUSTED,
    ),
    page(
        "lcs.message.chat",
        "/message/chat",
        &[ParamSpec {
            name: "userId",
            kind: ParamKind::Text { max: MAX_TEXT_LEN },
            required: true,
        }],
        true,
        TRUSTED,
    ),
    page("lcs.settings", "/settings", &[], false, TRUSTED),
    page("lcs.protocol", "/protocol", &[], false, BOTH),
    page(
        WEB,
        "/web",
        &[ParamSpec {
            name: "url",
            kind: ParamKind::Url,
            required: true,
        }],
        false,
        BOTH,
    ),
];

const fn page(
    name: &'static str,
    path: &'static str,
    params: &'static [ParamSpec],
    needs_login: bool,
    opened_by: &'static [OriginTier],
) -> Route {
    Route {
        name,
        path,
        params,
        needs_login,
        opened_by,
    }
}

/// The registry entry for `name`; names match exactly (no prefixes, no case folding).
pub fn find(name: &str) -> Option<&'static Route> {
    ROUTES.iter().find(|route| route.name == name)
}

/// A route with checked parameters: what the UI navigates to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ResolvedRoute {
    pub name: String,
    pub path: String,
    /// The parameters in their normal text form (integers in decimal), for the UI's query.
    pub query: BTreeMap<String, String>,
    pub needs_login: bool,
}

/// What the UI does for a resolved route, given whether someone is signed in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Navigation {
    Open {
        route: ResolvedRoute,
    },
    /// Sign in first, then continue to `then`. `login` carries the continuation as the login
    /// page's `redirect` query (a UI path), which is how the login page already continues.
    /// Cancelling answers the caller "login required".
    LoginFirst {
        login: ResolvedRoute,
        then: ResolvedRoute,
    },
}

/// Login interception: a page that needs a login, opened while signed out, goes through the
/// sign-in page. The login page itself never needs one, so this cannot loop.
pub fn plan(route: ResolvedRoute, signed_in: bool) -> Navigation {
    if !route.needs_login || signed_in {
        return Navigation::Open { route };
    }
    let mut query = BTreeMap::new();
    query.insert("redirect".to_owned(), ui_location(&route));
    let login = ResolvedRoute {
        name: LOGIN.to_owned(),
        path: "/account/login".to_owned(),
        query,
        needs_login: false,
    };
    Navigation::LoginFirst { login, then: route }
}

/// `path?query` with the query percent-encoded, as vue-router reads it from `redirect`.
fn ui_location(route: &ResolvedRoute) -> String {
    if route.query.is_empty() {
        return route.path.clone();
    }
    let query = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(&route.query)
        .finish();
    format!("{}?{query}", route.path)
}

/// Checks `params` against the route's declared ones: every key must be declared and well
/// formed, every required one present. A `null` value counts as absent, as H5 code sends it.
pub fn resolve(name: &str, params: &Params) -> Result<ResolvedRoute, RouteError> {
    let route = find(name).ok_or_else(|| RouteError::UnknownRoute {
        name: shorten(name),
    })?;
    let mut query = BTreeMap::new();
    for (key, value) in params {
        let spec = route
            .params
            .iter()
            .find(|spec| spec.name == key)
            .ok_or_else(|| RouteError::UnknownParam {
                route: route.name.to_owned(),
                param: shorten(key),
            })?;
        if value.is_null() {
            continue;
        }
        let text = check_value(spec.kind, value).map_err(|reason| RouteError::BadParam {
            route: route.name.to_owned(),
            param: spec.name.to_owned(),
            reason,
        })?;
        query.insert(spec.name.to_owned(), text);
    }
    if let Some(missing) = route
        .params
        .iter()
        .find(|spec| spec.required && !query.contains_key(spec.name))
    {
        return Err(RouteError::MissingParam {
            route: route.name.to_owned(),
            param: missing.name.to_owned(),
        });
    }
    Ok(ResolvedRoute {
        name: route.name.to_owned(),
        path: route.path.to_owned(),
        query,
        needs_login: route.needs_login,
    })
}

/// The value in its normal text form, or why it is refused.
fn check_value(kind: ParamKind, value: &Value) -> Result<String, String> {
    match kind {
        ParamKind::Text { max } => {
            let text = match value {
                Value::String(text) => text.clone(),
                Value::Number(number) => number.to_string(),
                _ => return Err(format!("must be text, not {}", type_name(value))),
            };
            if text.trim().is_empty() {
                return Err("is empty".to_owned());
            }
            if text.chars().count() > max {
                return Err(format!("is longer than {max} characters"));
            }
            Ok(text)
        }
        ParamKind::Int { min, max } => {
            let number = match value {
                Value::Number(number) => number.as_i64(),
                Value::String(text) if text.len() <= 20 => text.trim().parse::<i64>().ok(),
                _ => None,
            }
            .ok_or_else(|| format!("must be an integer, not {}", type_name(value)))?;
            if !(min..=max).contains(&number) {
                return Err(format!("must be between {min} and {max}"));
            }
            Ok(number.to_string())
        }
        ParamKind::Enum(words) => match value {
            Value::String(text) if words.contains(&text.as_str()) => Ok(text.clone()),
            _ => Err(format!("must be one of {}", words.join(", "))),
        },
        ParamKind::Url => {
            let Value::String(text) = value else {
                return Err(format!("must be a URL, not {}", type_name(value)));
            };
            if text.len() > MAX_URL_LEN {
                return Err(format!("is longer than {MAX_URL_LEN} bytes"));
            }
            match url::Url::parse(text) {
                Ok(url) if matches!(url.scheme(), "http" | "https") && url.has_host() => {
                    Ok(url.into())
                }
                _ => Err("must be an http:// or https:// URL".to_owned()),
            }
        }
    }
}

pub(crate) fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Caller-supplied text (a name, a link) as it may appear in a message or a log: its first
/// [`MAX_ECHO_CHARS`] characters, then `…` and how long it was, so a hostile one cannot flood
/// a log or the Home banner, nor be handed back whole.
pub(crate) fn shorten(text: &str) -> String {
    let count = text.chars().count();
    if count <= MAX_ECHO_CHARS {
        return text.to_owned();
    }
    let mut short: String = text.chars().take(MAX_ECHO_CHARS).collect();
    short.push_str(&format!("… ({count} characters)"));
    short
}

/// Splits the fields of an `openPage` request or link into the route name and its
/// parameters: the name under any of [`PAGE_NAME_KEYS`] (or `named` when the link's path gave
/// it), further parameters both beside it and inside `pageExtra`.
pub fn split_page_request(
    mut fields: Params,
    named: Option<&str>,
) -> Result<(String, Params), RouteError> {
    let mut name = named.map(str::to_owned);
    for key in PAGE_NAME_KEYS {
        let Some(value) = fields.remove(key) else {
            continue;
        };
        let Value::String(given) = value else {
            return Err(RouteError::BadRequest {
                reason: format!("{key} must be text, not {}", type_name(&value)),
            });
        };
        match &name {
            Some(known) if *known != given => {
                return Err(RouteError::BadRequest {
                    reason: format!(
                        "two different pages named: {:?} and {:?}",
                        shorten(known),
                        shorten(&given)
                    ),
                });
            }
            _ => name = Some(given),
        }
    }
    let name = name.ok_or(RouteError::MissingName)?;
    if let Some(extra) = fields.remove(PAGE_EXTRA_KEY) {
        for (key, value) in page_extra(extra)? {
            if fields.contains_key(&key) {
                return Err(RouteError::BadRequest {
                    reason: format!("parameter {:?} is given twice", shorten(&key)),
                });
            }
            fields.insert(key, value);
        }
    }
    Ok((name, fields))
}

/// `pageExtra` as H5 code sends it: an object, an object as JSON text, or nothing (`null`, "").
fn page_extra(extra: Value) -> Result<Params, RouteError> {
    let bad = |what: &str| RouteError::BadRequest {
        reason: format!("pageExtra must be an object, not {what}"),
    };
    match extra {
        Value::Null => Ok(Params::new()),
        Value::Object(map) => Ok(map),
        Value::String(text) if text.trim().is_empty() => Ok(Params::new()),
        Value::String(text) => match serde_json::from_str::<Value>(&text) {
            Ok(Value::Object(map)) => Ok(map),
            Ok(Value::Null) => Ok(Params::new()),
            Ok(other) => Err(bad(type_name(&other))),
            Err(_) => Err(bad("text that is not JSON")),
        },
        other => Err(bad(type_name(&other))),
    }
}
