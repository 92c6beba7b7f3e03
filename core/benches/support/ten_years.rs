//! Builds a store of heavy daily use, through the public API only, with every table filled:
//! a check-in a day (with feeling words and a note every few days, a second one some days),
//! two Five Ways entries most days, a weekly PHQ-9 and GAD-7, a monthly ONS4 and SWEMWBS,
//! every tool walked once a week through its guided flow and saved (Five Ways plans and
//! reviews, Five Areas worksheets and their reviews, thought records, scales with follow-ups,
//! My connections maps, re-maps, plans and reviews, the safety plan), a summary for an
//! appointment and a received handoff every four weeks, open drafts, reminder, lock and
//! profile rows, and a PHQ-9 in the last fortnight whose item 9 raises the safety notice (so
//! the home screen pays for support first, as a person who needs it would).
//!
//! Built in memory (fast), then written out with `save_copy`. Shared by the criterion
//! benchmark, the `ten_year_db` example and the Kotlin call-cost benchmark, so all measure
//! the same database. Every history ends on the same day ([`now_ms`]), whatever its length.

use std::path::Path;

use companion_core::{
    Answer, FiveWaysInput, FlowProgress, InputKind, MeasureId, MeasureInput, ScalingInput, ToolId,
    WayId, WellbeingStore,
};

/// Ten years of days.
pub const DAYS: i64 = 3652;
const DAY_MS: i64 = 86_400_000;
/// Monday 4 January 2016, 09:00 UTC: the first day of the ten-year history.
const START_MS: i64 = 1_451_898_000_000;
const WAYS: &[WayId] = WayId::ALL;

/// The instant the benchmark treats as "now": 10:00 on the day after the last entry.
pub fn now_ms() -> i64 {
    START_MS + DAYS * DAY_MS + 3_600_000
}

/// What was written (printed with `{:?}`).
#[derive(Debug, Default)]
#[allow(dead_code)]
pub struct Counts {
    pub days: i64,
    pub check_ins: u32,
    pub five_ways: u32,
    pub measures: u32,
    pub flows_saved: u32,
    pub summaries: u32,
    pub handoffs: u32,
    pub drafts: u32,
}

/// Ten years.
#[allow(dead_code)] // the examples' entry; the benchmark builds each length itself
pub fn build(path: &Path) -> Counts {
    build_days(path, DAYS)
}

/// The last `days` days of the same life, ending on the day before [`now_ms`].
pub fn build_days(path: &Path, days: i64) -> Counts {
    let c = WellbeingStore::open_in_memory().expect("open in memory");
    let first = DAYS - days;
    let mut n = Counts {
        days,
        ..Default::default()
    };
    // A conversation on a staff member's device, handed over every four weeks.
    let talk = WellbeingStore::open_in_memory().expect("talk store");
    for day in first..DAYS {
        let morning = START_MS + day * DAY_MS;
        c.set_fixed_time(morning, 0).expect("time");
        let feelings = match day % 5 {
            0 => vec!["tired".into(), "hopeful".into()],
            2 => vec!["calm".into()],
            _ => vec![],
        };
        c.scaling_record(ScalingInput {
            template: "checkin".into(),
            subject: None,
            scale_min: None,
            value: ((day * 7) % 11) as i32,
            follow_ups: vec![],
            note: (day % 3 == 0).then(|| "slept badly, better after lunch".into()),
            feelings,
            min_label: None,
            max_label: None,
            date: None,
            time: None,
        })
        .expect("check in");
        n.check_ins += 1;
        if day % 4 == 1 {
            // A second check-in later in the day: the day's latest is the one shown.
            c.set_fixed_time(morning + 9 * 3_600_000, 0).expect("time");
            c.scaling_check_in(((day * 3) % 11) as i32, None)
                .expect("evening check in");
            n.check_ins += 1;
            c.set_fixed_time(morning, 0).expect("time");
        }
        let weekday = day % 7;
        if weekday != 6 {
            for k in 0..2 {
                let way = WAYS[((day + k) % 5) as usize];
                c.five_ways_log(FiveWaysInput {
                    what: format!("Activity {k} on day {day}"),
                    ways: if (day + k) % 4 == 0 && way != WayId::Connect {
                        vec![way, WayId::Connect]
                    } else {
                        vec![way]
                    },
                    note: (k == 0).then(|| "felt good afterwards".into()),
                    date: None,
                    time: None,
                })
                .expect("five ways");
                n.five_ways += 1;
            }
        }
        if weekday == 0 {
            let a = (day / 7 % 4) as i32;
            // Item 9 above 0 in the last fortnight of the history: support comes first.
            let item9 = i32::from(day >= DAYS - 7);
            measure(&c, MeasureId::Phq9, vec![a, 1, a, 0, 1, a, 0, 1, item9]);
            measure(&c, MeasureId::Gad7, vec![a, 1, a, 0, 1, a, 1]);
            n.measures += 2;
        }
        if day % 28 == 3 {
            measure(&c, MeasureId::Ons4, vec![7, 6, 5, 3]);
            measure(&c, MeasureId::Swemwbs, vec![3, 4, 3, 3, 2, 4, 3]);
            n.measures += 2;
        }
        if weekday == 2 {
            // Every tool, walked and saved, once a week (reviews need something to review:
            // the tools before them in the list make it).
            n.flows_saved += walk_every_tool(&c, day);
        }
        if day % 28 == 20 {
            c.appointment_summary(None, None, day % 56 == 20)
                .expect("summary");
            n.summaries += 1;
            talk.set_fixed_time(morning, 0).expect("time");
            let (flow, summary) = walk(&talk, ToolId::Gad7, None, day).expect("talk");
            let payload = talk.handoff_payload(summary).expect("payload");
            // Handed over, nothing kept: the staff device's flows do not pile up.
            talk.discard_flow(flow).expect("discard");
            c.import_handoff(payload.text).expect("handoff");
            n.handoffs += 1;
        }
    }
    c.set_reminder_settings(companion_core::ReminderSettings {
        check_in_time: Some("19:00".into()),
        quiet_days: vec![companion_core::Weekday::Sunday],
        measures: true,
        reviews: true,
    })
    .expect("reminders");
    // The lock's row, off (a locked store would refuse the screens being measured).
    c.set_lock_settings(companion_core::LockSettingsInput {
        enabled: false,
        background_minutes: 5,
        new_passcode: None,
        biometric_allowed: false,
    })
    .expect("lock settings");
    c.set_profile(companion_core::Profile::Adult)
        .expect("profile");
    // The school's own contacts, as a member of staff would enter them once.
    for (kind, role, phone) in [
        (
            companion_core::SchoolContactKind::SchoolContact,
            "Designated safeguarding lead",
            "01632 960001",
        ),
        (
            companion_core::SchoolContactKind::SchoolContact,
            "School nurse",
            "01632 960002",
        ),
        (
            companion_core::SchoolContactKind::ReferralRoute,
            "Mental Health Support Team single point of access",
            "01632 960003",
        ),
    ] {
        c.add_school_contact(companion_core::SchoolContactInput {
            kind,
            role: role.into(),
            name: None,
            phone: Some(phone.into()),
            details: None,
        })
        .expect("school contact");
    }
    c.save_copy(path.display().to_string()).expect("save copy");
    // Open drafts waiting on the home screen: kept only by a store on a file (one in memory
    // is for conversations, where nothing is kept).
    let c = WellbeingStore::open(path.display().to_string()).expect("open the copy");
    c.set_fixed_time(now_ms() - 3_600_000, 0).expect("time");
    for tool in [ToolId::FiveAreas, ToolId::ThoughtRecord, ToolId::Checkin] {
        if let Ok(FlowProgress::Next { step }) = c.start_flow(tool, None) {
            let a = answer_for(&step.input, DAYS);
            if c.answer_flow(step.flow_id.clone(), a).is_ok() {
                c.save_flow_draft(step.flow_id).expect("draft");
                n.drafts += 1;
            }
        }
    }
    n
}

fn measure(c: &WellbeingStore, measure: MeasureId, answers: Vec<i32>) {
    c.take_measure(MeasureInput {
        measure,
        answers,
        date: None,
        time: None,
    })
    .expect("measure");
}

/// Walks every tool once and saves it; returns how many were saved.
fn walk_every_tool(c: &WellbeingStore, day: i64) -> u32 {
    let mut saved = 0;
    let mut subjects: std::collections::HashMap<ToolId, String> = Default::default();
    for t in c.list_tools() {
        // Reviews and re-maps take the record just made by the tool before them.
        let subject = match t.id {
            ToolId::FiveAreasReview => subjects.get(&ToolId::FiveAreas).cloned(),
            ToolId::ConnectionsRemap => subjects.get(&ToolId::ConnectionsMap).cloned(),
            ToolId::ConnectionsReview => subjects.get(&ToolId::ConnectionsPlan).cloned(),
            _ if t.needs_subject => continue,
            _ => None,
        };
        let Some((flow, _)) = walk(c, t.id, subject, day) else {
            continue;
        };
        let s = c.save_flow(flow).expect("save flow");
        subjects.insert(t.id, s.record_id);
        saved += 1;
    }
    saved
}

/// Walks `tool` to its end with varied answers; `None` when the tool has nothing to do now
/// (a review with no plan waiting).
fn walk(
    c: &WellbeingStore,
    tool: ToolId,
    subject: Option<String>,
    day: i64,
) -> Option<(String, companion_core::FlowSummary)> {
    let mut p = c.start_flow(tool, subject).ok()?;
    loop {
        match p {
            FlowProgress::Next { step } => {
                // The varied answer, else the first choice, else skipping the step (a choice
                // some days' answers rule out).
                let tries = [
                    answer_for(&step.input, day),
                    answer_for(&step.input, 0),
                    Answer::Skip,
                ];
                p = tries
                    .into_iter()
                    .find_map(|a| c.answer_flow(step.flow_id.clone(), a).ok())
                    .expect("an answer the step takes");
            }
            FlowProgress::Complete { summary } => return Some((summary.flow_id.clone(), summary)),
        }
    }
}

fn answer_for(input: &InputKind, day: i64) -> Answer {
    match input {
        InputKind::Scale { min, max, .. } => Answer::Scale {
            value: min + (day as i32).rem_euclid(max - min + 1),
        },
        InputKind::Choice { choices, .. } => Answer::Choices {
            ids: vec![choices[(day as usize) % choices.len()].id.clone()],
        },
        InputKind::Text { .. } => Answer::Text {
            text: format!("Something that happened on day {day}"),
        },
        InputKind::TextList { .. } => Answer::TextList {
            items: vec!["A first thing".into(), format!("Another on day {day}")],
        },
        InputKind::Info => Answer::Continue,
    }
}
