//! Five Ways to Wellbeing (nef 2008; Connect 5 session 1 and toolbox).
//!
//! The Connect 5 worker's loop is: explore options, encourage trying something new, and
//! **follow up** on what was tried [C5]. The tool mirrors that as *log → plan → review*:
//! - an activity log, each entry tagged with the ways it touched ([`entries`]);
//! - a weekly plan ("this week I'll…") and its review ([`plans`]);
//! - views built for drawing: the week, the history page, and a glance for the home screen
//!   ([`views`]);
//! - guided flows for all three, for use in conversation ([`flows`]).
//!
//! Days and weeks come from the *local* date stored with each row, never from UTC, so an
//! entry logged at 23:30 stays on the day it was lived, whatever the phone's zone later.

pub(crate) mod content;
mod entries;
pub(crate) mod flows;
mod plans;
pub(crate) mod views;

use serde::{Deserialize, Serialize};

use crate::ids::WayId;
use crate::store::WellbeingStore;

pub(crate) use entries::{check_stored, newest_between};
pub(crate) use flows::MODULE;
// For the home (`today()`) and week views; see the report in the branch's last commit.
#[allow(unused_imports)]
pub(crate) use views::{glance, open_plan, suggested_idea, week_view};

pub(crate) const SCHEMA: &str = "
CREATE TABLE five_ways_entries (
    id TEXT PRIMARY KEY NOT NULL,
    what TEXT NOT NULL,
    note TEXT,
    utc_ms INTEGER NOT NULL,
    utc_offset_min INTEGER NOT NULL,
    local_date TEXT NOT NULL,
    local_time TEXT NOT NULL,
    created_utc_ms INTEGER NOT NULL,
    updated_utc_ms INTEGER NOT NULL
);
CREATE INDEX five_ways_entries_by_date ON five_ways_entries(local_date, local_time);
CREATE TABLE five_ways_entry_ways (
    entry_id TEXT NOT NULL REFERENCES five_ways_entries(id) ON DELETE CASCADE,
    way TEXT NOT NULL,
    PRIMARY KEY (entry_id, way)
) WITHOUT ROWID;
CREATE TABLE five_ways_plans (
    id TEXT PRIMARY KEY NOT NULL,
    week_start TEXT NOT NULL UNIQUE,
    utc_ms INTEGER NOT NULL,
    utc_offset_min INTEGER NOT NULL,
    local_date TEXT NOT NULL,
    local_time TEXT NOT NULL,
    created_utc_ms INTEGER NOT NULL,
    updated_utc_ms INTEGER NOT NULL
);
CREATE TABLE five_ways_intentions (
    id TEXT PRIMARY KEY NOT NULL,
    plan_id TEXT NOT NULL REFERENCES five_ways_plans(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    way TEXT,
    outcome TEXT CHECK (outcome IN ('done', 'partly', 'not')),
    UNIQUE (plan_id, position)
);
CREATE TABLE five_ways_reviews (
    id TEXT PRIMARY KEY NOT NULL,
    plan_id TEXT NOT NULL UNIQUE REFERENCES five_ways_plans(id) ON DELETE CASCADE,
    outcome TEXT NOT NULL CHECK (outcome IN ('done', 'partly', 'not')),
    what_helped TEXT,
    what_got_in_the_way TEXT,
    utc_ms INTEGER NOT NULL,
    utc_offset_min INTEGER NOT NULL,
    local_date TEXT NOT NULL,
    local_time TEXT NOT NULL,
    created_utc_ms INTEGER NOT NULL,
    updated_utc_ms INTEGER NOT NULL
);
";

/// Most intentions in one week's plan: a plan is a few small steps, not a to-do list.
pub(crate) const MAX_INTENTIONS: usize = 10;

// ---------------------------------------------------------------------------------------
// Content
// ---------------------------------------------------------------------------------------

/// One of the five ways, with its guide text and ideas.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct FiveWaysWay {
    pub id: WayId,
    pub title: String,
    /// What the way means, in the app's own words.
    pub description: String,
    pub description_source: String,
    /// A short phrase quoted from nef (2008); show it in quotation marks with `nef_source`.
    pub nef_phrase: String,
    pub nef_source: String,
    /// The Connect 5 toolbox one-liner for this way.
    pub connect5_line: String,
    pub connect5_source: String,
    pub ideas: Vec<FiveWaysIdea>,
}

/// Something small to try.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct FiveWaysIdea {
    pub id: String,
    /// Filled in from the way the idea is listed under (content files leave it out).
    #[serde(default)]
    pub way_id: WayId,
    #[serde(default)]
    pub way_title: String,
    pub text: String,
    pub source: String,
}

/// A way's id with its title, for drawing chips and lists.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct FiveWaysWayRef {
    pub id: WayId,
    pub title: String,
}

// ---------------------------------------------------------------------------------------
// Entries
// ---------------------------------------------------------------------------------------

/// An activity to log or an edit of one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct FiveWaysInput {
    /// What was done, one line (required).
    pub what: String,
    /// The ways it touched: one to five, no repeats.
    pub ways: Vec<WayId>,
    pub note: Option<String>,
    /// Local date "YYYY-MM-DD"; when logging, defaults to today; when editing, to the
    /// entry's own date.
    pub date: Option<String>,
    /// Local time "HH:MM"; when logging, defaults to now (or noon on a named past day);
    /// when editing, to the entry's own time.
    pub time: Option<String>,
}

/// A logged activity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct FiveWaysEntry {
    pub id: String,
    pub what: String,
    /// The ways, in the canonical order.
    pub ways: Vec<WayId>,
    /// The ways' titles joined for display: "Connect, Give".
    pub ways_label: String,
    pub note: Option<String>,
    /// Local date and time it was lived.
    pub date: String,
    pub time: String,
    /// "Mon 16 Nov".
    pub day_label: String,
}

/// How many entries touched a way.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct FiveWaysWayCount {
    pub way_id: WayId,
    pub title: String,
    pub count: u32,
}

/// One day of the week view.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct FiveWaysDay {
    pub date: String,
    /// "Mon 16 Nov".
    pub label: String,
    pub is_today: bool,
    pub is_future: bool,
    pub ways_touched: Vec<FiveWaysWayRef>,
    /// The day's entries, earliest first.
    pub entries: Vec<FiveWaysEntry>,
}

/// A Monday-to-Sunday week, made for drawing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct FiveWaysWeek {
    /// Monday, "YYYY-MM-DD".
    pub week_start: String,
    /// Sunday, "YYYY-MM-DD".
    pub week_end: String,
    /// "16–22 Nov 2026".
    pub label: String,
    pub is_current_week: bool,
    pub days: Vec<FiveWaysDay>,
    /// One per way, in the canonical order.
    pub counts: Vec<FiveWaysWayCount>,
    /// Ways with no entry this week.
    pub untouched: Vec<FiveWaysWayRef>,
    pub total_entries: u32,
    pub plan: Option<FiveWaysPlan>,
}

// ---------------------------------------------------------------------------------------
// Plans and reviews
// ---------------------------------------------------------------------------------------

/// How a plan, or one intention in it, went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum FiveWaysOutcome {
    Done,
    Partly,
    #[serde(rename = "not")]
    NotDone,
}

impl FiveWaysOutcome {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            FiveWaysOutcome::Done => "done",
            FiveWaysOutcome::Partly => "partly",
            FiveWaysOutcome::NotDone => "not",
        }
    }
    pub(crate) fn parse(s: &str) -> Option<Self> {
        match s {
            "done" => Some(FiveWaysOutcome::Done),
            "partly" => Some(FiveWaysOutcome::Partly),
            "not" => Some(FiveWaysOutcome::NotDone),
            _ => None,
        }
    }
}

/// Where a plan stands. A past week's plan with no review is `Open`: it is waiting to be
/// followed up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum FiveWaysPlanStatus {
    Upcoming,
    Current,
    Open,
    Reviewed,
}

/// One "this week I'll…" line to plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct FiveWaysIntentionInput {
    pub text: String,
    /// The way it serves, if any.
    pub way: Option<WayId>,
}

/// A week's plan. Saving a plan for a week that has one replaces its intentions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct FiveWaysPlanInput {
    /// Any date in the week planned, "YYYY-MM-DD"; defaults to this week. Only this week
    /// and next week can be planned.
    pub week_of: Option<String>,
    /// One to ten intentions.
    pub intentions: Vec<FiveWaysIntentionInput>,
}

/// A stored intention.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct FiveWaysIntention {
    pub id: String,
    pub text: String,
    pub way: Option<WayId>,
    pub way_title: Option<String>,
    pub outcome: Option<FiveWaysOutcome>,
}

/// How one intention went, given in a review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct FiveWaysIntentionOutcome {
    pub intention_id: String,
    pub outcome: FiveWaysOutcome,
}

/// A review of a plan. Reviewing again replaces the earlier review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct FiveWaysReviewInput {
    pub outcome: FiveWaysOutcome,
    /// Optional outcomes per intention; intentions not named are left without one.
    pub intention_outcomes: Vec<FiveWaysIntentionOutcome>,
    pub what_helped: Option<String>,
    pub what_got_in_the_way: Option<String>,
}

/// A stored review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct FiveWaysReview {
    pub outcome: FiveWaysOutcome,
    pub outcome_label: String,
    pub what_helped: Option<String>,
    pub what_got_in_the_way: Option<String>,
    /// Local date and time of the review.
    pub date: String,
    pub time: String,
}

/// A week's plan with its review, if any.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct FiveWaysPlan {
    pub id: String,
    pub week_start: String,
    pub week_end: String,
    /// "16–22 Nov 2026".
    pub label: String,
    pub status: FiveWaysPlanStatus,
    pub intentions: Vec<FiveWaysIntention>,
    pub review: Option<FiveWaysReview>,
}

// ---------------------------------------------------------------------------------------
// History and glance
// ---------------------------------------------------------------------------------------

/// One week of the history page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct FiveWaysHistoryWeek {
    pub week_start: String,
    /// "16–22 Nov 2026".
    pub label: String,
    pub is_current_week: bool,
    pub counts: Vec<FiveWaysWayCount>,
    pub total_entries: u32,
    /// How many of the five ways had at least one entry.
    pub ways_touched: u32,
    pub plan_status: Option<FiveWaysPlanStatus>,
}

/// A page of weeks, newest first, with one chart series per way (entries per week, oldest
/// first for drawing left to right).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct FiveWaysHistoryPage {
    pub weeks: Vec<FiveWaysHistoryWeek>,
    pub series: Vec<crate::chart::ChartSeries>,
    /// Pass as `before` for the next (older) page; `None` when there is nothing older.
    pub next_before: Option<String>,
}

/// This week at a glance, for the home screen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct FiveWaysGlance {
    pub week_start: String,
    pub counts: Vec<FiveWaysWayCount>,
    pub untouched: Vec<FiveWaysWayRef>,
    pub entries_today: u32,
    /// Something to try next: from a way not yet touched this week when there is one.
    pub suggestion: FiveWaysIdea,
    pub this_week_plan: Option<FiveWaysPlan>,
    /// The most recent past week's plan still waiting for a review.
    pub open_plan: Option<FiveWaysPlan>,
}

/// A way id given as text (a flow's choice): one of the five, else invalid.
pub(crate) fn check_way(field: &str, id: &str) -> crate::error::Result<WayId> {
    WayId::parse(id.trim())
        .ok_or_else(|| crate::error::Error::invalid(field, crate::rules::RuleCode::NotOnList))
}

/// Sorts ways into the canonical (nef) order, which is the enum's declaration order.
pub(crate) fn canonical_order(ways: &mut [WayId]) {
    ways.sort();
}

pub(crate) fn way_ref(id: WayId) -> FiveWaysWayRef {
    FiveWaysWayRef {
        id,
        title: content::way_title(id),
    }
}

/// Content files list ideas under their way and leave `way_id` out; the loader fills it in.
/// This default is never shown: it only lets an idea be read before that.
impl Default for WayId {
    fn default() -> Self {
        WayId::Connect
    }
}

/// "16–22 Nov 2026", "30 Nov – 6 Dec 2026", "29 Dec 2025 – 4 Jan 2026".
pub(crate) fn week_label(monday: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let sunday = monday + chrono::Duration::days(6);
    if monday.year() != sunday.year() {
        format!(
            "{} – {}",
            monday.format("%-d %b %Y"),
            sunday.format("%-d %b %Y")
        )
    } else if monday.month() != sunday.month() {
        format!(
            "{} – {}",
            monday.format("%-d %b"),
            sunday.format("%-d %b %Y")
        )
    } else {
        format!("{}–{}", monday.format("%-d"), sunday.format("%-d %b %Y"))
    }
}

#[cfg_attr(feature = "ffi", uniffi::export)]
impl WellbeingStore {
    /// The five ways with their descriptions, cited nef phrases, Connect 5 one-liners and
    /// ideas, in the canonical order.
    pub fn five_ways_guide(&self) -> Vec<FiveWaysWay> {
        content::content().ways.clone()
    }

    /// One paragraph introducing the five ways, with its source.
    pub fn five_ways_intro(&self) -> String {
        let a = &content::content().about;
        format!("{} ({})", a.text, a.source)
    }
}

#[cfg(test)]
pub(crate) mod test_support {
    use crate::store::WellbeingStore;
    use std::sync::Arc;

    /// Milliseconds for a UTC instant written "YYYY-MM-DDTHH:MM:SSZ".
    pub fn ms(utc: &str) -> i64 {
        chrono::DateTime::parse_from_rfc3339(utc)
            .unwrap()
            .timestamp_millis()
    }

    /// Something done today, now, for `ways`, with no note: the Five Ways entry most tests
    /// log (give it a date or time with `FiveWaysInput { date, ..activity(..) }`).
    pub fn activity(what: &str, ways: &[crate::WayId]) -> crate::FiveWaysInput {
        crate::FiveWaysInput {
            what: what.into(),
            ways: ways.to_vec(),
            note: None,
            date: None,
            time: None,
        }
    }

    /// A store whose clock is fixed at `utc` seen at `offset_min`.
    pub fn at(utc: &str, offset_min: i32) -> Arc<WellbeingStore> {
        let c = WellbeingStore::open_in_memory().unwrap();
        c.set_fixed_time(ms(utc), offset_min).unwrap();
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[allow(unused_imports)]
    use crate::{MeasureId, SafetyFlagCode, ToolGroup, ToolId, WayId};
    use chrono::NaiveDate;

    #[test]
    fn week_labels() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(week_label(d(2026, 11, 16)), "16–22 Nov 2026");
        assert_eq!(week_label(d(2026, 11, 30)), "30 Nov – 6 Dec 2026");
        assert_eq!(week_label(d(2025, 12, 29)), "29 Dec 2025 – 4 Jan 2026");
    }

    #[test]
    fn guide_lists_the_five_ways() {
        let c = WellbeingStore::open_in_memory().unwrap();
        let g = c.five_ways_guide();
        assert_eq!(g.len(), 5);
        assert!(g.iter().all(|w| w.ideas.iter().all(|i| i.way_id == w.id)));
    }

    #[test]
    fn way_ids_and_order() {
        assert_eq!(check_way("w", " give ").unwrap(), WayId::Give);
        assert!(check_way("w", "Give").is_err());
        let mut v = vec![WayId::Give, WayId::Connect, WayId::TakeNotice];
        canonical_order(&mut v);
        assert_eq!(v, [WayId::Connect, WayId::TakeNotice, WayId::Give]);
    }
}
