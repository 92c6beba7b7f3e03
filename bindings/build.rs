//! Link flags for the shipped library alone (the cdylib; the staticlib for iOS is linked by
//! Xcode, whose Mach-O chained fixups already pack what this packs).
//!
//! Why: a position-independent library carries one relocation record (24 bytes on 64-bit) for
//! every pointer in its data: uniffi's and the content's tables, vtables, string slices. Stored
//! one by one they were 230 KiB of the stripped library, about a twentieth of it, loaded into
//! memory at every start. Packed, they take a few KiB and the loader does the same work.
//! - Linux (the JVM tests, the desktop proxy for the phone build): `-z pack-relative-relocs`,
//!   the standard DT_RELR format, read by glibc 2.36 and later (Debian 12, Ubuntu 22.10).
//! - Android: the platform's own packed format, which the loader reads from API 23; the app's
//!   minSdk is 26. (DT_RELR proper needs API 28 or more.)
fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    match (os.as_str(), env.as_str()) {
        ("android", _) => println!("cargo:rustc-cdylib-link-arg=-Wl,--pack-dyn-relocs=android"),
        ("linux", "gnu") => println!("cargo:rustc-cdylib-link-arg=-Wl,-z,pack-relative-relocs"),
        _ => {}
    }
    println!("cargo:rerun-if-changed=build.rs");
}
