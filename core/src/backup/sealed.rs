//! Backups sealed with a passphrase: the plain backup document (`docs/backup-format.md`)
//! encrypted whole, in a small JSON envelope that says how (`docs/backup-format.md`,
//! "Sealed backups"):
//!
//! ```json
//! {"format": "wellbeing-companion-sealed-backup", "format_version": 1,
//!  "kdf": {"name": "argon2id", "version": 19, "m_kib": 19456, "t": 2, "p": 1, "salt": "…"},
//!  "aead": "chacha20poly1305", "nonce": "…", "ciphertext": "…"}
//! ```
//!
//! Every field but the ciphertext is authenticated with it (as associated data), so a file
//! whose parameters were changed does not open. Opening is checked whole before the plain
//! document is handed to the ordinary import, which checks and merges it as always.

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use serde::{Deserialize, Serialize};

use super::format::{ImportReport, MAX_DOCUMENT_BYTES};
use crate::error::{ApiResult, Error, Result};
use crate::seal::{self, KdfParams};
use crate::store::WellbeingStore;

pub(crate) const FORMAT: &str = "wellbeing-companion-sealed-backup";
pub(crate) const FORMAT_VERSION: i64 = 1;
/// Largest sealed file read: a whole plain document, in Base64, with its envelope.
pub(crate) const MAX_SEALED_BYTES: usize = MAX_DOCUMENT_BYTES / 3 * 4 + 4096;

const FIELD: &str = "backup";

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Envelope {
    format: String,
    format_version: i64,
    kdf: Kdf,
    aead: String,
    nonce: String,
    ciphertext: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Kdf {
    name: String,
    version: u32,
    m_kib: u32,
    t: u32,
    p: u32,
    salt: String,
}

fn not_readable() -> Error {
    Error::invalid(FIELD, crate::rules::RuleCode::NotReadable)
}

/// The associated data: every envelope field but the ciphertext, in a fixed order.
fn aad(e: &Envelope) -> Vec<u8> {
    format!(
        "{}\n{}\n{}\n{}\n{}\n{}\n{}\n{}\n{}",
        e.format,
        e.format_version,
        e.kdf.name,
        e.kdf.version,
        e.kdf.m_kib,
        e.kdf.t,
        e.kdf.p,
        e.kdf.salt,
        e.aead
    )
    .into_bytes()
    .into_iter()
    .chain(e.nonce.bytes())
    .collect()
}

/// True when `text` is a sealed backup's envelope (of any version), so a plain import can
/// say it needs its passphrase rather than that it is not a backup.
pub(crate) fn is_sealed(text: &str) -> bool {
    let head: String = text.chars().take(200).collect();
    head.contains(FORMAT)
        && serde_json::from_str::<serde_json::Value>(text)
            .ok()
            .and_then(|v| {
                v.get("format")
                    .and_then(|f| f.as_str())
                    .map(|f| f == FORMAT)
            })
            .unwrap_or(false)
}

/// Seals a plain backup document.
pub(crate) fn seal_document(doc: &str, passphrase: &str) -> Result<String> {
    seal::check_passphrase(passphrase)?;
    let salt = seal::random::<{ seal::SALT_BYTES }>()?;
    let params = seal::KDF_DEFAULT;
    let key = seal::derive(passphrase.as_bytes(), &salt, params, FIELD)?;
    let mut e = Envelope {
        format: FORMAT.into(),
        format_version: FORMAT_VERSION,
        kdf: Kdf {
            name: "argon2id".into(),
            version: 19,
            m_kib: params.m_kib,
            t: params.t,
            p: params.p,
            salt: B64.encode(salt),
        },
        aead: "chacha20poly1305".into(),
        nonce: String::new(),
        ciphertext: String::new(),
    };
    // The nonce is part of the associated data, so it is drawn first.
    let nonce = seal::random::<{ seal::NONCE_BYTES }>()?;
    e.nonce = B64.encode(nonce);
    let sealed = seal::encrypt_with_nonce(&key, &nonce, doc.as_bytes(), &aad(&e))?;
    e.ciphertext = B64.encode(sealed);
    Ok(serde_json::to_string_pretty(&e)?)
}

/// Opens a sealed backup: the plain document, or `WrongKey` (wrong passphrase, or a changed
/// file), or `InvalidInput { field: "backup" }` for anything that is not a sealed backup this
/// app reads. Nothing here touches the store.
pub(crate) fn open_document(text: &str, passphrase: &str) -> Result<zeroize::Zeroizing<String>> {
    if text.len() > MAX_SEALED_BYTES {
        return Err(Error::invalid_limit(
            FIELD,
            crate::rules::RuleCode::TooLong,
            MAX_SEALED_BYTES as i64,
        ));
    }
    let v: serde_json::Value = serde_json::from_str(text).map_err(|_| not_readable())?;
    if v.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(not_readable());
    }
    match v.get("format_version").and_then(|f| f.as_i64()) {
        Some(n) if n > FORMAT_VERSION => {
            return Err(Error::invalid(FIELD, crate::rules::RuleCode::TooNew))
        }
        Some(FORMAT_VERSION) => {}
        _ => return Err(not_readable()),
    }
    let e: Envelope = serde_json::from_value(v).map_err(|_| not_readable())?;
    if e.kdf.name != "argon2id" || e.kdf.version != 19 || e.aead != "chacha20poly1305" {
        return Err(not_readable());
    }
    let salt = B64.decode(&e.kdf.salt).map_err(|_| not_readable())?;
    let nonce = B64.decode(&e.nonce).map_err(|_| not_readable())?;
    let sealed = B64.decode(&e.ciphertext).map_err(|_| not_readable())?;
    if salt.len() != seal::SALT_BYTES || nonce.len() != seal::NONCE_BYTES {
        return Err(not_readable());
    }
    let params = KdfParams {
        m_kib: e.kdf.m_kib,
        t: e.kdf.t,
        p: e.kdf.p,
    };
    let key = seal::derive(passphrase.as_bytes(), &salt, params, FIELD)?;
    let plain = seal::decrypt(&key, &nonce, &sealed, &aad(&e))?;
    let doc = String::from_utf8(plain.to_vec()).map_err(|_| not_readable())?;
    Ok(zeroize::Zeroizing::new(doc))
}

fn read_file(path: &str, limit: usize) -> Result<String> {
    let meta = std::fs::metadata(path)?;
    if meta.len() > limit as u64 {
        return Err(Error::invalid_limit(
            FIELD,
            crate::rules::RuleCode::TooLong,
            limit as i64,
        ));
    }
    String::from_utf8(std::fs::read(path)?).map_err(|_| not_readable())
}

#[cfg_attr(feature = "ffi", uniffi::export)]
impl WellbeingStore {
    /// The whole store as a backup sealed with `passphrase` (at least 8 characters): the
    /// backup document encrypted with ChaCha20-Poly1305 under an Argon2id key, in the
    /// envelope of `docs/backup-format.md`.
    pub fn export_sealed_backup(&self, passphrase: String) -> ApiResult<String> {
        let doc = zeroize::Zeroizing::new(self.export_backup()?);
        Ok(seal_document(&doc, &passphrase)?)
    }

    /// Writes a sealed backup to `path`: a new file readable by its owner only (an existing
    /// one is never overwritten; a write that fails leaves no file). Returns its size.
    pub fn export_sealed_backup_to_file(&self, path: String, passphrase: String) -> ApiResult<u64> {
        let text = self.export_sealed_backup(passphrase)?;
        let p = std::path::Path::new(&path);
        let mut f = crate::store::new_private_file(p)?;
        use std::io::Write;
        if let Err(e) = f.write_all(text.as_bytes()).and_then(|_| f.sync_all()) {
            drop(f);
            let _ = std::fs::remove_file(p);
            return Err(Error::Io(e).into());
        }
        Ok(text.len() as u64)
    }

    /// Opens a sealed backup with `passphrase` and imports it as `import_backup` does (a
    /// plain backup is imported as it is). `WrongKey` when the passphrase does not open it;
    /// nothing is changed then, nor when the document inside is refused.
    pub fn import_sealed_backup(
        &self,
        text: String,
        passphrase: String,
    ) -> ApiResult<ImportReport> {
        if !is_sealed(&text) {
            return self.import_backup(text);
        }
        let doc = open_document(&text, &passphrase)?;
        self.import_backup(doc.to_string())
    }

    /// Reads a sealed (or plain) backup file and imports it as
    /// [`WellbeingStore::import_sealed_backup`].
    pub fn import_sealed_backup_from_file(
        &self,
        path: String,
        passphrase: String,
    ) -> ApiResult<ImportReport> {
        let text = read_file(&path, MAX_SEALED_BYTES)?;
        self.import_sealed_backup(text, passphrase)
    }
}
