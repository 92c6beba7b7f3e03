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
    /// This handle's hold on its file (none in memory), let go after the connection closes:
    /// fields drop in order, this one last.
    _hold: Option<super::held::Hold>,
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
            _hold: path.as_deref().map(super::held::Hold::new),
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

/// What a call asks of SQLite, for tests that hold a screen to the work it needs: the
/// statements it runs (how many, and which), so a view that starts querying per row fails a
/// test, not only a benchmark; and the virtual-machine steps they take, which stay exactly
/// the same when only history outside what the screen shows is added (give or take
/// [`STEPS_NOISE`]), and grow with it when a query scans or sorts more than it shows.
/// SQLite's own trace hook: it sees every statement, cached or not.
#[cfg(test)]
impl WellbeingStore {
    pub(crate) fn statements_run<T>(&self, f: impl FnOnce() -> T) -> (T, Vec<String>) {
        let (out, seen, _) = self.traced(f);
        (out, seen)
    }

    /// The virtual-machine steps of every statement `f` runs, summed.
    pub(crate) fn steps_run<T>(&self, f: impl FnOnce() -> T) -> (T, u64) {
        let (out, _, steps) = self.traced(f);
        (out, steps)
    }

    fn traced<T>(&self, f: impl FnOnce() -> T) -> (T, Vec<String>, u64) {
        use rusqlite::ffi;
        use std::os::raw::{c_int, c_uint, c_void};
        #[derive(Default)]
        struct Seen {
            sql: Vec<String>,
            steps: u64,
        }
        unsafe extern "C" fn on_event(
            event: c_uint,
            ctx: *mut c_void,
            stmt: *mut c_void,
            _detail: *mut c_void,
        ) -> c_int {
            // SAFETY: `ctx` is the `Seen` below, alive until the hook is removed; `stmt` is
            // the statement SQLite is starting or has finished.
            let seen = unsafe { &mut *(ctx as *mut Seen) };
            let stmt = stmt as *mut ffi::sqlite3_stmt;
            if event == ffi::SQLITE_TRACE_PROFILE as c_uint {
                // A statement finished: the steps of this run (reset when it started).
                let n =
                    unsafe { ffi::sqlite3_stmt_status(stmt, ffi::SQLITE_STMTSTATUS_VM_STEP, 1) };
                seen.steps += n.max(0) as u64;
                return 0;
            }
            // A statement starting: its count from runs outside the call (a cached statement
            // used before the hook was set) is dropped.
            unsafe { ffi::sqlite3_stmt_status(stmt, ffi::SQLITE_STMTSTATUS_VM_STEP, 1) };
            let sql = unsafe { ffi::sqlite3_sql(stmt) };
            if !sql.is_null() {
                let text = unsafe { std::ffi::CStr::from_ptr(sql) };
                seen.sql.push(
                    text.to_string_lossy()
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" "),
                );
            }
            0
        }
        let mut seen: Box<Seen> = Box::default();
        let ctx = &mut *seen as *mut Seen as *mut c_void;
        let set = |on: bool| {
            let conn = self.conn();
            let events = (ffi::SQLITE_TRACE_STMT | ffi::SQLITE_TRACE_PROFILE) as c_uint;
            // SAFETY: the handle is only used for the hook, under the connection's lock.
            unsafe {
                ffi::sqlite3_trace_v2(
                    conn.handle(),
                    if on { events } else { 0 },
                    if on { Some(on_event) } else { None },
                    if on { ctx } else { std::ptr::null_mut() },
                );
            }
        };
        set(true);
        let out = f();
        set(false);
        let Seen { sql, steps } = *seen;
        (out, sql, steps)
    }
}

/// Steps that a call may take more or fewer from one run to the next with no change in the
/// work: a record looked up by its random id can cost one step more or less depending on
/// where the id falls among its neighbours (seen: 741 and 742 for the same summary). A query
/// that reads by history length costs hundreds or thousands more, so the tests' margin hides
/// nothing they are there to catch.
#[cfg(test)]
pub(crate) const STEPS_NOISE: u64 = 2;

/// Fails unless `after` is `before` within [`STEPS_NOISE`]: the same work after older
/// history was added.
#[cfg(test)]
#[track_caller]
pub(crate) fn assert_same_steps(before: u64, after: u64, what: &str) {
    assert!(
        before.abs_diff(after) <= STEPS_NOISE,
        "{what}: {before} VM steps, then {after} after older history was added"
    );
}
