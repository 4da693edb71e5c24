//! Family B, the user centre (用户中心; seed 002): profile, delivery addresses, invoices,
//! in-app messages, sign-in and WeChat. Parameters travel in the query string, also for POST.
//!
//! Request parameters keep the seed's exact names (mostly camelCase, a few snake_case ids);
//! answers are snake_case and every field is decoded tolerantly, because the seed's own
//! examples show how loosely the server types them.

pub mod addresses;
pub mod invoices;
pub mod login;
pub mod messages;
pub mod user;
pub mod wechat;

use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use crate::lenient;
use crate::secret::Secret;

/// The paging, sorting, search and time-range parameters every list call (分页列表查询) takes.
/// All are optional; the server's defaults apply to what is left out.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, specta::Type)]
pub struct ListQuery {
    /// 分页查询页码: the page to read, from 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// 分页查询每页数量: rows per page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size: Option<u32>,
    /// 排序字段: the column to sort by.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sidx: Option<String>,
    /// 排序方式: `asc` or `desc`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sort: Option<String>,
    /// 搜索字段 (`like[0].column`): the column [`Self::like`] searches.
    #[serde(rename = "like[0].column", skip_serializing_if = "Option::is_none")]
    pub like_column: Option<String>,
    /// 搜索字符 (`like[0].like`): the text to search for.
    #[serde(rename = "like[0].like", skip_serializing_if = "Option::is_none")]
    pub like: Option<String>,
    /// 排序字段 (`order[0].sidx`): a sort column in the list form of ordering.
    #[serde(rename = "order[0].sidx", skip_serializing_if = "Option::is_none")]
    pub order_sidx: Option<String>,
    /// 排序方式 (`order[0].sort`): `asc` or `desc` for [`Self::order_sidx`].
    #[serde(rename = "order[0].sort", skip_serializing_if = "Option::is_none")]
    pub order_sort: Option<String>,
    /// 创建时间起始值: rows created at or after this time.
    #[serde(rename = "createTimeStart", skip_serializing_if = "Option::is_none")]
    pub create_time_start: Option<String>,
    /// 创建时间结束值: rows created at or before this time.
    #[serde(rename = "createTimeEnd", skip_serializing_if = "Option::is_none")]
    pub create_time_end: Option<String>,
}

impl ListQuery {
    /// One page of `size` rows, everything else left to the server.
    pub fn page(page: u32, size: u32) -> Self {
        Self {
            page: Some(page),
            size: Some(size),
            ..Self::default()
        }
    }
}

/// One page of a list answer: `data: {items, page, records, size, total}`. Items that do not
/// decode at all are skipped; the page's counters are `None` when missing or mistyped.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
#[serde(default, bound(deserialize = "T: DeserializeOwned"))]
pub struct Page<T> {
    #[serde(deserialize_with = "lenient::list")]
    #[specta(type = Vec<T>)]
    pub items: Vec<T>,
    /// The page number these items are.
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub page: Option<i64>,
    /// How many rows match in all.
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub records: Option<i64>,
    /// Rows per page.
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub size: Option<i64>,
    /// How many pages there are.
    #[serde(deserialize_with = "lenient::int")]
    #[specta(type = Option<i64>)]
    pub total: Option<i64>,
}

// Written by hand: the derive would demand `T: Default`, which no item type needs.
impl<T> Default for Page<T> {
    fn default() -> Self {
        Self {
            items: Vec::new(),
            page: None,
            records: None,
            size: None,
            total: None,
        }
    }
}

/// The seed's `(BOOL)` parameters are typed string and spelled `0`/`1`, so a `bool` goes on
/// the wire as a digit rather than as `true`/`false`.
pub(crate) fn bit<S: Serializer>(value: &Option<bool>, serializer: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(flag) => serializer.serialize_u8(u8::from(*flag)),
        None => serializer.serialize_none(),
    }
}

/// A token in an answer, kept out of logs like every [`Secret`]; a number is taken as its
/// text and anything else as absent.
pub(crate) fn secret<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Secret>, D::Error> {
    Ok(lenient::string(deserializer)?.map(Secret::new))
}

/// A nested object; one of the wrong shape (a string, a list) is absent rather than an error.
pub(crate) fn object<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    Ok(match Value::deserialize(deserializer)? {
        value @ Value::Object(_) => serde_json::from_value(value).ok(),
        _ => None,
    })
}
