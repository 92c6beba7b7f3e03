//! Compiles SQLCipher into `libsqlcipher.a` in OUT_DIR and puts it on the link path, where
//! `libsqlite3-sys` (through rusqlite's `sqlcipher` feature) asks for `-lsqlcipher`.
//!
//! The SQLite options are those `libsqlite3-sys` uses for its bundled SQLite less the
//! extensions the store does not use (see the list below: a size budget for the shipped
//! library); SQLCipher's own switches follow `libsqlite3-sys`'s `bundled-sqlcipher` build. SQLCipher's log is compiled out: it would
//! write to stderr (and logcat on Android), and no log belongs there.

use std::path::PathBuf;

/// The LibTomCrypt parts SQLCipher's provider uses (AES, CBC, SHA-1/256/512, HMAC, PBKDF2,
/// Fortuna and the system random source), and the helpers they need. The rest of the library
/// is not compiled: it would not be linked in anyway, and it would only cost build time.
const LTC_PARTS: &[&str] = &[
    "ciphers/aes/",
    "hashes/sha1.c",
    "hashes/sha2/",
    "hashes/helper/",
    "mac/hmac/",
    "misc/",
    "modes/cbc/",
    "prngs/fortuna.c",
    "prngs/rng_get_bytes.c",
    "prngs/rng_make_prng.c",
];

fn main() {
    let dir = sqlcipher_src::source_dir();
    let target = std::env::var("TARGET").unwrap_or_default();
    let apple = target.contains("-apple-");
    println!("cargo:rerun-if-changed=build.rs");
    println!(
        "cargo:rustc-env=COMPANION_SQLCIPHER_VERSION={}",
        sqlcipher_src::SQLCIPHER_VERSION
    );
    println!(
        "cargo:rustc-env=COMPANION_SQLCIPHER_PROVIDER={}",
        if apple { "commoncrypto" } else { "libtomcrypt" }
    );

    let mut sqlite = cc::Build::new();
    sqlite
        .file(dir.join(sqlcipher_src::SOURCE_FILE))
        .include(dir)
        .warnings(false)
        .cargo_metadata(false);
    for flag in [
        // As libsqlite3-sys's bundled build, less the extensions the store never uses (full
        // text search, R-tree, dbstat, soundex, column metadata, STAT4 statistics) and the
        // JSON functions (no statement of the core calls one): about a quarter of SQLite's
        // code, which every app would otherwise ship. A statement that needed one would fail
        // in the tests ("no such function/module"), never silently.
        "SQLITE_CORE",
        "SQLITE_DEFAULT_FOREIGN_KEYS=1",
        "SQLITE_ENABLE_API_ARMOR",
        "SQLITE_OMIT_JSON",
        "SQLITE_OMIT_DEPRECATED",
        "SQLITE_OMIT_SHARED_CACHE",
        "SQLITE_OMIT_COMPLETE",
        "SQLITE_OMIT_GET_TABLE",
        "SQLITE_OMIT_TCL_VARIABLE",
        "SQLITE_DEFAULT_MEMSTATUS=0",
        "SQLITE_THREADSAFE=1",
        "SQLITE_USE_URI",
        "HAVE_USLEEP=1",
        "HAVE_ISNAN",
        "HAVE_LOCALTIME_R",
        "_POSIX_THREAD_SAFE_FUNCTIONS",
        // As libsqlite3-sys's bundled-sqlcipher build.
        "SQLITE_HAS_CODEC",
        "SQLITE_TEMP_STORE=2",
        "SQLITE_EXTRA_INIT=sqlcipher_extra_init",
        "SQLITE_EXTRA_SHUTDOWN=sqlcipher_extra_shutdown",
        "HAVE_STDINT_H=1",
        // Ours: no extension loading (nothing here loads one), and no SQLCipher log.
        "SQLITE_OMIT_LOAD_EXTENSION",
        "SQLCIPHER_OMIT_LOG",
        "SQLITE_OMIT_UTF16",
        "SQLITE_OMIT_DECLTYPE",
        "SQLITE_OMIT_PROGRESS_CALLBACK",
        "SQLITE_OMIT_AUTHORIZATION",
        "SQLITE_OMIT_INTROSPECTION_PRAGMAS",
        "SQLITE_UNTESTABLE",
    ] {
        match flag.split_once('=') {
            Some((k, v)) => sqlite.define(k, v),
            None => sqlite.define(flag, None),
        };
    }
    let mut objects = Vec::new();
    if apple {
        sqlite.define("SQLCIPHER_CRYPTO_CC", None);
        println!("cargo:rustc-link-lib=framework=Security");
        println!("cargo:rustc-link-lib=framework=CoreFoundation");
    } else {
        let headers = dir.join(sqlcipher_src::LIBTOMCRYPT_INCLUDE_DIR);
        sqlite
            .define("SQLCIPHER_CRYPTO_LIBTOMCRYPT", None)
            .include(&headers);
        let mut ltc = cc::Build::new();
        ltc.include(&headers)
            .define("LTC_SOURCE", None)
            .define("LTC_NO_TEST", None)
            .warnings(false)
            .cargo_metadata(false);
        // Fortuna is seeded from /dev/urandom (LibTomCrypt's default on Unix, Android
        // included): the file must stay readable, so LTC_NO_FILE is not set.
        let mut n = 0;
        for src in sqlcipher_src::LIBTOMCRYPT_SOURCES {
            let rel = src.trim_start_matches("libtomcrypt/");
            if LTC_PARTS.iter().any(|p| rel.starts_with(p)) {
                ltc.file(dir.join(src));
                n += 1;
            }
        }
        assert!(n > 20, "LibTomCrypt sources not found in sqlcipher-src");
        ltc.flag_if_supported("-fno-asynchronous-unwind-tables")
            .flag_if_supported("-fno-unwind-tables");
        objects.extend(ltc.compile_intermediates());
    }
    // No unwind tables for the C: nothing unwinds through it (rusqlite catches a panic in each
    // callback it hands SQLite, and an `extern "C"` function aborts rather than unwind), and
    // the tables were a table entry for every C function in the library's `.eh_frame`.
    sqlite
        .flag_if_supported("-fno-asynchronous-unwind-tables")
        .flag_if_supported("-fno-unwind-tables");
    objects.extend(sqlite.compile_intermediates());
    cc::Build::new()
        .objects(objects)
        .cargo_metadata(false)
        .compile("sqlcipher");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    println!("cargo:rustc-link-search=native={}", out.display());
}
