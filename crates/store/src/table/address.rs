//! Delivery addresses (`user_center::addresses::Address`): one default per account, the rest
//! as JSON; the queries are [`super::default_list::DefaultList`]'s.

super::default_list::default_list_table!(
    "address",
    Addresses,
    AddressRow,
    replace_addresses,
    addresses,
    "addresses"
);
