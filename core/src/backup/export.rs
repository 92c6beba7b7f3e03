//! Writing the whole store as one document.

use rusqlite::Connection;
use serde_json::{Map, Value};

use crate::error::Result;

use super::checksum::*;
use super::format::*;
use super::schema::*;
use super::values::*;

/// Every row of every table, as `{table: [row, …]}` with rows in primary-key order.
pub(super) fn export_tables(conn: &Connection) -> Result<Map<String, Value>> {
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
pub(super) fn render_document(
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

pub(super) fn export_document(conn: &Connection, exported_at: &str) -> Result<String> {
    let tables = export_tables(conn)?;
    let sum = checksum(&Value::Object(tables.clone()));
    Ok(render_document(
        crate::store::schema::VERSION,
        exported_at,
        &tables,
        &sum,
    ))
}
