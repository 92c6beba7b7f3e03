//! Screen views that draw on several tools: the home screen (`today`) and the week.
//!
//! Each tool keeps its own views (history pages, week of Five Ways…); this module only
//! composes them, and decides the one "next thing" to suggest. Safety comes first: a PHQ-9
//! item 9 answer above 0 in the last fortnight puts support at the top of the home screen.

use std::sync::OnceLock;

use chrono::Duration;
use serde::{Deserialize, Serialize};

use crate::chart::ChartSeries;
use crate::clock::{fmt_date, parse_date, week_start};
use crate::crisis::SafetyFlag;
use crate::crisis::SafetyNotice;
use crate::error::{ApiResult, Result};
use crate::five_ways::{FiveWaysGlance, FiveWaysWeek};
use crate::measures::MeasureResult;
use crate::scaling::ScalingEntry;
use crate::store::WellbeingStore;

/// How long a safety flag from a measure keeps support at the top of the home screen.
const SAFETY_FLAG_DAYS: i64 = 14;

crate::content::words_record! {
#[derive(Debug)]
pub(crate) struct Wording {
    pub(crate) support_title: String,
    pub(crate) support_detail: String,
    pub(crate) checkin_title: String,
    pub(crate) checkin_detail: String,
    pub(crate) measure_due_title: String,
    pub(crate) measure_due_detail: String,
    pub(crate) measure_never_detail: String,
    pub(crate) review_change_title: String,
    pub(crate) review_change_detail: String,
    pub(crate) review_plan_title: String,
    pub(crate) review_plan_detail: String,
    pub(crate) idea_title: String,
    pub(crate) draft_title: String,
    pub(crate) draft_detail: String,
    pub(crate) no_checkin_label: String,
    pub(crate) history_checkin_label: String,
    pub(crate) history_five_ways_label: String,
    pub(crate) history_five_areas_label: String,
    pub(crate) history_thoughts_label: String,
    pub(crate) records_empty: String,
    pub(crate) records_delete: String,
    pub(crate) records_edit: String,
    pub(crate) records_confirm_delete: String,
    pub(crate) records_deleted: String,
    pub(crate) rhythm_week: String,
    pub(crate) rhythm_run: String,

    pub(crate) help_now_label: String,
    pub(crate) help_now_detail: String,
    pub(crate) open_plan_label: String,
    pub(crate) write_plan_label: String,
    pub(crate) heading_support: String,
    pub(crate) heading_next: String,
    pub(crate) heading_waiting: String,
    pub(crate) heading_tools: String,
    pub(crate) heading_records: String,
    pub(crate) heading_conversation: String,
    pub(crate) week_label: String,
    pub(crate) summary_label: String,
    pub(crate) conversation_label: String,
    pub(crate) settings_label: String,
}}

pub(crate) fn wording() -> Result<&'static Wording> {
    static W: OnceLock<std::result::Result<Wording, String>> = OnceLock::new();
    Ok(crate::content::parsed(
        &W,
        crate::content::en_gb::VIEWS,
        "home screen",
    )?)
}

/// The data of the home screen (its menu is [`crate::HomeView`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct TodayView {
    /// Support first: present when a measure taken or a summary received in the last
    /// fortnight raised a safety flag. Drawn before anything else.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub safety: Option<SafetyNotice>,
    /// "YYYY-MM-DD".
    pub date: String,
    /// "Sunday 22 November".
    pub date_label: String,
    /// Today's latest check-in, if any.
    pub check_in: Option<ScalingEntry>,
    /// "6 on a scale of 0 to 10", or "Not checked in yet today".
    pub check_in_label: String,
    /// The last seven days of check-ins, for a small chart.
    pub check_in_week: ChartSeries,
    /// How regularly the person has checked in lately, said kindly; `None` when there is
    /// nothing lately (no nagging).
    pub check_in_rhythm: Option<crate::scaling::CheckInRhythm>,
    /// This week's Five Ways so far.
    pub five_ways: FiveWaysGlance,
    pub has_safety_plan: bool,
}

#[cfg(test)]
impl TodayView {
    /// The flags in the safety notice (none without one).
    pub(crate) fn safety_flags(&self) -> Vec<SafetyFlag> {
        self.safety.iter().flat_map(|n| n.flags.clone()).collect()
    }
}

/// One day of the week view.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct WeekDay {
    pub date: String,
    pub label: String,
    pub is_today: bool,
    pub is_future: bool,
    pub check_in: Option<f64>,
    pub five_ways_entries: u32,
    /// Titles of the ways touched that day.
    pub ways: Vec<String>,
    /// "PHQ-9: 8 (mild range)" for each measure taken that day.
    pub measures: Vec<String>,
    pub worksheets: u32,
    pub thought_records: u32,
}

/// The week screen: Monday to Sunday.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct WeekView {
    /// Support first: present when a measure taken this week raised a safety flag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub safety: Option<SafetyNotice>,
    pub week_start: String,
    pub week_end: String,
    pub label: String,
    pub is_current_week: bool,
    pub days: Vec<WeekDay>,
    pub check_in_series: ChartSeries,
    pub five_ways: FiveWaysWeek,
    pub measures_taken: Vec<MeasureResult>,
    pub worksheets_completed: u32,
    pub thought_records: u32,
}

/// "PHQ-9: 8 (mild range)"; "SWEMWBS: 23.21" without a band; ONS4, which has no overall
/// score, as its four answers ("ONS4: Life satisfaction 7, Worthwhile 8, …").
fn measure_label(m: &MeasureResult) -> String {
    if m.score_text.is_empty() {
        let items: Vec<String> = m
            .subscores
            .iter()
            .map(|s| format!("{} {}", s.label, s.value))
            .collect();
        return format!("{}: {}", m.title, items.join(", "));
    }
    match &m.band_label {
        Some(band) => format!("{}: {} ({band} range)", m.title, m.score_text),
        None => format!("{}: {}", m.title, m.score_text),
    }
}

impl WellbeingStore {
    /// Safety flags from measures taken in the last fortnight, newest first, one per code.
    /// `profile` is the home screen's, read once for it.
    fn recent_safety_flags(&self, profile: crate::ids::Profile) -> Result<Vec<SafetyFlag>> {
        let today = self.now().date();
        let mut flags: Vec<SafetyFlag> = vec![];
        let from_measures =
            self.measure_flags_between(today - Duration::days(SAFETY_FLAG_DAYS - 1), today)?;
        // Summaries handed over from a conversation on another device count too: a PHQ-9 done
        // with a worker and handed over must put support first here as well.
        let from = fmt_date(today - Duration::days(SAFETY_FLAG_DAYS - 1));
        let mut handed =
            self.read(|c| crate::handoff::received_between(c, &from, &fmt_date(today), profile))?;
        handed.reverse();
        for f in from_measures
            .into_iter()
            .chain(handed.into_iter().flat_map(|h| h.summary.flags))
        {
            if !flags.iter().any(|g| g.code == f.code) {
                flags.push(f);
            }
        }
        Ok(flags)
    }
}

#[cfg_attr(feature = "ffi", uniffi::export)]
impl WellbeingStore {
    /// The data of the home screen: safety flags first, today's check-in, this week's Five
    /// Ways. The menu around it, with what is due, is [`WellbeingStore::home`].
    pub fn today(&self) -> ApiResult<TodayView> {
        let w = wording()?;
        let now = self.now();
        let today = now.date();
        let profile = self.profile_or_adult();
        let safety = crate::crisis::notice_for(
            &self.recent_safety_flags(profile)?,
            self.audience(),
            profile,
        );
        let check_in = self.scaling_today_check_in()?;
        let (check_in_week, check_in_rhythm) =
            self.scaling_check_in_glance(&w.rhythm_week, &w.rhythm_run)?;
        let (five_ways, has_safety_plan) = self.read(|c| {
            Ok((
                crate::five_ways::glance(c, today)?,
                crate::safety::has_plan(c)?,
            ))
        })?;
        Ok(TodayView {
            date: now.date_string(),
            date_label: today.format("%A %-d %B").to_string(),
            safety,
            check_in_label: check_in
                .as_ref()
                .map(check_in_label)
                .unwrap_or_else(|| w.no_checkin_label.clone()),
            check_in,
            check_in_week,
            check_in_rhythm,
            five_ways,
            has_safety_plan,
        })
    }

    /// The week containing `date` ("YYYY-MM-DD"; default this week), Monday to Sunday.
    pub fn week(&self, date: Option<String>) -> ApiResult<WeekView> {
        let today = self.now().date();
        let day = match date.as_deref() {
            Some(d) => parse_date("date", d)?,
            None => today,
        };
        let monday = week_start(day);
        let sunday = monday + Duration::days(6);
        let series = self.scaling_check_in_series(monday, sunday)?;
        // Each day's worksheets and thought records in one grouped read each, not two
        // counts per day.
        let (five_ways, worksheets_by_day, records_by_day) = self.read(|c| {
            Ok((
                crate::five_ways::week_view(c, day, today)?,
                crate::five_areas::counts_by_day(c, monday, sunday)?,
                crate::thinking_styles::counts_by_day(c, monday, sunday)?,
            ))
        })?;
        let on = |by_day: &[(String, u32)], ds: &str| {
            by_day.iter().find(|(d, _)| d == ds).map_or(0, |(_, n)| *n)
        };
        let profile = self.profile_or_adult();
        let mut measures = self.measure_results_between(monday, sunday, profile)?;
        measures.sort_by_key(|r| r.utc_ms);
        let mut days = vec![];
        for (i, fw) in five_ways.days.iter().enumerate() {
            let d = monday + Duration::days(i as i64);
            let ds = fmt_date(d);
            let (worksheets_that_day, records_that_day) =
                (on(&worksheets_by_day, &ds), on(&records_by_day, &ds));
            days.push(WeekDay {
                date: ds.clone(),
                label: fw.label.clone(),
                is_today: fw.is_today,
                is_future: fw.is_future,
                check_in: series
                    .points
                    .iter()
                    .find(|p| p.date == ds)
                    .and_then(|p| p.value),
                five_ways_entries: fw.entries.len() as u32,
                ways: fw.ways_touched.iter().map(|w| w.title.clone()).collect(),
                measures: measures
                    .iter()
                    .filter(|m| m.date == ds)
                    .map(measure_label)
                    .collect(),
                worksheets: worksheets_that_day,
                thought_records: records_that_day,
            });
        }
        let flags: Vec<SafetyFlag> = measures.iter().flat_map(|m| m.flags.clone()).collect();
        Ok(WeekView {
            safety: crate::crisis::notice_for(&flags, self.audience(), profile),
            week_start: five_ways.week_start.clone(),
            week_end: five_ways.week_end.clone(),
            label: five_ways.label.clone(),
            is_current_week: five_ways.is_current_week,
            thought_records: days.iter().map(|d| d.thought_records).sum(),
            days,
            check_in_series: series,
            five_ways,
            measures_taken: measures,
            worksheets_completed: worksheets_by_day.iter().map(|(_, n)| n).sum(),
        })
    }
}

/// "6 on a scale of 0 to 10", with the feeling words chosen: "… · Tired, Hopeful".
pub(crate) fn check_in_label(e: &crate::scaling::ScalingEntry) -> String {
    let words: Vec<&str> = e.feelings.iter().map(|f| f.label.as_str()).collect();
    if words.is_empty() {
        e.value_label.clone()
    } else {
        format!("{} · {}", e.value_label, words.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::five_ways::test_support::activity;
    use crate::{Answer, FlowProgress, MeasureInput};
    use crate::{MeasureId, SafetyFlagCode, ToolId, WayId};

    const DAY_MS: i64 = 86_400_000;
    /// Wednesday 18 November 2026, 10:00 UTC.
    const WED: i64 = 1_794_996_000_000;

    fn at(ms: i64, offset: i32) -> std::sync::Arc<WellbeingStore> {
        let c = WellbeingStore::open_in_memory().unwrap();
        c.set_fixed_time(ms, offset).unwrap();
        c
    }

    fn take(c: &WellbeingStore, measure: &str, answers: Vec<i32>) {
        c.take_measure(MeasureInput {
            measure: MeasureId::parse(measure).unwrap(),
            answers,
            date: None,
            time: None,
        })
        .unwrap();
    }

    fn take_all(c: &WellbeingStore) {
        take(c, "phq9", vec![0; 9]);
        take(c, "gad7", vec![0; 7]);
        take(c, "ons4", vec![7, 7, 7, 2]);
        take(c, "swemwbs", vec![3; 7]);
    }

    #[test]
    fn empty_store_suggests_checking_in_and_lists_measures() {
        let c = at(WED, 0);
        let t = c.today().unwrap();
        assert_eq!(t.date, "2026-11-18");
        assert_eq!(t.date_label, "Wednesday 18 November");
        assert!(t.safety_flags().is_empty());
        assert_eq!(t.check_in, None);
        assert_eq!(t.check_in_label, wording().unwrap().no_checkin_label);
        assert_eq!(t.check_in_week.points.len(), 7);
        assert!(t.check_in_week.points.iter().all(|p| p.value.is_none()));
        assert!(!t.has_safety_plan);
    }

    #[test]
    fn todays_check_in_label_carries_the_feeling_words() {
        let c = at(WED, 0);
        let e = c.scaling_check_in(6, None).unwrap();
        assert_eq!(c.today().unwrap().check_in_label, "6 on a scale of 0 to 10");
        c.scaling_edit(
            e.id,
            crate::ScalingInput {
                template: "checkin".into(),
                subject: None,
                scale_min: None,
                value: 6,
                follow_ups: vec![],
                note: None,
                feelings: vec!["tired".into(), "irritable".into()],
                min_label: None,
                max_label: None,
                date: None,
                time: None,
            },
        )
        .unwrap();
        let t = c.today().unwrap();
        assert_eq!(t.check_in_label, "6 on a scale of 0 to 10 · Tired, On edge");
    }

    #[test]
    fn with_nothing_open_the_next_thing_is_a_five_ways_idea_from_an_untouched_way() {
        let c = at(WED, 0);
        c.scaling_check_in(6, None).unwrap();
        take_all(&c);
        c.five_ways_log(activity("Called my sister", &[WayId::Connect]))
            .unwrap();
        let t = c.today().unwrap();
        assert_eq!(t.check_in.as_ref().map(|e| e.value), Some(6));
        assert!(t.check_in_label.contains('6'));
        assert_ne!(
            t.five_ways.suggestion.way_id,
            WayId::Connect,
            "the idea comes from a way not yet touched"
        );
        assert_eq!(
            t.check_in_week.points.last().and_then(|p| p.value),
            Some(6.0)
        );
    }

    #[test]
    fn phq9_item_9_puts_support_first_for_a_fortnight() {
        let c = at(WED, 0);
        c.scaling_check_in(5, None).unwrap();
        take_all(&c);
        // Total 1, but item 9 answered "several days".
        take(&c, "phq9", vec![0, 0, 0, 0, 0, 0, 0, 0, 1]);
        let t = c.today().unwrap();
        assert_eq!(t.safety_flags().len(), 1);
        assert_eq!(t.safety_flags()[0].code, SafetyFlagCode::Phq9Item9);
        assert!(t.safety_flags()[0].show_help_now);
        // Still shown 13 days later, gone after 14 (a weekly PHQ-9 would renew it).
        c.set_fixed_time(WED + 13 * DAY_MS, 0).unwrap();
        assert_eq!(c.today().unwrap().safety_flags().len(), 1);
        c.set_fixed_time(WED + 14 * DAY_MS, 0).unwrap();
        assert!(c.today().unwrap().safety_flags().is_empty());
    }

    #[test]
    fn the_notice_is_the_first_thing_in_home_today_and_week() {
        let c = at(WED, 0);
        take(&c, "phq9", vec![0, 0, 0, 0, 0, 0, 0, 0, 2]);
        let h = c.home().unwrap();
        let n = h.safety.clone().expect("home carries the notice");
        assert!(n.urgent);
        assert_eq!(h.today.safety, Some(n.clone()));
        assert!(n.contacts.iter().any(|k| k.id == "samaritans"));
        // Field order is drawing order for a shell that walks the record: safety comes first.
        for json in [
            serde_json::to_string(&h).unwrap(),
            serde_json::to_string(&h.today).unwrap(),
            serde_json::to_string(&c.week(None).unwrap()).unwrap(),
        ] {
            assert!(json.starts_with("{\"safety\":{"), "{}", &json[..40]);
        }
        let w = c.week(None).unwrap();
        assert_eq!(w.safety.map(|n| n.flags.len()), Some(1));
        let r = &w.measures_taken[0];
        assert!(r.safety.as_ref().is_some_and(|n| n.urgent));
        // Last week's view does not carry this week's flag.
        let last = fmt_date(parse_date("d", &w.week_start).unwrap() - Duration::days(1));
        assert_eq!(c.week(Some(last)).unwrap().safety, None);
    }

    #[test]
    fn the_rhythm_forgives_a_missed_day() {
        let c = at(WED - 6 * DAY_MS, 0);
        assert_eq!(
            c.today().unwrap().check_in_rhythm,
            None,
            "nothing yet, nothing said"
        );
        // Thursday to Wednesday, Saturday missed.
        for day in [0, 1, 3, 4, 5, 6] {
            c.set_fixed_time(WED - (6 - day) * DAY_MS, 0).unwrap();
            c.scaling_check_in(5, None).unwrap();
        }
        let r = c.today().unwrap().check_in_rhythm.unwrap();
        assert_eq!((r.last_seven_days, r.run_days), (6, 7));
        assert!(r
            .text
            .starts_with("You have checked in on 6 of the last 7 days."));
        assert!(r.text.contains("7 days"), "{}", r.text);
        assert!(!r.text.to_lowercase().contains("broke"), "{}", r.text);
        // Thursday, not checked in yet: the run still stands.
        c.set_fixed_time(WED + DAY_MS, 0).unwrap();
        assert_eq!(c.today().unwrap().check_in_rhythm.unwrap().run_days, 7);
    }

    #[test]
    fn no_flag_no_notice_anywhere() {
        let c = at(WED, 0);
        take_all(&c);
        let h = c.home().unwrap();
        assert_eq!(h.safety, None);
        assert_eq!(h.today.safety, None);
        let w = c.week(None).unwrap();
        assert_eq!(w.safety, None);
        assert!(w.measures_taken.iter().all(|r| r.safety.is_none()));
    }

    #[test]
    fn the_week_shows_ons4_as_its_four_answers() {
        let c = at(WED, 0);
        take(&c, "ons4", vec![7, 8, 6, 3]);
        let w = c.week(None).unwrap();
        let day = w.days.iter().find(|d| d.is_today).unwrap();
        assert_eq!(day.measures.len(), 1);
        let line = &day.measures[0];
        assert!(line.starts_with("ONS4: "), "{line}");
        for n in ["7", "8", "6", "3"] {
            assert!(line.contains(n), "{line}");
        }
        assert!(!line.trim_end().ends_with(':'), "{line}");
    }

    #[test]
    fn a_handed_over_phq9_with_item_9_puts_support_first_too() {
        // Staff device, conversation mode: PHQ-9 with item 9 answered "several days".
        let talk = at(WED, 0);
        let mut p = talk.start_flow(ToolId::Phq9, None).unwrap();
        let mut item = 0;
        let summary = loop {
            match p {
                FlowProgress::Next { step } => {
                    let a = match step.input {
                        crate::InputKind::Info => Answer::Continue,
                        _ => {
                            item += 1;
                            Answer::Scale {
                                value: if item == 9 { 1 } else { 0 },
                            }
                        }
                    };
                    p = talk.answer_flow(step.flow_id, a).unwrap();
                }
                FlowProgress::Complete { summary } => break summary,
            }
        };
        assert_eq!(summary.flags.len(), 1);
        let payload = talk.handoff_payload(summary).unwrap();
        // The person's own device: nothing else stored, the flag arrives with the summary.
        let c = at(WED + DAY_MS, 0);
        assert!(c.today().unwrap().safety_flags().is_empty());
        c.import_handoff(payload.text).unwrap();
        let t = c.today().unwrap();
        assert_eq!(
            t.safety_flags()
                .iter()
                .map(|f| f.code.as_str())
                .collect::<Vec<_>>(),
            ["phq9-item9"]
        );
    }

    #[test]
    fn week_view_puts_each_thing_on_its_local_day_across_the_clock_change() {
        // Saturday 24 Oct 2026 23:30 BST (22:30 UTC); clocks go back early on Sunday 25 Oct.
        let sat_late_bst = 1_792_881_000_000;
        let c = at(sat_late_bst, 60);
        c.scaling_check_in(7, None).unwrap();
        c.five_ways_log(activity("Evening walk", &[WayId::BeActive]))
            .unwrap();
        c.thought_record_create(crate::ThoughtRecordInput {
            date: None,
            time: None,
            situation: "Late message from work".into(),
            emotions: vec![crate::ThoughtRecordEmotion {
                name: "worried".into(),
                intensity: 60,
                rerated: None,
            }],
            thought: "I have done something wrong".into(),
            styles: vec![],
            evidence_for: vec![],
            evidence_against: vec![],
            balanced_thought: None,
        })
        .unwrap();
        // Monday 26 Oct, 09:00 GMT.
        c.set_fixed_time(1_793_005_200_000, 0).unwrap();
        take(&c, "gad7", vec![1, 1, 1, 1, 1, 1, 1]);
        let w = c.week(Some("2026-10-24".into())).unwrap();
        assert_eq!(
            (w.week_start.as_str(), w.week_end.as_str()),
            ("2026-10-19", "2026-10-25")
        );
        assert!(!w.is_current_week);
        let sat = w.days.iter().find(|d| d.date == "2026-10-24").unwrap();
        assert_eq!(sat.check_in, Some(7.0));
        assert_eq!(sat.five_ways_entries, 1);
        assert_eq!(sat.ways.len(), 1);
        assert_eq!((sat.thought_records, w.thought_records), (1, 1));
        assert!(w
            .days
            .iter()
            .filter(|d| d.date != "2026-10-24")
            .all(|d| d.check_in.is_none() && d.five_ways_entries == 0));
        let this = c.week(None).unwrap();
        assert_eq!(this.week_start, "2026-10-26");
        assert!(this.is_current_week);
        assert_eq!(this.measures_taken.len(), 1);
        assert_eq!(this.days[0].measures, ["GAD-7: 7 (mild range)"]);
        assert!(this.days[0].is_today && this.days[1].is_future);
    }

    #[test]
    fn week_refuses_impossible_dates() {
        let c = at(WED, 0);
        for bad in ["2026-02-30", "last week", ""] {
            assert!(
                matches!(
                    c.week(Some(bad.into())),
                    Err(crate::WellbeingError::InvalidInput { .. })
                ),
                "{bad}"
            );
        }
    }

    /// A store with a little of everything the home screen and the week read.
    fn lived_in() -> std::sync::Arc<WellbeingStore> {
        let c = at(WED - 8 * DAY_MS, 0);
        for day in 0..=8 {
            c.set_fixed_time(WED - (8 - day) * DAY_MS, 0).unwrap();
            c.scaling_check_in(5, None).unwrap();
            c.five_ways_log(activity("Walk", &[WayId::BeActive]))
                .unwrap();
        }
        take_all(&c);
        c
    }

    /// The home screen and the week read what they show once, not once per day or per
    /// part: a view that starts querying per row fails here, not only in a benchmark.
    #[test]
    fn today_and_week_each_read_what_they_need_once() {
        let c = lived_in();
        let (first, _) = c.statements_run(|| c.today().unwrap());
        let (t, today) = c.statements_run(|| c.today().unwrap());
        assert_eq!(t, first, "the same view again");
        let (_, week) = c.statements_run(|| c.week(None).unwrap());
        let count =
            |list: &[String], needle: &str| list.iter().filter(|s| s.contains(needle)).count();
        // today: measures' flags, received handoffs, the profile, today's check-in (with its
        // scale), its follow-ups and feelings, the check-in scale and its days walked back
        // (chart and rhythm), the week's ways, today's entries, this week's plan, the open
        // plan, the safety plan.
        assert_eq!(today.len(), 13, "{today:#?}");
        assert_eq!(
            count(&today, "FROM scaling_entries e JOIN"),
            1,
            "{today:#?}"
        );
        assert_eq!(count(&today, "local_date DESC"), 1, "{today:#?}");
        assert_eq!(count(&today, "FROM five_ways_entry_ways"), 1, "{today:#?}");
        // The profile decides the notice's contacts for the whole screen: read once.
        assert_eq!(count(&today, "FROM profile_settings"), 1, "{today:#?}");
        // week: the check-ins, the entries, the plan, worksheets and thought records by day,
        // the measures, the profile; whatever the number of days.
        assert_eq!(week.len(), 7, "{week:#?}");
        assert_eq!(count(&week, "thinking_styles_records"), 1, "{week:#?}");
        assert_eq!(count(&week, "FROM profile_settings"), 1, "{week:#?}");
        assert_eq!(count(&week, "five_areas_worksheets"), 1, "{week:#?}");
        // What is shown did not change: the lived-in week's days as recorded.
        let w = c.week(None).unwrap();
        assert_eq!(w.days.iter().filter(|d| d.check_in == Some(5.0)).count(), 3);
        assert_eq!(
            t.check_in_rhythm.map(|r| (r.last_seven_days, r.run_days)),
            Some((7, 9))
        );
        assert_eq!(t.check_in_week.points.len(), 7);
        assert!(t.check_in_week.points.iter().all(|p| p.value == Some(5.0)));
        assert_eq!(t.five_ways.entries_today, 1);
    }

    /// The home screen and the week do the same work whatever lies further back than they
    /// look: more than a year of older check-ins and Five Ways entries adds not one step of
    /// SQLite's work (the steps of every statement, through its trace hook). And the walk
    /// back through the check-in days stops where the run ends: a month of older daily
    /// check-ins behind a two-day gap adds nothing either, and the rhythm is unchanged.
    #[test]
    fn today_and_week_do_not_grow_with_older_history() {
        use crate::store::handle::assert_same_steps;
        let c = lived_in();
        let older = |from_day: i64, to_day: i64| {
            for back in from_day..to_day {
                c.set_fixed_time(WED - back * DAY_MS, 0).unwrap();
                c.scaling_check_in(3, None).unwrap();
                c.five_ways_log(activity("Walk", &[WayId::BeActive]))
                    .unwrap();
            }
            c.set_fixed_time(WED, 0).unwrap();
            // Statistics as `PRAGMA optimize` leaves them on a real store: the planner's
            // choices change with them.
            c.read(|conn| Ok(conn.execute_batch("ANALYZE")?)).unwrap();
        };
        let work = || {
            let (t, today) = c.steps_run(|| c.today().unwrap());
            let (_, week) = c.steps_run(|| c.week(None).unwrap());
            (t.check_in_rhythm, today, week)
        };
        // Days 11 to 40 back: behind the gap of days 9 and 10, so the run (9 days) is over.
        older(11, 41);
        let (rhythm, today_steps, week_steps) = work();
        older(41, 71);
        let (r, t, w) = work();
        assert_eq!(r, rhythm);
        assert_same_steps(today_steps, t, "today()");
        assert_same_steps(week_steps, w, "week()");
        // More than a year back: outside the longest look back.
        older(400, 430);
        let (rhythm_again, today_again, week_again) = work();
        older(430, 460);
        let (r, t, w) = work();
        assert_eq!(r, rhythm_again);
        assert_same_steps(today_again, t, "today()");
        assert_same_steps(week_again, w, "week()");
        assert_eq!(
            rhythm.map(|r| (r.last_seven_days, r.run_days)),
            Some((7, 9))
        );
    }
}
