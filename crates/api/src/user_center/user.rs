//! The user's profile (用户基本信息表) under `/front/account/user/`: reading and editing it,
//! real-name verification, the mobile number, and the platform's user levels.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Page;
use super::login::AccountForm;
use crate::codes;
use crate::lenient;
use crate::secret::Secret;
use crate::{endpoint, get_and_post};

codes! {
    /// 用户来源 (`userFrom`, ENUM): where the account was created.
    pub enum UserFrom: u16 {
        /// 2310-其它: elsewhere.
        Other = 2310,
        /// 2311-pc.
        Pc = 2311,
        /// 2312-H5: a mobile web page.
        H5 = 2312,
        /// 2313-APP.
        App = 2313,
        /// 2314-小程序: a WeChat mini program.
        MiniProgram = 2314,
        /// 2315-公众号: a WeChat official account.
        OfficialAccount = 2315,
    }
}

codes! {
    /// 性别 (`userGender`, ENUM).
    pub enum Gender: u8 {
        /// 0-保密: not said.
        Secret = 0,
        /// 1-男: male.
        Male = 1,
        /// 2-女: female.
        Female = 2,
    }
}

codes! {
    /// 认证状态 (`userIsAuthentication`, ENUM): the real-name verification's state.
    pub enum Authentication: u8 {
        /// 0-未认证: not verified.
        None = 0,
        /// 1-待审核: waiting for review.
        Pending = 1,
        /// 2-认证通过: verified.
        Passed = 2,
        /// 3-认证失败: refused.
        Failed = 3,
    }
}

codes! {
    /// 状态 (`userState`, ENUM): the account's state.
    pub enum UserState: u8 {
        /// 0-锁定: locked.
        Locked = 0,
        /// 1-已激活: active.
        Active = 1,
        /// 2-未激活: not activated yet.
        Inactive = 2,
    }
}

/// The profile's fields as edit and real-name verification take them; only those set are
/// sent, and the seed marks none as required.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, specta::Type)]
pub struct UserFields {
    /// 用户密码.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password: Option<Secret>,
    /// 用户标签 (DOT): tag ids, sent joined with commas.
    #[serde(rename = "tagIds", skip_serializing_if = "Option::is_none")]
    pub tag_ids: Option<Vec<i64>>,
    /// 用户账号.
    #[serde(rename = "userAccount", skip_serializing_if = "Option::is_none")]
    pub user_account: Option<String>,
    /// 用户头像: the avatar's URL.
    #[serde(rename = "userAvatar", skip_serializing_if = "Option::is_none")]
    pub user_avatar: Option<String>,
    /// 生日 (DATE): `yyyy-MM-dd`.
    #[serde(rename = "userBirthday", skip_serializing_if = "Option::is_none")]
    pub user_birthday: Option<String>,
    /// 用户邮箱.
    #[serde(rename = "userEmail", skip_serializing_if = "Option::is_none")]
    pub user_email: Option<String>,
    /// 用户来源.
    #[serde(rename = "userFrom", skip_serializing_if = "Option::is_none")]
    pub user_from: Option<UserFrom>,
    /// 性别.
    #[serde(rename = "userGender", skip_serializing_if = "Option::is_none")]
    pub user_gender: Option<Gender>,
    /// 用户编号.
    #[serde(rename = "userId", skip_serializing_if = "Option::is_none")]
    pub user_id: Option<i64>,
    /// 身份证: the identity card number.
    #[serde(rename = "userIdcard", skip_serializing_if = "Option::is_none")]
    pub user_idcard: Option<String>,
    /// 身份证图片 (DOT): the identity card images' URLs, sent joined with commas.
    #[serde(rename = "userIdcardImages", skip_serializing_if = "Option::is_none")]
    pub user_idcard_images: Option<Vec<String>>,
    /// 国家编码: the country code.
    #[serde(rename = "userIntl", skip_serializing_if = "Option::is_none")]
    pub user_intl: Option<String>,
    /// 认证状态.
    #[serde(
        rename = "userIsAuthentication",
        skip_serializing_if = "Option::is_none"
    )]
    pub user_is_authentication: Option<Authentication>,
    /// 用户等级: the level's id.
    #[serde(rename = "userLevelId", skip_serializing_if = "Option::is_none")]
    pub user_level_id: Option<i64>,
    /// 手机号码.
    #[serde(rename = "userMobile", skip_serializing_if = "Option::is_none")]
    pub user_mobile: Option<String>,
    /// 新人标识 (BOOL): whether the user is new; sent as 0/1.
    #[serde(
        rename = "userNew",
        serialize_with = "super::bit",
        skip_serializing_if = "Option::is_none"
    )]
    #[specta(type = Option<bool>)]
    pub user_new: Option<bool>,
    /// 用户昵称.
    #[serde(rename = "userNickname", skip_serializing_if = "Option::is_none")]
    pub user_nickname: Option<String>,
    /// 真实姓名: the legal name.
    #[serde(rename = "userRealname", skip_serializing_if = "Option::is_none")]
    pub user_realname: Option<String>,
    /// 状态.
    #[serde(rename = "userState", skip_serializing_if = "Option::is_none")]
    pub user_state: Option<UserState>,
}

/// The signed-in user's profile, balances and statistics ([`UserInfo`]'s answer). Amounts
/// stay the server's decimal text: they are money or points. Enum-like fields stay integers
/// so that a new value still decodes: see [`Gender`], [`Authentication`] and [`UserState`].
#[derive(Debug, Clone, Default, Serialize, Deserialize, specta::Type)]
#[serde(default)]
pub struct UserProfile {
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub chain_id: Option<i64>,
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub client_id: Option<i64>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub commission_amount: Option<String>,
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub currency_id: Option<i64>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub currency_symbol_left: Option<String>,
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub month_order: Option<i64>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub month_trade: Option<String>,
    #[serde(deserialize_with = "lenient::list")]
    #[specta(type = Vec<String>)]
    pub permissions: Vec<String>,
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub role_id: Option<i64>,
    #[serde(deserialize_with = "lenient::list")]
    #[specta(type = Vec<String>)]
    pub roles: Vec<String>,
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub site_id: Option<i64>,
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub store_id: Option<i64>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub tag_group_names: Option<String>,
    /// Tag ids joined with commas.
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub tag_ids: Option<String>,
    #[serde(deserialize_with = "lenient::list")]
    #[specta(type = Vec<String>)]
    pub tag_title_list: Vec<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub tag_titles: Option<String>,
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub total_order: Option<i64>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub total_trade: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub ud_address: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub user_account: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub user_avatar: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub user_birthday: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub user_credit: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub user_credit_frozen: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub user_credit_total: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub user_credit_used: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub user_email: Option<String>,
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub user_exp: Option<i64>,
    /// 0 not said, 1 male, 2 female.
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub user_gender: Option<i64>,
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub user_id: Option<i64>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub user_idcard: Option<String>,
    #[serde(deserialize_with = "lenient::list")]
    #[specta(type = Vec<String>)]
    pub user_idcard_image_list: Vec<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub user_idcard_images: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub user_intl: Option<String>,
    /// 0 not verified, 1 pending, 2 verified, 3 refused.
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub user_is_authentication: Option<i64>,
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub user_level_id: Option<i64>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub user_level_name: Option<String>,
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub user_login_time: Option<i64>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub user_margin: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub user_mobile: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub user_money: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub user_money_frozen: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub user_nickname: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub user_points: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub user_points_frozen: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub user_realname: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub user_recharge_card: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub user_recharge_card_frozen: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub user_redpack: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub user_redpack_frozen: Option<String>,
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub user_reg_time: Option<i64>,
    /// 0 locked, 1 active, 2 not activated.
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub user_state: Option<i64>,
    /// How many vouchers the user holds.
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub voucher: Option<i64>,
}

/// One of the platform's user levels.
#[derive(Debug, Clone, Default, Serialize, Deserialize, specta::Type)]
#[serde(default)]
pub struct UserLevel {
    /// The experience the level needs.
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub user_level_exp: Option<i64>,
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub user_level_id: Option<i64>,
    /// Whether the platform defines it (built in) rather than an operator.
    #[serde(deserialize_with = "lenient::flag")]
    #[specta(type = Option<bool>)]
    pub user_level_is_buildin: Option<bool>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub user_level_logo: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub user_level_name: Option<String>,
    /// The level's rate (a discount), as the server's decimal text.
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub user_level_rate: Option<String>,
    /// The spending the level needs, as the server's decimal text.
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub user_level_spend: Option<String>,
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub user_level_time: Option<i64>,
}

/// How experience is earned (用户等级规则), as the server's text.
#[derive(Debug, Clone, Default, Serialize, Deserialize, specta::Type)]
#[serde(default)]
pub struct ExpRule {
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub exp_consume_max: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub exp_consume_rate: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub exp_evaluate_good: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub exp_login: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub exp_reg: Option<String>,
}

get_and_post! {
    /// 绑定手机号: binds a mobile number to the signed-in account, proved by a code.
    BindMobileGet, BindMobilePost(AccountForm) => serde_json::Value, UserCenter "/front/account/user/bindMobile", Required, "user_center.bind_mobile"
}

/// 修改用户端用户信息: changes the signed-in user's profile.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, specta::Type)]
#[serde(transparent)]
pub struct UserEdit(pub UserFields);
endpoint!(UserEdit => serde_json::Value, UserCenter Post "/front/account/user/edit", Required, "user_center.user_edit");

/// 用户基本信息: the signed-in user's profile.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, JsonSchema, specta::Type)]
pub struct UserInfo;
endpoint!(UserInfo => UserProfile, UserCenter Get "/front/account/user/info", Required, "user_center.user_info");

// The levels and the experience rules are the platform's, the same for every user: the token
// goes along when there is one, and a guest may read them too.

/// 读取平台用户等级: the platform's user levels, as one page.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, JsonSchema, specta::Type)]
pub struct ListBaseUserLevel;
endpoint!(ListBaseUserLevel => Page<UserLevel>, UserCenter Get "/front/account/user/listBaseUserLevel", Optional, "user_center.list_base_user_level");

/// 用户等级规则: how experience is earned.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, JsonSchema, specta::Type)]
pub struct ListsExpRule;
endpoint!(ListsExpRule => ExpRule, UserCenter Get "/front/account/user/listsExpRule", Optional, "user_center.lists_exp_rule");

/// 实名认证保存: submits the real-name verification (legal name, identity card and its images).
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, specta::Type)]
#[serde(transparent)]
pub struct SaveCertificate(pub UserFields);
endpoint!(SaveCertificate => serde_json::Value, UserCenter Post "/front/account/user/saveCertificate", Required, "user_center.save_certificate");

get_and_post! {
    /// 重新绑定手机号: replaces the account's mobile number, proved by a code.
    UnBindMobileGet, UnBindMobilePost(AccountForm) => serde_json::Value, UserCenter "/front/account/user/unBindMobile", Required, "user_center.un_bind_mobile"
}
