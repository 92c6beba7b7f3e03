//! `companion five-ways …`: log an activity, see the ways, the week and the history.

use companion_core::{
    shell_text, terminal_text, FiveWaysEntry, FiveWaysHistoryPage, FiveWaysInput, FiveWaysWay,
    FiveWaysWeek,
};

use crate::args::FiveWaysAction;
use crate::chart;
use crate::ctx::Ctx;
use crate::fail::Outcome;
use crate::out::{print, print_json};
use crate::typed;
use crate::words::fill_all;

/// Weeks per history page.
pub const WEEKS: u32 = 8;

pub fn run(ctx: &Ctx, action: FiveWaysAction) -> Outcome {
    match action {
        FiveWaysAction::Log {
            what,
            ways,
            note,
            date,
            time,
        } => {
            let ways = typed::ways(&ways)?;
            let c = ctx.open()?;
            let e = c.five_ways_log(FiveWaysInput {
                what,
                ways,
                note,
                date,
                time,
            })?;
            if ctx.json {
                return print_json(&e);
            }
            print(&fill_all(
                &terminal_text().logged,
                &[("entry", &entry_line(&e))],
            ))
        }
        FiveWaysAction::Ways => {
            let c = ctx.memory()?;
            let ways = c.five_ways_guide();
            if ctx.json {
                return print_json(&ways);
            }
            print(&ways_text(&c.five_ways_intro(), &ways))
        }
        FiveWaysAction::Week { date } => {
            let c = ctx.open()?;
            let w = c.five_ways_week(date)?;
            if ctx.json {
                return print_json(&w);
            }
            print(&week_text(&w))
        }
        FiveWaysAction::Delete { entry_id } => {
            let c = ctx.open()?;
            c.five_ways_delete(entry_id.clone())?;
            if ctx.json {
                return print_json(&serde_json::json!({ "deleted": entry_id }));
            }
            print(&terminal_text().entry_deleted)
        }
    }
}

pub fn history(ctx: &Ctx, before: Option<String>) -> Outcome {
    let c = ctx.open()?;
    let h = c.five_ways_history(before, WEEKS)?;
    if ctx.json {
        return print_json(&h);
    }
    print(&history_text(&h))
}

pub fn entry_line(e: &FiveWaysEntry) -> String {
    // What the person wrote goes in last, so it is never read as a placeholder.
    let mut s = fill_all(
        &terminal_text().five_ways_entry,
        &[
            ("ways", &e.ways_label),
            ("day", &e.day_label),
            ("time", &e.time),
            ("what", &e.what),
        ],
    );
    if let Some(n) = &e.note {
        s.push_str(&format!(" — {n}"));
    }
    s
}

fn ways_text(intro: &str, ways: &[FiveWaysWay]) -> String {
    let mut out = format!("{intro}\n");
    for w in ways {
        out.push_str(&format!(
            "\n{} ({})\n  {}\n  “{}” ({})\n",
            w.title, w.id, w.description, w.nef_phrase, w.nef_source
        ));
        for i in w.ideas.iter().take(3) {
            out.push_str(&format!("  - {}\n", i.text));
        }
    }
    out.push('\n');
    out.push_str(&terminal_text().five_ways_log_hint);
    out
}

pub fn week_text(w: &FiveWaysWeek) -> String {
    let t = terminal_text();
    let today = format!(" {}", shell_text().week_today);
    let mut out = fill_all(&t.five_ways_week_title, &[("label", &w.label)]);
    out.push('\n');
    for d in &w.days {
        if d.is_future {
            continue;
        }
        let mark = if d.is_today { today.as_str() } else { "" };
        out.push_str(&format!("  {}{}\n", d.label, mark));
        for e in &d.entries {
            out.push_str(&format!("    {} ({})\n", e.what, e.ways_label));
        }
    }
    out.push('\n');
    for c in &w.counts {
        let line = format!("  {:<14} {}", c.title, "●".repeat(c.count as usize));
        out.push_str(line.trim_end());
        out.push('\n');
    }
    if let Some(p) = &w.plan {
        let plan = fill_all(&t.five_ways_plan, &[("label", &p.label)]);
        out.push_str(&format!("\n{plan}\n"));
        for i in &p.intentions {
            out.push_str(&format!("  - {}\n", i.text));
        }
    }
    out.trim_end().to_string()
}

fn history_text(h: &FiveWaysHistoryPage) -> String {
    let t = terminal_text();
    let mut out = String::new();
    for w in &h.weeks {
        let line = fill_all(
            &t.five_ways_history_week,
            &[
                ("total", &w.total_entries.to_string()),
                ("touched", &w.ways_touched.to_string()),
                ("ways", &w.counts.len().to_string()),
                ("label", &w.label),
            ],
        );
        out.push_str(&format!("  {line}\n"));
    }
    for s in &h.series {
        out.push('\n');
        out.push_str(&chart::draw(s));
    }
    if let Some(b) = &h.next_before {
        out.push('\n');
        out.push_str(&fill_all(&t.five_ways_older, &[("before", b)]));
    }
    out.trim_end().to_string()
}
