//! The one closed error type of every backend call.

use serde::Serialize;

use crate::endpoint::Family;

/// What kind of failure a call ended in; the UI branches on this, never on the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// No connection: DNS, refused, reset, offline.
    Network,
    Timeout,
    /// An HTTP status the call does not document as a business answer.
    Http,
    /// The session is gone: sign in again.
    Unauthorized,
    /// Family C error 30: the account signed in on another device.
    Kicked,
    /// The server understood and said no; its code and message are kept.
    Business,
    /// The answer was not what the documents describe.
    Decode,
    /// Refused before sending: the input cannot be right.
    InvalidInput,
}

/// The language of user-facing messages, and of family A's `lang` header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    ZhCn,
    EnUs,
}

impl Lang {
    pub fn tag(self) -> &'static str {
        match self {
            Lang::ZhCn => "zh-CN",
            Lang::EnUs => "en-US",
        }
    }
}

/// Every error carries `trace`: the server's trace id when it sent one, otherwise the id this
/// client generated for the request. Support needs it whatever went wrong.
#[derive(Debug, Clone, thiserror::Error)]
pub enum ApiError {
    #[error("network error: {message}")]
    Network {
        message: String,
        trace: String,
        /// The request may have left: the connection was made, then broke before a whole
        /// answer came. `false` when no connection could be made (refused, no route, DNS), so
        /// the server cannot have seen the call.
        sent: bool,
    },
    #[error("no answer within {after:?}")]
    Timeout {
        after: std::time::Duration,
        trace: String,
    },
    #[error("HTTP {status}{}", message.as_deref().map(|m| format!(": {m}")).unwrap_or_default())]
    Http {
        status: u16,
        message: Option<String>,
        trace: String,
    },
    #[error("the {family} session is no longer valid")]
    Unauthorized { family: Family, trace: String },
    #[error("signed out: the account signed in on another device")]
    Kicked { family: Family, trace: String },
    #[error("{message} ({family} code {code})")]
    Business {
        family: Family,
        code: String,
        message: String,
        biz_code: Option<String>,
        trace: String,
    },
    #[error("unexpected response at {path}: {message}")]
    Decode {
        path: String,
        message: String,
        /// The start of the body, with secrets masked, for support.
        snippet: String,
        trace: String,
    },
    #[error("{field}: {message}")]
    InvalidInput {
        field: &'static str,
        message: String,
    },
}

impl ApiError {
    pub fn code(&self) -> ErrorCode {
        match self {
            ApiError::Network { .. } => ErrorCode::Network,
            ApiError::Timeout { .. } => ErrorCode::Timeout,
            ApiError::Http { .. } => ErrorCode::Http,
            ApiError::Unauthorized { .. } => ErrorCode::Unauthorized,
            ApiError::Kicked { .. } => ErrorCode::Kicked,
            ApiError::Business { .. } => ErrorCode::Business,
            ApiError::Decode { .. } => ErrorCode::Decode,
            ApiError::InvalidInput { .. } => ErrorCode::InvalidInput,
        }
    }

    pub fn trace(&self) -> Option<&str> {
        match self {
            ApiError::Network { trace, .. }
            | ApiError::Timeout { trace, .. }
            | ApiError::Http { trace, .. }
            | ApiError::Unauthorized { trace, .. }
            | ApiError::Kicked { trace, .. }
            | ApiError::Business { trace, .. }
            | ApiError::Decode { trace, .. } => Some(trace),
            ApiError::InvalidInput { .. } => None,
        }
    }

    /// Network trouble and 5xx are worth retrying (for idempotent calls); nothing else is.
    pub fn is_transient(&self) -> bool {
        match self {
            ApiError::Network { .. } => true,
            ApiError::Http { status, .. } => *status >= 500,
            _ => false,
        }
    }

    /// The call may have been applied without an answer saying so: it timed out, the
    /// connection broke after the request left, or the answer was a 5xx or garbled. A call
    /// the server refused, or one that never left, was not applied.
    pub fn outcome_unknown(&self) -> bool {
        match self {
            ApiError::Network { sent, .. } => *sent,
            ApiError::Timeout { .. } | ApiError::Decode { .. } => true,
            ApiError::Http { status, .. } => *status >= 500,
            _ => false,
        }
    }

    /// The message to show a user, in their language. Business messages are the server's own
    /// (it localises them through the `lang` header), except family C's, which are numeric codes
    /// with a documented table.
    pub fn user_message(&self, lang: Lang) -> String {
        let zh = lang == Lang::ZhCn;
        match self {
            ApiError::Network { .. } => pick(
                zh,
                "网络连接失败，请检查网络后重试",
                "Cannot reach the server. Check your connection and try again.",
            ),
            ApiError::Timeout { .. } => pick(
                zh,
                "服务器响应超时，请稍后重试",
                "The server took too long to answer. Try again later.",
            ),
            ApiError::Http { status, .. } => {
                if zh {
                    format!("服务器错误（HTTP {status}），请稍后重试")
                } else {
                    format!("Server error (HTTP {status}). Try again later.")
                }
            }
            ApiError::Unauthorized { .. } => pick(
                zh,
                "登录已失效，请重新登录",
                "Your session has ended. Please sign in again.",
            ),
            ApiError::Kicked { .. } => pick(
                zh,
                "您的账号已在其他设备登录，请重新登录",
                "Your account signed in on another device. Please sign in again.",
            ),
            ApiError::Business {
                family: Family::Planner,
                code,
                message,
                ..
            } => planner_message(code, lang)
                .map(str::to_owned)
                .unwrap_or_else(|| non_empty_or(message, code, zh)),
            ApiError::Business { message, code, .. } => non_empty_or(message, code, zh),
            ApiError::Decode { .. } => pick(
                zh,
                "服务器返回了无法识别的数据",
                "The server sent an answer the app cannot read.",
            ),
            ApiError::InvalidInput { message, .. } => message.clone(),
        }
    }
}

fn pick(zh: bool, chinese: &str, english: &str) -> String {
    if zh { chinese } else { english }.to_owned()
}

fn non_empty_or(message: &str, code: &str, zh: bool) -> String {
    if !message.trim().is_empty() {
        message.to_owned()
    } else if zh {
        format!("请求失败（错误码 {code}）")
    } else {
        format!("The request failed (code {code}).")
    }
}

/// Family C's error table, as its seed documents it.
pub fn planner_message(code: &str, lang: Lang) -> Option<&'static str> {
    let (zh, en) = match code {
        "1" => ("验证码错误", "The verification code is wrong."),
        "2" => ("验证码已过期", "The verification code has expired."),
        "3" => ("尚未通过旧手机号验证", "Verify the old phone number first."),
        "4" => ("旧密码错误", "The old password is wrong."),
        "5" => (
            "登录已失效，请重新登录",
            "Your session has ended. Please sign in again.",
        ),
        "7" => ("用户名不存在", "No such user name."),
        "8" => ("密码错误", "The password is wrong."),
        "9" => ("client_id不存在", "Unknown client_id."),
        "10" => ("client_secret 错误", "Wrong client_secret."),
        "11" => ("授权码错误", "The authorization code is wrong."),
        "12" => ("参数错误", "Invalid parameters."),
        "14" => ("该账户已经存在", "This account already exists."),
        "15" => ("密码未设置", "No password has been set for this account."),
        "18" => ("图片格式错误", "The image format is not supported."),
        "19" => ("图片为空", "The image is empty."),
        "23" => (
            "验证码已使用",
            "The verification code has already been used.",
        ),
        "25" => ("邮箱已经注册", "This e-mail address is already registered."),
        "30" => (
            "您的账号已在其他设备登录",
            "Your account signed in on another device.",
        ),
        "34" => ("手机号格式错误", "The phone number is not valid."),
        "50" => ("服务器异常", "Server error. Try again later."),
        _ => return None,
    };
    Some(if lang == Lang::ZhCn { zh } else { en })
}
