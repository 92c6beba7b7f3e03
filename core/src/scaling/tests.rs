//! Scaling tool: the direct API, its rules, history and trends, and every guided flow.

use std::sync::Arc;

use super::*;
use crate::flow::{Answer, FlowProgress, FlowSummary, InputKind, Step};
use crate::WellbeingError;
#[allow(unused_imports)]
use crate::{MeasureId, SafetyFlagCode, ToolGroup, ToolId, WayId};

/// Tuesday 31 March 2026, 12:00 UTC (13:00 BST at offset +60).
const NOON: i64 = 1_774_958_400_000;
const DAY: i64 = 86_400_000;
const HOUR: i64 = 3_600_000;

fn companion() -> Arc<WellbeingStore> {
    let c = WellbeingStore::open_in_memory().unwrap();
    c.set_fixed_time(NOON, 0).unwrap();
    c
}

fn input(template: &str, subject: Option<&str>, value: i32) -> ScalingInput {
    ScalingInput {
        template: template.into(),
        subject: subject.map(String::from),
        scale_min: None,
        value,
        follow_ups: vec![],
        note: None,
        feelings: vec![],
        min_label: None,
        max_label: None,
        date: None,
        time: None,
    }
}

fn fu(id: &str, answer: &str) -> ScalingFollowUpAnswer {
    ScalingFollowUpAnswer {
        follow_up_id: id.into(),
        answer: answer.into(),
    }
}

fn invalid_field(r: ApiResult<impl std::fmt::Debug>) -> String {
    match r {
        Err(WellbeingError::InvalidInput { field, .. }) => field,
        other => panic!("expected InvalidInput, got {other:?}"),
    }
}

fn is_not_found(r: ApiResult<impl std::fmt::Debug>) -> bool {
    matches!(r, Err(WellbeingError::NotFound { .. }))
}

fn count(c: &WellbeingStore, table: &str) -> i64 {
    c.read(|conn| Ok(conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?))
        .unwrap()
}

fn text(s: &str) -> Answer {
    Answer::Text { text: s.into() }
}

fn scale(v: i32) -> Answer {
    Answer::Scale { value: v }
}

fn step(p: FlowProgress) -> Step {
    match p {
        FlowProgress::Next { step } => step,
        other => panic!("expected a step, got {other:?}"),
    }
}

fn done(p: FlowProgress) -> FlowSummary {
    match p {
        FlowProgress::Complete { summary } => summary,
        other => panic!("expected the summary, got {other:?}"),
    }
}

fn item<'a>(s: &'a FlowSummary, label_part: &str) -> Option<&'a str> {
    s.items
        .iter()
        .find(|i| i.label.contains(label_part))
        .map(|i| i.value.as_str())
}

// ---------------------------------------------------------------------------------------
// Direct API
// ---------------------------------------------------------------------------------------

#[test]
fn check_in_is_stored_with_its_range_and_read_back() {
    let c = companion();
    let e = c.scaling_check_in(7, Some("  slept well ".into())).unwrap();
    assert_eq!(e.template, "checkin");
    assert_eq!(e.question, "How are you feeling today?");
    assert_eq!((e.value, e.scale_min, e.scale_max), (7, 0, 10));
    assert_eq!(e.value_label, "7 on a scale of 0 to 10");
    assert_eq!(e.note.as_deref(), Some("slept well"));
    assert_eq!((e.date.as_str(), e.time.as_str()), ("2026-03-31", "12:00"));
    assert_eq!(e.date_label, "Tue 31 Mar, 12:00");
    assert_eq!(
        e.anchors.iter().map(|a| a.value).collect::<Vec<_>>(),
        [0, 5, 10]
    );
    assert_eq!(c.scaling_entry(e.id.clone()).unwrap(), e);
    let (min, max): (i32, i32) = c
        .read(|conn| {
            Ok(conn.query_row(
                "SELECT scale_min, scale_max FROM scaling_entries WHERE id = ?1",
                [&e.id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?)
        })
        .unwrap();
    assert_eq!((min, max), (0, 10));
}

#[test]
fn todays_check_in_is_the_latest_today() {
    let c = companion();
    assert_eq!(c.scaling_check_in_today().unwrap(), None);
    c.set_fixed_time(NOON - DAY, 0).unwrap();
    c.scaling_check_in(9, None).unwrap();
    c.set_fixed_time(NOON, 0).unwrap();
    assert_eq!(c.scaling_check_in_today().unwrap(), None);
    c.scaling_check_in(3, None).unwrap();
    c.set_fixed_time(NOON + 2 * HOUR, 0).unwrap();
    c.scaling_check_in(6, None).unwrap();
    // A check-in recorded now but dated earlier today does not replace the later one.
    let mut early = input("checkin", None, 1);
    early.time = Some("08:00".into());
    c.scaling_record(early).unwrap();
    let today = c.scaling_today_check_in().unwrap().unwrap();
    assert_eq!((today.value, today.time.as_str()), (6, "14:00"));
}

#[test]
fn ruler_answer_keeps_its_follow_ups_with_the_questions_asked() {
    let c = companion();
    let mut i = input("importance", Some("To walk to work. "), 6);
    i.follow_ups = vec![
        fu("move-up", "a dry morning"),
        fu("not-lower", "I want to feel fitter"),
    ];
    let e = c.scaling_record(i).unwrap();
    assert_eq!(e.subject.as_deref(), Some("walk to work"));
    assert_eq!(e.question, "How important is it to you to walk to work?");
    assert_eq!(e.follow_ups.len(), 2);
    // Stored in the order they are asked, each with the number in its question.
    assert_eq!(e.follow_ups[0].follow_up_id, "not-lower");
    assert_eq!(
        e.follow_ups[0].prompt,
        "Why a 6 and not a lower number, such as 4?"
    );
    assert_eq!(e.follow_ups[0].answer, "I want to feel fitter");
    assert_eq!(
        e.follow_ups[1].prompt,
        "What would it take to move you from 6 to 8?"
    );
    // A blank follow-up is no answer.
    let mut i = input("confidence", Some("walk to work"), 3);
    i.follow_ups = vec![fu("not-lower", "   ")];
    assert!(c.scaling_record(i).unwrap().follow_ups.is_empty());
}

#[test]
fn one_to_ten_rulers_are_stored_and_prompted_as_such() {
    let c = companion();
    let mut i = input("readiness", Some("ring the surgery"), 1);
    i.scale_min = Some(1);
    i.follow_ups = vec![fu("move-up", "a script to read")];
    let e = c.scaling_record(i).unwrap();
    assert_eq!((e.scale_min, e.scale_max), (1, 10));
    assert_eq!(e.value_label, "1 on a scale of 1 to 10");
    assert_eq!(
        e.follow_ups[0].prompt,
        "What would it take to move you from 1 to 3?"
    );
    assert_eq!(e.anchors[0].value, 1);
    let p = c
        .scaling_follow_up_prompts("readiness".into(), 2, Some(1))
        .unwrap();
    assert_eq!(p[0].prompt, "Why a 2 and not a lower number, such as 1?");
    assert_eq!(p[0].source, "S1, S2");
    let p = c
        .scaling_follow_up_prompts("solution-focused".into(), 10, Some(1))
        .unwrap();
    assert_eq!(p[0].prompt, "How did you get from 9 to 10?");
    assert!(!p.iter().any(|f| f.follow_up_id == "first-step"));
    assert_eq!(
        invalid_field(c.scaling_follow_up_prompts("checkin".into(), 5, Some(1))),
        "scale_min"
    );
}

#[test]
fn templates_are_listed_for_pickers() {
    let c = companion();
    let t = c.scaling_templates().unwrap();
    assert_eq!(t.len(), 6);
    let imp = t.iter().find(|t| t.id == "importance").unwrap();
    assert_eq!(imp.question, "How important is it to you to …?");
    assert_eq!(imp.subject_rule, "required");
    assert_eq!(imp.allowed_mins, [0, 1]);
    assert_eq!(imp.tool, ToolId::ScaleImportance);
    let checkin = t.iter().find(|t| t.id == "checkin").unwrap();
    assert_eq!(checkin.subject_rule, "none");
    assert_eq!(checkin.subject_prompt, None);
}

// --- one test per validation rule ---

#[test]
fn value_outside_the_stored_range_is_refused() {
    let c = companion();
    assert_eq!(invalid_field(c.scaling_check_in(11, None)), "value");
    assert_eq!(invalid_field(c.scaling_check_in(-1, None)), "value");
    let mut i = input("custom", Some("How rested am I?"), 0);
    i.scale_min = Some(1);
    assert_eq!(invalid_field(c.scaling_record(i)), "value");
    assert_eq!(count(&c, "scaling_entries"), 0);
    // And the stored range is checked again when an answer is edited.
    let e = c.scaling_check_in(5, None).unwrap();
    assert_eq!(
        invalid_field(c.scaling_edit(e.id, input("checkin", None, 12))),
        "value"
    );
}

#[test]
fn range_bottom_must_be_allowed_for_the_template() {
    let c = companion();
    let mut i = input("checkin", None, 5);
    i.scale_min = Some(1);
    assert_eq!(invalid_field(c.scaling_record(i)), "scale_min");
    let mut i = input("importance", Some("x"), 5);
    i.scale_min = Some(2);
    assert_eq!(invalid_field(c.scaling_record(i)), "scale_min");
}

#[test]
fn unknown_template_is_refused() {
    let c = companion();
    assert_eq!(
        invalid_field(c.scaling_record(input("happiness", None, 5))),
        "template"
    );
    assert_eq!(
        invalid_field(c.scaling_follow_up_prompts("nope".into(), 5, None)),
        "template"
    );
}

#[test]
fn subject_rules() {
    let c = companion();
    // Required for the rulers and the custom question; "to." tidies to nothing.
    for s in [None, Some(""), Some("   "), Some("to ."), Some("?")] {
        assert_eq!(
            invalid_field(c.scaling_record(input("importance", s, 5))),
            "subject",
            "{s:?}"
        );
    }
    assert_eq!(
        invalid_field(c.scaling_record(input("custom", None, 5))),
        "subject"
    );
    // Not used by the check-in; optional for the solution-focused scale.
    assert_eq!(
        invalid_field(c.scaling_record(input("checkin", Some("x"), 5))),
        "subject"
    );
    assert!(c.scaling_record(input("checkin", Some("  "), 5)).is_ok());
    assert!(c.scaling_record(input("solution-focused", None, 5)).is_ok());
    // One line only.
    assert_eq!(
        invalid_field(c.scaling_record(input("readiness", Some("a\nb"), 5))),
        "subject"
    );
}

#[test]
fn over_long_texts_are_refused_without_echoing_them() {
    let c = companion();
    let secret = "secret ";
    let long = |n: usize| secret.repeat(n / secret.len() + 1);
    let r = c.scaling_record(input("importance", Some(&long(201)), 5));
    if let Err(e) = &r {
        assert!(!e.to_string().contains("secret"));
    }
    assert_eq!(invalid_field(r), "subject");
    assert_eq!(
        invalid_field(c.scaling_check_in(5, Some(long(4001)))),
        "note"
    );
    let mut i = input("importance", Some("walk"), 5);
    i.follow_ups = vec![fu("move-up", &long(1001))];
    assert_eq!(invalid_field(c.scaling_record(i)), "follow_ups");
    let mut i = input("custom", Some("How calm?"), 5);
    i.max_label = Some(long(41));
    assert_eq!(invalid_field(c.scaling_record(i)), "max_label");
    // At the limits they are fine.
    let mut i = input("custom", Some(&"q".repeat(200)), 5);
    i.min_label = Some("l".repeat(40));
    i.note = Some("n".repeat(4000));
    assert!(c.scaling_record(i).is_ok());
}

#[test]
fn anchor_labels_belong_to_custom_scales_only() {
    let c = companion();
    let mut i = input("importance", Some("walk"), 5);
    i.min_label = Some("low".into());
    assert_eq!(invalid_field(c.scaling_record(i)), "min_label");
    let mut i = input("custom", Some("How calm?"), 5);
    i.min_label = Some("tense".into());
    i.max_label = Some("calm".into());
    let e = c.scaling_record(i).unwrap();
    assert_eq!(e.anchors[0].label, "tense");
    assert_eq!(e.anchors[1].label, "calm");
    // Answering again without labels keeps them.
    let e = c
        .scaling_record(input("custom", Some("how  CALM?"), 6))
        .unwrap();
    assert_eq!(e.anchors[1].label, "calm");
}

#[test]
fn follow_ups_must_be_ones_asked_for_this_answer() {
    let c = companion();
    // At the bottom of a ruler "why not lower" is never asked, so cannot be answered.
    let mut i = input("importance", Some("walk"), 0);
    i.follow_ups = vec![fu("not-lower", "x")];
    assert_eq!(invalid_field(c.scaling_record(i)), "follow_ups");
    let mut i = input("importance", Some("walk"), 5);
    i.follow_ups = vec![fu("how-got-here", "x")];
    assert_eq!(invalid_field(c.scaling_record(i)), "follow_ups");
    let mut i = input("importance", Some("walk"), 5);
    i.follow_ups = vec![fu("move-up", "x"), fu("move-up", "y")];
    assert_eq!(invalid_field(c.scaling_record(i)), "follow_ups");
    let mut i = input("checkin", None, 5);
    i.follow_ups = vec![fu("move-up", "x")];
    assert_eq!(invalid_field(c.scaling_record(i)), "follow_ups");
}

#[test]
fn future_and_impossible_dates_are_refused() {
    let c = companion();
    let mut i = input("checkin", None, 5);
    i.date = Some("2026-04-01".into());
    assert_eq!(invalid_field(c.scaling_record(i.clone())), "date");
    i.date = Some("2026-02-30".into());
    assert_eq!(invalid_field(c.scaling_record(i.clone())), "date");
    i.date = None;
    i.time = Some("25:00".into());
    assert_eq!(invalid_field(c.scaling_record(i.clone())), "time");
    // A past day is fine, and so is a future date refused on edit.
    i.time = None;
    i.date = Some("2026-03-01".into());
    let e = c.scaling_record(i.clone()).unwrap();
    assert_eq!((e.date.as_str(), e.time.as_str()), ("2026-03-01", "12:00"));
    i.date = Some("2027-01-01".into());
    assert_eq!(invalid_field(c.scaling_edit(e.id, i)), "date");
}

#[test]
fn unknown_ids_are_not_found() {
    let c = companion();
    let ghost = validate::new_id();
    assert!(is_not_found(c.scaling_entry(ghost.clone())));
    assert!(is_not_found(c.scaling_delete(ghost.clone())));
    assert!(is_not_found(
        c.scaling_edit(ghost.clone(), input("checkin", None, 5))
    ));
    assert!(is_not_found(c.scaling_history(ghost.clone(), 0, 10)));
    assert!(is_not_found(c.scaling_entry("../x".into())));
    assert!(is_not_found(c.scaling_entry("".into())));
    assert!(is_not_found(
        c.start_flow(ToolId::ScaleImportance, Some(ghost))
    ));
}

#[test]
fn paging_and_chart_ranges_are_checked() {
    let c = companion();
    let e = c.scaling_check_in(5, None).unwrap();
    assert_eq!(
        invalid_field(c.scaling_history(e.scale_id.clone(), 0, 0)),
        "page_size"
    );
    assert_eq!(
        invalid_field(c.scaling_history(e.scale_id.clone(), 0, 101)),
        "page_size"
    );
    // Past the end: an empty page, not an error.
    let p = c.scaling_history(e.scale_id, 5, 10).unwrap();
    assert!(p.entries.is_empty() && !p.has_more);
    assert_eq!(
        invalid_field(c.scaling_check_in_chart("2026-03-10".into(), "2026-03-01".into())),
        "to_date"
    );
    assert_eq!(
        invalid_field(c.scaling_check_in_chart("2025-01-01".into(), "2026-03-01".into())),
        "to_date"
    );
    assert_eq!(
        invalid_field(c.scaling_check_in_chart("1 March".into(), "2026-03-01".into())),
        "from_date"
    );
}

// --- edit and delete ---

#[test]
fn edit_replaces_value_and_follow_ups_and_keeps_the_moment() {
    let c = companion();
    let mut i = input("importance", Some("walk to work"), 6);
    i.follow_ups = vec![fu("not-lower", "fitness")];
    i.date = Some("2026-03-20".into());
    i.time = Some("08:15".into());
    let e = c.scaling_record(i).unwrap();
    let mut i = input("importance", Some("walk to work"), 10);
    i.follow_ups = vec![fu("move-up", "keep the route")];
    let edited = c.scaling_edit(e.id.clone(), i).unwrap();
    assert_eq!(edited.id, e.id);
    assert_eq!(edited.scale_id, e.scale_id);
    assert_eq!(edited.value, 10);
    assert_eq!(
        (edited.date.as_str(), edited.time.as_str()),
        ("2026-03-20", "08:15")
    );
    assert_eq!(edited.follow_ups.len(), 1);
    assert_eq!(
        edited.follow_ups[0].prompt,
        "You are at 10, the top of the scale. What helps you keep it there?"
    );
    assert_eq!(count(&c, "scaling_follow_ups"), 1);
    // A new time alone keeps the day.
    let mut i = input("importance", Some("walk to work"), 10);
    i.time = Some("19:00".into());
    let edited = c.scaling_edit(e.id.clone(), i).unwrap();
    assert_eq!(
        (edited.date.as_str(), edited.time.as_str()),
        ("2026-03-20", "19:00")
    );
    assert_eq!(c.scaling_entry(e.id).unwrap(), edited);
}

#[test]
fn edit_to_another_subject_moves_the_answer_and_drops_the_empty_scale() {
    let c = companion();
    let e = c
        .scaling_record(input("confidence", Some("cycle to work"), 4))
        .unwrap();
    let moved = c
        .scaling_edit(e.id.clone(), input("confidence", Some("walk to work"), 4))
        .unwrap();
    assert_ne!(moved.scale_id, e.scale_id);
    assert!(is_not_found(c.scaling_history(e.scale_id, 0, 10)));
    let subjects: Vec<Option<String>> = c
        .read(|conn| {
            let mut st = conn.prepare("SELECT subject FROM scaling_scales")?;
            let rows = st.query_map([], |r| r.get(0))?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        })
        .unwrap();
    assert_eq!(subjects, vec![Some("walk to work".to_string())]);
}

#[test]
fn delete_is_real_and_takes_follow_ups_and_empty_scales_with_it() {
    let c = companion();
    let mut i = input("importance", Some("walk"), 6);
    i.follow_ups = vec![fu("not-lower", "a"), fu("move-up", "b")];
    let a = c.scaling_record(i).unwrap();
    let b = c
        .scaling_record(input("importance", Some("walk"), 7))
        .unwrap();
    assert_eq!(count(&c, "scaling_follow_ups"), 2);
    c.scaling_delete(a.id.clone()).unwrap();
    assert_eq!(count(&c, "scaling_follow_ups"), 0);
    assert_eq!(count(&c, "scaling_scales"), 1);
    assert!(is_not_found(c.scaling_entry(a.id.clone())));
    assert!(is_not_found(c.scaling_delete(a.id)));
    c.scaling_delete(b.id).unwrap();
    assert_eq!(count(&c, "scaling_scales"), 0);
    assert!(c.scaling_scales().unwrap().is_empty());
}

// --- grouping, history and trends ---

#[test]
fn answers_group_by_template_subject_and_range() {
    let c = companion();
    let a = c
        .scaling_record(input("importance", Some("Walk to work"), 5))
        .unwrap();
    let b = c
        .scaling_record(input("importance", Some("  walk   to WORK "), 6))
        .unwrap();
    assert_eq!(a.scale_id, b.scale_id);
    // The scale shows the latest wording.
    assert_eq!(b.subject.as_deref(), Some("walk   to WORK"));
    let other_kind = c
        .scaling_record(input("confidence", Some("walk to work"), 6))
        .unwrap();
    assert_ne!(other_kind.scale_id, a.scale_id);
    let mut i = input("importance", Some("walk to work"), 6);
    i.scale_min = Some(1);
    let other_range = c.scaling_record(i).unwrap();
    assert_ne!(other_range.scale_id, a.scale_id);
    c.scaling_check_in(5, None).unwrap();
    c.scaling_check_in(6, None).unwrap();
    let scales = c.scaling_scales().unwrap();
    assert_eq!(scales.len(), 4);
    assert_eq!(
        scales
            .iter()
            .find(|s| s.template == "checkin")
            .unwrap()
            .entry_count,
        2
    );
}

#[test]
fn scale_list_has_latest_value_count_and_trend() {
    let c = companion();
    for (days_ago, v) in [(40, 2), (20, 3), (5, 4), (3, 5), (1, 7), (0, 8)] {
        let mut i = input("solution-focused", Some("my sleep"), v);
        i.date = Some(clock::fmt_date(
            chrono::NaiveDate::from_ymd_opt(2026, 3, 31).unwrap()
                - chrono::Duration::days(days_ago),
        ));
        c.scaling_record(i).unwrap();
    }
    let mut old = input("custom", Some("How calm?"), 5);
    old.date = Some("2026-01-05".into());
    c.scaling_record(old).unwrap();
    let list = c.scaling_scales().unwrap();
    assert_eq!(list.len(), 2);
    let s = &list[0];
    assert_eq!(s.template, "solution-focused");
    assert_eq!(
        s.question,
        "Thinking about my sleep: if 10 is how you want things to be and 0 is the worst they have been, where are you now?"
    );
    assert_eq!((s.latest_value, s.entry_count), (8, 6));
    assert_eq!(s.latest_date, "2026-03-31");
    assert_eq!(s.trend.change_since_first, 6);
    // Last 7 days: 4, 5, 7, 8.
    assert_eq!(s.trend.average_7_days, Some(6.0));
    // Last 30 days adds the 3.
    assert_eq!(s.trend.average_30_days, Some(5.4));
    assert_eq!(s.trend.direction, "up");
    // The custom scale answered once long ago: no recent averages, steady.
    let old = &list[1];
    assert_eq!(old.trend.average_7_days, None);
    assert_eq!(old.trend.direction, "steady");
}

#[test]
fn history_pages_newest_first_with_a_chart_per_answer() {
    let c = companion();
    for k in 0..25 {
        c.set_fixed_time(NOON - (24 - k) * DAY, 0).unwrap();
        c.scaling_record(input("confidence", Some("walk"), (k % 11) as i32))
            .unwrap();
    }
    let list = c.scaling_scales().unwrap();
    let id = list[0].scale_id.clone();
    let p0 = c.scaling_history(id.clone(), 0, 10).unwrap();
    assert_eq!(p0.entries.len(), 10);
    assert!(p0.has_more);
    assert_eq!(p0.entries[0].date, "2026-03-31");
    assert_eq!(p0.entries[1].date, "2026-03-30");
    let p2 = c.scaling_history(id.clone(), 2, 10).unwrap();
    assert_eq!(p2.entries.len(), 5);
    assert!(!p2.has_more);
    assert_eq!(p2.entries[4].date, "2026-03-07");
    assert_eq!(p0.scale.entry_count, 25);
    assert_eq!(p0.chart.points.len(), 25);
    assert_eq!(p0.chart.points[0].value, Some(0.0));
    assert_eq!(p0.chart.points[24].date, "2026-03-31");
    assert_eq!((p0.chart.axis_min, p0.chart.axis_max), (0.0, 10.0));
}

#[test]
fn check_in_history_has_one_point_per_day_the_days_latest() {
    let c = companion();
    c.set_fixed_time(NOON - 2 * DAY, 0).unwrap();
    c.scaling_check_in(2, None).unwrap();
    c.set_fixed_time(NOON - 2 * DAY + 3 * HOUR, 0).unwrap();
    c.scaling_check_in(7, None).unwrap();
    c.set_fixed_time(NOON, 0).unwrap();
    c.scaling_check_in(5, None).unwrap();
    let id = c.scaling_check_in_today().unwrap().unwrap().scale_id;
    let h = c.scaling_history(id, 0, 50).unwrap();
    assert_eq!(h.entries.len(), 3);
    assert_eq!(h.chart.id, "scaling-checkin");
    assert_eq!(h.chart.points.len(), 30);
    let last3: Vec<Option<f64>> = h.chart.points[27..].iter().map(|p| p.value).collect();
    assert_eq!(last3, vec![Some(7.0), None, Some(5.0)]);
    assert_eq!(h.chart.points[29].date, "2026-03-31");
    let s = c
        .scaling_check_in_chart("2026-03-28".into(), "2026-03-31".into())
        .unwrap();
    let v: Vec<Option<f64>> = s.points.iter().map(|p| p.value).collect();
    assert_eq!(v, vec![None, Some(7.0), None, Some(5.0)]);
    // The series for views and the exported chart agree.
    let d = |s: &str| clock::parse_date("d", s).unwrap();
    assert_eq!(
        c.scaling_check_in_series(d("2026-03-28"), d("2026-03-31"))
            .unwrap(),
        s
    );
}

#[test]
fn check_in_days_follow_the_local_date() {
    let c = companion();
    // 23:30 on the 30th in New York is 03:30 UTC on the 31st: it belongs to the 30th.
    c.set_fixed_time(NOON - 8 * HOUR - HOUR / 2, -240).unwrap();
    let e = c.scaling_check_in(4, None).unwrap();
    assert_eq!((e.date.as_str(), e.time.as_str()), ("2026-03-30", "23:30"));
    let s = c
        .scaling_check_in_chart("2026-03-30".into(), "2026-03-31".into())
        .unwrap();
    assert_eq!(s.points[0].value, Some(4.0));
    assert_eq!(s.points[1].value, None);
}

// ---------------------------------------------------------------------------------------
// Guided flows
// ---------------------------------------------------------------------------------------

#[test]
fn scaling_tools_are_listed() {
    let c = companion();
    let ids: Vec<String> = c
        .list_tools()
        .into_iter()
        .filter(|t| t.group == ToolGroup::Scaling)
        .map(|t| t.id.as_str().to_string())
        .collect();
    assert_eq!(
        ids,
        [
            "checkin",
            "scale-importance",
            "scale-confidence",
            "scale-readiness",
            "scale-solution-focused",
            "scale-custom"
        ]
    );
}

#[test]
fn checkin_flow_saved() {
    let c = companion();
    let s = step(c.start_flow(ToolId::Checkin, None).unwrap());
    assert_eq!((s.step_id.as_str(), s.position, s.total), ("value", 1, 3));
    assert_eq!(s.prompt, "How are you feeling today?");
    match &s.input {
        InputKind::Scale { min, max, anchors } => {
            assert_eq!((*min, *max), (0, 10));
            assert_eq!(anchors.len(), 3);
        }
        other => panic!("{other:?}"),
    }
    let s = step(c.answer_flow(s.flow_id.clone(), scale(6)).unwrap());
    assert_eq!(s.step_id, "note");
    assert!(s.optional);
    let s = step(
        c.answer_flow(s.flow_id.clone(), text("a walk helped"))
            .unwrap(),
    );
    assert_eq!((s.step_id.as_str(), s.position), ("feelings", 3));
    assert!(s.optional);
    match &s.input {
        InputKind::Choice {
            choices,
            multiple,
            max_selected,
            ..
        } => {
            assert!(*multiple && *max_selected == 5);
            assert!(choices.iter().any(|ch| ch.id == "tired"));
        }
        other => panic!("{other:?}"),
    }
    let words = Answer::Choices {
        ids: vec!["tired".into(), "hopeful".into()],
    };
    let sum = done(c.answer_flow(s.flow_id.clone(), words).unwrap());
    assert_eq!(
        sum.headline.as_deref(),
        Some("Daily check-in: 6 on a scale of 0 to 10")
    );
    assert_eq!(item(&sum, "Note"), Some("a walk helped"));
    assert_eq!(item(&sum, "Feelings"), Some("Tired, Hopeful"));
    assert!(sum.flags.is_empty());
    assert!(sum.text.contains("Your answer: 6 on a scale of 0 to 10"));
    let saved = c.save_flow(s.flow_id).unwrap();
    assert_eq!(saved.tool, ToolId::Checkin);
    let e = c.scaling_entry(saved.record_id).unwrap();
    assert_eq!((e.value, e.note.as_deref()), (6, Some("a walk helped")));
    let ids: Vec<&str> = e.feelings.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids, ["tired", "hopeful"], "kept in the order chosen");
    assert_eq!(e.feelings[0].label, "Tired");
    assert_eq!(c.scaling_check_in_today().unwrap(), Some(e));
}

#[test]
fn feeling_words_are_checked_kept_edited_and_only_on_the_check_in() {
    let c = companion();
    let words = c.scaling_feeling_words().unwrap();
    assert!(words.len() >= 12 && words.iter().any(|w| w.id == "anxious"));
    let input = |template: &str, feelings: &[&str]| ScalingInput {
        template: template.into(),
        subject: (template != "checkin").then(|| "Walking more".to_string()),
        scale_min: None,
        value: 4,
        follow_ups: vec![],
        note: None,
        feelings: feelings.iter().map(|s| s.to_string()).collect(),
        min_label: None,
        max_label: None,
        date: None,
        time: None,
    };
    let bad = |r: ApiResult<ScalingEntry>| match r {
        Err(WellbeingError::InvalidInput {
            field,
            rule,
            item_index,
            ..
        }) => (field, rule, item_index),
        other => panic!("expected a refusal, got {other:?}"),
    };
    use crate::rules::RuleCode;
    assert_eq!(
        bad(c.scaling_record(input("checkin", &["calm", "joyful"]))),
        ("feelings".into(), RuleCode::NotOnList, Some(1)),
        "the bad word is named by its place"
    );
    assert_eq!(
        bad(c.scaling_record(input("checkin", &["calm", "calm"]))),
        ("feelings".into(), RuleCode::Duplicate, Some(1))
    );
    let six = ["calm", "tired", "low", "sad", "angry", "numb"];
    assert_eq!(
        bad(c.scaling_record(input("checkin", &six))).1,
        RuleCode::TooManyItems
    );
    assert_eq!(
        bad(c.scaling_record(input("importance", &["calm"]))).1,
        RuleCode::NotApplicable,
        "a ruler is about a change, not a mood"
    );
    let e = c
        .scaling_record(input("checkin", &["low", "lonely"]))
        .unwrap();
    assert_eq!(e.feelings.len(), 2);
    let e = c
        .scaling_edit(e.id.clone(), input("checkin", &["calm"]))
        .unwrap();
    let ids: Vec<&str> = e.feelings.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids, ["calm"], "an edit replaces the words");
    let e = c.scaling_edit(e.id.clone(), input("checkin", &[])).unwrap();
    assert!(e.feelings.is_empty());
}

#[test]
fn checkin_flow_discarded_stores_nothing() {
    let c = companion();
    let s = step(c.start_flow(ToolId::Checkin, None).unwrap());
    let s = step(c.answer_flow(s.flow_id.clone(), scale(0)).unwrap());
    let s = step(c.answer_flow(s.flow_id.clone(), Answer::Skip).unwrap());
    let sum = done(c.answer_flow(s.flow_id.clone(), Answer::Skip).unwrap());
    assert_eq!(item(&sum, "Feelings"), None, "skipped words leave no line");
    // At the very bottom the summary points gently to support (not an alarm).
    assert_eq!(sum.flags.len(), 1);
    assert_eq!(sum.flags[0].code, SafetyFlagCode::ScalingLowest);
    assert!(!sum.flags[0].show_help_now);
    assert_eq!(item(&sum, "Note"), None);
    c.discard_flow(s.flow_id).unwrap();
    assert_eq!(count(&c, "scaling_entries"), 0);
    assert_eq!(count(&c, "scaling_scales"), 0);
    assert_eq!(c.scaling_check_in_today().unwrap(), None);
}

/// Walks a ruler flow: change, number, then the follow-ups with the given answers.
fn ruler(c: &WellbeingStore, tool: &str, change: &str, value: i32) -> (String, Vec<Step>) {
    let s = step(c.start_flow(ToolId::parse(tool).unwrap(), None).unwrap());
    assert_eq!(s.step_id, "change");
    assert!(!s.optional);
    let id = s.flow_id.clone();
    let s = step(c.answer_flow(id.clone(), text(change)).unwrap());
    assert_eq!(s.step_id, "value");
    let mut follow = vec![];
    let mut p = c.answer_flow(id.clone(), scale(value)).unwrap();
    while let FlowProgress::Next { step } = p {
        assert!(step.optional);
        follow.push(step.clone());
        p = c.answer_flow(id.clone(), Answer::Skip).unwrap();
    }
    (id, follow)
}

#[test]
fn importance_flow_saved_with_follow_ups() {
    let c = companion();
    let s = step(c.start_flow(ToolId::ScaleImportance, None).unwrap());
    assert_eq!((s.position, s.total), (1, 4));
    let id = s.flow_id.clone();
    let s = step(
        c.answer_flow(id.clone(), text("to cut down on coffee"))
            .unwrap(),
    );
    assert_eq!(
        s.prompt,
        "How important is it to you to cut down on coffee?"
    );
    let s = step(c.answer_flow(id.clone(), scale(6)).unwrap());
    assert_eq!(s.step_id, "not-lower");
    assert_eq!(s.prompt, "Why a 6 and not a lower number, such as 4?");
    assert!(!s.prompt.contains("10"));
    let s = step(c.answer_flow(id.clone(), text("I sleep badly")).unwrap());
    assert_eq!(s.step_id, "move-up");
    assert_eq!(s.prompt, "What would it take to move you from 6 to 8?");
    assert_eq!((s.position, s.total), (4, 4));
    let sum = done(c.answer_flow(id.clone(), Answer::Skip).unwrap());
    assert_eq!(
        sum.headline.as_deref(),
        Some("How important is this change?: 6 on a scale of 0 to 10")
    );
    assert_eq!(item(&sum, "Change"), Some("cut down on coffee"));
    assert_eq!(item(&sum, "Why a 6"), Some("I sleep badly"));
    // A skipped follow-up is left out of the summary.
    assert_eq!(item(&sum, "move you"), None);
    assert!(!sum.advice.is_empty());
    let saved = c.save_flow(id).unwrap();
    let e = c.scaling_entry(saved.record_id).unwrap();
    assert_eq!(e.template, "importance");
    assert_eq!(e.follow_ups.len(), 1);
    assert_eq!(e.follow_ups[0].answer, "I sleep badly");
}

#[test]
fn importance_flow_discarded() {
    let c = companion();
    let (id, follow) = ruler(&c, "scale-importance", "walk more", 3);
    assert_eq!(follow.len(), 2);
    c.discard_flow(id).unwrap();
    assert_eq!(count(&c, "scaling_entries"), 0);
}

#[test]
fn ruler_at_the_bottom_asks_only_what_would_move_it() {
    let c = companion();
    let (id, follow) = ruler(&c, "scale-confidence", "go to bed by eleven", 0);
    let ids: Vec<&str> = follow.iter().map(|s| s.step_id.as_str()).collect();
    assert_eq!(ids, ["move-up"]);
    assert_eq!(
        follow[0].prompt,
        "What would it take to move you from 0 to 2?"
    );
    // The count of steps shrinks once the number rules a question out.
    assert_eq!(follow[0].total, 3);
    let sum = done(c.flow_progress(id.clone()).unwrap());
    // A low confidence is not a wellbeing alarm.
    assert!(sum.flags.is_empty());
    c.save_flow(id).unwrap();
    assert_eq!(count(&c, "scaling_entries"), 1);
}

#[test]
fn confidence_flow_at_the_top_saved() {
    let c = companion();
    let (id, follow) = ruler(&c, "scale-confidence", "go to bed by eleven", 10);
    assert_eq!(
        follow[0].prompt,
        "Why a 10 and not a lower number, such as 8?"
    );
    assert_eq!(
        follow[1].prompt,
        "You are at 10, the top of the scale. What helps you keep it there?"
    );
    let saved = c.save_flow(id).unwrap();
    assert_eq!(c.scaling_entry(saved.record_id).unwrap().value, 10);
}

#[test]
fn confidence_flow_discarded() {
    let c = companion();
    let (id, _) = ruler(&c, "scale-confidence", "swim weekly", 5);
    c.discard_flow(id).unwrap();
    assert_eq!(count(&c, "scaling_entries"), 0);
}

#[test]
fn readiness_flow_saved() {
    let c = companion();
    let (id, follow) = ruler(&c, "scale-readiness", "ring the GP surgery", 9);
    assert_eq!(
        follow[1].prompt,
        "What would it take to move you from 9 to 10?"
    );
    let sum = done(c.flow_progress(id.clone()).unwrap());
    assert_eq!(item(&sum, "Change"), Some("ring the GP surgery"));
    let saved = c.save_flow(id).unwrap();
    let e = c.scaling_entry(saved.record_id).unwrap();
    assert_eq!(e.question, "How ready are you to ring the GP surgery?");
}

#[test]
fn readiness_flow_discarded() {
    let c = companion();
    let (id, _) = ruler(&c, "scale-readiness", "ring the GP surgery", 1);
    c.discard_flow(id).unwrap();
    assert_eq!(count(&c, "scaling_entries"), 0);
}

#[test]
fn ruler_flow_refuses_an_empty_change() {
    let c = companion();
    let s = step(c.start_flow(ToolId::ScaleReadiness, None).unwrap());
    for bad in ["   ", "to .", "a\nb"] {
        assert_eq!(
            invalid_field(c.answer_flow(s.flow_id.clone(), text(bad))),
            "change",
            "{bad:?}"
        );
    }
}

#[test]
fn solution_focused_flow_saved_at_the_worst() {
    let c = companion();
    let s = step(c.start_flow(ToolId::ScaleSolutionFocused, None).unwrap());
    assert_eq!(s.step_id, "topic");
    assert!(s.optional);
    let id = s.flow_id.clone();
    let s = step(c.answer_flow(id.clone(), Answer::Skip).unwrap());
    assert_eq!(
        s.prompt,
        "If 10 is how you want things to be and 0 is the worst they have been, where are you now?"
    );
    let s = step(c.answer_flow(id.clone(), scale(0)).unwrap());
    assert_eq!(s.step_id, "how-got-here");
    assert!(s.prompt.contains("How are you getting through it?"));
    let s = step(c.answer_flow(id.clone(), text("my sister calls")).unwrap());
    assert_eq!(s.step_id, "one-higher");
    assert_eq!(s.prompt, "What would 1 look like? What would be different?");
    let s = step(c.answer_flow(id.clone(), text("sleeping a bit")).unwrap());
    assert_eq!(s.step_id, "first-step");
    assert_eq!(s.prompt, "What is a first small step towards 1?");
    let sum = done(c.answer_flow(id.clone(), text("bed at 11")).unwrap());
    assert_eq!(sum.flags.len(), 1);
    assert_eq!(item(&sum, "Thinking about"), None);
    assert_eq!(item(&sum, "getting through"), Some("my sister calls"));
    assert_eq!(item(&sum, "towards 1"), Some("bed at 11"));
    assert!(
        sum.advice
            .iter()
            .any(|a| a.contains("the first step you named")),
        "{:?}",
        sum.advice
    );
    let saved = c.save_flow(id).unwrap();
    let e = c.scaling_entry(saved.record_id).unwrap();
    assert_eq!(e.subject, None);
    assert_eq!(e.follow_ups.len(), 3);
}

#[test]
fn solution_focused_flow_with_topic_in_the_middle_and_at_the_top() {
    let c = companion();
    let s = step(c.start_flow(ToolId::ScaleSolutionFocused, None).unwrap());
    let id = s.flow_id.clone();
    let s = step(c.answer_flow(id.clone(), text("my sleep")).unwrap());
    assert!(s.prompt.starts_with("Thinking about my sleep: if 10"));
    let s = step(c.answer_flow(id.clone(), scale(4)).unwrap());
    assert_eq!(s.prompt, "How did you get from 3 to 4?");
    assert_eq!(s.total, 6);
    // Going back to change the number changes the questions that follow.
    let s = step(c.flow_back(id.clone()).unwrap());
    assert_eq!(s.step_id, "value");
    let s = step(c.answer_flow(id.clone(), scale(10)).unwrap());
    assert_eq!(s.prompt, "How did you get from 9 to 10?");
    let s = step(c.answer_flow(id.clone(), Answer::Skip).unwrap());
    assert_eq!(s.prompt, "What stops you sliding back to 9?");
    let s = step(c.answer_flow(id.clone(), Answer::Skip).unwrap());
    assert_eq!(s.step_id, "one-higher");
    assert!(!s.prompt.contains("11"));
    let sum = done(c.answer_flow(id.clone(), Answer::Skip).unwrap());
    assert!(sum.flags.is_empty());
    assert_eq!(item(&sum, "Thinking about"), Some("my sleep"));
    // No first step was named (at the top it is not asked): the advice does not claim one.
    assert!(
        sum.advice.iter().all(|a| !a.contains("you named")),
        "{:?}",
        sum.advice
    );
    assert!(sum.advice.iter().any(|a| a.contains("one small step")));
    c.discard_flow(id).unwrap();
    assert_eq!(count(&c, "scaling_entries"), 0);
}

#[test]
fn custom_flow_one_to_ten_saved() {
    let c = companion();
    let s = step(c.start_flow(ToolId::ScaleCustom, None).unwrap());
    assert_eq!(s.step_id, "question");
    let id = s.flow_id.clone();
    let s = step(
        c.answer_flow(id.clone(), text("How rested do I feel?"))
            .unwrap(),
    );
    assert_eq!(s.step_id, "range");
    let s = step(
        c.answer_flow(
            id.clone(),
            Answer::Choices {
                ids: vec!["1-10".into()],
            },
        )
        .unwrap(),
    );
    assert_eq!(s.step_id, "min-label");
    assert_eq!(s.prompt, "What does 1 mean? (optional)");
    let s = step(c.answer_flow(id.clone(), text("exhausted")).unwrap());
    assert_eq!(s.prompt, "What does 10 mean? (optional)");
    let s = step(c.answer_flow(id.clone(), Answer::Skip).unwrap());
    assert_eq!(s.step_id, "value");
    assert_eq!(s.prompt, "How rested do I feel?");
    match &s.input {
        InputKind::Scale { min, max, anchors } => {
            assert_eq!((*min, *max), (1, 10));
            assert_eq!(anchors[0].label, "exhausted");
            assert_eq!(anchors[1].label, "10");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(invalid_field(c.answer_flow(id.clone(), scale(0))), "value");
    let s = step(c.answer_flow(id.clone(), scale(1)).unwrap());
    assert_eq!(s.step_id, "note");
    let sum = done(c.answer_flow(id.clone(), Answer::Skip).unwrap());
    assert_eq!(item(&sum, "Question"), Some("How rested do I feel?"));
    assert_eq!(item(&sum, "Your answer"), Some("1 on a scale of 1 to 10"));
    let saved = c.save_flow(id).unwrap();
    let e = c.scaling_entry(saved.record_id).unwrap();
    assert_eq!((e.value, e.scale_min, e.scale_max), (1, 1, 10));
    assert_eq!(e.anchors[0].label, "exhausted");
}

#[test]
fn custom_flow_discarded() {
    let c = companion();
    let s = step(c.start_flow(ToolId::ScaleCustom, None).unwrap());
    let id = s.flow_id.clone();
    c.answer_flow(id.clone(), text("How calm am I?")).unwrap();
    assert_eq!(
        invalid_field(c.answer_flow(
            id.clone(),
            Answer::Choices {
                ids: vec!["2-10".into()]
            }
        )),
        "range"
    );
    c.answer_flow(
        id.clone(),
        Answer::Choices {
            ids: vec!["0-10".into()],
        },
    )
    .unwrap();
    c.answer_flow(id.clone(), Answer::Skip).unwrap();
    c.answer_flow(id.clone(), Answer::Skip).unwrap();
    c.answer_flow(id.clone(), scale(10)).unwrap();
    let sum = done(c.answer_flow(id.clone(), Answer::Skip).unwrap());
    assert_eq!(item(&sum, "Your answer"), Some("10 on a scale of 0 to 10"));
    c.discard_flow(id).unwrap();
    assert_eq!(count(&c, "scaling_entries"), 0);
}

#[test]
fn asking_a_scale_again_reuses_its_change_and_range() {
    let c = companion();
    let mut i = input("importance", Some("walk to work"), 4);
    i.scale_min = Some(1);
    let first = c.scaling_record(i).unwrap();
    let s = step(
        c.start_flow(ToolId::ScaleImportance, Some(first.scale_id.clone()))
            .unwrap(),
    );
    assert_eq!(s.step_id, "value");
    assert_eq!(s.prompt, "How important is it to you to walk to work?");
    assert_eq!((s.position, s.total), (1, 3));
    let s = step(c.answer_flow(s.flow_id.clone(), scale(1)).unwrap());
    // At the bottom of a 1-10 ruler: no "lower" question, and no 0 anywhere.
    assert_eq!(s.step_id, "move-up");
    assert_eq!(s.prompt, "What would it take to move you from 1 to 3?");
    let id = s.flow_id.clone();
    // A draft remembers which scale it was asking.
    let draft = c.save_flow_draft(id.clone()).unwrap();
    let resumed = step(c.resume_flow(draft.flow_id).unwrap());
    assert_eq!(resumed.step_id, "move-up");
    assert_eq!(
        resumed.prompt,
        "What would it take to move you from 1 to 3?"
    );
    assert_eq!(resumed.flow_id, id, "resuming carries on the same flow");
    c.discard_flow(id).unwrap();
    assert_eq!(count(&c, "scaling_entries"), 1);
    let s = step(
        c.start_flow(ToolId::ScaleImportance, Some(first.scale_id.clone()))
            .unwrap(),
    );
    let p = c.answer_flow(s.flow_id.clone(), scale(10)).unwrap();
    let s = step(p);
    assert_eq!(s.prompt, "Why a 10 and not a lower number, such as 8?");
    c.answer_flow(s.flow_id.clone(), Answer::Skip).unwrap();
    let sum = done(c.answer_flow(s.flow_id.clone(), Answer::Skip).unwrap());
    assert_eq!(item(&sum, "Your answer"), Some("10 on a scale of 1 to 10"));
    let saved = c.save_flow(s.flow_id).unwrap();
    let e = c.scaling_entry(saved.record_id).unwrap();
    assert_eq!(e.scale_id, first.scale_id);
    let h = c.scaling_history(first.scale_id, 0, 10).unwrap();
    assert_eq!(h.scale.entry_count, 2);
    assert_eq!(h.scale.trend.change_since_first, 6);
}

#[test]
fn asking_again_needs_a_scale_of_the_same_kind() {
    let c = companion();
    let e = c.scaling_check_in(5, None).unwrap();
    assert_eq!(
        invalid_field(c.start_flow(ToolId::ScaleImportance, Some(e.scale_id))),
        "subject_id"
    );
}

#[test]
fn resumed_draft_continues_where_it_was_left() {
    let c = companion();
    let s = step(c.start_flow(ToolId::ScaleReadiness, None).unwrap());
    c.answer_flow(s.flow_id.clone(), text("join a choir"))
        .unwrap();
    c.answer_flow(s.flow_id.clone(), scale(7)).unwrap();
    let d = c.save_flow_draft(s.flow_id.clone()).unwrap();
    let s = step(c.resume_flow(d.flow_id).unwrap());
    assert_eq!(s.step_id, "not-lower");
    assert_eq!(s.prompt, "Why a 7 and not a lower number, such as 5?");
}
