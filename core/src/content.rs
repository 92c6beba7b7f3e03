//! Embedded content. Each tool's wording ships inside the core as JSON under
//! `core/content/<locale>/`, so the app needs no files or network at run time; it is parsed
//! once, on first use. A parse failure is kept and reported as an error on every use rather
//! than a panic (each module's content test makes sure a release never ships one).
//!
//! This is the ground floor: the rule wording the error type itself uses is content, so the
//! failure here is a plain [`ContentError`] that the error type takes in, not the other way
//! round.

use std::sync::OnceLock;

use serde::de::DeserializeOwned;
use serde::Deserialize;

/// A content file that could not be read: a bug of the build, never of the person's input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ContentError(pub String);

impl std::fmt::Display for ContentError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The content in `json`, parsed into `cell` on first use. `what` names it in the error.
pub(crate) fn parsed<T: DeserializeOwned>(
    cell: &'static OnceLock<std::result::Result<T, String>>,
    json: &str,
    what: &str,
) -> Result<&'static T, ContentError> {
    cell.get_or_init(|| serde_json::from_str(json).map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|e| ContentError(format!("the {what} content could not be read ({e})")))
}

/// A tool's name, one line about it, and its source: the head of every tool's content.
#[derive(Debug, Deserialize)]
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) struct ToolText {
    pub(crate) title: String,
    pub(crate) summary: String,
    pub(crate) source: String,
}

/// One step of a walk-through: what is asked, the help beside it, and its source.
#[derive(Debug, Deserialize)]
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) struct StepText {
    pub(crate) prompt: String,
    pub(crate) help: String,
    pub(crate) source: String,
}
