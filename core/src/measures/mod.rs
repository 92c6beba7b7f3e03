//! Outcome measures: PHQ-9, GAD-7, ONS4 and SWEMWBS, taken between appointments.
//!
//! A person answers a measure (directly with [`MeasureInput`] or through the guided flows
//! "phq9", "gad7", "ons4", "swemwbs"); the core scores it by the published rules
//! (`scoring.rs`), words the result without diagnosing (`content.rs`), raises the PHQ-9
//! item 9 safety flag whatever the total, stores it, and draws its history. `change.rs`
//! applies the NHS Talking Therapies rules to two administrations.
//!
//! Stored rows keep the raw answers; everything shown (band labels, sentences, flags) is
//! rebuilt from them on reading, so a wording fix reaches old results too, while the stored
//! total, band and flag codes stay available to queries and exports.

mod change;
mod content;
mod flows;
mod scoring;

use chrono::{Duration, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};

use crate::chart::{ChartPoint, ChartSeries};
use crate::clock::{self, Moment};
use crate::crisis::SafetyFlag;
use crate::error::{ApiResult, Error, Result};
use crate::flow::ScaleAnchor;
use crate::ids::MeasureId;
use crate::store::WellbeingStore;
use crate::validate;

pub use change::{MeasureChangeDirection, MeasureRecoveryStatus};
pub(crate) use flows::MODULE;

use content::{content, Content, MeasureContent};
use scoring::{Kind, Score};

pub(crate) const SCHEMA: &str = "
CREATE TABLE measures_results (
    id TEXT PRIMARY KEY NOT NULL,
    measure TEXT NOT NULL,
    answers TEXT NOT NULL,
    total INTEGER,
    metric REAL,
    band TEXT,
    flags TEXT NOT NULL,
    utc_ms INTEGER NOT NULL,
    utc_offset_min INTEGER NOT NULL,
    local_date TEXT NOT NULL,
    local_time TEXT NOT NULL,
    created_utc_ms INTEGER NOT NULL,
    updated_utc_ms INTEGER NOT NULL
);
CREATE INDEX measures_results_by_measure ON measures_results(measure, utc_ms);
CREATE INDEX measures_results_by_date ON measures_results(local_date);
";

/// Most results a history page returns at once.
const MAX_PAGE: u32 = 100;
/// Most administrations drawn in a history chart (a year of weekly results).
const CHART_POINTS: usize = 52;

// ---------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------

/// One question of a measure, with the labels of its answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct MeasureItemInfo {
    pub id: String,
    /// 1-based number as printed on the form.
    pub number: u32,
    /// A few words naming the item, for charts and summaries.
    pub short_label: String,
    /// The published wording.
    pub text: String,
    pub anchors: Vec<ScaleAnchor>,
    pub source: String,
}

/// A band of scores. `applies_to` is "total" or, for ONS4, the item id it bands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct MeasureBandInfo {
    pub applies_to: String,
    pub id: String,
    pub label: String,
    pub min: i32,
    pub max: i32,
}

/// Everything to show a measure: wording, answers, scoring ranges, licence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct MeasureInfo {
    pub id: MeasureId,
    pub title: String,
    pub name: String,
    pub about: String,
    pub instructions: String,
    /// The question stem ("Over the last 2 weeks, how often have you been bothered by…").
    pub stem: String,
    pub answer_min: i32,
    pub answer_max: i32,
    pub anchors: Vec<ScaleAnchor>,
    pub items: Vec<MeasureItemInfo>,
    /// False for ONS4, whose answers are never added up.
    pub summed: bool,
    pub total_min: Option<i32>,
    pub total_max: Option<i32>,
    pub bands: Vec<MeasureBandInfo>,
    pub licence: String,
    /// A copyright line that must be shown with the measure (SWEMWBS).
    pub copyright: Option<String>,
    /// A registration requirement for using the measure (SWEMWBS).
    pub registration: Option<String>,
    pub source: String,
    /// H, M or L (see CONTENT.md).
    pub confidence: String,
    /// How often it is suggested, in days.
    pub cadence_days: u32,
}

/// One separately scored answer (ONS4 items are each banded on their own).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct MeasureSubscore {
    pub item_id: String,
    pub label: String,
    pub value: i32,
    pub band: String,
    pub band_label: String,
    /// "7 out of 10, in the high range".
    pub text: String,
}

/// A scored administration of a measure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct MeasureResult {
    /// Support first: present whenever `flags` is not empty; drawn before the score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub safety: Option<crate::crisis::SafetyNotice>,
    pub id: String,
    pub measure: MeasureId,
    pub title: String,
    pub answers: Vec<i32>,
    /// The summed total; `None` for ONS4, which is never summed.
    pub total: Option<i32>,
    pub total_max: Option<i32>,
    /// SWEMWBS metric score.
    pub metric: Option<f64>,
    /// The score as shown: "12" for totals, "23.21" for SWEMWBS, empty for ONS4.
    pub score_text: String,
    /// Band id of the total (PHQ-9, GAD-7).
    pub band: Option<String>,
    pub band_label: Option<String>,
    /// "Your score is 12 out of 27, which is in the moderate range."
    pub headline: String,
    pub subscores: Vec<MeasureSubscore>,
    /// Safety signals: shells show these before anything else.
    pub flags: Vec<SafetyFlag>,
    /// What next (never diagnostic; always suggests talking to a GP or practitioner).
    pub advice: Vec<String>,
    /// Local date "YYYY-MM-DD" and time "HH:MM" it was taken.
    pub date: String,
    pub time: String,
    pub utc_ms: i64,
}

/// Answers to store. `date`/`time` default to now (a past administration, say from a paper
/// form at an appointment, may name its own; future dates are refused).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct MeasureInput {
    pub measure: MeasureId,
    pub answers: Vec<i32>,
    pub date: Option<String>,
    pub time: Option<String>,
}

/// A horizontal line on a history chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct MeasureThreshold {
    /// The series it belongs to.
    pub series_id: String,
    pub value: f64,
    pub label: String,
    /// "band" (lower edge of a band), "caseness" (the usual cut-off) or "reference"
    /// (a population average).
    pub kind: String,
    /// H, M or L.
    pub confidence: String,
}

/// One page of a measure's history, newest first, with its chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct MeasureHistoryPage {
    pub measure: MeasureId,
    pub title: String,
    pub results: Vec<MeasureResult>,
    pub offset: u32,
    pub limit: u32,
    pub total_count: u32,
    pub has_more: bool,
    /// Oldest to newest, the latest results (up to a year of weekly ones). One series for
    /// totals ("total", or "metric" for SWEMWBS); one per item for ONS4.
    pub chart: Vec<ChartSeries>,
    pub thresholds: Vec<MeasureThreshold>,
    pub bands: Vec<MeasureBandInfo>,
    pub notes: Vec<String>,
}

/// The NHS Talking Therapies rules applied to one measure's start and end totals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct MeasureChange {
    pub measure: MeasureId,
    pub title: String,
    pub start_result_id: Option<String>,
    pub end_result_id: Option<String>,
    pub start_date: Option<String>,
    pub end_date: Option<String>,
    pub start_total: i32,
    pub end_total: i32,
    /// End minus start (negative is fewer problems).
    pub difference: i32,
    pub caseness_threshold: i32,
    pub reliable_change_threshold: i32,
    pub caseness_at_start: bool,
    pub caseness_at_end: bool,
    pub direction: MeasureChangeDirection,
    pub reliable_improvement: bool,
    pub reliable_deterioration: bool,
    pub recovery: MeasureRecoveryStatus,
    pub reliable_recovery: bool,
    /// Plain sentences, change first, then recovery, then a suggestion.
    pub lines: Vec<String>,
    pub source: String,
}

/// PHQ-9 and GAD-7 looked at together, as NHS Talking Therapies report them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct MeasurePairedChange {
    pub phq9: MeasureChange,
    pub gad7: MeasureChange,
    /// A case on either measure counts.
    pub caseness_at_start: bool,
    pub caseness_at_end: bool,
    pub recovery: MeasureRecoveryStatus,
    /// Improvement on at least one with no reliable deterioration on the other.
    pub reliable_improvement: bool,
    /// Deterioration on at least one with no reliable improvement on the other.
    pub reliable_deterioration: bool,
    pub reliable_recovery: bool,
    /// Confidence of the paired improvement/deterioration rule: "L" (unverified).
    pub rule_confidence: String,
    pub notes: Vec<String>,
}

/// A measure's place on the measures screen: its latest result and whether it is due.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct MeasureStatus {
    pub measure: MeasureId,
    pub title: String,
    pub latest: Option<MeasureResult>,
    pub due: bool,
    /// Days since it was last taken (local calendar days).
    pub days_since_last: Option<i64>,
    /// The local date it is next suggested ("YYYY-MM-DD"); `None` when never taken.
    pub next_due_date: Option<String>,
}

// ---------------------------------------------------------------------------------------
// Wording
// ---------------------------------------------------------------------------------------

/// What a score says, in words.
struct Described {
    band_label: Option<String>,
    score_text: String,
    headline: String,
    subscores: Vec<MeasureSubscore>,
    flags: Vec<SafetyFlag>,
    advice: Vec<String>,
}

fn item9_flag(c: &Content) -> SafetyFlag {
    SafetyFlag {
        code: crate::ids::SafetyFlagCode::Phq9Item9,
        title: c.text("item9_flag_title", &[]),
        detail: c.text("item9_flag_detail", &[]),
        show_help_now: true,
    }
}

fn describe(c: &Content, s: &Score) -> Result<Described> {
    let m = c.measure(s.kind)?;
    let band_label = s.band.map(|b| m.band_label(b));
    let mut flags = vec![];
    if s.item9 {
        flags.push(item9_flag(c));
    }
    let mut advice = vec![];
    let (score_text, headline, subscores) = match s.kind {
        Kind::Phq9 | Kind::Gad7 => {
            let total = s.total.unwrap_or(0);
            let max = s.kind.total_range().map(|r| r.1).unwrap_or(0);
            let headline = c.text(
                "total_headline",
                &[
                    ("total", total.to_string()),
                    ("max", max.to_string()),
                    ("band", band_label.clone().unwrap_or_default()),
                ],
            );
            advice.push(c.text("higher_means_more", &[]));
            (total.to_string(), headline, vec![])
        }
        Kind::Ons4 => {
            let mut subs = vec![];
            for (i, band) in &s.item_bands {
                let item = m
                    .items
                    .get(*i)
                    .ok_or_else(|| Error::content_bug("ONS4 content lacks an item"))?;
                let value = s.answers.get(*i).copied().unwrap_or(0);
                let band_label = m.band_label(band);
                subs.push(MeasureSubscore {
                    item_id: item.id.clone(),
                    label: item.short.clone(),
                    value,
                    band: band.to_string(),
                    text: c.text(
                        "ons4_item_line",
                        &[("value", value.to_string()), ("band", band_label.clone())],
                    ),
                    band_label,
                });
            }
            (String::new(), c.text("ons4_headline", &[]), subs)
        }
        Kind::Swemwbs => {
            let metric = scoring::fmt_metric(s.metric.unwrap_or(0.0));
            let headline = c.text(
                "swemwbs_headline",
                &[
                    ("metric", metric.clone()),
                    ("raw", s.total.unwrap_or(0).to_string()),
                ],
            );
            advice.push(c.text("swemwbs_no_bands", &[]));
            advice.push(c.text("swemwbs_population", &[]));
            (metric, headline, vec![])
        }
    };
    advice.push(c.text("not_diagnostic", &[]));
    advice.push(c.text("talk_to_practitioner", &[]));
    Ok(Described {
        band_label,
        score_text,
        headline,
        subscores,
        flags,
        advice,
    })
}

fn result_of(c: &Content, s: &Score, id: String, at: &Moment) -> Result<MeasureResult> {
    let m = c.measure(s.kind)?;
    let d = describe(c, s)?;
    Ok(MeasureResult {
        safety: crate::crisis::notice(&d.flags, crate::crisis::Audience::Person),
        id,
        measure: s.kind.measure_id(),
        title: m.title.clone(),
        answers: s.answers.clone(),
        total: s.total,
        total_max: s.kind.total_range().map(|r| r.1),
        metric: s.metric,
        score_text: d.score_text,
        band: s.band.map(str::to_string),
        band_label: d.band_label,
        headline: d.headline,
        subscores: d.subscores,
        flags: d.flags,
        advice: d.advice,
        date: at.date_string(),
        time: at.time_string(),
        utc_ms: at.utc_ms,
    })
}

fn bands_of(kind: Kind, m: &MeasureContent) -> Vec<MeasureBandInfo> {
    let info = |applies_to: &str, b: &scoring::Band| MeasureBandInfo {
        applies_to: applies_to.to_string(),
        id: b.id.to_string(),
        label: m.band_label(b.id),
        min: b.min,
        max: b.max,
    };
    match kind {
        Kind::Ons4 => m
            .items
            .iter()
            .enumerate()
            .flat_map(|(i, item)| {
                Kind::ons4_item_bands(i)
                    .iter()
                    .map(|b| info(&item.id, b))
                    .collect::<Vec<_>>()
            })
            .collect(),
        k => k.total_bands().iter().map(|b| info("total", b)).collect(),
    }
}

fn info_of(c: &Content, kind: Kind) -> Result<MeasureInfo> {
    let m = c.measure(kind)?;
    let (answer_min, answer_max) = kind.answer_range();
    let range = kind.total_range();
    Ok(MeasureInfo {
        id: kind.measure_id(),
        title: m.title.clone(),
        name: m.name.clone(),
        about: m.about.clone(),
        instructions: m.instructions.clone(),
        stem: m.stem.clone(),
        answer_min,
        answer_max,
        anchors: m.anchors.clone(),
        items: m
            .items
            .iter()
            .enumerate()
            .map(|(i, it)| MeasureItemInfo {
                id: it.id.clone(),
                number: i as u32 + 1,
                short_label: it.short.clone(),
                text: it.text.clone(),
                anchors: m.item_anchors(i),
                source: it.source.clone(),
            })
            .collect(),
        summed: range.is_some(),
        total_min: range.map(|r| r.0),
        total_max: range.map(|r| r.1),
        bands: bands_of(kind, m),
        licence: m.licence.text.clone(),
        copyright: m.copyright.as_ref().map(|t| t.text.clone()),
        registration: m.registration.as_ref().map(|t| t.text.clone()),
        source: m.source.clone(),
        confidence: m.confidence.clone(),
        cadence_days: kind.cadence_days() as u32,
    })
}

// ---------------------------------------------------------------------------------------
// Storage
// ---------------------------------------------------------------------------------------

/// Writes a scored administration; returns its id.
fn insert(tx: &Transaction, now: &Moment, at: &Moment, s: &Score) -> Result<String> {
    let id = validate::new_id();
    let flags: Vec<&str> = if s.item9 {
        vec![scoring::PHQ9_ITEM9_FLAG]
    } else {
        vec![]
    };
    tx.execute(
        "INSERT INTO measures_results (id, measure, answers, total, metric, band, flags,
            utc_ms, utc_offset_min, local_date, local_time, created_utc_ms, updated_utc_ms)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
        params![
            id,
            s.kind.id(),
            serde_json::to_string(&s.answers)?,
            s.total,
            s.metric,
            s.band,
            serde_json::to_string(&flags)?,
            at.utc_ms,
            at.offset_min,
            at.date_string(),
            at.time_string(),
            now.utc_ms,
        ],
    )?;
    Ok(id)
}

const COLUMNS: &str = "id, measure, answers, utc_ms, utc_offset_min, local_date, local_time";

struct StoredRow {
    id: String,
    measure: String,
    answers: String,
    utc_ms: i64,
    offset_min: i32,
    date: String,
    time: String,
}

fn stored_row(r: &Row) -> rusqlite::Result<StoredRow> {
    Ok(StoredRow {
        id: r.get(0)?,
        measure: r.get(1)?,
        answers: r.get(2)?,
        utc_ms: r.get(3)?,
        offset_min: r.get(4)?,
        date: r.get(5)?,
        time: r.get(6)?,
    })
}

/// Rebuilds a full result from a stored row (scored again from its answers).
fn from_row(c: &Content, row: StoredRow) -> Result<MeasureResult> {
    let kind =
        Kind::from_id(&row.measure).ok_or_else(|| Error::unreadable("measure result", ""))?;
    let answers: Vec<i32> = serde_json::from_str(&row.answers)?;
    let s = scoring::score(kind, &answers).map_err(|_| Error::unreadable("measure result", ""))?;
    let date = clock::parse_date("local_date", &row.date)?;
    let time = clock::parse_time("local_time", &row.time)?;
    let at = Moment {
        utc_ms: row.utc_ms,
        offset_min: row.offset_min,
        local: date.and_time(time),
    };
    result_of(c, &s, row.id, &at)
}

fn load(conn: &Connection, id: &str) -> Result<Option<MeasureResult>> {
    let row = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM measures_results WHERE id = ?1"),
            [id],
            stored_row,
        )
        .optional()?;
    row.map(|r| from_row(content()?, r)).transpose()
}

/// Results of `kind`, newest first. Results taken in the same millisecond keep the order
/// they were stored in (`rowid`), never the random order of their uuids.
fn newest_first(
    conn: &Connection,
    kind: Kind,
    offset: u32,
    limit: u32,
) -> Result<Vec<MeasureResult>> {
    let c = content()?;
    let mut st = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM measures_results WHERE measure = ?1
         ORDER BY utc_ms DESC, created_utc_ms DESC, rowid DESC LIMIT ?2 OFFSET ?3"
    ))?;
    let rows = st.query_map(params![kind.id(), limit, offset], stored_row)?;
    let mut out = vec![];
    for r in rows {
        out.push(from_row(c, r?)?);
    }
    Ok(out)
}

/// Reads every stored result back as the app would (scored again from its answers): an
/// import calls it before committing, so a row the app could not show is refused.
///
/// The stored total, metric, band and flags are derived from the answers; reports and
/// queries read them directly, so a hand-edited backup must not be able to store ones the
/// answers do not give (a forged flag, or a band that hides one).
pub(crate) fn check_stored(conn: &Connection) -> Result<()> {
    let c = content()?;
    let mut st = conn.prepare_cached(&format!(
        "SELECT {COLUMNS}, total, metric, band, flags FROM measures_results"
    ))?;
    let rows = st.query_map([], |r| {
        Ok((
            stored_row(r)?,
            r.get::<_, Option<i64>>(7)?,
            r.get::<_, Option<f64>>(8)?,
            r.get::<_, Option<String>>(9)?,
            r.get::<_, String>(10)?,
        ))
    })?;
    for r in rows {
        let (row, total, metric, band, flags) = r?;
        let kind =
            Kind::from_id(&row.measure).ok_or_else(|| Error::unreadable("measure result", ""))?;
        let answers: Vec<i32> = serde_json::from_str(&row.answers)
            .map_err(|_| Error::unreadable("measure result", ""))?;
        let s =
            scoring::score(kind, &answers).map_err(|_| Error::unreadable("measure result", ""))?;
        let stored_flags: Vec<String> =
            serde_json::from_str(&flags).map_err(|_| Error::unreadable("measure result", ""))?;
        let want_flags: Vec<&str> = if s.item9 {
            vec![scoring::PHQ9_ITEM9_FLAG]
        } else {
            vec![]
        };
        let metric_same = match (metric, s.metric) {
            (None, None) => true,
            (Some(a), Some(b)) => (a - b).abs() < 1e-9,
            _ => false,
        };
        if total != s.total.map(i64::from)
            || !metric_same
            || band.as_deref() != s.band
            || stored_flags != want_flags
        {
            return Err(Error::unreadable("measure result", ""));
        }
        from_row(c, row)?;
    }
    Ok(())
}

/// The earliest result of `kind` on or after `since` (local date), if any.
fn first_since(
    conn: &Connection,
    kind: Kind,
    since: Option<&str>,
) -> Result<Option<MeasureResult>> {
    let row = conn
        .query_row(
            &format!(
                "SELECT {COLUMNS} FROM measures_results WHERE measure = ?1 AND local_date >= ?2
                 ORDER BY utc_ms ASC, created_utc_ms ASC, rowid ASC LIMIT 1"
            ),
            params![kind.id(), since.unwrap_or("")],
            stored_row,
        )
        .optional()?;
    row.map(|r| from_row(content()?, r)).transpose()
}

fn count(conn: &Connection, kind: Kind) -> Result<u32> {
    let n: i64 = conn.query_row(
        "SELECT count(*) FROM measures_results WHERE measure = ?1",
        [kind.id()],
        |r| r.get(0),
    )?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

// ---------------------------------------------------------------------------------------
// Views
// ---------------------------------------------------------------------------------------

fn chart_of(kind: Kind, m: &MeasureContent, newest: &[MeasureResult]) -> Vec<ChartSeries> {
    let oldest_first: Vec<&MeasureResult> = newest.iter().rev().collect();
    let point = |r: &MeasureResult, value: Option<f64>| ChartPoint {
        date: r.date.clone(),
        label: clock::parse_date("date", &r.date)
            .map(clock::short_label)
            .unwrap_or_else(|_| r.date.clone()),
        value,
    };
    match kind {
        Kind::Ons4 => m
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                crate::chart::SeriesParts {
                    id: item.id.clone(),
                    label: item.short.clone(),
                    axis_min: 0.0,
                    axis_max: 10.0,
                    points: oldest_first
                        .iter()
                        .map(|r| point(r, r.answers.get(i).map(|v| f64::from(*v))))
                        .collect(),
                }
                .finish()
            })
            .collect(),
        Kind::Swemwbs => vec![crate::chart::SeriesParts {
            id: "metric".into(),
            label: m.title.clone(),
            axis_min: 7.0,
            axis_max: 35.0,
            points: oldest_first.iter().map(|r| point(r, r.metric)).collect(),
        }
        .finish()],
        Kind::Phq9 | Kind::Gad7 => {
            let (lo, hi) = kind.total_range().unwrap_or((0, 0));
            vec![crate::chart::SeriesParts {
                id: "total".into(),
                label: m.title.clone(),
                axis_min: f64::from(lo),
                axis_max: f64::from(hi),
                points: oldest_first
                    .iter()
                    .map(|r| point(r, r.total.map(f64::from)))
                    .collect(),
            }
            .finish()]
        }
    }
}

fn thresholds_of(c: &Content, kind: Kind, m: &MeasureContent) -> Vec<MeasureThreshold> {
    let line = |series: &str, value: f64, label: String, kind: &str, conf: &str| MeasureThreshold {
        series_id: series.to_string(),
        value,
        label,
        kind: kind.to_string(),
        confidence: conf.to_string(),
    };
    let band_edges = |series: &str, bands: &[scoring::Band]| -> Vec<MeasureThreshold> {
        bands
            .iter()
            .skip(1)
            .map(|b| line(series, f64::from(b.min), m.band_label(b.id), "band", "H"))
            .collect()
    };
    match kind {
        Kind::Phq9 | Kind::Gad7 => {
            let mut out = band_edges("total", kind.total_bands());
            if let Ok((cut, _)) = change::thresholds(kind) {
                out.push(line(
                    "total",
                    f64::from(cut),
                    c.text("caseness_line", &[("threshold", cut.to_string())]),
                    "caseness",
                    "H",
                ));
            }
            out
        }
        Kind::Ons4 => m
            .items
            .iter()
            .enumerate()
            .flat_map(|(i, item)| band_edges(&item.id, Kind::ons4_item_bands(i)))
            .collect(),
        Kind::Swemwbs => vec![
            line(
                "metric",
                23.7,
                c.text("reference_mean_men", &[]),
                "reference",
                "M",
            ),
            line(
                "metric",
                23.2,
                c.text("reference_mean_women", &[]),
                "reference",
                "M",
            ),
        ],
    }
}

fn notes_of(c: &Content, kind: Kind) -> Vec<String> {
    let mut notes = match kind {
        Kind::Ons4 => vec![c.text("ons4_headline", &[])],
        Kind::Swemwbs => vec![
            c.text("swemwbs_no_bands", &[]),
            c.text("swemwbs_population", &[]),
            c.text("swemwbs_change", &[]),
        ],
        Kind::Phq9 | Kind::Gad7 => vec![c.text("higher_means_more", &[])],
    };
    notes.push(c.text("not_diagnostic", &[]));
    notes.push(c.text("talk_to_practitioner", &[]));
    notes
}

fn status_of(conn: &Connection, kind: Kind, today: NaiveDate) -> Result<MeasureStatus> {
    let c = content()?;
    let latest = newest_first(conn, kind, 0, 1)?.into_iter().next();
    let cadence = kind.cadence_days();
    let (due, days, next) = match &latest {
        None => (true, None, None),
        Some(r) => {
            let last = clock::parse_date("date", &r.date)?;
            let days = (today - last).num_days();
            let next = last + Duration::days(cadence);
            (days >= cadence, Some(days), Some(clock::fmt_date(next)))
        }
    };
    Ok(MeasureStatus {
        measure: kind.measure_id(),
        title: c.measure(kind)?.title.clone(),
        latest,
        due,
        days_since_last: days,
        next_due_date: next,
    })
}

// ---------------------------------------------------------------------------------------
// Change
// ---------------------------------------------------------------------------------------

fn change_of(
    c: &Content,
    a: &change::Assessed,
    start: Option<&MeasureResult>,
    end: Option<&MeasureResult>,
) -> Result<MeasureChange> {
    let (cut, reliable) = change::thresholds(a.kind)?;
    let diff = a.end - a.start;
    let mut lines = vec![];
    let t = |k: &str, points: i32| {
        c.text(
            k,
            &[
                ("points", points.to_string()),
                ("threshold", reliable.to_string()),
            ],
        )
    };
    lines.push(match a.direction {
        MeasureChangeDirection::ReliableImprovement => t("change_improved", -diff),
        MeasureChangeDirection::ReliableDeterioration => t("change_deteriorated", diff),
        MeasureChangeDirection::NoReliableChange => t("change_none", diff.abs()),
    });
    let key = match a.recovery {
        MeasureRecoveryStatus::Recovered => "recovery_recovered",
        MeasureRecoveryStatus::NotRecovered => "recovery_not_recovered",
        MeasureRecoveryStatus::ExcludedNotAtCaseness => "recovery_excluded",
    };
    lines.push(c.text(key, &[("threshold", cut.to_string())]));
    lines.push(c.text("change_talk", &[]));
    Ok(MeasureChange {
        measure: a.kind.measure_id(),
        title: c.measure(a.kind)?.title.clone(),
        start_result_id: start.map(|r| r.id.clone()),
        end_result_id: end.map(|r| r.id.clone()),
        start_date: start.map(|r| r.date.clone()),
        end_date: end.map(|r| r.date.clone()),
        start_total: a.start,
        end_total: a.end,
        difference: diff,
        caseness_threshold: cut,
        reliable_change_threshold: reliable,
        caseness_at_start: a.case_start,
        caseness_at_end: a.case_end,
        direction: a.direction,
        reliable_improvement: a.improved(),
        reliable_deterioration: a.deteriorated(),
        recovery: a.recovery,
        reliable_recovery: a.reliable_recovery,
        lines,
        source: "M24, M25, M27, M28, M29".into(),
    })
}

fn paired_of(
    c: &Content,
    p: &change::PairedAssessed,
    phq9: MeasureChange,
    gad7: MeasureChange,
) -> MeasurePairedChange {
    MeasurePairedChange {
        phq9,
        gad7,
        caseness_at_start: p.case_start,
        caseness_at_end: p.case_end,
        recovery: p.recovery,
        reliable_improvement: p.reliable_improvement,
        reliable_deterioration: p.reliable_deterioration,
        reliable_recovery: p.reliable_recovery,
        rule_confidence: "L".into(),
        notes: vec![c.text("paired_rule_note", &[]), c.text("change_talk", &[])],
    }
}

fn totals_pair(start: &MeasureResult, end: &MeasureResult) -> Result<(i32, i32)> {
    match (start.total, end.total) {
        (Some(a), Some(b)) => Ok((a, b)),
        _ => Err(Error::invalid(
            "measure",
            crate::rules::RuleCode::NotApplicable,
        )),
    }
}

/// First (on or after `since`) and latest of `kind`, when there are two different ones.
fn first_and_latest(
    conn: &Connection,
    kind: Kind,
    since: Option<&str>,
) -> Result<Option<(MeasureResult, MeasureResult)>> {
    let first = first_since(conn, kind, since)?;
    let latest = newest_first(conn, kind, 0, 1)?.into_iter().next();
    Ok(match (first, latest) {
        (Some(f), Some(l)) if f.id != l.id => Some((f, l)),
        _ => None,
    })
}

fn progress_of(
    conn: &Connection,
    kind: Kind,
    since: Option<&str>,
) -> Result<Option<(change::Assessed, MeasureResult, MeasureResult)>> {
    change::thresholds(kind)?;
    Ok(match first_and_latest(conn, kind, since)? {
        Some((f, l)) => {
            let (a, b) = totals_pair(&f, &l)?;
            Some((change::assess(kind, a, b)?, f, l))
        }
        None => None,
    })
}

fn since_arg(since: Option<String>) -> Result<Option<String>> {
    since
        .map(|s| clock::parse_date("since", &s).map(clock::fmt_date))
        .transpose()
}

// ---------------------------------------------------------------------------------------
// Internal calls for the today/week views
// ---------------------------------------------------------------------------------------

// Called by the today/week views (merged from other branches), and by the tests.
#[allow(dead_code)]
impl WellbeingStore {
    /// The newest result of `measure` ("phq9", "gad7", "ons4", "swemwbs"), if any.
    pub(crate) fn measure_latest(&self, measure: &str) -> Result<Option<MeasureResult>> {
        let kind = Kind::parse(measure)?;
        self.read(|conn| Ok(newest_first(conn, kind, 0, 1)?.into_iter().next()))
    }

    /// True when `measure` is due today: never taken, or last taken at least its cadence
    /// ago in local days (PHQ-9, GAD-7, ONS4 weekly; SWEMWBS fortnightly).
    pub(crate) fn measure_is_due(&self, measure: &str) -> Result<bool> {
        let kind = Kind::parse(measure)?;
        let today = self.now().date();
        self.read(|conn| Ok(status_of(conn, kind, today)?.due))
    }

    /// Every measure's latest result and due state, in menu order.
    pub(crate) fn measure_statuses(&self) -> Result<Vec<MeasureStatus>> {
        let today = self.now().date();
        self.read(|conn| {
            scoring::ALL
                .iter()
                .map(|k| status_of(conn, *k, today))
                .collect()
        })
    }

    /// All results taken on local dates `from..=to` (any measure), oldest first: for a
    /// week's summary.
    pub(crate) fn measure_results_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<MeasureResult>> {
        self.read(|conn| {
            let c = content()?;
            let mut st = conn.prepare_cached(&format!(
                "SELECT {COLUMNS} FROM measures_results WHERE local_date BETWEEN ?1 AND ?2
                 ORDER BY utc_ms ASC, created_utc_ms ASC, rowid ASC"
            ))?;
            let rows = st.query_map(
                params![clock::fmt_date(from), clock::fmt_date(to)],
                stored_row,
            )?;
            let mut out = vec![];
            for r in rows {
                out.push(from_row(c, r?)?);
            }
            Ok(out)
        })
    }
}

// ---------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------

/// Applies the NHS Talking Therapies change rules to two totals of one measure ("phq9" or
/// "gad7"), e.g. scores given at appointments.
#[cfg_attr(feature = "ffi", uniffi::export)]
pub fn assess_measure_change(
    measure: MeasureId,
    start_total: i32,
    end_total: i32,
) -> ApiResult<MeasureChange> {
    let kind = Kind::of(measure);
    let a = change::assess(kind, start_total, end_total)?;
    Ok(change_of(content()?, &a, None, None)?)
}

/// The paired PHQ-9 + GAD-7 view of two pairs of totals.
#[cfg_attr(feature = "ffi", uniffi::export)]
pub fn assess_paired_change(
    phq9_start: i32,
    phq9_end: i32,
    gad7_start: i32,
    gad7_end: i32,
) -> ApiResult<MeasurePairedChange> {
    let c = content()?;
    let p = change::assess(Kind::Phq9, phq9_start, phq9_end)?;
    let g = change::assess(Kind::Gad7, gad7_start, gad7_end)?;
    let pa = change::assess_paired(p, g)?;
    Ok(paired_of(
        c,
        &pa,
        change_of(c, &p, None, None)?,
        change_of(c, &g, None, None)?,
    ))
}

#[cfg_attr(feature = "ffi", uniffi::export)]
impl WellbeingStore {
    /// The four measures with their wording, answers, bands and licence notes.
    pub fn list_measures(&self) -> ApiResult<Vec<MeasureInfo>> {
        let c = content()?;
        Ok(scoring::ALL
            .iter()
            .map(|k| info_of(c, *k))
            .collect::<Result<_>>()?)
    }

    /// One measure's wording, answers, bands and licence notes.
    pub fn measure_info(&self, measure: MeasureId) -> ApiResult<MeasureInfo> {
        Ok(info_of(content()?, Kind::of(measure))?)
    }

    /// Scores and stores one administration. Answers must be exactly one per item, each in
    /// the measure's range.
    pub fn take_measure(&self, input: MeasureInput) -> ApiResult<MeasureResult> {
        let kind = Kind::of(input.measure);
        let s = scoring::score(kind, &input.answers)?;
        let now = self.now();
        let at = Moment::from_local_parts(now, input.date.as_deref(), input.time.as_deref())?;
        let c = content()?;
        let id = self.write(|tx| insert(tx, &now, &at, &s))?;
        Ok(result_of(c, &s, id, &at)?)
    }

    /// A stored result.
    pub fn measure_result(&self, result_id: String) -> ApiResult<MeasureResult> {
        let id = validate::id_arg("measure result", &result_id)?;
        Ok(self
            .read(|c| load(c, &id))?
            .ok_or_else(|| Error::not_found("measure result", &id))?)
    }

    /// A page of `measure`'s results, newest first (`limit` 1–100), with its chart.
    pub fn measure_history(
        &self,
        measure: MeasureId,
        offset: u32,
        limit: u32,
    ) -> ApiResult<MeasureHistoryPage> {
        let kind = Kind::of(measure);
        validate::in_range("limit", i64::from(limit), 1, i64::from(MAX_PAGE))?;
        let c = content()?;
        let m = c.measure(kind)?;
        Ok(self.read(|conn| {
            let results = newest_first(conn, kind, offset, limit)?;
            let total_count = count(conn, kind)?;
            let charted = newest_first(conn, kind, 0, CHART_POINTS as u32)?;
            Ok(MeasureHistoryPage {
                measure: kind.measure_id(),
                title: m.title.clone(),
                has_more: u64::from(offset) + (results.len() as u64) < u64::from(total_count),
                offset,
                limit,
                total_count,
                chart: chart_of(kind, m, &charted),
                thresholds: thresholds_of(c, kind, m),
                bands: bands_of(kind, m),
                notes: notes_of(c, kind),
                results,
            })
        })?)
    }

    /// Deletes a stored result for good.
    pub fn delete_measure_result(&self, result_id: String) -> ApiResult<()> {
        let id = validate::id_arg("measure result", &result_id)?;
        let n =
            self.write(|tx| Ok(tx.execute("DELETE FROM measures_results WHERE id = ?1", [&id])?))?;
        if n == 0 {
            return Err(Error::not_found("measure result", &id).into());
        }
        Ok(())
    }

    /// The change between two stored results of the same measure (PHQ-9 or GAD-7). The
    /// earlier one is the start, whichever order they are given in.
    pub fn measure_change(
        &self,
        first_result_id: String,
        second_result_id: String,
    ) -> ApiResult<MeasureChange> {
        let a_id = validate::id_arg("measure result", &first_result_id)?;
        let b_id = validate::id_arg("measure result", &second_result_id)?;
        if a_id == b_id {
            return Err(
                Error::invalid("second_result_id", crate::rules::RuleCode::Duplicate).into(),
            );
        }
        let c = content()?;
        let (a, b) = self.read(|conn| {
            let a = load(conn, &a_id)?.ok_or_else(|| Error::not_found("measure result", &a_id))?;
            let b = load(conn, &b_id)?.ok_or_else(|| Error::not_found("measure result", &b_id))?;
            Ok((a, b))
        })?;
        if a.measure != b.measure {
            return Err(
                Error::invalid("second_result_id", crate::rules::RuleCode::Mismatch).into(),
            );
        }
        let kind = Kind::of(a.measure);
        change::thresholds(kind)?;
        let (start, end) = if b.utc_ms < a.utc_ms { (b, a) } else { (a, b) };
        let (s, e) = totals_pair(&start, &end)?;
        let assessed = change::assess(kind, s, e)?;
        Ok(change_of(c, &assessed, Some(&start), Some(&end))?)
    }

    /// First (on or after `since`, "YYYY-MM-DD", if given) vs latest result of `measure`
    /// (PHQ-9 or GAD-7), as NHS Talking Therapies compare them. `None` until there are two.
    pub fn measure_progress(
        &self,
        measure: MeasureId,
        since: Option<String>,
    ) -> ApiResult<Option<MeasureChange>> {
        let kind = Kind::of(measure);
        let since = since_arg(since)?;
        let c = content()?;
        Ok(self.read(|conn| {
            progress_of(conn, kind, since.as_deref())?
                .map(|(a, f, l)| change_of(c, &a, Some(&f), Some(&l)))
                .transpose()
        })?)
    }

    /// PHQ-9 and GAD-7 progress together (first on or after `since` vs latest of each).
    /// `None` until both measures have two results.
    pub fn paired_measure_progress(
        &self,
        since: Option<String>,
    ) -> ApiResult<Option<MeasurePairedChange>> {
        let since = since_arg(since)?;
        let c = content()?;
        Ok(self.read(|conn| {
            let p = progress_of(conn, Kind::Phq9, since.as_deref())?;
            let g = progress_of(conn, Kind::Gad7, since.as_deref())?;
            match (p, g) {
                (Some((pa, pf, pl)), Some((ga, gf, gl))) => {
                    let paired = change::assess_paired(pa, ga)?;
                    Ok(Some(paired_of(
                        c,
                        &paired,
                        change_of(c, &pa, Some(&pf), Some(&pl))?,
                        change_of(c, &ga, Some(&gf), Some(&gl))?,
                    )))
                }
                _ => Ok(None),
            }
        })?)
    }

    /// Each measure's latest result and whether it is due: the measures screen.
    pub fn measures_overview(&self) -> ApiResult<Vec<MeasureStatus>> {
        Ok(self.measure_statuses()?)
    }
}

#[cfg(test)]
mod tests;
