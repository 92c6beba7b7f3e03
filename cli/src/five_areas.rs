//! `companion history five-areas`: the Five Areas worksheets, as the core lists them.

use companion_core::{terminal_text, FiveAreasHistoryPage};

use crate::chart;
use crate::ctx::Ctx;
use crate::fail::Outcome;
use crate::out::{print, print_json};
use crate::words::fill_all;

pub const PAGE: u32 = 20;

pub fn history(ctx: &Ctx, page: u32) -> Outcome {
    let c = ctx.open()?;
    let h = c.five_areas_history(page * PAGE, PAGE)?;
    if ctx.json {
        return print_json(&h);
    }
    print(&history_text(&h))
}

fn history_text(h: &FiveAreasHistoryPage) -> String {
    if let Some(t) = &h.empty_text {
        if h.items.is_empty() {
            return t.clone();
        }
    }
    let t = terminal_text();
    let mut out = String::new();
    for i in &h.items {
        out.push_str(&format!(
            "  {}  {} ({})\n",
            i.date_label, i.title, i.status_label
        ));
        for extra in [&i.strongest_feeling, &i.change_label, &i.review_label]
            .into_iter()
            .flatten()
        {
            out.push_str(&format!("    {extra}\n"));
        }
        if i.awaiting_review {
            let review = fill_all(&t.review_with, &[("id", &i.id)]);
            out.push_str(&format!("    {review}\n"));
        }
    }
    if h.has_more {
        out.push_str(&format!("  {}\n", t.more_with_page));
    }
    for s in &h.charts {
        out.push('\n');
        out.push_str(&chart::draw(s));
    }
    out.trim_end().to_string()
}
