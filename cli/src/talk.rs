//! Conversation mode in the terminal: a tool walked through in a store that keeps nothing (a
//! plain one, or a school conversation with the school's contacts in it), ending with a
//! summary the person takes away: printed, written to a file, or as a handoff code.

use companion_core::{shell_text, terminal_text, WellbeingStore};

use crate::args::TalkArgs;
use crate::ctx::Ctx;
use crate::fail::Outcome;
use crate::handoff;
use crate::menu;
use crate::out::{print, print_json};
use crate::term::Term;
use crate::typed;
use crate::walk::{self, End, Mode};

/// A conversation in `c`, a store that keeps nothing (a plain one, or a school conversation
/// with the school's contacts in it), `banner` said before the first question.
pub fn talk_with(ctx: &Ctx, a: TalkArgs, c: &WellbeingStore, banner: &str) -> Outcome {
    // Refused before the conversation, not after it: nobody answers every question only to
    // find the summary could not be written.
    if let Some(path) = &a.out {
        crate::files::check_free("out", path, a.force)?;
    }
    let first = c.start_flow(typed::tool(&a.tool)?, None)?;
    let summary = if a.answers.is_empty() {
        let st = shell_text();
        let mut term = Term::stdio();
        // Said before the first question, so nobody types anything thinking it is kept.
        term.say(banner)?;
        match walk::interactive(&mut term, c, first, Mode::Talk)? {
            End::Finished(s) => {
                // Asked for a code with --handoff, or to a file with --out: already decided.
                if !a.handoff && a.out.is_none() {
                    menu::handover(&mut term, c, &st, &s)?;
                }
                s
            }
            end => return print(&walk::end_line(&end)),
        }
    } else {
        let s = walk::scripted(c, first, &a.answers)?;
        c.discard_flow(s.flow_id.clone())?;
        if !ctx.json {
            print(&walk::draw_summary(&s))?;
        }
        s
    };
    if let Some(path) = &a.out {
        crate::files::write("out", path, summary.text.as_bytes(), a.force)?;
    }
    // The core packs the summary and computes the QR code; nothing is stored.
    let payload = if a.handoff {
        Some(c.handoff_payload(summary.clone())?)
    } else {
        None
    };
    if ctx.json {
        return match &payload {
            Some(p) => print_json(&serde_json::json!({ "summary": summary, "handoff": p })),
            None => print_json(&summary),
        };
    }
    if let Some(p) = &payload {
        print(&handoff::payload_text(p))?;
    }
    match &a.out {
        Some(p) => print(&crate::words::fill_all(
            &terminal_text().talk_summary_in,
            &[("path", &p.display().to_string())],
        )),
        None => print(&shell_text().nothing_stored),
    }
}
