//! `companion checkin` and `companion scale …`: the scaling tool's quick commands.

use companion_core::{
    shell_text, terminal_text, ScalingEntry, ScalingFollowUpAnswer, ScalingHistoryPage,
    ScalingInput, ScalingScaleSummary, ScalingTemplate, WellbeingStore,
};

use crate::args::{RecordArgs, ScaleAction};
use crate::chart;
use crate::ctx::Ctx;
use crate::fail::{Fail, Outcome};
use crate::out::{print, print_json};
use crate::words::fill_all;

pub const PAGE: u32 = 20;

/// The template id of the daily check-in, as the core names it.
const CHECKIN: &str = "checkin";

pub fn checkin(ctx: &Ctx, score: String, note: Option<String>, words: Vec<String>) -> Outcome {
    let c = ctx.open()?;
    // Not a whole number ("abc", "6.5") is outside the scale too: the core refuses it with
    // its own words and the scale's limits ("Please choose a number from 0 to 10."), not a
    // parser's message about digits.
    let score = score.trim().parse::<i32>().unwrap_or(i32::MIN);
    let feelings = feeling_ids(&c, &words)?;
    let e = c.scaling_record(ScalingInput {
        template: CHECKIN.into(),
        subject: None,
        scale_min: None,
        value: score,
        follow_ups: vec![],
        note,
        feelings,
        min_label: None,
        max_label: None,
        date: None,
        time: None,
    })?;
    if ctx.json {
        return print_json(&e);
    }
    print(&fill_all(
        &terminal_text().checked_in,
        &[("entry", &entry_line(&e))],
    ))
}

pub fn run(ctx: &Ctx, action: ScaleAction) -> Outcome {
    match action {
        ScaleAction::Templates => {
            let c = ctx.memory()?;
            let list = c.scaling_templates()?;
            if ctx.json {
                return print_json(&list);
            }
            print(&templates_text(&list))
        }
        ScaleAction::Record(a) => record(ctx, a),
        ScaleAction::List => {
            let c = ctx.open()?;
            let list = c.scaling_scales()?;
            if ctx.json {
                return print_json(&list);
            }
            print(&scales_text(&list))
        }
        ScaleAction::Delete { entry_id } => {
            let c = ctx.open()?;
            c.scaling_delete(entry_id.clone())?;
            if ctx.json {
                return print_json(&serde_json::json!({ "deleted": entry_id }));
            }
            print(&terminal_text().answer_deleted)
        }
    }
}

fn record(ctx: &Ctx, a: RecordArgs) -> Outcome {
    let mut follow_ups = vec![];
    for f in &a.follow_ups {
        let Some((id, answer)) = f.split_once('=') else {
            return Err(Fail::usage(terminal_text().follow_up_form));
        };
        follow_ups.push(ScalingFollowUpAnswer {
            follow_up_id: id.trim().to_string(),
            answer: answer.to_string(),
        });
    }
    let c = ctx.open()?;
    let e = c.scaling_record(ScalingInput {
        template: a.template,
        subject: a.subject,
        scale_min: a.min,
        value: a.value,
        follow_ups,
        note: a.note,
        feelings: vec![],
        min_label: a.min_label,
        max_label: a.max_label,
        date: a.date,
        time: a.time,
    })?;
    if ctx.json {
        return print_json(&e);
    }
    print(&entry_text(&e))
}

/// The check-in's history: the person's check-in scale, if they have one.
pub fn checkin_history(ctx: &Ctx, page: u32) -> Outcome {
    let c = ctx.open()?;
    let scale = c
        .scaling_scales()?
        .into_iter()
        .find(|s| s.template == CHECKIN);
    let Some(scale) = scale else {
        if ctx.json {
            return print_json(&serde_json::Value::Null);
        }
        return print(&terminal_text().no_checkins_yet);
    };
    let h = c.scaling_history(scale.scale_id, page, PAGE)?;
    if ctx.json {
        return print_json(&h);
    }
    print(&history_text(&h))
}

pub fn history(ctx: &Ctx, scale_id: String, page: u32) -> Outcome {
    let c = ctx.open()?;
    let h = c.scaling_history(scale_id, page, PAGE)?;
    if ctx.json {
        return print_json(&h);
    }
    print(&history_text(&h))
}

/// Feeling words typed on the command line, by id or as shown ("on edge"), in any case.
fn feeling_ids(c: &WellbeingStore, words: &[String]) -> Outcome<Vec<String>> {
    if words.is_empty() {
        return Ok(vec![]);
    }
    let list = c.scaling_feeling_words()?;
    words
        .iter()
        .filter(|w| !w.trim().is_empty())
        .map(|w| {
            let w = w.trim();
            list.iter()
                .find(|f| f.id.eq_ignore_ascii_case(w) || f.label.eq_ignore_ascii_case(w))
                .map(|f| f.id.clone())
                .ok_or_else(|| {
                    let names: Vec<&str> = list.iter().map(|f| f.id.as_str()).collect();
                    Fail::invalid(
                        "feeling",
                        fill_all(
                            &terminal_text().feeling_unknown,
                            &[("words", &names.join(", "))],
                        ),
                    )
                })
        })
        .collect()
}

fn entry_line(e: &ScalingEntry) -> String {
    let words: Vec<&str> = e.feelings.iter().map(|f| f.label.as_str()).collect();
    if words.is_empty() {
        format!("{} ({})", e.value_label, e.date_label)
    } else {
        format!(
            "{} · {} ({})",
            e.value_label,
            words.join(", "),
            e.date_label
        )
    }
}

fn entry_text(e: &ScalingEntry) -> String {
    let mut out = format!("{}\n{}\n  {}\n", e.title, e.question, entry_line(e));
    for f in &e.follow_ups {
        out.push_str(&format!("  {}\n    {}\n", f.prompt, f.answer));
    }
    if let Some(n) = &e.note {
        let note = fill_all(&terminal_text().scale_note, &[("note", n)]);
        out.push_str(&format!("  {note}\n"));
    }
    out.push_str(&shell_text().saved);
    out
}

fn templates_text(list: &[ScalingTemplate]) -> String {
    let w = terminal_text();
    let or = format!(" {} ", w.or_between);
    let mut out = String::new();
    for t in list {
        let mins: Vec<String> = t.allowed_mins.iter().map(|m| m.to_string()).collect();
        let range = fill_all(
            &w.scale_template_range,
            &[
                ("mins", &mins.join(&or)),
                ("max", &t.scale_max.to_string()),
                ("subject", &t.subject_rule),
                ("question", &t.question),
            ],
        );
        out.push_str(&format!(
            "  {}: {} — {}\n    {range}\n",
            t.id, t.title, t.summary
        ));
    }
    out.push('\n');
    out.push_str(&w.scale_record_hint);
    out
}

fn scales_text(list: &[ScalingScaleSummary]) -> String {
    let t = terminal_text();
    if list.is_empty() {
        return t.no_scales;
    }
    let mut out = String::new();
    for s in list {
        let line = fill_all(
            &t.scale_item,
            &[
                ("value", &s.latest_value.to_string()),
                ("date", &s.latest_date_label),
                ("trend", &s.trend.direction_label),
                ("count", &s.entry_count.to_string()),
                ("id", &s.scale_id),
            ],
        );
        out.push_str(&format!("  {}\n    {line}\n", s.question));
    }
    out.trim_end().to_string()
}

fn history_text(h: &ScalingHistoryPage) -> String {
    let s = &h.scale;
    let mut out = format!("{}\n{}\n", s.title, s.question);
    out.push_str(&format!("  {}", s.trend.direction_label));
    let t = terminal_text();
    if let Some(a) = s.trend.average_7_days {
        let avg = fill_all(&t.scale_average_7, &[("value", &format!("{a:.1}"))]);
        out.push_str(&format!(" · {avg}"));
    }
    if let Some(a) = s.trend.average_30_days {
        let avg = fill_all(&t.scale_average_30, &[("value", &format!("{a:.1}"))]);
        out.push_str(&format!(" · {avg}"));
    }
    out.push_str("\n\n");
    for e in &h.entries {
        out.push_str(&format!("  {}  {}", e.date_label, e.value));
        if !e.feelings.is_empty() {
            let words: Vec<&str> = e.feelings.iter().map(|f| f.label.as_str()).collect();
            out.push_str(&format!(" · {}", words.join(", ")));
        }
        if let Some(n) = &e.note {
            out.push_str(&format!("  {n}"));
        }
        out.push('\n');
    }
    if h.has_more {
        out.push_str(&format!("  {}\n", t.more_with_page));
    }
    out.push('\n');
    out.push_str(&chart::draw(&h.chart));
    out.trim_end().to_string()
}
