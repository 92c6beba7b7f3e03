//! # Wellbeing Companion core
//!
//! Every rule, every piece of content and all data of the app live here; the Android, iOS
//! and terminal shells only draw what this crate hands them. The one entry point is
//! [`WellbeingStore`], opened on a database file. Tools (`five_ways`, `scaling`, `five_areas`,
//! `thinking_styles`, `measures`, `safety`) add their calls to it in their own modules; any
//! tool can also be walked through step by step with the guided flows in [`flow`].
//!
//! Calls are synchronous and thread-safe: shells call them off the UI thread.

mod backup;
mod chart;
mod clock;
mod content;
mod encryption;
mod error;
mod five_areas;
mod five_ways;
pub mod flow;
mod handoff;
mod ids;
mod lock;
mod measures;
mod navigation;
mod reminders;
mod report;
mod safety;
mod scaling;
mod seal;
mod sealed_backup;
mod shell_text;
mod store;
mod thinking_styles;
mod validate;
mod views;

use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, RwLock};

use rusqlite::{Connection, Transaction};

// The SQLCipher library itself (built by `sqlcipher-build/`): linked through this crate.
use companion_sqlcipher as _;

pub use backup::{CsvExportInfo, ImportReport, ImportTableReport};
pub use chart::{ChartPoint, ChartSeries};
pub use clock::{Clock, FixedClock, SystemClock};
pub use encryption::{encryption_info, store_encryption, EncryptionInfo};
pub use error::{diagnostics, ApiResult, Diagnostics, WellbeingError};
pub use five_areas::{
    five_areas_guide, FiveAreasArea, FiveAreasAreaInfo, FiveAreasChange, FiveAreasFeeling,
    FiveAreasFeelingChange, FiveAreasGuide, FiveAreasHistoryPage, FiveAreasInput, FiveAreasLink,
    FiveAreasListItem, FiveAreasReview, FiveAreasReviewInput, FiveAreasStatus, FiveAreasTried,
    FiveAreasWorksheet,
};
pub use five_ways::{
    FiveWaysDay, FiveWaysEntry, FiveWaysGlance, FiveWaysHistoryPage, FiveWaysHistoryWeek,
    FiveWaysIdea, FiveWaysInput, FiveWaysIntention, FiveWaysIntentionInput,
    FiveWaysIntentionOutcome, FiveWaysOutcome, FiveWaysPlan, FiveWaysPlanInput, FiveWaysPlanStatus,
    FiveWaysReview, FiveWaysReviewInput, FiveWaysWay, FiveWaysWayCount, FiveWaysWayRef,
    FiveWaysWeek,
};
pub use flow::{
    Answer, ChoiceOption, DraftInfo, FlowProgress, FlowSummary, InputKind, Persistence, SafetyFlag,
    SavedFlow, ScaleAnchor, Step, SummaryItem, ToolInfo,
};
pub use handoff::{HandoffPayload, ImportedHandoff, QrMatrix, MAX_PAYLOAD_CHARS, MAX_QR_VERSION};
pub use ids::{MeasureId, SafetyFlagCode, ToolGroup, ToolId, WayId};
pub use lock::{LockSettings, LockSettingsInput, LockState, UnlockOutcome};
pub use navigation::{
    HomeView, MenuEntry, MenuSection, MenuSectionKind, NavAction, RecordList, RecordRow,
    MAX_RECORD_ROWS,
};
pub use reminders::{Reminder, ReminderKind, ReminderSettings, Weekday, MAX_REMINDER_DAYS};
pub use report::{
    AppointmentReport, ReportChart, ReportChartKind, ReportEntry, ReportHistoryItem, ReportSection,
    ReportTable,
};
pub use safety::{
    crisis_contacts, help_now_without_store, CrisisContact, CrisisContactMethod, CrisisContactWay,
    PlanStatus, SafetyHelpNow, SafetyNotice, SafetyPlan, SafetyPlanInput, SafetyPlanSection,
    SafetyPlanSectionKind, StaffGuidance,
};
pub use shell_text::{shell_text, terminal_text, ShellText, TerminalText};
pub use store::{StoreEncryption, StoreKey};
pub use validate::{edit_limits, flow_text, validation_text, EditLimits, FlowText, RuleCode};
pub use views::{TodayView, WeekDay, WeekView};

pub use scaling::{
    CheckInRhythm, FeelingWord, ScalingEntry, ScalingFollowUp, ScalingFollowUpAnswer,
    ScalingFollowUpPrompt, ScalingHistoryPage, ScalingInput, ScalingScaleSummary, ScalingTemplate,
    ScalingTrend,
};

pub use measures::{
    assess_measure_change, assess_paired_change, MeasureBandInfo, MeasureChange,
    MeasureChangeDirection, MeasureHistoryPage, MeasureInfo, MeasureInput, MeasureItemInfo,
    MeasurePairedChange, MeasureRecoveryStatus, MeasureResult, MeasureStatus, MeasureSubscore,
    MeasureThreshold,
};

pub use thinking_styles::{
    suggest_thinking_styles, thinking_styles, ThinkingStyle, ThinkingStyleMatch,
    ThinkingStyleSuggestion, ThoughtRecord, ThoughtRecordEmotion, ThoughtRecordHistoryPage,
    ThoughtRecordInput, ThoughtRecordListItem, ThoughtRecordStyle,
};

use clock::Moment;
use error::{Error, Result};

#[cfg(feature = "ffi")]
uniffi::setup_scaffolding!("wellbeing");

/// The handle on one person's store. Open it once and share it (`Arc`) across threads.
#[cfg_attr(feature = "ffi", derive(uniffi::Object))]
pub struct WellbeingStore {
    conn: Mutex<Connection>,
    clock: RwLock<Arc<dyn Clock>>,
    flows: Mutex<flow::Sessions>,
    path: Option<PathBuf>,
    /// The key the store was opened with (`None`: plain SQLite or in memory), for a key
    /// change and for checking a key the keystore releases to unlock the app.
    key: Mutex<Option<StoreKey>>,
    /// The app lock's state in this process (its settings are stored).
    lock: Mutex<lock::Runtime>,
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
    /// Opens the store at `path` with the given clock (Rust callers and tests).
    pub fn open_with_clock(
        path: impl Into<PathBuf>,
        clock: Arc<dyn Clock>,
    ) -> ApiResult<Arc<Self>> {
        Self::open_keyed(path.into(), clock, None)
    }

    /// Opens the store at `path` with `key` (`None`: a plain store).
    pub(crate) fn open_keyed(
        path: PathBuf,
        clock: Arc<dyn Clock>,
        key: Option<StoreKey>,
    ) -> ApiResult<Arc<Self>> {
        let tag = Moment::from_datetime(clock.now())
            .local
            .format("%Y%m%d-%H%M%S")
            .to_string();
        let conn = store::open_file(&path, &tag, key.as_ref())?;
        let s = Self::from_parts(conn, clock, Some(path));
        *s.key.lock().unwrap_or_else(|e| e.into_inner()) = key;
        s.start_locked()?;
        Ok(Arc::new(s))
    }

    /// An in-memory store with the given clock.
    pub fn in_memory_with_clock(clock: Arc<dyn Clock>) -> ApiResult<Arc<Self>> {
        Ok(Arc::new(Self::from_parts(
            store::open_in_memory()?,
            clock,
            None,
        )))
    }

    fn from_parts(conn: Connection, clock: Arc<dyn Clock>, path: Option<PathBuf>) -> Self {
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

    pub(crate) fn flows(&self) -> MutexGuard<'_, flow::Sessions> {
        self.flows.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Runs a read.
    pub(crate) fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        f(&self.conn())
    }

    /// Runs `f` in one IMMEDIATE transaction: all of it is written, or none.
    pub(crate) fn write<T>(&self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        store::write(&mut self.conn(), f)
    }
}

#[cfg_attr(feature = "ffi", uniffi::export)]
impl WellbeingStore {
    /// Opens (creating if needed) the store at `path`, using the device clock.
    ///
    /// Fails with `NewerDatabase` (file untouched) if a newer app wrote it, and with
    /// `CorruptDatabase` if it is unreadable: the file is then moved aside, never deleted,
    /// and opening again starts a fresh store.
    #[cfg_attr(feature = "ffi", uniffi::constructor)]
    pub fn open(path: String) -> ApiResult<Arc<Self>> {
        if path.trim().is_empty() {
            return Err(Error::invalid("path", crate::validate::RuleCode::Required).into());
        }
        Self::open_with_clock(path, Arc::new(SystemClock))
    }

    /// A store that lives only in memory: conversation mode, where nothing is kept.
    #[cfg_attr(feature = "ffi", uniffi::constructor)]
    pub fn open_in_memory() -> ApiResult<Arc<Self>> {
        Self::in_memory_with_clock(Arc::new(SystemClock))
    }

    /// Fixes "now" at `utc_ms` (milliseconds since 1970 UTC) seen at `offset_minutes` east
    /// of UTC. For scenario tests and demonstrations; apps keep the device clock.
    pub fn set_fixed_time(&self, utc_ms: i64, offset_minutes: i32) -> ApiResult<()> {
        let clock = FixedClock::new(utc_ms, offset_minutes)
            .ok_or_else(|| Error::invalid("time", crate::validate::RuleCode::OutOfRange))?;
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
        store::schema::VERSION
    }

    /// Writes a consistent, compacted copy of the whole store to a new file at `path` (for
    /// a device backup or moving to a new phone). Refuses to overwrite an existing file.
    pub fn save_copy(&self, path: String) -> ApiResult<()> {
        let target = PathBuf::from(path.trim());
        if path.trim().is_empty() {
            return Err(Error::invalid("path", crate::validate::RuleCode::Required).into());
        }
        let target_str = target
            .to_str()
            .ok_or_else(|| Error::invalid("path", crate::validate::RuleCode::ControlCharacters))?
            .to_string();
        // Made empty and private first (SQLite writes into an empty file): the copy is never
        // readable by others, not even for a moment, and an existing file is never touched.
        store::new_private_file(&target)?;
        let made = self.read(|c| Ok(c.execute("VACUUM INTO ?1", [&target_str])?));
        if let Err(e) = made {
            // Nothing half-written is left behind to be mistaken for a backup.
            let _ = std::fs::remove_file(&target);
            return Err(e.into());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn companion_is_shareable_across_threads() {
        assert_send_sync::<WellbeingStore>();
    }

    #[test]
    fn fixed_time_sets_today() {
        let c = WellbeingStore::open_in_memory().unwrap();
        // 2026-03-29T00:30Z is 01:30 GMT, still the 29th; at UTC-5 it is the 28th.
        c.set_fixed_time(1_774_744_200_000, 0).unwrap();
        assert_eq!(c.today_date(), "2026-03-29");
        c.set_fixed_time(1_774_744_200_000, -300).unwrap();
        assert_eq!(c.today_date(), "2026-03-28");
        assert!(matches!(
            c.set_fixed_time(0, 100_000),
            Err(WellbeingError::InvalidInput { .. })
        ));
    }

    #[test]
    fn save_copy_writes_a_readable_store_and_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let c = WellbeingStore::open(dir.path().join("a.db").display().to_string()).unwrap();
        let copy = dir.path().join("copy.db").display().to_string();
        c.save_copy(copy.clone()).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                std::fs::metadata(&copy).unwrap().permissions().mode() & 0o777,
                0o600
            );
        }
        let again = WellbeingStore::open(copy.clone()).unwrap();
        assert_eq!(again.schema_version(), c.schema_version());
        assert!(matches!(
            c.save_copy(copy),
            Err(WellbeingError::InvalidInput { .. })
        ));
        assert!(matches!(
            c.save_copy(" ".into()),
            Err(WellbeingError::InvalidInput { .. })
        ));
    }

    #[test]
    fn empty_path_is_refused() {
        assert!(matches!(
            WellbeingStore::open("  ".into()),
            Err(WellbeingError::InvalidInput { .. })
        ));
    }
}
