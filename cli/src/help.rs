//! "Help now": crisis contacts and the person's safety plan, one key away on every screen.
//!
//! The contacts come from the core's `crisis_contacts()`, which needs no database, so this
//! screen still works when the data file cannot be opened.

use companion_core::Companion;

/// The help-now screen as text. `c` is `None` when the store could not be opened: the
/// contacts are still shown, the safety plan is not.
pub fn text(_c: Option<&Companion>) -> String {
    // Filled from the core's safety module once it lands on main.
    String::from("\nHELP NOW\n")
}

/// The same as data, for `--json`.
pub fn data(_c: Option<&Companion>) -> serde_json::Value {
    serde_json::json!({})
}
