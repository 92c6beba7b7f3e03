//! "Help now": crisis contacts, a grounding exercise and the person's safety plan, one key
//! away on every screen.
//!
//! Everything shown comes from the core. `companion help-now` never opens a store: it asks
//! `help_now_without_store()`, which reads the data file read-only (a missing, read-only,
//! locked, corrupt or newer file is left exactly as it is) and always returns the contacts.

use std::path::Path;

use companion_core::{help_now_without_store, SafetyHelpNow, SafetyNotice, WellbeingStore};

use crate::ctx::Ctx;
use crate::fail::Outcome;

/// `companion help-now`: the screen for the data file `--db` names (or the default one),
/// read without opening a store, so asking for help can never change or create the file.
pub fn command(ctx: &Ctx) -> Outcome {
    let h = data_for_file(ctx.db_path().ok().as_deref());
    if ctx.json {
        return crate::out::print_json(&h);
    }
    crate::out::print(&draw(&h))
}

/// The help-now screen for the data file at `path`, without a store handle.
pub fn data_for_file(path: Option<&Path>) -> SafetyHelpNow {
    help_now_without_store(path.map(|p| p.display().to_string()))
}

/// The help-now screen's data. `c` is `None` when no store is open: the contacts (which need
/// no database) are still shown, and the core says why the plan is missing.
pub fn data(c: Option<&WellbeingStore>) -> Outcome<SafetyHelpNow> {
    match c {
        Some(c) => Ok(c.help_now()?),
        None => Ok(help_now_without_store(None)),
    }
}

/// The help-now screen as text.
pub fn text(c: Option<&WellbeingStore>) -> String {
    match data(c) {
        Ok(h) => draw(&h),
        // Never leave the person without the contacts, even if the core failed here.
        Err(_) => draw_contacts_only(),
    }
}

fn draw_contacts_only() -> String {
    let mut h = String::new();
    for contact in companion_core::crisis_contacts() {
        h.push_str(&contact_lines(&contact));
    }
    h
}

fn contact_lines(c: &companion_core::CrisisContact) -> String {
    let mut out = format!("  {} ({})\n", c.name, c.when);
    for w in &c.ways {
        match &w.note {
            Some(n) => out.push_str(&format!("    {} ({n})\n", w.label)),
            None => out.push_str(&format!("    {}\n", w.label)),
        }
    }
    let who = crate::words::fill(
        &companion_core::terminal_text().contact_for,
        "who",
        &c.who_for,
    );
    out.push_str(&format!("    {who}\n"));
    out
}

pub fn draw(h: &SafetyHelpNow) -> String {
    let mut out = format!(
        "\n{}\n{}\n{}\n\n",
        h.title,
        "═".repeat(h.title.chars().count()),
        h.intro
    );
    for c in &h.contacts {
        out.push_str(&contact_lines(c));
    }
    if !h.grounding.is_empty() {
        out.push_str(&format!("\n{}\n", h.grounding_heading));
        for (i, step) in h.grounding.iter().enumerate() {
            out.push_str(&format!("  {}. {step}\n", i + 1));
        }
    }
    if let Some(plan) = &h.plan {
        out.push_str(&format!("\n{}\n", h.plan_heading));
        for s in plan.sections.iter().filter(|s| !s.items.is_empty()) {
            out.push_str(&format!("  {}\n", s.title));
            for i in &s.items {
                out.push_str(&format!("    - {i}\n"));
            }
        }
    } else if let Some(t) = &h.no_plan_text {
        out.push_str(&format!("\n{}\n  {t}\n", h.plan_heading));
    }
    out
}

/// The core's safety notice in full: heading and wording, each flag, the contacts, and in
/// conversation mode the staff member's guidance. What comes first on a screen that has one.
pub fn notice(n: &SafetyNotice) -> String {
    let mark = if n.urgent { "!!" } else { "!" };
    let mut out = format!(
        "\n{mark} {}\n{}\n{}\n\n",
        n.heading,
        "═".repeat(n.heading.chars().count() + mark.len() + 1),
        n.detail
    );
    for f in &n.flags {
        out.push_str(&format!("{mark} {}\n   {}\n", f.title, f.detail));
    }
    out.push('\n');
    for c in &n.contacts {
        out.push_str(&contact_lines(c));
    }
    if let Some(g) = &n.staff_guidance {
        out.push_str(&format!("\n{}\n", g.heading));
        for (i, step) in g.steps.iter().enumerate() {
            out.push_str(&format!("  {}. {step}\n", i + 1));
        }
    }
    out
}

/// The notice as one line per flag, for a screen drawn again after the person has read it in
/// full: the flag stays in sight, with the key that opens Help now.
pub fn notice_lines(n: &SafetyNotice, help_key: &str) -> String {
    let mark = if n.urgent { "!!" } else { "!" };
    n.flags
        .iter()
        .map(|f| format!("{mark} {} ({help_key})\n", f.title))
        .collect()
}

/// Shows the notice in full and waits until the person has read it: on a small screen the
/// contacts must not scroll away under whatever comes next. `false` when the input ended.
pub fn notice_and_wait(term: &mut crate::term::Term, n: &SafetyNotice) -> Outcome<bool> {
    term.say(notice(n).trim_end())?;
    let st = companion_core::shell_text();
    let hint = crate::words::fill(
        &crate::words::fill(
            &st.key_hint,
            "key",
            &companion_core::terminal_text().key_enter,
        ),
        "label",
        &n.acknowledge_label,
    );
    Ok(term.ask(&format!("\n  {hint} "))?.is_some())
}
