//! `companion report`: the appointment summary the core makes, shown as its plain text or
//! written as its HTML; and the list of summaries made so far.

use std::path::{Path, PathBuf};

use companion_core::{terminal_text, AppointmentReport, ReportHistoryItem, WellbeingStore};
use serde::Serialize;

use crate::args::{ReportAction, ReportArgs};
use crate::ctx::Ctx;
use crate::fail::{Fail, Outcome};
use crate::files;
use crate::out::{print, print_json};
use crate::words::fill_all;

pub fn run(ctx: &Ctx, action: Option<ReportAction>, a: ReportArgs) -> Outcome {
    match action {
        Some(ReportAction::History) => history(ctx),
        None => make(ctx, a),
    }
}

#[derive(Serialize)]
struct Written<'a> {
    #[serde(flatten)]
    report: &'a companion_core::AppointmentReport,
    html_file: Option<String>,
    text_file: Option<String>,
}

fn make(ctx: &Ctx, a: ReportArgs) -> Outcome {
    // Checked before the summary is made: a refused file must not leave a summary recorded.
    if let Some(p) = &a.out {
        files::check_free("out", p, a.force)?;
    }
    if let Some(p) = &a.text_out {
        files::check_free("text-out", p, a.force)?;
    }
    let c = ctx.open()?;
    let r = c.appointment_summary(a.from, a.to, a.full_text)?;
    if let Some(p) = &a.out {
        files::write("out", p, r.html.as_bytes(), a.force)?;
    }
    if let Some(p) = &a.text_out {
        files::write("text-out", p, r.text.as_bytes(), a.force)?;
    }
    if ctx.json {
        return print_json(&Written {
            report: &r,
            html_file: a.out.as_ref().map(|p| p.display().to_string()),
            text_file: a.text_out.as_ref().map(|p| p.display().to_string()),
        });
    }
    if a.out.is_none() && a.text_out.is_none() {
        return print(r.text.trim_end());
    }
    let t = terminal_text();
    let mut lines = vec![fill_all(
        &t.summary_made,
        &[("from", &r.from), ("to", &r.to)],
    )];
    if let Some(p) = &a.out {
        lines.push(fill_all(
            &t.summary_to_print,
            &[("path", &p.display().to_string())],
        ));
    }
    if let Some(p) = &a.text_out {
        lines.push(fill_all(
            &t.summary_as_text,
            &[("path", &p.display().to_string())],
        ));
    }
    print(&lines.join("\n"))
}

fn history(ctx: &Ctx) -> Outcome {
    let c = ctx.open()?;
    let list = c.appointment_summary_history()?;
    if ctx.json {
        return print_json(&list);
    }
    print(&history_text(&list))
}

pub fn history_text(list: &[ReportHistoryItem]) -> String {
    let t = terminal_text();
    if list.is_empty() {
        return t.no_summaries_made;
    }
    let full_text = format!(" {}", t.summary_full_text);
    let mut out = String::new();
    for i in list {
        let line = fill_all(
            &t.summary_history_item,
            &[
                (
                    "full_text",
                    if i.include_full_text { &full_text } else { "" },
                ),
                ("made", &i.made),
                ("from", &i.from),
                ("to", &i.to),
            ],
        );
        out.push_str(&format!("  {line}\n"));
    }
    out.trim_end().to_string()
}

/// The menu's summary: made with the defaults and written as HTML in the folder the person
/// started `companion` from (`summary-DATE.html`, numbered when one already exists that day),
/// never over a file; the data file's folder only when that one cannot be used. The path
/// returned is absolute, so the person is told plainly where to find it.
pub fn to_folder(ctx: &Ctx, c: &WellbeingStore) -> Outcome<(PathBuf, AppointmentReport)> {
    let here = std::env::current_dir().ok().filter(|d| writable(d));
    let dir = match here {
        Some(d) => d,
        None => {
            let db = ctx.db_path()?;
            let parent = db
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(Path::new("."))
                .to_path_buf();
            std::path::absolute(&parent).unwrap_or(parent)
        }
    };
    let today = c.today_date();
    let path = (1..=99)
        .map(|n| match n {
            1 => dir.join(format!("summary-{today}.html")),
            n => dir.join(format!("summary-{today}-{n}.html")),
        })
        .find(|p| !p.exists())
        .ok_or_else(|| Fail::invalid("out", terminal_text().too_many_summaries))?;
    let r = c.appointment_summary(None, None, false)?;
    files::write("out", &path, r.html.as_bytes(), false)?;
    Ok((path, r))
}

/// Whether a new file can be made in `dir` (tried, then removed: permissions alone do not
/// tell, e.g. on a read-only mount).
fn writable(dir: &Path) -> bool {
    let probe = dir.join(format!(".companion-probe-{}", std::process::id()));
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
    {
        Ok(_) => std::fs::remove_file(&probe).is_ok(),
        Err(_) => false,
    }
}
