//! The built cdylib really carries the core's uniffi interface: its scaffolding functions
//! (what Kotlin and Swift call) and the `UNIFFI_META_*` metadata (what uniffi-bindgen reads in
//! library mode). A re-exporting crate can silently end up with neither if the core is not
//! linked in; this test reads the library file itself.

use std::path::PathBuf;

fn library() -> PathBuf {
    // The test binary lives in target/<profile>/deps. `cargo test` leaves the cdylib beside it
    // in deps/; `cargo build` also copies it one level up. Prefer the one `cargo test` built.
    let exe = std::env::current_exe().expect("test binary path");
    let deps = exe.parent().expect("deps dir");
    let name = if cfg!(target_os = "macos") {
        "libwellbeing_ffi.dylib"
    } else if cfg!(windows) {
        "wellbeing_ffi.dll"
    } else {
        "libwellbeing_ffi.so"
    };
    let beside = deps.join(name);
    if beside.exists() {
        return beside;
    }
    deps.parent().expect("target dir").join(name)
}

#[test]
fn cdylib_exports_the_core_interface() {
    let path = library();
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let has = |s: &str| bytes.windows(s.len()).any(|w| w == s.as_bytes());
    for symbol in [
        "UNIFFI_META_COMPANION_CORE_CONSTRUCTOR_WELLBEINGSTORE_OPEN",
        "UNIFFI_META_COMPANION_CORE_METHOD_WELLBEINGSTORE_START_FLOW",
        "UNIFFI_META_COMPANION_CORE_ERROR_WELLBEINGERROR",
        "uniffi_companion_core_fn_constructor_wellbeingstore_open",
        "uniffi_companion_core_fn_method_wellbeingstore_answer_flow",
        "uniffi_companion_core_checksum_method_wellbeingstore_save_flow",
    ] {
        assert!(has(symbol), "{} lacks {symbol}", path.display());
    }
}

#[test]
fn the_rust_api_is_the_core_api() {
    let c = wellbeing_ffi::WellbeingStore::open_in_memory().unwrap();
    c.set_fixed_time(1_774_775_400_000, 60).unwrap();
    assert_eq!(c.today_date(), "2026-03-29");
}
