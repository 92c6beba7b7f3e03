//! One stored value to JSON and back, checked against its column's type and size.

use rusqlite::types::{Value as SqlValue, ValueRef};
use serde_json::{Map, Number, Value};

use crate::error::{Error, Result};

use super::format::*;
use super::schema::*;

/// A stored value as JSON: integers and reals as numbers, text as strings, NULL as null and
/// binary as `{"hex": "…"}`.
pub(super) fn to_json(v: ValueRef<'_>, table: &str) -> Result<Value> {
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

pub(super) fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

pub(super) fn unhex(s: &str) -> Option<Vec<u8>> {
    if s.len() % 2 != 0 {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

/// Checks a value from a file against its column and turns it into an SQL value.
pub(super) fn to_sql(v: &Value, table: &str, col: &Column) -> Result<SqlValue> {
    // The details (table, column, what) document each check; the person is told only that
    // the file cannot be read, by rule code.
    let _ = (table, &col.name);
    let bad = |_what: &str| Error::invalid(FIELD, crate::rules::RuleCode::NotReadable);
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
