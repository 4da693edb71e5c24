//! Invoice details (用户发票管理) under `/front/account/userInvoice/`: the titles and
//! addresses a user keeps for the invoices they ask for. Every call needs a login.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{ListQuery, Page};
use crate::codes;
use crate::endpoint;
use crate::lenient;

codes! {
    /// 发票类型 (`invoiceType`, ENUM).
    pub enum InvoiceType: u8 {
        /// 1-普通发票: a normal invoice.
        Normal = 1,
        /// 2-增值税专用发票: a special VAT invoice.
        VatSpecial = 2,
    }
}

codes! {
    /// 电子发票 (`invoiceIsElectronic`, ENUM): how the invoice is delivered.
    pub enum InvoiceMedium: u8 {
        /// 0-纸质发票: on paper.
        Paper = 0,
        /// 1-电子发票: electronic.
        Electronic = 1,
    }
}

/// The fields of an invoice's details as add, edit and the list filter take them; the seed
/// marks none as required.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, specta::Type)]
pub struct InvoiceFields {
    /// 单位地址: the company's registered address.
    #[serde(rename = "invoiceAddress", skip_serializing_if = "Option::is_none")]
    pub invoice_address: Option<String>,
    /// 银行账号: the company's bank account number.
    #[serde(rename = "invoiceBankaccount", skip_serializing_if = "Option::is_none")]
    pub invoice_bankaccount: Option<String>,
    /// 开户银行: the company's bank.
    #[serde(rename = "invoiceBankname", skip_serializing_if = "Option::is_none")]
    pub invoice_bankname: Option<String>,
    /// 纳税人识别号: the taxpayer identification number.
    #[serde(rename = "invoiceCompanyCode", skip_serializing_if = "Option::is_none")]
    pub invoice_company_code: Option<String>,
    /// 收票详细地址: where a paper invoice is sent.
    #[serde(
        rename = "invoiceContactAddress",
        skip_serializing_if = "Option::is_none"
    )]
    pub invoice_contact_address: Option<String>,
    /// 收票人地区: the recipient's region.
    #[serde(rename = "invoiceContactArea", skip_serializing_if = "Option::is_none")]
    pub invoice_contact_area: Option<String>,
    /// 收票人邮箱: where an electronic invoice is sent.
    #[serde(
        rename = "invoiceContactEmail",
        skip_serializing_if = "Option::is_none"
    )]
    pub invoice_contact_email: Option<String>,
    /// 收票人手机: the recipient's mobile number.
    #[serde(
        rename = "invoiceContactMobile",
        skip_serializing_if = "Option::is_none"
    )]
    pub invoice_contact_mobile: Option<String>,
    /// 收票人: the recipient's name.
    #[serde(rename = "invoiceContactName", skip_serializing_if = "Option::is_none")]
    pub invoice_contact_name: Option<String>,
    /// 发票内容: what the invoice is for.
    #[serde(rename = "invoiceContent", skip_serializing_if = "Option::is_none")]
    pub invoice_content: Option<String>,
    /// 添加时间: when the details were added.
    #[serde(rename = "invoiceDatetime", skip_serializing_if = "Option::is_none")]
    pub invoice_datetime: Option<String>,
    /// 公司开票 (BOOL): `true` for a company (1-公司), `false` for a person (0-个人).
    #[serde(
        rename = "invoiceIsCompany",
        serialize_with = "super::bit",
        skip_serializing_if = "Option::is_none"
    )]
    #[specta(type = Option<bool>)]
    pub invoice_is_company: Option<bool>,
    /// 是否默认: whether these are the default details; sent as 0/1.
    #[serde(
        rename = "invoiceIsDefault",
        serialize_with = "super::bit",
        skip_serializing_if = "Option::is_none"
    )]
    #[specta(type = Option<bool>)]
    pub invoice_is_default: Option<bool>,
    /// 电子发票: paper or electronic.
    #[serde(
        rename = "invoiceIsElectronic",
        skip_serializing_if = "Option::is_none"
    )]
    pub invoice_is_electronic: Option<InvoiceMedium>,
    /// 单位电话: the company's telephone.
    #[serde(rename = "invoicePhone", skip_serializing_if = "Option::is_none")]
    pub invoice_phone: Option<String>,
    /// 发票抬头: the invoice title (the person's or company's name).
    #[serde(rename = "invoiceTitle", skip_serializing_if = "Option::is_none")]
    pub invoice_title: Option<String>,
    /// 发票类型: normal or special VAT.
    #[serde(rename = "invoiceType", skip_serializing_if = "Option::is_none")]
    pub invoice_type: Option<InvoiceType>,
    /// 所属用户: the owner.
    #[serde(rename = "userId", skip_serializing_if = "Option::is_none")]
    pub user_id: Option<i64>,
}

/// The invoice list's parameters: paging plus a filter on any field.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, specta::Type)]
pub struct InvoiceQuery {
    #[serde(flatten)]
    pub list: ListQuery,
    /// 发票编号: only these details.
    #[serde(rename = "userInvoiceId", skip_serializing_if = "Option::is_none")]
    pub user_invoice_id: Option<i64>,
    #[serde(flatten)]
    pub filter: InvoiceFields,
}

/// One set of invoice details as the server answers it.
#[derive(Debug, Clone, Default, Serialize, Deserialize, specta::Type)]
#[serde(default)]
pub struct Invoice {
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub invoice_address: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub invoice_bankaccount: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub invoice_bankname: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub invoice_company_code: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub invoice_contact_address: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub invoice_contact_area: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub invoice_contact_email: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub invoice_contact_mobile: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub invoice_contact_name: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub invoice_content: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub invoice_datetime: Option<String>,
    /// Company (`true`) or person (`false`).
    #[serde(deserialize_with = "lenient::flag")]
    #[specta(type = Option<bool>)]
    pub invoice_is_company: Option<bool>,
    #[serde(deserialize_with = "lenient::flag")]
    #[specta(type = Option<bool>)]
    pub invoice_is_default: Option<bool>,
    /// 0 paper, 1 electronic ([`InvoiceMedium`]).
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub invoice_is_electronic: Option<i64>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub invoice_phone: Option<String>,
    #[serde(deserialize_with = "lenient::string")]
    #[specta(type = Option<String>)]
    pub invoice_title: Option<String>,
    /// 1 normal, 2 special VAT ([`InvoiceType`]).
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub invoice_type: Option<i64>,
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub user_id: Option<i64>,
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub user_invoice_id: Option<i64>,
}

/// 添加用户发票管理: adds invoice details for the signed-in user.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, specta::Type)]
#[serde(transparent)]
pub struct InvoiceAdd(pub InvoiceFields);
endpoint!(InvoiceAdd => serde_json::Value, UserCenter Post "/front/account/userInvoice/add", Required, "user_center.invoice_add");

/// 用户发票管理表-编辑: changes one set of invoice details (`userInvoiceId`, 发票编号).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, specta::Type)]
pub struct InvoiceEdit {
    /// 发票编号: the invoice details to change.
    #[serde(rename = "userInvoiceId")]
    pub user_invoice_id: i64,
    #[serde(flatten)]
    pub fields: InvoiceFields,
}
endpoint!(InvoiceEdit => serde_json::Value, UserCenter Post "/front/account/userInvoice/edit", Required, "user_center.invoice_edit");

/// 用户发票管理表-通过user_invoice_id查询: reads one set of invoice details. The seed's example
/// `data` is `{}`; the answer is the list's shape, so it decodes as [`Invoice`], and a `null`
/// for an unknown id is `None`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, specta::Type)]
pub struct InvoiceGet {
    /// 发票编号: the invoice details to read.
    pub user_invoice_id: i64,
}
endpoint!(InvoiceGet => Option<Invoice>, UserCenter Get "/front/account/userInvoice/get", Required, "user_center.invoice_get");

/// 发票列表: one page of the signed-in user's invoice details.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, specta::Type)]
#[serde(transparent)]
pub struct InvoiceList(pub InvoiceQuery);
endpoint!(InvoiceList => Page<Invoice>, UserCenter Get "/front/account/userInvoice/list", Required, "user_center.invoice_list");

/// 用户发票管理表-通过user_invoice_id删除: deletes one set of invoice details.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, specta::Type)]
pub struct InvoiceRemove {
    /// 发票编号: the invoice details to delete.
    pub user_invoice_id: i64,
}
endpoint!(InvoiceRemove => serde_json::Value, UserCenter Post "/front/account/userInvoice/remove", Required, "user_center.invoice_remove");
