//! `companion measure …`: outcome measures, drawn from the core's records.

use companion_core::{
    shell_text, terminal_text, MeasureChange, MeasureHistoryPage, MeasureInfo, MeasureInput,
    MeasureResult, MeasureStatus,
};

use crate::args::MeasureAction;
use crate::chart;
use crate::ctx::Ctx;
use crate::fail::Outcome;
use crate::help;
use crate::out::{print, print_json};
use crate::typed;
use crate::walk::walk_stored;
use crate::words::fill_all;

pub const PAGE: u32 = 20;

pub fn run(ctx: &Ctx, action: MeasureAction) -> Outcome {
    match action {
        MeasureAction::List => {
            let c = ctx.open()?;
            let list = c.measures_overview()?;
            if ctx.json {
                return print_json(&list);
            }
            print(&overview_text(&list))
        }
        MeasureAction::Info { measure } => {
            let c = ctx.memory()?;
            let info = c.measure_info(typed::measure(&measure)?)?;
            if ctx.json {
                return print_json(&info);
            }
            print(&info_text(&info))
        }
        MeasureAction::Take {
            measure,
            answers,
            date,
            time,
        } => {
            let measure = typed::measure(&measure)?;
            let c = ctx.open()?;
            let Some(answers) = answers else {
                // No answers given: walk the measure's own guided flow.
                let first = c.start_flow(measure.tool(), None)?;
                return walk_stored(ctx, &c, first);
            };
            let r = c.take_measure(MeasureInput {
                measure,
                answers,
                date,
                time,
            })?;
            if ctx.json {
                return print_json(&r);
            }
            print(&format!("{}{}", result_text(&r), shell_text().saved))
        }
        MeasureAction::Progress { measure, since } => {
            let measure = typed::measure(&measure)?;
            let c = ctx.open()?;
            let p = c.measure_progress(measure, since)?;
            if ctx.json {
                return print_json(&p);
            }
            match p {
                Some(ch) => print(&change_text(&ch)),
                None => print(&terminal_text().not_enough_results),
            }
        }
        MeasureAction::Delete { result_id } => {
            let c = ctx.open()?;
            c.delete_measure_result(result_id.clone())?;
            if ctx.json {
                return print_json(&serde_json::json!({ "deleted": result_id }));
            }
            print(&terminal_text().result_deleted)
        }
    }
}

pub fn history(ctx: &Ctx, measure: String, page: u32) -> Outcome {
    let measure = typed::measure(&measure)?;
    let c = ctx.open()?;
    let h = c.measure_history(measure, page * PAGE, PAGE)?;
    if ctx.json {
        return print_json(&h);
    }
    print(&history_text(&h))
}

pub fn result_text(r: &MeasureResult) -> String {
    let mut out = r.safety.as_ref().map(help::notice).unwrap_or_default();
    out.push_str(&format!("\n{} · {} {}\n", r.title, r.date, r.time));
    out.push_str(&format!("{}\n", r.headline));
    for s in &r.subscores {
        out.push_str(&format!("  {}: {}\n", s.label, s.text));
    }
    for a in &r.advice {
        out.push_str(&format!("- {a}\n"));
    }
    out
}

fn overview_text(list: &[MeasureStatus]) -> String {
    let t = terminal_text();
    let mut out = String::new();
    for s in list {
        out.push_str(&format!("{} ({})\n", s.title, s.measure));
        let latest = match &s.latest {
            Some(r) => fill_all(
                &t.measure_last_taken,
                &[("date", &r.date), ("headline", &r.headline)],
            ),
            None => t.measure_not_taken.clone(),
        };
        out.push_str(&format!("  {latest}\n"));
        let due = match (&s.next_due_date, s.due) {
            (_, true) => Some(t.measure_due.clone()),
            (Some(d), false) => Some(fill_all(&t.measure_next_due, &[("date", d)])),
            (None, false) => None,
        };
        if let Some(due) = due {
            out.push_str(&format!("  {due}\n"));
        }
    }
    out.push('\n');
    out.push_str(&t.measure_take_hint);
    out
}

fn info_text(m: &MeasureInfo) -> String {
    let mut out = format!(
        "{} — {}\n{}\n\n{}\n{}\n\n",
        m.title, m.name, m.about, m.instructions, m.stem
    );
    for i in &m.items {
        out.push_str(&format!("  {:>2}. {}\n", i.number, i.text));
    }
    let t = terminal_text();
    out.push_str(&format!("\n{}\n", t.measure_answers));
    for a in &m.anchors {
        out.push_str(&format!("  {} = {}\n", a.value, a.label));
    }
    if !m.bands.is_empty() {
        out.push_str(&format!("\n{}\n", t.measure_ranges));
        for b in &m.bands {
            out.push_str(&format!("  {}–{}: {}\n", b.min, b.max, b.label));
        }
    }
    out.push_str(&format!("\n{}\n", m.licence));
    if let Some(c) = &m.copyright {
        out.push_str(&format!("{c}\n"));
    }
    if let Some(r) = &m.registration {
        out.push_str(&format!("{r}\n"));
    }
    out.push('\n');
    out.push_str(&fill_all(
        &t.measure_take_it,
        &[
            ("count", &m.items.len().to_string()),
            ("id", &m.id.to_string()),
        ],
    ));
    out
}

fn history_text(h: &MeasureHistoryPage) -> String {
    let t = terminal_text();
    let mut out = fill_all(
        &t.measure_history_title,
        &[("count", &h.total_count.to_string()), ("title", &h.title)],
    );
    out.push_str("\n\n");
    for r in &h.results {
        // The core's notice marks a result that has one, before its score.
        for f in r.safety.iter().flat_map(|n| &n.flags) {
            out.push_str(&format!("  !! {} {}: {}\n", r.date, r.time, f.title));
        }
        let mut line = format!("  {} {}  {}", r.date, r.time, r.score_text);
        if let Some(b) = &r.band_label {
            line.push_str(&format!("  {b}"));
        }
        out.push_str(&line);
        out.push('\n');
    }
    if h.has_more {
        out.push_str(&format!("  {}\n", t.more_with_page));
    }
    for s in &h.chart {
        out.push('\n');
        out.push_str(&chart::draw(s));
    }
    if !h.thresholds.is_empty() {
        out.push('\n');
        for t in &h.thresholds {
            out.push_str(&format!("  {}: {}\n", t.label, t.value));
        }
    }
    for n in &h.notes {
        out.push_str(&format!("\n{n}\n"));
    }
    out.trim_end().to_string()
}

fn change_text(ch: &MeasureChange) -> String {
    let mut out = fill_all(
        &terminal_text().measure_change,
        &[
            ("start_date", ch.start_date.as_deref().unwrap_or("?")),
            ("end_date", ch.end_date.as_deref().unwrap_or("?")),
            ("start", &ch.start_total.to_string()),
            ("end", &ch.end_total.to_string()),
            ("title", &ch.title),
        ],
    );
    out.push('\n');
    for l in &ch.lines {
        out.push_str(&format!("- {l}\n"));
    }
    out.trim_end().to_string()
}
