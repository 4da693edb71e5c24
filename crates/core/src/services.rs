//! The assembly of the domain services: [`Data`] as the app holds it, handing out each domain's
//! service over the shared machinery, and telling that machinery which service fetches each
//! kind of data and which delivers each queued edit. It stands above the domains so that the
//! machinery below them never names one.

use std::sync::{Arc, Mutex};

use lcs_store::{OutboxEntry, Store};

use crate::accounts::Accounts;
use crate::addresses::{self, Addresses};
use crate::auth::{Auth, AuthChange, AuthEvent};
use crate::data::{Data, DataKind, DataListener, Pending, Scope};
use crate::error::Result;
use crate::invoices::{self, Invoices};
use crate::messages::{self, Messages};
use crate::profile::{self, Profile};
use crate::sync::{Delivered, Outbox, kind_of};

impl Data {
    /// The store is shared with other environments' services (one cache file per app).
    pub fn new(auth: Arc<Auth>, store: Arc<Mutex<Store>>, listener: Arc<dyn DataListener>) -> Self {
        Self::with_fetch(auth, store, listener, fetch)
    }

    pub fn accounts(&self) -> Accounts {
        Accounts::new(self.clone())
    }

    pub fn profile(&self) -> Profile {
        Profile::new(self.clone())
    }

    pub fn addresses(&self) -> Addresses {
        Addresses::new(self.clone())
    }

    pub fn invoices(&self) -> Invoices {
        Invoices::new(self.clone())
    }

    pub fn messages(&self) -> Messages {
        Messages::new(self.clone())
    }

    pub fn outbox(&self) -> Outbox {
        Outbox::new(self.clone(), deliver)
    }

    /// Keeps the cache in step with a session change, as the app hears it: a signed-out
    /// account's rows and queued edits go with it, whoever ended the session (the user, or the
    /// server: expired, kicked); a sign-in wakes the sender of queued edits; a real/demo switch
    /// marks the other trading account active.
    pub fn follow_session(&self, event: &AuthEvent) -> Result<()> {
        match event.change {
            AuthChange::SignedOut => self.forget_account(event.family, &event.account),
            AuthChange::SignedIn => {
                self.outbox().wake();
                Ok(())
            }
            AuthChange::Switched => match event.session.as_ref().and_then(|s| s.mode) {
                Some(mode) => self.accounts().mark_active(mode),
                None => Ok(()),
            },
            AuthChange::Refreshed => Ok(()),
        }
    }
}

fn fetch<'a>(data: &'a Data, scope: &'a Scope, kind: DataKind) -> Option<Pending<'a, ()>> {
    Some(match kind {
        // Family A has no read call: its rows come with the sign-in answer.
        DataKind::Customer | DataKind::TradingAccounts => return None,
        DataKind::UserInfo | DataKind::Levels | DataKind::ExpRules => {
            Box::pin(profile::fetch(data, scope, kind))
        }
        DataKind::AccountDetail => Box::pin(profile::fetch_account_detail(data, scope)),
        DataKind::Addresses => Box::pin(addresses::fetch(data, scope)),
        DataKind::Invoices => Box::pin(invoices::fetch(data, scope)),
        DataKind::Notices | DataKind::Chats | DataKind::UnreadCounts => {
            Box::pin(messages::fetch(data, scope, kind))
        }
    })
}

fn deliver<'a>(data: &'a Data, entry: &'a OutboxEntry) -> Pending<'a, Delivered> {
    match kind_of(entry.kind) {
        DataKind::Addresses => Box::pin(addresses::deliver(data, entry)),
        DataKind::Invoices => Box::pin(invoices::deliver(data, entry)),
        _ => Box::pin(messages::deliver(data, entry)),
    }
}
