//! lcs-sandbox: a local backend that implements the three API families with its state in
//! SQLite, so the app, its tests and testers always have a real peer.
//!
//! Sandbox-only helpers live under `/__sandbox/` (issue an SMS code, inject faults, expire a
//! token, reset the demo data, …) and answer only calls that carry the run's secret; H5 demo
//! pages under `/h5/`. The server binds to 127.0.0.1 only and refuses foreign pages and host
//! names.

mod calls;
mod customer;
mod db;
mod envelope;
mod faults;
mod guard;
mod h5;
mod planner;
mod server;
mod strict;
mod tools;
mod user_center;

pub use db::{
    DEMO_EMAIL, DEMO_NICKNAME, DEMO_PASSWORD, DEMO_PHONE, DEMO_PHONE_AREA, DEMO_USERS, Db, DbError,
    DemoUser,
};
pub use guard::SECRET_HEADER;
pub use planner::{PLANNER_CLIENT_ID, PLANNER_CLIENT_SECRET, PLANNER_DEMO_USERNAME};
pub use server::{Sandbox, new_secret, stop_signal};
