//! Family C, the financial-planner API (理财师端接口; seed 003): tokens, registration,
//! passwords, the avatar upload and the account detail. Every call carries `platid`, `vercode`
//! and `channel`; errors are numeric strings in `error`.
//!
//! Passwords are sent as given: unlike family A's, the seed says nothing of hashing them. The
//! `authorizationcode` most calls take (from [`GetAuthorizationCode`]) and `client_secret` are
//! credentials too, so they are [`Secret`]s.

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};
use serde_repr::Serialize_repr;

use crate::client::ClientConfig;
use crate::codes;
use crate::endpoint;
use crate::endpoint::{Auth, Endpoint, Family, Guess, Method, Upload};
use crate::error::ApiError;
use crate::lenient;
use crate::secret::Secret;

/// `token_status` (0 fine, 1 must be refreshed, 2 invalid). An invalid token never reaches an
/// answer: the envelope turns it into [`ApiError::Unauthorized`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize_repr, specta::Type)]
#[repr(u8)]
pub enum TokenStatus {
    Valid = 0,
    MustRefresh = 1,
    Invalid = 2,
}

impl TokenStatus {
    fn from_code(code: i64) -> Option<Self> {
        match code {
            0 => Some(TokenStatus::Valid),
            1 => Some(TokenStatus::MustRefresh),
            2 => Some(TokenStatus::Invalid),
            _ => None,
        }
    }
}

/// A `token_status` as a number or a numeric string; anything else (the seed's `""`) is absent.
fn token_status<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<TokenStatus>, D::Error> {
    Ok(lenient::int(deserializer)?.and_then(TokenStatus::from_code))
}

/// A token or code as a string (numbers are accepted too); empty or missing is absent.
fn secret<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Secret>, D::Error> {
    Ok(lenient::string(deserializer)?
        .filter(|value| !value.is_empty())
        .map(Secret::from))
}

/// The session C1 login and C10 refresh answer. The expiries are kept as sent: the seed shows
/// only placeholders and does not say whether they are lifetimes in seconds or instants.
#[derive(Debug, Clone, Default, Serialize, Deserialize, specta::Type)]
#[serde(default)]
pub struct PlannerTokens {
    #[serde(deserialize_with = "secret")]
    #[specta(type = Option<Secret>)]
    pub access_token: Option<Secret>,
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub access_token_expire: Option<i64>,
    #[serde(deserialize_with = "secret")]
    #[specta(type = Option<Secret>)]
    pub refresh_token: Option<Secret>,
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub refresh_token_expire: Option<i64>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub uid: Option<String>,
}

/// An answer with nothing but its outcome: `error` (already checked by the envelope) and, where
/// the server sends it, whether the token should now be refreshed.
#[derive(Debug, Clone, Default, Serialize, Deserialize, specta::Type)]
#[serde(default)]
pub struct Ack {
    #[serde(deserialize_with = "token_status")]
    #[specta(type = Option<TokenStatus>)]
    pub token_status: Option<TokenStatus>,
}

/// C1 账户登录, sign in: with a user name or a phone number, the password and an authorization
/// code.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, specta::Type)]
#[serde(rename = "PlannerLoginRequest")]
pub struct Login {
    /// 用户名: the user name (or give `phonenumber`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// 密码: the password, as typed.
    pub password: Secret,
    /// 手机号码: the phone number (or give `username`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phonenumber: Option<String>,
    /// 授权码: the code `planner.authorization` answered.
    pub authorizationcode: Secret,
}
endpoint!(Login => PlannerTokens, Planner Post "/srv/v1/login", Guest, "planner.login");

/// C2 账户注册, registration: a password with a user name, a phone number (with its SMS code)
/// or an e-mail address. The seed's example line says `post /srv/v1/login`; its heading says
/// `/srv/v1/account`, which is the one that is not login.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, specta::Type)]
#[serde(rename = "PlannerRegisterRequest")]
pub struct Register {
    /// 授权码: the code `planner.authorization` answered.
    pub authorizationcode: Secret,
    /// The seed's `"data": {}`: extra registration data it does not describe, sent as given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<Map<String, Value>>,
    /// 邮箱: an e-mail address to register with.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mailaddress: Option<String>,
    /// 密码: the password, as typed.
    pub password: Secret,
    /// 手机号码: a phone number to register with (with `verificationcode`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phonenumber: Option<String>,
    /// Where the registration comes from; the seed shows only an empty string.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub registersource: Option<String>,
    /// 用户名: a user name to register with.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// 短信验证码: the code sent to `phonenumber`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verificationcode: Option<Secret>,
}
endpoint!(Register => Registered, Planner Post "/srv/v1/account", Guest, "planner.account");

/// C2's answer: the new user's id. Registration does not sign in.
#[derive(Debug, Clone, Default, Serialize, Deserialize, specta::Type)]
#[serde(default)]
pub struct Registered {
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub uid: Option<String>,
}

/// C3 修改密码, change the signed-in user's password (the old one and the new one). The seed lists
/// this call twice (its items 3 and 8); they are one call.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, specta::Type)]
pub struct ChangePassword {
    /// 授权码: the code `planner.authorization` answered.
    pub authorizationcode: Secret,
    /// 新密码: the new password.
    pub newpassword: Secret,
    /// 旧密码: the current password.
    pub oldpassword: Secret,
}
endpoint!(ChangePassword => Ack, Planner Post "/srv/v1/password", Required, "planner.password", guesses: &[ACCESS_TOKEN]);

codes! {
    /// What a picture is for (`type`); the seed names one use.
    pub enum PicType: u8 {
        /// 1-头像: an avatar.
        Avatar = 1,
    }
}

/// C4 上传头像, upload the signed-in user's avatar as `multipart/form-data`: the file part
/// `file` and the text part `type` (1, an avatar) besides the common parameters.
#[derive(Debug, Clone, Deserialize, JsonSchema, specta::Type)]
pub struct UploadPic {
    /// 图片类型: what the picture is for.
    #[serde(rename = "type")]
    pub pic_type: PicType,
    /// 文件: the picture, a PNG, JPEG or WebP under 5 MiB, sent as the `file` part. Given as
    /// `{"fileName", "base64"}` when the call is made from its description.
    #[serde(deserialize_with = "image_file")]
    #[schemars(with = "ImageFile")]
    #[specta(type = ImageFile)]
    pub file: Upload,
}

/// Only `type` is a text part: the file goes as its own part.
impl Serialize for UploadPic {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut parts = serializer.serialize_struct("UploadPic", 1)?;
        parts.serialize_field("type", &self.pic_type)?;
        parts.end()
    }
}

/// A picture as data, for an upload made from the call's description rather than from code.
#[derive(Deserialize, JsonSchema, specta::Type)]
#[serde(rename_all = "camelCase")]
#[schemars(extend("format" = "file"))]
struct ImageFile {
    /// The file's name, sent with the part.
    file_name: String,
    /// The file's bytes in standard Base64.
    base64: String,
}

/// Checks the picture as [`UploadPic::avatar`] does, before anything is sent.
fn image_file<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Upload, D::Error> {
    use base64::Engine;
    use serde::de::Error;
    let image = ImageFile::deserialize(deserializer)?;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(image.base64.trim())
        .map_err(|error| D::Error::custom(format!("base64: {error}")))?;
    Upload::image("file", image.file_name, bytes).map_err(D::Error::custom)
}

impl UploadPic {
    /// An avatar upload, refused before sending unless it is a PNG, JPEG or WebP under 5 MiB
    /// (the server answers 18 and 19 for such files only after the whole upload).
    pub fn avatar(file_name: impl Into<String>, bytes: Vec<u8>) -> Result<Self, ApiError> {
        Ok(Self {
            pic_type: PicType::Avatar,
            file: Upload::image("file", file_name, bytes)?,
        })
    }
}

impl Endpoint for UploadPic {
    const FAMILY: Family = Family::Planner;
    const METHOD: Method = Method::Post;
    const PATH: &'static str = "/srv/v1/pic/upload";
    const AUTH: Auth = Auth::Required;
    const NAME: &'static str = "planner.picUpload";
    type Output = UploadedPic;

    fn upload(&self) -> Option<&Upload> {
        Some(&self.file)
    }
}

/// C4's answer. The seed's only comment, "如果上传成功,返回图片url" (on success, the picture's
/// URL), sits on its `token_status` line, and no other field is shown: so a `token_status` that
/// is not a status code is read as the URL, and a `url` field is read too.
#[derive(Debug, Clone, Default, Serialize, specta::Type)]
pub struct UploadedPic {
    pub url: Option<String>,
    pub token_status: Option<TokenStatus>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct RawUploadedPic {
    #[serde(deserialize_with = "lenient::string")]
    url: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    token_status: Option<String>,
}

impl<'de> Deserialize<'de> for UploadedPic {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = RawUploadedPic::deserialize(deserializer)?;
        let status = raw
            .token_status
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty());
        let code = status.as_deref().and_then(|s| s.parse::<i64>().ok());
        let url_in_status = status.filter(|_| code.is_none());
        Ok(Self {
            url: raw.url.filter(|u| !u.is_empty()).or(url_in_status),
            token_status: code.and_then(TokenStatus::from_code),
        })
    }
}

/// C5 获取授权码, get the authorization code the other calls take, OAuth style.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, specta::Type)]
pub struct GetAuthorizationCode {
    /// 客户端id: the app's OAuth client id.
    pub client_id: String,
    /// 客户端密钥: the app's OAuth client secret.
    pub client_secret: Secret,
    /// 回调地址: the OAuth redirect URI.
    pub redirect_uri: String,
    /// 响应类型: the OAuth response type (`code`).
    pub response_type: String,
    /// 权限范围: the OAuth scope.
    pub scope: String,
}
endpoint!(GetAuthorizationCode => AuthorizationCode, Planner Get "/srv/v1/authorization", Guest, "planner.authorization");

/// C5's answer.
#[derive(Debug, Clone, Default, Serialize, Deserialize, specta::Type)]
#[serde(default)]
pub struct AuthorizationCode {
    #[serde(deserialize_with = "secret")]
    #[specta(type = Option<Secret>)]
    pub authorizationcode: Option<Secret>,
}

/// C6 校验短信验证码, check an SMS code for a phone number (also the old number's before a
/// rebind, error 3). Success is the whole answer.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, specta::Type)]
pub struct VerifyVerificationCode {
    /// 授权码: the code `planner.authorization` answered.
    pub authorizationcode: Secret,
    /// 手机号码: the phone the code was sent to.
    pub phonenumber: String,
    /// 短信验证码: the code to check.
    pub verificationcode: Secret,
}
endpoint!(VerifyVerificationCode => Ack, Planner Get "/srv/v1/verifyVerificationCode", Guest, "planner.verifyVerificationCode");

/// C7 检查手机号码, is the phone number valid and still free: success means it can register;
/// error 14 means it already has an account, 34 that it is not a phone number.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, specta::Type)]
pub struct CheckPhonenumber {
    /// 授权码: the code `planner.authorization` answered.
    pub authorizationcode: Secret,
    /// 手机号码: the phone number to check.
    pub phonenumber: String,
}
endpoint!(CheckPhonenumber => Ack, Planner Get "/srv/v1/checkPhonenumber", Guest, "planner.checkPhonenumber");

/// C8 忘记密码, set a new password for a forgotten one with an SMS code. The seed writes its
/// request as a query string inside braces; as a POST of this family it is sent as a JSON body.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, specta::Type)]
pub struct ForgetPassword {
    /// 授权码: the code `planner.authorization` answered.
    pub authorizationcode: Secret,
    /// 新密码: the new password.
    pub newpassword: Secret,
    /// 手机号码: the account's phone number.
    pub phonenumber: String,
    /// 短信验证码: the code sent to it.
    pub verificationcode: Secret,
}
endpoint!(ForgetPassword => Ack, Planner Post "/srv/v1/forgetpassword", Guest, "planner.forgetpassword", guesses: &[Guess {
    id: "body-or-query",
    choice: "a JSON body, as the family's other POSTs",
    reason: "the seed writes the request as a query string inside braces, half query and half body",
}]);

/// C9 账号详情, the signed-in user's account details.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, specta::Type)]
pub struct GetAccountDetail;
endpoint!(GetAccountDetail => AccountDetail, Planner Get "/srv/v1/accountDetail", Required, "planner.accountDetail", guesses: &[ACCESS_TOKEN]);

/// C3's and C9's session: neither example shows `access_token`.
const ACCESS_TOKEN: Guess = Guess {
    id: "access-token",
    choice: "`access_token` sent, as on C4",
    reason: "the example shows no `access_token`, but the call acts on the signed-in user and answers `token_status`",
};

/// C9's answer. The seed shows `data: {}` and names none of its fields, so it is kept as sent.
#[derive(Debug, Clone, Default, Serialize, Deserialize, specta::Type)]
#[serde(default)]
pub struct AccountDetail {
    pub data: Value,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub message: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub reason: Option<String>,
    #[serde(deserialize_with = "token_status")]
    #[specta(type = Option<TokenStatus>)]
    pub token_status: Option<TokenStatus>,
}

/// C10 刷新令牌, exchange the refresh token for a new session. **Inferred, not in the seed**: it
/// returns refresh tokens and `token_status` 1 ("must be refreshed") but documents no call for
/// it. The body is the common parameters and `refresh_token`, without `access_token` (it is the
/// one that expired); the answer is C1's. Each environment names the path
/// ([`ClientConfig::planner_refresh_path`]).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, specta::Type)]
pub struct Refresh {
    /// The refresh token the sign-in answered.
    pub refresh_token: Secret,
}

impl Endpoint for Refresh {
    const FAMILY: Family = Family::Planner;
    const METHOD: Method = Method::Post;
    const PATH: &'static str = "/srv/v1/refresh";
    const AUTH: Auth = Auth::Guest;
    const NAME: &'static str = "planner.refresh";
    type Output = PlannerTokens;

    fn path(&self, config: &ClientConfig) -> String {
        config.planner_refresh_path.clone()
    }
}
