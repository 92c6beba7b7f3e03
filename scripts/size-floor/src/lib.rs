//! The floor of the library's size: everything any library of ours must carry (uniffi's
//! runtime, SQLite with SQLCipher, Rust's std with unwinding) and as little else as can make a
//! working store: open a keyed file, make a table, list its rows across the FFI.
use std::sync::{Arc, Mutex};

uniffi::setup_scaffolding!();

/// The one error: the store's failure, as text.
#[derive(Debug, thiserror::Error, uniffi::Error)]
pub enum FloorError {
    #[error("store: {0}")]
    Store(String),
}

impl From<rusqlite::Error> for FloorError {
    fn from(e: rusqlite::Error) -> Self {
        FloorError::Store(e.to_string())
    }
}

/// One row, as a record.
#[derive(uniffi::Record)]
pub struct Row {
    pub id: i64,
    pub text: String,
}

/// An open, keyed store.
#[derive(uniffi::Object)]
pub struct Store {
    conn: Mutex<rusqlite::Connection>,
}

#[uniffi::export]
impl Store {
    #[uniffi::constructor]
    pub fn open(path: String, key: String) -> Result<Arc<Self>, FloorError> {
        let conn = rusqlite::Connection::open(path)?;
        conn.pragma_update(None, "key", key)?;
        conn.execute_batch("CREATE TABLE IF NOT EXISTS t(id INTEGER PRIMARY KEY, text TEXT)")?;
        Ok(Arc::new(Store {
            conn: Mutex::new(conn),
        }))
    }

    pub fn rows(&self) -> Result<Vec<Row>, FloorError> {
        let conn = self
            .conn
            .lock()
            .map_err(|_| FloorError::Store("poisoned".into()))?;
        let mut st = conn.prepare_cached("SELECT id, text FROM t")?;
        let rows = st.query_map([], |r| {
            Ok(Row {
                id: r.get(0)?,
                text: r.get(1)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
