//! Encryption at rest: SQLCipher keys, and changing a store's key without losing anything.
//!
//! A store is either plain SQLite or a SQLCipher file (AES-256-CBC per page with an
//! HMAC-SHA512 on every page; SQLCipher 4's defaults). Its key is one of:
//!
//! - a raw 32-byte key ([`StoreKey::Raw`]): what the Android Keystore / iOS Keychain keeps
//!   for the app, handed over by the shell. Used as it is: no key derivation;
//! - a passphrase ([`StoreKey::Passphrase`]): what a person types in the terminal shell.
//!   SQLCipher stretches it with PBKDF2-HMAC-SHA512, 256,000 iterations and a random
//!   16-byte salt kept in the file's first bytes (its standard KDF; the file opens in any
//!   SQLCipher 4 tool with the same passphrase).
//!
//! Turning encryption on, changing the key and turning it off are one operation
//! ([`change_key`]): the whole store is exported with `sqlcipher_export` into a new private
//! file beside it, that file is flushed to disk and then renamed over the store. A process
//! killed at any moment leaves either the old file with the old key or the new file with the
//! new key, never a mix; a half-written new file is removed at the next open.

use std::io::Read;
use std::path::{Path, PathBuf};

use rusqlite::Connection;
use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::rules::RuleCode;

/// The key of an encrypted store.
#[derive(Clone, PartialEq, Eq, serde::Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum StoreKey {
    /// 32 random bytes, kept by the platform keystore (Android Keystore, iOS Keychain).
    Raw { bytes: Vec<u8> },
    /// A passphrase a person types; stretched by SQLCipher's PBKDF2-HMAC-SHA512.
    Passphrase { passphrase: String },
}

/// Never shows the key itself, not even in a debug log.
impl std::fmt::Debug for StoreKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreKey::Raw { .. } => f.write_str("StoreKey::Raw(..)"),
            StoreKey::Passphrase { .. } => f.write_str("StoreKey::Passphrase(..)"),
        }
    }
}

/// Length of a raw key.
pub const RAW_KEY_BYTES: usize = 32;
/// Longest passphrase accepted, in bytes.
pub const MAX_PASSPHRASE_BYTES: usize = 1024;
/// Shortest passphrase accepted, in characters.
pub const MIN_PASSPHRASE_CHARS: usize = 8;

/// What a store file is, read from its first bytes without opening it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum StoreEncryption {
    /// No file there, or an empty one: opening makes a new store (encrypted if a key is given).
    NoStore,
    /// A plain SQLite file: opens without a key.
    Plain,
    /// Not plain SQLite and shaped like a SQLCipher file: needs its key.
    Encrypted,
}

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// Reads what the file at `path` is. A SQLCipher file is whole pages (a multiple of 512
/// bytes) that look random from the first byte (a random salt, then ciphertext); anything
/// else that is not plain SQLite is `Plain` here, so opening it finds it damaged and sets
/// it aside as before. Random-looking: at least 160 different byte values in the first
/// kilobyte, where random bytes give about 251 and text or a repeated byte far fewer.
pub(crate) fn file_encryption(path: &Path) -> StoreEncryption {
    let Ok(mut f) = std::fs::File::open(path) else {
        return StoreEncryption::NoStore;
    };
    let len = f.metadata().map(|m| m.len()).unwrap_or(0);
    if len == 0 {
        return StoreEncryption::NoStore;
    }
    let mut head = vec![0u8; len.min(1024) as usize];
    if f.read_exact(&mut head).is_err() || head.len() < 16 {
        return StoreEncryption::Plain;
    }
    let mut seen = [false; 256];
    for b in &head {
        seen[*b as usize] = true;
    }
    let distinct = seen.iter().filter(|s| **s).count();
    if head.starts_with(SQLITE_MAGIC) || len % 512 != 0 || distinct < 160 {
        StoreEncryption::Plain
    } else {
        StoreEncryption::Encrypted
    }
}

/// Checks a key's shape: a raw key of exactly 32 bytes, or a passphrase of 8 to 1024 bytes
/// with no control characters (a NUL would cut it short in C).
pub(crate) fn check_key(key: &StoreKey) -> Result<()> {
    match key {
        StoreKey::Raw { bytes } if bytes.len() != RAW_KEY_BYTES => Err(Error::invalid_limit(
            "key",
            RuleCode::OutOfRange,
            RAW_KEY_BYTES as i64,
        )),
        StoreKey::Raw { .. } => Ok(()),
        StoreKey::Passphrase { passphrase: p } => {
            if p.chars().count() < MIN_PASSPHRASE_CHARS {
                Err(Error::invalid_limit(
                    "passphrase",
                    RuleCode::TooShort,
                    MIN_PASSPHRASE_CHARS as i64,
                ))
            } else if p.len() > MAX_PASSPHRASE_BYTES {
                Err(Error::invalid_limit(
                    "passphrase",
                    RuleCode::TooLong,
                    MAX_PASSPHRASE_BYTES as i64,
                ))
            } else if p.chars().any(char::is_control) {
                Err(Error::invalid("passphrase", RuleCode::ControlCharacters))
            } else {
                Ok(())
            }
        }
    }
}

/// The key as SQLCipher takes it in `PRAGMA key` and `ATTACH … KEY`: a raw key as the blob
/// literal `x'…'` (used directly, no derivation), a passphrase as it is (derived by PBKDF2).
fn key_text(key: &StoreKey) -> Zeroizing<String> {
    match key {
        StoreKey::Raw { bytes } => {
            let mut s = Zeroizing::new(String::with_capacity(3 + 2 * bytes.len()));
            s.push_str("x'");
            for b in bytes {
                s.push(char::from_digit((b >> 4) as u32, 16).unwrap_or('0'));
                s.push(char::from_digit((b & 15) as u32, 16).unwrap_or('0'));
            }
            s.push('\'');
            s
        }
        StoreKey::Passphrase { passphrase } => Zeroizing::new(passphrase.clone()),
    }
}

/// Gives the connection its key: the first statement on it, before anything is read.
pub(crate) fn apply_key(conn: &Connection, key: &StoreKey) -> Result<()> {
    let text = key_text(key);
    conn.pragma_update(None, "key", &*text)?;
    Ok(())
}

/// The new file a key change writes before it is renamed over the store.
pub(crate) fn pending_path(path: &Path) -> PathBuf {
    PathBuf::from(format!("{}.rekey-new", path.display()))
}

/// A file a key change left half-written when its process was killed: the store itself was
/// never touched, so it is removed (with any side files SQLite made for it).
pub(crate) fn remove_pending(path: &Path) {
    let pending = pending_path(path);
    for p in [
        pending.clone(),
        PathBuf::from(format!("{}-journal", pending.display())),
    ] {
        if p.exists() {
            let _ = std::fs::remove_file(&p);
        }
    }
}

fn side(path: &Path, ext: &str) -> PathBuf {
    PathBuf::from(format!("{}{ext}", path.display()))
}

/// Flushes a directory entry (a rename) to disk: on Unix a rename is durable only once its
/// folder is synced.
fn sync_dir(path: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        let dir = path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::File::open(dir)?.sync_all()?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Rewrites the store at `path` (open on `conn`) under `new_key` (`None`: plain SQLite),
/// then opens it again on `conn` with `reopen`. See the module comment for why nothing can
/// be lost on the way.
///
/// Refused with a storage error, changing nothing, when another connection (another process)
/// has the store open: its write-ahead log would belong to the old file.
pub(crate) fn change_key(
    conn: &mut Connection,
    path: &Path,
    old_key: Option<&StoreKey>,
    new_key: Option<&StoreKey>,
    reopen: impl Fn(Option<&StoreKey>) -> Result<Connection>,
) -> Result<()> {
    if let Some(k) = new_key {
        check_key(k)?;
    }
    let pending = pending_path(path);
    remove_pending(path);
    let pending_str = pending
        .to_str()
        .ok_or_else(|| Error::invalid("path", RuleCode::ControlCharacters))?
        .to_string();
    // Private from its first byte, like the store.
    drop(super::new_private_file(&pending)?);
    let exported = (|| -> Result<()> {
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        let text = new_key.map(key_text).unwrap_or_default();
        conn.execute(
            "ATTACH DATABASE ?1 AS rekey_new KEY ?2",
            [&pending_str, &*text],
        )?;
        let copied = (|| -> Result<()> {
            // The new file is nobody's until it is complete, flushed and renamed: it needs no
            // journal of its own, and one flush at the end instead of one per table.
            conn.query_row("PRAGMA rekey_new.journal_mode = OFF", [], |_| Ok(()))?;
            conn.execute_batch("PRAGMA rekey_new.synchronous = OFF")?;
            conn.query_row("SELECT sqlcipher_export('rekey_new')", [], |_| Ok(()))?;
            // sqlcipher_export copies the schema and every row, not the header's numbers.
            let version: i64 = conn.query_row("PRAGMA main.user_version", [], |r| r.get(0))?;
            let app: i64 = conn.query_row("PRAGMA main.application_id", [], |r| r.get(0))?;
            conn.execute_batch(&format!(
                "PRAGMA rekey_new.user_version = {version}; PRAGMA rekey_new.application_id = {app};"
            ))?;
            let verdict: String =
                conn.query_row("PRAGMA rekey_new.quick_check(1)", [], |r| r.get(0))?;
            if verdict != "ok" {
                return Err(Error::internal("the re-encrypted copy failed its check"));
            }
            Ok(())
        })();
        conn.execute_batch("DETACH DATABASE rekey_new")?;
        copied?;
        std::fs::OpenOptions::new()
            .write(true)
            .open(&pending)?
            .sync_all()?;
        Ok(())
    })();
    if let Err(e) = exported {
        remove_pending(path);
        return Err(e);
    }
    // Close the store: as the last connection, SQLite checkpoints and removes its log.
    let old = std::mem::replace(conn, Connection::open_in_memory()?);
    if let Err((c, e)) = old.close() {
        *conn = c;
        remove_pending(path);
        return Err(e.into());
    }
    if side(path, "-wal").exists() {
        // Someone else has it open: their log belongs to the old file. Nothing changed.
        remove_pending(path);
        *conn = reopen(old_key)?;
        return Err(Error::Io(std::io::Error::new(
            std::io::ErrorKind::ResourceBusy,
            "the store is open in another program",
        )));
    }
    let _ = std::fs::remove_file(side(path, "-shm"));
    std::fs::rename(&pending, path)?;
    sync_dir(path)?;
    *conn = reopen(new_key)?;
    Ok(())
}
