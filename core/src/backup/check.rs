//! An import, checked whole before anything is written: format, version, checksum, every
//! table and column known to this schema, every value's type and size.

use rusqlite::types::Value as SqlValue;
use rusqlite::Connection;
use serde_json::{Map, Value};

use crate::error::{Error, Result};

use super::checksum::*;
use super::format::*;
use super::schema::*;
use super::values::*;

/// A row ready to write: its table's column indices and values, in column order.
pub(super) struct ReadyRow {
    pub(super) columns: Vec<usize>,
    pub(super) values: Vec<SqlValue>,
    /// The row as JSON (for comparing with a stored row).
    pub(super) json: Map<String, Value>,
}

pub(super) struct ReadyTable {
    pub(super) table: Table,
    pub(super) rows: Vec<ReadyRow>,
}

pub(super) struct Checked {
    pub(super) format_version: i64,
    pub(super) schema_version: i64,
    pub(super) exported_at: String,
    pub(super) tables: Vec<ReadyTable>,
}

/// Parses and checks a whole document against the store's schema. Writes nothing.
pub(super) fn check_document(conn: &Connection, json: &str) -> Result<Checked> {
    if json.len() > MAX_DOCUMENT_BYTES {
        return Err(invalid(format!(
            "is larger than the {} MiB this app imports",
            MAX_DOCUMENT_BYTES / (1024 * 1024)
        )));
    }
    let doc: Value = serde_json::from_str(json).map_err(|e| {
        invalid(match e.classify() {
            serde_json::error::Category::Eof => "is incomplete: the file was cut short",
            _ => "is not a readable backup (not valid JSON)",
        })
    })?;
    let obj = doc
        .as_object()
        .ok_or_else(|| invalid("is not a Wellbeing Companion backup"))?;
    if obj.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(invalid("is not a Wellbeing Companion backup"));
    }
    for k in obj.keys() {
        if ![
            "format",
            "format_version",
            "schema_version",
            "exported_at",
            "tables",
            "checksum",
        ]
        .contains(&k.as_str())
        {
            return Err(invalid("has a field this app does not know"));
        }
    }
    let format_version = obj
        .get("format_version")
        .and_then(Value::as_i64)
        .ok_or_else(|| invalid("has no format version"))?;
    if format_version > FORMAT_VERSION {
        return Err(Error::invalid(FIELD, crate::rules::RuleCode::TooNew));
    }
    if format_version < 1 {
        return Err(invalid("has an impossible format version"));
    }
    let schema_version = obj
        .get("schema_version")
        .and_then(Value::as_i64)
        .ok_or_else(|| invalid("has no schema version"))?;
    if schema_version > crate::store::schema::VERSION {
        return Err(Error::NewerSchema {
            found: schema_version,
            supported: crate::store::schema::VERSION,
        });
    }
    if schema_version < 1 {
        return Err(invalid("has an impossible schema version"));
    }
    let exported_at = obj
        .get("exported_at")
        .and_then(Value::as_str)
        .filter(|s| s.len() <= 64)
        .ok_or_else(|| invalid("has no export time"))?
        .to_string();
    let tables_v = obj.get("tables").ok_or_else(|| invalid("has no tables"))?;
    let want = obj
        .get("checksum")
        .and_then(Value::as_str)
        .ok_or_else(|| invalid("has no checksum"))?;
    if checksum(tables_v) != want {
        return Err(invalid(
            "does not match its checksum: it was changed or damaged after it was made",
        ));
    }
    let tables_in = tables_v
        .as_object()
        .ok_or_else(|| invalid("has tables in the wrong shape"))?;

    let known = tables(conn)?;
    let mut total_rows = 0usize;
    let mut out = vec![];
    for (name, rows_v) in tables_in {
        let table = known
            .iter()
            .find(|t| &t.name == name)
            .ok_or_else(|| invalid("has a table this app does not know"))?
            .clone();
        let rows = rows_v
            .as_array()
            .ok_or_else(|| invalid(format!("table {name} is not a list of rows")))?;
        if rows.len() > MAX_TABLE_ROWS {
            return Err(invalid(format!("table {name} has too many rows")));
        }
        total_rows += rows.len();
        if total_rows > MAX_TOTAL_ROWS {
            return Err(invalid("has too many rows"));
        }
        let mut ready = Vec::with_capacity(rows.len());
        for row in rows {
            let row = row
                .as_object()
                .ok_or_else(|| invalid(format!("table {name} has a row that is not a record")))?;
            let mut columns = vec![];
            let mut values = vec![];
            for (ci, col) in table.columns.iter().enumerate() {
                match row.get(&col.name) {
                    Some(v) => {
                        values.push(to_sql(v, name, col)?);
                        columns.push(ci);
                    }
                    None if (col.not_null && !col.has_default) || col.pk > 0 => {
                        return Err(invalid(format!(
                            "table {name} has a row without column {}",
                            col.name
                        )))
                    }
                    None => {}
                }
            }
            if row.keys().any(|k| table.column(k).is_none()) {
                return Err(invalid(format!(
                    "table {name} has a column this app does not know"
                )));
            }
            check_time_columns(name, row)?;
            ready.push(ReadyRow {
                columns,
                values,
                json: row.clone(),
            });
        }
        out.push(ReadyTable { table, rows: ready });
    }
    // Parents before children, so the common case satisfies foreign keys as it goes; the
    // check before commit is what guarantees it.
    out.sort_by_key(|t| depth(&t.table.name, &known, 0));
    Ok(Checked {
        format_version,
        schema_version,
        exported_at,
        tables: out,
    })
}

/// The columns every tool stores the same way must read as the app reads them.
pub(super) fn check_time_columns(table: &str, row: &Map<String, Value>) -> Result<()> {
    let bad = || {
        invalid(format!(
            "table {table} has a row with an unreadable date or time"
        ))
    };
    for (col, v) in row {
        match (col.as_str(), v) {
            ("local_date" | "week_start", Value::String(s)) => {
                crate::clock::parse_date("date", s).map_err(|_| bad())?;
            }
            ("local_time", Value::String(s)) => {
                crate::clock::parse_time("time", s).map_err(|_| bad())?;
            }
            ("utc_offset_min", Value::Number(n))
                if n.as_i64().is_none_or(|m| m.abs() >= 24 * 60) =>
            {
                return Err(bad())
            }
            ("local_date" | "week_start" | "local_time", v) if !v.is_null() => return Err(bad()),
            _ => {}
        }
    }
    Ok(())
}

/// How many foreign-key steps a table is from a table with no parents (cycles stop at 16).
pub(super) fn depth(name: &str, all: &[Table], level: usize) -> usize {
    if level > 16 {
        return level;
    }
    all.iter()
        .find(|t| t.name == name)
        .map(|t| {
            t.parents
                .iter()
                .filter(|p| *p != name)
                .map(|p| 1 + depth(p, all, level + 1))
                .max()
                .unwrap_or(0)
        })
        .unwrap_or(0)
}
