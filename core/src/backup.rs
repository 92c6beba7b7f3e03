//! Backup: the whole store as one versioned JSON document, imported back by merging, and
//! CSV for spreadsheets.
//!
//! Both are *table-driven*: the tables and columns are read from the schema itself
//! (`PRAGMA table_list` / `table_info`), so a tool that adds a table needs no code here and
//! its data is never silently left out of a backup. The format is described for people in
//! `docs/backup-format.md`; keep the two in step.
//!
//! Import trusts nothing in the file. It is checked whole — format, version, checksum, every
//! table and column known to this schema, every value's type and size — *before* anything is
//! written, and then merged in one transaction that also checks foreign keys, so a refused
//! file changes nothing. Table and column names used in SQL always come from our own schema,
//! never from the file; values are always bound.

use std::collections::{BTreeMap, HashMap, HashSet};

use rusqlite::types::{Value as SqlValue, ValueRef};
use rusqlite::{params_from_iter, Connection, ErrorCode, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Number, Value};
use sha2::{Digest, Sha256};

use crate::error::{ApiResult, Error, Result};
use crate::WellbeingStore;

/// The `format` field of every backup document.
pub(crate) const FORMAT: &str = "wellbeing-companion-backup";
/// The document layout version this code writes and the newest it reads.
pub(crate) const FORMAT_VERSION: i64 = 1;
/// Largest document accepted (bytes of JSON text).
pub(crate) const MAX_DOCUMENT_BYTES: usize = 64 * 1024 * 1024;
/// Most rows accepted in one table, and in the whole document.
pub(crate) const MAX_TABLE_ROWS: usize = 500_000;
pub(crate) const MAX_TOTAL_ROWS: usize = 2_000_000;
/// Largest single text (or binary) value accepted, in bytes.
pub(crate) const MAX_VALUE_BYTES: usize = 1024 * 1024;

/// The tools' read-back checks run on an import before it commits: each reads what it
/// stores as the app would, and checks meaning, not just types (a way that is one of the
/// five, a scale template the app knows, derived scores that match their answers).
const READ_BACK: &[fn(&Connection) -> Result<()>] = &[
    crate::measures::check_stored,
    crate::five_areas::check_stored,
    crate::thinking_styles::check_stored,
    crate::five_ways::check_stored,
    crate::scaling::check_stored,
];

/// The field name used when the whole file is at fault.
const FIELD: &str = "backup";

/// What importing did, table by table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ImportReport {
    pub format_version: i64,
    /// The schema version of the store the backup came from.
    pub schema_version: i64,
    /// When the backup was made (UTC, RFC 3339).
    pub exported_at: String,
    /// One line per table in the backup, in name order.
    pub tables: Vec<ImportTableReport>,
    /// Rows added.
    pub inserted: u64,
    /// Rows already in the store exactly as in the backup.
    pub already_present: u64,
    /// Rows whose id (or another unique key) was already taken by a different version of the
    /// record: the store's version was kept and the backup's was not imported.
    pub kept_existing: u64,
}

/// Counts for one table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ImportTableReport {
    pub table: String,
    pub inserted: u64,
    pub already_present: u64,
    pub kept_existing: u64,
}

/// One table that can be exported as CSV.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct CsvExportInfo {
    /// Pass this to `export_csv`: the table name, e.g. "five_ways_entries".
    pub id: String,
    /// Readable name, e.g. "Five ways entries".
    pub title: String,
    /// File name to suggest when saving, e.g. "five_ways_entries.csv".
    pub file_name: String,
}

// ---------------------------------------------------------------------------------------
// The schema, as read from SQLite
// ---------------------------------------------------------------------------------------

/// SQLite type affinity of a declared column type (the rules of "Datatypes In SQLite" §3.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Affinity {
    Integer,
    Text,
    Blob,
    Real,
    Numeric,
}

impl Affinity {
    fn of(declared: &str) -> Self {
        let t = declared.to_ascii_uppercase();
        if t.contains("INT") {
            Affinity::Integer
        } else if t.contains("CHAR") || t.contains("CLOB") || t.contains("TEXT") {
            Affinity::Text
        } else if t.contains("BLOB") || t.is_empty() {
            Affinity::Blob
        } else if t.contains("REAL") || t.contains("FLOA") || t.contains("DOUB") {
            Affinity::Real
        } else {
            Affinity::Numeric
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Column {
    pub name: String,
    affinity: Affinity,
    not_null: bool,
    has_default: bool,
    /// 1-based position in the primary key, 0 when not part of it.
    pk: i64,
}

#[derive(Debug, Clone)]
pub(crate) struct Table {
    pub name: String,
    pub columns: Vec<Column>,
    /// Tables this one refers to by foreign key.
    pub parents: Vec<String>,
    /// Single-column foreign keys: (local column, parent table, parent column).
    pub foreign_keys: Vec<(String, String, String)>,
}

impl Table {
    fn pk_columns(&self) -> Vec<&Column> {
        let mut pk: Vec<&Column> = self.columns.iter().filter(|c| c.pk > 0).collect();
        pk.sort_by_key(|c| c.pk);
        pk
    }
    fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }
    /// Columns that identify a row: the primary key, or every column when there is none.
    fn key_columns(&self) -> Vec<&Column> {
        let pk = self.pk_columns();
        if pk.is_empty() {
            self.columns.iter().collect()
        } else {
            pk
        }
    }
    /// `ORDER BY` clause giving a deterministic order.
    fn order_by(&self) -> String {
        self.key_columns()
            .iter()
            .map(|c| quote(&c.name))
            .collect::<Vec<_>>()
            .join(", ")
    }
    fn select_all(&self) -> String {
        format!(
            "SELECT {} FROM {} ORDER BY {}",
            self.columns
                .iter()
                .map(|c| quote(&c.name))
                .collect::<Vec<_>>()
                .join(", "),
            quote(&self.name),
            self.order_by()
        )
    }
}

/// Quotes an identifier taken from our own schema.
pub(crate) fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// Every ordinary table of the store (no SQLite internals, views, virtual or shadow tables),
/// in name order.
pub(crate) fn tables(conn: &Connection) -> Result<Vec<Table>> {
    let mut st = conn.prepare(
        "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table'
         AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
    )?;
    let names: Vec<String> = st
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?
        .into_iter()
        // Device state (the app lock's passcode hash and wait), not the person's records.
        .filter(|n| n != crate::lock::TABLE)
        .collect();
    let mut out = Vec::with_capacity(names.len());
    for name in names {
        let mut cst = conn.prepare(
            "SELECT name, type, \"notnull\", dflt_value IS NOT NULL, pk FROM pragma_table_info(?1) ORDER BY cid",
        )?;
        let columns = cst
            .query_map([&name], |r| {
                Ok(Column {
                    name: r.get(0)?,
                    affinity: Affinity::of(&r.get::<_, String>(1)?),
                    not_null: r.get(2)?,
                    has_default: r.get(3)?,
                    pk: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut fst = conn
            .prepare("SELECT id, \"table\", \"from\", \"to\" FROM pragma_foreign_key_list(?1)")?;
        let fks = fst
            .query_map([&name], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut parents: Vec<String> = fks.iter().map(|(_, t, _, _)| t.clone()).collect();
        parents.sort();
        parents.dedup();
        let mut foreign_keys = vec![];
        for (id, parent, from, to) in &fks {
            if fks.iter().filter(|(i, _, _, _)| i == id).count() != 1 {
                continue;
            }
            // No parent column named means the parent's primary key.
            let to = match to {
                Some(t) => Some(t.clone()),
                None => conn
                    .query_row(
                        "SELECT name FROM pragma_table_info(?1) WHERE pk = 1",
                        [parent],
                        |r| r.get(0),
                    )
                    .ok(),
            };
            if let Some(to) = to {
                foreign_keys.push((from.clone(), parent.clone(), to));
            }
        }
        out.push(Table {
            name,
            columns,
            parents,
            foreign_keys,
        });
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------

/// A stored value as JSON: integers and reals as numbers, text as strings, NULL as null and
/// binary as `{"hex": "…"}`.
fn to_json(v: ValueRef<'_>, table: &str) -> Result<Value> {
    Ok(match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::from(i),
        ValueRef::Real(f) => Value::Number(Number::from_f64(f).ok_or_else(|| {
            Error::internal(format!(
                "table {table} holds a number that JSON cannot carry"
            ))
        })?),
        ValueRef::Text(t) => Value::String(
            std::str::from_utf8(t)
                .map_err(|_| {
                    Error::internal(format!("table {table} holds text that is not UTF-8"))
                })?
                .to_string(),
        ),
        ValueRef::Blob(b) => {
            let mut m = Map::new();
            m.insert("hex".into(), Value::String(hex(b)));
            Value::Object(m)
        }
    })
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if s.len() % 2 != 0 {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

/// Checks a value from a file against its column and turns it into an SQL value.
fn to_sql(v: &Value, table: &str, col: &Column) -> Result<SqlValue> {
    // The details (table, column, what) document each check; the person is told only that
    // the file cannot be read, by rule code.
    let _ = (table, &col.name);
    let bad = |_what: &str| Error::invalid(FIELD, crate::validate::RuleCode::NotReadable);
    let out = match v {
        Value::Null => SqlValue::Null,
        Value::Bool(_) => return Err(bad("true/false is not a stored value")),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                SqlValue::Integer(i)
            } else if n.is_u64() {
                return Err(bad("number is too large"));
            } else {
                SqlValue::Real(n.as_f64().ok_or_else(|| bad("number cannot be read"))?)
            }
        }
        Value::String(s) => {
            if s.len() > MAX_VALUE_BYTES {
                return Err(bad("text is too long"));
            }
            SqlValue::Text(s.clone())
        }
        Value::Object(m) => match (m.len(), m.get("hex")) {
            (1, Some(Value::String(h))) if h.len() <= 2 * MAX_VALUE_BYTES => {
                SqlValue::Blob(unhex(h).ok_or_else(|| bad("binary value is not hex"))?)
            }
            _ => return Err(bad("value must be a number, text or null")),
        },
        Value::Array(_) => return Err(bad("value must be a number, text or null")),
    };
    let fits = match (&out, col.affinity) {
        (SqlValue::Null, _) => !col.not_null && col.pk == 0,
        (SqlValue::Integer(_), Affinity::Integer) => true,
        (SqlValue::Integer(_) | SqlValue::Real(_), Affinity::Real | Affinity::Numeric) => true,
        (SqlValue::Text(_), Affinity::Text) => true,
        (_, Affinity::Blob) => true,
        _ => false,
    };
    if !fits {
        return Err(bad(match out {
            SqlValue::Null => "a value is required",
            _ => "value has the wrong type",
        }));
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------
// Canonical JSON and the checksum
// ---------------------------------------------------------------------------------------

/// Writes `v` as canonical JSON: no spaces, object keys sorted by their UTF-8 bytes, numbers
/// and strings as serde_json writes them. The checksum is taken over this form, so it does
/// not depend on how a map happens to be ordered in memory.
fn canonical(v: &Value, out: &mut String) {
    match v {
        Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            out.push('{');
            for (i, k) in keys.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&json_string(k));
                out.push(':');
                if let Some(x) = m.get(*k) {
                    canonical(x, out);
                }
            }
            out.push('}');
        }
        Value::Array(a) => {
            out.push('[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                canonical(x, out);
            }
            out.push(']');
        }
        Value::String(s) => out.push_str(&json_string(s)),
        other => out.push_str(&other.to_string()),
    }
}

fn json_string(s: &str) -> String {
    Value::String(s.to_string()).to_string()
}

/// "sha256:" and the hex SHA-256 of the canonical form of `tables`.
fn checksum(tables: &Value) -> String {
    let mut s = String::new();
    canonical(tables, &mut s);
    format!("sha256:{}", hex(&Sha256::digest(s.as_bytes())))
}

// ---------------------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------------------

/// Every row of every table, as `{table: [row, …]}` with rows in primary-key order.
fn export_tables(conn: &Connection) -> Result<Map<String, Value>> {
    let mut out = Map::new();
    for t in tables(conn)? {
        let mut st = conn.prepare(&t.select_all())?;
        let mut rows = st.query([])?;
        let mut list = vec![];
        while let Some(r) = rows.next()? {
            let mut obj = Map::new();
            for (i, c) in t.columns.iter().enumerate() {
                obj.insert(c.name.clone(), to_json(r.get_ref(i)?, &t.name)?);
            }
            list.push(Value::Object(obj));
        }
        out.insert(t.name.clone(), Value::Array(list));
    }
    Ok(out)
}

/// Lays the document out with its header first and one row per line: readable, diffable,
/// and byte-for-byte the same for the same data.
fn render_document(
    schema_version: i64,
    exported_at: &str,
    tables: &Map<String, Value>,
    sum: &str,
) -> String {
    let mut s = String::new();
    s.push_str("{\n");
    s.push_str(&format!("  \"format\": {},\n", json_string(FORMAT)));
    s.push_str(&format!("  \"format_version\": {FORMAT_VERSION},\n"));
    s.push_str(&format!("  \"schema_version\": {schema_version},\n"));
    s.push_str(&format!(
        "  \"exported_at\": {},\n",
        json_string(exported_at)
    ));
    s.push_str("  \"tables\": {");
    let mut names: Vec<&String> = tables.keys().collect();
    names.sort();
    for (ti, name) in names.iter().enumerate() {
        s.push_str(if ti == 0 { "\n" } else { ",\n" });
        s.push_str(&format!("    {}: [", json_string(name)));
        let rows = tables
            .get(*name)
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        for (ri, row) in rows.iter().enumerate() {
            s.push_str(if ri == 0 { "\n      " } else { ",\n      " });
            canonical(row, &mut s);
        }
        s.push_str(if rows.is_empty() { "]" } else { "\n    ]" });
    }
    s.push_str(if names.is_empty() { "},\n" } else { "\n  },\n" });
    s.push_str(&format!("  \"checksum\": {}\n", json_string(sum)));
    s.push_str("}\n");
    s
}

fn export_document(conn: &Connection, exported_at: &str) -> Result<String> {
    let tables = export_tables(conn)?;
    let sum = checksum(&Value::Object(tables.clone()));
    Ok(render_document(
        crate::store::schema::VERSION,
        exported_at,
        &tables,
        &sum,
    ))
}

// ---------------------------------------------------------------------------------------
// Import: validation
// ---------------------------------------------------------------------------------------

/// A row ready to write: its table's column indices and values, in column order.
struct ReadyRow {
    columns: Vec<usize>,
    values: Vec<SqlValue>,
    /// The row as JSON (for comparing with a stored row).
    json: Map<String, Value>,
}

struct ReadyTable {
    table: Table,
    rows: Vec<ReadyRow>,
}

struct Checked {
    format_version: i64,
    schema_version: i64,
    exported_at: String,
    tables: Vec<ReadyTable>,
}

/// A backup that cannot be imported. `why` documents the check at the call site; the
/// person is told by rule code only (the file is damaged or not a backup).
fn invalid(why: impl Into<String>) -> Error {
    let _ = why.into();
    Error::invalid(FIELD, crate::validate::RuleCode::NotReadable)
}

/// Parses and checks a whole document against the store's schema. Writes nothing.
fn check_document(conn: &Connection, json: &str) -> Result<Checked> {
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
        return Err(Error::invalid(FIELD, crate::validate::RuleCode::TooNew));
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
fn check_time_columns(table: &str, row: &Map<String, Value>) -> Result<()> {
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
fn depth(name: &str, all: &[Table], level: usize) -> usize {
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

// ---------------------------------------------------------------------------------------
// Import: the merge
// ---------------------------------------------------------------------------------------

enum Outcome {
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
const IDENTITY_TABLES: &[&str] = &["scaling_scales"];

/// For a row of an identity table that clashed on a unique key: the stored row holding that
/// key, as (primary key column, the backup's value, the store's value).
fn same_thing(
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
fn remapped(
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

fn merge_row(tx: &Connection, t: &Table, row: &ReadyRow) -> Result<Outcome> {
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
fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x == y || x.as_f64() == y.as_f64(),
        _ => a == b,
    }
}

/// The record a child row belongs to, when that record was kept in the store's version.
fn parent_was_kept(t: &Table, row: &ReadyRow, kept: &HashSet<(String, String, String)>) -> bool {
    t.foreign_keys.iter().any(|(from, parent, to)| {
        row.json
            .get(from)
            .is_some_and(|v| kept.contains(&(parent.clone(), to.clone(), v.to_string())))
    })
}

fn merge(tx: &Connection, checked: Checked) -> Result<ImportReport> {
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

// ---------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------

/// Columns of bookkeeping that mean nothing in a spreadsheet (the local date and time stay).
fn csv_hidden(col: &str) -> bool {
    col == "utc_ms" || col == "utc_offset_min" || col.ends_with("_utc_ms")
}

/// A readable title from a table name: "five_ways_entries" → "Five ways entries".
fn title_of(name: &str) -> String {
    let s = name.replace('_', " ");
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => s,
    }
}

/// One CSV field (RFC 4180). Text that a spreadsheet would run as a formula is prefixed
/// with an apostrophe, so an exported note cannot become a live formula.
fn csv_field(v: &Value) -> String {
    let s = match v {
        Value::Null => return String::new(),
        Value::String(s) => {
            if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                format!("'{s}")
            } else {
                s.clone()
            }
        }
        Value::Object(m) => m
            .get("hex")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string(),
        other => other.to_string(),
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// Tables a person would want in a spreadsheet: every table that is not a child of another
/// (children are folded into their parent's rows), excluding drafts of unfinished flows.
fn csv_tables(all: &[Table]) -> Vec<&Table> {
    all.iter()
        .filter(|t| t.parents.is_empty() && t.name != "flow_drafts")
        .collect()
}

fn csv_for(conn: &Connection, all: &[Table], t: &Table) -> Result<String> {
    // Child tables that point at this one by a single-column foreign key: each of their
    // other columns becomes one column here, the values of a parent's children joined by "; ".
    let children: Vec<(&Table, &str)> = all
        .iter()
        .flat_map(|c| {
            c.foreign_keys
                .iter()
                .filter(|(_, p, _)| p == &t.name)
                .map(move |(from, _, _)| (c, from.as_str()))
        })
        .collect();
    let pk = t.pk_columns();
    let own: Vec<&Column> = t.columns.iter().filter(|c| !csv_hidden(&c.name)).collect();
    let mut header: Vec<String> = own.iter().map(|c| c.name.clone()).collect();
    let mut child_cols: Vec<(&Table, &str, Vec<&Column>)> = vec![];
    for (c, from) in &children {
        let cols: Vec<&Column> = c
            .columns
            .iter()
            .filter(|x| x.name != *from && x.name != "id" && !csv_hidden(&x.name))
            .collect();
        for x in &cols {
            header.push(format!("{}.{}", c.name, x.name));
        }
        child_cols.push((c, from, cols));
    }
    let mut out = String::new();
    out.push_str(
        &header
            .iter()
            .map(|h| csv_field(&Value::String(h.clone())))
            .collect::<Vec<_>>()
            .join(","),
    );
    out.push_str("\r\n");
    let mut st = conn.prepare(&t.select_all())?;
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        let mut fields = vec![];
        let mut pk_value = SqlValue::Null;
        for (i, c) in t.columns.iter().enumerate() {
            let v = to_json(r.get_ref(i)?, &t.name)?;
            if pk.len() == 1 && pk[0].name == c.name {
                pk_value = r.get::<_, SqlValue>(i)?;
            }
            if !csv_hidden(&c.name) {
                fields.push(csv_field(&v));
            }
        }
        for (c, from, cols) in &child_cols {
            let sql = format!(
                "SELECT {} FROM {} WHERE {} = ?1 ORDER BY {}",
                if cols.is_empty() {
                    "1".to_string()
                } else {
                    cols.iter()
                        .map(|x| quote(&x.name))
                        .collect::<Vec<_>>()
                        .join(", ")
                },
                quote(&c.name),
                quote(from),
                c.order_by()
            );
            let mut cst = conn.prepare_cached(&sql)?;
            let mut crow = cst.query([&pk_value])?;
            let mut joined: Vec<Vec<String>> = vec![vec![]; cols.len()];
            while let Some(cr) = crow.next()? {
                for (i, j) in joined.iter_mut().enumerate() {
                    match to_json(cr.get_ref(i)?, &c.name)? {
                        Value::Null => {}
                        Value::String(s) => j.push(s),
                        other => j.push(other.to_string()),
                    }
                }
            }
            for j in joined {
                fields.push(csv_field(&Value::String(j.join("; "))));
            }
        }
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------

impl WellbeingStore {
    fn exported_at(&self) -> String {
        chrono::DateTime::<chrono::Utc>::from_timestamp_millis(self.now().utc_ms)
            .map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
            .unwrap_or_default()
    }
}

#[cfg_attr(feature = "ffi", uniffi::export)]
impl WellbeingStore {
    /// The whole store as one backup document (JSON text, format in
    /// `docs/backup-format.md`). The same data at the same time gives the same bytes.
    pub fn export_backup(&self) -> ApiResult<String> {
        let at = self.exported_at();
        Ok(self.read(|c| export_document(c, &at))?)
    }

    /// Merges a backup document into this store (empty or not) in one transaction.
    ///
    /// Rows are matched by primary key: a missing row is added; a row already present is
    /// left alone; a row whose id is present with *different* content keeps the store's
    /// version (counted in `kept_existing`), so importing never overwrites what is here.
    /// A file that is malformed, cut short, changed after export, from a newer app, or that
    /// names tables, columns or values this app does not know is refused with
    /// `InvalidInput { field: "backup" }` (or `NewerDatabase`) and nothing is changed.
    pub fn import_backup(&self, json: String) -> ApiResult<ImportReport> {
        if crate::sealed_backup::is_sealed(&json) {
            // Sealed with a passphrase: `import_sealed_backup` opens it.
            return Err(Error::KeyRequired.into());
        }
        // Validate under the write lock too, so the schema checked is the schema written.
        Ok(self.write(|tx| {
            let checked = check_document(tx, &json)?;
            let report = merge(tx, checked)?;
            // A checksum can be recomputed by anyone: before committing, read back what the
            // tools decode from stored data, so a row the app could not show (answers that do
            // not score, unreadable lists) refuses the whole file rather than breaking the
            // home screen later and hiding what is already here.
            for check in READ_BACK {
                check(tx).map_err(|_| invalid("has records this app cannot read"))?;
            }
            Ok(report)
        })?)
    }

    /// Writes a backup to `path`: a new file readable by its owner only (an existing one is
    /// never overwritten; a write that fails leaves no file behind).
    /// Returns the number of bytes written.
    pub fn export_backup_to_file(&self, path: String) -> ApiResult<u64> {
        let doc = self.export_backup()?;
        let p = std::path::Path::new(&path);
        let mut f = crate::store::new_private_file(p)?;
        use std::io::Write;
        let written = f.write_all(doc.as_bytes()).and_then(|_| f.sync_all());
        if let Err(e) = written {
            // A disk that filled up mid-way: no empty or cut-short file is left to be
            // mistaken for a backup later.
            drop(f);
            let _ = std::fs::remove_file(p);
            return Err(Error::Io(e).into());
        }
        Ok(doc.len() as u64)
    }

    /// Reads a backup file (at most 64 MiB) and imports it as [`WellbeingStore::import_backup`].
    pub fn import_backup_from_file(&self, path: String) -> ApiResult<ImportReport> {
        let meta = std::fs::metadata(&path).map_err(Error::Io)?;
        if meta.len() > MAX_DOCUMENT_BYTES as u64 {
            return Err(invalid(format!(
                "is larger than the {} MiB this app imports",
                MAX_DOCUMENT_BYTES / (1024 * 1024)
            ))
            .into());
        }
        let bytes = std::fs::read(&path).map_err(Error::Io)?;
        let text = String::from_utf8(bytes)
            .map_err(|_| invalid("is not a readable backup (not UTF-8 text)"))?;
        self.import_backup(text)
    }

    /// The tables that can be exported as CSV, in name order.
    pub fn list_csv_exports(&self) -> ApiResult<Vec<CsvExportInfo>> {
        Ok(self.read(|c| {
            let all = tables(c)?;
            Ok(csv_tables(&all)
                .into_iter()
                .map(|t| CsvExportInfo {
                    id: t.name.clone(),
                    title: title_of(&t.name),
                    file_name: format!("{}.csv", t.name),
                })
                .collect())
        })?)
    }

    /// One tool's records as CSV (RFC 4180, CRLF line ends, a header row) for a spreadsheet.
    ///
    /// `tool` is a table id from [`WellbeingStore::list_csv_exports`], or a tool's name
    /// ("five-ways", "scaling"…) when that tool has exactly one table to export. Child rows
    /// (for example the ways ticked for an entry) are folded into their parent's row.
    pub fn export_csv(&self, tool: String) -> ApiResult<String> {
        let key = tool.trim().replace('-', "_");
        if key.is_empty() || key.len() > 64 {
            return Err(Error::not_found("export", "(empty or too long)").into());
        }
        Ok(self.read(|c| {
            let all = tables(c)?;
            let candidates = csv_tables(&all);
            let prefix = format!("{key}_");
            let t = match candidates.iter().find(|t| t.name == key) {
                Some(t) => *t,
                None => {
                    let of_tool: Vec<&&Table> = candidates
                        .iter()
                        .filter(|t| t.name.starts_with(&prefix))
                        .collect();
                    match of_tool.as_slice() {
                        [one] => **one,
                        [] => return Err(Error::not_found("export", &key)),
                        _ => return Err(Error::invalid("tool", crate::validate::RuleCode::Other)),
                    }
                }
            };
            csv_for(c, &all, t)
        })?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::WellbeingError;
    #[allow(unused_imports)]
    use crate::{MeasureId, SafetyFlagCode, ToolGroup, ToolId, WayId};
    use std::sync::Arc;

    const T0: i64 = 1_795_000_000_000; // 2026-11-18

    /// A store with a parent/child pair of test tables next to the real schema.
    fn store() -> Arc<WellbeingStore> {
        let c = WellbeingStore::open_in_memory().unwrap();
        c.set_fixed_time(T0, 0).unwrap();
        c.write(|tx| {
            tx.execute_batch(
                "CREATE TABLE zz_entries (id TEXT PRIMARY KEY NOT NULL, local_date TEXT NOT NULL,
                    score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10), weight REAL,
                    note TEXT, utc_ms INTEGER NOT NULL DEFAULT 0, UNIQUE(local_date));
                 CREATE TABLE zz_tags (entry_id TEXT NOT NULL REFERENCES zz_entries(id) ON DELETE CASCADE,
                    tag TEXT NOT NULL, PRIMARY KEY (entry_id, tag));",
            )?;
            Ok(())
        })
        .unwrap();
        c
    }

    fn fill(c: &WellbeingStore) {
        c.write(|tx| {
            tx.execute_batch(
                "INSERT INTO zz_entries VALUES ('b', '2026-11-02', 7, 1.5, 'a \"quoted\", note\nline 2', 5);
                 INSERT INTO zz_entries VALUES ('a', '2026-11-01', 3, NULL, '=SUM(A1)', 4);
                 INSERT INTO zz_tags VALUES ('a', 'walk'), ('a', 'call'), ('b', 'read');
                 INSERT INTO flow_drafts VALUES ('d1', 'phq9', NULL, '[]', 1, 2, '2026-11-18 09:00');",
            )?;
            Ok(())
        })
        .unwrap();
    }

    fn count(c: &WellbeingStore, table: &str) -> i64 {
        c.read(|c| {
            Ok(
                c.query_row(&format!("SELECT count(*) FROM {}", quote(table)), [], |r| {
                    r.get(0)
                })?,
            )
        })
        .unwrap()
    }

    /// The rule a refused backup broke, as its text id.
    fn backup_field_err(r: ApiResult<ImportReport>) -> String {
        match r {
            Err(WellbeingError::InvalidInput { field, rule, .. }) => {
                assert_eq!(field, "backup");
                rule.as_str().to_string()
            }
            other => panic!("expected a refused backup, got {other:?}"),
        }
    }

    #[test]
    fn answers_on_the_same_scale_in_two_stores_all_survive_the_merge() {
        // Two stores, each with its own "daily check-in 0–10" scale (same scale, other ids).
        let day = 86_400_000;
        let a = WellbeingStore::open_in_memory().unwrap();
        let b = WellbeingStore::open_in_memory().unwrap();
        for i in 0..3 {
            a.set_fixed_time(1_794_996_000_000 + i * day, 0).unwrap();
            a.scaling_check_in(7, Some(format!("a{i}"))).unwrap();
        }
        for i in 3..5 {
            b.set_fixed_time(1_794_996_000_000 + i * day, 0).unwrap();
            b.scaling_check_in(2, None).unwrap();
        }
        let checkins = |c: &WellbeingStore| count(c, "scaling_entries");
        let rep = b.import_backup(a.export_backup().unwrap()).unwrap();
        let scales = rep
            .tables
            .iter()
            .find(|t| t.table == "scaling_scales")
            .unwrap();
        assert_eq!(
            (
                scales.inserted,
                scales.already_present,
                scales.kept_existing
            ),
            (0, 1, 0)
        );
        let entries = rep
            .tables
            .iter()
            .find(|t| t.table == "scaling_entries")
            .unwrap();
        assert_eq!((entries.inserted, entries.kept_existing), (3, 0));
        assert_eq!(checkins(&b), 5, "none of either store's check-ins is lost");
        assert_eq!(count(&b, "scaling_scales"), 1, "still one check-in scale");
        // The imported answers are on the store's scale: one history holds all five days.
        let scale = b
            .scaling_scales()
            .unwrap()
            .into_iter()
            .find(|s| s.template == "checkin")
            .unwrap();
        assert_eq!(
            b.scaling_history(scale.scale_id, 0, 100)
                .unwrap()
                .entries
                .len(),
            5
        );
        // Importing again adds nothing.
        let again = b.import_backup(a.export_backup().unwrap()).unwrap();
        assert_eq!(again.inserted, 0);
        assert_eq!(checkins(&b), 5);
    }

    #[test]
    fn round_trip_gives_an_identical_document() {
        let a = store();
        fill(&a);
        let doc = a.export_backup().unwrap();
        let b = store();
        let rep = b.import_backup(doc.clone()).unwrap();
        assert_eq!(rep.inserted, 6);
        assert_eq!(rep.already_present + rep.kept_existing, 0);
        assert_eq!(b.export_backup().unwrap(), doc);
        // The header says what the file is.
        let v: Value = serde_json::from_str(&doc).unwrap();
        assert_eq!(v["format"], FORMAT);
        assert_eq!(v["format_version"], 1);
        assert_eq!(v["schema_version"], crate::store::schema::VERSION);
        assert_eq!(v["exported_at"], "2026-11-18T11:06:40Z");
        assert!(v["checksum"].as_str().unwrap().starts_with("sha256:"));
        // Rows come in primary-key order whatever the insertion order.
        assert_eq!(v["tables"]["zz_entries"][0]["id"], "a");
        // Every table of the schema is there, empty or not.
        assert!(v["tables"]["flow_drafts"].is_array());
    }

    #[test]
    fn importing_twice_adds_nothing_and_conflicts_keep_the_store() {
        let a = store();
        fill(&a);
        let doc = a.export_backup().unwrap();
        let rep = a.import_backup(doc.clone()).unwrap();
        assert_eq!(
            (rep.inserted, rep.already_present, rep.kept_existing),
            (0, 6, 0)
        );
        // Change a record here; re-importing the old backup keeps the new version.
        a.write(|tx| Ok(tx.execute("UPDATE zz_entries SET score = 9 WHERE id = 'a'", [])?))
            .unwrap();
        // A different record on the same (unique) day is also kept, not duplicated.
        let b = store();
        b.write(|tx| {
            Ok(tx.execute(
                "INSERT INTO zz_entries (id, local_date, score) VALUES ('z', '2026-11-02', 1)",
                [],
            )?)
        })
        .unwrap();
        // The changed record's children in the backup are kept out with it.
        let rep = a.import_backup(doc.clone()).unwrap();
        assert_eq!((rep.inserted, rep.kept_existing), (0, 3));
        let s: i64 = a
            .read(|c| {
                Ok(
                    c.query_row("SELECT score FROM zz_entries WHERE id='a'", [], |r| {
                        r.get(0)
                    })?,
                )
            })
            .unwrap();
        assert_eq!(s, 9);
        let rep = b.import_backup(doc).unwrap();
        let t = rep.tables.iter().find(|t| t.table == "zz_entries").unwrap();
        assert_eq!((t.inserted, t.kept_existing), (1, 1));
        // 'b' clashed with the store's record for that day, so its tag stays out too.
        let t = rep.tables.iter().find(|t| t.table == "zz_tags").unwrap();
        assert_eq!((t.inserted, t.kept_existing), (2, 1));
        assert_eq!(count(&b, "zz_entries"), 2);
    }

    #[test]
    fn refused_files_change_nothing() {
        let a = store();
        fill(&a);
        let good = a.export_backup().unwrap();
        let b = store();
        b.write(|tx| {
            Ok(tx.execute(
                "INSERT INTO zz_entries (id, local_date, score) VALUES ('x', '2026-10-01', 2)",
                [],
            )?)
        })
        .unwrap();
        let before = b.export_backup().unwrap();

        // Truncated.
        let r = backup_field_err(b.import_backup(good[..good.len() / 2].to_string()));
        assert_eq!(r, "not-readable");
        // Not JSON, not ours.
        assert_eq!(
            backup_field_err(b.import_backup("hello".into())),
            "not-readable"
        );
        assert_eq!(
            backup_field_err(b.import_backup("{\"a\":1}".into())),
            "not-readable"
        );
        assert_eq!(
            backup_field_err(b.import_backup("[]".into())),
            "not-readable"
        );
        // Tampered: one value changed, checksum left.
        let tampered = good.replace("\"score\":7", "\"score\":8");
        assert_ne!(tampered, good);
        assert_eq!(backup_field_err(b.import_backup(tampered)), "not-readable");
        // Newer format and newer schema.
        let newer = good.replace("\"format_version\": 1", "\"format_version\": 2");
        assert_eq!(backup_field_err(b.import_backup(newer)), "too-new");
        let newer_schema = good.replace(
            &format!("\"schema_version\": {}", crate::store::schema::VERSION),
            "\"schema_version\": 999",
        );
        assert!(matches!(
            b.import_backup(newer_schema),
            Err(WellbeingError::NewerDatabase { found: 999, .. })
        ));
        assert_eq!(b.export_backup().unwrap(), before);
    }

    /// Builds a document with a valid checksum around hostile `tables`.
    fn forged(tables: Value) -> String {
        serde_json::json!({
            "format": FORMAT, "format_version": 1, "schema_version": 1,
            "exported_at": "2026-01-01T00:00:00Z", "checksum": checksum(&tables), "tables": tables,
        })
        .to_string()
    }

    #[test]
    fn rows_with_the_right_types_but_no_meaning_are_refused() {
        let c = WellbeingStore::open_in_memory().unwrap();
        c.set_fixed_time(1_794_996_000_000, 0).unwrap();
        c.five_ways_log(crate::FiveWaysInput {
            what: "Walked to the shop".into(),
            ways: vec![crate::WayId::parse("be-active").unwrap()],
            note: None,
            date: None,
            time: None,
        })
        .unwrap();
        c.scaling_check_in(6, None).unwrap();
        c.take_measure(crate::MeasureInput {
            measure: MeasureId::Phq9,
            answers: vec![1, 0, 0, 0, 0, 0, 0, 0, 0],
            date: None,
            time: None,
        })
        .unwrap();
        let before = c.export_backup().unwrap();
        let doc: Value = serde_json::from_str(&before).unwrap();
        let t = &doc["tables"];
        let entry_id = t["five_ways_entries"][0]["id"].clone();
        let mut cases: Vec<(&str, Value, &str)> = vec![];
        for way in ["x", "\u{0}", "Connect"] {
            cases.push((
                "five_ways_entry_ways",
                serde_json::json!({"entry_id": entry_id, "way": way}),
                "a way that is not one of the five",
            ));
        }
        let mut scale = t["scaling_scales"][0].clone();
        scale["id"] = Value::from("forged-scale");
        scale["template"] = Value::from("not-a-template");
        scale["subject_key"] = Value::from("forged");
        cases.push(("scaling_scales", scale, "an unknown scale template"));
        let mut wide = t["scaling_scales"][0].clone();
        wide["id"] = Value::from("forged-wide");
        wide["subject_key"] = Value::from("wide");
        wide["scale_max"] = Value::from(100);
        cases.push((
            "scaling_scales",
            wide,
            "a range the template does not allow",
        ));
        for (column, value) in [
            ("flags", Value::from("[\"2026-13-45\"]")),
            ("flags", Value::from("[\"phq9-item9\"]")),
            ("total", Value::from(27)),
            ("band", Value::from("severe")),
        ] {
            let mut r = t["measures_results"][0].clone();
            r["id"] = Value::from(format!("forged-{column}"));
            r[column] = value;
            cases.push((
                "measures_results",
                r,
                "a derived score its answers do not give",
            ));
        }
        for (table, bad, reason) in cases {
            let r = c.import_backup(forged(serde_json::json!({ table: [bad] })));
            match r {
                Err(WellbeingError::InvalidInput { rule, .. }) => {
                    assert_eq!(rule, crate::validate::RuleCode::NotReadable, "{reason}")
                }
                other => panic!("{reason}: expected a refusal, got {other:?}"),
            }
            assert_eq!(
                c.export_backup().unwrap(),
                before,
                "{reason}: nothing changed"
            );
        }
        // The untouched document still imports: the checks refuse meaning, not data.
        let again = c.import_backup(before.clone()).unwrap();
        assert_eq!(again.inserted, 0);
    }

    #[test]
    fn rows_the_app_cannot_read_are_refused_and_the_safety_flag_stays() {
        let c = WellbeingStore::open_in_memory().unwrap();
        c.set_fixed_time(1_794_996_000_000, 0).unwrap();
        c.take_measure(crate::MeasureInput {
            measure: MeasureId::Phq9,
            answers: vec![0, 0, 0, 0, 0, 0, 0, 0, 2],
            date: None,
            time: None,
        })
        .unwrap();
        c.five_areas_create(crate::FiveAreasInput {
            title: Some("Work".into()),
            date: None,
            time: None,
            situation: Some("A deadline".into()),
            thoughts: vec!["I will not finish".into()],
            feelings: vec![crate::FiveAreasFeeling {
                name: "anxious".into(),
                intensity: 70,
            }],
            physical: vec![],
            behaviour: vec![],
            links: vec![],
            change: None,
            complete: false,
        })
        .unwrap();
        let before = c.export_backup().unwrap();
        // A hand-edited backup with a recomputed checksum: a result whose answers cannot
        // score, then one with an impossible date.
        let doc: Value = serde_json::from_str(&before).unwrap();
        let mut row = doc["tables"]["measures_results"][0].clone();
        row["id"] = Value::from("forged-1");
        row["answers"] = Value::from("[9,9,9,9,9,9,9,9,9]");
        let mut dated = doc["tables"]["measures_results"][0].clone();
        dated["id"] = Value::from("forged-2");
        dated["local_date"] = Value::from("2026-02-30");
        let mut sheet = doc["tables"]["five_areas_worksheets"][0].clone();
        sheet["id"] = Value::from("forged-3");
        sheet["thoughts"] = Value::from("not a list");
        for (table, bad, reason) in [
            ("measures_results", row, "cannot read"),
            ("measures_results", dated, "unreadable date"),
            ("five_areas_worksheets", sheet, "cannot read"),
        ] {
            let r = c.import_backup(forged(serde_json::json!({ table: [bad] })));
            match r {
                // `reason` documents which check refuses it; the person hears the rule.
                Err(WellbeingError::InvalidInput { rule, .. }) => {
                    assert_eq!(rule, crate::validate::RuleCode::NotReadable, "{reason}")
                }
                other => panic!("expected a refusal, got {other:?}"),
            }
            assert_eq!(c.export_backup().unwrap(), before, "nothing changed");
            let t = c.today().unwrap();
            assert_eq!(t.safety_flags().len(), 1, "support still comes first");
        }
    }

    #[test]
    fn hostile_documents_with_valid_checksums_are_refused() {
        let b = store();
        fill(&b);
        let before = b.export_backup().unwrap();
        let cases = [
            (serde_json::json!({"sqlite_master": []}), "does not know"),
            (
                serde_json::json!({"zz_entries; DROP TABLE zz_tags": []}),
                "does not know",
            ),
            (
                serde_json::json!({"zz_entries": [{"id": "n", "local_date": "2026-01-01", "score": 1, "evil": 1}]}),
                "column this app does not know",
            ),
            (
                serde_json::json!({"zz_entries": [{"id": "n", "local_date": "2026-01-01", "score": "1"}]}),
                "wrong type",
            ),
            (
                serde_json::json!({"zz_entries": [{"id": "n", "local_date": "2026-01-01", "score": true}]}),
                "true/false",
            ),
            (
                serde_json::json!({"zz_entries": [{"id": "n", "local_date": "2026-01-01", "score": [1]}]}),
                "number, text or null",
            ),
            (
                serde_json::json!({"zz_entries": [{"id": "n", "local_date": "2026-01-01"}]}),
                "without column score",
            ),
            (
                serde_json::json!({"zz_entries": [{"id": null, "local_date": "2026-01-01", "score": 1}]}),
                "required",
            ),
            (
                serde_json::json!({"zz_entries": [{"id": "n", "local_date": "2026-01-01", "score": 11}]}),
                "breaks the store's rules",
            ),
            (
                serde_json::json!({"zz_entries": [{"id": "n", "local_date": "2026-01-01", "score": 18446744073709551615u64}]}),
                "too large",
            ),
            (
                serde_json::json!({"zz_entries": [{"id": "n", "local_date": "x".repeat(MAX_VALUE_BYTES + 1), "score": 1}]}),
                "too long",
            ),
            (serde_json::json!({"zz_entries": {"id": "n"}}), "not a list"),
            (serde_json::json!({"zz_entries": [1]}), "not a record"),
            // A child whose parent is in neither the file nor the store.
            (
                serde_json::json!({"zz_tags": [{"entry_id": "ghost", "tag": "x"}]}),
                "refer to records missing",
            ),
            // A valid new row together with a bad one: nothing at all is written.
            (
                serde_json::json!({"zz_entries": [{"id": "n1", "local_date": "2025-01-01", "score": 1}], "zz_tags": [{"entry_id": "ghost", "tag": "x"}]}),
                "refer to records missing",
            ),
        ];
        for (tables, want) in cases {
            let r = backup_field_err(b.import_backup(forged(tables.clone())));
            assert_eq!(r, "not-readable", "{tables}: {want}");
        }
        // Unknown top-level field; deep nesting; too big.
        let extra = before.replacen("{\n", "{\n  \"script\": 1,\n", 1);
        assert_eq!(backup_field_err(b.import_backup(extra)), "not-readable");
        let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        assert!(b.import_backup(deep).is_err());
        let big = " ".repeat(MAX_DOCUMENT_BYTES + 1);
        assert_eq!(backup_field_err(b.import_backup(big)), "not-readable");
        assert_eq!(b.export_backup().unwrap(), before);
    }

    #[test]
    fn children_are_merged_after_their_parents() {
        // zz_tags sorts before zz_entries by name but needs its parents first.
        let a = store();
        fill(&a);
        let doc = a.export_backup().unwrap();
        let b = store();
        b.import_backup(doc).unwrap();
        assert_eq!(count(&b, "zz_tags"), 3);
        let fk: i64 = b
            .read(|c| {
                Ok(
                    c.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                        r.get(0)
                    })?,
                )
            })
            .unwrap();
        assert_eq!(fk, 0);
    }

    #[test]
    fn files_are_written_new_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("b.json").display().to_string();
        let a = store();
        fill(&a);
        let n = a.export_backup_to_file(p.clone()).unwrap();
        assert!(n > 0);
        assert!(matches!(
            a.export_backup_to_file(p.clone()),
            Err(WellbeingError::InvalidInput { .. })
        ));
        let b = store();
        assert_eq!(b.import_backup_from_file(p).unwrap().inserted, 6);
        assert!(b
            .import_backup_from_file(dir.path().join("none").display().to_string())
            .is_err());
    }

    #[test]
    fn csv_folds_children_and_defuses_formulas() {
        let a = store();
        fill(&a);
        let list = a.list_csv_exports().unwrap();
        assert!(list
            .iter()
            .any(|e| e.id == "zz_entries" && e.title == "Zz entries"));
        assert!(!list
            .iter()
            .any(|e| e.id == "zz_tags" || e.id == "flow_drafts"));
        let csv = a.export_csv("zz_entries".into()).unwrap();
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines[0], "id,local_date,score,weight,note,zz_tags.tag");
        assert_eq!(lines[1], "a,2026-11-01,3,,'=SUM(A1),call; walk");
        assert!(csv.contains("b,2026-11-02,7,1.5,\"a \"\"quoted\"\", note\nline 2\",read\r\n"));
        // By tool name when it has one table; unknown tools are not found.
        assert_eq!(a.export_csv("zz".into()).unwrap(), csv);
        assert!(matches!(
            a.export_csv("nothing".into()),
            Err(WellbeingError::NotFound { .. })
        ));
        assert!(matches!(
            a.export_csv("".into()),
            Err(WellbeingError::NotFound { .. })
        ));
    }

    #[test]
    fn every_tool_survives_the_round_trip() {
        let a = WellbeingStore::open_in_memory().unwrap();
        a.set_fixed_time(1_795_176_000_000, 0).unwrap();
        crate::report::tests::fill(&a);
        a.appointment_summary(None, None, false).unwrap();
        let doc = a.export_backup().unwrap();
        let v: Value = serde_json::from_str(&doc).unwrap();
        for t in [
            "five_ways_entries",
            "scaling_entries",
            "measures_results",
            "five_areas_worksheets",
            "thinking_styles_records",
            "report_history",
        ] {
            assert!(
                !v["tables"][t].as_array().unwrap().is_empty(),
                "{t} is empty in the backup"
            );
        }
        let b = WellbeingStore::open_in_memory().unwrap();
        b.set_fixed_time(1_795_176_000_000, 0).unwrap();
        let rep = b.import_backup(doc.clone()).unwrap();
        assert_eq!(rep.already_present + rep.kept_existing, 0);
        assert_eq!(b.export_backup().unwrap(), doc);
        // What the tools show is the same on both sides.
        assert_eq!(
            a.measures_overview().unwrap(),
            b.measures_overview().unwrap()
        );
        assert_eq!(
            a.appointment_summary(None, None, false).unwrap().text,
            b.appointment_summary(None, None, false).unwrap().text
        );
        // Per-tool CSV: the ways of an entry are folded into its row.
        let csv = b.export_csv("five_ways_entries".into()).unwrap();
        assert!(csv.lines().count() == 4, "{csv}");
        assert!(csv.contains("Walk in the park with a friend"), "{csv}");
        let lists = b.list_csv_exports().unwrap();
        for e in &lists {
            b.export_csv(e.id.clone()).unwrap();
        }
    }

    #[test]
    fn canonical_form_sorts_keys_and_checksum_sees_every_byte() {
        let v = serde_json::json!({"b": [1, {"d": null, "c": "é\""}], "a": 1.5});
        let mut s = String::new();
        canonical(&v, &mut s);
        assert_eq!(s, r#"{"a":1.5,"b":[1,{"c":"é\"","d":null}]}"#);
        assert_ne!(
            checksum(&v),
            checksum(&serde_json::json!({"b": [1], "a": 1.5}))
        );
        assert_eq!(unhex(&hex(&[0, 255, 16])).unwrap(), vec![0, 255, 16]);
        assert!(unhex("zz").is_none() && unhex("abc").is_none());
    }
}
