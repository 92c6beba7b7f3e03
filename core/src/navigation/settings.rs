//! The settings screen and the lock screen of a phone shell, as records to draw.
//!
//! The profile, the app lock and encryption each have their calls (`set_profile`,
//! `set_lock_settings`, `change_store_key`), but a phone shell also needs their words and the
//! choices to offer: which profiles there are and what each is called, which "lock after"
//! times, what a wrong passcode or a wait says. Written in each shell they would drift, and a
//! shell holds no English; here one call gives each screen whole, filled in from the store's
//! own state (words in `settings.json`).

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::error::{ApiResult, Result};
use crate::ids::{AgeBand, Profile};
use crate::lock::{LockSettings, LockState, FREE_ATTEMPTS, MAX_PASSCODE_CHARS, MIN_PASSCODE_CHARS};
use crate::shell_text::fill;
use crate::store::WellbeingStore;

/// The "lock after" times offered, in minutes (the core accepts any 0–60).
const LOCK_AFTER_MINUTES: [u32; 5] = [0, 1, 5, 15, 60];

/// One profile the person can choose, with its words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ProfileChoice {
    /// Pass to `set_profile`.
    pub profile: Profile,
    pub label: String,
    /// The profile the store is set up for now.
    pub chosen: bool,
}

/// One "lock after" time, with its words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct LockAfterChoice {
    /// `LockSettingsInput.background_minutes`.
    pub minutes: u32,
    pub label: String,
    pub chosen: bool,
}

/// The settings screen: who the app is set up for, the app lock, encryption. Reminders keep
/// their own calls and `shell_text()` words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct SettingsView {
    pub title: String,
    pub profile_heading: String,
    /// Adult first, then each age band.
    pub profile_choices: Vec<ProfileChoice>,
    /// What a young person's profile changes; only while one is chosen.
    pub profile_note: Option<String>,
    pub lock_heading: String,
    pub lock_detail: String,
    pub lock: LockSettings,
    pub lock_on_label: String,
    pub lock_after_label: String,
    pub lock_after_choices: Vec<LockAfterChoice>,
    pub passcode_label: String,
    /// The passcode's length limits in words.
    pub passcode_hint: String,
    pub biometric_label: String,
    pub lock_save_label: String,
    pub encryption_heading: String,
    pub encrypted: bool,
    /// Whether the records are encrypted, in words.
    pub encryption_line: String,
    pub encryption_detail: String,
    /// Offered on a plain store in a file (an in-memory store has no file to encrypt).
    pub encryption_turn_on_label: Option<String>,
    /// Offered on an encrypted store.
    pub encryption_turn_off_label: Option<String>,
}

/// The lock screen, filled in from where the lock stands: the shell shows only this (and
/// Help now) while `state.locked`, and asks for it again after every unlock attempt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct LockScreen {
    pub state: LockState,
    pub title: String,
    pub detail: String,
    pub passcode_label: String,
    pub unlock_label: String,
    /// Present when the biometric prompt may unlock: the settings allow it and the store is
    /// encrypted (the prompt releases the store's key).
    pub biometric_label: Option<String>,
    /// What the platform's biometric prompt says it is for.
    pub biometric_reason: String,
    /// After a wrong passcode, how many tries are left; during a wait, how long it is.
    pub status: Option<String>,
    /// False during a wait: the passcode field is not offered.
    pub can_try_passcode: bool,
}

crate::content::words_record! {
#[derive(Debug)]
struct Words {
    title: String,
    profile_heading: String,
    profile_adult: String,
    profile_young: String,
    age_under_13: String,
    age_13_15: String,
    age_16_17: String,
    profile_young_note: String,
    lock_heading: String,
    lock_detail: String,
    lock_on: String,
    lock_after: String,
    lock_at_once: String,
    lock_after_one_minute: String,
    lock_after_minutes: String,
    passcode_label: String,
    passcode_hint: String,
    biometric_label: String,
    lock_save: String,
    encryption_heading: String,
    encryption_on_line: String,
    encryption_off_line: String,
    encryption_detail: String,
    encryption_turn_on: String,
    encryption_turn_off: String,
    lock_screen_title: String,
    lock_screen_detail: String,
    lock_screen_passcode: String,
    lock_screen_unlock: String,
    lock_screen_biometric: String,
    lock_screen_biometric_reason: String,
    lock_screen_wrong: String,
    lock_screen_wrong_last: String,
    lock_screen_wait: String,
}}

fn words() -> Result<&'static Words> {
    static W: OnceLock<std::result::Result<Words, String>> = OnceLock::new();
    Ok(crate::content::parsed(
        &W,
        crate::content::en_gb::SETTINGS,
        "settings",
    )?)
}

fn profile_label(w: &Words, profile: Profile) -> String {
    match profile {
        Profile::Adult => w.profile_adult.clone(),
        Profile::YoungPerson { age_band } => {
            let age = match age_band {
                AgeBand::Under13 => &w.age_under_13,
                AgeBand::From13To15 => &w.age_13_15,
                AgeBand::From16To17 => &w.age_16_17,
            };
            fill(&w.profile_young, "age", age)
        }
    }
}

fn lock_after_label(w: &Words, minutes: u32) -> String {
    match minutes {
        0 => w.lock_at_once.clone(),
        1 => w.lock_after_one_minute.clone(),
        m => fill(&w.lock_after_minutes, "minutes", &m.to_string()),
    }
}

/// The lock screen's line for `state`: a wait first, else the tries left after a wrong one.
fn lock_status(w: &Words, state: &LockState) -> Option<String> {
    if state.retry_after_seconds > 0 {
        return Some(fill(
            &w.lock_screen_wait,
            "seconds",
            &state.retry_after_seconds.to_string(),
        ));
    }
    if state.failed_attempts == 0 {
        return None;
    }
    match FREE_ATTEMPTS.saturating_sub(state.failed_attempts) {
        // Past the free tries with the wait over: each wrong one starts the next wait.
        0 | 1 => Some(w.lock_screen_wrong_last.clone()),
        left => Some(fill(&w.lock_screen_wrong, "count", &left.to_string())),
    }
}

#[cfg_attr(feature = "ffi", uniffi::export)]
impl WellbeingStore {
    /// The settings screen, from the store's profile, lock settings and encryption.
    pub fn settings_view(&self) -> ApiResult<SettingsView> {
        let w = words()?;
        let profile = self.profile()?;
        let lock = self.lock_settings()?;
        let encrypted = self.is_encrypted();
        let choices = std::iter::once(Profile::Adult)
            .chain(
                AgeBand::ALL
                    .iter()
                    .map(|&age_band| Profile::YoungPerson { age_band }),
            )
            .map(|p| ProfileChoice {
                label: profile_label(w, p),
                chosen: p == profile,
                profile: p,
            })
            .collect();
        let mut minutes: Vec<u32> = LOCK_AFTER_MINUTES.to_vec();
        if !minutes.contains(&lock.background_minutes) {
            // A time set elsewhere (the terminal, a test) is still shown as chosen.
            minutes.push(lock.background_minutes);
            minutes.sort_unstable();
        }
        let lock_after_choices = minutes
            .into_iter()
            .map(|m| LockAfterChoice {
                minutes: m,
                label: lock_after_label(w, m),
                chosen: m == lock.background_minutes,
            })
            .collect();
        let passcode_hint = fill(
            &fill(&w.passcode_hint, "min", &MIN_PASSCODE_CHARS.to_string()),
            "max",
            &MAX_PASSCODE_CHARS.to_string(),
        );
        Ok(SettingsView {
            title: w.title.clone(),
            profile_heading: w.profile_heading.clone(),
            profile_choices: choices,
            profile_note: profile
                .is_young_person()
                .then(|| w.profile_young_note.clone()),
            lock_heading: w.lock_heading.clone(),
            lock_detail: w.lock_detail.clone(),
            lock,
            lock_on_label: w.lock_on.clone(),
            lock_after_label: w.lock_after.clone(),
            lock_after_choices,
            passcode_label: w.passcode_label.clone(),
            passcode_hint,
            biometric_label: w.biometric_label.clone(),
            lock_save_label: w.lock_save.clone(),
            encryption_heading: w.encryption_heading.clone(),
            encrypted,
            encryption_line: if encrypted {
                w.encryption_on_line.clone()
            } else {
                w.encryption_off_line.clone()
            },
            encryption_detail: w.encryption_detail.clone(),
            encryption_turn_on_label: (!encrypted && self.path.is_some())
                .then(|| w.encryption_turn_on.clone()),
            encryption_turn_off_label: encrypted.then(|| w.encryption_turn_off.clone()),
        })
    }

    /// The lock screen as the lock stands now.
    pub fn lock_screen(&self) -> ApiResult<LockScreen> {
        let w = words()?;
        let state = self.lock_state()?;
        Ok(LockScreen {
            title: w.lock_screen_title.clone(),
            detail: w.lock_screen_detail.clone(),
            passcode_label: w.lock_screen_passcode.clone(),
            unlock_label: w.lock_screen_unlock.clone(),
            biometric_label: (state.biometric_allowed && self.is_encrypted())
                .then(|| w.lock_screen_biometric.clone()),
            biometric_reason: w.lock_screen_biometric_reason.clone(),
            status: lock_status(w, &state),
            can_try_passcode: state.retry_after_seconds == 0,
            state,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{LockSettingsInput, StoreKey, UnlockOutcome};

    fn lock_on(c: &WellbeingStore, biometric: bool) {
        c.set_lock_settings(LockSettingsInput {
            enabled: true,
            background_minutes: 5,
            new_passcode: Some("2468".into()),
            biometric_allowed: biometric,
        })
        .unwrap();
    }

    #[test]
    fn every_word_is_there() {
        let w = words().unwrap();
        let v: serde_json::Value =
            serde_json::from_str(include_str!("../../content/en-GB/settings.json")).unwrap();
        for (k, text) in v.as_object().unwrap() {
            assert!(
                !text.as_str().unwrap().trim().is_empty(),
                "{k} has no words"
            );
        }
        assert!(w.profile_young.contains("{age}"));
        assert!(w.lock_screen_wait.contains("{seconds}"));
    }

    #[test]
    fn the_profile_choices_are_adult_then_each_age_band_and_the_stored_one_is_chosen() {
        let c = WellbeingStore::open_in_memory().unwrap();
        let v = c.settings_view().unwrap();
        let profiles: Vec<Profile> = v.profile_choices.iter().map(|p| p.profile).collect();
        assert_eq!(profiles.len(), 1 + AgeBand::ALL.len());
        assert_eq!(profiles[0], Profile::Adult);
        assert_eq!(
            v.profile_choices.iter().filter(|p| p.chosen).count(),
            1,
            "one chosen"
        );
        assert!(v.profile_choices[0].chosen);
        assert_eq!(v.profile_note, None);
        let labels: std::collections::BTreeSet<&str> =
            v.profile_choices.iter().map(|p| p.label.as_str()).collect();
        assert_eq!(labels.len(), v.profile_choices.len(), "labels differ");

        let young = Profile::YoungPerson {
            age_band: AgeBand::From13To15,
        };
        c.set_profile(young).unwrap();
        let v = c.settings_view().unwrap();
        let chosen: Vec<_> = v.profile_choices.iter().filter(|p| p.chosen).collect();
        assert_eq!(chosen.len(), 1);
        assert_eq!(chosen[0].profile, young);
        assert_eq!(chosen[0].label, "A young person aged 13 to 15");
        assert!(v.profile_note.unwrap().contains("Childline"));
    }

    #[test]
    fn the_lock_part_follows_the_lock_settings() {
        let c = WellbeingStore::open_in_memory().unwrap();
        let v = c.settings_view().unwrap();
        assert!(!v.lock.enabled);
        let chosen: Vec<u32> = v
            .lock_after_choices
            .iter()
            .filter(|m| m.chosen)
            .map(|m| m.minutes)
            .collect();
        assert_eq!(chosen, vec![v.lock.background_minutes]);
        assert!(
            v.passcode_hint.starts_with("4 to 64 characters"),
            "{}",
            v.passcode_hint
        );
        let labels: Vec<&str> = v
            .lock_after_choices
            .iter()
            .map(|m| m.label.as_str())
            .collect();
        assert_eq!(labels[0], "At once");
        assert!(labels.contains(&"After 15 minutes"));

        c.set_lock_settings(LockSettingsInput {
            enabled: true,
            background_minutes: 7,
            new_passcode: Some("2468".into()),
            biometric_allowed: false,
        })
        .unwrap();
        let v = c.settings_view().unwrap();
        assert!(v.lock.enabled && v.lock.has_passcode);
        let seven = v
            .lock_after_choices
            .iter()
            .find(|m| m.minutes == 7)
            .unwrap();
        assert!(seven.chosen);
        assert_eq!(seven.label, "After 7 minutes");
    }

    #[test]
    fn encryption_is_offered_on_for_a_plain_file_off_for_an_encrypted_one_and_not_in_memory() {
        let c = WellbeingStore::open_in_memory().unwrap();
        let v = c.settings_view().unwrap();
        assert!(!v.encrypted);
        assert_eq!(v.encryption_turn_on_label, None, "no file to encrypt");
        assert_eq!(v.encryption_turn_off_label, None);

        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.db").to_string_lossy().into_owned();
        let c = WellbeingStore::open(path.clone()).unwrap();
        let v = c.settings_view().unwrap();
        assert!(v.encryption_turn_on_label.is_some());
        assert_eq!(v.encryption_line, words().unwrap().encryption_off_line);
        c.change_store_key(Some(StoreKey::Raw { bytes: vec![7; 32] }))
            .unwrap();
        let v = c.settings_view().unwrap();
        assert!(v.encrypted);
        assert_eq!(v.encryption_turn_on_label, None);
        assert!(v.encryption_turn_off_label.is_some());
        assert_eq!(v.encryption_line, words().unwrap().encryption_on_line);
    }

    #[test]
    fn the_lock_screen_says_how_many_tries_are_left_then_how_long_to_wait() {
        let c = WellbeingStore::open_in_memory().unwrap();
        c.set_fixed_time(1_794_996_000_000, 0).unwrap();
        lock_on(&c, true);
        c.lock_now().unwrap();
        let s = c.lock_screen().unwrap();
        assert!(s.state.locked && s.state.help_now_available);
        assert_eq!(s.status, None);
        assert!(s.can_try_passcode);
        assert_eq!(
            s.biometric_label, None,
            "a store in memory has no key to release"
        );

        for left in (2..FREE_ATTEMPTS).rev() {
            c.unlock_with_passcode("0000".into()).unwrap();
            let s = c.lock_screen().unwrap();
            assert_eq!(
                s.status.as_deref(),
                Some(
                    format!("That passcode was not right. {left} more tries before a wait.")
                        .as_str()
                )
            );
        }
        c.unlock_with_passcode("0000".into()).unwrap();
        assert_eq!(
            c.lock_screen().unwrap().status,
            Some(words().unwrap().lock_screen_wrong_last.clone())
        );
        c.unlock_with_passcode("0000".into()).unwrap();
        let s = c.lock_screen().unwrap();
        assert_eq!(
            s.status.as_deref(),
            Some("Too many tries. Try again in 30 seconds.")
        );
        assert!(!s.can_try_passcode);
        assert!(s.state.locked);
    }

    #[test]
    fn the_biometric_button_is_offered_only_when_allowed_on_an_encrypted_store() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.db").to_string_lossy().into_owned();
        let key = StoreKey::Raw { bytes: vec![9; 32] };
        let c = WellbeingStore::open_encrypted(path, key.clone()).unwrap();
        lock_on(&c, false);
        c.lock_now().unwrap();
        assert_eq!(c.lock_screen().unwrap().biometric_label, None);
        assert_eq!(
            c.unlock_with_passcode("2468".into()).unwrap(),
            UnlockOutcome::Unlocked
        );
        lock_on(&c, true);
        c.lock_now().unwrap();
        let s = c.lock_screen().unwrap();
        assert!(s.biometric_label.is_some());
        assert_eq!(c.unlock_with_key(key).unwrap(), UnlockOutcome::Unlocked);
        assert!(!c.lock_screen().unwrap().state.locked);
    }
}
