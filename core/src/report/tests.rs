use std::sync::Arc;

use super::*;
use crate::five_ways::test_support::activity;
use crate::{
    FiveAreasChange, FiveAreasFeeling, FiveAreasInput, FiveWaysInput, MeasureInput, ScalingInput,
    WellbeingError,
};
#[allow(unused_imports)]
use crate::{MeasureId, SafetyFlagCode, ToolGroup, ToolId, WayId};

/// 2026-11-20 12:00 UTC (a Friday).
const NOW: i64 = 1_795_176_000_000;
const DAY: i64 = 86_400_000;

fn d(s: &str) -> NaiveDate {
    clock::parse_date("d", s).unwrap()
}

fn store() -> Arc<WellbeingStore> {
    let c = WellbeingStore::open_in_memory().unwrap();
    c.set_fixed_time(NOW, 0).unwrap();
    c
}

fn section<'a>(r: &'a AppointmentReport, id: &str) -> &'a ReportSection {
    r.sections
        .iter()
        .find(|s| s.id == id)
        .unwrap_or_else(|| panic!("no section {id}"))
}

#[test]
fn period_defaults_and_rules() {
    let today = d("2026-11-20");
    let p = resolve_period(None, None, today, None).unwrap();
    assert_eq!((p.from, p.to, p.days()), (d("2026-10-24"), today, 28));
    // Since the last summary, that day included.
    let p = resolve_period(None, None, today, Some(d("2026-11-06"))).unwrap();
    assert_eq!(p.from, d("2026-11-06"));
    // A last summary after the asked end, or over a year back, falls back to four weeks.
    let p = resolve_period(None, Some("2026-11-01"), today, Some(d("2026-11-06"))).unwrap();
    assert_eq!(p.from, d("2026-10-05"));
    let p = resolve_period(None, None, today, Some(d("2024-01-01"))).unwrap();
    assert_eq!(p.days(), 28);
    // Blank strings are defaults.
    assert_eq!(
        resolve_period(Some(" "), Some(""), today, None)
            .unwrap()
            .days(),
        28
    );
    let field = |r: Result<Period>| match r {
        Err(Error::Invalid { field, .. }) => field,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        field(resolve_period(None, Some("2026-11-21"), today, None)),
        "to"
    );
    assert_eq!(
        field(resolve_period(
            Some("2026-11-10"),
            Some("2026-11-09"),
            today,
            None
        )),
        "from"
    );
    assert_eq!(
        field(resolve_period(Some("2025-11-19"), None, today, None)),
        "from"
    );
    assert!(resolve_period(Some("2025-11-20"), None, today, None).is_ok());
    assert_eq!(
        field(resolve_period(Some("2026-02-30"), None, today, None)),
        "from"
    );
}

#[test]
fn an_empty_store_gives_every_section_safety_first() {
    let c = store();
    let r = c.appointment_summary(None, None, false).unwrap();
    let ids: Vec<&str> = r.sections.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "safety",
            "check-ins",
            "five-ways",
            "measures",
            "worksheets",
            "scales"
        ]
    );
    assert!(r.flags.is_empty());
    assert_eq!(r.safety, None);
    assert!(r.sections[1..].iter().all(|s| s.empty));
    assert_eq!(
        (r.from.as_str(), r.to.as_str()),
        ("2026-10-24", "2026-11-20")
    );
    // Self-contained: no script, nothing fetched, a policy that forbids both.
    assert!(r.html.starts_with("<!DOCTYPE html>"));
    assert!(!r.html.contains("<script"));
    assert!(!r.html.contains("src=") && !r.html.contains("href=") && !r.html.contains("url("));
    assert!(r.html.contains("default-src 'none'"));
    assert!(r.html.contains("@page { size: A4"));
    // Crisis contacts are always on it.
    assert!(r.text.contains("116 123"), "{}", r.text);
    // The history records it, and the next summary starts from today.
    let h = c.appointment_summary_history().unwrap();
    assert_eq!(h.len(), 1);
    assert_eq!(h[0].id, r.id);
    let next = c.appointment_summary(None, None, false).unwrap();
    assert_eq!(next.from, "2026-11-20");
    assert_eq!(c.appointment_summary_history().unwrap()[0].id, next.id);
}

#[test]
fn bad_ranges_are_refused_and_not_recorded() {
    let c = store();
    assert!(matches!(
        c.appointment_summary(None, Some("2030-01-01".into()), false),
        Err(WellbeingError::InvalidInput { .. })
    ));
    assert!(matches!(
        c.appointment_summary(Some("yesterday".into()), None, false),
        Err(WellbeingError::InvalidInput { .. })
    ));
    assert!(c.appointment_summary_history().unwrap().is_empty());
}

/// Fills a store with four weeks of a person's records, through the tools' public calls.
pub(crate) fn fill(c: &WellbeingStore) {
    for (days_ago, mood) in [(20, 3), (15, 4), (10, 5), (6, 6), (2, 7), (0, 7)] {
        c.set_fixed_time(NOW - days_ago * DAY, 0).unwrap();
        c.scaling_check_in(mood, None).unwrap();
    }
    c.set_fixed_time(NOW, 0).unwrap();
    let log = |what: &str, ways: &[&str], date: &str| {
        c.five_ways_log(FiveWaysInput {
            what: what.into(),
            ways: ways.iter().map(|s| WayId::parse(s).unwrap()).collect(),
            note: None,
            date: Some(date.into()),
            time: None,
        })
        .unwrap();
    };
    log("Called my sister", &["connect"], "2026-11-02");
    log(
        "Walk in the park with a friend",
        &["be-active", "connect"],
        "2026-11-09",
    );
    log(
        "Noticed the frost on the trees",
        &["take-notice"],
        "2026-11-16",
    );
    let phq = |answers: [i32; 9], date: &str| {
        c.take_measure(MeasureInput {
            measure: MeasureId::Phq9,
            answers: answers.to_vec(),
            date: Some(date.into()),
            time: Some("09:00".into()),
        })
        .unwrap();
    };
    phq([2, 2, 2, 2, 2, 2, 2, 2, 1], "2026-10-30");
    phq([1, 1, 1, 1, 1, 1, 1, 1, 0], "2026-11-13");
    c.five_areas_create(FiveAreasInput {
        title: Some("Meeting on Monday".into()),
        date: Some("2026-11-10".into()),
        situation: Some("Team meeting".into()),
        thoughts: vec!["They will think I am useless".into()],
        feelings: vec![FiveAreasFeeling {
            name: "anxious".into(),
            intensity: 80,
        }],
        behaviour: vec!["Stayed quiet".into()],
        change: Some(FiveAreasChange {
            start_area: crate::FiveAreasArea::Behaviour,
            change: "Say one thing in the next meeting".into(),
        }),
        complete: true,
        ..Default::default()
    })
    .unwrap();
    c.thought_record_create(crate::ThoughtRecordInput {
        date: Some("2026-11-17".into()),
        time: Some("20:00".into()),
        situation: "Friend did not reply".into(),
        emotions: vec![crate::ThoughtRecordEmotion {
            name: "hurt".into(),
            intensity: 70,
            rerated: Some(40),
        }],
        thought: "She must be angry with me".into(),
        styles: vec!["mind-reading".into()],
        evidence_for: vec![],
        evidence_against: vec!["She is often busy on Mondays".into()],
        balanced_thought: Some("She may just be busy".into()),
    })
    .unwrap();
    for (date, v) in [("2026-11-03", 4), ("2026-11-12", 6), ("2026-11-19", 7)] {
        c.scaling_record(ScalingInput {
            template: "confidence".into(),
            subject: Some("going back to the gym".into()),
            scale_min: None,
            value: v,
            follow_ups: vec![],
            note: None,
            feelings: vec![],
            min_label: None,
            max_label: None,
            date: Some(date.into()),
            time: None,
        })
        .unwrap();
    }
}

#[test]
fn a_full_period_shows_every_tool_with_flags_first() {
    let c = store();
    fill(&c);
    let r = c.appointment_summary(None, None, false).unwrap();
    // The PHQ-9 item 9 answer of 30 Oct is flagged, first.
    assert_eq!(r.flags.len(), 1);
    let n = r
        .safety
        .as_ref()
        .expect("the notice comes with the summary");
    assert!(n.urgent && n.staff_guidance.is_none());
    assert_eq!(n.flags, r.flags);
    assert_eq!(r.sections[0].id, "safety");
    // In the person's own voice, and not the app's wording about its own screens.
    let line = &r.sections[0].lines[0];
    assert!(line.contains("I said"), "{line}");
    assert!(!line.contains("Help now lists"), "{line}");
    assert!(
        r.sections[0].lines[0].starts_with("Fri 30 Oct:"),
        "{:?}",
        r.sections[0].lines
    );
    let html_flag = r.html.find("class=\"flag\"").unwrap();
    assert!(html_flag < r.html.find("id=\"check-ins\"").unwrap());

    let ch = section(&r, "check-ins");
    assert!(!ch.empty);
    assert_eq!(ch.charts[0].series[0].points.len(), 28);
    assert!(r.html.contains("<svg") && r.html.contains("id=\"chart-check-ins\""));
    assert!(r.html.contains("<title id=\"chart-check-ins-title\">"));

    let fw = section(&r, "five-ways");
    assert_eq!(fw.charts[0].kind, ReportChartKind::Bar);
    let counts: Vec<f64> = fw.charts[0].series[0]
        .points
        .iter()
        .map(|p| p.value.unwrap())
        .collect();
    assert_eq!(counts.iter().sum::<f64>(), 4.0);
    assert!(fw.lines[0].starts_with("3 activities"), "{:?}", fw.lines);

    let m = section(&r, "measures");
    let text = m.entries[0].lines.join("\n");
    // 17 → 8: a fall of 9 is a reliable improvement, and below the cut-off of 10 recovery.
    assert!(
        text.contains("Change from 17 to 8: Reliable improvement; recovery"),
        "{text}"
    );
    assert_eq!(m.tables[0].rows.len(), 2);
    assert!(
        m.tables[0].rows[0][1].contains("17 of 27"),
        "{:?}",
        m.tables[0].rows
    );
    assert!(r.html.contains("id=\"chart-measure-0\""));

    // Worksheets: title and chosen change only, by default.
    let w = section(&r, "worksheets");
    assert_eq!(w.entries.len(), 2);
    assert!(w.entries[0].heading.contains("Meeting on Monday"));
    // The thought record: styles and ratings, not the thought itself.
    assert!(
        w.entries[1].heading.contains("Thought record"),
        "{:?}",
        w.entries[1]
    );
    let tl = w.entries[1].lines.join("\n");
    assert!(tl.contains("70") && tl.contains("40"), "{tl}");
    assert!(!r.text.contains("angry with me") && !r.html.contains("angry with me"));
    let wl = w.entries[0].lines.join("\n");
    assert!(wl.contains("Say one thing in the next meeting"), "{wl}");
    assert!(!r.html.contains("useless") && !r.text.contains("useless"));

    let s = section(&r, "scales");
    assert_eq!(s.charts.len(), 1);
    assert!(
        s.lines[0].contains("going back to the gym"),
        "{:?}",
        s.lines
    );
    assert!(s.lines[0].contains("from 4 to 7"));
    assert!(s.lines[0].contains("3 answers"), "{:?}", s.lines);

    // The plain text carries the same sections in the same order.
    let pos = |needle: &str| r.text.find(needle).unwrap_or_else(|| panic!("{needle}"));
    assert!(pos("To talk about first") < pos("Daily check-ins"));
    assert!(pos("Daily check-ins") < pos("Questionnaire scores"));
    assert!(r.text.contains("Reliable improvement"));
    // Chart lines name their series once.
    for line in r.text.lines() {
        if let Some((head, rest)) = line.split_once(": ") {
            assert!(
                !rest.starts_with(&format!("{head}: ")),
                "repeated label in {line:?}"
            );
        }
    }
}

#[test]
fn one_activity_is_singular() {
    let c = store();
    c.five_ways_log(activity("Walk", &[WayId::BeActive]))
        .unwrap();
    let r = c.appointment_summary(None, None, false).unwrap();
    assert!(r.text.contains("1 activity logged"), "{}", r.text);
    assert!(!r.text.contains("1 activities"));
}

#[test]
fn full_text_only_when_asked() {
    let c = store();
    fill(&c);
    let r = c.appointment_summary(None, None, true).unwrap();
    assert!(r.include_full_text);
    let w = section(&r, "worksheets").entries[0].lines.join("\n");
    assert!(w.contains("They will think I am useless"), "{w}");
    assert!(r.html.contains("They will think I am useless"));
    assert!(r.text.contains("She must be angry with me"));
    assert!(r.text.contains("She may just be busy"));
    assert!(c.appointment_summary_history().unwrap()[0].include_full_text);
}

#[test]
fn a_narrow_period_leaves_out_what_is_outside() {
    let c = store();
    fill(&c);
    let r = c
        .appointment_summary(Some("2026-11-14".into()), Some("2026-11-20".into()), false)
        .unwrap();
    assert!(r.flags.is_empty());
    assert!(section(&r, "measures").empty);
    let w = section(&r, "worksheets");
    assert_eq!(w.entries.len(), 1, "only the thought record of the 17th");
    assert!(w.entries[0].heading.contains("Thought record"));
    assert_eq!(section(&r, "check-ins").charts[0].series[0].points.len(), 7);
}

#[test]
fn received_summaries_and_their_flags_are_included() {
    let c = store();
    let summary = crate::FlowSummary {
        safety: None,
        flow_id: validate::new_id(),
        tool: ToolId::Phq9,
        title: "PHQ-9".into(),
        headline: Some("Total 14 of 27: moderate range".into()),
        items: vec![],
        flags: vec![SafetyFlag {
            code: SafetyFlagCode::Phq9Item9,
            title: "Thoughts of self-harm".into(),
            detail: "Please talk to someone today.".into(),
            show_help_now: true,
        }],
        advice: vec![],
        text: "PHQ-9\nTotal 14".into(),
    };
    let p = c.handoff_payload(summary).unwrap();
    c.import_handoff(p.text).unwrap();
    let r = c.appointment_summary(None, None, false).unwrap();
    assert_eq!(r.flags.len(), 1);
    let rec = section(&r, "received");
    assert!(rec.entries[0].heading.contains("PHQ-9"));
    assert_eq!(rec.entries[0].lines, vec!["Total 14 of 27: moderate range"]);
}

#[test]
fn person_text_is_escaped_in_html() {
    let c = store();
    c.five_ways_log(activity("<b>bold</b> & \"quoted\"", &[WayId::KeepLearning]))
        .unwrap();
    c.set_fixed_time(NOW, 0).unwrap();
    c.scaling_record(ScalingInput {
        template: "custom".into(),
        subject: Some("<img src=x onerror=alert(1)>".into()),
        scale_min: None,
        value: 3,
        follow_ups: vec![],
        note: None,
        feelings: vec![],
        min_label: Some("low".into()),
        max_label: Some("high".into()),
        date: None,
        time: None,
    })
    .unwrap();
    let r = c.appointment_summary(None, None, true).unwrap();
    // One answer reads as one answer, not "1 answers, from 3 to 3".
    let scales = section(&r, "scales");
    assert!(
        scales
            .lines
            .iter()
            .any(|l| l.contains("one answer, 3 out of 10")),
        "{:?}",
        scales.lines
    );
    assert!(scales.lines.iter().all(|l| !l.contains("1 answers")));
    assert!(!r.html.contains("<img"), "unescaped markup");
    assert!(r.html.contains("&lt;img src=x"));
}

/// The summary reads a period by date, not by paging back from the newest record: with more
/// than five thousand newer records (the old paging limit), the period's own still show.
#[test]
fn a_period_behind_thousands_of_newer_records_is_complete() {
    let c = store();
    fill(&c);
    let before = c
        .appointment_summary(Some("2026-11-14".into()), Some("2026-11-20".into()), false)
        .unwrap();
    let want = section(&before, "worksheets").entries.len();
    assert!(want >= 1);
    c.write(|tx| {
        for table in ["thinking_styles_records", "five_areas_worksheets"] {
            tx.execute_batch(&format!(
                "DROP TABLE IF EXISTS temp.copy; CREATE TEMP TABLE copy AS SELECT * FROM {table} LIMIT 1;"
            ))?;
            for i in 0..5_100 {
                tx.execute(
                    "UPDATE temp.copy SET id = ?1, local_date = '2026-11-21', utc_ms = utc_ms + 1",
                    [format!("0b5e1a9e-0000-4000-8000-{i:012}")],
                )?;
                tx.execute_batch(&format!("INSERT INTO {table} SELECT * FROM temp.copy"))?;
            }
        }
        Ok(())
    })
    .unwrap();
    let after = c
        .appointment_summary(Some("2026-11-14".into()), Some("2026-11-20".into()), false)
        .unwrap();
    assert_eq!(
        section(&after, "worksheets").entries.len(),
        want,
        "nothing of the period is dropped"
    );
}

/// The summary's scales: only those answered in the period, the one answered last first, and
/// the scales answered only before it cost no reads (the summary stays flat in history
/// length: it used to read every answer of every scale ever made, check-ins included).
#[test]
fn scales_answered_only_before_the_period_add_no_reads_and_do_not_appear() {
    let c = store();
    let record = |template: &str, subject: Option<&str>, value: i32, days_ago: i64| {
        c.set_fixed_time(NOW - days_ago * DAY, 0).unwrap();
        c.scaling_record(ScalingInput {
            template: template.into(),
            subject: subject.map(str::to_owned),
            scale_min: None,
            value,
            follow_ups: vec![],
            note: None,
            feelings: vec![],
            min_label: None,
            max_label: None,
            date: None,
            time: None,
        })
        .unwrap();
    };
    let answer = |subject: &str, value: i32, days_ago: i64| {
        record("importance", Some(subject), value, days_ago)
    };
    answer("walking to work", 4, 10);
    answer("cooking at home", 6, 3);
    answer("walking to work", 7, 2);
    let plan = || {
        let review_on = (chrono::NaiveDate::parse_from_str(&c.today_date(), "%Y-%m-%d").unwrap()
            + chrono::Duration::days(7))
        .format("%Y-%m-%d")
        .to_string();
        c.connections_plan_create(crate::ConnectionsPlanInput {
            interests: vec!["walking".into()],
            step: "Join the Sunday walk".into(),
            review_on,
            ..Default::default()
        })
        .unwrap();
    };
    plan();
    let map = || {
        c.connections_map_create(crate::ConnectionsMapInput {
            date: None,
            connections: vec![crate::ConnectionInput {
                name: "Jo".into(),
                kind: crate::ConnectionKind::Friend,
                ring: crate::ConnectionRing::Close,
                feel: crate::ConnectionFeel::Helpful,
            }],
        })
        .unwrap();
    };
    map();
    c.set_fixed_time(NOW - DAY, 0).unwrap();
    map();
    c.set_fixed_time(NOW, 0).unwrap();
    // The same four weeks each time (a default period would start at the summary before).
    let summary = || {
        c.appointment_summary(Some("2026-10-24".into()), Some("2026-11-20".into()), false)
            .unwrap()
    };
    let (before, reads_before) = c.statements_run(summary);
    let lines = section(&before, "scales").lines.clone();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines[0].contains("walking to work"), "{lines:?}");
    assert!(lines[0].contains("from 4 to 7"), "{lines:?}");
    assert!(lines[1].contains("cooking at home"), "{lines:?}");

    // Forty scales answered long before the period (and a check-in on each of those days),
    // and a plan to connect made on each of those days; then forty more, older still.
    let older = |from_day: i64| {
        for i in from_day..from_day + 40 {
            answer(&format!("old subject {i}"), 5, 100 + i);
            record("checkin", None, 6, 100 + i);
            plan();
            map();
        }
        c.set_fixed_time(NOW, 0).unwrap();
        // With the statistics `PRAGMA optimize` gives SQLite on close, as an app's store has
        // after its first days: plans are chosen from them, and a query can turn to a whole
        // table scan only once they exist.
        c.read(|conn| Ok(conn.execute_batch("ANALYZE")?)).unwrap();
    };
    older(0);
    let (after, reads_after) = c.statements_run(summary);
    assert_eq!(section(&after, "scales").lines, lines);
    assert!(!after.text.contains("old subject"));
    assert_eq!(reads_after.len(), reads_before.len(), "{reads_after:#?}");
    // Not only as many statements: as much work. The first older history may cost a step
    // or two where an index range now has a neighbour; a query that scans every scale or
    // every plan ever made (rather than seeking what the period holds) takes more steps for
    // each one, so the second forty would show it.
    let (_, steps_first) = c.steps_run(summary);
    older(40);
    let (again, steps_second) = c.steps_run(summary);
    assert_eq!(section(&again, "scales").lines, lines);
    crate::store::handle::assert_same_steps(steps_first, steps_second, "the summary");
}
