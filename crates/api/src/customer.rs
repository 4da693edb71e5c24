//! Family A, the customer API (客户接口; seeds 000 and 001): sign-in, registration, password
//! retrieval, and the real and demo trading accounts. Every call is a POST with a JSON body.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::codes;
use crate::endpoint;
use crate::endpoint::{Auth, Endpoint, Family, Guess, Method};
use crate::lenient::{self, value_to_string};
use crate::secret::Secret;

codes! {
    /// How the user names their account (注册登录方式).
    pub enum LoginType: u8 {
        /// 1-邮箱: e-mail.
        Email = 1,
        /// 2-手机: phone, with `phoneArea`.
        Phone = 2,
        /// 3-客户号: customer number.
        CustomerNo = 3,
    }
}

codes! {
    /// The device the call comes from (登录设备 / 注册来源); the app sends its own platform's.
    pub enum Device: u8 {
        /// 1-H5: a mobile web page.
        H5 = 1,
        /// 2-PC web.
        PcWeb = 2,
        /// 3-系统: the system itself.
        System = 3,
        /// 4-Android.
        Android = 4,
        /// 5-iOS.
        Ios = 5,
        /// 6-HarmonyOS (鸿蒙).
        HarmonyOs = 6,
        /// 7-PC Windows.
        PcWindows = 7,
        /// 8-PC Mac.
        PcMac = 8,
        /// 9-其他: other.
        Other = 9,
    }
}

impl Device {
    /// The value for the platform this binary was built for.
    pub fn current() -> Self {
        if cfg!(target_os = "android") {
            Device::Android
        } else if cfg!(target_os = "ios") {
            Device::Ios
        } else if cfg!(target_os = "windows") {
            Device::PcWindows
        } else if cfg!(target_os = "macos") {
            Device::PcMac
        } else {
            Device::Other
        }
    }
}

/// A1: sign in by e-mail, phone (+`phoneArea`) or customer number, with a password (`loginPwd`,
/// the MD5 from [`crate::password_md5`]), an SMS code (`verifyCode` + `sendToken`) or a third
/// party (`isThird`).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, specta::Type)]
#[serde(rename_all = "camelCase")]
#[serde(rename = "CustomerLoginRequest")]
pub struct Login {
    /// 注册登录方式: how the account is named (1 邮箱 e-mail, 2 手机号码 phone, 3 客户账号 customer number).
    #[serde(rename = "type")]
    pub login_type: LoginType,
    /// 手机区号: the phone's area code; required when `type` is 2 (phone).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone_area: Option<String>,
    /// 账号: the e-mail address, phone number or customer number, as `type` says.
    pub login_name: String,
    /// 登录设备: the device the sign-in comes from.
    pub device: Device,
    /// 是否第三方: whether a third party (Google, Facebook, …) vouches for the user.
    pub is_third: bool,
    /// 验证码: the SMS or e-mail code, for a sign-in by code (with `sendToken`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verify_code: Option<Secret>,
    /// 验证码发送票据: the ticket the code was sent under.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub send_token: Option<Secret>,
    /// 登录密码: the password, as the lowercase hex MD5 of the plain text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub login_pwd: Option<Secret>,
    /// 绑定第三方userId: the third party's user id to bind to the account.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bind_third_user_id: Option<String>,
    /// 第三方源: the third party (google, facebook, twitter, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub third_source: Option<String>,
    /// 谷歌验证码: the Google Authenticator code, when the account has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub google_code: Option<Secret>,
}
endpoint!(Login => Customer, Customer Post "/api/login/customer.app.CustomerWebApiService.login", Guest, "customer.login");

/// The signed-in customer with its session and trading accounts (A1's `data`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default)]
pub struct Customer {
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub id: Option<i64>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub customer_no: Option<String>,
    pub token: Option<Secret>,
    pub r_token: Option<Secret>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub name: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub first_name: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub last_name: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub email: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub phone: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub phone_area: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub country: Option<String>,
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub company_id: Option<i64>,
    /// `real` or `demo` (模拟).
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub company_type: Option<String>,
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub customer_group_id: Option<i64>,
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub status: Option<i64>,
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub kyc_status: Option<i64>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub kyc_remark: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub login_pass_status: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub pay_pass_status: Option<String>,
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub open_account_type: Option<i64>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub source: Option<String>,
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub register_time: Option<i64>,
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub login_time: Option<i64>,
    #[serde(deserialize_with = "lenient::list")]
    #[specta(type = Vec<TradingAccount>)]
    pub account_list: Vec<TradingAccount>,
}

/// One trading account with its balances (A1's `accountList`). Amounts stay decimal strings:
/// they are money, and the server sends them with the account's own number of `digits`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default)]
pub struct TradingAccount {
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub account_id: Option<i64>,
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub customer_id: Option<i64>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub customer_no: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub currency: Option<String>,
    #[serde(rename = "type", deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub account_type: Option<i64>,
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub trade_type: Option<i64>,
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub status: Option<i64>,
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub digits: Option<i64>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub balance: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub equity: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub available: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub net_assets: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub frozen: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub margin: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub free_margin: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub profit: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub withdraw_amount: Option<String>,
    #[serde(deserialize_with = "lenient::flag")]
    #[specta(type = Option<bool>)]
    pub open_account_status: Option<bool>,
}

codes! {
    /// Whether the new account belongs to a person or a company (开户类型; the server's default is
    /// a person).
    pub enum OpenAccountType: u8 {
        /// 0-个人: a person.
        Personal = 0,
        /// 1-公司: a company.
        Company = 1,
    }
}

/// The currencies to open for one trade type (A2's `tradeTypeCurrencyList`). The seed declares
/// both as strings and says nothing more.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct TradeTypeCurrency {
    pub all_currency: String,
    pub trade_type: String,
}

/// A2 客户注册, registration: by e-mail or phone (`type` 1 or 2, with `phoneArea`) with the code
/// from `verifyCode` + `sendToken`, optionally a password (`pwd`, the MD5 from
/// [`crate::password_md5`]), the advertising (utm) fields of the sign-up link and the trade
/// types to open.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, specta::Type)]
#[serde(rename_all = "camelCase")]
#[serde(rename = "CustomerRegisterRequest")]
pub struct Register {
    /// The client's address for the `X-Forwarded-For` header the seed requires on this call
    /// only (the server records where a registration came from); a header, not a parameter.
    #[serde(skip)]
    pub forwarded_for: String,
    /// 国家: the ISO code of the country the customer lives in.
    pub country: String,
    /// The language of the new account; the server defaults to `en-US`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// 账号: the e-mail address or phone number, as `type` says.
    pub login_name: String,
    /// The server defaults to `+86`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone_area: Option<String>,
    /// Only [`LoginType::Email`] and [`LoginType::Phone`] register an account.
    #[serde(rename = "type")]
    pub register_type: LoginType,
    /// The device model (`registerDevice`), free text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub register_device: Option<String>,
    /// 验证码: the code sent to the e-mail address or phone.
    pub verify_code: Secret,
    /// 验证码发送票据: the ticket the code was sent under.
    pub send_token: Secret,
    /// 注册来源: the device the registration comes from (the same codes as `device`).
    pub register_source: Device,
    /// 广告来源: the sign-up link's `source`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub utm_source: Option<String>,
    /// 广告媒介: the sign-up link's `medium`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub utm_medium: Option<String>,
    /// 广告系列: the sign-up link's `campaign`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub utm_campaign: Option<String>,
    /// 广告组: the sign-up link's `content`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub utm_content: Option<String>,
    /// 关键词: the sign-up link's `term`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub utm_term: Option<String>,
    /// 客户组ID: the customer group to join.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer_group_id: Option<i64>,
    /// The trade types to open, each with its currencies (`allCurrency`, `tradeType`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub trade_type_currency_list: Vec<TradeTypeCurrency>,
    /// 开户类型: a person or a company; the server's default is a person.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub open_account_type: Option<OpenAccountType>,
    /// 密码: the password, as the lowercase hex MD5 of the plain text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pwd: Option<Secret>,
    /// The third-party system's own number for this customer (第三方系统唯一编号).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub third_server_code: Option<String>,
    /// The third-party system, such as `agent` (代理).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub third_server_source: Option<String>,
}

impl Endpoint for Register {
    const FAMILY: Family = Family::Customer;
    const METHOD: Method = Method::Post;
    const PATH: &'static str = "/api/register/customer.app.CustomerWebApiService.register";
    const AUTH: Auth = Auth::Guest;
    const NAME: &'static str = "customer.register";
    const GUESSES: &'static [Guess] = &[Guess {
        id: "x-forwarded-for",
        choice: "the value the caller gives; the app sends it empty",
        reason: "the seed marks the header required with the value `text`; a client behind NAT does not know its public address, which a proxy in front of the server adds",
    }];
    type Output = Registration;

    fn extra_headers(&self) -> Vec<(&'static str, String)> {
        vec![("X-Forwarded-For", self.forwarded_for.clone())]
    }
}

/// The new customer (A2's `data`). Registration does not sign in: there is no token here.
#[derive(Debug, Clone, Default, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default)]
pub struct Registration {
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub id: Option<i64>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub customer_no: Option<String>,
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub company_id: Option<i64>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub company_type: Option<String>,
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub association_company_id: Option<i64>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub email: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub phone: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub phone_area: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub name: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub country: Option<String>,
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub customer_group_id: Option<i64>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub login_pass_status: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub pay_pass_status: Option<String>,
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub optional: Option<i64>,
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub company_kyc_status: Option<i64>,
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub capital_in_status: Option<i64>,
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub open_account_type: Option<i64>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub third_server_code: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub source: Option<String>,
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub register_time: Option<i64>,
    #[serde(deserialize_with = "lenient::flag")]
    #[specta(type = Option<bool>)]
    pub api_check_switch: Option<bool>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub api_check_rule: Option<String>,
    /// The account-opening form (开户资料) the company asks for next, level by level.
    #[serde(deserialize_with = "lenient::list")]
    #[specta(type = Vec<OpenAccountLevel>)]
    pub list: Vec<OpenAccountLevel>,
}

/// One level of the account-opening form (A2's `data.list`). The seed gives only the field
/// names; they are kept as sent.
#[derive(Debug, Clone, Default, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default)]
pub struct OpenAccountLevel {
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub level_code: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub level_name: Option<String>,
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub open_account_type: Option<i64>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub path_code: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub path_name: Option<String>,
    #[serde(deserialize_with = "lenient::list")]
    #[specta(type = Vec<OpenAccountElement>)]
    pub element_list: Vec<OpenAccountElement>,
}

/// One field of an account-opening level (A2's `elementList`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default)]
pub struct OpenAccountElement {
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub element_code: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub element_name: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub show_type: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub extend: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub element_value: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub element_value_input_group: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub element_code_input_group: Option<String>,
}

/// A3 checkToken (校验邮件链接上的 token): checks the token carried by an e-mail link.
///
/// The seed's example body is the generic one its A3–A7 examples share (companyId, cardId,
/// smsCode…); its only call-specific line is "邮件链接信息上的token信息" after the headers, so
/// the body carries just that token, as `token`. The call is open to guests (游客可访问) and
/// lists the `token` header as the login's ({{LoginResult.data.token}}), so a signed-in caller
/// sends its session there: the app checks a restored session this way, with no link token.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, specta::Type)]
pub struct CheckToken {
    /// 邮件链接信息上的token: the token carried by the e-mail link, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token: Option<Secret>,
}
endpoint!(CheckToken => serde_json::Value, Customer Post "/api/global/customer.app.CustomerWebApiService.checkToken", Optional, "customer.checkToken");

/// A4 checkPhone (校验手机号): is this phone number usable.
///
/// The seed's example body is the shared generic one and its description line is a copy of
/// A3's; the call checks a phone number, so it sends `phone` and `phoneArea` as A5 spells them.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CheckPhone {
    /// 手机号码: the phone number to check.
    pub phone: String,
    /// 手机区号: its area code.
    pub phone_area: String,
}
endpoint!(CheckPhone => serde_json::Value, Customer Post "/api/global/customer.app.CustomerWebApiService.checkPhone", Guest, "customer.checkPhone");

/// A5 checkPhoneForRetriedLoginPwd (找回登录密码：校验手机), step 1 of password retrieval: the
/// phone and the SMS code sent to it (`smsVerifyCode` + `smsSendToken`). Answers the token that
/// step 2 ([`RetrieveLoginPwd`]) needs.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CheckPhoneForRetriedLoginPwd {
    /// 手机号码: the account's phone number.
    pub phone: String,
    /// 手机区号: its area code.
    pub phone_area: String,
    /// 短信验证码: the code sent to the phone.
    pub sms_verify_code: Secret,
    /// 验证码发送票据: the ticket the code was sent under.
    pub sms_send_token: Secret,
}
endpoint!(CheckPhoneForRetriedLoginPwd => RetrievalToken, Customer Post "/api/global/customer.app.CustomerWebApiService.checkPhoneForRetriedLoginPwd", Guest, "customer.checkPhoneForRetriedLoginPwd");

/// A5's answer: the token for step 2. The seed's example shows `data: {}` while its step 2 says
/// "前一步生成token" (the token the previous step made), so the token is read from `data` as a
/// bare string (as A10 sends its token) or from `data.token`; any other shape leaves it `None`.
#[derive(Debug, Clone, Default, Serialize, specta::Type)]
pub struct RetrievalToken {
    pub token: Option<Secret>,
}

impl<'de> Deserialize<'de> for RetrievalToken {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let token = match serde_json::Value::deserialize(deserializer)? {
            serde_json::Value::Object(data) => data.get("token").and_then(value_to_string),
            other => value_to_string(&other),
        };
        Ok(Self {
            token: token.filter(|t| !t.is_empty()).map(Secret::from),
        })
    }
}

/// A6 retrieveLoginPwd (找回登录密码：设置新密码), step 2: the new password with the step-1 token.
///
/// The seed's example body is the shared generic one; its only call-specific line is
/// "前一步生成token". Its example headers, unlike A3–A5's and A7's, carry no `token`, and in A7
/// the same line follows a body parameter (`device`), so the token travels in the body as
/// `token`. The new password goes as `loginPwd` (the MD5 from [`crate::password_md5`]), the name
/// A1 uses for the login password this call sets.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct RetrieveLoginPwd {
    /// 前一步生成token: the token step 1 answered.
    pub token: Secret,
    /// The new password, as the lowercase hex MD5 of the plain text.
    pub login_pwd: Secret,
}
endpoint!(RetrieveLoginPwd => serde_json::Value, Customer Post "/api/global/customer.app.CustomerWebApiService.retrieveLoginPwd", Guest, "customer.retrieveLoginPwd", guesses: &[NEW_PASSWORD_FIELD]);

/// A7 firstSetLoginPwd (首次设置登录密码): the first password of an account created without one;
/// on success the user is signed in (设置成功后自动登录) and the answer is the customer with its
/// token, as A1's.
///
/// The seed documents `device` and "前一步生成token" (the token of the step before, in the body
/// as in A6); the password itself is not in its generic example body but is what the call sets,
/// so it goes as `loginPwd` (MD5), as in A1.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct FirstSetLoginPwd {
    /// 登录设备: the device the call comes from.
    pub device: Device,
    /// 前一步生成token: the token of the step before.
    pub token: Secret,
    /// The first password, as the lowercase hex MD5 of the plain text.
    pub login_pwd: Secret,
}
endpoint!(FirstSetLoginPwd => Customer, Customer Post "/api/global/customer.app.CustomerWebApiService.firstSetLoginPwd", Guest, "customer.firstSetLoginPwd", guesses: &[
    NEW_PASSWORD_FIELD,
    Guess {
        id: "step-token-placement",
        choice: "the token of the step before in the body, as `token`",
        reason: "the seed's line 前一步生成token follows the body parameter `device`, and A6's example headers carry no token for it",
    },
]);

/// A6's and A7's new password: neither seed names its field.
const NEW_PASSWORD_FIELD: Guess = Guess {
    id: "new-password-field",
    choice: "`loginPwd`, the lowercase hex MD5 of the password",
    reason: "the seeds' example bodies are the generic one A3 to A7 share and name no password field; `loginPwd` is A1's name for the password these calls set",
};

/// A8 真实模拟账户切换: switch the signed-in customer between the real and the demo (模拟)
/// trading account. The body is empty; the seed's answer is `{}`, kept as sent.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, specta::Type)]
pub struct SwitchAccount;
endpoint!(SwitchAccount => serde_json::Value, Customer Post "/api/thirdExt/switchAccount", Required, "customer.switchAccount");

/// A9 重置模拟账户: reset the signed-in customer's demo account. The body is empty; the seed's
/// answer is `{}`, kept as sent.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, specta::Type)]
pub struct ResetAccount;
endpoint!(ResetAccount => serde_json::Value, Customer Post "/api/global/customer.app.CustomerDubboApiService.resetAccount", Required, "customer.resetAccount");

/// A10 获取访问令牌: exchange a one-time temporary token for the final access token, which is
/// the answer's `data`. The seed's body is empty and its only token is the optional `token`
/// header, so the temporary token is the one passed to [`crate::Client::send`].
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, specta::Type)]
pub struct RandomKey;
endpoint!(RandomKey => Secret, Customer Post "/api/global/thirdExt/randomKey", Optional, "customer.randomKey");
