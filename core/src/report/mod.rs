//! The summary a person takes to their next appointment.
//!
//! For a date range (by default since the last summary, or the last four weeks) the core
//! gathers what each tool recorded, lays it out as sections — safety first, then check-ins,
//! the Five Ways balance, questionnaire scores with their bands and change labels,
//! worksheets and thought records, scales, summaries received from conversations — and
//! renders them twice: a self-contained HTML document (inline SVG charts, A4 print styles,
//! no scripts or outside resources) and plain text. Shells show or share either; they can
//! also draw the sections themselves.
//!
//! Worksheets show their titles and chosen changes unless the person opts in to the full
//! text: a summary is often handed over, and what it carries is the person's choice.

mod content;
mod gather;
mod render;
mod svg;

use chrono::{Duration, NaiveDate};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::chart::ChartSeries;
use crate::clock::{self, fmt_date};
use crate::crisis::SafetyFlag;
use crate::error::{ApiResult, Error, Result};
use crate::store::WellbeingStore;
use crate::validate;

pub(crate) const SCHEMA: &str = "
CREATE TABLE report_history (
    id TEXT PRIMARY KEY NOT NULL,
    from_date TEXT NOT NULL,
    to_date TEXT NOT NULL,
    full_text INTEGER NOT NULL CHECK (full_text IN (0, 1)),
    utc_ms INTEGER NOT NULL,
    utc_offset_min INTEGER NOT NULL,
    local_date TEXT NOT NULL,
    local_time TEXT NOT NULL,
    created_utc_ms INTEGER NOT NULL,
    updated_utc_ms INTEGER NOT NULL
);
CREATE INDEX report_history_time ON report_history(utc_ms);
";

/// The default period when there is no earlier summary: four weeks, today included.
pub(crate) const DEFAULT_DAYS: i64 = 28;
/// The longest period one summary covers.
pub(crate) const MAX_DAYS: i64 = 366;

/// How a chart is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum ReportChartKind {
    /// Values over time, one line per series.
    Line,
    /// One bar per point of the first series.
    Bar,
    /// A map of connections drawn by the core: `svg` holds the drawing, the first series its
    /// counts by ring.
    Ecomap,
}

/// A chart of a report section, with its text alternative.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ReportChart {
    pub id: String,
    pub kind: ReportChartKind,
    pub title: String,
    /// What the chart shows, in words (the SVG's `<desc>`).
    pub description: String,
    pub series: Vec<ChartSeries>,
    /// The drawing, when the core draws it whole (`Ecomap`); line and bar charts are drawn
    /// from `series`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub svg: Option<String>,
}

/// A small table (questionnaire scores).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ReportTable {
    pub caption: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

crate::content::words_record! {
    /// One item of a section: a worksheet, a measure, a scale.
    #[derive(Debug, Clone, PartialEq, Serialize)]
    #[cfg_attr(feature = "ffi", derive(uniffi::Record))]
    pub struct ReportEntry {
        pub heading: String,
        pub lines: Vec<String>,
    }
}

/// A section of the summary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ReportSection {
    /// Stable id: "safety", "check-ins", "five-ways", "measures", "worksheets",
    /// "connections" (once a map or plan exists), "scales", "received".
    pub id: String,
    pub title: String,
    /// Sentences about the whole section (or the "nothing recorded" line).
    pub lines: Vec<String>,
    pub charts: Vec<ReportChart>,
    pub tables: Vec<ReportTable>,
    pub entries: Vec<ReportEntry>,
    /// True when nothing was recorded for this section in the period.
    pub empty: bool,
}

/// A rendered appointment summary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct AppointmentReport {
    /// Support first: present when an answer in the period raised a safety flag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub safety: Option<crate::crisis::SafetyNotice>,
    /// The `report_history` id of this summary.
    pub id: String,
    /// First and last local day covered, "YYYY-MM-DD".
    pub from: String,
    pub to: String,
    /// When it was made, local "YYYY-MM-DD HH:MM".
    pub made: String,
    pub include_full_text: bool,
    /// The summary's heading, its period in words and its note that it is no diagnosis: the
    /// same lines the HTML and the text open with, for a shell that draws the sections.
    pub heading: String,
    pub period_line: String,
    pub note: String,
    /// Safety flags raised in the period (also the first section): show these first.
    pub flags: Vec<SafetyFlag>,
    pub sections: Vec<ReportSection>,
    /// A complete HTML document: inline SVG and styles, nothing fetched, prints to A4.
    pub html: String,
    pub text: String,
}

/// An earlier summary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ReportHistoryItem {
    pub id: String,
    pub from: String,
    pub to: String,
    pub made: String,
    pub include_full_text: bool,
}

/// The period a summary covers, checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Period {
    pub fn days(&self) -> i64 {
        (self.to - self.from).num_days() + 1
    }
}

/// The period asked for: `to` defaults to today, `from` to the day the last summary was
/// made (so nothing since is missed), else four weeks back. Future days, reversed ranges and
/// ranges over a year are refused.
pub(crate) fn resolve_period(
    from: Option<&str>,
    to: Option<&str>,
    today: NaiveDate,
    last_made: Option<NaiveDate>,
) -> Result<Period> {
    fn blank(s: Option<&str>) -> Option<&str> {
        s.map(str::trim).filter(|s| !s.is_empty())
    }
    let to = match blank(to) {
        Some(s) => clock::parse_date("to", s)?,
        None => today,
    };
    if to > today {
        return Err(Error::invalid("to", crate::rules::RuleCode::InFuture));
    }
    let from = match blank(from) {
        Some(s) => clock::parse_date("from", s)?,
        None => match last_made {
            Some(d) if d <= to && (to - d).num_days() < MAX_DAYS => d,
            _ => to - Duration::days(DEFAULT_DAYS - 1),
        },
    };
    if from > to {
        return Err(Error::invalid("from", crate::rules::RuleCode::WrongOrder));
    }
    let p = Period { from, to };
    if p.days() > MAX_DAYS {
        return Err(Error::invalid_limit(
            "from",
            crate::rules::RuleCode::SpanTooLong,
            MAX_DAYS,
        ));
    }
    Ok(p)
}

pub(crate) fn last_made(conn: &rusqlite::Connection) -> Result<Option<NaiveDate>> {
    let d: Option<String> = conn
        .query_row(
            "SELECT local_date FROM report_history ORDER BY utc_ms DESC, rowid DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?;
    d.map(|d| clock::parse_date("report date", &d)).transpose()
}

#[cfg_attr(feature = "ffi", uniffi::export)]
impl WellbeingStore {
    /// Makes the summary for the next appointment and records that it was made, so the
    /// next one can start from here. `from`/`to` are "YYYY-MM-DD" (see the defaults above);
    /// `include_full_text` adds the full text of worksheets and thought records.
    pub fn appointment_summary(
        &self,
        from: Option<String>,
        to: Option<String>,
        include_full_text: bool,
    ) -> ApiResult<AppointmentReport> {
        let now = self.now();
        let last = self.read(last_made)?;
        let period = resolve_period(from.as_deref(), to.as_deref(), now.date(), last)?;
        let data = gather::gather(self, period, include_full_text)?;
        let c = content::content()?;
        let made = format!("{} {}", now.date_string(), now.time_string());
        let sections = gather::sections(c, &data)?;
        let flags: Vec<SafetyFlag> = data.flags.iter().map(|(_, f)| f.clone()).collect();
        let id = validate::new_id();
        let html = render::html(c, period, &made, &sections);
        let text = render::text(c, period, &made, &sections);
        let (heading, period_line, note) = render::opening(c, period, &made);
        self.write(|tx| {
            tx.execute(
                "INSERT INTO report_history (id, from_date, to_date, full_text, utc_ms,
                    utc_offset_min, local_date, local_time, created_utc_ms, updated_utc_ms)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?5, ?5)",
                params![
                    id,
                    fmt_date(period.from),
                    fmt_date(period.to),
                    include_full_text,
                    now.utc_ms,
                    now.offset_min,
                    now.date_string(),
                    now.time_string()
                ],
            )?;
            Ok(())
        })?;
        Ok(AppointmentReport {
            safety: crate::crisis::notice_for(
                &flags,
                crate::crisis::Audience::Person,
                self.profile_or_adult(),
            ),
            id,
            from: fmt_date(period.from),
            to: fmt_date(period.to),
            made,
            include_full_text,
            heading,
            period_line,
            note,
            flags,
            sections,
            html,
            text,
        })
    }

    /// Summaries made so far, newest first.
    pub fn appointment_summary_history(&self) -> ApiResult<Vec<ReportHistoryItem>> {
        Ok(self.read(|c| {
            let mut st = c.prepare_cached(
                "SELECT id, from_date, to_date, local_date, local_time, full_text
                 FROM report_history ORDER BY utc_ms DESC, rowid DESC",
            )?;
            let rows = st.query_map([], |r| {
                Ok(ReportHistoryItem {
                    id: r.get(0)?,
                    from: r.get(1)?,
                    to: r.get(2)?,
                    made: format!("{} {}", r.get::<_, String>(3)?, r.get::<_, String>(4)?),
                    include_full_text: r.get(5)?,
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })?)
    }
}

#[cfg(test)]
pub(crate) mod tests;
