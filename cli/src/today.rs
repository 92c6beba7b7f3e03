//! `companion today` and `companion week`, and the top of interactive mode: the core's
//! `today()` and `week()` views, drawn as text.

use companion_core::{TodayAction, TodayView, WeekView, WellbeingStore};

use crate::chart;
use crate::cmd::{print, print_json};
use crate::ctx::Ctx;
use crate::fail::Outcome;
use crate::help;

/// The command that does what an action offers, for the `today` command's text.
pub fn action_command(a: &TodayAction) -> Option<String> {
    if a.kind == "help-now" {
        return Some("companion help-now".into());
    }
    if let Some(d) = &a.draft_id {
        return Some(format!("companion drafts resume {d}"));
    }
    a.tool.as_ref().map(|t| match &a.subject_id {
        Some(s) => format!("companion walk {t} --subject {s}"),
        None => format!("companion walk {t}"),
    })
}

pub fn action_text(a: &TodayAction) -> String {
    match &a.detail {
        Some(d) => format!("{}\n      {d}", a.title),
        None => a.title.clone(),
    }
}

/// The top of the home screen: the check-in and the week's Five Ways (the caller shows the
/// safety flags first).
pub fn today_head(t: &TodayView) -> String {
    let mut out = format!("Check-in: {}\n", t.check_in_label);
    let counts: Vec<String> = t
        .five_ways
        .counts
        .iter()
        .map(|w| format!("{} {}", w.title, w.count))
        .collect();
    out.push_str(&format!("Five Ways this week: {}\n", counts.join(" · ")));
    out
}

fn today_text(c: &WellbeingStore, t: &TodayView) -> String {
    let mut out = help::flags_first(Some(c), &t.safety_flags);
    out.push_str(&format!("Today, {}\n", t.date_label));
    out.push_str(&today_head(t));
    out.push('\n');
    out.push_str(&chart::draw(&t.check_in_week));
    let line = |a: &TodayAction| {
        let mut s = format!("  {}\n", action_text(a).replace("\n      ", "\n    "));
        if let Some(cmd) = action_command(a) {
            s.push_str(&format!("    → {cmd}\n"));
        }
        s
    };
    out.push_str("\nNext:\n");
    out.push_str(&line(&t.next_thing));
    if !t.open_items.is_empty() {
        out.push_str("\nAlso waiting:\n");
        for a in &t.open_items {
            out.push_str(&line(a));
        }
    }
    out.trim_end().to_string()
}

pub fn week_text(w: &WeekView) -> String {
    let mut out = format!("Week of {}\n", w.label);
    for d in w.days.iter().filter(|d| !d.is_future) {
        let mut parts: Vec<String> = vec![];
        if let Some(v) = d.check_in {
            parts.push(format!("check-in {}", chart::number(v)));
        }
        if !d.ways.is_empty() {
            parts.push(d.ways.join(", "));
        }
        parts.extend(d.measures.iter().cloned());
        if d.worksheets > 0 {
            parts.push(format!("Five Areas × {}", d.worksheets));
        }
        let today = if d.is_today { " (today)" } else { "" };
        out.push_str(&format!("  {}{}  {}\n", d.label, today, parts.join(" · ")));
    }
    out.push('\n');
    out.push_str(&chart::draw(&w.check_in_series));
    out.push('\n');
    for c in &w.five_ways.counts {
        let line = format!("  {:<14} {}", c.title, "●".repeat(c.count as usize));
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out.trim_end().to_string()
}

pub fn today(ctx: &Ctx) -> Outcome {
    let c = ctx.open()?;
    let t = c.today()?;
    if ctx.json {
        return print_json(&t);
    }
    print(&today_text(&c, &t))
}

pub fn week(ctx: &Ctx, date: Option<String>) -> Outcome {
    let c = ctx.open()?;
    let w = c.week(date)?;
    if ctx.json {
        return print_json(&w);
    }
    print(&week_text(&w))
}
