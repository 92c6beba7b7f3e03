//! "Help now": crisis contacts and the person's safety plan, one key away on every screen.
//!
//! Everything shown comes from the core's `help_now()`. When the data file cannot be
//! opened, the same screen is asked of an in-memory store: the contacts (which need no
//! database) are still shown, and only the plan is missing.

use companion_core::{SafetyFlag, SafetyHelpNow, WellbeingStore};

use crate::fail::Outcome;

/// The help-now screen's data. `c` is `None` when the store could not be opened.
pub fn data(c: Option<&WellbeingStore>) -> Outcome<SafetyHelpNow> {
    match c {
        Some(c) => Ok(c.help_now()?),
        None => {
            let mem = WellbeingStore::open_in_memory()?;
            let mut h = mem.help_now()?;
            // "You have not written a plan" would be untrue: the plan could not be read.
            h.no_plan_text = None;
            Ok(h)
        }
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
    out.push_str(&format!("    For: {}\n", c.who_for));
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

/// Safety flags, then help now: what a shell shows before any score or summary.
pub fn flags_first(c: Option<&WellbeingStore>, flags: &[SafetyFlag]) -> String {
    let mut out = String::new();
    if flags.is_empty() {
        return out;
    }
    out.push('\n');
    for f in flags {
        out.push_str(&format!("!! {}\n   {}\n", f.title, f.detail));
    }
    out.push_str(&text(c));
    out
}
