//! Delivery addresses (用户地址表): the user's own under `/front/account/userDeliveryAddress/`,
//! and the back office's, across users, under `/manage/account/userDeliveryAddress/`. Each
//! user has exactly one default address while they have any.

use axum::Router;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::{get, post};
use rusqlite::types::Value as Sql;
use serde_json::{Value, json};

use super::list::{Kind, Table, column, read_only};
use super::{Q, bad, signed_in};
use crate::db::Db;
use crate::envelope::UserCenterFailure;
use crate::tools::{iso_utc, now_ms};

const TAGS: &[&str] = &["1001", "1002"];

pub const ADDRESSES: Table = Table {
    name: "uc_addresses",
    columns: &[
        read_only("udId", "ud_id", Kind::Int),
        column("udAddress", "ud_address", Kind::Text),
        column("udCity", "ud_city", Kind::Text),
        column("udCityId", "ud_city_id", Kind::Int),
        column("udCounty", "ud_county", Kind::Text),
        column("udCountyId", "ud_county_id", Kind::Int),
        column("udIntl", "ud_intl", Kind::Text),
        column("udIsDefault", "ud_is_default", Kind::Flag),
        column("udLatitude", "ud_latitude", Kind::Float),
        column("udLongitude", "ud_longitude", Kind::Float),
        column("udMobile", "ud_mobile", Kind::Text),
        column("udName", "ud_name", Kind::Text),
        column("udPostalcode", "ud_postalcode", Kind::Text),
        column("udProvince", "ud_province", Kind::Text),
        column("udProvinceId", "ud_province_id", Kind::Int),
        column("udTagName", "ud_tag_name", Kind::TextOf(TAGS)),
        column("udTelephone", "ud_telephone", Kind::Text),
        // Set by the server when the address is added.
        read_only("udTime", "ud_time", Kind::Text),
        read_only("userId", "user_id", Kind::Int),
    ],
    owner: "user_id",
    created: "created_at",
    default_order: "ud_is_default DESC, created_at DESC",
    default_flag: Some("ud_is_default"),
    stamp: Some("ud_time"),
    what: "地址",
};

pub fn routes() -> Router<Db> {
    const FRONT: &str = "/front/account/userDeliveryAddress";
    const MANAGE: &str = "/manage/account/userDeliveryAddress";
    Router::new()
        .route(&format!("{FRONT}/add"), post(add))
        .route(&format!("{FRONT}/get"), get(get_one))
        .route(&format!("{FRONT}/list"), get(list))
        .route(&format!("{FRONT}/remove"), post(remove))
        .route(&format!("{FRONT}/save"), post(save))
        .route(&format!("{MANAGE}/add"), post(manage_add))
        .route(&format!("{MANAGE}/edit"), post(manage_edit))
        .route(&format!("{MANAGE}/list"), get(manage_list))
        .route(&format!("{MANAGE}/remove"), post(manage_remove))
        .route(&format!("{MANAGE}/removeBatch"), post(manage_remove_batch))
}

async fn add(State(db): State<Db>, headers: HeaderMap, query: Q) -> Response {
    signed_in(&db, &headers, query, |connection, user, params| {
        ADDRESSES.add(connection, user, params)
    })
}

async fn get_one(State(db): State<Db>, headers: HeaderMap, query: Q) -> Response {
    signed_in(&db, &headers, query, |connection, user, params| {
        let id = params.required_int("ud_id")?;
        Ok(ADDRESSES
            .get(connection, id, Some(user))?
            .map_or(Value::Null, Value::Object))
    })
}

async fn list(State(db): State<Db>, headers: HeaderMap, query: Q) -> Response {
    signed_in(&db, &headers, query, |connection, user, params| {
        ADDRESSES.page(connection, params, &[("user_id", Sql::Integer(user))])
    })
}

async fn remove(State(db): State<Db>, headers: HeaderMap, query: Q) -> Response {
    signed_in(&db, &headers, query, |connection, user, params| {
        ADDRESSES.delete(connection, params.required_int("ud_id")?, Some(user))
    })
}

async fn save(State(db): State<Db>, headers: HeaderMap, query: Q) -> Response {
    signed_in(&db, &headers, query, |connection, user, params| {
        ADDRESSES.edit(connection, params, Some(user))
    })
}

// The back office: any signed-in session acts across users, as the sandbox has no operator
// roles.

async fn manage_add(State(db): State<Db>, headers: HeaderMap, query: Q) -> Response {
    signed_in(&db, &headers, query, |connection, _, params| {
        let owner = params.required_int("userId")?;
        let exists: bool = connection.query_row(
            "SELECT EXISTS (SELECT 1 FROM uc_users WHERE user_id = ?1)",
            [owner],
            |row| row.get(0),
        )?;
        if !exists {
            return Err(UserCenterFailure::NotFound("用户"));
        }
        ADDRESSES.add(connection, owner, params)
    })
}

async fn manage_edit(State(db): State<Db>, headers: HeaderMap, query: Q) -> Response {
    signed_in(&db, &headers, query, |connection, _, params| {
        ADDRESSES.edit(connection, params, None)
    })
}

async fn manage_list(State(db): State<Db>, headers: HeaderMap, query: Q) -> Response {
    signed_in(&db, &headers, query, |connection, _, params| {
        ADDRESSES.page(connection, params, &[])
    })
}

async fn manage_remove(State(db): State<Db>, headers: HeaderMap, query: Q) -> Response {
    signed_in(&db, &headers, query, |connection, _, params| {
        ADDRESSES.delete(connection, params.required_int("ud_id")?, None)
    })
}

/// `ud_id` is the ids joined with commas (`3,4,5`); unknown ids are skipped, and the answer
/// says how many went.
async fn manage_remove_batch(State(db): State<Db>, headers: HeaderMap, query: Q) -> Response {
    signed_in(&db, &headers, query, |connection, _, params| {
        let ids = params
            .required("ud_id")?
            .split(',')
            .map(|id| id.trim().parse::<i64>())
            .collect::<Result<Vec<_>, _>>()
            .map_err(|_| bad("ud_id must be ids joined with commas"))?;
        let mut removed = 0;
        for id in ids {
            if let Some(owner) = ADDRESSES.owner_of(connection, id)? {
                ADDRESSES.remove(connection, id, owner)?;
                removed += 1;
            }
        }
        Ok(json!({"removed": removed}))
    })
}

/// The demo user's address book: home (the default), office and their parents' home, added a
/// few days apart.
pub fn seed_demo(connection: &rusqlite::Connection, user: i64) -> rusqlite::Result<()> {
    let now = now_ms();
    let book = [
        (
            "张伟",
            "13800000001",
            "广东省",
            440000,
            "深圳市",
            440300,
            "南山区",
            440305,
            "科技园南区高新南一道 8 号 阳光公寓 3 栋 1202",
            "518057",
            "1001",
            true,
        ),
        (
            "张伟",
            "13800000001",
            "广东省",
            440000,
            "深圳市",
            440300,
            "福田区",
            440304,
            "福华三路 168 号 国际商会中心 27 楼 LCS 前台",
            "518048",
            "1002",
            false,
        ),
        (
            "张建国",
            "13912345678",
            "湖南省",
            430000,
            "长沙市",
            430100,
            "岳麓区",
            430104,
            "麓山南路 932 号 湖大家属区 12 栋 2 单元 301",
            "410082",
            "1001",
            false,
        ),
    ];
    for (
        index,
        (
            name,
            mobile,
            province,
            province_id,
            city,
            city_id,
            county,
            county_id,
            address,
            postal,
            tag,
            default,
        ),
    ) in book.into_iter().enumerate()
    {
        let created = now - 86_400_000 * (30 - 7 * index as i64);
        connection.execute(
            "INSERT INTO uc_addresses (user_id, ud_name, ud_mobile, ud_intl, ud_province,
                                       ud_province_id, ud_city, ud_city_id, ud_county,
                                       ud_county_id, ud_address, ud_postalcode, ud_tag_name,
                                       ud_is_default, ud_time, created_at)
             VALUES (?1, ?2, ?3, '+86', ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
            rusqlite::params![
                user,
                name,
                mobile,
                province,
                province_id,
                city,
                city_id,
                county,
                county_id,
                address,
                postal,
                tag,
                default,
                iso_utc(created),
                created
            ],
        )?;
    }
    Ok(())
}
