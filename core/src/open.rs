//! Opening a store: the constructors of [`WellbeingStore`]. They stand above every tool
//! because a new or older store is made up to date with every tool's tables ([`TABLES`]).

use std::path::PathBuf;
use std::sync::Arc;

use crate::clock::{Clock, Moment, SystemClock};
use crate::error::{ApiResult, Error};
use crate::ids::{AgeBand, Profile};
use crate::store::{self, StoreKey, WellbeingStore};
use crate::tables::TABLES;

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
        let conn = store::open_file(&path, &tag, key.as_ref(), &TABLES)?;
        let s = WellbeingStore::from_parts(conn, clock, Some(path));
        *s.key.lock().unwrap_or_else(|e| e.into_inner()) = key;
        s.start_locked()?;
        Ok(Arc::new(s))
    }

    /// An in-memory store with the given clock.
    pub fn in_memory_with_clock(clock: Arc<dyn Clock>) -> ApiResult<Arc<Self>> {
        Ok(Arc::new(WellbeingStore::from_parts(
            store::open_in_memory(&TABLES)?,
            clock,
            None,
        )))
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
            return Err(Error::invalid("path", crate::rules::RuleCode::Required).into());
        }
        Self::open_with_clock(path, Arc::new(SystemClock))
    }

    /// A store that lives only in memory: conversation mode, where nothing is kept.
    #[cfg_attr(feature = "ffi", uniffi::constructor)]
    pub fn open_in_memory() -> ApiResult<Arc<Self>> {
        Self::in_memory_with_clock(Arc::new(SystemClock))
    }

    /// A school conversation with a pupil of `age_band`: a store in memory only (nothing
    /// about the pupil is kept), set up for a young person of that band, with this device's
    /// school contacts and referral routes copied in. Every flow walked in it ends with the
    /// "who can help" lines in its summary, so the handoff the pupil keeps carries them;
    /// `who_can_help()` on it gives the whole step. It keeps this store's clock.
    pub fn school_conversation(&self, age_band: AgeBand) -> ApiResult<Arc<WellbeingStore>> {
        let entries = self.school_entries()?;
        let clock = self.clock.read().unwrap_or_else(|e| e.into_inner()).clone();
        let mem = Self::in_memory_with_clock(clock)?;
        mem.set_profile(Profile::YoungPerson { age_band })?;
        let now = mem.now().utc_ms;
        mem.write(|tx| crate::school::copy_into(tx, &entries, now))?;
        Ok(mem)
    }
}
