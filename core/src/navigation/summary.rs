//! The screen on which a phone shell makes the summary for an appointment, as a record to
//! draw.
//!
//! `appointment_summary(from, to, include_full_text)` makes the summary, but the screen before
//! it needs words and choices too: which periods to offer and what each covers in dates, what
//! the date fields and the full-text switch are called, what sharing says, and the summaries
//! made before. Written in each shell they would drift (and a shell holds no English), so one
//! call gives the screen whole, from the store's own state (the last summary, today) and the
//! words in `summary_screen.json`. The periods follow the summary's own rules
//! (`report::resolve_period`): the shell passes a choice's `from` and `to` as they are.

use std::sync::OnceLock;

use chrono::{Duration, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::clock::{self, fmt_date, short_label};
use crate::content::{word as t, Words};
use crate::error::{ApiResult, Result};
use crate::report::{self, ReportHistoryItem, DEFAULT_DAYS, MAX_DAYS};
use crate::shell_text::fill;
use crate::store::WellbeingStore;

/// The periods a summary screen offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum SummaryPeriod {
    /// The core's default: since the day of the last summary (four weeks when there is none).
    SinceLastSummary,
    LastFourWeeks,
    LastThreeMonths,
    /// Two dates the person types; the core checks them when the summary is made.
    ChosenDates,
}

/// One period to choose, with its words and the dates to pass on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct SummaryPeriodChoice {
    pub period: SummaryPeriod,
    pub label: String,
    /// The days it covers in words (for chosen dates: what to type).
    pub detail: String,
    /// Pass to `appointment_summary` as they are: "YYYY-MM-DD", or `None` for the core's
    /// default (since the last summary) and for chosen dates (the person's own).
    pub from: Option<String>,
    pub to: Option<String>,
}

/// A summary made before, in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct SummaryHistoryRow {
    pub id: String,
    /// The days it covered.
    pub label: String,
    /// When it was made, and whether the full text was in it.
    pub detail: String,
    pub include_full_text: bool,
    /// The days it covered ("YYYY-MM-DD"), to pass with `include_full_text` to
    /// `appointment_summary` under the view's `again_label`: the same days made again from the
    /// records as they are now (a summary is not stored, only that it was made). A person
    /// who lost the one they took to an appointment gets it back this way.
    pub from: String,
    pub to: String,
}

/// The summary screen before a summary is made: the periods, the date fields, the full-text
/// choice, the buttons, and the summaries made before (newest first).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct AppointmentSummaryView {
    pub title: String,
    pub intro: String,
    pub period_heading: String,
    /// Since the last summary first (the default), then four weeks, three months, own dates.
    pub period_choices: Vec<SummaryPeriodChoice>,
    /// The date fields of `ChosenDates`; a refusal names `from` or `to` as its field.
    pub from_label: String,
    pub to_label: String,
    /// How to write a date, with today as the example.
    pub date_hint: String,
    pub full_text_label: String,
    pub full_text_detail: String,
    pub make_label: String,
    /// The button that hands the made summary to the platform's share sheet.
    pub share_label: String,
    /// The title of the platform's chooser of where it goes.
    pub share_title: String,
    /// Back from a made summary to choosing another period.
    pub another_label: String,
    pub history_heading: String,
    /// On each summary made before: make it again for its days.
    pub again_label: String,
    pub history: Vec<SummaryHistoryRow>,
    /// Shown when no summary has been made yet.
    pub history_empty: String,
}

/// Every key the code reads.
#[cfg(test)]
const KEYS: &[&str] = &[
    "title",
    "intro",
    "period_heading",
    "since_last",
    "since_last_detail",
    "since_last_none",
    "four_weeks",
    "three_months",
    "span_detail",
    "chosen_dates",
    "chosen_dates_detail",
    "from_label",
    "to_label",
    "date_hint",
    "full_text_label",
    "full_text_detail",
    "make",
    "share",
    "share_title",
    "another",
    "history_heading",
    "history_label",
    "history_made",
    "history_made_full",
    "history_none",
    "again",
];

fn words() -> Result<&'static Words> {
    static W: OnceLock<std::result::Result<Words, String>> = OnceLock::new();
    Ok(crate::content::parsed(
        &W,
        crate::content::en_gb::SUMMARY_SCREEN,
        "summary screen",
    )?)
}

/// "{from} to {to}" in the short labels the rest of the screens use ("Mon 3 Nov").
fn span(template: &str, from: NaiveDate, to: NaiveDate) -> String {
    fill(
        &fill(template, "from", &short_label(from)),
        "to",
        &short_label(to),
    )
}

/// A fixed period ending today, as a choice with its dates.
fn ending_today(
    w: &Words,
    period: SummaryPeriod,
    label: &str,
    from: NaiveDate,
    today: NaiveDate,
) -> SummaryPeriodChoice {
    SummaryPeriodChoice {
        period,
        label: label.to_string(),
        detail: span(&t(w, "span_detail"), from, today),
        from: Some(fmt_date(from)),
        to: Some(fmt_date(today)),
    }
}

fn history_row(w: &Words, item: ReportHistoryItem) -> Result<SummaryHistoryRow> {
    let from = clock::parse_date("from", &item.from)?;
    let to = clock::parse_date("to", &item.to)?;
    let (day, time) = item.made.split_once(' ').unwrap_or((&item.made, ""));
    let made = format!("{} {time}", short_label(clock::parse_date("made", day)?));
    let template = t(
        w,
        if item.include_full_text {
            "history_made_full"
        } else {
            "history_made"
        },
    );
    Ok(SummaryHistoryRow {
        label: span(&t(w, "history_label"), from, to),
        detail: fill(&template, "made", made.trim_end()),
        include_full_text: item.include_full_text,
        id: item.id,
        from: fmt_date(from),
        to: fmt_date(to),
    })
}

#[cfg_attr(feature = "ffi", uniffi::export)]
impl WellbeingStore {
    /// The summary screen as it stands today: the periods with their dates, the words, and
    /// the summaries made before. Making one is `appointment_summary` with a choice's dates.
    pub fn appointment_summary_view(&self) -> ApiResult<AppointmentSummaryView> {
        let w = words()?;
        let today = self.now().date();
        let last = self.read(report::last_made)?;
        // What the core's default covers, by the same rule the summary itself uses.
        let default = report::resolve_period(None, None, today, last)?;
        let since_last = SummaryPeriodChoice {
            period: SummaryPeriod::SinceLastSummary,
            label: t(w, "since_last"),
            detail: match last {
                Some(d) if d == default.from => {
                    span(&t(w, "since_last_detail"), default.from, today)
                }
                _ => span(&t(w, "since_last_none"), default.from, today),
            },
            from: None,
            to: None,
        };
        let four_weeks = today - Duration::days(DEFAULT_DAYS - 1);
        // The same day three months back, plus one: today is the period's last day.
        let three_months = today
            .checked_sub_months(Months::new(3))
            .map_or(today, |d| d + Duration::days(1));
        let history = self
            .appointment_summary_history()?
            .into_iter()
            .map(|item| history_row(w, item))
            .collect::<Result<Vec<_>>>()?;
        Ok(AppointmentSummaryView {
            title: t(w, "title"),
            intro: t(w, "intro"),
            period_heading: t(w, "period_heading"),
            period_choices: vec![
                since_last,
                ending_today(
                    w,
                    SummaryPeriod::LastFourWeeks,
                    &t(w, "four_weeks"),
                    four_weeks,
                    today,
                ),
                ending_today(
                    w,
                    SummaryPeriod::LastThreeMonths,
                    &t(w, "three_months"),
                    three_months,
                    today,
                ),
                SummaryPeriodChoice {
                    period: SummaryPeriod::ChosenDates,
                    label: t(w, "chosen_dates"),
                    detail: fill(&t(w, "chosen_dates_detail"), "days", &MAX_DAYS.to_string()),
                    from: None,
                    to: None,
                },
            ],
            from_label: t(w, "from_label"),
            to_label: t(w, "to_label"),
            date_hint: fill(&t(w, "date_hint"), "example", &fmt_date(today)),
            full_text_label: t(w, "full_text_label"),
            full_text_detail: t(w, "full_text_detail"),
            make_label: t(w, "make"),
            share_label: t(w, "share"),
            share_title: t(w, "share_title"),
            another_label: t(w, "another"),
            history_heading: t(w, "history_heading"),
            again_label: t(w, "again"),
            history,
            history_empty: t(w, "history_none"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::WellbeingError;

    /// Monday 23 November 2026, 10:00 UTC.
    const MONDAY: i64 = 1_795_428_000_000;
    const DAY_MS: i64 = 86_400_000;

    fn store() -> std::sync::Arc<WellbeingStore> {
        let c = WellbeingStore::open_in_memory().unwrap();
        c.set_fixed_time(MONDAY, 0).unwrap();
        c
    }

    fn choice(v: &AppointmentSummaryView, p: SummaryPeriod) -> &SummaryPeriodChoice {
        v.period_choices.iter().find(|c| c.period == p).unwrap()
    }

    #[test]
    fn every_word_is_there_and_used() {
        let w = words().unwrap();
        for k in KEYS {
            let text = w.get(*k).unwrap_or_else(|| panic!("{k} is missing"));
            assert!(!text.trim().is_empty(), "{k} has no words");
        }
        for k in w.keys().filter(|k| *k != "_about") {
            assert!(KEYS.contains(&k.as_str()), "{k} is not used");
        }
    }

    #[test]
    fn the_periods_are_the_default_four_weeks_three_months_and_own_dates_with_their_days() {
        let c = store();
        let v = c.appointment_summary_view().unwrap();
        let periods: Vec<SummaryPeriod> = v.period_choices.iter().map(|c| c.period).collect();
        assert_eq!(
            periods,
            vec![
                SummaryPeriod::SinceLastSummary,
                SummaryPeriod::LastFourWeeks,
                SummaryPeriod::LastThreeMonths,
                SummaryPeriod::ChosenDates
            ]
        );
        // No summary yet: the default is four weeks, and says so with its dates.
        let since = choice(&v, SummaryPeriod::SinceLastSummary);
        assert_eq!((since.from.as_deref(), since.to.as_deref()), (None, None));
        assert_eq!(
            since.detail,
            "No summary made yet, so the last four weeks: Tue 27 Oct to Mon 23 Nov"
        );
        let four = choice(&v, SummaryPeriod::LastFourWeeks);
        assert_eq!(four.from.as_deref(), Some("2026-10-27"));
        assert_eq!(four.to.as_deref(), Some("2026-11-23"));
        assert_eq!(four.detail, "Tue 27 Oct to Mon 23 Nov");
        let three = choice(&v, SummaryPeriod::LastThreeMonths);
        assert_eq!(three.from.as_deref(), Some("2026-08-24"));
        assert_eq!(three.to.as_deref(), Some("2026-11-23"));
        let own = choice(&v, SummaryPeriod::ChosenDates);
        assert_eq!((own.from.as_deref(), own.to.as_deref()), (None, None));
        assert!(own.detail.contains("366 days"), "{}", own.detail);
        assert_eq!(v.date_hint, "Year, month and day, like 2026-11-23");
        assert!(v.history.is_empty());
        assert!(!v.history_empty.is_empty());
        let labels: std::collections::BTreeSet<&str> =
            v.period_choices.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(labels.len(), 4, "each period has its own label");
    }

    #[test]
    fn every_offered_period_is_one_the_summary_accepts_and_covers_what_it_says() {
        let c = store();
        let v = c.appointment_summary_view().unwrap();
        for ch in v
            .period_choices
            .iter()
            .filter(|c| c.period != SummaryPeriod::ChosenDates)
        {
            let r = c
                .appointment_summary(ch.from.clone(), ch.to.clone(), false)
                .unwrap();
            if let (Some(from), Some(to)) = (&ch.from, &ch.to) {
                assert_eq!((&r.from, &r.to), (from, to), "{:?}", ch.period);
            }
        }
        // Three months: within the summary's longest period.
        let three = choice(&v, SummaryPeriod::LastThreeMonths);
        let from = clock::parse_date("f", three.from.as_deref().unwrap()).unwrap();
        let to = clock::parse_date("t", three.to.as_deref().unwrap()).unwrap();
        assert!((to - from).num_days() + 1 <= MAX_DAYS);
    }

    #[test]
    fn after_a_summary_the_default_starts_on_its_day_and_it_is_listed_in_words() {
        let c = store();
        c.appointment_summary(Some("2026-11-02".into()), None, true)
            .unwrap();
        c.set_fixed_time(MONDAY + 7 * DAY_MS, 0).unwrap();
        let v = c.appointment_summary_view().unwrap();
        let since = choice(&v, SummaryPeriod::SinceLastSummary);
        assert_eq!(since.detail, "Mon 23 Nov to Mon 30 Nov");
        // The default really is that period.
        let r = c.appointment_summary(None, None, false).unwrap();
        assert_eq!(
            (r.from.as_str(), r.to.as_str()),
            ("2026-11-23", "2026-11-30")
        );

        let v = c.appointment_summary_view().unwrap();
        assert_eq!(v.history.len(), 2);
        // Newest first, in the core's words, the full text said only where it was in.
        assert_eq!(v.history[0].label, "Mon 23 Nov to Mon 30 Nov");
        assert_eq!(v.history[0].detail, "Made on Mon 30 Nov 10:00");
        assert!(!v.history[0].include_full_text);
        assert_eq!(v.history[1].label, "Mon 2 Nov to Mon 23 Nov");
        assert_eq!(
            v.history[1].detail,
            "Made on Mon 23 Nov 10:00, with the full text"
        );
        assert_eq!(
            v.history[1].id,
            c.appointment_summary_history().unwrap()[1].id
        );
        // Each with its days, to make it again: the same period and choice of full text.
        let row = &v.history[1];
        assert_eq!(
            (row.from.as_str(), row.to.as_str()),
            ("2026-11-02", "2026-11-23")
        );
        assert_eq!(v.again_label, "Make it again for these days");
        let again = c
            .appointment_summary(
                Some(row.from.clone()),
                Some(row.to.clone()),
                row.include_full_text,
            )
            .unwrap();
        assert_eq!(
            (again.from.as_str(), again.to.as_str()),
            ("2026-11-02", "2026-11-23")
        );
        assert!(again.include_full_text);
    }

    #[test]
    fn own_dates_are_refused_by_their_field_in_the_cores_words_and_nothing_is_listed() {
        let c = store();
        for (from, to, field) in [
            ("2026-11-20", "2026-11-10", "from"),
            ("2026-11-20", "2026-11-24", "to"),
            ("2025-01-01", "2026-11-20", "from"),
            ("not a date", "2026-11-20", "from"),
        ] {
            match c.appointment_summary(Some(from.into()), Some(to.into()), false) {
                Err(WellbeingError::InvalidInput {
                    field: f, reason, ..
                }) => {
                    assert_eq!(f, field, "{from} {to}");
                    assert!(!reason.is_empty());
                    assert!(!reason.contains(from) && !reason.contains(to));
                }
                other => panic!("{from} {to}: {other:?}"),
            }
        }
        assert!(c.appointment_summary_view().unwrap().history.is_empty());
    }
}
