//! The list rules every family B table shares: paging, a filter per field, like-search,
//! sorting and a creation-time range, plus writes from parameters. SQL names come only from
//! the static [`Table`] specs: a column a client names is looked up there first, never pasted.

use rusqlite::types::Value as Sql;
use rusqlite::{Connection, Row, params_from_iter};
use serde_json::{Map, Value, json};

use super::{Outcome, Params, bad, parse_flag};
use crate::envelope::UserCenterFailure;
use crate::tools::{iso_utc, now_ms, parse_time_ms};

/// How a column's values are read from parameters and written into answers.
#[derive(Clone, Copy)]
pub enum Kind {
    Text,
    Int,
    Float,
    /// 0/1 in the database, a boolean in answers.
    Flag,
    /// Text limited to these codes (an ENUM the seed lists).
    TextOf(&'static [&'static str]),
    /// An integer limited to these codes.
    IntOf(&'static [i64]),
}

/// A column: its parameter name (camelCase), its SQL and answer name (snake_case), its kind,
/// and whether add and edit may set it.
pub struct Column {
    pub param: &'static str,
    pub name: &'static str,
    pub kind: Kind,
    pub writable: bool,
}

pub const fn column(param: &'static str, name: &'static str, kind: Kind) -> Column {
    Column {
        param,
        name,
        kind,
        writable: true,
    }
}

pub const fn read_only(param: &'static str, name: &'static str, kind: Kind) -> Column {
    Column {
        param,
        name,
        kind,
        writable: false,
    }
}

/// A table a list call reads: the first column is its id, `owner` the user it belongs to,
/// `created` the epoch-ms column `createTimeStart`/`createTimeEnd` compare, `default_order`
/// the SQL order when the client asks for none, and `default_flag` the column of which each
/// owner has exactly one set, if any.
pub struct Table {
    pub name: &'static str,
    pub columns: &'static [Column],
    pub owner: &'static str,
    pub created: &'static str,
    pub default_order: &'static str,
    pub default_flag: Option<&'static str>,
    /// The ISO 8601 column the server stamps when a row is added (添加时间).
    pub stamp: Option<&'static str>,
    /// What a row is, for "not found" answers.
    pub what: &'static str,
}

/// A column to set and its value.
pub type Write = (&'static str, Sql);

/// Rows per page when the client does not say, and the most it may ask for.
const DEFAULT_SIZE: i64 = 10;
const MAX_SIZE: i64 = 500;
/// How many `like[i]`/`order[i]` entries are read.
const MAX_ENTRIES: usize = 5;

impl Table {
    pub fn id(&self) -> &'static str {
        self.columns[0].name
    }

    /// The column a client means by `name`, in either spelling.
    fn find(&self, name: &str) -> Option<&Column> {
        self.columns
            .iter()
            .find(|c| c.param.eq_ignore_ascii_case(name) || c.name.eq_ignore_ascii_case(name))
    }

    fn select(&self) -> String {
        let names: Vec<&str> = self.columns.iter().map(|c| c.name).collect();
        format!("SELECT {} FROM {}", names.join(", "), self.name)
    }

    /// One row as its answer object.
    pub fn to_json(&self, row: &Row<'_>) -> rusqlite::Result<Map<String, Value>> {
        let mut object = Map::new();
        for (index, column) in self.columns.iter().enumerate() {
            let value = match column.kind {
                Kind::Text | Kind::TextOf(_) => json!(row.get::<_, Option<String>>(index)?),
                Kind::Int | Kind::IntOf(_) => json!(row.get::<_, Option<i64>>(index)?),
                Kind::Float => json!(row.get::<_, Option<f64>>(index)?),
                Kind::Flag => json!(row.get::<_, Option<i64>>(index)?.map(|v| v != 0)),
            };
            object.insert(column.name.to_owned(), value);
        }
        Ok(object)
    }

    /// One row by id, within `owner` when given; `None` when there is no such row (or it is
    /// someone else's).
    pub fn get(
        &self,
        connection: &Connection,
        id: i64,
        owner: Option<i64>,
    ) -> rusqlite::Result<Option<Map<String, Value>>> {
        let mut values = vec![Sql::Integer(id)];
        let mut sql = format!("{} WHERE {} = ?1", self.select(), self.id());
        if let Some(owner) = owner {
            sql.push_str(&format!(" AND {} = ?2", self.owner));
            values.push(Sql::Integer(owner));
        }
        let mut statement = connection.prepare(&sql)?;
        let mut rows = statement.query(params_from_iter(values))?;
        rows.next()?.map(|row| self.to_json(row)).transpose()
    }

    /// One page of rows matching the client's filters and `fixed` (column, value) pairs; the
    /// answer's `data`: `{items, page, records, size, total}` with `total` the page count.
    pub fn list(
        &self,
        connection: &Connection,
        params: &Params,
        fixed: &[(&'static str, Sql)],
    ) -> Result<(Vec<Map<String, Value>>, Value), UserCenterFailure> {
        let mut conditions: Vec<String> = Vec::new();
        let mut values: Vec<Sql> = Vec::new();
        let mut push = |condition: String, value: Sql| {
            values.push(value);
            conditions.push(condition.replace('?', &format!("?{}", values.len())));
        };
        for (name, value) in fixed {
            push(format!("{name} = ?"), value.clone());
        }
        for column in self.columns {
            if let Some(text) = params.text(column.param) {
                push(format!("{} = ?", column.name), read(column, text)?);
            }
        }
        for index in 0..MAX_ENTRIES {
            let (Some(name), Some(like)) = (
                params.text(&format!("like[{index}].column")),
                params.text(&format!("like[{index}].like")),
            ) else {
                continue;
            };
            let column = self
                .find(name)
                .filter(|c| matches!(c.kind, Kind::Text | Kind::TextOf(_)))
                .ok_or_else(|| bad(format!("cannot search column {name}")))?;
            let escaped = like
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_");
            push(
                format!("{} LIKE ? ESCAPE '\\'", column.name),
                Sql::Text(format!("%{escaped}%")),
            );
        }
        for (key, end) in [("createTimeStart", false), ("createTimeEnd", true)] {
            if let Some(text) = params.text(key) {
                let ms = parse_time_ms(text, end)
                    .ok_or_else(|| bad(format!("{key} must be a date or time")))?;
                let operator = if end { "<=" } else { ">=" };
                push(format!("{} {operator} ?", self.created), Sql::Integer(ms));
            }
        }
        let order = self.order(params)?;
        let page = params.int("page")?.unwrap_or(1);
        let size = params.int("size")?.unwrap_or(DEFAULT_SIZE);
        if page < 1 || !(1..=MAX_SIZE).contains(&size) {
            return Err(bad(format!("page must be 1 or more, size 1 to {MAX_SIZE}")));
        }
        let filter = if conditions.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", conditions.join(" AND "))
        };
        let records: i64 = connection.query_row(
            &format!("SELECT COUNT(*) FROM {}{filter}", self.name),
            params_from_iter(values.iter()),
            |row| row.get(0),
        )?;
        let sql = format!(
            "{}{filter} ORDER BY {order} LIMIT {size} OFFSET {}",
            self.select(),
            // A page far past the end is empty, not an overflow.
            (page - 1).saturating_mul(size)
        );
        let mut statement = connection.prepare(&sql)?;
        let items = statement
            .query_map(params_from_iter(values.iter()), |row| self.to_json(row))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let info = json!({
            "page": page,
            "records": records,
            "size": size,
            "total": (records + size - 1) / size,
        });
        Ok((items, info))
    }

    /// The ORDER BY clause: `sidx`/`sort`, then `order[i].sidx`/`order[i].sort`, then the
    /// table's default, then the id, newest first, so pages never overlap.
    fn order(&self, params: &Params) -> Result<String, UserCenterFailure> {
        let mut keys = vec![("sidx".to_owned(), "sort".to_owned())];
        keys.extend(
            (0..MAX_ENTRIES).map(|i| (format!("order[{i}].sidx"), format!("order[{i}].sort"))),
        );
        let mut terms = Vec::new();
        for (sidx, sort) in keys {
            let Some(name) = params.text(&sidx) else {
                continue;
            };
            let column = self
                .find(name)
                .ok_or_else(|| bad(format!("cannot sort by {name}")))?;
            let direction = match params.text(&sort).map(str::to_ascii_lowercase).as_deref() {
                None | Some("asc") => "ASC",
                Some("desc") => "DESC",
                Some(other) => return Err(bad(format!("{sort} must be asc or desc, not {other}"))),
            };
            terms.push(format!("{} {direction}", column.name));
        }
        if terms.is_empty() {
            terms.push(self.default_order.to_owned());
        }
        terms.push(format!("{} DESC", self.id()));
        Ok(terms.join(", "))
    }

    /// The writable columns the client set, as (column, value) pairs; the default flag is
    /// returned apart, since [`Table::settle_default`] applies it.
    pub fn writes(&self, params: &Params) -> Result<(Vec<Write>, Option<bool>), UserCenterFailure> {
        let mut writes = Vec::new();
        let mut wants_default = None;
        for column in self.columns.iter().filter(|c| c.writable) {
            let Some(text) = params.text(column.param) else {
                continue;
            };
            if Some(column.name) == self.default_flag {
                wants_default = Some(parse_flag(column.param, text)?);
            } else {
                writes.push((column.name, read(column, text)?));
            }
        }
        Ok((writes, wants_default))
    }

    /// Inserts a row of `writes` plus `fixed`; answers its id.
    pub fn insert(
        &self,
        connection: &Connection,
        writes: &[(&'static str, Sql)],
        fixed: &[(&'static str, Sql)],
    ) -> rusqlite::Result<i64> {
        let all: Vec<&(&'static str, Sql)> = writes.iter().chain(fixed).collect();
        let names: Vec<&str> = all.iter().map(|(name, _)| *name).collect();
        let marks: Vec<String> = (1..=all.len()).map(|i| format!("?{i}")).collect();
        connection.execute(
            &format!(
                "INSERT INTO {} ({}) VALUES ({})",
                self.name,
                names.join(", "),
                marks.join(", ")
            ),
            params_from_iter(all.iter().map(|(_, value)| value)),
        )?;
        Ok(connection.last_insert_rowid())
    }

    /// Changes row `id`'s `writes`.
    pub fn update(
        &self,
        connection: &Connection,
        id: i64,
        writes: &[(&'static str, Sql)],
    ) -> rusqlite::Result<()> {
        if writes.is_empty() {
            return Ok(());
        }
        let sets: Vec<String> = writes
            .iter()
            .enumerate()
            .map(|(i, (name, _))| format!("{name} = ?{}", i + 1))
            .collect();
        let mut values: Vec<Sql> = writes.iter().map(|(_, value)| value.clone()).collect();
        values.push(Sql::Integer(id));
        connection.execute(
            &format!(
                "UPDATE {} SET {} WHERE {} = ?{}",
                self.name,
                sets.join(", "),
                self.id(),
                values.len()
            ),
            params_from_iter(values),
        )?;
        Ok(())
    }

    /// The owner of row `id`, if it exists.
    pub fn owner_of(&self, connection: &Connection, id: i64) -> rusqlite::Result<Option<i64>> {
        let sql = format!(
            "SELECT {} FROM {} WHERE {} = ?1",
            self.owner,
            self.name,
            self.id()
        );
        match connection.query_row(&sql, [id], |row| row.get(0)) {
            Ok(owner) => Ok(Some(owner)),
            Err(rusqlite::Error::QueryReturnedNoRows) => Ok(None),
            Err(error) => Err(error),
        }
    }

    /// Deletes row `id`, then keeps the owner's one default.
    pub fn remove(&self, connection: &Connection, id: i64, owner: i64) -> rusqlite::Result<()> {
        connection.execute(
            &format!("DELETE FROM {} WHERE {} = ?1", self.name, self.id()),
            [id],
        )?;
        self.settle_default(connection, owner, None, None)
    }

    /// Keeps exactly one default row per owner (for tables that have a default flag): `chosen`
    /// with `Some(true)` becomes the default and the others stop being it; with `Some(false)`
    /// the most recent other row takes over, if there is one. An owner left without a default
    /// (the first row, the default removed) gets the most recent row.
    pub fn settle_default(
        &self,
        connection: &Connection,
        owner: i64,
        chosen: Option<i64>,
        wants_default: Option<bool>,
    ) -> rusqlite::Result<()> {
        let Some(flag) = self.default_flag else {
            return Ok(());
        };
        let (id, owner_column, created) = (self.id(), self.owner, self.created);
        if let (Some(chosen), Some(wanted)) = (chosen, wants_default) {
            // Clear first: the partial unique index allows one default at any moment.
            connection.execute(
                &format!(
                    "UPDATE {} SET {flag} = 0 WHERE {owner_column} = ?1 AND ({id} = ?2 OR ?3)",
                    self.name
                ),
                rusqlite::params![owner, chosen, wanted],
            )?;
            if wanted {
                connection.execute(
                    &format!("UPDATE {} SET {flag} = 1 WHERE {id} = ?1", self.name),
                    [chosen],
                )?;
            }
        }
        let has_default: bool = connection.query_row(
            &format!(
                "SELECT EXISTS (SELECT 1 FROM {} WHERE {owner_column} = ?1 AND {flag} = 1)",
                self.name
            ),
            [owner],
            |row| row.get(0),
        )?;
        if !has_default {
            // The most recent row other than the one just un-defaulted, else that one.
            connection.execute(
                &format!(
                    "UPDATE {name} SET {flag} = 1 WHERE {id} = (
                         SELECT {id} FROM {name} WHERE {owner_column} = ?1
                         ORDER BY {id} = ?2, {created} DESC, {id} DESC LIMIT 1)",
                    name = self.name
                ),
                rusqlite::params![owner, chosen.unwrap_or(0)],
            )?;
        }
        Ok(())
    }
}

impl Table {
    /// Adds a row for `owner` from the parameters; answers the row.
    pub fn add(&self, connection: &Connection, owner: i64, params: &Params) -> Outcome {
        let (writes, wants_default) = self.writes(params)?;
        let now = now_ms();
        let mut fixed = vec![
            (self.owner, Sql::Integer(owner)),
            (self.created, Sql::Integer(now)),
        ];
        if let Some(stamp) = self.stamp {
            fixed.push((stamp, Sql::Text(iso_utc(now))));
        }
        let id = self.insert(connection, &writes, &fixed)?;
        self.settle_default(connection, owner, Some(id), wants_default)?;
        self.answer_row(connection, id)
    }

    /// Changes the row the id parameter names; `scope` limits it to that user's rows.
    pub fn edit(&self, connection: &Connection, params: &Params, scope: Option<i64>) -> Outcome {
        let id = params.required_int(self.columns[0].param)?;
        let owner = self.owned(connection, id, scope)?;
        let (writes, wants_default) = self.writes(params)?;
        self.update(connection, id, &writes)?;
        self.settle_default(connection, owner, Some(id), wants_default)?;
        self.answer_row(connection, id)
    }

    /// Deletes row `id`; `scope` limits it to that user's rows.
    pub fn delete(&self, connection: &Connection, id: i64, scope: Option<i64>) -> Outcome {
        let owner = self.owned(connection, id, scope)?;
        self.remove(connection, id, owner)?;
        Ok(json!({}))
    }

    /// One page as the list answer's `data`.
    pub fn page(
        &self,
        connection: &Connection,
        params: &Params,
        fixed: &[(&'static str, Sql)],
    ) -> Outcome {
        let (items, mut info) = self.list(connection, params, fixed)?;
        info["items"] = Value::Array(items.into_iter().map(Value::Object).collect());
        Ok(info)
    }

    /// The owner of row `id` when it exists within `scope`; someone else's row is "not
    /// found", so ids reveal nothing.
    fn owned(
        &self,
        connection: &Connection,
        id: i64,
        scope: Option<i64>,
    ) -> Result<i64, UserCenterFailure> {
        self.owner_of(connection, id)?
            .filter(|owner| scope.is_none_or(|user| user == *owner))
            .ok_or(UserCenterFailure::NotFound(self.what))
    }

    fn answer_row(&self, connection: &Connection, id: i64) -> Outcome {
        Ok(self
            .get(connection, id, None)?
            .map_or(Value::Null, Value::Object))
    }
}

/// A parameter's text as the column's SQL value, refused when it is not of the column's kind.
fn read(column: &Column, text: &str) -> Result<Sql, UserCenterFailure> {
    let wrong = |what: &str| bad(format!("{} must be {what}", column.param));
    Ok(match column.kind {
        Kind::Text => Sql::Text(text.to_owned()),
        Kind::Int => Sql::Integer(text.parse().map_err(|_| wrong("an integer"))?),
        Kind::Float => Sql::Real(text.parse().map_err(|_| wrong("a number"))?),
        Kind::Flag => Sql::Integer(i64::from(parse_flag(column.param, text)?)),
        Kind::TextOf(codes) => {
            if !codes.contains(&text) {
                return Err(wrong(&format!("one of {}", codes.join(", "))));
            }
            Sql::Text(text.to_owned())
        }
        Kind::IntOf(codes) => {
            let value: i64 = text.parse().map_err(|_| wrong("an integer"))?;
            if !codes.contains(&value) {
                let codes: Vec<String> = codes.iter().map(i64::to_string).collect();
                return Err(wrong(&format!("one of {}", codes.join(", "))));
            }
            Sql::Integer(value)
        }
    })
}
