//! Family A, the customer API (客户接口; seeds 000 and 001): sign-in, registration, password
//! retrieval, and the real and demo trading accounts. Every call is a POST with a JSON body.

use serde::{Deserialize, Serialize};
use serde_repr::{Deserialize_repr, Serialize_repr};

use crate::endpoint;
use crate::lenient;
use crate::secret::Secret;

/// How the user names their account (注册登录方式).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize_repr, Deserialize_repr)]
#[repr(u8)]
pub enum LoginType {
    Email = 1,
    Phone = 2,
    CustomerNo = 3,
}

/// The device the call comes from (登录设备 / 注册来源); the app sends its own platform's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize_repr, Deserialize_repr)]
#[repr(u8)]
pub enum Device {
    H5 = 1,
    PcWeb = 2,
    System = 3,
    Android = 4,
    Ios = 5,
    HarmonyOs = 6,
    PcWindows = 7,
    PcMac = 8,
    Other = 9,
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
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Login {
    #[serde(rename = "type")]
    pub login_type: LoginType,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone_area: Option<String>,
    pub login_name: String,
    pub device: Device,
    pub is_third: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verify_code: Option<Secret>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub send_token: Option<Secret>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub login_pwd: Option<Secret>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bind_third_user_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub third_source: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub google_code: Option<Secret>,
}
endpoint!(Login => Customer, Customer Post "/api/login/customer.app.CustomerWebApiService.login", Guest, "customer.login");

/// The signed-in customer with its session and trading accounts (A1's `data`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Customer {
    #[serde(deserialize_with = "lenient::int")]
    pub id: Option<i64>,
    #[serde(deserialize_with = "lenient::string")]
    pub customer_no: Option<String>,
    pub token: Option<Secret>,
    pub r_token: Option<Secret>,
    #[serde(deserialize_with = "lenient::string")]
    pub name: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    pub first_name: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    pub last_name: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    pub email: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    pub phone: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    pub phone_area: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    pub country: Option<String>,
    #[serde(deserialize_with = "lenient::int")]
    pub company_id: Option<i64>,
    /// `real` or `demo` (模拟).
    #[serde(deserialize_with = "lenient::string")]
    pub company_type: Option<String>,
    #[serde(deserialize_with = "lenient::int")]
    pub customer_group_id: Option<i64>,
    #[serde(deserialize_with = "lenient::int")]
    pub status: Option<i64>,
    #[serde(deserialize_with = "lenient::int")]
    pub kyc_status: Option<i64>,
    #[serde(deserialize_with = "lenient::string")]
    pub kyc_remark: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    pub login_pass_status: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    pub pay_pass_status: Option<String>,
    #[serde(deserialize_with = "lenient::int")]
    pub open_account_type: Option<i64>,
    #[serde(deserialize_with = "lenient::string")]
    pub source: Option<String>,
    #[serde(deserialize_with = "lenient::int")]
    pub register_time: Option<i64>,
    #[serde(deserialize_with = "lenient::int")]
    pub login_time: Option<i64>,
    #[serde(deserialize_with = "lenient::list")]
    pub account_list: Vec<TradingAccount>,
}

/// One trading account with its balances (A1's `accountList`). Amounts stay decimal strings:
/// they are money, and the server sends them with the account's own number of `digits`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct TradingAccount {
    #[serde(deserialize_with = "lenient::int")]
    pub account_id: Option<i64>,
    #[serde(deserialize_with = "lenient::int")]
    pub customer_id: Option<i64>,
    #[serde(deserialize_with = "lenient::string")]
    pub customer_no: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    pub currency: Option<String>,
    #[serde(rename = "type", deserialize_with = "lenient::int")]
    pub account_type: Option<i64>,
    #[serde(deserialize_with = "lenient::int")]
    pub trade_type: Option<i64>,
    #[serde(deserialize_with = "lenient::int")]
    pub status: Option<i64>,
    #[serde(deserialize_with = "lenient::int")]
    pub digits: Option<i64>,
    #[serde(deserialize_with = "lenient::string")]
    pub balance: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    pub equity: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    pub available: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    pub net_assets: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    pub frozen: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    pub margin: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    pub free_margin: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    pub profit: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    pub withdraw_amount: Option<String>,
    #[serde(deserialize_with = "lenient::flag")]
    pub open_account_status: Option<bool>,
}
