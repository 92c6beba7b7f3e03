//! The store's tables and columns as SQLite describes them: the backup is table-driven, so a
//! tool that adds a table needs no code here and is never silently left out.

use rusqlite::Connection;

use crate::error::Result;

/// SQLite type affinity of a declared column type (the rules of "Datatypes In SQLite" §3.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Affinity {
    Integer,
    Text,
    Blob,
    Real,
    Numeric,
}

impl Affinity {
    pub(super) fn of(declared: &str) -> Self {
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
    pub(super) affinity: Affinity,
    pub(super) not_null: bool,
    pub(super) has_default: bool,
    /// 1-based position in the primary key, 0 when not part of it.
    pub(super) pk: i64,
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
    pub(super) fn pk_columns(&self) -> Vec<&Column> {
        let mut pk: Vec<&Column> = self.columns.iter().filter(|c| c.pk > 0).collect();
        pk.sort_by_key(|c| c.pk);
        pk
    }
    pub(super) fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }
    /// Columns that identify a row: the primary key, or every column when there is none.
    pub(super) fn key_columns(&self) -> Vec<&Column> {
        let pk = self.pk_columns();
        if pk.is_empty() {
            self.columns.iter().collect()
        } else {
            pk
        }
    }
    /// `ORDER BY` clause giving a deterministic order.
    pub(super) fn order_by(&self) -> String {
        self.key_columns()
            .iter()
            .map(|c| quote(&c.name))
            .collect::<Vec<_>>()
            .join(", ")
    }
    pub(super) fn select_all(&self) -> String {
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
