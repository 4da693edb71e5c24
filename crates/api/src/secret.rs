//! Values that must never reach a log line, a Debug dump or the UI.

use md5::{Digest, Md5};
use serde::{Deserialize, Serialize};

/// A token, password, password hash or one-time code. It serialises as itself (the server
/// needs it) but prints as `***` in `Debug` and `Display`, so it cannot leak through logs or
/// error messages by accident.
#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

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
