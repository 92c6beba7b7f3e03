//! Moving data: `export` (a backup document, or one tool as CSV) and `import` (merging a
//! backup into this store). `backup` (in cmd.rs) is different: a byte copy of the SQLite
//! file itself.

use std::path::Path;

use companion_core::{CsvExportInfo, ImportReport};

use crate::args::ExportArgs;
use crate::cmd::{print, print_json};
use crate::ctx::Ctx;
use crate::fail::{Fail, Outcome};
use crate::files;

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
                print(&format!("Written to {}.", p.display()))
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
        return Err(Fail::usage(
            "name a FILE, --csv TOOL or --list-csv (see companion export --help)",
        ));
    };
    let bytes = c.export_backup_to_file(file.display().to_string())?;
    if ctx.json {
        return print_json(&serde_json::json!({
            "backup_file": file.display().to_string(),
            "bytes": bytes
        }));
    }
    print(&format!(
        "Your data is in {} ({}). Bring it into another store with: companion import FILE",
        file.display(),
        size(bytes)
    ))
}

pub fn import(ctx: &Ctx, file: &Path) -> Outcome {
    // Named here, so "not found" says which file; the core reads it.
    std::fs::metadata(file).map_err(|e| Fail::read(file, &e))?;
    let c = ctx.open()?;
    let r = c.import_backup_from_file(file.display().to_string())?;
    if ctx.json {
        return print_json(&r);
    }
    print(&import_text(&r))
}

fn size(bytes: u64) -> String {
    if bytes < 1024 {
        format!("{bytes} bytes")
    } else if bytes < 1024 * 1024 {
        format!("{:.1} KiB", bytes as f64 / 1024.0)
    } else {
        format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
    }
}

fn csv_list_text(list: &[CsvExportInfo]) -> String {
    let width = list.iter().map(|i| i.id.len()).max().unwrap_or(0);
    let mut out = String::new();
    for i in list {
        out.push_str(&format!("  {:width$}  {}\n", i.id, i.title));
    }
    out.push_str("Export one with: companion export --csv ID [--out FILE.csv]");
    out
}

pub fn import_text(r: &ImportReport) -> String {
    let mut out = format!(
        "Imported a backup made {} (format {}, schema {}).\n",
        r.exported_at, r.format_version, r.schema_version
    );
    let width = r
        .tables
        .iter()
        .map(|t| t.table.len())
        .max()
        .unwrap_or(0)
        .max(5);
    out.push_str(&format!(
        "  {:width$}  {:>5}  {:>12}  {:>10}\n",
        "table", "added", "already here", "kept yours"
    ));
    for t in &r.tables {
        out.push_str(&format!(
            "  {:width$}  {:>5}  {:>12}  {:>10}\n",
            t.table, t.inserted, t.already_present, t.kept_existing
        ));
    }
    out.push_str(&format!(
        "Added {}, already here {}, kept yours {}.",
        r.inserted, r.already_present, r.kept_existing
    ));
    if r.kept_existing > 0 {
        out.push_str(&format!(
            "\n{} record(s) in the backup differed from what is here: your version was kept.",
            r.kept_existing
        ));
    }
    out
}
