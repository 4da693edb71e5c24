//! Each family's answer shape, decoded in one place: status, envelope, codes, then the payload.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::endpoint::Family;
use crate::error::ApiError;
use crate::lenient::{value_to_int, value_to_string};

/// Decodes a response body into `T`, or the precise error it amounts to.
pub fn decode<T: DeserializeOwned>(
    family: Family,
    status: u16,
    body: &[u8],
    trace: &str,
) -> Result<T, ApiError> {
    let parsed: Option<Value> = serde_json::from_slice(body).ok();
    if status == 401 {
        return Err(ApiError::Unauthorized {
            family,
            trace: trace.to_owned(),
        });
    }
    if !(200..300).contains(&status) {
        let message = parsed
            .as_ref()
            .and_then(|json| first_text(json, &["msg", "message", "error"]));
        return Err(ApiError::Http {
            status,
            message,
            trace: trace.to_owned(),
        });
    }
    let Some(json) = parsed else {
        let message = if body.iter().all(u8::is_ascii_whitespace) {
            "the body is empty".to_owned()
        } else {
            match serde_json::from_slice::<Value>(body) {
                Err(error) => format!("not JSON: {error}"),
                Ok(_) => "not JSON".to_owned(),
            }
        };
        return Err(decode_error("$", message, body, trace));
    };
    if !json.is_object() {
        return Err(decode_error("$", "expected a JSON object", body, trace));
    }
    match family {
        Family::Customer => customer(json, body, trace),
        Family::UserCenter => user_center(json, body, trace),
        Family::Planner => planner(json, body, trace),
    }
}

/// A: `{code, msg, ok, fail, data, trace, bizCode, tm, msgParams}`. `code` decides ("0" is
/// success, as a string or a number); `ok`/`fail` only when there is no code. An answer with
/// none of the three (the seeds' `{}` for switchAccount and resetAccount) is a bare success.
fn customer<T: DeserializeOwned>(json: Value, body: &[u8], trace: &str) -> Result<T, ApiError> {
    let server_trace = json
        .get("trace")
        .and_then(value_to_string)
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| trace.to_owned());
    let code = json.get("code").and_then(value_to_string);
    let flag = |key: &str| {
        json.get(key)
            .and_then(|v| v.as_bool().or_else(|| value_to_int(v).map(|n| n != 0)))
    };
    let success = match code.as_deref() {
        Some(code) => code.trim() == "0",
        None => match (flag("ok"), flag("fail")) {
            (None, None) => true,
            (ok, fail) => ok == Some(true) && fail != Some(true),
        },
    };
    if !success {
        return Err(ApiError::Business {
            family: Family::Customer,
            code: code.unwrap_or_else(|| "?".into()),
            message: json
                .get("msg")
                .and_then(value_to_string)
                .unwrap_or_default(),
            biz_code: json
                .get("bizCode")
                .and_then(value_to_string)
                .filter(|c| !c.is_empty()),
            trace: server_trace,
        });
    }
    let data = json.get("data").cloned().unwrap_or(Value::Null);
    payload(data, "data", body, &server_trace)
}

/// B: `{code, data, error, msg, status}`, `code` 0 is success.
fn user_center<T: DeserializeOwned>(json: Value, body: &[u8], trace: &str) -> Result<T, ApiError> {
    let Some(code) = json.get("code").and_then(value_to_int) else {
        return Err(decode_error("code", "missing or not a number", body, trace));
    };
    if code != 0 {
        let message = first_text(&json, &["msg", "error"]).unwrap_or_default();
        return Err(ApiError::Business {
            family: Family::UserCenter,
            code: code.to_string(),
            message,
            biz_code: None,
            trace: trace.to_owned(),
        });
    }
    let data = json.get("data").cloned().unwrap_or(Value::Null);
    payload(data, "data", body, trace)
}

/// C: no envelope; `error` is a numeric string ("0" is success) and `token_status` says whether
/// the token is fine (0), must be refreshed (1) or is invalid (2). Error 5 and token_status 2
/// end the session; error 30 means another device took it over.
fn planner<T: DeserializeOwned>(json: Value, body: &[u8], trace: &str) -> Result<T, ApiError> {
    let Some(code) = json
        .get("error")
        .and_then(value_to_string)
        .map(|c| c.trim().to_owned())
        .filter(|c| !c.is_empty())
    else {
        return Err(decode_error("error", "missing", body, trace));
    };
    let token_invalid = json.get("token_status").and_then(value_to_int) == Some(2);
    match code.as_str() {
        "30" => {
            return Err(ApiError::Kicked {
                family: Family::Planner,
                trace: trace.to_owned(),
            });
        }
        "5" => {
            return Err(ApiError::Unauthorized {
                family: Family::Planner,
                trace: trace.to_owned(),
            });
        }
        "0" if token_invalid => {
            return Err(ApiError::Unauthorized {
                family: Family::Planner,
                trace: trace.to_owned(),
            });
        }
        "0" => {}
        _ => {
            let message = first_text(&json, &["message", "reason", "msg"]).unwrap_or_default();
            return Err(ApiError::Business {
                family: Family::Planner,
                code,
                message,
                biz_code: None,
                trace: trace.to_owned(),
            });
        }
    }
    payload(json, "", body, trace)
}

/// The first of `keys` that holds some text: servers fill `msg` or `error`, rarely both.
fn first_text(json: &Value, keys: &[&str]) -> Option<String> {
    keys.iter()
        .filter_map(|key| json.get(key).and_then(value_to_string))
        .find(|text| !text.trim().is_empty())
}

fn payload<T: DeserializeOwned>(
    data: Value,
    root: &str,
    body: &[u8],
    trace: &str,
) -> Result<T, ApiError> {
    serde_path_to_error::deserialize(data).map_err(|error| {
        let inner = error.path().to_string();
        let path = match (root, inner.as_str()) {
            ("", inner) => inner.to_owned(),
            (root, ".") => root.to_owned(),
            (root, inner) => format!("{root}.{inner}"),
        };
        decode_error(&path, error.into_inner().to_string(), body, trace)
    })
}

/// Secrets the backends may echo back, masked in snippets kept for support.
const SECRET_KEYS: &[&str] = &[
    "token",
    "rToken",
    "access_token",
    "refresh_token",
    "password",
    "pwd",
    "loginPwd",
    "newpassword",
    "oldpassword",
    "smsCode",
    "verifyCode",
    "verificationcode",
    "sendToken",
    "smsSendToken",
];

const SNIPPET_CHARS: usize = 200;

fn decode_error(path: &str, message: impl Into<String>, body: &[u8], trace: &str) -> ApiError {
    ApiError::Decode {
        path: path.to_owned(),
        message: message.into(),
        snippet: snippet(body),
        trace: trace.to_owned(),
    }
}

/// The start of a body with every `"secretKey": "value"` masked.
fn snippet(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let mut masked = text.into_owned();
    for key in SECRET_KEYS {
        let needle = format!("\"{key}\"");
        let mut from = 0;
        while let Some(found) = masked[from..].find(&needle) {
            let after_key = from + found + needle.len();
            let rest = &masked[after_key..];
            let Some(colon) = rest
                .find(|c: char| !c.is_whitespace())
                .filter(|&i| rest[i..].starts_with(':'))
            else {
                from = after_key;
                continue;
            };
            let value_start = after_key + colon + 1;
            let rest = &masked[value_start..];
            let skip = rest.len() - rest.trim_start().len();
            let value_start = value_start + skip;
            let value_end = if masked[value_start..].starts_with('"') {
                masked[value_start + 1..]
                    .find('"')
                    .map_or(masked.len(), |end| value_start + 1 + end + 1)
            } else {
                masked[value_start..]
                    .find([',', '}', '\n'])
                    .map_or(masked.len(), |end| value_start + end)
            };
            masked.replace_range(value_start..value_end, "\"***\"");
            from = value_start + 5;
        }
    }
    let mut cut: String = masked.chars().take(SNIPPET_CHARS).collect();
    if masked.chars().count() > SNIPPET_CHARS {
        cut.push('…');
    }
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_mask_secrets_and_stay_short() {
        let body = br#"{"token": "abc123", "rToken":"r-9","name":"x","pwd":42}"#;
        let cut = snippet(body);
        assert!(
            !cut.contains("abc123") && !cut.contains("r-9") && !cut.contains("42"),
            "{cut}"
        );
        assert!(cut.contains(r#""name":"x""#), "{cut}");
        assert!(snippet(&vec![b'a'; 5000]).chars().count() <= SNIPPET_CHARS + 1);
    }
}
