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

use crate::endpoint::{Auth, Endpoint, Family, Method};
use crate::user_center::{addresses, invoices, login, messages, user, wechat};
use crate::{customer, planner};

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
#[derive(Debug, Clone, PartialEq, Serialize)]
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
}

/// One parameter of a call, under the name it has on the wire.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Param {
    pub name: String,
    /// The JSON type: `string`, `integer`, `number`, `boolean`, `array` or `object`.
    #[serde(rename = "type")]
    pub json_type: String,
    pub required: bool,
    pub description: String,
    /// The values an enumerated parameter takes, each with what it means; empty otherwise.
    pub values: Vec<ParamValue>,
}

/// One value of an enumerated parameter.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParamValue {
    pub value: Value,
    pub meaning: String,
}

/// Lists every call once, with its titles; the catalog and [`visit`] are generated from it.
macro_rules! calls {
    ($($call:ty => $zh:literal, $en:literal;)+) => {
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

calls! {
    customer::Login => "登录", "Sign in";
    customer::Register => "客户注册", "Register a customer";
    customer::CheckToken => "校验邮件链接上的token", "Check an e-mail link's token";
    customer::CheckPhone => "校验手机号", "Check a phone number";
    customer::CheckPhoneForRetriedLoginPwd => "找回登录密码：校验手机", "Password retrieval: check the phone";
    customer::RetrieveLoginPwd => "找回登录密码：设置新密码", "Password retrieval: set the new password";
    customer::FirstSetLoginPwd => "首次设置登录密码", "Set the first login password";
    customer::SwitchAccount => "真实模拟账户切换", "Switch between the real and demo accounts";
    customer::ResetAccount => "重置模拟账户", "Reset the demo account";
    customer::RandomKey => "获取访问令牌", "Exchange a temporary token for an access token";

    addresses::AddressAdd => "用户地址表-添加", "Add a delivery address";
    addresses::AddressGet => "用户地址表-通过ud_id查询", "Read a delivery address";
    addresses::AddressList => "用户地址表-列表", "List delivery addresses";
    addresses::AddressRemove => "用户地址表-通过ud_id删除", "Delete a delivery address";
    addresses::AddressSave => "用户地址表-编辑", "Edit a delivery address";
    addresses::ManageAddressAdd => "用户地址表-添加（后台）", "Add a delivery address (back office)";
    addresses::ManageAddressEdit => "用户地址表-编辑（后台）", "Edit a delivery address (back office)";
    addresses::ManageAddressList => "用户地址表-分页列表查询", "List all delivery addresses (back office)";
    addresses::ManageAddressRemove => "用户地址表-通过ud_id删除（后台）", "Delete a delivery address (back office)";
    addresses::ManageAddressRemoveBatch => "用户地址表-批量删除", "Delete several delivery addresses (back office)";

    invoices::InvoiceAdd => "添加用户发票管理", "Add invoice details";
    invoices::InvoiceEdit => "用户发票管理表-编辑", "Edit invoice details";
    invoices::InvoiceGet => "用户发票管理表-通过user_invoice_id查询", "Read invoice details";
    invoices::InvoiceList => "发票列表", "List invoice details";
    invoices::InvoiceRemove => "用户发票管理表-通过user_invoice_id删除", "Delete invoice details";

    login::DoSmsLoginGet => "短信登录接口（GET）", "Sign in with an SMS code (GET)";
    login::DoSmsLoginPost => "短信登录接口（POST）", "Sign in with an SMS code (POST)";
    login::LoginGet => "登录接口（GET）", "Sign in with a password (GET)";
    login::LoginPost => "登录接口（POST）", "Sign in with a password (POST)";
    login::LogoutGet => "退出登录（GET）", "Sign out (GET)";
    login::LogoutPost => "退出登录（POST）", "Sign out (POST)";
    login::Protocol => "隐私政策", "Privacy policy";
    login::RegisterGet => "注册接口（GET）", "Register (GET)";
    login::RegisterPost => "注册接口（POST）", "Register (POST)";
    login::SetNewPasswordGet => "重设密码接口（GET）", "Set a new password (GET)";
    login::SetNewPasswordPost => "重设密码接口（POST）", "Set a new password (POST)";

    messages::MessageAdd => "添加短消息", "Send a message";
    messages::MessageGet => "读取短消息", "Read a message";
    messages::MessageGetImConfig => "IM配置", "Instant-messaging settings";
    messages::MessageGetKefuConfig => "客服配置", "Customer-service settings";
    messages::MessageGetMsgCount => "用户通知消息数量", "Count the notices";
    messages::MessageGetNotice => "用户通知消息", "The notices";
    messages::MessageList => "短消息列表数据", "List messages";
    messages::MessageListChatMsg => "读取分页列表", "Read a chat thread, by page";
    messages::MessageSetRead => "设置为已读", "Mark as read";

    user::BindMobileGet => "绑定手机号（GET）", "Bind a mobile number (GET)";
    user::BindMobilePost => "绑定手机号（POST）", "Bind a mobile number (POST)";
    user::UserEdit => "修改用户端用户信息", "Edit the profile";
    user::UserInfo => "用户基本信息", "The profile";
    user::ListBaseUserLevel => "读取平台用户等级", "The platform's user levels";
    user::ListsExpRule => "用户等级规则", "How experience is earned";
    user::SaveCertificate => "实名认证保存", "Submit the real-name verification";
    user::UnBindMobileGet => "重新绑定手机号（GET）", "Replace the mobile number (GET)";
    user::UnBindMobilePost => "重新绑定手机号（POST）", "Replace the mobile number (POST)";

    wechat::WechatCallbackMessage => "微信通知消息回调", "WeChat notification callback";
    wechat::WechatCallbackMp => "公众号登录 - 公众号授权回调", "Official-account login: OAuth callback";
    wechat::WechatCallbackPc => "二维码登录 - 微信网页回调", "QR-code login: web OAuth callback";
    wechat::WechatCheckAppLogin => "用户登录验证", "Has the QR code been confirmed";
    wechat::WechatGetOpenIdByCode => "根据code 获取openid", "Exchange a code for the openid";
    wechat::WechatGetQrCode => "微信网页登录生成二维码", "Make a QR code for web login";
    wechat::WechatGetUserPhoneNumber => "小程序获取手机号", "Mini program: get the phone number";
    wechat::WechatGetXcxAccessToken => "获取getXcxAccessToken-向外提供", "Mini program's access token";
    wechat::WechatIndex => "验证签名", "Check WeChat's signature";
    wechat::WechatJsCode2Session => "用户注册", "Mini-program sign-up (jsCode2Session)";
    wechat::WechatRedirectToWxCode => "公众号登录 - 获取code请求", "Official-account login: ask WeChat for a code";
    wechat::WechatWxConfig => "获取微信配置请求", "WeChat JS-SDK configuration";

    planner::Login => "账户登录", "Sign in";
    planner::Register => "账户注册", "Register";
    planner::ChangePassword => "修改密码", "Change the password";
    planner::UploadPic => "上传头像", "Upload the avatar";
    planner::GetAuthorizationCode => "获取授权码", "Get an authorization code";
    planner::VerifyVerificationCode => "校验短信验证码", "Check an SMS code";
    planner::CheckPhonenumber => "检查手机号码", "Check a phone number";
    planner::ForgetPassword => "忘记密码", "Reset a forgotten password";
    planner::GetAccountDetail => "账号详情", "Account details";
    planner::Refresh => "刷新令牌（推断，种子未载）", "Refresh the tokens (inferred, not in the seed)";
}

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
    }
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
