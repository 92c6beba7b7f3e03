//! Encryption at rest, through the public API: the key opens the store and nothing else
//! does, a refused open leaves every byte as it was, no person's words can be read in the
//! files, the key can be changed (and encryption turned on and off) without losing an entry,
//! and every file the store writes is its owner's only.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use companion_core::{
    encryption_info, store_encryption, StoreEncryption, StoreKey, WellbeingError, WellbeingStore,
};

fn raw(n: u8) -> StoreKey {
    StoreKey::Raw {
        bytes: (0..32u8)
            .map(|i| i.wrapping_mul(n).wrapping_add(n))
            .collect(),
    }
}

fn pass(p: &str) -> StoreKey {
    StoreKey::Passphrase {
        passphrase: p.to_string(),
    }
}

/// Every file in `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_file())
        .map(|e| (e.path(), std::fs::read(e.path()).unwrap()))
        .collect()
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// The longest run of printable ASCII (what `strings` prints, runs of 4 or more).
fn longest_printable_run(b: &[u8]) -> usize {
    let (mut best, mut run) = (0, 0);
    for &c in b {
        if (0x20..0x7f).contains(&c) || c == b'\t' {
            run += 1;
            best = best.max(run);
        } else {
            run = 0;
        }
    }
    best
}

/// Every note stored, read back through a backup document (every table, every row).
fn notes(c: &WellbeingStore) -> Vec<String> {
    let doc: serde_json::Value = serde_json::from_str(&c.export_backup().unwrap()).unwrap();
    let mut out = vec![];
    for rows in doc["tables"].as_object().unwrap().values() {
        for row in rows.as_array().unwrap() {
            if let Some(n) = row.get("note").and_then(|n| n.as_str()) {
                out.push(n.to_string());
            }
        }
    }
    out
}

#[test]
fn the_provider_compiled_in_is_sqlcipher_with_libtomcrypt_here() {
    let info = encryption_info();
    assert_eq!(info.crypto_provider, "libtomcrypt");
    assert!(info.sqlcipher_version.starts_with("4."), "{info:?}");
    // And it is what the linked library really runs (not a system SQLite without a codec).
    let dir = tempfile::tempdir().unwrap();
    let c = rusqlite::Connection::open(dir.path().join("p.db")).unwrap();
    c.pragma_update(None, "key", "probe passphrase").unwrap();
    let provider: String = c
        .query_row("PRAGMA cipher_provider", [], |r| r.get(0))
        .unwrap();
    assert_eq!(provider, "libtomcrypt");
}

#[test]
fn a_wrong_or_missing_key_is_a_typed_error_and_every_byte_stays() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    let p = path.display().to_string();
    {
        let c = WellbeingStore::open_encrypted(p.clone(), raw(3)).unwrap();
        c.scaling_check_in(6, Some("kept safe".into())).unwrap();
    }
    assert_eq!(store_encryption(p.clone()), StoreEncryption::Encrypted);
    let before = snapshot(dir.path());
    for (what, got) in [
        (
            "other raw key",
            WellbeingStore::open_encrypted(p.clone(), raw(4)).err(),
        ),
        (
            "a passphrase",
            WellbeingStore::open_encrypted(p.clone(), pass("not the key at all")).err(),
        ),
    ] {
        assert_eq!(got, Some(WellbeingError::WrongKey), "{what}");
        assert_eq!(snapshot(dir.path()), before, "{what}: files changed");
    }
    assert_eq!(
        WellbeingStore::open(p.clone()).err(),
        Some(WellbeingError::KeyRequired)
    );
    assert_eq!(snapshot(dir.path()), before, "no key: files changed");
    // Help now still shows the crisis contacts; the plan cannot be read without the key.
    let help = companion_core::help_now_without_store(Some(p.clone()));
    assert!(!help.contacts.is_empty());
    assert_eq!(snapshot(dir.path()), before);
    // A key that is not a key is refused before the file is touched.
    assert!(matches!(
        WellbeingStore::open_encrypted(p.clone(), StoreKey::Raw { bytes: vec![1; 31] }),
        Err(WellbeingError::InvalidInput { .. })
    ));
    let c = WellbeingStore::open_encrypted(p.clone(), raw(3)).unwrap();
    assert_eq!(notes(&c), vec!["kept safe".to_string()]);
    // A key for a plain store is refused too, and it is left as it was.
    let plain = dir.path().join("plain.db").display().to_string();
    drop(WellbeingStore::open(plain.clone()).unwrap());
    let plain_before = std::fs::read(&plain).unwrap();
    assert_eq!(
        WellbeingStore::open_encrypted(plain.clone(), raw(3)).err(),
        Some(WellbeingError::NotEncrypted)
    );
    assert_eq!(std::fs::read(&plain).unwrap(), plain_before);
    assert_eq!(store_encryption(plain), StoreEncryption::Plain);
}

#[test]
fn no_persons_words_are_readable_in_the_encrypted_files() {
    let marker = "zebra-lantern-8841";
    for encrypted in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("m.db").display().to_string();
        let c = if encrypted {
            WellbeingStore::open_encrypted(p.clone(), pass("a long passphrase")).unwrap()
        } else {
            WellbeingStore::open(p.clone()).unwrap()
        };
        c.scaling_check_in(4, Some(format!("felt {marker} today")))
            .unwrap();
        // While open (the entry is in the write-ahead log) and after closing.
        let open_files = snapshot(dir.path());
        let copy = dir.path().join("copy.db");
        c.save_copy(copy.display().to_string()).unwrap();
        drop(c);
        let mut all = open_files.into_values().collect::<Vec<_>>();
        all.extend(snapshot(dir.path()).into_values());
        let seen = all.iter().any(|b| contains(b, marker.as_bytes()));
        // The plain store is the control: the search does find words when they are there.
        assert_eq!(seen, !encrypted, "encrypted: {encrypted}");
        // What `strings` would print: in random bytes, runs of a few characters by chance;
        // in the plain store, the schema and the note (the control).
        let longest = all.iter().map(|b| longest_printable_run(b)).max().unwrap();
        if encrypted {
            assert!(
                longest < 24,
                "a {longest}-character printable run in an encrypted file"
            );
        } else {
            assert!(longest > 100, "the control should hold text: {longest}");
        }
        if encrypted {
            // The copy is encrypted with the same key, not a plain export.
            assert_eq!(
                WellbeingStore::open(copy.display().to_string()).err(),
                Some(WellbeingError::KeyRequired)
            );
            let again = WellbeingStore::open_encrypted(
                copy.display().to_string(),
                pass("a long passphrase"),
            )
            .unwrap();
            assert_eq!(notes(&again), vec![format!("felt {marker} today")]);
        }
    }
}

#[test]
fn encryption_turned_on_changed_and_off_keeps_every_entry() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("k.db").display().to_string();
    let c = WellbeingStore::open(p.clone()).unwrap();
    c.scaling_check_in(1, Some("one".into())).unwrap();
    assert!(!c.is_encrypted());
    // On: a plain store made before encryption.
    c.change_store_key(Some(pass("first passphrase"))).unwrap();
    assert!(c.is_encrypted());
    c.scaling_check_in(2, Some("two".into())).unwrap();
    assert_eq!(store_encryption(p.clone()), StoreEncryption::Encrypted);
    drop(c);
    assert_eq!(
        WellbeingStore::open(p.clone()).err(),
        Some(WellbeingError::KeyRequired)
    );
    // Changed: a new passphrase, then a keystore key.
    let c = WellbeingStore::open_encrypted(p.clone(), pass("first passphrase")).unwrap();
    c.change_store_key(Some(pass("second passphrase"))).unwrap();
    c.scaling_check_in(3, Some("three".into())).unwrap();
    drop(c);
    assert_eq!(
        WellbeingStore::open_encrypted(p.clone(), pass("first passphrase")).err(),
        Some(WellbeingError::WrongKey)
    );
    let c = WellbeingStore::open_encrypted(p.clone(), pass("second passphrase")).unwrap();
    c.change_store_key(Some(raw(9))).unwrap();
    drop(c);
    let c = WellbeingStore::open_encrypted(p.clone(), raw(9)).unwrap();
    let mut got = notes(&c);
    got.sort();
    assert_eq!(got, ["one", "three", "two"]);
    assert_eq!(c.schema_version(), c.schema_version());
    // Off again.
    c.change_store_key(None).unwrap();
    drop(c);
    assert_eq!(store_encryption(p.clone()), StoreEncryption::Plain);
    let c = WellbeingStore::open(p.clone()).unwrap();
    assert_eq!(notes(&c).len(), 3);
    // Nothing is left beside the store but the store (and SQLite's own side files).
    for e in std::fs::read_dir(dir.path()).unwrap().flatten() {
        let name = e.file_name().to_string_lossy().to_string();
        assert!(name.starts_with("k.db"), "{name}");
        assert!(!name.contains("rekey"), "{name}");
    }
    // A short passphrase is refused before anything is done.
    assert!(matches!(
        c.change_store_key(Some(pass("short"))),
        Err(WellbeingError::InvalidInput { .. })
    ));
    assert!(matches!(
        WellbeingStore::open_in_memory()
            .unwrap()
            .change_store_key(Some(raw(1))),
        Err(WellbeingError::OutOfOrder { .. })
    ));
}

#[test]
fn a_key_change_with_another_handle_open_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("two.db").display().to_string();
    let a = WellbeingStore::open_encrypted(p.clone(), raw(1)).unwrap();
    let b = WellbeingStore::open_encrypted(p.clone(), raw(1)).unwrap();
    a.scaling_check_in(5, Some("before".into())).unwrap();
    assert!(matches!(
        a.change_store_key(Some(raw(2))),
        Err(WellbeingError::Storage { .. })
    ));
    // Both handles carry on with the old key.
    a.scaling_check_in(6, Some("after a".into())).unwrap();
    b.scaling_check_in(7, Some("after b".into())).unwrap();
    drop((a, b));
    let c = WellbeingStore::open_encrypted(p, raw(1)).unwrap();
    assert_eq!(notes(&c).len(), 3);
}

#[cfg(unix)]
#[test]
fn every_file_the_store_writes_is_its_owners_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("own.db").display().to_string();
    let c = WellbeingStore::open_encrypted(p.clone(), raw(5)).unwrap();
    c.scaling_check_in(5, None).unwrap();
    let check = |when: &str| {
        let mut n = 0;
        for e in std::fs::read_dir(dir.path()).unwrap().flatten() {
            let mode = e.metadata().unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{when}: {:?}", e.file_name());
            n += 1;
        }
        assert!(n > 0);
    };
    check("open, with its side files");
    c.change_store_key(Some(pass("a new passphrase"))).unwrap();
    c.scaling_check_in(6, None).unwrap();
    check("after a key change");
    c.save_copy(dir.path().join("copy.db").display().to_string())
        .unwrap();
    c.export_backup_to_file(dir.path().join("b.json").display().to_string())
        .unwrap();
    c.export_sealed_backup_to_file(
        dir.path().join("b.sealed").display().to_string(),
        "backup passphrase".into(),
    )
    .unwrap();
    check("with a copy and backups");
    drop(c);
    check("closed");
}
