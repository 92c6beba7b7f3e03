//! The app lock: a passcode (or the platform's biometric prompt) between the person's
//! records and whoever picks the phone up.
//!
//! The settings live in the store (`app_lock`, one row: device state, never in a backup):
//! on or off, after how many minutes in the background the app locks, the passcode's
//! Argon2id hash with its own salt, whether the biometric prompt may unlock, and the count of
//! wrong passcodes with the time the next try is allowed (kept across restarts, so killing the
//! app does not reset the wait). The state — locked or not, since when in the background —
//! is this process's: a cold start with the lock on starts locked.
//!
//! The biometric path: the shell's biometric prompt releases the store's key from the
//! Android Keystore / iOS Keychain, and the shell hands that key to
//! [`WellbeingStore::unlock_with_key`]; the core unlocks only if it is the key the store is
//! open with. Help now needs no unlocking: `help_now()` and `help_now_without_store()` are
//! never refused, and the lock screen offers them.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::{ApiResult, Error, Result};
use crate::rules::RuleCode;
use crate::seal::{self, KdfParams};
use crate::store::{LockRuntime as Runtime, StoreKey, WellbeingStore};

pub(crate) const SCHEMA: &str = "
CREATE TABLE app_lock (
    id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
    background_minutes INTEGER NOT NULL CHECK (background_minutes BETWEEN 0 AND 60),
    passcode_salt BLOB,
    passcode_hash BLOB,
    kdf_m_kib INTEGER NOT NULL,
    kdf_t INTEGER NOT NULL,
    kdf_p INTEGER NOT NULL,
    biometric_allowed INTEGER NOT NULL CHECK (biometric_allowed IN (0, 1)),
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    retry_after_utc_ms INTEGER NOT NULL DEFAULT 0,
    updated_utc_ms INTEGER NOT NULL
);
";

/// The table of device state that a backup leaves out (and an import never writes).
pub(crate) const TABLE: &str = "app_lock";

/// Passcode length, in characters.
pub const MIN_PASSCODE_CHARS: usize = 4;
pub const MAX_PASSCODE_CHARS: usize = 64;
/// Most minutes in the background before the app locks.
pub const MAX_BACKGROUND_MINUTES: u32 = 60;
/// Wrong passcodes allowed before a wait; each one after doubles the wait, up to the most.
pub const FREE_ATTEMPTS: u32 = 5;
const FIRST_WAIT_SECONDS: i64 = 30;
const MAX_WAIT_SECONDS: i64 = 15 * 60;

/// The lock's settings as a settings screen shows them (never the passcode).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct LockSettings {
    pub enabled: bool,
    /// Minutes in the background after which coming back asks to unlock (0: at once).
    pub background_minutes: u32,
    pub has_passcode: bool,
    /// The platform's biometric prompt may unlock (by releasing the store's key).
    pub biometric_allowed: bool,
}

/// New lock settings. Turning the lock on needs a passcode (a new one here, or the one set
/// before), so the biometric prompt is never the only way in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct LockSettingsInput {
    pub enabled: bool,
    pub background_minutes: u32,
    /// A new passcode (4 to 64 characters), or `None` to keep the one set.
    pub new_passcode: Option<String>,
    pub biometric_allowed: bool,
}

/// Where the lock stands now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct LockState {
    pub enabled: bool,
    /// The shell shows only the lock screen (with Help now) while this is true.
    pub locked: bool,
    pub biometric_allowed: bool,
    /// Wrong passcodes since the last unlock.
    pub failed_attempts: u32,
    /// Seconds until the next passcode may be tried (0: now).
    pub retry_after_seconds: u32,
    /// Always true: Help now (crisis contacts and the safety plan) is reachable while locked.
    pub help_now_available: bool,
}

/// What an unlock attempt did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum UnlockOutcome {
    /// Unlocked (or it was not locked).
    Unlocked,
    /// Wrong passcode (or not the store's key). `attempts_before_wait` more may be tried
    /// before a wait.
    Wrong {
        attempts_before_wait: u32,
        retry_after_seconds: u32,
    },
    /// Too many wrong passcodes: nothing was checked; try again after this many seconds.
    Wait { retry_after_seconds: u32 },
    /// The biometric prompt is not allowed by the settings, or the store has no key for it
    /// to release (a plain store).
    BiometricUnavailable,
}

struct Row {
    enabled: bool,
    background_minutes: u32,
    salt: Option<Vec<u8>>,
    hash: Option<Vec<u8>>,
    kdf: KdfParams,
    biometric_allowed: bool,
    failed_attempts: u32,
    retry_after_utc_ms: i64,
}

impl Row {
    fn off() -> Self {
        Row {
            enabled: false,
            background_minutes: 5,
            salt: None,
            hash: None,
            kdf: seal::KDF_DEFAULT,
            biometric_allowed: false,
            failed_attempts: 0,
            retry_after_utc_ms: 0,
        }
    }
}

fn load(conn: &Connection) -> Result<Row> {
    let row = conn
        .query_row(
            "SELECT enabled, background_minutes, passcode_salt, passcode_hash, kdf_m_kib, kdf_t,
                    kdf_p, biometric_allowed, failed_attempts, retry_after_utc_ms
             FROM app_lock WHERE id = 1",
            [],
            |r| {
                Ok(Row {
                    enabled: r.get(0)?,
                    background_minutes: r.get(1)?,
                    salt: r.get(2)?,
                    hash: r.get(3)?,
                    kdf: KdfParams {
                        m_kib: r.get(4)?,
                        t: r.get(5)?,
                        p: r.get(6)?,
                    },
                    biometric_allowed: r.get(7)?,
                    failed_attempts: r.get(8)?,
                    retry_after_utc_ms: r.get(9)?,
                })
            },
        )
        .optional()?;
    Ok(row.unwrap_or_else(Row::off))
}

fn save(conn: &Connection, row: &Row, now_ms: i64) -> Result<()> {
    conn.execute(
        "INSERT INTO app_lock (id, enabled, background_minutes, passcode_salt, passcode_hash,
            kdf_m_kib, kdf_t, kdf_p, biometric_allowed, failed_attempts, retry_after_utc_ms,
            updated_utc_ms)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
         ON CONFLICT(id) DO UPDATE SET enabled = ?1, background_minutes = ?2,
            passcode_salt = ?3, passcode_hash = ?4, kdf_m_kib = ?5, kdf_t = ?6, kdf_p = ?7,
            biometric_allowed = ?8, failed_attempts = ?9, retry_after_utc_ms = ?10,
            updated_utc_ms = ?11",
        params![
            row.enabled,
            row.background_minutes,
            row.salt,
            row.hash,
            row.kdf.m_kib,
            row.kdf.t,
            row.kdf.p,
            row.biometric_allowed,
            row.failed_attempts,
            row.retry_after_utc_ms,
            now_ms
        ],
    )?;
    Ok(())
}

fn check_passcode(code: &str) -> Result<()> {
    let n = code.chars().count();
    if n < MIN_PASSCODE_CHARS {
        return Err(Error::invalid_limit(
            "passcode",
            RuleCode::TooShort,
            MIN_PASSCODE_CHARS as i64,
        ));
    }
    if n > MAX_PASSCODE_CHARS {
        return Err(Error::invalid_limit(
            "passcode",
            RuleCode::TooLong,
            MAX_PASSCODE_CHARS as i64,
        ));
    }
    if code.chars().any(char::is_control) {
        return Err(Error::invalid("passcode", RuleCode::ControlCharacters));
    }
    Ok(())
}

fn wait_after(failed: u32) -> i64 {
    if failed < FREE_ATTEMPTS {
        return 0;
    }
    let doublings = (failed - FREE_ATTEMPTS).min(10);
    (FIRST_WAIT_SECONDS << doublings).min(MAX_WAIT_SECONDS)
}

fn seconds_until(ms: i64, now_ms: i64) -> u32 {
    if ms <= now_ms {
        0
    } else {
        ((ms - now_ms + 999) / 1000) as u32
    }
}

impl WellbeingStore {
    fn lock_runtime(&self) -> std::sync::MutexGuard<'_, Runtime> {
        self.lock.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// At open: a store with the lock on starts locked.
    pub(crate) fn start_locked(&self) -> Result<()> {
        let row = self.read(load)?;
        self.lock_runtime().locked = row.enabled;
        Ok(())
    }

    fn state_from(&self, row: &Row) -> LockState {
        let now = self.now().utc_ms;
        LockState {
            enabled: row.enabled,
            locked: row.enabled && self.lock_runtime().locked,
            biometric_allowed: row.biometric_allowed,
            failed_attempts: row.failed_attempts,
            retry_after_seconds: seconds_until(row.retry_after_utc_ms, now),
            help_now_available: true,
        }
    }

    fn unlock(&self) {
        self.lock_runtime().locked = false;
    }
}

#[cfg_attr(feature = "ffi", uniffi::export)]
impl WellbeingStore {
    /// The lock's settings (never the passcode).
    pub fn lock_settings(&self) -> ApiResult<LockSettings> {
        let row = self.read(load)?;
        Ok(LockSettings {
            enabled: row.enabled,
            background_minutes: row.background_minutes,
            has_passcode: row.hash.is_some(),
            biometric_allowed: row.biometric_allowed,
        })
    }

    /// Changes the lock's settings. Refused while locked (`OutOfOrder`), and when turning
    /// the lock on with no passcode set or given (`InvalidInput`, field "passcode").
    pub fn set_lock_settings(&self, input: LockSettingsInput) -> ApiResult<LockSettings> {
        if self.lock_state()?.locked {
            return Err(Error::out_of_order("the app is locked").into());
        }
        if input.background_minutes > MAX_BACKGROUND_MINUTES {
            return Err(Error::out_of_range(
                "background_minutes",
                input.background_minutes as i64,
                0,
                MAX_BACKGROUND_MINUTES as i64,
            )
            .into());
        }
        let new_hash = match &input.new_passcode {
            Some(code) => {
                check_passcode(code)?;
                let salt = seal::random::<{ seal::SALT_BYTES }>()?;
                let hash = seal::derive(code.as_bytes(), &salt, seal::KDF_DEFAULT, "passcode")?;
                Some((salt.to_vec(), hash.to_vec()))
            }
            None => None,
        };
        let now = self.now().utc_ms;
        self.write(|tx| {
            let mut row = load(tx)?;
            if let Some((salt, hash)) = new_hash {
                row.salt = Some(salt);
                row.hash = Some(hash);
                row.kdf = seal::KDF_DEFAULT;
            }
            if input.enabled && row.hash.is_none() {
                return Err(Error::invalid("passcode", RuleCode::Required));
            }
            row.enabled = input.enabled;
            row.background_minutes = input.background_minutes;
            row.biometric_allowed = input.biometric_allowed;
            save(tx, &row, now)
        })?;
        self.lock_settings()
    }

    /// Where the lock stands now.
    pub fn lock_state(&self) -> ApiResult<LockState> {
        let row = self.read(load)?;
        Ok(self.state_from(&row))
    }

    /// The app went to the background (the shell's onStop / sceneDidEnterBackground).
    pub fn app_went_to_background(&self) {
        let now = self.now().utc_ms;
        self.lock_runtime().background_since.get_or_insert(now);
    }

    /// The app came back to the foreground: locked when the lock is on and it was away for
    /// its minutes or longer. Returns the state to draw.
    pub fn app_came_to_foreground(&self) -> ApiResult<LockState> {
        let row = self.read(load)?;
        let now = self.now().utc_ms;
        {
            let mut rt = self.lock_runtime();
            if let Some(since) = rt.background_since.take() {
                let away = now.saturating_sub(since);
                if row.enabled && away >= row.background_minutes as i64 * 60_000 {
                    rt.locked = true;
                }
            }
        }
        Ok(self.state_from(&row))
    }

    /// Locks now (a "lock" button), when the lock is on.
    pub fn lock_now(&self) -> ApiResult<LockState> {
        let row = self.read(load)?;
        if row.enabled {
            self.lock_runtime().locked = true;
        }
        Ok(self.state_from(&row))
    }

    /// Unlocks with the passcode. After [`FREE_ATTEMPTS`] wrong ones each try waits (30
    /// seconds, doubling to 15 minutes); the count and the wait survive a restart.
    pub fn unlock_with_passcode(&self, passcode: String) -> ApiResult<UnlockOutcome> {
        let now = self.now().utc_ms;
        let row = self.read(load)?;
        if !row.enabled || !self.lock_runtime().locked {
            return Ok(UnlockOutcome::Unlocked);
        }
        if row.retry_after_utc_ms > now {
            return Ok(UnlockOutcome::Wait {
                retry_after_seconds: seconds_until(row.retry_after_utc_ms, now),
            });
        }
        let (Some(salt), Some(hash)) = (&row.salt, &row.hash) else {
            return Err(Error::internal("the lock is on with no passcode").into());
        };
        let right = check_passcode(&passcode).is_ok() && {
            let got = seal::derive(passcode.as_bytes(), salt, row.kdf, "passcode")?;
            // Fixed-time comparison of the two hashes.
            got.len() == hash.len()
                && got.iter().zip(hash).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
        };
        let outcome = self.write(|tx| {
            let mut row = load(tx)?;
            if right {
                row.failed_attempts = 0;
                row.retry_after_utc_ms = 0;
                save(tx, &row, now)?;
                return Ok(UnlockOutcome::Unlocked);
            }
            row.failed_attempts = row.failed_attempts.saturating_add(1);
            let wait = wait_after(row.failed_attempts);
            row.retry_after_utc_ms = if wait > 0 { now + wait * 1000 } else { 0 };
            save(tx, &row, now)?;
            Ok(UnlockOutcome::Wrong {
                attempts_before_wait: FREE_ATTEMPTS.saturating_sub(row.failed_attempts),
                retry_after_seconds: wait as u32,
            })
        })?;
        if outcome == UnlockOutcome::Unlocked {
            self.unlock();
        }
        Ok(outcome)
    }

    /// Unlocks with the key the platform's biometric prompt released from the keystore: only
    /// when the settings allow it and `key` is the key this store is open with.
    pub fn unlock_with_key(&self, key: StoreKey) -> ApiResult<UnlockOutcome> {
        let row = self.read(load)?;
        if !row.enabled || !self.lock_runtime().locked {
            return Ok(UnlockOutcome::Unlocked);
        }
        if !row.biometric_allowed || !self.is_encrypted() {
            return Ok(UnlockOutcome::BiometricUnavailable);
        }
        if !self.is_current_key(&key) {
            return Ok(UnlockOutcome::Wrong {
                attempts_before_wait: FREE_ATTEMPTS.saturating_sub(row.failed_attempts),
                retry_after_seconds: 0,
            });
        }
        let now = self.now().utc_ms;
        self.write(|tx| {
            let mut row = load(tx)?;
            row.failed_attempts = 0;
            row.retry_after_utc_ms = 0;
            save(tx, &row, now)
        })?;
        self.unlock();
        Ok(UnlockOutcome::Unlocked)
    }
}

#[cfg(test)]
mod tests;
