//! Invoice titles (`user_center::invoices::Invoice`): one default per account, the rest
//! as JSON; the queries are [`super::default_list::DefaultList`]'s.

super::default_list::default_list_table!(
    "invoice",
    Invoices,
    InvoiceRow,
    replace_invoices,
    invoices,
    "invoices"
);
