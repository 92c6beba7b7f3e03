//! Passphrase sealing for what leaves the device (a backup file, a handoff code) and the app
//! lock's passcode: Argon2id (RFC 9106) to stretch the passphrase, ChaCha20-Poly1305
//! (RFC 8439) to encrypt and authenticate, both from RustCrypto's audited crates; salts and
//! nonces from the system's random source. No cryptography is written here, only the
//! choice of parameters and the layout around them.

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use zeroize::Zeroizing;

use crate::error::{Error, Result};

/// Argon2id's cost: memory in KiB, passes, lanes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct KdfParams {
    pub m_kib: u32,
    pub t: u32,
    pub p: u32,
}

/// What this app writes: OWASP's first recommended Argon2id setting (19 MiB, 2 passes,
/// 1 lane), about a tenth of a second on a phone.
pub(crate) const KDF_DEFAULT: KdfParams = KdfParams {
    m_kib: 19_456,
    t: 2,
    p: 1,
};

/// The most a file may ask for: a forged file cannot make the app spend more than 256 MiB
/// or ten passes.
const MAX_M_KIB: u32 = 256 * 1024;
const MAX_T: u32 = 10;
const MAX_P: u32 = 4;

pub(crate) const SALT_BYTES: usize = 16;
pub(crate) const NONCE_BYTES: usize = 12;
pub(crate) const TAG_BYTES: usize = 16;

/// `N` bytes from the operating system's random source.
pub(crate) fn random<const N: usize>() -> Result<[u8; N]> {
    let mut b = [0u8; N];
    getrandom::fill(&mut b)
        .map_err(|_| Error::internal("the system's random source is not available"))?;
    Ok(b)
}

/// Argon2id of `secret` with `salt` at `params`: a 32-byte key. Parameters outside what this
/// app accepts are refused as a damaged file.
pub(crate) fn derive(
    secret: &[u8],
    salt: &[u8],
    params: KdfParams,
    field: &str,
) -> Result<Zeroizing<[u8; 32]>> {
    let fits = (1..=MAX_P).contains(&params.p)
        && (1..=MAX_T).contains(&params.t)
        && params.m_kib >= 8 * params.p
        && params.m_kib <= MAX_M_KIB
        && salt.len() >= 8;
    if !fits {
        return Err(Error::invalid(field, crate::rules::RuleCode::NotReadable));
    }
    let p = Params::new(params.m_kib, params.t, params.p, Some(32))
        .map_err(|_| Error::invalid(field, crate::rules::RuleCode::NotReadable))?;
    let mut out = Zeroizing::new([0u8; 32]);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, p)
        .hash_password_into(secret, salt, &mut out[..])
        .map_err(|_| Error::invalid(field, crate::rules::RuleCode::NotReadable))?;
    Ok(out)
}

/// Encrypts `plain` under `key` with a fresh random nonce; `aad` is authenticated too.
/// Returns the nonce and the ciphertext (with its 16-byte tag at the end).
pub(crate) fn encrypt(
    key: &[u8; 32],
    plain: &[u8],
    aad: &[u8],
) -> Result<([u8; NONCE_BYTES], Vec<u8>)> {
    let nonce = random::<NONCE_BYTES>()?;
    Ok((nonce, encrypt_with_nonce(key, &nonce, plain, aad)?))
}

/// Encrypts `plain` under `key` with `nonce` (fresh and random: every key here is derived
/// with a fresh random salt, and each nonce is drawn once).
pub(crate) fn encrypt_with_nonce(
    key: &[u8; 32],
    nonce: &[u8; NONCE_BYTES],
    plain: &[u8],
    aad: &[u8],
) -> Result<Vec<u8>> {
    let cipher = ChaCha20Poly1305::new(Key::from_slice(key));
    cipher
        .encrypt(Nonce::from_slice(nonce), Payload { msg: plain, aad })
        .map_err(|_| Error::internal("encryption failed"))
}

/// Decrypts and checks `sealed`. A tag that does not match means the passphrase is wrong
/// (or the file was changed): `WrongKey`, and nothing of it is used.
pub(crate) fn decrypt(
    key: &[u8; 32],
    nonce: &[u8],
    sealed: &[u8],
    aad: &[u8],
) -> Result<Zeroizing<Vec<u8>>> {
    if nonce.len() != NONCE_BYTES || sealed.len() < TAG_BYTES {
        return Err(Error::WrongKey);
    }
    let cipher = ChaCha20Poly1305::new(Key::from_slice(key));
    cipher
        .decrypt(Nonce::from_slice(nonce), Payload { msg: sealed, aad })
        .map(Zeroizing::new)
        .map_err(|_| Error::WrongKey)
}

/// Checks a passphrase for sealing by the same rules as a store's passphrase.
pub(crate) fn check_passphrase(passphrase: &str) -> Result<()> {
    crate::store::cipher::check_key(&crate::store::StoreKey::Passphrase {
        passphrase: passphrase.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_bytes_open_with_the_key_and_aad_only() {
        let salt = random::<SALT_BYTES>().unwrap();
        let small = KdfParams {
            m_kib: 64,
            t: 1,
            p: 1,
        };
        let k = derive(b"correct horse", &salt, small, "f").unwrap();
        let (nonce, sealed) = encrypt(&k, b"marker text", b"head").unwrap();
        assert!(!sealed.windows(6).any(|w| w == b"marker"));
        assert_eq!(
            &**decrypt(&k, &nonce, &sealed, b"head").unwrap(),
            b"marker text"
        );
        assert!(matches!(
            decrypt(&k, &nonce, &sealed, b"other"),
            Err(Error::WrongKey)
        ));
        let wrong = derive(b"correct horsf", &salt, small, "f").unwrap();
        assert!(matches!(
            decrypt(&wrong, &nonce, &sealed, b"head"),
            Err(Error::WrongKey)
        ));
        let mut bent = sealed.clone();
        bent[0] ^= 1;
        assert!(matches!(
            decrypt(&k, &nonce, &bent, b"head"),
            Err(Error::WrongKey)
        ));
    }

    #[test]
    fn a_file_cannot_ask_for_unbounded_work() {
        let salt = [0u8; 16];
        for p in [
            KdfParams {
                m_kib: MAX_M_KIB + 1,
                t: 1,
                p: 1,
            },
            KdfParams {
                m_kib: 64,
                t: MAX_T + 1,
                p: 1,
            },
            KdfParams {
                m_kib: 64,
                t: 1,
                p: 0,
            },
            KdfParams {
                m_kib: 4,
                t: 1,
                p: 1,
            },
        ] {
            assert!(
                matches!(derive(b"x", &salt, p, "f"), Err(Error::Invalid { .. })),
                "{p:?}"
            );
        }
    }
}
