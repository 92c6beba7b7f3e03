//! The check-in rhythm: how often the person has checked in lately, said kindly.
//!
//! Streak counters in comparable apps reset to zero after one missed day, and people who
//! miss a day often give up altogether. Here a run is only broken by two or more missed days
//! in a row, a day not yet checked in today never counts as missed, and the words never speak
//! of a broken streak: they say what was done ("5 of the last 7 days"), not what was not.

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

/// How regularly the person has checked in (shown on the home screen).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct CheckInRhythm {
    /// Days with a check-in among the last seven, today included.
    pub last_seven_days: u32,
    /// Days since the current run began (first to latest check-in, counted inclusively),
    /// where one missed day between check-ins does not end a run; 0 when there is none.
    pub run_days: u32,
    /// "You have checked in on 5 of the last 7 days." and, for a run of three days or more,
    /// a second sentence about it.
    pub text: String,
}

/// Longest gap between two check-in days that keeps a run going: one missed day.
const MAX_GAP_DAYS: i64 = 2;
/// Runs shorter than this are not mentioned.
const RUN_WORTH_SAYING: u32 = 3;

/// The rhythm from the days with a check-in (any order, repeats allowed), or `None` when
/// there is none in the last seven days and no run: nothing to say that would not nag.
pub(crate) fn rhythm(
    days: &[NaiveDate],
    today: NaiveDate,
    week_text: &str,
    run_text: &str,
) -> Option<CheckInRhythm> {
    let mut days: Vec<NaiveDate> = days.iter().copied().filter(|d| *d <= today).collect();
    days.sort_unstable();
    days.dedup();
    let week_start = today - Duration::days(6);
    let last_seven_days = days.iter().filter(|d| **d >= week_start).count() as u32;
    let run_days = match days.last() {
        // Today not checked in yet is not a missed day: the run still stands if the latest
        // check-in was yesterday or the day before.
        Some(&latest) if (today - latest).num_days() <= MAX_GAP_DAYS => {
            let mut first = latest;
            for d in days.iter().rev().skip(1) {
                if (first - *d).num_days() > MAX_GAP_DAYS {
                    break;
                }
                first = *d;
            }
            ((latest - first).num_days() + 1) as u32
        }
        _ => 0,
    };
    if last_seven_days == 0 && run_days == 0 {
        return None;
    }
    let mut text = week_text.replace("{count}", &last_seven_days.to_string());
    if run_days >= RUN_WORTH_SAYING {
        text.push(' ');
        text.push_str(&run_text.replace("{days}", &run_days.to_string()));
    }
    Some(CheckInRhythm {
        last_seven_days,
        run_days,
        text,
    })
}

/// The check-in days read newest first, stopped as soon as older days can no longer change
/// the rhythm: once the week is behind and the run is over (a gap of two missed days, or no
/// check-in lately at all). A run only looks back as far as the days given, so a person who
/// checks in daily still has a year read; most runs end after days, not months.
#[derive(Debug)]
pub(crate) struct NewestFirst {
    today: NaiveDate,
    week_start: NaiveDate,
    days: Vec<NaiveDate>,
    run_over: bool,
}

impl NewestFirst {
    pub(crate) fn new(today: NaiveDate) -> Self {
        NewestFirst {
            today,
            week_start: today - Duration::days(6),
            days: vec![],
            run_over: false,
        }
    }

    /// The next older day (a repeat of the last is ignored, as is a day after today):
    /// `false` once no older day can change the rhythm.
    pub(crate) fn push(&mut self, day: NaiveDate) -> bool {
        if day > self.today {
            return true;
        }
        match self.days.last() {
            Some(&newer) if newer == day => return true,
            Some(&newer) if (newer - day).num_days() > MAX_GAP_DAYS => self.run_over = true,
            None if (self.today - day).num_days() > MAX_GAP_DAYS => self.run_over = true,
            _ => {}
        }
        self.days.push(day);
        !(self.run_over && day < self.week_start)
    }

    /// The days read, newest first: [`rhythm`] of these is the rhythm of every day.
    pub(crate) fn days(&self) -> &[NaiveDate] {
        &self.days
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn r(days: &[&str], today: &str) -> Option<CheckInRhythm> {
        let days: Vec<NaiveDate> = days.iter().map(|s| d(s)).collect();
        rhythm(&days, d(today), "{count} of 7.", "Run {days}.")
    }

    #[test]
    fn nothing_lately_says_nothing() {
        assert_eq!(r(&[], "2026-11-20"), None);
        assert_eq!(r(&["2026-11-01"], "2026-11-20"), None);
    }

    #[test]
    fn one_missed_day_does_not_break_a_run_and_two_do() {
        // 14–20 Nov with the 17th missed: one run of 7 days.
        let x = r(
            &[
                "2026-11-14",
                "2026-11-15",
                "2026-11-16",
                "2026-11-18",
                "2026-11-19",
                "2026-11-20",
            ],
            "2026-11-20",
        )
        .unwrap();
        assert_eq!((x.last_seven_days, x.run_days), (6, 7));
        assert_eq!(x.text, "6 of 7. Run 7.");
        // Two missed days (16th and 17th): the run starts again on the 18th.
        let x = r(
            &[
                "2026-11-14",
                "2026-11-15",
                "2026-11-18",
                "2026-11-19",
                "2026-11-20",
            ],
            "2026-11-20",
        )
        .unwrap();
        assert_eq!((x.last_seven_days, x.run_days), (5, 3));
    }

    #[test]
    fn today_not_yet_checked_in_is_not_a_missed_day() {
        let x = r(&["2026-11-17", "2026-11-18", "2026-11-19"], "2026-11-20").unwrap();
        assert_eq!(x.run_days, 3);
        // Latest two days ago: still a run; three days ago: over, but the week still counts.
        let x = r(&["2026-11-16", "2026-11-17", "2026-11-18"], "2026-11-20").unwrap();
        assert_eq!(x.run_days, 3);
        let x = r(&["2026-11-15", "2026-11-16", "2026-11-17"], "2026-11-20").unwrap();
        assert_eq!((x.last_seven_days, x.run_days), (3, 0));
        assert_eq!(
            x.text, "3 of 7.",
            "no run mentioned, nothing said about breaking one"
        );
    }

    #[test]
    fn short_runs_are_not_mentioned_and_repeats_count_once() {
        let x = r(&["2026-11-20", "2026-11-20", "2026-11-19"], "2026-11-20").unwrap();
        assert_eq!((x.last_seven_days, x.run_days), (2, 2));
        assert_eq!(x.text, "2 of 7.");
    }

    /// Stopping the walk early never changes what is said: for many patterns of check-in
    /// days (a small fixed generator, so a failure repeats), the rhythm of the days read
    /// until the walk stops is the rhythm of all of them.
    #[test]
    fn the_walk_stops_only_where_older_days_change_nothing() {
        let today = d("2026-11-20");
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut stopped_early = 0;
        for _ in 0..2000 {
            let density = next() % 10;
            let mut all: Vec<NaiveDate> = (0..60)
                .filter(|_| next() % 10 < density)
                .map(|back| today - Duration::days(back))
                .collect();
            if next() % 4 == 0 {
                all.push(today + Duration::days(1));
            }
            all.sort_unstable_by(|a, b| b.cmp(a));
            let mut walk = NewestFirst::new(today);
            let mut read = 0;
            for day in all.iter().flat_map(|x| [*x, *x]) {
                read += 1;
                if !walk.push(day) {
                    break;
                }
            }
            if read < all.len() * 2 {
                stopped_early += 1;
            }
            assert_eq!(
                rhythm(walk.days(), today, "{count}", "{days}"),
                rhythm(&all, today, "{count}", "{days}"),
                "{all:?}"
            );
        }
        assert!(
            stopped_early > 500,
            "the walk should usually stop early: {stopped_early}"
        );
    }
}
