//! Builds a store holding ten years of heavy use, through the public API only: a check-in a
//! day, six Five Ways entries a week, a weekly PHQ-9 and GAD-7, and a Five Areas worksheet and
//! a thought record a week. Built in memory (fast), then written out with `save_copy`.
//! Shared by the criterion benchmark and the `ten_year_db` example (which the Kotlin
//! benchmark uses), so both measure the same database.

use std::path::Path;

use companion_core::{
    FiveAreasArea, FiveAreasChange, FiveAreasFeeling, FiveAreasInput, FiveWaysInput, MeasureId,
    MeasureInput, ThoughtRecordEmotion, ThoughtRecordInput, WayId, WellbeingStore,
};

pub const DAYS: i64 = 3652;
const DAY_MS: i64 = 86_400_000;
/// Monday 4 January 2016, 09:00 UTC.
const START_MS: i64 = 1_451_898_000_000;
const WAYS: &[WayId] = WayId::ALL;

/// The instant the benchmark treats as "now": 10:00 on the day after the last entry.
pub fn now_ms() -> i64 {
    START_MS + DAYS * DAY_MS + 3_600_000
}

/// What was written.
#[derive(Debug, Default)]
pub struct Counts {
    pub check_ins: u32,
    pub five_ways: u32,
    pub measures: u32,
    pub worksheets: u32,
    pub thought_records: u32,
}

pub fn build(path: &Path) -> Counts {
    let c = WellbeingStore::open_in_memory().expect("open in memory");
    let mut n = Counts::default();
    for day in 0..DAYS {
        c.set_fixed_time(START_MS + day * DAY_MS, 0).expect("time");
        c.scaling_check_in(
            ((day * 7) % 11) as i32,
            if day % 3 == 0 {
                Some("slept badly, better after lunch".into())
            } else {
                None
            },
        )
        .expect("check in");
        n.check_ins += 1;
        let weekday = day % 7;
        if weekday != 6 {
            let way = WAYS[(day % 5) as usize];
            c.five_ways_log(FiveWaysInput {
                what: format!("Activity on day {day}"),
                ways: if day % 4 == 0 {
                    vec![way, WayId::Connect]
                } else {
                    vec![way]
                },
                note: Some("felt good afterwards".into()),
                date: None,
                time: None,
            })
            .or_else(|_| {
                c.five_ways_log(FiveWaysInput {
                    what: format!("Activity on day {day}"),
                    ways: vec![way],
                    note: None,
                    date: None,
                    time: None,
                })
            })
            .expect("five ways");
            n.five_ways += 1;
        }
        if weekday == 0 {
            let a = (day / 7 % 4) as i32;
            c.take_measure(MeasureInput {
                measure: MeasureId::Phq9,
                answers: vec![a, 1, a, 0, 1, a, 0, 1, 0],
                date: None,
                time: None,
            })
            .expect("phq9");
            c.take_measure(MeasureInput {
                measure: MeasureId::Gad7,
                answers: vec![a, 1, a, 0, 1, a, 1],
                date: None,
                time: None,
            })
            .expect("gad7");
            n.measures += 2;
        }
        if weekday == 2 {
            c.five_areas_create(FiveAreasInput {
                title: Some(format!("Week {}", day / 7)),
                date: None,
                time: None,
                situation: Some("A hard conversation at work".into()),
                thoughts: vec!["They will think I am not coping".into()],
                feelings: vec![FiveAreasFeeling {
                    name: "anxious".into(),
                    intensity: 70,
                }],
                physical: vec!["tight chest".into()],
                behaviour: vec!["put it off".into()],
                links: vec![],
                change: Some(FiveAreasChange {
                    start_area: FiveAreasArea::Behaviour,
                    change: "Send the email first thing".into(),
                }),
                complete: true,
            })
            .expect("worksheet");
            n.worksheets += 1;
        }
        if weekday == 4 {
            n.thought_records += thought_record(&c, day);
        }
    }
    c.save_copy(path.display().to_string()).expect("save copy");
    n
}

/// A weekly thought record.
fn thought_record(c: &WellbeingStore, day: i64) -> u32 {
    c.thought_record_create(ThoughtRecordInput {
        date: None,
        time: None,
        situation: format!("Meeting on day {day}"),
        emotions: vec![ThoughtRecordEmotion {
            name: "worried".into(),
            intensity: 75,
            rerated: Some(40),
        }],
        thought: "Everyone will think I have no idea what I am doing".into(),
        styles: vec!["mind-reading".into()],
        evidence_for: vec!["I stumbled once last time".into()],
        evidence_against: vec!["People thanked me afterwards".into()],
        balanced_thought: Some("I know this subject and one stumble is not the whole story".into()),
    })
    .expect("thought record");
    1
}
