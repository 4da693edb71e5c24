//! The bridge's wire format. A request is `{method, data, callbackId}`, sent by the injected
//! script as one JSON text; every request gets exactly one reply `{code, msg, data}`. `data`
//! may arrive as an object or as a JSON string (what WebViewJavascriptBridge-era code sends);
//! the reply mirrors it, so callers that `JSON.parse` their answer keep working.

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use crate::routes::{self, ResolvedRoute, RouteError};

/// The answer codes. The numbers are part of the H5 API and never change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Code {
    Ok,
    UnknownMethod,
    UnknownRoute,
    Forbidden,
    BadParams,
    PayloadTooLarge,
    /// The user closed or backed out of what the call opened.
    Cancelled,
    /// The page needs a login and the user did not sign in.
    LoginRequired,
    Timeout,
    /// A dsBridge call without a callback (synchronous) to a method whose answer is not known
    /// before the call: the app's IPC is asynchronous. The injected script answers this itself.
    SyncUnsupported,
    /// Too many calls in flight, or `openPage` too often.
    TooManyRequests,
}

impl Code {
    /// Every code, in number order (for documentation and the injected script).
    pub const ALL: [Code; 11] = [
        Code::Ok,
        Code::UnknownMethod,
        Code::UnknownRoute,
        Code::Forbidden,
        Code::BadParams,
        Code::PayloadTooLarge,
        Code::Cancelled,
        Code::LoginRequired,
        Code::Timeout,
        Code::SyncUnsupported,
        Code::TooManyRequests,
    ];

    pub fn number(self) -> u16 {
        match self {
            Code::Ok => 0,
            Code::UnknownMethod => 1001,
            Code::UnknownRoute => 1002,
            Code::Forbidden => 1003,
            Code::BadParams => 1004,
            Code::PayloadTooLarge => 1005,
            Code::Cancelled => 1006,
            Code::LoginRequired => 1007,
            Code::Timeout => 1008,
            Code::SyncUnsupported => 1009,
            Code::TooManyRequests => 1010,
        }
    }

    /// The reply's `msg` when there is nothing more specific to say.
    pub fn message(self) -> &'static str {
        match self {
            Code::Ok => "ok",
            Code::UnknownMethod => "unknown method",
            Code::UnknownRoute => "unknown route",
            Code::Forbidden => "forbidden for this origin",
            Code::BadParams => "bad parameters",
            Code::PayloadTooLarge => "payload too large",
            Code::Cancelled => "cancelled",
            Code::LoginRequired => "login required",
            Code::Timeout => "timeout",
            Code::SyncUnsupported => "this method answers through a callback only",
            Code::TooManyRequests => "too many requests",
        }
    }
}

/// How the caller sent `data`, and so how it gets its reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DataForm {
    /// An object, or nothing: the reply is an object.
    #[default]
    Object,
    /// A string: the reply is the JSON text of the reply object.
    Text,
}

/// One answer to one call.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    pub code: Code,
    pub msg: String,
    pub data: Value,
}

impl Reply {
    pub fn ok(data: Value) -> Self {
        Self {
            code: Code::Ok,
            msg: Code::Ok.message().to_owned(),
            data,
        }
    }

    /// A refusal with the code's own message.
    pub fn from_code(code: Code) -> Self {
        Self::refuse(code, code.message())
    }

    pub fn refuse(code: Code, msg: impl Into<String>) -> Self {
        Self {
            code,
            msg: msg.into(),
            data: Value::Null,
        }
    }

    pub fn with_data(mut self, data: Value) -> Self {
        self.data = data;
        self
    }

    /// What the injected script hands the caller: the object, or its JSON text for a caller
    /// that sent text.
    pub fn into_wire(self, form: DataForm) -> Value {
        let reply = json!({ "code": self.code.number(), "msg": self.msg, "data": self.data });
        match form {
            DataForm::Object => reply,
            DataForm::Text => Value::String(reply.to_string()),
        }
    }
}

/// The methods H5 pages may call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum Method {
    OpenPage,
    ClosePage,
    Toast,
    ShowLoading,
    HideLoading,
    GetNetType,
    GetAppInfo,
    GetUserInfo,
}

impl Method {
    pub const ALL: [Method; 8] = [
        Method::OpenPage,
        Method::ClosePage,
        Method::Toast,
        Method::ShowLoading,
        Method::HideLoading,
        Method::GetNetType,
        Method::GetAppInfo,
        Method::GetUserInfo,
    ];

    /// The name H5 code calls it by.
    pub fn name(self) -> &'static str {
        match self {
            Method::OpenPage => "openPage",
            Method::ClosePage => "closePage",
            Method::Toast => "toast",
            Method::ShowLoading => "showLoading",
            Method::HideLoading => "hideLoading",
            Method::GetNetType => "getNetType",
            Method::GetAppInfo => "getAppInfo",
            Method::GetUserInfo => "getUserInfo",
        }
    }

    /// Exact names only: `OpenPage` or `openpage` is an unknown method, as in every bridge the
    /// H5 code was written for.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|method| method.name() == name)
    }

    /// What the method's `data` holds, as H5 authors' typed client declares it
    /// ([`Call::from_request`] checks it).
    pub fn takes(self) -> Takes {
        match self {
            Method::OpenPage => Takes::Page,
            Method::Toast => Takes::Message,
            Method::ShowLoading => Takes::OptionalMessage,
            Method::ClosePage
            | Method::HideLoading
            | Method::GetNetType
            | Method::GetAppInfo
            | Method::GetUserInfo => Takes::Nothing,
        }
    }
}

/// The shapes of a method's `data`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Takes {
    /// Nothing, `null`, `{}` or `""`.
    Nothing,
    /// `{message}` or the text itself, at most 200 characters.
    Message,
    /// The same, or nothing.
    OptionalMessage,
    /// A route's name and its parameters.
    Page,
}

/// A request as read from the wire, before its method's parameters are checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    pub method: Method,
    /// `data` decoded: an object, a string that was not JSON (a toast's text), or `Null`.
    pub data: Value,
    pub form: DataForm,
    /// The caller's id, echoed nowhere: the injected script pairs replies by the IPC promise.
    /// Kept for logs of refused and pending calls.
    pub callback_id: Option<String>,
}

/// A request the bridge refuses, with the form its reply must take.
#[derive(Debug, Clone, PartialEq)]
pub struct Refusal {
    pub reply: Reply,
    pub form: DataForm,
}

impl Refusal {
    pub fn new(code: Code, msg: impl Into<String>, form: DataForm) -> Self {
        Self {
            reply: Reply::refuse(code, msg),
            form,
        }
    }

    pub fn into_wire(self) -> Value {
        self.reply.into_wire(self.form)
    }
}

/// The largest request, in bytes of JSON text.
pub const MAX_REQUEST_BYTES: usize = 64 * 1024;
/// The deepest nesting of arrays and objects in `data`; real calls use two or three levels.
pub const MAX_DEPTH: usize = 32;
const MAX_CALLBACK_ID_LEN: usize = 128;

/// Reads a request. Oversized text is refused before it is decoded; only its `data`'s form
/// is looked at, so even that refusal reaches a string-expecting caller as a string.
pub fn parse_request(raw: &str) -> Result<Request, Refusal> {
    if raw.len() > MAX_REQUEST_BYTES {
        return Err(Refusal::new(
            Code::PayloadTooLarge,
            format!("request is {} bytes, over {MAX_REQUEST_BYTES}", raw.len()),
            probe_form(raw),
        ));
    }
    let value: Value = serde_json::from_str(raw).map_err(|error| {
        Refusal::new(
            Code::BadParams,
            format!("request is not JSON: {error}"),
            probe_form(raw),
        )
    })?;
    let Value::Object(mut fields) = value else {
        return Err(Refusal::new(
            Code::BadParams,
            "request must be an object",
            DataForm::Object,
        ));
    };
    let (data, form) = match fields.remove("data") {
        None | Some(Value::Null) => (Value::Null, DataForm::Object),
        Some(Value::String(text)) => (decode_text(text), DataForm::Text),
        Some(other) => (other, DataForm::Object),
    };
    let bad = |msg: String| Refusal::new(Code::BadParams, msg, form);
    let callback_id = match fields.remove("callbackId") {
        None | Some(Value::Null) => None,
        Some(Value::String(id)) if id.len() <= MAX_CALLBACK_ID_LEN => Some(id),
        Some(Value::Number(id)) => Some(id.to_string()),
        Some(_) => return Err(bad("callbackId must be short text or a number".to_owned())),
    };
    let method = match fields.remove("method") {
        Some(Value::String(name)) => Method::from_name(&name).ok_or_else(|| {
            Refusal::new(
                Code::UnknownMethod,
                format!("unknown method {:?}", routes::shorten(&name)),
                form,
            )
        })?,
        _ => return Err(bad("method must be text".to_owned())),
    };
    if depth(&data) > MAX_DEPTH {
        return Err(bad(format!(
            "data is nested deeper than {MAX_DEPTH} levels"
        )));
    }
    Ok(Request {
        method,
        data,
        form,
        callback_id,
    })
}

/// `data` sent as text: JSON when it is JSON, else the text itself (`toast('保存成功')`);
/// empty text is no data.
fn decode_text(text: String) -> Value {
    if text.trim().is_empty() {
        return Value::Null;
    }
    serde_json::from_str(&text).unwrap_or(Value::String(text))
}

/// Nesting depth, iteratively: `data` decoded from text was not bounded by the outer parse.
fn depth(value: &Value) -> usize {
    let mut deepest = 0;
    let mut stack = vec![(value, 1)];
    while let Some((value, level)) = stack.pop() {
        deepest = deepest.max(level);
        match value {
            Value::Array(items) => stack.extend(items.iter().map(|item| (item, level + 1))),
            Value::Object(map) => stack.extend(map.values().map(|item| (item, level + 1))),
            _ => {}
        }
    }
    deepest
}

/// The form of `data` in a request that will not be decoded, read without keeping any of it.
fn probe_form(raw: &str) -> DataForm {
    #[derive(Deserialize)]
    struct Probe {
        #[serde(default)]
        data: Option<FormOf>,
    }
    serde_json::from_str::<Probe>(raw)
        .ok()
        .and_then(|probe| probe.data)
        .map_or(DataForm::Object, |FormOf(form)| form)
}

struct FormOf(DataForm);

impl<'de> Deserialize<'de> for FormOf {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FormVisitor;
        impl<'de> Visitor<'de> for FormVisitor {
            type Value = FormOf;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<FormOf, E> {
                Ok(FormOf(DataForm::Text))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<FormOf, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(FormOf(DataForm::Object))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<FormOf, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(FormOf(DataForm::Object))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<FormOf, E> {
                Ok(FormOf(DataForm::Object))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<FormOf, E> {
                Ok(FormOf(DataForm::Object))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<FormOf, E> {
                Ok(FormOf(DataForm::Object))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<FormOf, E> {
                Ok(FormOf(DataForm::Object))
            }
            fn visit_unit<E: de::Error>(self) -> Result<FormOf, E> {
                Ok(FormOf(DataForm::Object))
            }
        }
        deserializer.deserialize_any(FormVisitor)
    }
}

/// A request's parameters, checked for its method.
#[derive(Debug, Clone, PartialEq)]
pub enum Call {
    /// A registry route with checked parameters; who may open it is checked apart.
    OpenPage(ResolvedRoute),
    ClosePage,
    Toast {
        message: String,
    },
    ShowLoading {
        message: Option<String>,
    },
    HideLoading,
    GetNetType,
    GetAppInfo,
    GetUserInfo,
}

const MAX_TOAST_CHARS: usize = 200;

impl Call {
    /// Checks `data` for the request's method: fields a method does not take are refused, so
    /// a typo is reported instead of silently ignored.
    pub fn from_request(request: &Request) -> Result<Call, Refusal> {
        let data = &request.data;
        let bad = |msg: String| Refusal::new(Code::BadParams, msg, request.form);
        match request.method {
            Method::OpenPage => {
                let fields = match data {
                    Value::Object(map) => map.clone(),
                    Value::Null => Map::new(),
                    other => {
                        return Err(bad(format!(
                            "openPage takes an object, not {}",
                            routes::type_name(other)
                        )));
                    }
                };
                routes::split_page_request(fields, None)
                    .and_then(|(name, params)| routes::resolve(&name, &params))
                    .map(Call::OpenPage)
                    .map_err(|error| {
                        Refusal::new(route_code(&error), error.to_string(), request.form)
                    })
            }
            Method::ClosePage => no_fields(data).map(|()| Call::ClosePage).map_err(bad),
            Method::HideLoading => no_fields(data).map(|()| Call::HideLoading).map_err(bad),
            Method::GetNetType => no_fields(data).map(|()| Call::GetNetType).map_err(bad),
            Method::GetAppInfo => no_fields(data).map(|()| Call::GetAppInfo).map_err(bad),
            Method::GetUserInfo => no_fields(data).map(|()| Call::GetUserInfo).map_err(bad),
            Method::Toast => match message(data).map_err(bad)? {
                Some(message) => Ok(Call::Toast { message }),
                None => Err(bad("toast needs a message".to_owned())),
            },
            Method::ShowLoading => Ok(Call::ShowLoading {
                message: message(data).map_err(bad)?,
            }),
        }
    }
}

/// The bridge code for a route that cannot be opened.
pub fn route_code(error: &RouteError) -> Code {
    match error {
        RouteError::UnknownRoute { .. } => Code::UnknownRoute,
        RouteError::Forbidden { .. } => Code::Forbidden,
        RouteError::MissingName
        | RouteError::UnknownParam { .. }
        | RouteError::MissingParam { .. }
        | RouteError::BadParam { .. }
        | RouteError::BadRequest { .. } => Code::BadParams,
    }
}

/// Methods without parameters accept nothing, `null`, `{}` or `""`.
fn no_fields(data: &Value) -> Result<(), String> {
    match data {
        Value::Null => Ok(()),
        Value::Object(map) if map.is_empty() => Ok(()),
        Value::Object(map) => Err(format!(
            "takes no parameters, got {}",
            routes::shorten(&format!("{:?}", map.keys().collect::<Vec<_>>()))
        )),
        _ => Err("takes no parameters".to_owned()),
    }
}

/// A message as `{message: "…"}` or as the bare text.
fn message(data: &Value) -> Result<Option<String>, String> {
    let text = match data {
        Value::Null => return Ok(None),
        Value::String(text) => text,
        Value::Object(map) => {
            if let Some(key) = map.keys().find(|key| *key != "message") {
                return Err(format!("unknown parameter {:?}", routes::shorten(key)));
            }
            match map.get("message") {
                None | Some(Value::Null) => return Ok(None),
                Some(Value::String(text)) => text,
                Some(_) => return Err("message must be text".to_owned()),
            }
        }
        _ => return Err("message must be text".to_owned()),
    };
    if text.chars().count() > MAX_TOAST_CHARS {
        return Err(format!(
            "message is longer than {MAX_TOAST_CHARS} characters"
        ));
    }
    Ok(Some(text.clone()))
}
