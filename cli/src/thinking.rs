//! Unhelpful thinking styles: the core's catalogue, its suggestions for a thought (with the
//! words that suggested each), and the thought-record history.

use companion_core::{
    suggest_thinking_styles, terminal_text, thinking_styles, ThinkingStyle,
    ThinkingStyleSuggestion, ThoughtRecordHistoryPage,
};

use crate::args::ThinkingAction;
use crate::chart;
use crate::ctx::Ctx;
use crate::fail::Outcome;
use crate::out::{print, print_json};
use crate::words::fill_all;

pub const PAGE: u32 = 20;

pub fn run(ctx: &Ctx, action: ThinkingAction) -> Outcome {
    match action {
        ThinkingAction::Styles => {
            let list = thinking_styles();
            if ctx.json {
                return print_json(&list);
            }
            print(&styles_text(&list))
        }
        ThinkingAction::Suggest { thought } => {
            // Pure: nothing is opened or stored.
            let list = suggest_thinking_styles(thought);
            if ctx.json {
                return print_json(&list);
            }
            print(&suggest_text(&list))
        }
    }
}

fn styles_text(list: &[ThinkingStyle]) -> String {
    let t = terminal_text();
    let mut out = String::new();
    for s in list {
        out.push_str(&format!("{} ({})\n", s.name, s.id));
        if !s.aliases.is_empty() {
            let names = fill_all(&t.also_called, &[("names", &s.aliases.join(", "))]);
            out.push_str(&format!("  {names}\n"));
        }
        out.push_str(&format!("  {}\n", s.description));
        let example = fill_all(&t.for_example, &[("example", &s.example)]);
        out.push_str(&format!("  {example}\n"));
        for q in &s.balancing_questions {
            out.push_str(&format!("  ? {q}\n"));
        }
        out.push('\n');
    }
    out.trim_end().to_string()
}

fn suggest_text(list: &[ThinkingStyleSuggestion]) -> String {
    let t = terminal_text();
    if list.is_empty() {
        return t.no_style_stood_out;
    }
    let mut out = String::new();
    for s in list {
        out.push_str(&format!("{}\n", s.style_name));
        let words: Vec<String> = s.matches.iter().map(|m| format!("“{}”", m.text)).collect();
        if !words.is_empty() {
            let words = fill_all(&t.style_words, &[("words", &words.join(", "))]);
            out.push_str(&format!("  {words}\n"));
        }
        out.push_str(&format!("  {}\n", s.wording));
        // The wording already asks the first question; the others follow it.
        for q in s
            .balancing_questions
            .iter()
            .filter(|q| !s.wording.contains(q.as_str()))
        {
            out.push_str(&format!("  ? {q}\n"));
        }
        out.push('\n');
    }
    out.trim_end().to_string()
}

pub fn history(ctx: &Ctx, page: u32) -> Outcome {
    let c = ctx.open()?;
    let h = c.thought_record_history(page.saturating_mul(PAGE), PAGE)?;
    if ctx.json {
        return print_json(&h);
    }
    print(&history_text(&h))
}

fn history_text(h: &ThoughtRecordHistoryPage) -> String {
    if h.items.is_empty() {
        if let Some(t) = &h.empty_text {
            return t.clone();
        }
    }
    let mut out = String::new();
    for i in &h.items {
        out.push_str(&format!("  {} {}  {}\n", i.date_label, i.time, i.thought));
        if !i.style_names.is_empty() {
            out.push_str(&format!("    {}\n", i.style_names.join(" · ")));
        }
        for l in &i.emotion_lines {
            out.push_str(&format!("    {l}\n"));
        }
    }
    if h.has_more {
        out.push_str(&format!("  {}\n", terminal_text().more_with_page));
    }
    for s in &h.charts {
        out.push('\n');
        out.push_str(&chart::draw(s));
    }
    out.trim_end().to_string()
}
