use std::sync::Arc;

use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeZone, Utc};

use super::*;
use crate::{Clock, FiveAreasArea, FiveAreasChange, FiveAreasInput, MeasureInput, WellbeingError};

const DAY_MS: i64 = 86_400_000;
/// Wednesday 18 November 2026, 10:00 UTC (GMT).
const WED: i64 = 1_794_996_000_000;

/// Europe/London: BST (+1) from 01:00 UTC on the last Sunday of March to 01:00 UTC on the
/// last Sunday of October (2026: 29 March and 25 October).
struct London(i64);

fn london_offset_at_utc(utc: DateTime<Utc>) -> FixedOffset {
    let start = Utc.with_ymd_and_hms(2026, 3, 29, 1, 0, 0).unwrap();
    let end = Utc.with_ymd_and_hms(2026, 10, 25, 1, 0, 0).unwrap();
    let hours = if utc >= start && utc < end { 1 } else { 0 };
    FixedOffset::east_opt(hours * 3600).unwrap()
}

impl Clock for London {
    fn now(&self) -> DateTime<FixedOffset> {
        let utc = DateTime::<Utc>::from_timestamp_millis(self.0).unwrap();
        utc.with_timezone(&london_offset_at_utc(utc))
    }
    fn offset_at(&self, local: NaiveDateTime) -> FixedOffset {
        // Read as GMT, then as BST: the first that maps back to the same wall time.
        for h in [0, 1] {
            let utc = (local - chrono::Duration::hours(h)).and_utc();
            if london_offset_at_utc(utc).local_minus_utc() as i64 == h * 3600 {
                return london_offset_at_utc(utc);
            }
        }
        FixedOffset::east_opt(0).unwrap()
    }
}

fn at(ms: i64) -> Arc<WellbeingStore> {
    let c = WellbeingStore::open_in_memory().unwrap();
    c.set_fixed_time(ms, 0).unwrap();
    c
}

fn in_london(ms: i64) -> Arc<WellbeingStore> {
    WellbeingStore::in_memory_with_clock(Arc::new(London(ms))).unwrap()
}

fn daily(time: &str) -> ReminderSettings {
    ReminderSettings {
        check_in_time: Some(time.into()),
        ..Default::default()
    }
}

fn local_times(r: &[Reminder]) -> Vec<&str> {
    r.iter().map(|r| r.local_time.as_str()).collect()
}

fn utc(y: i32, m: u32, d: u32, h: u32) -> i64 {
    Utc.with_ymd_and_hms(y, m, d, h, 0, 0)
        .unwrap()
        .timestamp_millis()
}

#[test]
fn reminders_are_off_until_chosen_and_bad_settings_are_refused() {
    let c = at(WED);
    assert_eq!(c.reminder_settings().unwrap(), ReminderSettings::default());
    assert_eq!(c.upcoming_reminders(7).unwrap(), vec![]);
    for bad in ["25:00", "nine", "9.30"] {
        match c.set_reminder_settings(daily(bad)) {
            Err(WellbeingError::InvalidInput { field, .. }) => assert_eq!(field, "check_in_time"),
            other => panic!("{bad}: {other:?}"),
        }
    }
    assert_eq!(c.reminder_settings().unwrap(), ReminderSettings::default());
    for days in [0, MAX_REMINDER_DAYS + 1] {
        assert!(matches!(
            c.upcoming_reminders(days),
            Err(WellbeingError::InvalidInput { .. })
        ));
    }
    let stored = c
        .set_reminder_settings(ReminderSettings {
            check_in_time: Some(" 9:05 ".into()),
            quiet_days: vec![Weekday::Sunday, Weekday::Monday, Weekday::Sunday],
            measures: true,
            reviews: false,
        })
        .unwrap();
    assert_eq!(stored.check_in_time.as_deref(), Some("09:05"));
    assert_eq!(stored.quiet_days, [Weekday::Monday, Weekday::Sunday]);
    assert_eq!(c.reminder_settings().unwrap(), stored);
}

#[test]
fn a_daily_check_in_at_the_chosen_time_still_to_come() {
    let c = at(WED);
    c.set_reminder_settings(daily("18:30")).unwrap();
    let r = c.upcoming_reminders(3).unwrap();
    assert_eq!(
        local_times(&r),
        ["2026-11-18 18:30", "2026-11-19 18:30", "2026-11-20 18:30"]
    );
    assert_eq!(r[0].at_utc_ms, WED + 8 * 3_600_000 + 30 * 60_000);
    assert_eq!(r[0].kind, ReminderKind::CheckIn);
    assert_eq!(r[0].id, "check-in-2026-11-18");
    assert_eq!(
        r[0].action,
        NavAction::StartTool {
            tool: ToolId::Checkin,
            subject_id: None
        }
    );
    assert!(!r[0].title.is_empty() && !r[0].body.is_empty());
    // 09:00 has passed today (10:00): tomorrow first.
    c.set_reminder_settings(daily("09:00")).unwrap();
    assert_eq!(
        local_times(&c.upcoming_reminders(2).unwrap()),
        ["2026-11-19 09:00"]
    );
}

#[test]
fn not_today_quiet_days_and_a_check_in_done_leave_today_out() {
    let c = at(WED);
    c.set_reminder_settings(ReminderSettings {
        check_in_time: Some("18:00".into()),
        quiet_days: vec![Weekday::Friday],
        measures: false,
        reviews: false,
    })
    .unwrap();
    assert_eq!(
        local_times(&c.upcoming_reminders(4).unwrap()),
        ["2026-11-18 18:00", "2026-11-19 18:00", "2026-11-21 18:00"],
        "no reminder on the quiet Friday"
    );
    c.skip_reminders_today().unwrap();
    assert_eq!(
        local_times(&c.upcoming_reminders(2).unwrap()),
        ["2026-11-19 18:00"]
    );
    // Changing the settings keeps "not today"; tomorrow it no longer applies.
    c.set_reminder_settings(daily("18:00")).unwrap();
    assert_eq!(c.upcoming_reminders(1).unwrap(), vec![]);
    c.set_fixed_time(WED + DAY_MS, 0).unwrap();
    assert_eq!(
        local_times(&c.upcoming_reminders(1).unwrap()),
        ["2026-11-19 18:00"]
    );
    c.scaling_check_in(5, None).unwrap();
    assert_eq!(
        c.upcoming_reminders(1).unwrap(),
        vec![],
        "already checked in"
    );
}

#[test]
fn across_the_clocks_going_back_the_check_in_keeps_its_wall_time() {
    // Saturday 24 October 2026, 23:30 BST (22:30 UTC); GMT from 01:00 UTC on Sunday.
    let c = in_london(utc(2026, 10, 24, 22) + 30 * 60_000);
    c.set_reminder_settings(daily("09:00")).unwrap();
    c.scaling_check_in(6, None).unwrap();
    let r = c.upcoming_reminders(3).unwrap();
    assert_eq!(
        local_times(&r),
        ["2026-10-25 09:00", "2026-10-26 09:00"],
        "the check-in at 23:30 BST counts for Saturday; Sunday and Monday remain"
    );
    assert_eq!(r[0].at_utc_ms, utc(2026, 10, 25, 9), "09:00 GMT");
    assert_eq!(r[1].at_utc_ms - r[0].at_utc_ms, DAY_MS);
}

#[test]
fn across_the_clocks_going_forward_the_check_in_keeps_its_wall_time() {
    // Saturday 28 March 2026, 12:00 GMT; BST from 01:00 UTC on Sunday.
    let c = in_london(utc(2026, 3, 28, 12));
    c.set_reminder_settings(daily("09:00")).unwrap();
    let r = c.upcoming_reminders(2).unwrap();
    assert_eq!(local_times(&r), ["2026-03-29 09:00"]);
    assert_eq!(
        r[0].at_utc_ms,
        utc(2026, 3, 29, 8),
        "09:00 BST is 08:00 UTC"
    );
    // A time in the skipped hour is kept, not lost.
    c.set_reminder_settings(daily("01:30")).unwrap();
    let r = c.upcoming_reminders(2).unwrap();
    assert_eq!(local_times(&r), ["2026-03-29 01:30"]);
    assert!(r[0].at_utc_ms >= utc(2026, 3, 29, 1) - 30 * 60_000);
}

#[test]
fn with_a_fixed_clock_the_offset_of_now_is_used() {
    // The same Saturday seen by a fixed BST clock (scenarios, demonstrations): the wall time
    // stays right, the instant assumes the offset does not change.
    let c = WellbeingStore::open_in_memory().unwrap();
    c.set_fixed_time(utc(2026, 10, 24, 11), 60).unwrap();
    c.set_reminder_settings(daily("09:00")).unwrap();
    let r = c.upcoming_reminders(2).unwrap();
    assert_eq!(local_times(&r), ["2026-10-25 09:00"]);
    assert_eq!(r[0].at_utc_ms, utc(2026, 10, 25, 8));
}

#[test]
fn a_measure_taken_before_is_reminded_on_its_due_date() {
    let c = at(WED);
    c.take_measure(MeasureInput {
        measure: "phq9".into(),
        answers: vec![0; 9],
        date: None,
        time: None,
    })
    .unwrap();
    c.set_reminder_settings(ReminderSettings {
        measures: true,
        ..Default::default()
    })
    .unwrap();
    let due = c
        .measure_statuses()
        .unwrap()
        .into_iter()
        .find(|m| m.measure == "phq9")
        .and_then(|m| m.next_due_date)
        .unwrap();
    let due_day = clock::parse_date("d", &due).unwrap();
    let days = (due_day - c.now().date()).num_days();
    assert!(days >= 1);
    c.set_fixed_time(WED + (days - 1) * DAY_MS, 0).unwrap();
    let r = c.upcoming_reminders(3).unwrap();
    assert_eq!(r.len(), 1, "only the measure taken before: {r:?}");
    assert_eq!(r[0].kind, ReminderKind::Measure);
    assert_eq!(r[0].local_time, format!("{due} 10:00"));
    assert!(r[0].title.contains("PHQ-9"));
    assert_eq!(
        r[0].action,
        NavAction::StartTool {
            tool: ToolId::Phq9,
            subject_id: None
        }
    );
    // Overdue and not yet taken: reminded at the next time still to come.
    c.set_fixed_time(WED + (days + 2) * DAY_MS, 0).unwrap();
    let r = c.upcoming_reminders(2).unwrap();
    assert_eq!(r.len(), 1);
    assert!(r[0].local_time.ends_with("10:00") && r[0].at_utc_ms > WED + (days + 2) * DAY_MS);
}

#[test]
fn a_small_change_is_reminded_on_its_review_date() {
    let c = at(WED);
    let ws = c
        .five_areas_create(FiveAreasInput {
            title: None,
            date: None,
            time: None,
            situation: Some("A deadline".into()),
            thoughts: vec!["I will not finish".into()],
            feelings: vec![crate::FiveAreasFeeling {
                name: "anxious".into(),
                intensity: 60,
            }],
            physical: vec![],
            behaviour: vec![],
            links: vec![],
            change: Some(FiveAreasChange {
                start_area: FiveAreasArea::Behaviour,
                change: "Take a walk".into(),
            }),
            complete: true,
        })
        .unwrap();
    c.set_reminder_settings(ReminderSettings {
        check_in_time: Some("19:00".into()),
        reviews: true,
        ..Default::default()
    })
    .unwrap();
    let r: Vec<Reminder> = c
        .upcoming_reminders(7)
        .unwrap()
        .into_iter()
        .filter(|r| r.kind == ReminderKind::Review)
        .collect();
    assert_eq!(
        local_times(&r),
        ["2026-11-21 19:00"],
        "three days on, at the check-in time"
    );
    assert_eq!(
        r[0].action,
        NavAction::StartTool {
            tool: ToolId::FiveAreasReview,
            subject_id: Some(ws.id.clone())
        }
    );
    assert!(
        !r[0].body.contains("walk"),
        "no words of the person on a lock screen"
    );
}

const HOUR_MS: i64 = 3_600_000;

#[test]
fn what_is_due_is_what_the_schedule_said_once_its_moment_has_come() {
    // Wednesday 10:00 UTC: the check-in at 18:30, the next reminder the schedule gives.
    let c = at(WED);
    c.set_reminder_settings(daily("18:30")).unwrap();
    let asked = WED;
    let next = c.upcoming_reminders(1).unwrap().remove(0);
    assert_eq!(c.due_reminders(asked).unwrap(), vec![], "not yet");
    // Woken at its moment, or a quarter of an hour late: the same reminder, the same words.
    for late_ms in [0, 15 * 60_000] {
        c.set_fixed_time(next.at_utc_ms + late_ms, 0).unwrap();
        assert_eq!(c.due_reminders(asked).unwrap(), vec![next.clone()]);
    }
    // Asked again from the moment of that delivery: nothing twice.
    assert_eq!(c.due_reminders(next.at_utc_ms).unwrap(), vec![]);
    // A check-in made before the moment came: the reminder is no longer due.
    c.scaling_check_in(6, None).unwrap();
    assert_eq!(c.due_reminders(asked).unwrap(), vec![]);
}

#[test]
fn nothing_is_due_on_a_quiet_day_a_skipped_day_or_from_a_day_gone_by() {
    let c = at(WED);
    c.set_reminder_settings(ReminderSettings {
        check_in_time: Some("09:00".into()),
        quiet_days: vec![Weekday::Friday],
        measures: false,
        reviews: false,
    })
    .unwrap();
    // Thursday 09:00 came while asleep since Wednesday: Thursday's is due, Wednesday's
    // (09:00, before the schedule was asked) is not.
    let thursday_nine = WED + DAY_MS - HOUR_MS;
    c.set_fixed_time(thursday_nine + HOUR_MS, 0).unwrap();
    let due = c.due_reminders(WED).unwrap();
    assert_eq!(local_times(&due), ["2026-11-19 09:00"]);
    // Friday is quiet.
    c.set_fixed_time(thursday_nine + DAY_MS + HOUR_MS, 0)
        .unwrap();
    assert_eq!(c.due_reminders(thursday_nine).unwrap(), vec![]);
    // Saturday, woken at 10:00 with the schedule last asked on Thursday: only Saturday's
    // (Friday's would have been quiet anyway, and Thursday's is gone by).
    c.set_fixed_time(thursday_nine + 2 * DAY_MS + HOUR_MS, 0)
        .unwrap();
    assert_eq!(
        local_times(&c.due_reminders(thursday_nine - HOUR_MS).unwrap()),
        ["2026-11-21 09:00"]
    );
    // "Not today": nothing due today.
    c.skip_reminders_today().unwrap();
    assert_eq!(c.due_reminders(thursday_nine).unwrap(), vec![]);
    // Asked with a moment still to come (a clock set back): nothing, and no error.
    assert_eq!(c.due_reminders(WED + 30 * DAY_MS).unwrap(), vec![]);
}

#[test]
fn a_measure_falls_due_at_its_slot_on_its_due_date() {
    let c = at(WED);
    c.take_measure(MeasureInput {
        measure: "gad7".into(),
        answers: vec![1; 7],
        date: None,
        time: None,
    })
    .unwrap();
    c.set_reminder_settings(ReminderSettings {
        measures: true,
        ..Default::default()
    })
    .unwrap();
    let due = c
        .measure_statuses()
        .unwrap()
        .into_iter()
        .find(|m| m.measure == "gad7")
        .and_then(|m| m.next_due_date)
        .unwrap();
    let days = (clock::parse_date("d", &due).unwrap() - c.now().date()).num_days();
    // The evening before, the schedule says 10:00 on the due date.
    c.set_fixed_time(WED + (days - 1) * DAY_MS + 8 * HOUR_MS, 0)
        .unwrap();
    let asked = WED + (days - 1) * DAY_MS + 8 * HOUR_MS;
    let next = c.upcoming_reminders(2).unwrap().remove(0);
    assert_eq!(next.kind, ReminderKind::Measure);
    c.set_fixed_time(next.at_utc_ms + 60_000, 0).unwrap();
    assert_eq!(c.due_reminders(asked).unwrap(), vec![next]);
}
