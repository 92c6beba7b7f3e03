//! The backup document's fixed parts: its name, its version, its limits, and the reports
//! an import and a CSV export give back.

use serde::{Deserialize, Serialize};

use crate::error::Error;

/// The `format` field of every backup document.
pub(crate) const FORMAT: &str = "wellbeing-companion-backup";
/// The document layout version this code writes and the newest it reads.
pub(crate) const FORMAT_VERSION: i64 = 1;
/// Largest document accepted (bytes of JSON text).
pub(crate) const MAX_DOCUMENT_BYTES: usize = 64 * 1024 * 1024;
/// Most rows accepted in one table, and in the whole document.
pub(crate) const MAX_TABLE_ROWS: usize = 500_000;
pub(crate) const MAX_TOTAL_ROWS: usize = 2_000_000;
/// Largest single text (or binary) value accepted, in bytes.
pub(crate) const MAX_VALUE_BYTES: usize = 1024 * 1024;

/// The field name used when the whole file is at fault.
pub(super) const FIELD: &str = "backup";

/// What importing did, table by table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ImportReport {
    pub format_version: i64,
    /// The schema version of the store the backup came from.
    pub schema_version: i64,
    /// When the backup was made (UTC, RFC 3339).
    pub exported_at: String,
    /// One line per table in the backup, in name order.
    pub tables: Vec<ImportTableReport>,
    /// Rows added.
    pub inserted: u64,
    /// Rows already in the store exactly as in the backup.
    pub already_present: u64,
    /// Rows whose id (or another unique key) was already taken by a different version of the
    /// record: the store's version was kept and the backup's was not imported.
    pub kept_existing: u64,
}

/// Counts for one table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ImportTableReport {
    pub table: String,
    pub inserted: u64,
    pub already_present: u64,
    pub kept_existing: u64,
}

/// One table that can be exported as CSV.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct CsvExportInfo {
    /// Pass this to `export_csv`: the table name, e.g. "five_ways_entries".
    pub id: String,
    /// Readable name, e.g. "Five ways entries".
    pub title: String,
    /// File name to suggest when saving, e.g. "five_ways_entries.csv".
    pub file_name: String,
}

/// A backup that cannot be imported. `why` documents the check at the call site; the
/// person is told by rule code only (the file is damaged or not a backup).
pub(super) fn invalid(why: impl Into<String>) -> Error {
    let _ = why.into();
    Error::invalid(FIELD, crate::rules::RuleCode::NotReadable)
}
