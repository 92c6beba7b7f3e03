//! Handoff: a conversation summary carried to the person's own app with no network. The
//! core packs the summary and computes the QR code; the shell prints the text and draws
//! the code's modules with Unicode half blocks. It also stores what is received.

use std::path::Path;

use companion_core::{terminal_text, HandoffPayload, ImportedHandoff, QrMatrix};

use crate::args::HandoffAction;
use crate::ctx::Ctx;
use crate::fail::{Fail, Outcome};
use crate::out::{print, print_json};
use crate::walk;
use crate::words::fill_all;

/// A handoff text file larger than this cannot be one (the core's payloads are far
/// smaller); it is refused before reading.
const MAX_FILE_BYTES: u64 = 64 * 1024;

/// Draws `qr` for a terminal with light text on a dark background (the usual default):
/// a *light* module is drawn with the glyph (foreground), a dark one left as background,
/// so the code reads the right way round when scanned. Two rows of modules share one line
/// of text: upper half block for the top module, lower for the bottom. The quiet zone the
/// core asks for is drawn light all round.
pub fn draw_qr(qr: &QrMatrix) -> String {
    let size = qr.size as usize;
    let quiet = qr.quiet_zone as usize;
    let full = size + 2 * quiet;
    // Light (drawn) at (row, col) of the whole picture, quiet zone included; outside the
    // picture is the terminal's dark background.
    let light = |r: usize, c: usize| -> bool {
        if r >= full || c >= full {
            return false;
        }
        if r < quiet || c < quiet || r >= quiet + size || c >= quiet + size {
            return true;
        }
        let i = (r - quiet) * size + (c - quiet);
        !qr.modules.get(i).copied().unwrap_or(false)
    };
    let mut out = String::with_capacity((full + 1) * full.div_ceil(2) * 3);
    for r in (0..full).step_by(2) {
        for c in 0..full {
            out.push(match (light(r, c), light(r + 1, c)) {
                (true, true) => '█',
                (true, false) => '▀',
                (false, true) => '▄',
                (false, false) => ' ',
            });
        }
        out.push('\n');
    }
    out
}

/// The payload as shown after a conversation: the text to paste, then the code to scan.
pub fn payload_text(p: &HandoffPayload) -> String {
    format!(
        "\n{}\n\n{}\n\n{}",
        terminal_text().handoff_how,
        p.text,
        draw_qr(&p.qr)
    )
}

pub fn run(ctx: &Ctx, action: HandoffAction) -> Outcome {
    let c = ctx.open()?;
    match action {
        HandoffAction::Import { text, file } => {
            let text = match (text, file) {
                (_, Some(f)) => read_file(&f)?,
                (Some(t), None) => t,
                (None, None) => return Err(Fail::usage(terminal_text().handoff_needs_text)),
            };
            let h = c.import_handoff(text.trim().to_string())?;
            if ctx.json {
                return print_json(&h);
            }
            let t = terminal_text();
            let head = if h.already_had {
                t.handoff_already_had
            } else {
                t.handoff_stored
            };
            print(&format!(
                "{}\n{}",
                walk::draw_summary(&h.summary).trim_end(),
                fill_all(&head, &[("id", &h.id)])
            ))
        }
        HandoffAction::List => {
            let list = c.list_received_handoffs()?;
            if ctx.json {
                return print_json(&list);
            }
            print(&list_text(&list))
        }
        HandoffAction::Delete { id } => {
            c.delete_received_handoff(id.clone())?;
            if ctx.json {
                return print_json(&serde_json::json!({ "deleted": id }));
            }
            print(&terminal_text().handoff_deleted)
        }
    }
}

fn read_file(path: &Path) -> Outcome<String> {
    let fail = |e: std::io::Error| Fail::read(path, &e);
    let meta = std::fs::metadata(path).map_err(fail)?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(Fail::invalid("file", terminal_text().handoff_too_large));
    }
    let bytes = std::fs::read(path).map_err(fail)?;
    String::from_utf8(bytes).map_err(|_| Fail::invalid("file", terminal_text().handoff_not_text))
}

fn list_text(list: &[ImportedHandoff]) -> String {
    let t = terminal_text();
    if list.is_empty() {
        return t.no_handoffs;
    }
    let mut out = String::new();
    // The core's notice leads each summary that has one.
    for h in list {
        if let Some(n) = &h.summary.safety {
            out.push_str(&crate::help::notice_lines(n, "companion help-now"));
        }
        let line = fill_all(
            &t.handoff_item,
            &[
                ("id", &h.id),
                ("made", &h.made_on),
                ("received", &h.received),
                ("title", &h.title),
            ],
        );
        out.push_str(&format!("  {line}\n"));
        if let Some(line) = &h.summary.headline {
            out.push_str(&format!("    {line}\n"));
        }
    }
    out.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn qr(size: u32, dark: &[usize], quiet: u32) -> QrMatrix {
        let mut modules = vec![false; (size * size) as usize];
        for &i in dark {
            modules[i] = true;
        }
        QrMatrix {
            size,
            modules,
            version: 1,
            ec_level: "M".into(),
            quiet_zone: quiet,
        }
    }

    #[test]
    fn dark_modules_are_background_and_the_quiet_zone_is_light() {
        // 2×2: dark at top-left and bottom-right.
        let d = draw_qr(&qr(2, &[0, 3], 1));
        let lines: Vec<&str> = d.lines().collect();
        // 4×4 picture → 2 text lines of 4 characters.
        assert_eq!(lines.len(), 2);
        assert!(lines.iter().all(|l| l.chars().count() == 4), "{d:?}");
        // Row 0 is quiet zone (light); row 1 is [q, dark, light, q].
        assert_eq!(lines[0], "█▀██");
        // Row 2 is [q, light, dark, q]; row 3 is quiet zone.
        assert_eq!(lines[1], "██▄█");
    }

    #[test]
    fn an_odd_height_leaves_the_last_half_line_dark() {
        let d = draw_qr(&qr(1, &[], 1));
        // 3×3 all light: one full line, then the top halves only.
        assert_eq!(d, "███\n▀▀▀\n");
    }
}
