//! What a tester sees of each call: one [`CallRecord`] per call, handed to the client's
//! [`Observer`] once the call is over. Every secret is replaced by [`REDACTED`] here, before
//! the record leaves this crate: `Secret` fields, token headers and parameters, and any value
//! in a request or an answer whose key names a secret.

use serde::Serialize;
use serde_json::Value;

use crate::endpoint::{Family, Method};
use crate::secret::is_secret_key;
use crate::transport::{Body, HttpRequest};

/// What stands in for a secret in a record.
pub const REDACTED: &str = "<redacted>";

/// A stored body is cut at this many bytes and marked truncated.
pub const BODY_CAP: usize = 64 * 1024;

/// Receives a record of each finished call: success, error, timeout, after its retries.
pub trait Observer: Send + Sync {
    /// When false, the client does not build records at all.
    fn is_enabled(&self) -> bool {
        true
    }

    fn record(&self, record: CallRecord);
}

/// One call as it went over the wire, secrets redacted.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CallRecord {
    /// When the call started, in milliseconds since the Unix epoch.
    #[specta(type = f64)]
    pub at_ms: u64,
    pub family: Family,
    /// The catalog name (`customer.login`).
    pub call: String,
    pub method: Method,
    pub path: String,
    /// The full URL, query secrets redacted.
    pub url: String,
    /// The trace id this client generated and sent (family A's `trace` header) for the call.
    pub trace: String,
    /// The last attempt's HTTP status; none when no answer arrived.
    pub status: Option<u16>,
    /// The envelope's own code (A and B: `code`, C: `error`), when the answer had one.
    pub business_code: Option<String>,
    /// `ok`, or the error's code (`network`, `timeout`, `business`, ...).
    pub outcome: String,
    /// The error in words, for a failed call.
    pub error: Option<String>,
    /// How many times the request was sent: more than one after retries; zero when it was
    /// refused before sending (no session, bad input).
    pub attempts: u32,
    /// From the start to the end of the call, retries included.
    #[specta(type = f64)]
    pub latency_ms: u64,
    /// The request body's size as sent.
    #[specta(type = f64)]
    pub request_bytes: u64,
    /// The answer body's size as received.
    #[specta(type = Option<f64>)]
    pub response_bytes: Option<u64>,
    pub request: RecordedRequest,
    pub response: Option<RecordedBody>,
}

impl CallRecord {
    pub fn failed(&self) -> bool {
        self.outcome != "ok"
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct RecordedRequest {
    pub headers: Vec<NameValue>,
    pub query: Vec<NameValue>,
    pub body: RecordedBody,
}

#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct NameValue {
    pub name: String,
    pub value: String,
}

/// A body as text: JSON (compact; multipart fields as an object), plain text, or empty.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct RecordedBody {
    pub kind: BodyKind,
    pub text: String,
    /// The text was cut at [`BODY_CAP`] bytes.
    pub truncated: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum BodyKind {
    Empty,
    Json,
    Multipart,
    Text,
}

impl RecordedBody {
    fn new(kind: BodyKind, text: String) -> Self {
        let (text, truncated) = cap(text);
        Self {
            kind,
            text,
            truncated,
        }
    }

    /// An answer body: JSON with secret keys redacted, otherwise the text as received.
    pub fn response(bytes: &[u8]) -> Self {
        if bytes.is_empty() {
            return Self::new(BodyKind::Empty, String::new());
        }
        match serde_json::from_slice::<Value>(bytes) {
            Ok(mut value) => {
                redact_value(&mut value);
                Self::new(BodyKind::Json, value.to_string())
            }
            Err(_) => Self::new(BodyKind::Text, String::from_utf8_lossy(bytes).into_owned()),
        }
    }
}

impl RecordedRequest {
    /// The request as sent, from one built with every `Secret` (the token included) already
    /// replaced by [`REDACTED`]; keys that name a secret are redacted on top.
    pub(crate) fn from_redacted(request: &HttpRequest) -> Self {
        let headers = request
            .headers
            .iter()
            .map(|(name, value)| NameValue {
                name: (*name).to_owned(),
                value: if is_secret_header(name) {
                    REDACTED.to_owned()
                } else {
                    value.clone()
                },
            })
            .collect();
        let query = request
            .url
            .query_pairs()
            .map(|(name, value)| NameValue {
                value: if is_secret_key(&name) {
                    REDACTED.to_owned()
                } else {
                    value.into_owned()
                },
                name: name.into_owned(),
            })
            .collect();
        let body = match &request.body {
            Body::Empty => RecordedBody::new(BodyKind::Empty, String::new()),
            Body::Json(bytes) => {
                let mut shown = RecordedBody::response(bytes);
                shown.kind = BodyKind::Json;
                shown
            }
            Body::Multipart { fields, file } => {
                let mut parts = serde_json::Map::new();
                for (name, value) in fields {
                    parts.insert(name.clone(), Value::String(value.clone()));
                }
                parts.insert(
                    file.field.to_owned(),
                    Value::String(format!(
                        "<file {} ({}, {} bytes)>",
                        file.file_name,
                        file.mime,
                        file.bytes.len()
                    )),
                );
                let mut value = Value::Object(parts);
                redact_value(&mut value);
                RecordedBody::new(BodyKind::Multipart, value.to_string())
            }
        };
        Self {
            headers,
            query,
            body,
        }
    }
}

/// The URL with its query rebuilt from `query`, the placeholder left readable.
pub(crate) fn shown_url(url: &url::Url, query: &[NameValue]) -> String {
    let mut base = url.clone();
    base.set_query(None);
    base.set_fragment(None);
    let mut shown = base.to_string();
    for (index, pair) in query.iter().enumerate() {
        shown.push(if index == 0 { '?' } else { '&' });
        shown.extend(url::form_urlencoded::byte_serialize(pair.name.as_bytes()));
        shown.push('=');
        if pair.value == REDACTED {
            shown.push_str(REDACTED);
        } else {
            shown.extend(url::form_urlencoded::byte_serialize(pair.value.as_bytes()));
        }
    }
    shown
}

/// The body's size on the wire (a multipart body: its parts, without the boundaries).
pub(crate) fn body_bytes(body: &Body) -> u64 {
    match body {
        Body::Empty => 0,
        Body::Json(bytes) => bytes.len() as u64,
        Body::Multipart { fields, file } => {
            let fields: usize = fields.iter().map(|(n, v)| n.len() + v.len()).sum();
            (fields + file.bytes.len()) as u64
        }
    }
}

/// The family envelope's code, when the answer is a JSON object that has one.
pub(crate) fn business_code(family: Family, body: &[u8]) -> Option<String> {
    let Value::Object(map) = serde_json::from_slice::<Value>(body).ok()? else {
        return None;
    };
    let key = match family {
        Family::Customer | Family::UserCenter => "code",
        Family::Planner => "error",
    };
    crate::lenient::value_to_string(map.get(key)?)
}

/// Token and authorisation headers, whatever the family calls them.
fn is_secret_header(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    is_secret_key(name) || lower.contains("authorization") || lower.contains("cookie")
}

/// Replaces, at any depth, the value of every key that names a secret.
pub fn redact_value(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, item) in map.iter_mut() {
                if is_secret_key(key) && !item.is_null() {
                    *item = Value::String(REDACTED.to_owned());
                } else {
                    redact_value(item);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(redact_value),
        _ => {}
    }
}

/// Cuts `text` to at most [`BODY_CAP`] bytes, on a character boundary.
fn cap(mut text: String) -> (String, bool) {
    if text.len() <= BODY_CAP {
        return (text, false);
    }
    let mut end = BODY_CAP;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.truncate(end);
    (text, true)
}
