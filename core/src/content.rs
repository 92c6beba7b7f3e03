//! Embedded content. Each tool's wording ships inside the core as JSON under
//! `core/content/<locale>/`, so the app needs no files or network at run time; it is parsed
//! once, on first use. A parse failure is kept and reported as an error on every use rather
//! than a panic (each module's content test makes sure a release never ships one).

use std::sync::OnceLock;

use serde::de::DeserializeOwned;

use crate::error::{Error, Result};

/// The content in `json`, parsed into `cell` on first use. `what` names it in the error.
pub(crate) fn parsed<T: DeserializeOwned>(
    cell: &'static OnceLock<std::result::Result<T, String>>,
    json: &str,
    what: &str,
) -> Result<&'static T> {
    cell.get_or_init(|| serde_json::from_str(json).map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|e| Error::content_bug(format!("the {what} content could not be read ({e})")))
}
