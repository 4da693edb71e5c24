//! Each family's answer shape, decoded in one place: status, envelope, codes, then the payload.

use serde::Deserialize;
use serde::de::{DeserializeOwned, IgnoredAny};
use serde_json::Value;
use serde_json::value::RawValue;

use crate::endpoint::Family;
use crate::error::ApiError;
use crate::lenient::{value_to_int, value_to_string};
use crate::secret::is_secret_key;

/// The fields of all three families' answers that say how a call went. `data` stays raw, so
/// the payload is parsed once, straight into its type.
#[derive(Deserialize)]
struct Envelope<'a> {
    code: Option<Value>,
    msg: Option<Value>,
    message: Option<Value>,
    reason: Option<Value>,
    error: Option<Value>,
    ok: Option<Value>,
    fail: Option<Value>,
    trace: Option<Value>,
    #[serde(rename = "bizCode")]
    biz_code: Option<Value>,
    token_status: Option<Value>,
    #[serde(borrow)]
    data: Option<&'a RawValue>,
}

impl Envelope<'_> {
    /// The first of the fields that holds some text: servers fill `msg` or `error`, rarely both.
    fn first_text(&self, fields: &[&Option<Value>]) -> Option<String> {
        fields
            .iter()
            .filter_map(|field| field.as_ref().and_then(value_to_string))
            .find(|text| !text.trim().is_empty())
    }
}

/// Decodes a response body into `T`, or the precise error it amounts to.
pub fn decode<T: DeserializeOwned>(
    family: Family,
    status: u16,
    body: &[u8],
    trace: &str,
) -> Result<T, ApiError> {
    let envelope = serde_json::from_slice::<Envelope>(body);
    if status == 401 {
        return Err(ApiError::Unauthorized {
            family,
            trace: trace.to_owned(),
        });
    }
    if !(200..300).contains(&status) {
        let message = envelope
            .ok()
            .and_then(|e| e.first_text(&[&e.msg, &e.message, &e.error]));
        return Err(ApiError::Http {
            status,
            message,
            trace: trace.to_owned(),
        });
    }
    let envelope = envelope.map_err(|_| {
        let message = if body.iter().all(u8::is_ascii_whitespace) {
            "the body is empty".to_owned()
        } else {
            match serde_json::from_slice::<IgnoredAny>(body) {
                Err(error) => format!("not JSON: {error}"),
                Ok(_) => "expected a JSON object".to_owned(),
            }
        };
        decode_error("$", message, body, trace)
    })?;
    match family {
        Family::Customer => customer(envelope, body, trace),
        Family::UserCenter => user_center(envelope, body, trace),
        Family::Planner => planner(envelope, body, trace),
    }
}

/// An answer without an envelope: the body is the payload. Plain text (WeChat's echo, which
/// may well look like a number) is read as a string when it does not decode as JSON.
pub fn decode_bare<T: DeserializeOwned>(
    family: Family,
    status: u16,
    body: &[u8],
    trace: &str,
) -> Result<T, ApiError> {
    match status {
        200..=299 => parse(body, "", body, trace).or_else(|error| {
            let text = serde_json::to_vec(&String::from_utf8_lossy(body)).unwrap_or_default();
            parse(&text, "", body, trace).map_err(|_| error)
        }),
        401 => Err(ApiError::Unauthorized {
            family,
            trace: trace.to_owned(),
        }),
        status => Err(ApiError::Http {
            status,
            message: None,
            trace: trace.to_owned(),
        }),
    }
}

/// A: `{code, msg, ok, fail, data, trace, bizCode, tm, msgParams}`. `code` decides ("0" is
/// success, as a string or a number); `ok`/`fail` only when there is no code. An answer with
/// none of the three (the seeds' `{}` for switchAccount and resetAccount) is a bare success.
fn customer<T: DeserializeOwned>(
    envelope: Envelope<'_>,
    body: &[u8],
    trace: &str,
) -> Result<T, ApiError> {
    let server_trace = envelope
        .trace
        .as_ref()
        .and_then(value_to_string)
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| trace.to_owned());
    let code = envelope.code.as_ref().and_then(value_to_string);
    let flag = |field: &Option<Value>| {
        field
            .as_ref()
            .and_then(|v| v.as_bool().or_else(|| value_to_int(v).map(|n| n != 0)))
    };
    let success = match code.as_deref() {
        Some(code) => code.trim() == "0",
        None => match (flag(&envelope.ok), flag(&envelope.fail)) {
            (None, None) => true,
            (ok, fail) => ok == Some(true) && fail != Some(true),
        },
    };
    if !success {
        return Err(ApiError::Business {
            family: Family::Customer,
            code: code.unwrap_or_else(|| "?".into()),
            message: envelope.first_text(&[&envelope.msg]).unwrap_or_default(),
            biz_code: envelope.first_text(&[&envelope.biz_code]),
            trace: server_trace,
        });
    }
    payload(envelope.data, "data", body, &server_trace)
}

/// B: `{code, data, error, msg, status}`, `code` 0 is success.
fn user_center<T: DeserializeOwned>(
    envelope: Envelope<'_>,
    body: &[u8],
    trace: &str,
) -> Result<T, ApiError> {
    let Some(code) = envelope.code.as_ref().and_then(value_to_int) else {
        return Err(decode_error("code", "missing or not a number", body, trace));
    };
    if code != 0 {
        return Err(ApiError::Business {
            family: Family::UserCenter,
            code: code.to_string(),
            message: envelope
                .first_text(&[&envelope.msg, &envelope.error])
                .unwrap_or_default(),
            biz_code: None,
            trace: trace.to_owned(),
        });
    }
    payload(envelope.data, "data", body, trace)
}

/// C: no envelope; `error` is a numeric string ("0" is success) and `token_status` says whether
/// the token is fine (0), must be refreshed (1) or is invalid (2). Error 5 and token_status 2
/// end the session; error 30 means another device took it over.
fn planner<T: DeserializeOwned>(
    envelope: Envelope<'_>,
    body: &[u8],
    trace: &str,
) -> Result<T, ApiError> {
    let Some(code) = envelope
        .error
        .as_ref()
        .and_then(value_to_string)
        .map(|c| c.trim().to_owned())
        .filter(|c| !c.is_empty())
    else {
        return Err(decode_error("error", "missing", body, trace));
    };
    let token_invalid = envelope.token_status.as_ref().and_then(value_to_int) == Some(2);
    let trace = trace.to_owned();
    match code.as_str() {
        "30" => Err(ApiError::Kicked {
            family: Family::Planner,
            trace,
        }),
        "5" => Err(ApiError::Unauthorized {
            family: Family::Planner,
            trace,
        }),
        "0" if token_invalid => Err(ApiError::Unauthorized {
            family: Family::Planner,
            trace,
        }),
        "0" => parse(body, "", body, &trace),
        _ => Err(ApiError::Business {
            family: Family::Planner,
            message: envelope
                .first_text(&[&envelope.message, &envelope.reason, &envelope.msg])
                .unwrap_or_default(),
            code,
            biz_code: None,
            trace,
        }),
    }
}

/// Whether a successful family C answer says `token_status` 1 (must be refreshed).
pub fn planner_must_refresh(body: &[u8]) -> bool {
    #[derive(Deserialize)]
    struct Status {
        token_status: Option<Value>,
    }
    serde_json::from_slice::<Status>(body)
        .ok()
        .and_then(|status| status.token_status)
        .as_ref()
        .and_then(value_to_int)
        == Some(1)
}

/// The envelope's `data`, or JSON null when it is absent.
fn payload<T: DeserializeOwned>(
    data: Option<&RawValue>,
    root: &str,
    body: &[u8],
    trace: &str,
) -> Result<T, ApiError> {
    let raw = data.map_or("null", RawValue::get);
    parse(raw.as_bytes(), root, body, trace)
}

/// Parses `json` into `T`; a failure names the path from `root` and keeps a masked snippet.
fn parse<T: DeserializeOwned>(
    json: &[u8],
    root: &str,
    body: &[u8],
    trace: &str,
) -> Result<T, ApiError> {
    let mut deserializer = serde_json::Deserializer::from_slice(json);
    serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let inner = error.path().to_string();
        let path = match (root, inner.as_str()) {
            ("", inner) => inner.to_owned(),
            (root, ".") => root.to_owned(),
            (root, inner) => format!("{root}.{inner}"),
        };
        decode_error(&path, error.into_inner().to_string(), body, trace)
    })
}

const SNIPPET_CHARS: usize = 200;

fn decode_error(path: &str, message: impl Into<String>, body: &[u8], trace: &str) -> ApiError {
    ApiError::Decode {
        path: path.to_owned(),
        message: message.into(),
        snippet: snippet(body),
        trace: trace.to_owned(),
    }
}

/// The start of a body with the value of every secret key (`"token": "…"`) masked.
fn snippet(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let mut masked = String::with_capacity(text.len().min(4 * SNIPPET_CHARS));
    let mut rest: &str = &text;
    while let Some(open) = rest.find('"') {
        masked.push_str(&rest[..=open]);
        rest = &rest[open + 1..];
        let Some(close) = rest.find('"') else { break };
        let key = &rest[..close];
        masked.push_str(&rest[..=close]);
        rest = &rest[close + 1..];
        let after = rest.trim_start();
        if !(after.starts_with(':') && is_secret_key(key)) {
            continue;
        }
        let value = after[1..].trim_start();
        masked.push_str(": \"***\"");
        let end = if let Some(quoted) = value.strip_prefix('"') {
            quoted.find('"').map_or(value.len(), |end| end + 2)
        } else {
            value.find([',', '}', ']', '\n']).unwrap_or(value.len())
        };
        rest = &value[end..];
        if masked.chars().count() > SNIPPET_CHARS {
            break;
        }
    }
    masked.push_str(rest);
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
