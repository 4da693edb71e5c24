//! The catalog of every call: its name, family, method, path, login, titles and parameters,
//! described from the request types themselves (their serde attributes and doc comments, read
//! through `schemars`), so the command-line client, an API console and per-call commands share
//! one description that cannot drift from the code. [`visit`] finds a call's request type by
//! name, so a caller can build it from JSON and send it.

use schemars::JsonSchema;
use schemars::generate::SchemaSettings;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::endpoint::{Auth, Endpoint, Family, Guess, Method};

/// A request type that can be described and built from JSON: every call in the catalog.
pub trait Call:
    Endpoint<Output: Serialize + Send> + DeserializeOwned + JsonSchema + Send + Sync + 'static
{
}

impl<T> Call for T
where
    T: Endpoint + DeserializeOwned + JsonSchema + Send + Sync + 'static,
    T::Output: Serialize + Send,
{
}

/// Does something with one call's request type; [`visit`] picks the type by the call's name.
pub trait CallVisitor {
    type Output;
    fn visit<E: Call>(self) -> Self::Output;
}

/// One call as the catalog describes it.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CallInfo {
    /// The stable `family.call` name ([`Endpoint::NAME`]).
    pub name: &'static str,
    pub family: Family,
    pub method: Method,
    pub path: &'static str,
    pub auth: Auth,
    /// The seed's own title.
    pub title_zh: &'static str,
    pub title_en: &'static str,
    pub params: Vec<Param>,
    /// What the call does where its seed is silent ([`Endpoint::GUESSES`]).
    pub guesses: Vec<Guess>,
}

/// One parameter of a call, under the name it has on the wire.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Param {
    pub name: String,
    /// The JSON type: `string`, `integer`, `number`, `boolean`, `array` or `object`.
    #[serde(rename = "type")]
    pub json_type: String,
    pub required: bool,
    /// How a form takes the value beyond its JSON type; `None` for plain values.
    pub format: Option<ParamFormat>,
    pub description: String,
    /// The values an enumerated parameter takes, each with what it means; empty otherwise.
    pub values: Vec<ParamValue>,
}

/// A parameter a form shows other than as its JSON type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ParamFormat {
    /// A password, token or code: masked as it is typed.
    Password,
    /// A file, sent as `{"fileName", "base64"}`: picked rather than typed.
    File,
}

/// One value of an enumerated parameter.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct ParamValue {
    pub value: Value,
    pub meaning: String,
}

/// Every call once, in the order of API.md: its request type, an identifier for what is
/// generated per call, and the seed's Chinese title with an English one. `for_each_call!(m)`
/// expands to `m! { Type as identifier => "中文", "English"; … }`: the catalog below and the
/// app's per-call commands are both generated from this one list.
#[macro_export]
macro_rules! for_each_call {
    ($callback:ident) => {
        $callback! {
            $crate::customer::Login as customer_login => "登录", "Sign in";
            $crate::customer::Register as customer_register => "客户注册", "Register a customer";
            $crate::customer::CheckToken as customer_check_token => "校验邮件链接上的token", "Check an e-mail link's token";
            $crate::customer::CheckPhone as customer_check_phone => "校验手机号", "Check a phone number";
            $crate::customer::CheckPhoneForRetriedLoginPwd as customer_check_phone_for_retried_login_pwd => "找回登录密码：校验手机", "Password retrieval: check the phone";
            $crate::customer::RetrieveLoginPwd as customer_retrieve_login_pwd => "找回登录密码：设置新密码", "Password retrieval: set the new password";
            $crate::customer::FirstSetLoginPwd as customer_first_set_login_pwd => "首次设置登录密码", "Set the first login password";
            $crate::customer::SwitchAccount as customer_switch_account => "真实模拟账户切换", "Switch between the real and demo accounts";
            $crate::customer::ResetAccount as customer_reset_account => "重置模拟账户", "Reset the demo account";
            $crate::customer::RandomKey as customer_random_key => "获取访问令牌", "Exchange a temporary token for an access token";

            $crate::user_center::addresses::AddressAdd as user_center_address_add => "用户地址表-添加", "Add a delivery address";
            $crate::user_center::addresses::AddressGet as user_center_address_get => "用户地址表-通过ud_id查询", "Read a delivery address";
            $crate::user_center::addresses::AddressList as user_center_address_list => "用户地址表-列表", "List delivery addresses";
            $crate::user_center::addresses::AddressRemove as user_center_address_remove => "用户地址表-通过ud_id删除", "Delete a delivery address";
            $crate::user_center::addresses::AddressSave as user_center_address_save => "用户地址表-编辑", "Edit a delivery address";
            $crate::user_center::addresses::ManageAddressAdd as user_center_manage_address_add => "用户地址表-添加（后台）", "Add a delivery address (back office)";
            $crate::user_center::addresses::ManageAddressEdit as user_center_manage_address_edit => "用户地址表-编辑（后台）", "Edit a delivery address (back office)";
            $crate::user_center::addresses::ManageAddressList as user_center_manage_address_list => "用户地址表-分页列表查询", "List all delivery addresses (back office)";
            $crate::user_center::addresses::ManageAddressRemove as user_center_manage_address_remove => "用户地址表-通过ud_id删除（后台）", "Delete a delivery address (back office)";
            $crate::user_center::addresses::ManageAddressRemoveBatch as user_center_manage_address_remove_batch => "用户地址表-批量删除", "Delete several delivery addresses (back office)";

            $crate::user_center::invoices::InvoiceAdd as user_center_invoice_add => "添加用户发票管理", "Add invoice details";
            $crate::user_center::invoices::InvoiceEdit as user_center_invoice_edit => "用户发票管理表-编辑", "Edit invoice details";
            $crate::user_center::invoices::InvoiceGet as user_center_invoice_get => "用户发票管理表-通过user_invoice_id查询", "Read invoice details";
            $crate::user_center::invoices::InvoiceList as user_center_invoice_list => "发票列表", "List invoice details";
            $crate::user_center::invoices::InvoiceRemove as user_center_invoice_remove => "用户发票管理表-通过user_invoice_id删除", "Delete invoice details";

            $crate::user_center::login::DoSmsLoginGet as user_center_do_sms_login_get => "短信登录接口（GET）", "Sign in with an SMS code (GET)";
            $crate::user_center::login::DoSmsLoginPost as user_center_do_sms_login_post => "短信登录接口（POST）", "Sign in with an SMS code (POST)";
            $crate::user_center::login::LoginGet as user_center_login_get => "登录接口（GET）", "Sign in with a password (GET)";
            $crate::user_center::login::LoginPost as user_center_login_post => "登录接口（POST）", "Sign in with a password (POST)";
            $crate::user_center::login::LogoutGet as user_center_logout_get => "退出登录（GET）", "Sign out (GET)";
            $crate::user_center::login::LogoutPost as user_center_logout_post => "退出登录（POST）", "Sign out (POST)";
            $crate::user_center::login::Protocol as user_center_protocol => "隐私政策", "Privacy policy";
            $crate::user_center::login::RegisterGet as user_center_register_get => "注册接口（GET）", "Register (GET)";
            $crate::user_center::login::RegisterPost as user_center_register_post => "注册接口（POST）", "Register (POST)";
            $crate::user_center::login::SetNewPasswordGet as user_center_set_new_password_get => "重设密码接口（GET）", "Set a new password (GET)";
            $crate::user_center::login::SetNewPasswordPost as user_center_set_new_password_post => "重设密码接口（POST）", "Set a new password (POST)";

            $crate::user_center::messages::MessageAdd as user_center_message_add => "添加短消息", "Send a message";
            $crate::user_center::messages::MessageGet as user_center_message_get => "读取短消息", "Read a message";
            $crate::user_center::messages::MessageGetImConfig as user_center_message_get_im_config => "IM配置", "Instant-messaging settings";
            $crate::user_center::messages::MessageGetKefuConfig as user_center_message_get_kefu_config => "客服配置", "Customer-service settings";
            $crate::user_center::messages::MessageGetMsgCount as user_center_message_get_msg_count => "用户通知消息数量", "Count the notices";
            $crate::user_center::messages::MessageGetNotice as user_center_message_get_notice => "用户通知消息", "The notices";
            $crate::user_center::messages::MessageList as user_center_message_list => "短消息列表数据", "List messages";
            $crate::user_center::messages::MessageListChatMsg as user_center_message_list_chat_msg => "读取分页列表", "Read a chat thread, by page";
            $crate::user_center::messages::MessageSetRead as user_center_message_set_read => "设置为已读", "Mark as read";

            $crate::user_center::user::BindMobileGet as user_center_bind_mobile_get => "绑定手机号（GET）", "Bind a mobile number (GET)";
            $crate::user_center::user::BindMobilePost as user_center_bind_mobile_post => "绑定手机号（POST）", "Bind a mobile number (POST)";
            $crate::user_center::user::UserEdit as user_center_user_edit => "修改用户端用户信息", "Edit the profile";
            $crate::user_center::user::UserInfo as user_center_user_info => "用户基本信息", "The profile";
            $crate::user_center::user::ListBaseUserLevel as user_center_list_base_user_level => "读取平台用户等级", "The platform's user levels";
            $crate::user_center::user::ListsExpRule as user_center_lists_exp_rule => "用户等级规则", "How experience is earned";
            $crate::user_center::user::SaveCertificate as user_center_save_certificate => "实名认证保存", "Submit the real-name verification";
            $crate::user_center::user::UnBindMobileGet as user_center_unbind_mobile_get => "重新绑定手机号（GET）", "Replace the mobile number (GET)";
            $crate::user_center::user::UnBindMobilePost as user_center_unbind_mobile_post => "重新绑定手机号（POST）", "Replace the mobile number (POST)";

            $crate::user_center::wechat::WechatCallbackMessage as user_center_wechat_callback_message => "微信通知消息回调", "WeChat notification callback";
            $crate::user_center::wechat::WechatCallbackMp as user_center_wechat_callback_mp => "公众号登录 - 公众号授权回调", "Official-account login: OAuth callback";
            $crate::user_center::wechat::WechatCallbackPc as user_center_wechat_callback_pc => "二维码登录 - 微信网页回调", "QR-code login: web OAuth callback";
            $crate::user_center::wechat::WechatCheckAppLogin as user_center_wechat_check_app_login => "用户登录验证", "Has the QR code been confirmed";
            $crate::user_center::wechat::WechatGetOpenIdByCode as user_center_wechat_get_open_id_by_code => "根据code 获取openid", "Exchange a code for the openid";
            $crate::user_center::wechat::WechatGetQrCode as user_center_wechat_get_qr_code => "微信网页登录生成二维码", "Make a QR code for web login";
            $crate::user_center::wechat::WechatGetUserPhoneNumber as user_center_wechat_get_user_phone_number => "小程序获取手机号", "Mini program: get the phone number";
            $crate::user_center::wechat::WechatGetXcxAccessToken as user_center_wechat_get_xcx_access_token => "获取getXcxAccessToken-向外提供", "Mini program's access token";
            $crate::user_center::wechat::WechatIndex as user_center_wechat_index => "验证签名", "Check WeChat's signature";
            $crate::user_center::wechat::WechatJsCode2Session as user_center_wechat_js_code2_session => "用户注册", "Mini-program sign-up (jsCode2Session)";
            $crate::user_center::wechat::WechatRedirectToWxCode as user_center_wechat_redirect_to_wx_code => "公众号登录 - 获取code请求", "Official-account login: ask WeChat for a code";
            $crate::user_center::wechat::WechatWxConfig as user_center_wechat_wx_config => "获取微信配置请求", "WeChat JS-SDK configuration";

            $crate::planner::Login as planner_login => "账户登录", "Sign in";
            $crate::planner::Register as planner_register => "账户注册", "Register";
            $crate::planner::ChangePassword as planner_change_password => "修改密码", "Change the password";
            $crate::planner::UploadPic as planner_upload_pic => "上传头像", "Upload the avatar";
            $crate::planner::GetAuthorizationCode as planner_get_authorization_code => "获取授权码", "Get an authorization code";
            $crate::planner::VerifyVerificationCode as planner_verify_verification_code => "校验短信验证码", "Check an SMS code";
            $crate::planner::CheckPhonenumber as planner_check_phonenumber => "检查手机号码", "Check a phone number";
            $crate::planner::ForgetPassword as planner_forget_password => "忘记密码", "Reset a forgotten password";
            $crate::planner::GetAccountDetail as planner_get_account_detail => "账号详情", "Account details";
            $crate::planner::Refresh as planner_refresh => "刷新令牌（推断，种子未载）", "Refresh the tokens (inferred, not in the seed)";
        }
    };
}

macro_rules! calls {
    ($($call:ty as $ident:ident => $zh:literal, $en:literal;)+) => {
        /// Every call, in the order of API.md.
        pub fn catalog() -> Vec<CallInfo> {
            vec![$(describe::<$call>($zh, $en)),+]
        }

        /// Calls `visitor` with the request type of the call named `name`; `None` when no call
        /// has that name.
        pub fn visit<V: CallVisitor>(name: &str, visitor: V) -> Option<V::Output> {
            $(
                if name == <$call as Endpoint>::NAME {
                    return Some(visitor.visit::<$call>());
                }
            )+
            None
        }
    };
}

crate::for_each_call!(calls);

/// The catalog entry of the call named `name`.
pub fn find(name: &str) -> Option<CallInfo> {
    struct Describe;
    impl CallVisitor for Describe {
        type Output = Vec<Param>;
        fn visit<E: Call>(self) -> Vec<Param> {
            params::<E>()
        }
    }
    // Built from the one call rather than the whole catalog: a console looks calls up often.
    let params = visit(name, Describe)?;
    catalog()
        .into_iter()
        .find(|info| info.name == name)
        .map(|info| CallInfo { params, ..info })
}

fn describe<E: Call>(title_zh: &'static str, title_en: &'static str) -> CallInfo {
    CallInfo {
        name: E::NAME,
        family: E::FAMILY,
        method: E::METHOD,
        path: E::PATH,
        auth: E::AUTH,
        title_zh,
        title_en,
        params: params::<E>(),
        guesses: E::GUESSES.to_vec(),
    }
}

/// Every guess where the seeds are silent or contradictory, once: `(where, guess)`, where is a
/// call's name or, for a whole family's, `family.*` (`user_center.*`).
pub fn guesses() -> Vec<(String, Guess)> {
    let families = [Family::Customer, Family::UserCenter, Family::Planner];
    let family_wide = families.into_iter().flat_map(|family| {
        let prefix = serde_json::to_value(family)
            .ok()
            .and_then(|value| value.as_str().map(str::to_owned))
            .unwrap_or_default();
        family
            .guesses()
            .iter()
            .map(move |guess| (format!("{prefix}.*"), *guess))
    });
    let per_call = catalog().into_iter().flat_map(|info| {
        info.guesses
            .into_iter()
            .map(move |guess| (info.name.to_owned(), guess))
    });
    family_wide.chain(per_call).collect()
}

/// The parameters of `E` as its deserializer reads them: flattened structs merged, optional
/// fields not required, nested types inlined.
fn params<E: Call>() -> Vec<Param> {
    let schema = SchemaSettings::draft2020_12()
        .for_deserialize()
        .with(|settings| settings.inline_subschemas = true)
        .into_generator()
        .into_root_schema_for::<E>();
    let required: Vec<&str> = schema
        .get("required")
        .and_then(Value::as_array)
        .map(|names| names.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let Some(properties) = schema.get("properties").and_then(Value::as_object) else {
        return Vec::new();
    };
    properties
        .iter()
        .map(|(name, property)| {
            let property = without_null(property);
            Param {
                name: name.clone(),
                json_type: json_type(&property),
                required: required.contains(&name.as_str()),
                format: match property.get("format").and_then(Value::as_str) {
                    Some("password") => Some(ParamFormat::Password),
                    Some("file") => Some(ParamFormat::File),
                    _ => None,
                },
                description: text(&property),
                values: values(&property),
            }
        })
        .collect()
}

/// An optional field's schema is "this or null": the catalog says optional through
/// `required` instead, so the null alternative is dropped.
fn without_null(property: &Value) -> Map<String, Value> {
    let mut object = property.as_object().cloned().unwrap_or_default();
    for key in ["anyOf", "oneOf"] {
        let Some(alternatives) = object.get(key).and_then(Value::as_array) else {
            continue;
        };
        let not_null: Vec<&Value> = alternatives
            .iter()
            .filter(|alternative| alternative.get("type") != Some(&Value::from("null")))
            .collect();
        if not_null.len() == 1 && alternatives.len() == 2 {
            let mut inner = not_null[0].as_object().cloned().unwrap_or_default();
            object.remove(key);
            // The field's own words win over its type's.
            for (k, v) in object {
                inner.insert(k, v);
            }
            return inner;
        }
    }
    if let Some(Value::Array(types)) = object.get("type") {
        let types: Vec<Value> = types
            .iter()
            .filter(|t| *t != &Value::from("null"))
            .cloned()
            .collect();
        if let [only] = types.as_slice() {
            object.insert("type".into(), only.clone());
        }
    }
    object
}

fn json_type(property: &Map<String, Value>) -> String {
    if let Some(name) = property.get("type").and_then(Value::as_str) {
        return name.to_owned();
    }
    // An enumeration without a `type`: the type of its values.
    let first = property
        .get("oneOf")
        .and_then(Value::as_array)
        .and_then(|alternatives| alternatives.first())
        .and_then(|alternative| alternative.get("const"))
        .or_else(|| {
            property
                .get("enum")
                .and_then(Value::as_array)
                .and_then(|values| values.first())
        });
    match first {
        Some(Value::String(_)) => "string",
        Some(Value::Number(number)) if number.is_f64() => "number",
        Some(Value::Number(_)) => "integer",
        Some(Value::Bool(_)) => "boolean",
        _ => "object",
    }
    .into()
}

/// The doc comment: schemars splits a first paragraph off as the title.
fn text(property: &Map<String, Value>) -> String {
    let part = |key: &str| property.get(key).and_then(Value::as_str).map(str::trim);
    match (part("title"), part("description")) {
        (Some(title), Some(description)) => format!("{title}\n\n{description}"),
        (Some(only), None) | (None, Some(only)) => only.to_owned(),
        (None, None) => String::new(),
    }
}

fn values(property: &Map<String, Value>) -> Vec<ParamValue> {
    if let Some(alternatives) = property.get("oneOf").and_then(Value::as_array) {
        return alternatives
            .iter()
            .filter_map(|alternative| {
                Some(ParamValue {
                    value: alternative.get("const")?.clone(),
                    meaning: text(alternative.as_object()?),
                })
            })
            .collect();
    }
    property
        .get("enum")
        .and_then(Value::as_array)
        .map(|values| {
            values
                .iter()
                .map(|value| ParamValue {
                    value: value.clone(),
                    meaning: String::new(),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Defines an enumeration sent as its number (`serde_repr`) whose schema lists each value with
/// its doc comment, so the catalog can say what `1` means.
macro_rules! codes {
    (
        $(#[$meta:meta])*
        pub enum $name:ident: $repr:ident {
            $(
                $(#[doc = $doc:literal])+
                $variant:ident = $value:literal,
            )+
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, ::serde_repr::Serialize_repr, ::serde_repr::Deserialize_repr,
        )]
        #[repr($repr)]
        pub enum $name {
            $(
                $(#[doc = $doc])+
                $variant = $value,
            )+
        }

        /// Sent as its number.
        impl ::specta::Type for $name {
            fn definition(types: &mut ::specta::Types) -> ::specta::datatype::DataType {
                <$repr as ::specta::Type>::definition(types)
            }
        }

        impl ::schemars::JsonSchema for $name {
            fn schema_name() -> ::std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut ::schemars::SchemaGenerator) -> ::schemars::Schema {
                let values = vec![$(
                    ::serde_json::json!({
                        "const": $value,
                        "description": concat!($($doc),+).trim(),
                    })
                ),+];
                let mut schema = ::serde_json::Map::new();
                schema.insert("type".into(), "integer".into());
                schema.insert("oneOf".into(), values.into());
                schema.into()
            }
        }
    };
}
pub(crate) use codes;
