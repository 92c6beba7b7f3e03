//! Reminders, the core's half: which notifications to schedule, when, with what text and
//! where each leads. Shells only deliver them (WorkManager, UserNotifications) and open the
//! reminder's `action` when it is tapped; every rule (quiet days, "not today", a check-in
//! already done, what is due) is here so that both phones remind alike.
//!
//! Reminders are opt-in: a new store schedules none. A notification about mental health on a
//! shared or locked screen is the person's choice, never the app's default.

use std::sync::OnceLock;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::clock::{self, parse_time, TIME_FMT};
use crate::error::{ApiResult, Error, Result};
use crate::ids::ToolId;
use crate::navigation::{review_due_on, NavAction};
use crate::shell_text::fill;
use crate::store::WellbeingStore;

pub(crate) const SCHEMA: &str = "
CREATE TABLE reminder_settings (
    id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    check_in_time TEXT,
    quiet_days TEXT NOT NULL,
    measures INTEGER NOT NULL CHECK (measures IN (0, 1)),
    reviews INTEGER NOT NULL CHECK (reviews IN (0, 1)),
    skipped_date TEXT,
    updated_utc_ms INTEGER NOT NULL
);
";

/// Most days `upcoming_reminders` looks ahead: phones cap pending notifications (iOS at 64),
/// and a fortnight of daily check-ins plus what is due stays well under that.
pub const MAX_REMINDER_DAYS: u32 = 14;

/// When measure and review reminders come if no check-in time is set.
const DEFAULT_TIME: &str = "10:00";

/// A day of the week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl Weekday {
    const ALL: [Weekday; 7] = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ];

    fn of(d: NaiveDate) -> Weekday {
        Self::ALL[d.weekday().num_days_from_monday() as usize]
    }
}

/// What the person chose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ReminderSettings {
    /// "HH:MM" (24-hour, local) for the daily check-in; `None`: no check-in reminder.
    pub check_in_time: Option<String>,
    /// No reminders at all on these days.
    pub quiet_days: Vec<Weekday>,
    /// Remind when a measure taken before is due again.
    pub measures: bool,
    /// Remind on the day a small change is up for review.
    pub reviews: bool,
}

impl Default for ReminderSettings {
    fn default() -> Self {
        ReminderSettings {
            check_in_time: None,
            quiet_days: vec![],
            measures: false,
            reviews: false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum ReminderKind {
    CheckIn,
    Measure,
    Review,
}

/// One notification to schedule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Reminder {
    /// Stable for the same reminder: a shell replaces a scheduled notification of that id.
    pub id: String,
    pub kind: ReminderKind,
    /// When to deliver it, by the UTC offset the clock gives for that local time.
    pub at_utc_ms: i64,
    /// Local wall time "YYYY-MM-DD HH:MM": schedule by this where the platform can (it stays
    /// right if the phone changes zone or the clocks change before it fires).
    pub local_time: String,
    pub title: String,
    pub body: String,
    /// What to open when it is tapped.
    pub action: NavAction,
}

crate::content::words_record! {
    #[derive(Debug)]
    struct Wording {
        check_in_title: String,
        check_in_body: String,
        measure_title: String,
        measure_body: String,
        review_title: String,
        review_body: String,
    }
}

fn wording() -> Result<&'static Wording> {
    static W: OnceLock<std::result::Result<Wording, String>> = OnceLock::new();
    Ok(crate::content::parsed(
        &W,
        crate::content::en_gb::REMINDERS,
        "reminders",
    )?)
}

struct Stored {
    settings: ReminderSettings,
    skipped: Option<NaiveDate>,
}

fn load(conn: &Connection) -> Result<Stored> {
    let row: Option<(Option<String>, String, bool, bool, Option<String>)> = conn
        .query_row(
            "SELECT check_in_time, quiet_days, measures, reviews, skipped_date
             FROM reminder_settings WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?;
    let Some((check_in_time, quiet, measures, reviews, skipped)) = row else {
        return Ok(Stored {
            settings: ReminderSettings::default(),
            skipped: None,
        });
    };
    let quiet_days: Vec<Weekday> = serde_json::from_str(&quiet).map_err(|_| Error::Unreadable {
        what: "reminder settings".into(),
        id: "1".into(),
    })?;
    let skipped = match skipped {
        Some(d) => Some(clock::parse_date("skipped_date", &d)?),
        None => None,
    };
    Ok(Stored {
        settings: ReminderSettings {
            check_in_time,
            quiet_days,
            measures,
            reviews,
        },
        skipped,
    })
}

fn save(
    tx: &Connection,
    s: &ReminderSettings,
    skipped: Option<NaiveDate>,
    utc_ms: i64,
) -> Result<()> {
    let quiet = serde_json::to_string(&s.quiet_days)?;
    tx.execute(
        "INSERT INTO reminder_settings
            (id, check_in_time, quiet_days, measures, reviews, skipped_date, updated_utc_ms)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (id) DO UPDATE SET check_in_time = ?1, quiet_days = ?2, measures = ?3,
            reviews = ?4, skipped_date = ?5, updated_utc_ms = ?6",
        params![
            s.check_in_time,
            quiet,
            s.measures,
            s.reviews,
            skipped.map(clock::fmt_date),
            utc_ms
        ],
    )?;
    Ok(())
}

/// The settings as stored: the time rewritten "HH:MM", quiet days once each in week order.
fn normalised(s: ReminderSettings) -> Result<ReminderSettings> {
    let check_in_time = match s.check_in_time.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(t) => Some(parse_time("check_in_time", t)?.format(TIME_FMT).to_string()),
    };
    let quiet_days = Weekday::ALL
        .into_iter()
        .filter(|d| s.quiet_days.contains(d))
        .collect();
    Ok(ReminderSettings {
        check_in_time,
        quiet_days,
        ..s
    })
}

#[cfg_attr(feature = "ffi", uniffi::export)]
impl WellbeingStore {
    /// The person's reminder choices (all off until they choose).
    pub fn reminder_settings(&self) -> ApiResult<ReminderSettings> {
        Ok(self.read(load)?.settings)
    }

    /// Replaces the reminder choices. A bad time fails with `InvalidInput` on `check_in_time`
    /// and changes nothing. Returns what was stored.
    pub fn set_reminder_settings(&self, settings: ReminderSettings) -> ApiResult<ReminderSettings> {
        let s = normalised(settings)?;
        let now = self.now();
        self.write(|tx| {
            let skipped = load(tx)?.skipped;
            save(tx, &s, skipped, now.utc_ms)
        })?;
        Ok(s)
    }

    /// "Not today": no more reminders of any kind until tomorrow.
    pub fn skip_reminders_today(&self) -> ApiResult<()> {
        let now = self.now();
        Ok(self.write(|tx| {
            let settings = load(tx)?.settings;
            save(tx, &settings, Some(now.date()), now.utc_ms)
        })?)
    }

    /// The reminders of the next `days` days from now (today included, at most
    /// [`MAX_REMINDER_DAYS`]), in time order. Shells schedule these and call again when the
    /// app opens, after any save and after the settings change.
    pub fn upcoming_reminders(&self, days: u32) -> ApiResult<Vec<Reminder>> {
        if days == 0 || days > MAX_REMINDER_DAYS {
            return Err(
                Error::out_of_range("days", days as i64, 1, MAX_REMINDER_DAYS as i64).into(),
            );
        }
        let now = self.now();
        let today = now.date();
        self.reminders_in(Window {
            after_ms: now.utc_ms,
            until_ms: None,
            last: today + Duration::days(days as i64 - 1),
        })
    }

    /// The reminders whose moment has come: today's, after `since_utc_ms` and up to now, by
    /// the same rules as `upcoming_reminders` (quiet days, "not today", a check-in already
    /// made, what is due). A shell woken at the time `upcoming_reminders` gave (WorkManager
    /// runs a job at that time or a little later, never earlier) asks this with the instant it
    /// last asked for the schedule and delivers what comes back, so the core, not the timer,
    /// says what is due; a reminder checked again after its moment (a check-in made since) is
    /// not delivered. A reminder of a day gone by is not delivered late: a check-in reminder
    /// for yesterday, shown this morning, would only nag.
    pub fn due_reminders(&self, since_utc_ms: i64) -> ApiResult<Vec<Reminder>> {
        let now = self.now();
        if since_utc_ms >= now.utc_ms {
            return Ok(vec![]);
        }
        self.reminders_in(Window {
            after_ms: since_utc_ms,
            until_ms: Some(now.utc_ms),
            last: now.date(),
        })
    }
}

/// Which moments a reminder list covers: after `after_ms`, up to `until_ms` when set, on days
/// from today to `last`.
struct Window {
    after_ms: i64,
    until_ms: Option<i64>,
    last: NaiveDate,
}

impl WellbeingStore {
    /// Every reminder in `window`, in time order: the one place the rules are applied.
    fn reminders_in(&self, window: Window) -> ApiResult<Vec<Reminder>> {
        let w = wording()?;
        let now = self.now();
        let today = now.date();
        let last = window.last;
        let stored = self.read(load)?;
        let s = &stored.settings;
        let clock = self.clock.read().unwrap_or_else(|e| e.into_inner()).clone();
        // The first moment at `time` on `from` or a later day in the window that is allowed
        // (not quiet, not today when skipped) and after the window opens.
        let slot = |from: NaiveDate, time: NaiveTime| -> Option<(NaiveDateTime, i64)> {
            let mut d = from.max(today);
            while d <= last {
                let allowed = !s.quiet_days.contains(&Weekday::of(d))
                    && !(d == today && stored.skipped == Some(today));
                let local = d.and_time(time);
                let utc_ms = clock::utc_ms_of(clock.as_ref(), local);
                if allowed && utc_ms > window.after_ms {
                    // The first allowed moment after the window opens; past its end, none.
                    let past_the_end = window.until_ms.is_some_and(|until| utc_ms > until);
                    return (!past_the_end).then_some((local, utc_ms));
                }
                d += Duration::days(1);
            }
            None
        };
        let reminder = |id: String,
                        kind,
                        (local, at_utc_ms): (NaiveDateTime, i64),
                        title: String,
                        body: String,
                        action| Reminder {
            id,
            kind,
            at_utc_ms,
            local_time: local.format("%Y-%m-%d %H:%M").to_string(),
            title,
            body,
            action,
        };
        let mut out = vec![];
        let check_in_time = match &s.check_in_time {
            Some(t) => Some(parse_time("check_in_time", t)?),
            None => None,
        };
        if let Some(time) = check_in_time {
            let done_today = self.scaling_today_check_in()?.is_some();
            let mut from = if done_today {
                today + Duration::days(1)
            } else {
                today
            };
            while let Some(at) = slot(from, time) {
                from = at.0.date() + Duration::days(1);
                out.push(reminder(
                    format!("check-in-{}", clock::fmt_date(at.0.date())),
                    ReminderKind::CheckIn,
                    at,
                    w.check_in_title.clone(),
                    w.check_in_body.clone(),
                    NavAction::StartTool {
                        tool: ToolId::Checkin,
                        subject_id: None,
                    },
                ));
            }
        }
        let other_time = match check_in_time {
            Some(t) => t,
            None => parse_time("time", DEFAULT_TIME)?,
        };
        if s.measures {
            // Only measures taken before: the first one is offered on the home screen, not
            // pushed at someone who has not chosen it.
            for m in self.measure_statuses()? {
                let tool = m.measure.tool();
                let Some(due) = m.next_due_date.as_deref() else {
                    continue;
                };
                let due = clock::parse_date("next_due_date", due)?;
                if let Some(at) = slot(due, other_time) {
                    out.push(reminder(
                        format!("measure-{}-{}", m.measure, clock::fmt_date(at.0.date())),
                        ReminderKind::Measure,
                        at,
                        fill(&w.measure_title, "title", &m.title),
                        w.measure_body.clone(),
                        NavAction::StartTool {
                            tool,
                            subject_id: None,
                        },
                    ));
                }
            }
        }
        if s.reviews {
            let awaiting = self.read(|c| crate::five_areas::awaiting_review(c, 20))?;
            for ws in awaiting {
                if let Some(at) = slot(review_due_on(&ws.date)?, other_time) {
                    out.push(reminder(
                        format!("review-{}", ws.id),
                        ReminderKind::Review,
                        at,
                        w.review_title.clone(),
                        w.review_body.clone(),
                        NavAction::StartTool {
                            tool: ToolId::FiveAreasReview,
                            subject_id: Some(ws.id),
                        },
                    ));
                }
            }
        }
        out.sort_by(|a, b| a.at_utc_ms.cmp(&b.at_utc_ms).then(a.id.cmp(&b.id)));
        Ok(out)
    }
}

mod screen;
pub use screen::{QuietDayChoice, ReminderSettingsView};

#[cfg(test)]
mod tests;
