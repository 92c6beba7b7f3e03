//! An import merged in one transaction: a missing row is added, a row present is left
//! alone, a different row under the same id keeps the store's version.

use std::collections::{BTreeMap, HashMap, HashSet};

use rusqlite::types::Value as SqlValue;
use rusqlite::{params_from_iter, Connection, ErrorCode, OptionalExtension};
use serde_json::Value;

use crate::error::Result;

use super::check::{Checked, ReadyRow};
use super::format::*;
use super::schema::*;
use super::values::*;

pub(super) enum Outcome {
    Inserted,
    AlreadyPresent,
    KeptExisting,
    /// The same thing is already in the store under another id: the backup's row is the
    /// store's row (its children are attached to the store's id).
    SameAs {
        column: String,
        old: Value,
        new: Value,
    },
}

/// Tables whose unique keys say what a record *is*, not which slot it fills. A scale is
/// its template, subject and range: two stores that both have "the daily check-in, 0 to 10"
/// have the same scale under different ids, and the backup's answers belong on the store's
/// scale. (Contrast a week's plan or a worksheet's review: one per slot, and when the store
/// already has its own, the store's version is kept, with its children, untouched.)
pub(super) const IDENTITY_TABLES: &[&str] = &["scaling_scales"];

/// For a row of an identity table that clashed on a unique key: the stored row holding that
/// key, as (primary key column, the backup's value, the store's value).
pub(super) fn same_thing(
    tx: &Connection,
    t: &Table,
    row: &ReadyRow,
) -> Result<Option<(String, Value, Value)>> {
    let pk = t.pk_columns();
    let [pk] = pk.as_slice() else { return Ok(None) };
    let Some(old) = row.json.get(&pk.name) else {
        return Ok(None);
    };
    let indexes: Vec<(String, bool, String)> = tx
        .prepare(&format!("PRAGMA index_list({})", quote(&t.name)))?
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)? == 1,
                r.get::<_, String>(3)?,
            ))
        })?
        .collect::<std::result::Result<_, _>>()?;
    for (index, unique, origin) in indexes {
        if !unique || origin == "pk" {
            continue;
        }
        let cols: Vec<String> = tx
            .prepare(&format!("PRAGMA index_info({})", quote(&index)))?
            .query_map([], |r| r.get::<_, String>(2))?
            .collect::<std::result::Result<_, _>>()?;
        let mut values = vec![];
        for c in &cols {
            let Some(pos) = row.columns.iter().position(|ci| &t.columns[*ci].name == c) else {
                return Ok(None);
            };
            values.push(row.values[pos].clone());
        }
        let where_sql = cols
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{} IS ?{}", quote(c), i + 1))
            .collect::<Vec<_>>()
            .join(" AND ");
        let found = tx
            .prepare(&format!(
                "SELECT {} FROM {} WHERE {where_sql}",
                quote(&pk.name),
                quote(&t.name)
            ))?
            .query_row(params_from_iter(values.iter()), |r| {
                Ok(to_json(r.get_ref(0)?, &t.name))
            })
            .optional()?;
        if let Some(new) = found {
            return Ok(Some((pk.name.clone(), old.clone(), new?)));
        }
    }
    Ok(None)
}

/// The row with its foreign keys pointed at the store's records where the backup's parent
/// turned out to be the same thing as one already in the store.
pub(super) fn remapped(
    t: &Table,
    row: &ReadyRow,
    same: &HashMap<(String, String, String), Value>,
) -> Result<Option<ReadyRow>> {
    let mut out: Option<ReadyRow> = None;
    for (from, parent, to) in &t.foreign_keys {
        let Some(v) = row.json.get(from) else {
            continue;
        };
        let Some(new) = same.get(&(parent.clone(), to.clone(), v.to_string())) else {
            continue;
        };
        let r = out.get_or_insert_with(|| ReadyRow {
            columns: row.columns.clone(),
            values: row.values.clone(),
            json: row.json.clone(),
        });
        if let Some(pos) = r.columns.iter().position(|ci| &t.columns[*ci].name == from) {
            let col = &t.columns[r.columns[pos]];
            r.values[pos] = to_sql(new, &t.name, col)?;
        }
        r.json.insert(from.clone(), new.clone());
    }
    Ok(out)
}

pub(super) fn merge_row(tx: &Connection, t: &Table, row: &ReadyRow) -> Result<Outcome> {
    let keys = t.key_columns();
    // The stored row with the same key, if any.
    let where_sql = keys
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{} IS ?{}", quote(&c.name), i + 1))
        .collect::<Vec<_>>()
        .join(" AND ");
    let key_values: Vec<SqlValue> = keys
        .iter()
        .map(|k| {
            row.columns
                .iter()
                .position(|ci| t.columns[*ci].name == k.name)
                .map(|p| row.values[p].clone())
                .unwrap_or(SqlValue::Null)
        })
        .collect();
    let cols_sql = t
        .columns
        .iter()
        .map(|c| quote(&c.name))
        .collect::<Vec<_>>()
        .join(", ");
    let mut st = tx.prepare_cached(&format!(
        "SELECT {cols_sql} FROM {} WHERE {where_sql}",
        quote(&t.name)
    ))?;
    let mut rows = st.query(params_from_iter(key_values.iter()))?;
    if let Some(existing) = rows.next()? {
        for (i, c) in t.columns.iter().enumerate() {
            let stored = to_json(existing.get_ref(i)?, &t.name)?;
            let incoming = row.json.get(&c.name);
            if incoming.is_some_and(|v| !same_value(v, &stored)) {
                return Ok(Outcome::KeptExisting);
            }
        }
        return Ok(Outcome::AlreadyPresent);
    }
    drop(rows);
    let insert = format!(
        "INSERT INTO {} ({}) VALUES ({})",
        quote(&t.name),
        row.columns
            .iter()
            .map(|ci| quote(&t.columns[*ci].name))
            .collect::<Vec<_>>()
            .join(", "),
        (1..=row.columns.len())
            .map(|i| format!("?{i}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    match tx
        .prepare_cached(&insert)?
        .execute(params_from_iter(row.values.iter()))
    {
        Ok(_) => Ok(Outcome::Inserted),
        // Another unique key (say, one entry per day) is held by a different record: the
        // store's record wins, as for a clashing id.
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.code == ErrorCode::ConstraintViolation
                && (e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
                    || e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY) =>
        {
            if IDENTITY_TABLES.contains(&t.name.as_str()) {
                if let Some((column, old, new)) = same_thing(tx, t, row)? {
                    return Ok(Outcome::SameAs { column, old, new });
                }
            }
            Ok(Outcome::KeptExisting)
        }
        Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == ErrorCode::ConstraintViolation => {
            Err(invalid(format!(
                "table {} has a row that breaks the store's rules",
                t.name
            )))
        }
        Err(e) => Err(e.into()),
    }
}

/// Numbers compare by value (an integer stored in a REAL column reads back as 1.0).
pub(super) fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x == y || x.as_f64() == y.as_f64(),
        _ => a == b,
    }
}

/// The record a child row belongs to, when that record was kept in the store's version.
pub(super) fn parent_was_kept(
    t: &Table,
    row: &ReadyRow,
    kept: &HashSet<(String, String, String)>,
) -> bool {
    t.foreign_keys.iter().any(|(from, parent, to)| {
        row.json
            .get(from)
            .is_some_and(|v| kept.contains(&(parent.clone(), to.clone(), v.to_string())))
    })
}

pub(super) fn merge(tx: &Connection, checked: Checked) -> Result<ImportReport> {
    tx.pragma_update(None, "defer_foreign_keys", true)?;
    let mut per_table: BTreeMap<String, ImportTableReport> = BTreeMap::new();
    // (table, column, JSON value) of every column of the records kept in the store's
    // version: the backup's children of such a record are kept out too, so a record is
    // never half one version and half the other.
    let mut kept: HashSet<(String, String, String)> = HashSet::new();
    // (table, column, the backup's JSON value) → the store's value, for records of identity
    // tables that were already in the store under another id.
    let mut same: HashMap<(String, String, String), Value> = HashMap::new();
    for rt in &checked.tables {
        let mut rep = ImportTableReport {
            table: rt.table.name.clone(),
            inserted: 0,
            already_present: 0,
            kept_existing: 0,
        };
        for row in &rt.rows {
            let moved = remapped(&rt.table, row, &same)?;
            let row = moved.as_ref().unwrap_or(row);
            let outcome = if parent_was_kept(&rt.table, row, &kept) {
                Outcome::KeptExisting
            } else {
                merge_row(tx, &rt.table, row)?
            };
            match outcome {
                Outcome::Inserted => rep.inserted += 1,
                Outcome::AlreadyPresent => rep.already_present += 1,
                Outcome::SameAs { column, old, new } => {
                    rep.already_present += 1;
                    same.insert((rt.table.name.clone(), column, old.to_string()), new);
                }
                Outcome::KeptExisting => {
                    rep.kept_existing += 1;
                    for (c, v) in &row.json {
                        kept.insert((rt.table.name.clone(), c.clone(), v.to_string()));
                    }
                }
            }
        }
        per_table.insert(rep.table.clone(), rep);
    }
    let mut st = tx.prepare("PRAGMA foreign_key_check")?;
    let broken: Option<String> = st.query_row([], |r| r.get(0)).ok();
    if let Some(table) = broken {
        return Err(invalid(format!(
            "table {table} has records that refer to records missing from the backup and the store"
        )));
    }
    let tables: Vec<ImportTableReport> = per_table.into_values().collect();
    Ok(ImportReport {
        format_version: checked.format_version,
        schema_version: checked.schema_version,
        exported_at: checked.exported_at,
        inserted: tables.iter().map(|t| t.inserted).sum(),
        already_present: tables.iter().map(|t| t.already_present).sum(),
        kept_existing: tables.iter().map(|t| t.kept_existing).sum(),
        tables,
    })
}
