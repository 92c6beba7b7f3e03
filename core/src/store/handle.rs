//! The handle on one person's store: the connection, the clock, the open flows. Every tool
//! adds its calls to it in its own module (`impl WellbeingStore` there), so the handle itself
//! names no tool; opening one, which needs every tool's tables, is done above them all
//! ([`crate::open`]).

use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, RwLock};

use rusqlite::{Connection, Transaction};

use crate::clock::{Clock, FixedClock, Moment, SystemClock};
use crate::error::{ApiResult, Error, Result};
use crate::flow::Sessions;

use super::cipher::StoreKey;

/// The handle on one person's store. Open it once and share it (`Arc`) across threads.
#[cfg_attr(feature = "ffi", derive(uniffi::Object))]
pub struct WellbeingStore {
    conn: Mutex<Connection>,
    pub(crate) clock: RwLock<Arc<dyn Clock>>,
    flows: Mutex<Sessions>,
    pub(crate) path: Option<PathBuf>,
    /// The key the store was opened with (`None`: plain SQLite or in memory), for a key
    /// change and for checking a key the keystore releases to unlock the app.
    pub(crate) key: Mutex<Option<StoreKey>>,
    /// The app lock's state in this process (its settings are stored).
    pub(crate) lock: Mutex<LockRuntime>,
}

/// The app lock's state in this process: kept with the handle, read and moved by
/// [`crate::lock`].
#[derive(Debug, Default)]
pub(crate) struct LockRuntime {
    pub(crate) locked: bool,
    /// When the app went to the background (UTC ms), until it comes back.
    pub(crate) background_since: Option<i64>,
}

/// On close SQLite's own `PRAGMA optimize` refreshes the planner's statistics where queries
/// showed they would help, so screen queries keep their indexes as history grows. Cheap when
/// there is nothing to do; a failure (a read-only store) is of no consequence.
impl Drop for WellbeingStore {
    fn drop(&mut self) {
        if self.path.is_some() {
            let conn = self.conn.get_mut().unwrap_or_else(|e| e.into_inner());
            let _ = conn.execute_batch("PRAGMA optimize");
        }
    }
}

impl WellbeingStore {
    pub(crate) fn from_parts(
        conn: Connection,
        clock: Arc<dyn Clock>,
        path: Option<PathBuf>,
    ) -> Self {
        WellbeingStore {
            conn: Mutex::new(conn),
            clock: RwLock::new(clock),
            flows: Mutex::new(Default::default()),
            path,
            key: Mutex::new(None),
            lock: Mutex::new(Default::default()),
        }
    }

    /// Replaces the clock (tests and demonstrations).
    pub fn set_clock(&self, clock: Arc<dyn Clock>) {
        *self.clock.write().unwrap_or_else(|e| e.into_inner()) = clock;
    }

    /// Now, with the local offset in force.
    pub(crate) fn now(&self) -> Moment {
        Moment::from_datetime(self.clock.read().unwrap_or_else(|e| e.into_inner()).now())
    }

    /// The connection, even if an earlier caller panicked while holding it: every write runs
    /// in a transaction that rolled back on unwind, so the connection is consistent.
    pub(crate) fn conn(&self) -> MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(crate) fn flows(&self) -> MutexGuard<'_, Sessions> {
        self.flows.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Runs a read.
    pub(crate) fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        f(&self.conn())
    }

    /// Runs `f` in one IMMEDIATE transaction: all of it is written, or none.
    pub(crate) fn write<T>(&self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        super::write(&mut self.conn(), f)
    }
}

#[cfg_attr(feature = "ffi", uniffi::export)]
impl WellbeingStore {
    /// Fixes "now" at `utc_ms` (milliseconds since 1970 UTC) seen at `offset_minutes` east
    /// of UTC. For scenario tests and demonstrations; apps keep the device clock.
    pub fn set_fixed_time(&self, utc_ms: i64, offset_minutes: i32) -> ApiResult<()> {
        let clock = FixedClock::new(utc_ms, offset_minutes)
            .ok_or_else(|| Error::invalid("time", crate::rules::RuleCode::OutOfRange))?;
        self.set_clock(Arc::new(clock));
        Ok(())
    }

    /// Returns to the device clock.
    pub fn use_device_time(&self) {
        self.set_clock(Arc::new(SystemClock));
    }

    /// Today's local date, "YYYY-MM-DD", by the clock in use.
    pub fn today_date(&self) -> String {
        self.now().date_string()
    }

    /// The file this store lives in, or `None` when in memory.
    pub fn database_path(&self) -> Option<String> {
        self.path.as_ref().map(|p| p.display().to_string())
    }

    /// The schema version this build reads and writes.
    pub fn schema_version(&self) -> i64 {
        super::schema::VERSION
    }

    /// Writes a consistent, compacted copy of the whole store to a new file at `path` (for
    /// a device backup or moving to a new phone). Refuses to overwrite an existing file.
    pub fn save_copy(&self, path: String) -> ApiResult<()> {
        let target = PathBuf::from(path.trim());
        if path.trim().is_empty() {
            return Err(Error::invalid("path", crate::rules::RuleCode::Required).into());
        }
        let target_str = target
            .to_str()
            .ok_or_else(|| Error::invalid("path", crate::rules::RuleCode::ControlCharacters))?
            .to_string();
        // Made empty and private first (SQLite writes into an empty file): the copy is never
        // readable by others, not even for a moment, and an existing file is never touched.
        super::new_private_file(&target)?;
        let made = self.read(|c| Ok(c.execute("VACUUM INTO ?1", [&target_str])?));
        if let Err(e) = made {
            // Nothing half-written is left behind to be mistaken for a backup.
            let _ = std::fs::remove_file(&target);
            return Err(e.into());
        }
        Ok(())
    }
}

/// The statements a call runs, for tests that hold a screen to the queries it needs (how
/// many, and which), so a view that starts querying per row fails a test, not only a
/// benchmark. SQLite's own trace hook: it sees every statement, cached or not.
#[cfg(test)]
impl WellbeingStore {
    pub(crate) fn statements_run<T>(&self, f: impl FnOnce() -> T) -> (T, Vec<String>) {
        use rusqlite::ffi;
        use std::os::raw::{c_int, c_uint, c_void};
        unsafe extern "C" fn on_statement(
            _event: c_uint,
            ctx: *mut c_void,
            stmt: *mut c_void,
            _sql: *mut c_void,
        ) -> c_int {
            // SAFETY: `ctx` is the `Vec` below, alive until the hook is removed; `stmt` is
            // the statement SQLite is starting.
            let seen = unsafe { &mut *(ctx as *mut Vec<String>) };
            let sql = unsafe { ffi::sqlite3_sql(stmt as *mut ffi::sqlite3_stmt) };
            if !sql.is_null() {
                let text = unsafe { std::ffi::CStr::from_ptr(sql) };
                seen.push(
                    text.to_string_lossy()
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" "),
                );
            }
            0
        }
        let mut seen: Box<Vec<String>> = Box::default();
        let ctx = &mut *seen as *mut Vec<String> as *mut c_void;
        let set = |on: bool| {
            let conn = self.conn();
            // SAFETY: the handle is only used for the hook, under the connection's lock.
            unsafe {
                ffi::sqlite3_trace_v2(
                    conn.handle(),
                    if on {
                        ffi::SQLITE_TRACE_STMT as c_uint
                    } else {
                        0
                    },
                    if on { Some(on_statement) } else { None },
                    if on { ctx } else { std::ptr::null_mut() },
                );
            }
        };
        set(true);
        let out = f();
        set(false);
        (out, *seen)
    }
}
