//! Delivery addresses (用户地址表): the user's own under `/front/account/userDeliveryAddress/`
//! and the back office's under `/manage/account/userDeliveryAddress/`. Every call needs a
//! login: an address book is always someone's.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{ListQuery, Page};
use crate::codes;
use crate::endpoint;
use crate::lenient;

codes! {
    /// 地址标签 (`udTagName`, ENUM): what the address is.
    pub enum AddressTag: u16 {
        /// 1001-家里: home.
        Home = 1001,
        /// 1002-公司: company.
        Company = 1002,
    }
}

impl AddressTag {
    /// The tag for its code as the server writes it (`"1001"` or `1001`).
    pub fn from_code(code: &str) -> Option<Self> {
        match code.trim() {
            "1001" => Some(Self::Home),
            "1002" => Some(Self::Company),
            _ => None,
        }
    }
}

/// The fields of an address as add, edit and the list filter take them. The seed marks none
/// as required; the server fills in the user from the session.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, specta::Type)]
pub struct AddressFields {
    /// 详细地址: street and number.
    #[serde(rename = "udAddress", skip_serializing_if = "Option::is_none")]
    pub ud_address: Option<String>,
    /// 市: the city's name.
    #[serde(rename = "udCity", skip_serializing_if = "Option::is_none")]
    pub ud_city: Option<String>,
    /// 市编号: the city's region code.
    #[serde(rename = "udCityId", skip_serializing_if = "Option::is_none")]
    pub ud_city_id: Option<i64>,
    /// 县区: the county or district's name.
    #[serde(rename = "udCounty", skip_serializing_if = "Option::is_none")]
    pub ud_county: Option<String>,
    /// The county or district's region code.
    #[serde(rename = "udCountyId", skip_serializing_if = "Option::is_none")]
    pub ud_county_id: Option<i64>,
    /// 国家编码: the country code.
    #[serde(rename = "udIntl", skip_serializing_if = "Option::is_none")]
    pub ud_intl: Option<String>,
    /// 是否默认 (BOOL): whether this is the default address; sent as 0/1.
    #[serde(
        rename = "udIsDefault",
        serialize_with = "super::bit",
        skip_serializing_if = "Option::is_none"
    )]
    #[specta(type = Option<bool>)]
    pub ud_is_default: Option<bool>,
    /// 纬度: latitude.
    #[serde(rename = "udLatitude", skip_serializing_if = "Option::is_none")]
    pub ud_latitude: Option<f64>,
    /// 经度: longitude.
    #[serde(rename = "udLongitude", skip_serializing_if = "Option::is_none")]
    pub ud_longitude: Option<f64>,
    /// 手机号码: the contact's mobile number.
    #[serde(rename = "udMobile", skip_serializing_if = "Option::is_none")]
    pub ud_mobile: Option<String>,
    /// 联系人: the contact's name.
    #[serde(rename = "udName", skip_serializing_if = "Option::is_none")]
    pub ud_name: Option<String>,
    /// 邮政编码: postal code.
    #[serde(rename = "udPostalcode", skip_serializing_if = "Option::is_none")]
    pub ud_postalcode: Option<String>,
    /// 省份: the province's name.
    #[serde(rename = "udProvince", skip_serializing_if = "Option::is_none")]
    pub ud_province: Option<String>,
    /// 省编号: the province's region code.
    #[serde(rename = "udProvinceId", skip_serializing_if = "Option::is_none")]
    pub ud_province_id: Option<i64>,
    /// 地址标签: home or company.
    #[serde(rename = "udTagName", skip_serializing_if = "Option::is_none")]
    pub ud_tag_name: Option<AddressTag>,
    /// 联系电话: the contact's landline.
    #[serde(rename = "udTelephone", skip_serializing_if = "Option::is_none")]
    pub ud_telephone: Option<String>,
    /// 添加时间: when the address was added.
    #[serde(rename = "udTime", skip_serializing_if = "Option::is_none")]
    pub ud_time: Option<String>,
    /// 用户编号: the owner.
    #[serde(rename = "userId", skip_serializing_if = "Option::is_none")]
    pub user_id: Option<i64>,
}

/// An existing address's id (`udId`, 地址编号) and its new fields, for the two edit calls.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, specta::Type)]
pub struct AddressEdit {
    /// 地址编号: the address to change.
    #[serde(rename = "udId")]
    pub ud_id: i64,
    #[serde(flatten)]
    pub fields: AddressFields,
}

/// The two address list calls' parameters: paging plus a filter on any field.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, specta::Type)]
pub struct AddressQuery {
    #[serde(flatten)]
    pub list: ListQuery,
    /// 地址编号: only this address.
    #[serde(rename = "udId", skip_serializing_if = "Option::is_none")]
    pub ud_id: Option<i64>,
    #[serde(flatten)]
    pub filter: AddressFields,
}

/// One delivery address as the server answers it.
#[derive(Debug, Clone, Default, Serialize, Deserialize, specta::Type)]
#[serde(default)]
pub struct Address {
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub ud_address: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub ud_city: Option<String>,
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub ud_city_id: Option<i64>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub ud_county: Option<String>,
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub ud_county_id: Option<i64>,
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub ud_id: Option<i64>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub ud_intl: Option<String>,
    #[serde(deserialize_with = "lenient::flag")]
    #[specta(type = Option<bool>)]
    pub ud_is_default: Option<bool>,
    #[serde(deserialize_with = "lenient::float")]
    #[specta(type = Option<f64>)]
    pub ud_latitude: Option<f64>,
    #[serde(deserialize_with = "lenient::float")]
    #[specta(type = Option<f64>)]
    pub ud_longitude: Option<f64>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub ud_mobile: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub ud_name: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub ud_postalcode: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub ud_province: Option<String>,
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub ud_province_id: Option<i64>,
    /// The tag's code as sent (`1001` home, `1002` company); see [`Address::tag`].
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub ud_tag_name: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub ud_telephone: Option<String>,
    /// When the address was added, as the server writes it (ISO 8601 in the seed).
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub ud_time: Option<String>,
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub user_id: Option<i64>,
}

impl Address {
    /// The address's tag, when the server sent a known code.
    pub fn tag(&self) -> Option<AddressTag> {
        self.ud_tag_name.as_deref().and_then(AddressTag::from_code)
    }
}

/// 用户地址表 (add): adds an address to the signed-in user's book.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, specta::Type)]
#[serde(transparent)]
pub struct AddressAdd(pub AddressFields);
endpoint!(AddressAdd => serde_json::Value, UserCenter Post "/front/account/userDeliveryAddress/add", Required, "user_center.address_add");

/// 用户地址表-通过ud_id查询: reads one address. The seed's example `data` is `{}`; the answer
/// is the list's address shape, so it decodes as [`Address`] (every field optional), and a
/// `null` for an unknown id is `None`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, specta::Type)]
pub struct AddressGet {
    /// 地址编号: the address to read.
    pub ud_id: i64,
}
endpoint!(AddressGet => Option<Address>, UserCenter Get "/front/account/userDeliveryAddress/get", Required, "user_center.address_get");

/// 用户地址表 (list): one page of the signed-in user's addresses.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, specta::Type)]
#[serde(transparent)]
pub struct AddressList(pub AddressQuery);
endpoint!(AddressList => Page<Address>, UserCenter Get "/front/account/userDeliveryAddress/list", Required, "user_center.address_list");

/// 用户地址表-通过ud_id删除: deletes one of the user's addresses.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, specta::Type)]
pub struct AddressRemove {
    /// 地址编号: the address to delete.
    pub ud_id: i64,
}
endpoint!(AddressRemove => serde_json::Value, UserCenter Post "/front/account/userDeliveryAddress/remove", Required, "user_center.address_remove");

/// 用户地址表-编辑 (save): changes one of the user's addresses.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, specta::Type)]
#[serde(transparent)]
pub struct AddressSave(pub AddressEdit);
endpoint!(AddressSave => serde_json::Value, UserCenter Post "/front/account/userDeliveryAddress/save", Required, "user_center.address_save");

/// 用户地址表-添加 (back office): adds an address to any user's book (`userId`).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, specta::Type)]
#[serde(transparent)]
pub struct ManageAddressAdd(pub AddressFields);
endpoint!(ManageAddressAdd => serde_json::Value, UserCenter Post "/manage/account/userDeliveryAddress/add", Required, "user_center.manage_address_add");

/// 用户地址表-编辑 (back office): changes any user's address.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, specta::Type)]
#[serde(transparent)]
pub struct ManageAddressEdit(pub AddressEdit);
endpoint!(ManageAddressEdit => serde_json::Value, UserCenter Post "/manage/account/userDeliveryAddress/edit", Required, "user_center.manage_address_edit");

/// 用户地址表-分页列表查询 (back office): one page of all users' addresses.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, specta::Type)]
#[serde(transparent)]
pub struct ManageAddressList(pub AddressQuery);
endpoint!(ManageAddressList => Page<Address>, UserCenter Get "/manage/account/userDeliveryAddress/list", Required, "user_center.manage_address_list");

/// 用户地址表-通过ud_id删除 (back office): deletes any user's address.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, specta::Type)]
pub struct ManageAddressRemove {
    /// 地址编号: the address to delete.
    pub ud_id: i64,
}
endpoint!(ManageAddressRemove => serde_json::Value, UserCenter Post "/manage/account/userDeliveryAddress/remove", Required, "user_center.manage_address_remove");

/// 用户地址表-批量删除 (back office): deletes several addresses at once. The seed types `ud_id`
/// as a string here: the ids go joined with commas (`3,4,5`).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, specta::Type)]
pub struct ManageAddressRemoveBatch {
    /// 地址编号: the addresses to delete, sent joined with commas.
    pub ud_id: Vec<i64>,
}
endpoint!(ManageAddressRemoveBatch => serde_json::Value, UserCenter Post "/manage/account/userDeliveryAddress/removeBatch", Required, "user_center.manage_address_remove_batch");
