use lcs_store::table::invoice::InvoiceRow;
use serde_json::json;

use crate::{HOUR, assert_owners_isolated};

#[test]
fn each_account_sees_only_its_own_invoices_the_default_first() {
    assert_owners_isolated(
        |environment, account| {
            vec![
                InvoiceRow {
                    id: "7".into(),
                    is_default: true,
                    data: json!({"title": account, "environment": environment}),
                },
                InvoiceRow {
                    id: "3".into(),
                    is_default: false,
                    data: json!({"title": "Other Ltd"}),
                },
            ]
        },
        |store, environment, account, invoices, at| {
            store.replace_invoices(environment, account, invoices, at)
        },
        |store, environment, account| store.invoices(environment, account, HOUR),
    );
}
