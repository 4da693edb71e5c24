//! The `data` of the methods that answer with something, as H5 pages read it.

use serde_json::{Value, json};

use super::protocol::{Code, DataForm, Method, Reply};
use crate::routes::{LOGIN, ResolvedRoute};

/// `getAppInfo`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppInfo {
    pub version: String,
    /// `windows`, `macos`, `linux`, `android` or `ios`.
    pub platform: String,
    /// The UI language, `zh-CN` or `en-US`.
    pub language: String,
}

impl AppInfo {
    pub fn reply(&self) -> Reply {
        Reply::ok(json!({
            "version": self.version,
            "platform": self.platform,
            "language": self.language,
        }))
    }
}

/// `getNetType`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NetType {
    Wifi,
    Cellular,
    Ethernet,
    None,
    /// Desktop systems do not always say.
    Unknown,
}

impl NetType {
    pub fn reply(self) -> Reply {
        let name = match self {
            NetType::Wifi => "wifi",
            NetType::Cellular => "cellular",
            NetType::Ethernet => "ethernet",
            NetType::None => "none",
            NetType::Unknown => "unknown",
        };
        Reply::ok(json!({ "type": name }))
    }
}

/// `getUserInfo`: the public profile only, never a token, phone number or e-mail address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicUser {
    pub user_id: String,
    pub nickname: String,
    pub avatar: Option<String>,
}

/// `getUserInfo`'s answer; signed out, the caller hears "login required".
pub fn user_info(user: Option<&PublicUser>) -> Reply {
    match user {
        Some(user) => Reply::ok(json!({
            "userId": user.user_id,
            "nickname": user.nickname,
            "avatar": user.avatar,
        })),
        None => Reply::from_code(Code::LoginRequired),
    }
}

/// How an `openPage` call ends, answered when the page it opened closes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageOutcome {
    /// The page was shown and closed. `signed_in` is whether someone is signed in now.
    Closed { signed_in: bool },
    /// A login-first flow ended on the login page without a sign-in.
    LoginAbandoned,
}

/// The answer to `openPage`. Every page answers `{loggedIn}` when it closes, so an H5 page can
/// refresh what it shows (opening `lcs.account.login` itself answers `loggedIn: false` when the
/// user backs out: that is an answer, not a failure).
pub fn page_closed(route: &ResolvedRoute, outcome: PageOutcome) -> Reply {
    match outcome {
        PageOutcome::Closed { signed_in } => Reply::ok(json!({ "loggedIn": signed_in })),
        PageOutcome::LoginAbandoned if route.name == LOGIN => {
            Reply::ok(json!({ "loggedIn": false }))
        }
        PageOutcome::LoginAbandoned => Reply::from_code(Code::LoginRequired),
    }
}

/// What the injected script answers without asking the app: the replies known before a call
/// (`answers`, by method: what a call without a callback gets), a call without a callback to
/// any other method (`callbackOnly`), and the Android JsBridge's `send` to the app's default
/// handler (`noDefaultHandler`), which it does not have.
pub fn page_state(app_info: &AppInfo, net: NetType) -> Value {
    let wire = |reply: Reply| reply.into_wire(DataForm::Object);
    json!({
        "answers": {
            (Method::GetAppInfo.name()): wire(app_info.reply()),
            (Method::GetNetType.name()): wire(net.reply()),
        },
        "callbackOnly": wire(Reply::from_code(Code::SyncUnsupported)),
        "noDefaultHandler": wire(Reply::refuse(
            Code::UnknownMethod,
            "the app has no default handler; call a method by name",
        )),
    })
}
