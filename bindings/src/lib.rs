//! # wellbeing-ffi: the core as one native library for Kotlin and Swift
//!
//! The core (`companion-core`) declares its own uniffi interface: `setup_scaffolding!`
//! ("wellbeing" namespace), `uniffi::export` on every public `impl WellbeingStore` block and
//! `uniffi::Record`/`Enum`/`Error`/`Object` derives on its public types, all behind its `ffi`
//! feature. This crate turns that feature on and links the core into a `cdylib` (Android,
//! JVM tests) and a `staticlib` (iOS). It adds nothing of its own, so a new core method or
//! type reaches Kotlin and Swift with no work here: rebuild and regenerate.
//!
//! Why a separate crate rather than crate types on the core: the core stays a plain Rust
//! library for the terminal shell and its own tests (no uniffi, no cdylib build), and the
//! mobile library's name and crate types are decided in one place.
//!
//! The core's scaffolding functions are `#[no_mangle] extern "C"` items and its metadata
//! `UNIFFI_META_*` statics are `#[no_mangle]` too; rustc exports every such item of every
//! linked crate from a cdylib, but only if the crate is actually linked, which the
//! re-export below guarantees. `bindings/tests/exports.rs` checks the symbols are there.

pub use companion_core::*;
