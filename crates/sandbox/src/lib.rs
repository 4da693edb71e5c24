//! lcs-sandbox: a local backend that implements the three API families with its state in
//! SQLite, so the app, its tests and testers always have a real peer.
