//! Encryption at rest, the calls: open a store with its key, change the key (turning
//! encryption on or off), and tell what a file is before opening it. How it works is in
//! `store/cipher.rs`; the README's "Encryption at rest" says why SQLCipher with this provider.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use sha2::{Digest, Sha256};

use crate::clock::{Clock, SystemClock};
use crate::error::{ApiResult, Error};
use crate::store::WellbeingStore;
use crate::store::{self, StoreEncryption, StoreKey};

/// What protects an encrypted store in this build (for an "about" or settings screen).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct EncryptionInfo {
    /// The SQLCipher release compiled in, e.g. "4.19.0".
    pub sqlcipher_version: String,
    /// "libtomcrypt" (Android, Linux) or "commoncrypto" (Apple platforms).
    pub crypto_provider: String,
    /// "AES-256-CBC with HMAC-SHA512 on every page" (SQLCipher 4's defaults).
    pub cipher: String,
    /// How a passphrase is stretched: "PBKDF2-HMAC-SHA512, 256000 iterations".
    pub passphrase_kdf: String,
    /// Length of a raw key from the platform keystore (32).
    pub raw_key_bytes: u32,
    /// Shortest passphrase accepted, in characters.
    pub min_passphrase_chars: u32,
}

/// The encryption compiled into this build.
#[cfg_attr(feature = "ffi", uniffi::export)]
pub fn encryption_info() -> EncryptionInfo {
    EncryptionInfo {
        sqlcipher_version: companion_sqlcipher::SQLCIPHER_VERSION.to_string(),
        crypto_provider: companion_sqlcipher::CRYPTO_PROVIDER.to_string(),
        cipher: "AES-256-CBC with HMAC-SHA512 on every page".into(),
        passphrase_kdf: "PBKDF2-HMAC-SHA512, 256000 iterations".into(),
        raw_key_bytes: store::cipher::RAW_KEY_BYTES as u32,
        min_passphrase_chars: store::cipher::MIN_PASSPHRASE_CHARS as u32,
    }
}

/// What the file at `path` is, from its first bytes, without opening it: no store yet, a
/// plain store, or an encrypted one that needs its key. A shell asks this before opening
/// (to prompt for a passphrase, or to turn encryption on for a store made before it).
#[cfg_attr(feature = "ffi", uniffi::export)]
pub fn store_encryption(path: String) -> StoreEncryption {
    store::cipher::file_encryption(Path::new(path.trim()))
}

impl WellbeingStore {
    /// Opens the encrypted store at `path` with `key` and the given clock (Rust callers and
    /// tests).
    pub fn open_encrypted_with_clock(
        path: impl Into<PathBuf>,
        key: StoreKey,
        clock: Arc<dyn Clock>,
    ) -> ApiResult<Arc<Self>> {
        Self::open_keyed(path.into(), clock, Some(key))
    }

    /// The key this store was opened with.
    pub(crate) fn current_key(&self) -> Option<StoreKey> {
        self.key.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// True when `key` is the key this store is open with (compared by digest, so the time
    /// taken does not tell how much of it matched).
    pub(crate) fn is_current_key(&self, key: &StoreKey) -> bool {
        fn digest(k: &StoreKey) -> [u8; 32] {
            let mut h = Sha256::new();
            match k {
                StoreKey::Raw { bytes } => {
                    h.update(b"raw:");
                    h.update(bytes);
                }
                StoreKey::Passphrase { passphrase } => {
                    h.update(b"passphrase:");
                    h.update(passphrase.as_bytes());
                }
            }
            h.finalize().into()
        }
        match self.current_key() {
            Some(k) => digest(&k) == digest(key),
            None => false,
        }
    }
}

#[cfg_attr(feature = "ffi", uniffi::export)]
impl WellbeingStore {
    /// Opens (creating if needed) the encrypted store at `path` with `key`: a raw 32-byte
    /// key from the Android Keystore / iOS Keychain, or a passphrase.
    ///
    /// Fails with `WrongKey` when the key does not open the file, `NotEncrypted` when the
    /// file is a plain store (open it with `open`, then `change_store_key`), and as `open`
    /// otherwise. A refused file is left byte for byte as it was.
    #[cfg_attr(feature = "ffi", uniffi::constructor)]
    pub fn open_encrypted(path: String, key: StoreKey) -> ApiResult<Arc<Self>> {
        if path.trim().is_empty() {
            return Err(Error::invalid("path", crate::rules::RuleCode::Required).into());
        }
        Self::open_encrypted_with_clock(path, key, Arc::new(SystemClock))
    }

    /// True when the store's file is encrypted.
    pub fn is_encrypted(&self) -> bool {
        self.key.lock().unwrap_or_else(|e| e.into_inner()).is_some()
    }

    /// Rewrites the whole store under `new_key`: turns encryption on for a plain store,
    /// changes the key (a new passphrase, or a new keystore key) of an encrypted one, or
    /// with `None` turns encryption off. Everything is kept; a process killed during it
    /// leaves the store as it was before or as it is after, never in between.
    ///
    /// Only for a store in a file, and with no other handle (another process) open on it:
    /// that is refused as a storage error and nothing changes.
    pub fn change_store_key(&self, new_key: Option<StoreKey>) -> ApiResult<()> {
        let Some(path) = self.path.clone() else {
            return Err(Error::out_of_order("a store in memory has no file to encrypt").into());
        };
        let old_key = self.current_key();
        let tag = self.now().local.format("%Y%m%d-%H%M%S").to_string();
        let mut conn = self.conn();
        store::cipher::change_key(&mut conn, &path, old_key.as_ref(), new_key.as_ref(), |k| {
            store::open_file(&path, &tag, k, &crate::tables::TABLES)
        })?;
        *self.key.lock().unwrap_or_else(|e| e.into_inner()) = new_key;
        Ok(())
    }
}
