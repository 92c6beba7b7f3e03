//! `cargo run -p uniffi-bindgen -- generate <library> --language kotlin --out-dir <dir>`:
//! the uniffi generator at the workspace's pinned version.

fn main() {
    uniffi::uniffi_bindgen_main()
}
