//! SQLCipher, built for the core: no Rust code of its own.
//!
//! `rusqlite` (feature `sqlcipher`) links a library named `sqlcipher`; this crate's build
//! script compiles it from the `sqlcipher-src` crate and puts `libsqlcipher.a` on the link
//! path, so every binary of the workspace gets the same SQLCipher, statically linked:
//!
//! - Apple platforms: SQLCipher's CommonCrypto provider (the system's own crypto, nothing
//!   added to the app);
//! - everything else (Android, Linux, the JVM tests): SQLCipher's LibTomCrypt provider,
//!   compiled from source with only the pieces SQLCipher uses (AES-256-CBC, HMAC-SHA512,
//!   PBKDF2, SHA-1/256/512, Fortuna seeded from the system's random source).
//!
//! The README ("Encryption at rest") says why this provider and not vendored OpenSSL, with the
//! measured sizes.

/// The SQLCipher release compiled in.
pub const SQLCIPHER_VERSION: &str = env!("COMPANION_SQLCIPHER_VERSION");
/// The crypto provider compiled in: "libtomcrypt" or "commoncrypto".
pub const CRYPTO_PROVIDER: &str = env!("COMPANION_SQLCIPHER_PROVIDER");
