//! Moving data: `export` (a backup document, or one tool as CSV) and `import` (merging a
//! backup into this store). `backup` (in cmd.rs) is different: a byte copy of the SQLite
//! file itself.

use std::path::Path;

use companion_core::{terminal_text, CsvExportInfo, ImportReport, WellbeingError};

use crate::args::ExportArgs;
use crate::ctx::Ctx;
use crate::fail::{Fail, Outcome};
use crate::files;
use crate::out::{print, print_json};
use crate::words::fill_all;

pub fn export(ctx: &Ctx, a: ExportArgs) -> Outcome {
    let c = ctx.open()?;
    if a.list_csv {
        let list = c.list_csv_exports()?;
        if ctx.json {
            return print_json(&list);
        }
        return print(&csv_list_text(&list));
    }
    if let Some(tool) = a.csv {
        if let Some(p) = &a.out {
            files::check_free("out", p, a.force)?;
        }
        let csv = c.export_csv(tool)?;
        return match &a.out {
            Some(p) => {
                files::write("out", p, csv.as_bytes(), a.force)?;
                if ctx.json {
                    return print_json(&serde_json::json!({ "csv_file": p.display().to_string() }));
                }
                print(&fill_all(
                    &terminal_text().written_to,
                    &[("path", &p.display().to_string())],
                ))
            }
            // CSV goes to stdout as it is, even with --json: it is the data asked for.
            None => {
                use std::io::Write;
                let mut out = std::io::stdout().lock();
                out.write_all(csv.as_bytes())?;
                Ok(())
            }
        };
    }
    let Some(file) = a.file else {
        return Err(Fail::usage(terminal_text().export_needs_what));
    };
    let bytes = if a.sealed {
        let pass = crate::ctx::new_backup_passphrase()?;
        c.export_sealed_backup_to_file(file.display().to_string(), pass)?
    } else {
        c.export_backup_to_file(file.display().to_string())?
    };
    if ctx.json {
        return print_json(&serde_json::json!({
            "backup_file": file.display().to_string(),
            "bytes": bytes
        }));
    }
    print(&fill_all(
        &terminal_text().backup_exported,
        &[
            ("size", &size(bytes)),
            ("path", &file.display().to_string()),
        ],
    ))
}

pub fn import(ctx: &Ctx, file: &Path) -> Outcome {
    // Named here, so "not found" says which file; the core reads it.
    std::fs::metadata(file).map_err(|e| Fail::read(file, &e))?;
    let c = ctx.open()?;
    let r = match c.import_backup_from_file(file.display().to_string()) {
        // Sealed with a passphrase: asked for (or COMPANION_BACKUP_PASSPHRASE), then opened.
        Err(WellbeingError::KeyRequired) => c.import_sealed_backup_from_file(
            file.display().to_string(),
            crate::ctx::backup_passphrase(file)?,
        )?,
        other => other?,
    };
    if ctx.json {
        return print_json(&r);
    }
    print(&import_text(&r))
}

fn size(bytes: u64) -> String {
    let t = terminal_text();
    let (unit, n) = if bytes < 1024 {
        (t.size_bytes, bytes.to_string())
    } else if bytes < 1024 * 1024 {
        (t.size_kib, format!("{:.1}", bytes as f64 / 1024.0))
    } else {
        (
            t.size_mib,
            format!("{:.1}", bytes as f64 / (1024.0 * 1024.0)),
        )
    };
    fill_all(&unit, &[("n", &n)])
}

fn csv_list_text(list: &[CsvExportInfo]) -> String {
    let width = list.iter().map(|i| i.id.len()).max().unwrap_or(0);
    let mut out = String::new();
    for i in list {
        out.push_str(&format!("  {:width$}  {}\n", i.id, i.title));
    }
    out.push_str(&terminal_text().csv_export_hint);
    out
}

pub fn import_text(r: &ImportReport) -> String {
    let w = terminal_text();
    let mut out = fill_all(
        &w.imported_backup,
        &[
            ("format", &r.format_version.to_string()),
            ("schema", &r.schema_version.to_string()),
            ("made", &r.exported_at),
        ],
    );
    out.push('\n');
    // Each column as wide as its heading, the first as wide as its longest table name.
    let width = r
        .tables
        .iter()
        .map(|t| t.table.len())
        .max()
        .unwrap_or(0)
        .max(w.import_table.chars().count());
    let (a, h, k) = (
        w.import_added.chars().count(),
        w.import_already_here.chars().count(),
        w.import_kept_yours.chars().count(),
    );
    out.push_str(&format!(
        "  {:width$}  {:>a$}  {:>h$}  {:>k$}\n",
        w.import_table, w.import_added, w.import_already_here, w.import_kept_yours
    ));
    for t in &r.tables {
        out.push_str(&format!(
            "  {:width$}  {:>a$}  {:>h$}  {:>k$}\n",
            t.table, t.inserted, t.already_present, t.kept_existing
        ));
    }
    out.push_str(&fill_all(
        &w.import_totals,
        &[
            ("added", &r.inserted.to_string()),
            ("already", &r.already_present.to_string()),
            ("kept", &r.kept_existing.to_string()),
        ],
    ));
    if r.kept_existing > 0 {
        out.push('\n');
        out.push_str(&fill_all(
            &w.import_kept_note,
            &[("count", &r.kept_existing.to_string())],
        ));
    }
    out
}
