//! The JsBridge between H5 pages and the app, without Tauri: the wire format
//! ([`protocol`]), who may call what and where a page may navigate ([`policy`]), per-page
//! limits ([`limits`]) and the answers of the methods that return data ([`answers`]).
//!
//! The shell's one bridge command reads the page's URL from the webview and calls [`admit`];
//! it then performs the admitted call and answers with a [`protocol::Reply`] in the request's
//! [`protocol::DataForm`], dropping the [`limits::InFlight`] when it does.

pub mod answers;
pub mod limits;
pub mod protocol;

/// Who gets the bridge is the origin policy's, which links from outside the app obey too.
pub use crate::origin_policy as policy;

use std::time::Instant;

use limits::{InFlight, PageLimits};
use protocol::{Call, Code, DataForm, Method, Refusal};

use crate::origin_policy::OriginPolicy;
use crate::origins::OriginTier;
use crate::routes::ResolvedRoute;

/// A call the page may make, checked and counted in flight.
#[derive(Debug)]
pub struct Admitted {
    pub call: Call,
    pub form: DataForm,
    pub callback_id: Option<String>,
    pub tier: OriginTier,
    /// Drop it once the call is answered (or the page is gone).
    pub in_flight: InFlight,
}

/// Checks one request from the page at `page_url` (read from the webview, never from the
/// request), in this order: the origin's tier, size and shape, calls in flight, the method
/// for the tier, its parameters, and for `openPage` the route for the tier, `lcs.web`'s URL
/// and the rate. A refusal is the complete reply.
pub fn admit(
    policy: &OriginPolicy,
    page_url: &str,
    raw: &str,
    limits: &mut PageLimits,
    now: Instant,
) -> Result<Admitted, Refusal> {
    // The shell injects no bridge into such pages; this guards a page that navigated away.
    let tier = policy.tier_of(page_url).ok_or_else(|| {
        Refusal::new(
            Code::Forbidden,
            "this page's origin has no bridge",
            DataForm::Object,
        )
    })?;
    let request = protocol::parse_request(raw)?;
    let form = request.form;
    let in_flight = limits.enter().ok_or_else(|| {
        Refusal::new(
            Code::TooManyRequests,
            format!("more than {} calls waiting", limits::MAX_IN_FLIGHT),
            form,
        )
    })?;
    if !method_allowed(request.method, tier) {
        return Err(Refusal::new(
            Code::Forbidden,
            format!("{} is not available to this origin", request.method.name()),
            form,
        ));
    }
    let call = Call::from_request(&request)?;
    if let Call::OpenPage(route) = &call {
        check_open_page(policy, tier, route, limits, now, form)?;
    }
    Ok(Admitted {
        call,
        form,
        callback_id: request.callback_id,
        tier,
        in_flight,
    })
}

/// Whether a page of `tier` may open `route` now: the route for the tier, `lcs.web`'s URL, and
/// the page's `openPage` rate.
fn check_open_page(
    policy: &OriginPolicy,
    tier: OriginTier,
    route: &ResolvedRoute,
    limits: &mut PageLimits,
    now: Instant,
    form: DataForm,
) -> Result<(), Refusal> {
    let forbidden =
        crate::routes::find(&route.name).is_none_or(|entry| !entry.may_be_opened_by(tier));
    if forbidden {
        return Err(Refusal::new(
            Code::Forbidden,
            format!("{} may not be opened from this origin", route.name),
            form,
        ));
    }
    policy
        .check_web(route)
        .map_err(|error| Refusal::new(Code::Forbidden, error.to_string(), form))?;
    if !limits.allow_open_page(now) {
        return Err(Refusal::new(
            Code::TooManyRequests,
            format!(
                "more than {} openPage calls a second",
                limits::MAX_OPEN_PAGE
            ),
            form,
        ));
    }
    Ok(())
}

/// The URL a bridge call is judged by. WebKit reports a navigation's new URL as soon as it
/// starts, while the old document still runs and calls: a call is judged by the page whose
/// load last committed (`committed`), and refused while the webview already names another
/// origin (`current`), or before any page committed.
pub fn calling_page<'a>(current: &str, committed: Option<&'a str>) -> Result<&'a str, Refusal> {
    let origin = |url: &str| url::Url::parse(url).ok().map(|url| url.origin());
    match committed {
        Some(committed) if origin(committed).is_some() && origin(committed) == origin(current) => {
            Ok(committed)
        }
        _ => Err(Refusal::new(
            Code::Forbidden,
            "the page is being replaced by another; its calls are not answered",
            DataForm::Object,
        )),
    }
}

/// An `lcs://` link the page at `page_url` navigated to (a link, a script or a redirect): it
/// opens a page only as that page's own `openPage` would, under its origin's rules, never as
/// a link from outside the app. The refusal says why, for the log.
pub fn admit_page_link(
    policy: &OriginPolicy,
    page_url: &str,
    link: &str,
    limits: &mut PageLimits,
    now: Instant,
) -> Result<ResolvedRoute, String> {
    let tier = policy
        .tier_of(page_url)
        .ok_or("this page's origin has no bridge")?;
    let route = crate::deeplink::parse(link, policy).map_err(|error| error.to_string())?;
    check_open_page(policy, tier, &route, limits, now, DataForm::Object)
        .map_err(|refusal| refusal.reply.msg)?;
    Ok(route)
}

/// The H5 window's title: the page's origin first, then at most [`MAX_TITLE_CHARS`] of its
/// own title without control or direction characters, so a page cannot pose as one of the
/// app's own screens nor push its origin out of sight.
pub fn window_title(page_url: &str, title: Option<&str>) -> String {
    let origin = url::Url::parse(page_url)
        .map(|url| url.origin().ascii_serialization())
        .unwrap_or_default();
    let shown: String = title
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
        .take(MAX_TITLE_CHARS)
        .collect();
    match shown.trim() {
        "" => origin,
        title => format!("{origin} — {title}"),
    }
}

/// How much of a page's own title the H5 window shows after its origin.
pub const MAX_TITLE_CHARS: usize = 60;

/// Partners get what any web page could learn or do anyway; the user's profile is for
/// trusted origins only.
pub fn method_allowed(method: Method, tier: OriginTier) -> bool {
    match method {
        Method::GetUserInfo => tier == OriginTier::Trusted,
        Method::OpenPage
        | Method::ClosePage
        | Method::Toast
        | Method::ShowLoading
        | Method::HideLoading
        | Method::GetNetType
        | Method::GetAppInfo => true,
    }
}

/// The method names a page of `tier` may call: what dsBridge's `hasNativeMethod` answers.
pub fn methods_for(tier: OriginTier) -> Vec<&'static str> {
    Method::ALL
        .into_iter()
        .filter(|method| method_allowed(*method, tier))
        .map(Method::name)
        .collect()
}
