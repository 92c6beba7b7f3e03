//! `companion today` and `companion week`, and the top of interactive mode: the core's
//! `home()` and `week()` views, drawn as text with the core's wording.

use companion_core::{
    shell_text, HomeView, MenuSectionKind, NavAction, ShellText, TodayView, WeekView,
    WellbeingStore,
};

use crate::chart;
use crate::ctx::Ctx;
use crate::fail::Outcome;
use crate::help;
use crate::out::{print, print_json};
use crate::words::fill;

/// The command that opens what `action` leads to, for the `today` command's text.
pub fn action_command(a: &NavAction) -> Option<String> {
    Some(match a {
        NavAction::HelpNow | NavAction::OpenSafetyPlan => "companion help-now".into(),
        NavAction::ResumeFlow { flow_id } => format!("companion drafts resume {flow_id}"),
        NavAction::StartTool {
            tool,
            subject_id: Some(s),
        } => format!("companion walk {tool} --subject {s}"),
        NavAction::StartTool { tool, .. } => format!("companion walk {tool}"),
        NavAction::Week => "companion week".into(),
        NavAction::AppointmentSummary => "companion report".into(),
        NavAction::History { .. } | NavAction::Conversation | NavAction::Settings => return None,
    })
}

/// The top of the home screen: the check-in and the week's Five Ways (the caller shows the
/// safety flags first).
pub fn today_head(st: &ShellText, t: &TodayView) -> String {
    let mut out = fill(&st.check_in_line, "value", &t.check_in_label);
    out.push('\n');
    if let Some(r) = &t.check_in_rhythm {
        out.push_str(&format!("  {}\n", r.text));
    }
    let counts: Vec<String> = t
        .five_ways
        .counts
        .iter()
        .map(|w| format!("{} {}", w.title, w.count))
        .collect();
    out.push_str(&fill(&st.five_ways_line, "counts", &counts.join(" · ")));
    out.push('\n');
    out
}

fn today_text(st: &ShellText, h: &HomeView) -> String {
    let t = &h.today;
    let mut out = h.safety.as_ref().map(help::notice).unwrap_or_default();
    out.push_str(&fill(&st.today_title, "date", &h.date_label));
    out.push('\n');
    out.push_str(&today_head(st, t));
    out.push('\n');
    out.push_str(&chart::draw(&t.check_in_week));
    // What is due or open, each with the command that opens it.
    for s in h.sections.iter().filter(|s| {
        matches!(
            s.kind,
            MenuSectionKind::Support | MenuSectionKind::Next | MenuSectionKind::Waiting
        )
    }) {
        out.push_str(&format!("\n{}\n", s.heading));
        for e in &s.entries {
            out.push_str(&entry_text(e));
            out.push('\n');
            if let Some(cmd) = action_command(&e.action) {
                out.push_str(&format!("      → {cmd}\n"));
            }
        }
    }
    out.trim_end().to_string()
}

pub fn week_text(st: &ShellText, w: &WeekView) -> String {
    let mut out = fill(&st.week_title, "label", &w.label);
    out.push('\n');
    for d in w.days.iter().filter(|d| !d.is_future) {
        let mut parts: Vec<String> = vec![];
        if let Some(v) = d.check_in {
            parts.push(fill(&st.week_check_in, "value", &chart::number(v)));
        }
        if !d.ways.is_empty() {
            parts.push(d.ways.join(", "));
        }
        parts.extend(d.measures.iter().cloned());
        if d.worksheets > 0 {
            parts.push(fill(
                &st.week_worksheets,
                "count",
                &d.worksheets.to_string(),
            ));
        }
        if d.thought_records > 0 {
            parts.push(fill(
                &st.week_thought_records,
                "count",
                &d.thought_records.to_string(),
            ));
        }
        if parts.is_empty() {
            parts.push(st.nothing_recorded.clone());
        }
        let label = if d.is_today {
            format!("{} {}", d.label, st.week_today)
        } else {
            d.label.clone()
        };
        out.push_str(&format!("  {label}  {}\n", parts.join(" · ")));
    }
    out.push('\n');
    // Days still to come are not "nothing recorded": the chart stops at today.
    let mut so_far = w.check_in_series.clone();
    so_far
        .points
        .retain(|p| w.days.iter().any(|d| d.date == p.date && !d.is_future));
    out.push_str(&chart::draw(&so_far));
    out.push('\n');
    for c in &w.five_ways.counts {
        let line = format!("  {:<14} {}", c.title, "●".repeat(c.count as usize));
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out.trim_end().to_string()
}

/// The reminder settings and the reminders coming up, for the Settings entry.
pub fn reminders_text(st: &ShellText, c: &WellbeingStore) -> String {
    let mut out = format!("\n{}\n", st.reminders_title);
    match c.reminder_settings().map(|s| s.check_in_time) {
        Ok(Some(t)) => out.push_str(&fill(&st.reminders_check_in_at, "time", &t)),
        Ok(None) => out.push_str(&st.reminders_check_in_off),
        Err(_) => out.push_str(&st.something_went_wrong),
    }
    out.push('\n');
    match c.upcoming_reminders(7) {
        Ok(list) if list.is_empty() => out.push_str(&format!("  {}\n", st.reminders_none)),
        Ok(list) => {
            for r in list {
                out.push_str(&format!("  {}  {}\n", r.local_time, r.title));
            }
        }
        Err(_) => out.push_str(&st.something_went_wrong),
    }
    out.trim_end().to_string()
}

pub fn today(ctx: &Ctx) -> Outcome {
    let c = ctx.open()?;
    let h = c.home()?;
    if ctx.json {
        return print_json(&h);
    }
    print(&today_text(&shell_text(), &h))
}

pub fn week(ctx: &Ctx, date: Option<String>) -> Outcome {
    let c = ctx.open()?;
    let w = c.week(date)?;
    if ctx.json {
        return print_json(&w);
    }
    print(&week_text(&shell_text(), &w))
}

/// One menu entry: key, label and badge, the detail on the line below.
pub fn entry_text(e: &companion_core::MenuEntry) -> String {
    let mut s = format!("  {:>2}. {}", e.key, e.label);
    if let Some(b) = &e.badge {
        s.push_str(&format!(" · {b}"));
    }
    if let Some(d) = &e.detail {
        s.push_str(&format!("\n      {d}"));
    }
    s
}
