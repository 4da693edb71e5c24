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
