//! `companion today` and `companion week`, and the top of interactive mode.
//!
//! The core has no combined today()/week() view yet, so these screens put the tools' own
//! views side by side (each record drawn as the core made it; nothing is counted, compared
//! or dated here). When the core gains `today()`/`week()`, these become one call each.

use serde::Serialize;

use companion_core::{
    ChartSeries, Companion, DraftInfo, FiveWaysEntry, FiveWaysGlance, FiveWaysWeek, MeasureStatus,
    ScalingEntry,
};

use crate::chart;
use crate::cmd::{print, print_json};
use crate::ctx::Ctx;
use crate::fail::Outcome;
use crate::five_ways;

/// Today, from each tool's view.
#[derive(Debug, Serialize)]
pub struct TodayScreen {
    pub date: String,
    pub check_in: Option<ScalingEntry>,
    pub five_ways_today: Vec<FiveWaysEntry>,
    pub five_ways: FiveWaysGlance,
    /// Measures the core marks as due.
    pub measures_due: Vec<MeasureStatus>,
    /// Five Areas worksheets waiting for a look back at the change.
    pub five_areas_awaiting_review: u32,
    pub drafts: Vec<DraftInfo>,
}

/// The week, from each tool's view.
#[derive(Debug, Serialize)]
pub struct WeekScreen {
    pub five_ways: FiveWaysWeek,
    pub check_ins: ChartSeries,
}

pub fn today_screen(c: &Companion) -> Outcome<TodayScreen> {
    let date = c.today_date();
    Ok(TodayScreen {
        check_in: c.scaling_check_in_today()?,
        five_ways_today: c.five_ways_entries_for_day(date.clone())?,
        five_ways: c.five_ways_glance()?,
        measures_due: c
            .measures_overview()?
            .into_iter()
            .filter(|m| m.due)
            .collect(),
        five_areas_awaiting_review: c.five_areas_history(0, 1)?.awaiting_review,
        drafts: c.list_drafts()?,
        date,
    })
}

pub fn today_text(t: &TodayScreen) -> String {
    let mut out = String::new();
    match &t.check_in {
        Some(e) => out.push_str(&format!("Check-in: {} at {}\n", e.value_label, e.time)),
        None => out.push_str("Check-in: not yet today\n"),
    }
    if t.five_ways_today.is_empty() {
        out.push_str("Five Ways today: nothing logged yet\n");
    } else {
        out.push_str("Five Ways today:\n");
        for e in &t.five_ways_today {
            out.push_str(&format!("  {} ({})\n", e.what, e.ways_label));
        }
    }
    out.push_str(&format!(
        "  Something to try ({}): {}\n",
        t.five_ways.suggestion.way_title, t.five_ways.suggestion.text
    ));
    if let Some(p) = &t.five_ways.open_plan {
        out.push_str(&format!(
            "  Your plan for {} is waiting for a review\n",
            p.label
        ));
    }
    for m in &t.measures_due {
        out.push_str(&format!(
            "Due: {} (companion measure take {})\n",
            m.title, m.measure
        ));
    }
    if t.five_areas_awaiting_review > 0 {
        out.push_str(&format!(
            "Five Areas: {} change(s) to look back on (companion history five-areas)\n",
            t.five_areas_awaiting_review
        ));
    }
    if !t.drafts.is_empty() {
        out.push_str(&format!(
            "Drafts: {} unfinished (companion drafts)\n",
            t.drafts.len()
        ));
    }
    out.trim_end().to_string()
}

pub fn today(ctx: &Ctx) -> Outcome {
    let c = ctx.open()?;
    let t = today_screen(&c)?;
    if ctx.json {
        return print_json(&t);
    }
    print(&format!("Today, {}\n{}", t.date, today_text(&t)))
}

pub fn week_screen(c: &Companion, date: Option<String>) -> Outcome<WeekScreen> {
    let five_ways = c.five_ways_week(date)?;
    let check_ins =
        c.scaling_check_in_chart(five_ways.week_start.clone(), five_ways.week_end.clone())?;
    Ok(WeekScreen {
        five_ways,
        check_ins,
    })
}

pub fn week_text(w: &WeekScreen) -> String {
    format!(
        "{}\n\n{}",
        five_ways::week_text(&w.five_ways),
        chart::draw(&w.check_ins).trim_end()
    )
}

pub fn week(ctx: &Ctx, date: Option<String>) -> Outcome {
    let c = ctx.open()?;
    let w = week_screen(&c, date)?;
    if ctx.json {
        return print_json(&w);
    }
    print(&week_text(&w))
}
