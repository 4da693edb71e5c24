//! Endpoints as data: each call is a small serialisable struct plus these constants. The
//! client's one `send` path does everything else.

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::client::ClientConfig;

/// The three backend families, each with its own base URL, envelope and way to carry a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Family {
    /// A: the customer API (客户接口). JSON bodies, headers, the `{code, msg, ok, fail, data}` envelope.
    Customer,
    /// B: the user centre (用户中心). Query-string parameters, `{code, data, error, msg, status}`.
    UserCenter,
    /// C: the financial-planner API (理财师端接口). Common parameters, numeric `error` codes.
    Planner,
}

impl Family {
    pub fn letter(self) -> char {
        match self {
            Family::Customer => 'A',
            Family::UserCenter => 'B',
            Family::Planner => 'C',
        }
    }

    /// What every call of the family does where its seed is silent; a call's own are in
    /// [`Endpoint::GUESSES`].
    pub fn guesses(self) -> &'static [Guess] {
        match self {
            Family::Customer | Family::Planner => &[],
            Family::UserCenter => &[
                Guess {
                    id: "token-transport",
                    choice: "Authorization: Bearer <token>, unless the environment chooses a token header or a token query parameter",
                    reason: "the seed documents 401 and 403 on every call but no way to carry the token; Bearer is the common scheme",
                },
                Guess {
                    id: "bind-type-values",
                    choice: "bindType 1 for a mobile number, 2 for an e-mail address",
                    reason: "the seed names the enum BindConnectCode without listing its values",
                },
            ],
        }
    }
}

/// A choice made where the seeds are silent or contradict themselves: named once, here in the
/// endpoint data, so that every one can be listed (the catalog, the README's table).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
pub struct Guess {
    /// Short and stable: `new-password-field`.
    pub id: &'static str,
    /// What is sent.
    pub choice: &'static str,
    /// Why, from the seed's own words.
    pub reason: &'static str,
}

impl std::fmt::Display for Family {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Family::Customer => "customer API",
            Family::UserCenter => "user centre",
            Family::Planner => "planner API",
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
pub enum Method {
    #[serde(rename = "GET")]
    Get,
    #[serde(rename = "POST")]
    Post,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }
}

/// Whether a call needs the family's session token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Auth {
    /// Never sends a token (游客可访问).
    Guest,
    /// Sends the token when there is one.
    Optional,
    /// Refused without a token, before anything is sent.
    Required,
}

/// One backend call. The struct's serialised fields are its parameters; the family decides
/// where they go (A: JSON body; B: query string; C: JSON body for POST, query for GET).
pub trait Endpoint: Serialize {
    const FAMILY: Family;
    const METHOD: Method;
    const PATH: &'static str;
    const AUTH: Auth;
    /// Stable `family.call` name (`customer.login`): logs, the inspector and the CLI use it.
    const NAME: &'static str;
    type Output: DeserializeOwned;
    /// The answer is the payload itself, without the family's envelope: a few of WeChat's
    /// callbacks and echoes answer `{}`, a bare string, or plain text.
    const BARE: bool = false;
    /// What this call does where its seed is silent or contradictory.
    const GUESSES: &'static [Guess] = &[];

    /// The path to call; only calls whose path an environment may change override it.
    fn path(&self, _config: &ClientConfig) -> String {
        Self::PATH.to_owned()
    }

    /// Headers a call documents beyond its family's.
    fn extra_headers(&self) -> Vec<(&'static str, String)> {
        Vec::new()
    }

    /// A file sent as `multipart/form-data` with the parameters as text parts.
    fn upload(&self) -> Option<&Upload> {
        None
    }
}

/// Any call sent with an `Idempotency-Key` header: the outbox resends an edit with the same
/// key until it has an answer, and a server that honours the key applies the edit once. A
/// wrapper rather than a send option, so `Client::send` stays the one path.
#[derive(Debug, Clone)]
pub struct Idempotent<E> {
    pub key: String,
    pub endpoint: E,
}

impl<E> Idempotent<E> {
    pub const HEADER: &'static str = "Idempotency-Key";

    pub fn new(key: impl Into<String>, endpoint: E) -> Self {
        Self {
            key: key.into(),
            endpoint,
        }
    }
}

// By hand: the key is a header, never a parameter, so only the wrapped call is serialised.
impl<E: Serialize> Serialize for Idempotent<E> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.endpoint.serialize(serializer)
    }
}

impl<E: Endpoint> Endpoint for Idempotent<E> {
    const FAMILY: Family = E::FAMILY;
    const METHOD: Method = E::METHOD;
    const PATH: &'static str = E::PATH;
    const AUTH: Auth = E::AUTH;
    const NAME: &'static str = E::NAME;
    const BARE: bool = E::BARE;
    const GUESSES: &'static [Guess] = E::GUESSES;
    type Output = E::Output;

    fn path(&self, config: &ClientConfig) -> String {
        self.endpoint.path(config)
    }

    fn extra_headers(&self) -> Vec<(&'static str, String)> {
        let mut headers = self.endpoint.extra_headers();
        headers.push((Self::HEADER, self.key.clone()));
        headers
    }

    fn upload(&self) -> Option<&Upload> {
        self.endpoint.upload()
    }
}

/// A file to upload, checked by [`Upload::image`] before it is ever sent.
#[derive(Clone)]
pub struct Upload {
    pub field: &'static str,
    pub file_name: String,
    pub mime: &'static str,
    pub bytes: Vec<u8>,
}

impl std::fmt::Debug for Upload {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Upload")
            .field("field", &self.field)
            .field("file_name", &self.file_name)
            .field("mime", &self.mime)
            .field("len", &self.bytes.len())
            .finish()
    }
}

/// Implements [`Endpoint`] for a request struct from one line of data per call.
#[macro_export]
macro_rules! endpoint {
    ($request:ty => $output:ty, $family:ident $method:ident $path:literal, $auth:ident, $name:expr, bare) => {
        $crate::endpoint!(@impl $request => $output, $family $method $path, $auth, $name, true);
    };
    ($request:ty => $output:ty, $family:ident $method:ident $path:literal, $auth:ident, $name:expr, guesses: $guesses:expr) => {
        $crate::endpoint!(@impl $request => $output, $family $method $path, $auth, $name, false, $guesses);
    };
    ($request:ty => $output:ty, $family:ident $method:ident $path:literal, $auth:ident, $name:expr) => {
        $crate::endpoint!(@impl $request => $output, $family $method $path, $auth, $name, false);
    };
    (@impl $request:ty => $output:ty, $family:ident $method:ident $path:literal, $auth:ident, $name:expr, $bare:literal) => {
        $crate::endpoint!(@impl $request => $output, $family $method $path, $auth, $name, $bare, &[]);
    };
    (@impl $request:ty => $output:ty, $family:ident $method:ident $path:literal, $auth:ident, $name:expr, $bare:literal, $guesses:expr) => {
        impl $crate::endpoint::Endpoint for $request {
            const FAMILY: $crate::endpoint::Family = $crate::endpoint::Family::$family;
            const METHOD: $crate::endpoint::Method = $crate::endpoint::Method::$method;
            const PATH: &'static str = $path;
            const AUTH: $crate::endpoint::Auth = $crate::endpoint::Auth::$auth;
            const NAME: &'static str = $name;
            const BARE: bool = $bare;
            const GUESSES: &'static [$crate::endpoint::Guess] = $guesses;
            type Output = $output;
        }
    };
}

impl Upload {
    /// The planner API's limit for avatars, checked before sending.
    pub const MAX_IMAGE_BYTES: usize = 5 * 1024 * 1024;

    /// An image for upload: PNG, JPEG or WebP (recognised by content, not by name), under 5 MiB.
    pub fn image(
        field: &'static str,
        file_name: impl Into<String>,
        bytes: Vec<u8>,
    ) -> Result<Self, crate::ApiError> {
        let invalid = |message: &str| crate::ApiError::InvalidInput {
            field,
            message: message.to_owned(),
        };
        if bytes.is_empty() {
            return Err(invalid("the image is empty"));
        }
        if bytes.len() >= Self::MAX_IMAGE_BYTES {
            return Err(invalid("the image must be smaller than 5 MiB"));
        }
        let mime = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            "image/png"
        } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            "image/jpeg"
        } else if bytes.len() >= 12 && &bytes[0..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
            "image/webp"
        } else {
            return Err(invalid("only PNG, JPEG or WebP images can be uploaded"));
        };
        Ok(Self {
            field,
            file_name: file_name.into(),
            mime,
            bytes,
        })
    }
}

/// A path the seed documents for both GET and POST with the same parameters: one request type
/// per method around one parameter struct, named `<name>_get` and `<name>_post`.
#[macro_export]
macro_rules! get_and_post {
    ($(#[$doc:meta])* $get:ident, $post:ident($params:ty) => $output:ty, $family:ident $path:literal, $auth:ident, $name:literal) => {
        $(#[$doc])*
        ///
        /// Sent as GET.
        #[derive(Debug, Clone, Default, ::serde::Serialize, ::serde::Deserialize, ::schemars::JsonSchema, ::specta::Type)]
        #[serde(transparent)]
        pub struct $get(pub $params);
        $crate::endpoint!($get => $output, $family Get $path, $auth, concat!($name, "_get"));

        $(#[$doc])*
        ///
        /// Sent as POST.
        #[derive(Debug, Clone, Default, ::serde::Serialize, ::serde::Deserialize, ::schemars::JsonSchema, ::specta::Type)]
        #[serde(transparent)]
        pub struct $post(pub $params);
        $crate::endpoint!($post => $output, $family Post $path, $auth, concat!($name, "_post"));
    };
}
