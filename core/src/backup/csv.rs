//! One tool's records as CSV for a spreadsheet, child rows folded into their parent's.

use rusqlite::types::Value as SqlValue;
use rusqlite::Connection;
use serde_json::Value;

use crate::error::Result;

use super::schema::*;
use super::values::*;

/// Columns of bookkeeping that mean nothing in a spreadsheet (the local date and time stay).
pub(super) fn csv_hidden(col: &str) -> bool {
    col == "utc_ms" || col == "utc_offset_min" || col.ends_with("_utc_ms")
}

/// A readable title from a table name: "five_ways_entries" → "Five ways entries".
pub(super) fn title_of(name: &str) -> String {
    let s = name.replace('_', " ");
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => s,
    }
}

/// One CSV field (RFC 4180). Text that a spreadsheet would run as a formula is prefixed
/// with an apostrophe, so an exported note cannot become a live formula.
pub(super) fn csv_field(v: &Value) -> String {
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
pub(super) fn csv_tables(all: &[Table]) -> Vec<&Table> {
    all.iter()
        .filter(|t| t.parents.is_empty() && t.name != "flow_drafts")
        .collect()
}

pub(super) fn csv_for(conn: &Connection, all: &[Table], t: &Table) -> Result<String> {
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
