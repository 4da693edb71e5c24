//! Values that must never reach a log line, a Debug dump or the UI.

use std::cell::Cell;

use md5::{Digest, Md5};
use serde::{Deserialize, Serialize, Serializer};

/// A token, password, password hash or one-time code. It serialises as itself (the server
/// needs it) but prints as `***` in `Debug` and `Display`, so it cannot leak through logs or
/// error messages by accident; inside [`redacting`] it serialises as the record placeholder.
#[derive(Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

thread_local! {
    static REDACTING: Cell<bool> = const { Cell::new(false) };
}

/// Runs `serialise` with every `Secret` serialised as [`crate::record::REDACTED`]: how a
/// call's record shows exactly the request the server got, less its secrets. Serialisation
/// is synchronous, so the flag cannot leak to another call on this thread.
pub(crate) fn redacting<T>(serialise: impl FnOnce() -> T) -> T {
    struct Reset;
    impl Drop for Reset {
        fn drop(&mut self) {
            REDACTING.set(false);
        }
    }
    REDACTING.set(true);
    let _reset = Reset;
    serialise()
}

impl Serialize for Secret {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if REDACTING.get() {
            serializer.serialize_str(crate::record::REDACTED)
        } else {
            serializer.serialize_str(&self.0)
        }
    }
}

/// Whether a key (a JSON field, a query parameter, a header) names a secret: tokens,
/// passwords, secrets, one-time codes and ID card numbers. `token_status` only says whether
/// a token must be renewed.
pub fn is_secret_key(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    if key == "token_status" {
        return false;
    }
    ["token", "pwd", "password", "secret", "idcard"]
        .iter()
        .any(|word| key.contains(word))
        || matches!(
            key.as_str(),
            "smscode"
                | "verifycode"
                | "smsverifycode"
                | "verificationcode"
                | "googlecode"
                | "authorizationcode"
                | "authorization_code"
                | "authorization"
        )
}

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The value itself, for the one place that puts it on the wire or in the keychain.
    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Self::new(value)
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self(value)
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl std::fmt::Display for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("***")
    }
}

/// A plain string marked as a password, so a form built from the catalog masks it. Written by
/// hand so that the type's own doc comment does not stand in for a field's missing one.
impl schemars::JsonSchema for Secret {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Secret".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "format": "password" })
    }
}

/// A string on the wire.
impl specta::Type for Secret {
    fn definition(types: &mut specta::Types) -> specta::datatype::DataType {
        String::definition(types)
    }
}

/// An answer on its way to a person (the UI, a terminal): every [`Secret`] in it, and every
/// value under a key that names a secret ([`crate::record::redact_value`], the request
/// inspector's list), serialises as [`crate::record::REDACTED`]. A call made by hand shows what
/// the server said, but the tokens it hands out stay with the session that needs them, also
/// when the answer is untyped JSON (WeChat's `checkAppLogin` answers a session that way).
#[derive(Debug, Clone)]
pub struct Redacted<T>(pub T);

impl<T: Serialize> Serialize for Redacted<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut shown =
            redacting(|| serde_json::to_value(&self.0)).map_err(serde::ser::Error::custom)?;
        crate::record::redact_value(&mut shown);
        shown.serialize(serializer)
    }
}

impl<T: specta::Type> specta::Type for Redacted<T> {
    fn definition(types: &mut specta::Types) -> specta::datatype::DataType {
        T::definition(types)
    }
}

/// Family A sends passwords (`loginPwd`, `pwd`) as the lowercase hex MD5 of the plain text.
pub fn password_md5(plain: &Secret) -> Secret {
    let digest = Md5::digest(plain.expose().as_bytes());
    let mut hex = String::with_capacity(32);
    for byte in digest {
        hex.push_str(&format!("{byte:02x}"));
    }
    Secret(hex)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_never_show_the_value() {
        let secret = Secret::new("hunter2");
        assert_eq!(format!("{secret:?}"), "Secret(***)");
        assert_eq!(format!("{secret}"), "***");
        assert_eq!(serde_json::to_string(&secret).unwrap(), "\"hunter2\"");
    }

    #[test]
    fn password_md5_is_lowercase_hex() {
        assert_eq!(
            password_md5(&Secret::new("123456")).expose(),
            "e10adc3949ba59abbe56e057f20f883e"
        );
        assert_eq!(
            password_md5(&Secret::new("")).expose(),
            "d41d8cd98f00b204e9800998ecf8427e"
        );
    }
}
