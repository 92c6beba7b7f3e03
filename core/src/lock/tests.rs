use super::*;
use crate::WellbeingError;

const T0: i64 = 1_795_422_600_000;

fn store_at(dir: &std::path::Path, key: Option<StoreKey>) -> std::sync::Arc<WellbeingStore> {
    let path = dir.join("lock.db");
    let clock = std::sync::Arc::new(crate::FixedClock::new(T0, 0).unwrap());
    match key {
        Some(k) => WellbeingStore::open_encrypted_with_clock(path, k, clock).unwrap(),
        None => WellbeingStore::open_with_clock(path, clock).unwrap(),
    }
}

fn raw(n: u8) -> StoreKey {
    StoreKey::Raw { bytes: vec![n; 32] }
}

fn on(minutes: u32, code: Option<&str>, biometric: bool) -> LockSettingsInput {
    LockSettingsInput {
        enabled: true,
        background_minutes: minutes,
        new_passcode: code.map(str::to_string),
        biometric_allowed: biometric,
    }
}

fn at(c: &WellbeingStore, ms: i64) {
    c.set_fixed_time(ms, 0).unwrap();
}

#[test]
fn locks_after_its_minutes_in_the_background_and_not_before() {
    let dir = tempfile::tempdir().unwrap();
    let c = store_at(dir.path(), None);
    assert!(!c.lock_state().unwrap().locked, "off by default");
    c.set_lock_settings(on(5, Some("2468"), false)).unwrap();
    assert!(
        !c.lock_state().unwrap().locked,
        "turning it on does not lock at once"
    );

    c.app_went_to_background();
    at(&c, T0 + 4 * 60_000 + 59_000);
    assert!(!c.app_came_to_foreground().unwrap().locked, "4:59 away");

    c.app_went_to_background();
    at(&c, T0 + 4 * 60_000 + 59_000 + 5 * 60_000);
    let s = c.app_came_to_foreground().unwrap();
    assert!(s.locked && s.help_now_available, "5:00 away: {s:?}");
    // Help now is never refused while locked.
    assert!(!c.help_now().unwrap().contacts.is_empty());
    assert!(!crate::help_now_without_store(None).contacts.is_empty());
    // Settings cannot be changed behind the lock.
    assert!(matches!(
        c.set_lock_settings(on(0, None, true)),
        Err(WellbeingError::OutOfOrder { .. })
    ));
    assert_eq!(
        c.unlock_with_passcode("2468".into()).unwrap(),
        UnlockOutcome::Unlocked
    );
    assert!(!c.lock_state().unwrap().locked);
}

#[test]
fn the_lock_needs_a_passcode_and_keeps_it_secret() {
    let dir = tempfile::tempdir().unwrap();
    let c = store_at(dir.path(), None);
    match c.set_lock_settings(on(1, None, true)) {
        Err(WellbeingError::InvalidInput { field, .. }) => assert_eq!(field, "passcode"),
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        c.set_lock_settings(on(1, Some("12"), false)),
        Err(WellbeingError::InvalidInput { .. })
    ));
    assert!(matches!(
        c.set_lock_settings(on(61, Some("1234"), false)),
        Err(WellbeingError::InvalidInput { .. })
    ));
    let s = c.set_lock_settings(on(1, Some("1357"), false)).unwrap();
    assert!(s.enabled && s.has_passcode);
    // Stored as a salted hash: the passcode is nowhere in the row, and never in a backup.
    let (salt, hash): (Vec<u8>, Vec<u8>) = c
        .read(|conn| {
            Ok(conn.query_row(
                "SELECT passcode_salt, passcode_hash FROM app_lock",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?)
        })
        .unwrap();
    assert_eq!((salt.len(), hash.len()), (16, 32));
    assert!(!hash.windows(4).any(|w| w == b"1357"));
    let backup = c.export_backup().unwrap();
    assert!(
        !backup.contains("app_lock"),
        "device state stays out of backups"
    );
    // A cold start with the lock on starts locked.
    drop(c);
    let again = store_at(dir.path(), None);
    assert!(again.lock_state().unwrap().locked);
}

#[test]
fn wrong_passcodes_wait_longer_and_the_wait_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let c = store_at(dir.path(), None);
    c.set_lock_settings(on(0, Some("9999"), false)).unwrap();
    c.lock_now().unwrap();
    for i in 1..FREE_ATTEMPTS {
        match c.unlock_with_passcode("0000".into()).unwrap() {
            UnlockOutcome::Wrong {
                attempts_before_wait,
                retry_after_seconds: 0,
            } => assert_eq!(attempts_before_wait, FREE_ATTEMPTS - i),
            other => panic!("attempt {i}: {other:?}"),
        }
    }
    assert_eq!(
        c.unlock_with_passcode("0000".into()).unwrap(),
        UnlockOutcome::Wrong {
            attempts_before_wait: 0,
            retry_after_seconds: 30
        }
    );
    // During the wait even the right passcode is not checked.
    assert_eq!(
        c.unlock_with_passcode("9999".into()).unwrap(),
        UnlockOutcome::Wait {
            retry_after_seconds: 30
        }
    );
    // Killing the app does not reset the count or the wait.
    drop(c);
    let c = store_at(dir.path(), None);
    at(&c, T0 + 10_000);
    assert_eq!(c.lock_state().unwrap().retry_after_seconds, 20);
    assert!(matches!(
        c.unlock_with_passcode("9999".into()).unwrap(),
        UnlockOutcome::Wait { .. }
    ));
    at(&c, T0 + 31_000);
    // The next wrong one doubles the wait.
    assert_eq!(
        c.unlock_with_passcode("1111".into()).unwrap(),
        UnlockOutcome::Wrong {
            attempts_before_wait: 0,
            retry_after_seconds: 60
        }
    );
    at(&c, T0 + 92_000);
    assert_eq!(
        c.unlock_with_passcode("9999".into()).unwrap(),
        UnlockOutcome::Unlocked
    );
    let s = c.lock_state().unwrap();
    assert_eq!(
        (s.locked, s.failed_attempts, s.retry_after_seconds),
        (false, 0, 0)
    );
}

#[test]
fn the_biometric_prompt_unlocks_only_with_the_stores_own_key() {
    let dir = tempfile::tempdir().unwrap();
    let c = store_at(dir.path(), Some(raw(7)));
    c.set_lock_settings(on(0, Some("2580"), false)).unwrap();
    c.lock_now().unwrap();
    assert_eq!(
        c.unlock_with_key(raw(7)).unwrap(),
        UnlockOutcome::BiometricUnavailable,
        "not allowed in the settings"
    );
    assert_eq!(
        c.unlock_with_passcode("2580".into()).unwrap(),
        UnlockOutcome::Unlocked
    );
    c.set_lock_settings(on(0, None, true)).unwrap();
    c.lock_now().unwrap();
    assert!(matches!(
        c.unlock_with_key(raw(8)).unwrap(),
        UnlockOutcome::Wrong { .. }
    ));
    assert!(c.lock_state().unwrap().locked);
    assert_eq!(c.unlock_with_key(raw(7)).unwrap(), UnlockOutcome::Unlocked);
    assert!(!c.lock_state().unwrap().locked);

    // A plain store has no key for the prompt to release.
    let plain_dir = tempfile::tempdir().unwrap();
    let p = store_at(plain_dir.path(), None);
    p.set_lock_settings(on(0, Some("2580"), true)).unwrap();
    p.lock_now().unwrap();
    assert_eq!(
        p.unlock_with_key(raw(7)).unwrap(),
        UnlockOutcome::BiometricUnavailable
    );
}
