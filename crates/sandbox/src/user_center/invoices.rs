//! Invoice details (用户发票管理) under `/front/account/userInvoice/`: the titles and
//! addresses a user keeps for invoices, each user's own. Like addresses, each user has exactly
//! one default set while they have any.

use axum::Router;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::{get, post};
use rusqlite::types::Value as Sql;
use serde_json::Value;

use super::list::{Kind, Table, column, read_only};
use super::{Q, signed_in};
use crate::db::Db;
use crate::tools::{iso_utc, now_ms};

pub const INVOICES: Table = Table {
    name: "uc_invoices",
    columns: &[
        read_only("userInvoiceId", "user_invoice_id", Kind::Int),
        column("invoiceAddress", "invoice_address", Kind::Text),
        column("invoiceBankaccount", "invoice_bankaccount", Kind::Text),
        column("invoiceBankname", "invoice_bankname", Kind::Text),
        column("invoiceCompanyCode", "invoice_company_code", Kind::Text),
        column(
            "invoiceContactAddress",
            "invoice_contact_address",
            Kind::Text,
        ),
        column("invoiceContactArea", "invoice_contact_area", Kind::Text),
        column("invoiceContactEmail", "invoice_contact_email", Kind::Text),
        column("invoiceContactMobile", "invoice_contact_mobile", Kind::Text),
        column("invoiceContactName", "invoice_contact_name", Kind::Text),
        column("invoiceContent", "invoice_content", Kind::Text),
        // Set by the server when the details are added.
        read_only("invoiceDatetime", "invoice_datetime", Kind::Text),
        column("invoiceIsCompany", "invoice_is_company", Kind::Flag),
        column("invoiceIsDefault", "invoice_is_default", Kind::Flag),
        column(
            "invoiceIsElectronic",
            "invoice_is_electronic",
            Kind::IntOf(&[0, 1]),
        ),
        column("invoicePhone", "invoice_phone", Kind::Text),
        column("invoiceTitle", "invoice_title", Kind::Text),
        column("invoiceType", "invoice_type", Kind::IntOf(&[1, 2])),
        read_only("userId", "user_id", Kind::Int),
    ],
    owner: "user_id",
    created: "created_at",
    default_order: "invoice_is_default DESC, created_at DESC",
    default_flag: Some("invoice_is_default"),
    stamp: Some("invoice_datetime"),
    what: "发票信息",
};

pub fn routes() -> Router<Db> {
    const FRONT: &str = "/front/account/userInvoice";
    Router::new()
        .route(&format!("{FRONT}/add"), post(add))
        .route(&format!("{FRONT}/edit"), post(edit))
        .route(&format!("{FRONT}/get"), get(get_one))
        .route(&format!("{FRONT}/list"), get(list))
        .route(&format!("{FRONT}/remove"), post(remove))
}

async fn add(State(db): State<Db>, headers: HeaderMap, query: Q) -> Response {
    signed_in(&db, &headers, query, |connection, user, params| {
        INVOICES.add(connection, user, params)
    })
}

async fn edit(State(db): State<Db>, headers: HeaderMap, query: Q) -> Response {
    signed_in(&db, &headers, query, |connection, user, params| {
        INVOICES.edit(connection, params, Some(user))
    })
}

/// Someone else's id, like an unknown one, answers `null`.
async fn get_one(State(db): State<Db>, headers: HeaderMap, query: Q) -> Response {
    signed_in(&db, &headers, query, |connection, user, params| {
        let id = params.required_int("user_invoice_id")?;
        Ok(INVOICES
            .get(connection, id, Some(user))?
            .map_or(Value::Null, Value::Object))
    })
}

async fn list(State(db): State<Db>, headers: HeaderMap, query: Q) -> Response {
    signed_in(&db, &headers, query, |connection, user, params| {
        INVOICES.page(connection, params, &[("user_id", Sql::Integer(user))])
    })
}

async fn remove(State(db): State<Db>, headers: HeaderMap, query: Q) -> Response {
    signed_in(&db, &headers, query, |connection, user, params| {
        INVOICES.delete(
            connection,
            params.required_int("user_invoice_id")?,
            Some(user),
        )
    })
}

/// The demo user's invoice details: their employer's VAT special invoice (the default) and a
/// personal electronic one.
pub fn seed_demo(connection: &rusqlite::Connection, user: i64) -> rusqlite::Result<()> {
    let now = now_ms();
    connection.execute(
        "INSERT INTO uc_invoices (user_id, invoice_title, invoice_company_code, invoice_is_company,
                                  invoice_type, invoice_is_electronic, invoice_address,
                                  invoice_phone, invoice_bankname, invoice_bankaccount,
                                  invoice_content, invoice_contact_name, invoice_contact_mobile,
                                  invoice_contact_email, invoice_contact_area,
                                  invoice_contact_address, invoice_is_default, invoice_datetime,
                                  created_at)
         VALUES (?1, '深圳市蓝海数科技术有限公司', '91440300MA5G8K2X7L', 1, 2, 0,
                 '深圳市福田区福华三路 168 号国际商会中心 27 楼', '0755-88886666',
                 '招商银行深圳福田支行', '755912345610801', '技术服务费', '张伟', '13800000001',
                 'finance@lanhai.example', '广东省 深圳市 福田区',
                 '福华三路 168 号 国际商会中心 27 楼', 1, ?2, ?3)",
        rusqlite::params![user, iso_utc(now - 20 * 86_400_000), now - 20 * 86_400_000],
    )?;
    connection.execute(
        "INSERT INTO uc_invoices (user_id, invoice_title, invoice_is_company, invoice_type,
                                  invoice_is_electronic, invoice_content, invoice_contact_name,
                                  invoice_contact_mobile, invoice_contact_email,
                                  invoice_is_default, invoice_datetime, created_at)
         VALUES (?1, '张伟', 0, 1, 1, '商品明细', '张伟', '13800000001', 'demo@lcs.test', 0,
                 ?2, ?3)",
        rusqlite::params![user, iso_utc(now - 5 * 86_400_000), now - 5 * 86_400_000],
    )?;
    Ok(())
}
