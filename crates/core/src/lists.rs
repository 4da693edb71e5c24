//! What addresses and invoices share: a list with one default row, read cache-first, edited
//! through the outbox. An edit is queued and applied to the cache at once; a refresh replays
//! the edits still queued on top of the server's list, so a pending row never flickers away.

use std::time::Duration;

use lcs_store::table::default_list::DefaultListRow;
use lcs_store::{Cached, Entity, OutboxEntry, OutboxKind, Store, StoreError};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::data::{Data, DataChange, DataKind, Json, Loaded, Scope, id_text};
use crate::error::InputProblem;
use crate::error::{Error, Result};

/// One row as the UI lists it.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ListItem {
    /// The server's id, or `tmp-…` while its creation waits in the outbox.
    pub id: String,
    pub is_default: bool,
    /// An edit of this row waits for the server.
    pub pending: bool,
    /// The server's answer for the row (snake_case fields, as the API sends them).
    pub data: Json,
}

/// Turns the UI's form into what the cache shows and the server takes.
pub(crate) trait Input: Serialize + DeserializeOwned {
    /// The fields as the server answers them, for the cached row; absent fields left out.
    fn cached(&self) -> Map<String, Value>;
}

/// An edit as the outbox keeps it: the row's id, the form, and the fields to show meanwhile
/// (kept with the edit, so a refresh can replay it without knowing the form's type).
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct Payload<I> {
    pub id: Value,
    #[serde(default)]
    pub input: Option<I>,
    #[serde(default)]
    pub row: Map<String, Value>,
    /// For an add: the rows with the same fields the list already showed when it was queued
    /// (temporary ids become the server's as those adds are sent). None of them is this add
    /// when it is looked for on the server.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub twins: Vec<Value>,
}

/// Whether a server row holds every field `wanted` sets, but those in `skip`. A number the
/// server answers as text (or the reverse) is the same value.
pub(crate) fn same_content(wanted: &Map<String, Value>, row: &Value, skip: &[&str]) -> bool {
    wanted
        .iter()
        .filter(|(field, _)| !skip.contains(&field.as_str()))
        .all(|(field, value)| match (value, row.get(field)) {
            (_, None) => false,
            (value, Some(held)) if value == held => true,
            (Value::String(text), Some(Value::Number(number)))
            | (Value::Number(number), Some(Value::String(text))) => {
                text.trim() == number.to_string()
            }
            _ => false,
        })
}

/// A fetched list as [`find_sent`] reads it: each row's id and its fields as cached.
pub(crate) fn server_rows<T: Serialize>(
    items: &[T],
    id: impl Fn(&T) -> Option<i64>,
) -> Vec<(i64, Value)> {
    items
        .iter()
        .filter_map(|item| Some((id(item)?, crate::data::cacheable(item).ok()?)))
        .collect()
}

/// The first server row (`id`, fields as cached) that is not one of `twins` and has every field
/// `wanted` sets (`skip` aside): an add whose answer was lost, found on the server.
pub(crate) fn find_sent(
    wanted: &Map<String, Value>,
    twins: &[Value],
    rows: &[(i64, Value)],
    skip: &[&str],
) -> Option<i64> {
    let twins: Vec<String> = twins.iter().filter_map(id_text).collect();
    rows.iter()
        .find(|(id, row)| !twins.contains(&id.to_string()) && same_content(wanted, row, skip))
        .map(|(id, _)| *id)
}

/// An edit's id once the server knows the row; a `tmp-…` id here means its creation was
/// refused, so the edit has nothing to apply to.
pub(crate) fn server_id(id: &Value) -> Result<i64> {
    id.as_i64()
        .ok_or_else(|| Error::invalid("id", InputProblem::NotOnServer))
}

/// The server's id in an add's answer (the new row), as a number or numeric text.
pub(crate) fn created_id(answer: &Value, field: &str) -> Option<i64> {
    match answer.get(field)? {
        Value::Number(number) => number.as_i64(),
        Value::String(text) => text.trim().parse().ok(),
        _ => None,
    }
}

type Read = fn(
    &Store,
    &str,
    &str,
    Duration,
) -> std::result::Result<Option<Cached<Vec<DefaultListRow>>>, StoreError>;
type Replace =
    fn(&mut Store, &str, &str, &[DefaultListRow], i64) -> std::result::Result<(), StoreError>;

/// One list's particulars.
pub(crate) struct Spec {
    pub kind: DataKind,
    pub entity: Entity,
    pub add: OutboxKind,
    pub edit: OutboxKind,
    pub remove: OutboxKind,
    pub set_default: Option<OutboxKind>,
    /// The id's field in the server's row (`ud_id`).
    pub id_field: &'static str,
    /// The default flag's field in the server's row (`ud_is_default`).
    pub default_field: &'static str,
    pub read: Read,
    pub replace: Replace,
}

impl Spec {
    fn owns(&self, kind: OutboxKind) -> bool {
        [self.add, self.edit, self.remove].contains(&kind) || self.set_default == Some(kind)
    }

    pub async fn load(&self, data: &Data) -> Result<Loaded<Vec<ListItem>>> {
        data.load(self.kind, |store, scope, max_age| {
            self.items(store, scope, max_age)
        })
        .await
    }

    pub async fn reload(&self, data: &Data) -> Result<Loaded<Vec<ListItem>>> {
        data.reload(self.kind, |store, scope, max_age| {
            self.items(store, scope, max_age)
        })
        .await
    }

    fn items(
        &self,
        store: &Store,
        scope: &Scope,
        max_age: Duration,
    ) -> std::result::Result<Option<Cached<Vec<ListItem>>>, StoreError> {
        let pending: Vec<String> = store
            .pending(&scope.environment, &scope.key)?
            .iter()
            .filter(|entry| self.owns(entry.kind))
            .filter_map(|entry| entry.payload.get("id").and_then(id_text))
            .collect();
        Ok(
            (self.read)(store, &scope.environment, &scope.key, max_age)?.map(|cached| Cached {
                data: cached
                    .data
                    .into_iter()
                    .map(|row| ListItem {
                        pending: pending.contains(&row.id),
                        id: row.id,
                        is_default: row.is_default,
                        data: Json(row.data),
                    })
                    .collect(),
                fetched_at: cached.fetched_at,
                stale: cached.stale,
            }),
        )
    }

    /// Writes a fetched page of `items`, each with its id and default flag as `key` reads
    /// them; items without an id are skipped, and an answer for an account that is no longer
    /// signed in is dropped.
    pub fn write_page<T: Serialize>(
        &self,
        data: &Data,
        scope: &Scope,
        items: &[T],
        key: impl Fn(&T) -> (Option<i64>, Option<bool>),
    ) -> Result<()> {
        if !data.is_current(scope) {
            return Ok(());
        }
        let rows: Vec<DefaultListRow> = items
            .iter()
            .filter_map(|item| {
                let (id, is_default) = key(item);
                Some(DefaultListRow {
                    id: id?.to_string(),
                    is_default: is_default.unwrap_or(false),
                    data: crate::data::cacheable(item).ok()?,
                })
            })
            .collect();
        self.write_fetched(data, scope, &rows)
    }

    /// Writes a freshly fetched list, then replays this account's queued edits on top.
    pub fn write_fetched(&self, data: &Data, scope: &Scope, rows: &[DefaultListRow]) -> Result<()> {
        data.with_store(|store| {
            (self.replace)(
                store,
                &scope.environment,
                &scope.key,
                rows,
                lcs_store::now_ms(),
            )?;
            for entry in store.pending(&scope.environment, &scope.key)? {
                if self.owns(entry.kind) {
                    self.apply(store, scope, &entry)?;
                }
            }
            Ok(())
        })
    }

    /// Queues an edit of row `id` and shows it in the cache at once.
    pub fn queue<I: Input>(
        &self,
        data: &Data,
        kind: OutboxKind,
        id: Value,
        input: Option<I>,
    ) -> Result<()> {
        let scope = data.scope(lcs_api::Family::UserCenter)?;
        let row = input.as_ref().map(Input::cached).unwrap_or_default();
        // Queued first: if the app dies before the cache shows the edit, it is still sent and
        // the next refresh shows it; the other order could show an edit that is never sent.
        data.with_store(|store| {
            let twins = if kind == self.add {
                self.twins(store, &scope, &row)?
            } else {
                Vec::new()
            };
            let payload = serde_json::to_value(Payload {
                id,
                input,
                row,
                twins,
            })?;
            let entry = store.enqueue(&scope.environment, &scope.key, kind, &payload)?;
            self.apply(store, &scope, &entry)
        })?;
        data.emit(&scope, self.kind, DataChange::Edited, None);
        data.wake().notify_one();
        Ok(())
    }

    /// The ids of the cached rows with the fields of an add about to be queued.
    fn twins(
        &self,
        store: &Store,
        scope: &Scope,
        row: &Map<String, Value>,
    ) -> std::result::Result<Vec<Value>, StoreError> {
        let cached = (self.read)(store, &scope.environment, &scope.key, Duration::MAX)?;
        Ok(cached
            .map(|cached| cached.data)
            .unwrap_or_default()
            .into_iter()
            .filter(|cached| same_content(row, &cached.data, &self.identity()))
            .map(|cached| crate::data::id_value(&cached.id))
            .collect())
    }

    /// The fields an add's row is not recognised by: its id, and the default flag that a later
    /// add may have moved.
    pub fn identity(&self) -> [&'static str; 2] {
        [self.id_field, self.default_field]
    }

    /// Looks for a queued add on the server (`rows`: the server's list as cached), for a
    /// server that may have applied it without honouring its idempotency key.
    pub fn find_added<I>(&self, payload: &Payload<I>, rows: &[(i64, Value)]) -> Option<i64> {
        find_sent(&payload.row, &payload.twins, rows, &self.identity())
    }

    /// Shows one queued edit in the cached list, keeping the list's fetch time.
    fn apply(
        &self,
        store: &mut Store,
        scope: &Scope,
        entry: &OutboxEntry,
    ) -> std::result::Result<(), StoreError> {
        let (environment, account) = (&scope.environment, &scope.key);
        let (mut rows, fetched_at) = match (self.read)(store, environment, account, Duration::MAX)?
        {
            Some(cached) => (cached.data, cached.fetched_at),
            None => (Vec::new(), 0),
        };
        let id = entry.payload.get("id").cloned().unwrap_or(Value::Null);
        let Some(id_key) = id_text(&id) else {
            return Ok(());
        };
        let fields = entry
            .payload
            .get("row")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        let mut wants_default = fields.get(self.default_field).and_then(Value::as_bool);
        if entry.kind == self.remove {
            rows.retain(|row| row.id != id_key);
        } else if Some(entry.kind) == self.set_default {
            wants_default = Some(true);
        } else if let Some(row) = rows.iter_mut().find(|row| row.id == id_key) {
            if let Value::Object(data) = &mut row.data {
                data.extend(fields);
            }
        } else {
            let mut data = fields;
            data.insert(self.id_field.to_owned(), id);
            rows.push(DefaultListRow {
                id: id_key.clone(),
                is_default: false,
                data: Value::Object(data),
            });
        }
        if let Some(wanted) = wants_default {
            for row in &mut rows {
                let is_default = if row.id == id_key {
                    wanted
                } else {
                    row.is_default && !wanted
                };
                row.is_default = is_default;
                if let Value::Object(data) = &mut row.data {
                    data.insert(self.default_field.to_owned(), Value::Bool(is_default));
                }
            }
        }
        (self.replace)(store, environment, account, &rows, fetched_at)
    }
}

/// A row's serialised fields without the absent ones, so an edit overwrites only what it sets.
pub(crate) fn present_fields(row: &impl Serialize) -> Map<String, Value> {
    match serde_json::to_value(row) {
        Ok(Value::Object(fields)) => fields.into_iter().filter(|(_, v)| !v.is_null()).collect(),
        _ => Map::new(),
    }
}

/// A queued edit handed to a list service that does not own it.
pub(crate) fn not_mine(kind: OutboxKind) -> Error {
    Error::invalid(
        "kind",
        InputProblem::Unusable {
            detail: format!("{kind:?} is not this service's edit"),
        },
    )
}
