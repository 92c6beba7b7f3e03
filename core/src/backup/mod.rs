//! Backup: the whole store as one versioned JSON document, imported back by merging, and
//! CSV for spreadsheets.
//!
//! Both are *table-driven*: the tables and columns are read from the schema itself
//! (`PRAGMA table_list` / `table_info`), so a tool that adds a table needs no code here and
//! its data is never silently left out of a backup. The format is described for people in
//! `docs/backup-format.md`; keep the two in step.
//!
//! Import trusts nothing in the file. It is checked whole — format, version, checksum, every
//! table and column known to this schema, every value's type and size — *before* anything is
//! written, and then merged in one transaction that also checks foreign keys, so a refused
//! file changes nothing. Table and column names used in SQL always come from our own schema,
//! never from the file; values are always bound.

mod check;
mod checksum;
mod csv;
mod export;
mod format;
mod merge;
mod schema;
mod sealed;
mod values;

use crate::error::{ApiResult, Error};
use crate::store::WellbeingStore;

use check::check_document;
use csv::{csv_for, csv_tables, title_of};
use export::export_document;
use format::invalid;
use format::MAX_DOCUMENT_BYTES;
pub use format::{CsvExportInfo, ImportReport, ImportTableReport};
use merge::merge;
use schema::{tables, Table};

impl WellbeingStore {
    fn exported_at(&self) -> String {
        chrono::DateTime::<chrono::Utc>::from_timestamp_millis(self.now().utc_ms)
            .map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
            .unwrap_or_default()
    }
}

#[cfg_attr(feature = "ffi", uniffi::export)]
impl WellbeingStore {
    /// The whole store as one backup document (JSON text, format in
    /// `docs/backup-format.md`). The same data at the same time gives the same bytes.
    pub fn export_backup(&self) -> ApiResult<String> {
        let at = self.exported_at();
        Ok(self.read(|c| export_document(c, &at))?)
    }

    /// Merges a backup document into this store (empty or not) in one transaction.
    ///
    /// Rows are matched by primary key: a missing row is added; a row already present is
    /// left alone; a row whose id is present with *different* content keeps the store's
    /// version (counted in `kept_existing`), so importing never overwrites what is here.
    /// A file that is malformed, cut short, changed after export, from a newer app, or that
    /// names tables, columns or values this app does not know is refused with
    /// `InvalidInput { field: "backup" }` (or `NewerDatabase`) and nothing is changed.
    pub fn import_backup(&self, json: String) -> ApiResult<ImportReport> {
        if sealed::is_sealed(&json) {
            // Sealed with a passphrase: `import_sealed_backup` opens it.
            return Err(Error::KeyRequired.into());
        }
        // Validate under the write lock too, so the schema checked is the schema written.
        Ok(self.write(|tx| {
            let checked = check_document(tx, &json)?;
            let report = merge(tx, checked)?;
            // A checksum can be recomputed by anyone: before committing, read back what the
            // tools decode from stored data, so a row the app could not show (answers that do
            // not score, unreadable lists) refuses the whole file rather than breaking the
            // home screen later and hiding what is already here.
            for check in crate::registry::TOOLS.iter().map(|t| t.read_back) {
                check(tx).map_err(|_| invalid("has records this app cannot read"))?;
            }
            Ok(report)
        })?)
    }

    /// Writes a backup to `path`: a new file readable by its owner only (an existing one is
    /// never overwritten; a write that fails leaves no file behind).
    /// Returns the number of bytes written.
    pub fn export_backup_to_file(&self, path: String) -> ApiResult<u64> {
        let doc = self.export_backup()?;
        let p = std::path::Path::new(&path);
        let mut f = crate::store::new_private_file(p)?;
        use std::io::Write;
        let written = f.write_all(doc.as_bytes()).and_then(|_| f.sync_all());
        if let Err(e) = written {
            // A disk that filled up mid-way: no empty or cut-short file is left to be
            // mistaken for a backup later.
            drop(f);
            let _ = std::fs::remove_file(p);
            return Err(Error::Io(e).into());
        }
        Ok(doc.len() as u64)
    }

    /// Reads a backup file (at most 64 MiB) and imports it as [`WellbeingStore::import_backup`].
    pub fn import_backup_from_file(&self, path: String) -> ApiResult<ImportReport> {
        let meta = std::fs::metadata(&path).map_err(Error::Io)?;
        if meta.len() > MAX_DOCUMENT_BYTES as u64 {
            return Err(invalid(format!(
                "is larger than the {} MiB this app imports",
                MAX_DOCUMENT_BYTES / (1024 * 1024)
            ))
            .into());
        }
        let bytes = std::fs::read(&path).map_err(Error::Io)?;
        let text = String::from_utf8(bytes)
            .map_err(|_| invalid("is not a readable backup (not UTF-8 text)"))?;
        self.import_backup(text)
    }

    /// The tables that can be exported as CSV, in name order.
    pub fn list_csv_exports(&self) -> ApiResult<Vec<CsvExportInfo>> {
        Ok(self.read(|c| {
            let all = tables(c)?;
            Ok(csv_tables(&all)
                .into_iter()
                .map(|t| CsvExportInfo {
                    id: t.name.clone(),
                    title: title_of(&t.name),
                    file_name: format!("{}.csv", t.name),
                })
                .collect())
        })?)
    }

    /// One tool's records as CSV (RFC 4180, CRLF line ends, a header row) for a spreadsheet.
    ///
    /// `tool` is a table id from [`WellbeingStore::list_csv_exports`], or a tool's name
    /// ("five-ways", "scaling"…) when that tool has exactly one table to export. Child rows
    /// (for example the ways ticked for an entry) are folded into their parent's row.
    pub fn export_csv(&self, tool: String) -> ApiResult<String> {
        let key = tool.trim().replace('-', "_");
        if key.is_empty() || key.len() > 64 {
            return Err(Error::not_found("export", "(empty or too long)").into());
        }
        Ok(self.read(|c| {
            let all = tables(c)?;
            let candidates = csv_tables(&all);
            let prefix = format!("{key}_");
            let t = match candidates.iter().find(|t| t.name == key) {
                Some(t) => *t,
                None => {
                    let of_tool: Vec<&&Table> = candidates
                        .iter()
                        .filter(|t| t.name.starts_with(&prefix))
                        .collect();
                    match of_tool.as_slice() {
                        [one] => **one,
                        [] => return Err(Error::not_found("export", &key)),
                        _ => return Err(Error::invalid("tool", crate::rules::RuleCode::Other)),
                    }
                }
            };
            csv_for(c, &all, t)
        })?)
    }
}

#[cfg(test)]
mod tests;
