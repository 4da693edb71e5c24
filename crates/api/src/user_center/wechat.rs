//! WeChat (微信操作控制器) under `/front/account/wechat/`: QR-code and official-account login,
//! mini-program sign-up, and the callbacks WeChat's own servers make. The app has a typed call
//! for each; only QR-code login (`getQrCode`, then poll `checkAppLogin`) has a screen.
//!
//! All of them are Guest: they either run before anyone is signed in (they are how one signs
//! in) or are made by WeChat, which has no user session. The one exception is
//! [`WechatGetUserPhoneNumber`]. The seed documents no answer beyond `data: {}` for most, so
//! they answer [`serde_json::Value`].

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::endpoint;
use crate::secret::Secret;

/// 微信通知消息回调: where WeChat delivers notifications.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, JsonSchema, specta::Type)]
pub struct WechatCallbackMessage;
endpoint!(WechatCallbackMessage => serde_json::Value, UserCenter Get "/front/account/wechat/callbackMessage", Guest, "user_center.wechat_callback_message");

/// 公众号登录 - 公众号授权回调: the official account's OAuth callback, with WeChat's one-time
/// `code`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, specta::Type)]
pub struct WechatCallbackMp {
    /// The campaign the login came from, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub activity_id: Option<String>,
    /// code: WeChat's one-time OAuth code.
    pub code: Secret,
}
endpoint!(WechatCallbackMp => serde_json::Value, UserCenter Get "/front/account/wechat/callbackMp", Guest, "user_center.wechat_callback_mp");

/// 二维码登录 - 微信网页回调: the web QR-code login's OAuth callback. The seed's answer is a bare
/// `{}`, without the envelope.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, specta::Type)]
pub struct WechatCallbackPc {
    /// code: WeChat's one-time OAuth code.
    pub code: Secret,
}
endpoint!(WechatCallbackPc => serde_json::Value, UserCenter Get "/front/account/wechat/callbackPc", Guest, "user_center.wechat_callback_pc", bare);

/// 用户登录验证: asks whether the QR code `code` has been scanned and confirmed yet; polled by
/// the QR login screen.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, specta::Type)]
pub struct WechatCheckAppLogin {
    /// code: the QR code `getQrCode` answered.
    pub code: Secret,
}
endpoint!(WechatCheckAppLogin => serde_json::Value, UserCenter Get "/front/account/wechat/checkAppLogin", Guest, "user_center.wechat_check_app_login");

/// 根据code 获取openid: exchanges WeChat's one-time `code` for the user's openid.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, specta::Type)]
pub struct WechatGetOpenIdByCode {
    /// code: WeChat's one-time code.
    pub code: Secret,
}
endpoint!(WechatGetOpenIdByCode => serde_json::Value, UserCenter Get "/front/account/wechat/getOpenIdByCode", Guest, "user_center.wechat_get_open_id_by_code");

/// 微信网页登录生成二维码: makes a QR code for web login.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, JsonSchema, specta::Type)]
pub struct WechatGetQrCode;
endpoint!(WechatGetQrCode => serde_json::Value, UserCenter Get "/front/account/wechat/getQrCode", Guest, "user_center.wechat_get_qr_code");

/// 小程序获取手机号: exchanges a mini program's phone-number `code` for the number. Optional:
/// the number belongs to whoever is signed in, when someone is, and it also serves sign-up.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, specta::Type)]
pub struct WechatGetUserPhoneNumber {
    /// code: the mini program's phone-number code.
    pub code: Secret,
}
endpoint!(WechatGetUserPhoneNumber => serde_json::Value, UserCenter Get "/front/account/wechat/getUserPhoneNumber", Optional, "user_center.wechat_get_user_phone_number");

/// 获取getXcxAccessToken-向外提供: the mini program's WeChat access token, offered to other
/// services. The seed's answer is the bare token string, without the envelope.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, specta::Type)]
pub struct WechatGetXcxAccessToken {
    /// Whether a cached token may be answered; sent as `true`/`false`.
    #[serde(rename = "useCacheFlag", skip_serializing_if = "Option::is_none")]
    pub use_cache_flag: Option<bool>,
}
endpoint!(WechatGetXcxAccessToken => Option<Secret>, UserCenter Get "/front/account/wechat/getXcxAccessToken", Guest, "user_center.wechat_get_xcx_access_token", bare);

/// 验证签名: WeChat's server check; answers `echostr` when the signature is right. The seed's
/// answer is the bare string, without the envelope.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, specta::Type)]
pub struct WechatIndex {
    /// timestamp: WeChat's timestamp.
    pub timestamp: String,
    /// signature: WeChat's signature of the request.
    pub signature: String,
    /// nonce: WeChat's random number.
    pub nonce: String,
    /// echostr: the string to echo when the signature is right.
    pub echostr: String,
}
endpoint!(WechatIndex => Option<String>, UserCenter Get "/front/account/wechat/index", Guest, "user_center.wechat_index", bare);

/// 用户注册 (jsCode2Session): signs a mini-program user up from `wx.login`'s `code` and the
/// encrypted user data.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, specta::Type)]
pub struct WechatJsCode2Session {
    /// code: `wx.login`'s one-time code.
    pub code: Secret,
    /// encryptedData: the encrypted user data.
    #[serde(rename = "encryptedData", skip_serializing_if = "Option::is_none")]
    pub encrypted_data: Option<String>,
    /// The initialisation vector of `encryptedData`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub iv: Option<String>,
    /// activity_id: the campaign the sign-up came from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub activity_id: Option<String>,
    /// The user's WeChat profile, as JSON text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_info: Option<String>,
}
endpoint!(WechatJsCode2Session => serde_json::Value, UserCenter Get "/front/account/wechat/jsCode2Session", Guest, "user_center.wechat_js_code2_session");

/// 公众号登录 - 获取code请求: starts official-account login by sending the browser to WeChat
/// for a `code`. The seed's answer is a bare `{}`, without the envelope.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, JsonSchema, specta::Type)]
pub struct WechatRedirectToWxCode;
endpoint!(WechatRedirectToWxCode => serde_json::Value, UserCenter Get "/front/account/wechat/redirectToWxCode", Guest, "user_center.wechat_redirect_to_wx_code", bare);

/// 获取微信配置请求: the JS-SDK configuration (signature and all) for the page at `href`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, specta::Type)]
pub struct WechatWxConfig {
    /// href: the address of the page that will use the JS-SDK.
    pub href: String,
}
endpoint!(WechatWxConfig => serde_json::Value, UserCenter Get "/front/account/wechat/wxConfig", Guest, "user_center.wechat_wx_config");
