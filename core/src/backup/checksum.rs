//! Canonical JSON and the checksum over it, so the same data gives the same bytes and a
//! changed value is noticed.

use serde_json::Value;
use sha2::{Digest, Sha256};

use super::values::*;

/// Writes `v` as canonical JSON: no spaces, object keys sorted by their UTF-8 bytes, numbers
/// and strings as serde_json writes them. The checksum is taken over this form, so it does
/// not depend on how a map happens to be ordered in memory.
pub(super) fn canonical(v: &Value, out: &mut String) {
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

pub(super) fn json_string(s: &str) -> String {
    Value::String(s.to_string()).to_string()
}

/// "sha256:" and the hex SHA-256 of the canonical form of `tables`.
pub(super) fn checksum(tables: &Value) -> String {
    let mut s = String::new();
    canonical(tables, &mut s);
    format!("sha256:{}", hex(&Sha256::digest(s.as_bytes())))
}
