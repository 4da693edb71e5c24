mod address;
mod customer;
mod message;
mod outbox;
mod trading_account;
