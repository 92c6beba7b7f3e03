//! The scaling tool (CONTENT.md §1b): a number on a 0–10 (or 1–10) scale, with follow-up
//! questions that turn the number into a conversation.
//!
//! Five kinds of scale, each a template in the content file: the daily check-in, the
//! motivational-interviewing importance, confidence and readiness rulers about a change the
//! person names [S1][S2][S4], the solution-focused "where are you now" scale [S5]–[S7], and
//! questions of the person's own. Every answer stores its range, because some people use
//! 1–10 so that nobody has to answer "zero" [S8].
//!
//! Answers are grouped into *scales*: one per template and subject (the change, the topic or
//! the custom question, compared without case or extra spaces) and range. A scale row exists
//! only while it has answers, so deleting the last answer also deletes the words that named it.

mod content;
mod flows;
mod rhythm;
mod store;
mod trend;

pub use rhythm::CheckInRhythm;

use chrono::Duration;
use serde::{Deserialize, Serialize};

use crate::chart::ChartSeries;
use crate::clock::{self, Moment};
use crate::error::{ApiResult, Error, Result};
use crate::flow::ScaleAnchor;
use crate::store::WellbeingStore;
use crate::validate;

pub(crate) use flows::MODULE;
pub(crate) use store::{check_stored, scales_between, DAY_INDEX, FEELINGS_TABLE, SCHEMA};

/// Longest answer to one follow-up question: a few sentences, enough to keep the person's
/// reasons in their own words.
pub(crate) const FOLLOW_UP_MAX: usize = 1000;
/// Longest label for an end of a custom scale: it has to fit under a slider.
pub(crate) const ANCHOR_LABEL_MAX: usize = 40;
/// Largest history page.
const MAX_PAGE_SIZE: u32 = 100;
/// Longest range the check-in chart covers in one call.
const MAX_CHART_DAYS: i64 = 366;

// ---------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------

/// A kind of scale the person can use, for a picker or a form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ScalingTemplate {
    /// "checkin", "importance", "confidence", "readiness", "solution-focused", "custom".
    pub id: String,
    /// The guided flow that walks it.
    pub tool: crate::ids::ToolId,
    pub title: String,
    pub summary: String,
    /// The question with "…" where the subject goes.
    pub question: String,
    /// "none", "required" or "optional": whether it is about something the person names.
    pub subject_rule: String,
    /// What to ask for the subject, when there is one.
    pub subject_prompt: Option<String>,
    /// The bottoms this scale may use (0, or 1 too).
    pub allowed_mins: Vec<i32>,
    pub scale_max: i32,
    /// Anchor labels for the first allowed range.
    pub anchors: Vec<ScaleAnchor>,
    /// Source keys (CONTENT.md).
    pub source: String,
}

/// A follow-up question with the person's number in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ScalingFollowUpPrompt {
    /// Stable id, e.g. "not-lower", "move-up", "how-got-here".
    pub follow_up_id: String,
    pub prompt: String,
    pub help: String,
    /// Source keys (CONTENT.md).
    pub source: String,
}

/// An answer to a follow-up, as given.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ScalingFollowUpAnswer {
    pub follow_up_id: String,
    pub answer: String,
}

/// A stored follow-up: the question as it was asked, and the answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ScalingFollowUp {
    pub follow_up_id: String,
    pub prompt: String,
    pub answer: String,
}

/// One answer to record or to replace an earlier one with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ScalingInput {
    /// A template id (see [`ScalingTemplate::id`]).
    pub template: String,
    /// The change (rulers, required), the topic (solution-focused, optional) or the question
    /// (custom, required). Must be empty for the check-in.
    pub subject: Option<String>,
    /// Bottom of the scale, 0 (default) or 1 where the template allows it.
    pub scale_min: Option<i32>,
    pub value: i32,
    /// Answers to the follow-ups offered for this value (blank ones are dropped).
    pub follow_ups: Vec<ScalingFollowUpAnswer>,
    pub note: Option<String>,
    /// Feeling word ids (see `scaling_feeling_words`), check-in only: at most five, no
    /// repeats, kept in the order given.
    #[serde(default)]
    pub feelings: Vec<String>,
    /// Labels for the ends of a custom scale (custom only).
    pub min_label: Option<String>,
    pub max_label: Option<String>,
    /// Local date "YYYY-MM-DD" and time "HH:MM"; default now (on edit: unchanged).
    pub date: Option<String>,
    pub time: Option<String>,
}

/// A word for how someone feels, from the check-in's fixed list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct FeelingWord {
    pub id: String,
    pub label: String,
}

/// A stored answer, ready to show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ScalingEntry {
    pub id: String,
    pub scale_id: String,
    pub template: String,
    pub title: String,
    pub subject: Option<String>,
    /// The question as asked, subject filled in.
    pub question: String,
    pub value: i32,
    pub scale_min: i32,
    pub scale_max: i32,
    /// "6 on a scale of 0 to 10".
    pub value_label: String,
    pub anchors: Vec<ScaleAnchor>,
    pub follow_ups: Vec<ScalingFollowUp>,
    pub note: Option<String>,
    /// The feeling words chosen, in the order they were given.
    pub feelings: Vec<FeelingWord>,
    pub date: String,
    pub time: String,
    /// "Mon 3 Nov, 09:15".
    pub date_label: String,
}

/// How a scale has moved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ScalingTrend {
    /// Latest answer minus the first one.
    pub change_since_first: i32,
    /// Mean of the day values of the last 7 / 30 days up to today (one decimal), if any.
    pub average_7_days: Option<f64>,
    pub average_30_days: Option<f64>,
    /// "up", "down" or "steady" (also "steady" while there is only one day to go on).
    pub direction: String,
    pub direction_label: String,
}

/// One scale in the person's list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ScalingScaleSummary {
    pub scale_id: String,
    pub template: String,
    pub title: String,
    pub subject: Option<String>,
    pub question: String,
    pub scale_min: i32,
    pub scale_max: i32,
    pub anchors: Vec<ScaleAnchor>,
    pub latest_value: i32,
    pub latest_date: String,
    pub latest_date_label: String,
    pub entry_count: u32,
    pub trend: ScalingTrend,
}

/// A page of one scale's history, newest first, with its chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ScalingHistoryPage {
    pub scale: ScalingScaleSummary,
    pub entries: Vec<ScalingEntry>,
    /// 0-based.
    pub page: u32,
    pub page_size: u32,
    pub has_more: bool,
    /// The check-in: one point per day over the last 30 days (gaps where nothing was
    /// recorded). Other scales: one point per answer, the last 30 answers.
    pub chart: ChartSeries,
}

// ---------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------

#[cfg_attr(feature = "ffi", uniffi::export)]
impl WellbeingStore {
    /// The words a check-in may carry for how someone feels, in the order to offer them.
    pub fn scaling_feeling_words(&self) -> ApiResult<Vec<FeelingWord>> {
        let c = content::content()?;
        Ok(c.feelings
            .words
            .iter()
            .map(|w| FeelingWord {
                id: w.id.clone(),
                label: w.label.clone(),
            })
            .collect())
    }

    /// The kinds of scale, in menu order.
    pub fn scaling_templates(&self) -> ApiResult<Vec<ScalingTemplate>> {
        let c = content::content()?;
        Ok(c.templates
            .iter()
            .map(|t| {
                let min = t.allowed_mins.first().copied().unwrap_or(0);
                ScalingTemplate {
                    id: t.id.clone(),
                    tool: t.tool,
                    title: t.title.clone(),
                    summary: t.summary.clone(),
                    question: content::question(
                        t,
                        (t.subject != content::SubjectRule::None).then_some("…"),
                        min,
                        c.max,
                    ),
                    subject_rule: match t.subject {
                        content::SubjectRule::None => "none",
                        content::SubjectRule::Required => "required",
                        content::SubjectRule::Optional => "optional",
                    }
                    .to_string(),
                    subject_prompt: c.subject_steps.get(&t.id).map(|s| s.prompt.clone()),
                    allowed_mins: t.allowed_mins.clone(),
                    scale_max: c.max,
                    anchors: content::anchors(t, min, c.max, None, None),
                    source: t.source.clone(),
                }
            })
            .collect())
    }

    /// The follow-up questions offered after `value` on a scale of `template`, numbers filled
    /// in; for forms that record through [`WellbeingStore::scaling_record`].
    pub fn scaling_follow_up_prompts(
        &self,
        template: String,
        value: i32,
        scale_min: Option<i32>,
    ) -> ApiResult<Vec<ScalingFollowUpPrompt>> {
        let c = content::content()?;
        let t = store::template(c, &template)?;
        let min = store::check_min(t, scale_min)?;
        validate::in_range("value", value as i64, min as i64, c.max as i64)?;
        Ok(content::follow_ups(c, t, value, min, c.max)
            .into_iter()
            .map(|f| ScalingFollowUpPrompt {
                follow_up_id: f.id,
                prompt: f.prompt,
                help: f.help,
                source: f.source,
            })
            .collect())
    }

    /// The quick daily check-in: "How are you feeling today?" 0–10, now.
    pub fn scaling_check_in(&self, value: i32, note: Option<String>) -> ApiResult<ScalingEntry> {
        self.scaling_record(ScalingInput {
            template: "checkin".into(),
            subject: None,
            scale_min: None,
            value,
            follow_ups: vec![],
            note,
            feelings: vec![],
            min_label: None,
            max_label: None,
            date: None,
            time: None,
        })
    }

    /// Records an answer on any scale.
    pub fn scaling_record(&self, input: ScalingInput) -> ApiResult<ScalingEntry> {
        let now = self.now();
        let c = content::content()?;
        let p = store::prepare(c, &input)?;
        let moment = Moment::from_local_parts(now, input.date.as_deref(), input.time.as_deref())?;
        Ok(self.write(|tx| {
            let id = store::insert(tx, &p, moment, now)?;
            store::load_entry(tx, c, &id)
        })?)
    }

    /// Replaces an answer. The follow-ups are replaced by those given; leaving out the date
    /// and time keeps the original ones. Changing the template, subject or range moves the
    /// answer to that scale.
    pub fn scaling_edit(&self, entry_id: String, input: ScalingInput) -> ApiResult<ScalingEntry> {
        let now = self.now();
        let c = content::content()?;
        let id = validate::id_arg("scaling entry", &entry_id)?;
        let p = store::prepare(c, &input)?;
        Ok(self.write(|tx| {
            let old = store::entry_time(tx, &id)?;
            let moment = match (input.date.as_deref(), input.time.as_deref()) {
                (None, None) => old,
                (None, Some(t)) => {
                    Moment::from_local_parts(now, Some(&clock::fmt_date(old.date())), Some(t))?
                }
                (d, t) => Moment::from_local_parts(now, d, t)?,
            };
            store::update(tx, &id, &p, moment, now)?;
            store::load_entry(tx, c, &id)
        })?)
    }

    /// Deletes an answer for good (and its scale, if it was the last answer on it).
    pub fn scaling_delete(&self, entry_id: String) -> ApiResult<()> {
        let id = validate::id_arg("scaling entry", &entry_id)?;
        Ok(self.write(|tx| store::delete(tx, &id))?)
    }

    /// One answer.
    pub fn scaling_entry(&self, entry_id: String) -> ApiResult<ScalingEntry> {
        let c = content::content()?;
        let id = validate::id_arg("scaling entry", &entry_id)?;
        Ok(self.read(|conn| store::load_entry(conn, c, &id))?)
    }

    /// The person's scales, most recently answered first, each with its latest value and trend.
    pub fn scaling_scales(&self) -> ApiResult<Vec<ScalingScaleSummary>> {
        let c = content::content()?;
        let today = self.now().date();
        Ok(self.read(|conn| {
            let mut out = vec![];
            for scale in store::all_scales(conn)? {
                let points = store::points(conn, &scale.id)?;
                let latest = points.last().map(|p| p.utc_ms);
                if let (Some(at), Some(s)) = (latest, trend::summary(c, &scale, &points, today)) {
                    out.push((at, s));
                }
            }
            out.sort_by_key(|(at, _)| std::cmp::Reverse(*at));
            let out: Vec<ScalingScaleSummary> = out.into_iter().map(|(_, s)| s).collect();
            Ok(out)
        })?)
    }

    /// A page of one scale's answers, newest first (`page` from 0, `page_size` 1–100).
    pub fn scaling_history(
        &self,
        scale_id: String,
        page: u32,
        page_size: u32,
    ) -> ApiResult<ScalingHistoryPage> {
        let c = content::content()?;
        let id = validate::id_arg("scale", &scale_id)?;
        validate::in_range("page_size", page_size as i64, 1, MAX_PAGE_SIZE as i64)?;
        let today = self.now().date();
        Ok(self.read(|conn| {
            let scale = store::load_scale(conn, &id)?;
            let points = store::points(conn, &id)?;
            let summary = trend::summary(c, &scale, &points, today)
                .ok_or_else(|| Error::not_found("scale", &id))?;
            let offset = page as i64 * page_size as i64;
            let entries = store::page(conn, c, &id, page_size as i64 + 1, offset)?;
            let has_more = entries.len() > page_size as usize;
            let entries = entries.into_iter().take(page_size as usize).collect();
            let chart = if scale.template == "checkin" {
                let days = trend::day_values(&points);
                trend::daily_series(
                    c,
                    &scale,
                    &days,
                    today - Duration::days(trend::CHART_DAYS - 1),
                    today,
                )
            } else {
                trend::entry_series(c, &scale, &points)
            };
            Ok(ScalingHistoryPage {
                scale: summary,
                entries,
                page,
                page_size,
                has_more,
                chart,
            })
        })?)
    }

    /// Today's check-in (the latest one today), if there is one.
    pub fn scaling_check_in_today(&self) -> ApiResult<Option<ScalingEntry>> {
        Ok(self.scaling_today_check_in()?)
    }

    /// The check-in chart from `from_date` to `to_date` (both "YYYY-MM-DD", at most 366 days):
    /// one point per day, the day's latest answer, a gap where there is none.
    pub fn scaling_check_in_chart(
        &self,
        from_date: String,
        to_date: String,
    ) -> ApiResult<ChartSeries> {
        let from = clock::parse_date("from_date", &from_date)?;
        let to = clock::parse_date("to_date", &to_date)?;
        Ok(self.scaling_check_in_series(from, to)?)
    }
}

// ---------------------------------------------------------------------------------------
// For the today / week views
// ---------------------------------------------------------------------------------------

impl WellbeingStore {
    /// Today's check-in: the latest answer with today's local date.
    pub(crate) fn scaling_today_check_in(&self) -> Result<Option<ScalingEntry>> {
        let c = content::content()?;
        let today = clock::fmt_date(self.now().date());
        self.read(|conn| store::latest_check_in_on(conn, c, &today))
    }

    /// The home screen's check-in parts from one walk back through the check-in days: the
    /// last seven days' chart and the rhythm (which looks back a year at most, and only as far
    /// as the current run).
    pub(crate) fn scaling_check_in_glance(
        &self,
        week_text: &str,
        run_text: &str,
    ) -> Result<(ChartSeries, Option<CheckInRhythm>)> {
        let c = content::content()?;
        let today = self.now().date();
        let from = clock::fmt_date(today - chrono::Duration::days(366));
        let week_from = today - chrono::Duration::days(6);
        let mut walk = rhythm::NewestFirst::new(today);
        let recent = self.read(|conn| {
            store::check_in_days_back(
                conn,
                &from,
                &clock::fmt_date(today),
                &clock::fmt_date(week_from),
                &mut walk,
            )
        })?;
        let series = trend::daily_series(
            c,
            &store::check_in_scale_shape(c),
            &trend::day_values(&recent),
            week_from,
            today,
        );
        Ok((
            series,
            rhythm::rhythm(walk.days(), today, week_text, run_text),
        ))
    }

    /// The check-in series for `from..=to`: one point per local day (the day's latest answer,
    /// see [`trend::day_values`]), `None` on days without one.
    pub(crate) fn scaling_check_in_series(
        &self,
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
    ) -> Result<ChartSeries> {
        if to < from {
            return Err(Error::invalid(
                "to_date",
                crate::rules::RuleCode::WrongOrder,
            ));
        }
        if (to - from).num_days() >= MAX_CHART_DAYS {
            return Err(Error::invalid_limit(
                "to_date",
                crate::rules::RuleCode::SpanTooLong,
                MAX_CHART_DAYS,
            ));
        }
        let c = content::content()?;
        self.read(|conn| {
            let points =
                store::check_in_points(conn, &clock::fmt_date(from), &clock::fmt_date(to))?;
            let days = trend::day_values(&points);
            Ok(trend::daily_series(
                c,
                &store::check_in_scale_shape(c),
                &days,
                from,
                to,
            ))
        })
    }
}

/// Reads for the records list, kept out of the exported surface.
impl WellbeingStore {
    /// The newest `limit` check-ins, newest first (none before the first check-in). Only the
    /// pages are read: the records list has no use for the scale's trend, which reads every
    /// answer. Should a change of range ever have made a second check-in scale, the newest of
    /// each are merged, so the list shows the latest check-ins whichever scale holds them.
    pub(crate) fn newest_check_ins(&self, limit: u32) -> Result<Vec<ScalingEntry>> {
        let c = content::content()?;
        self.read(|conn| {
            let mut out = vec![];
            for s in store::all_scales(conn)? {
                if s.template == "checkin" {
                    out.extend(store::page(conn, c, &s.id, i64::from(limit), 0)?);
                }
            }
            // Stable: one scale's page is already newest first.
            out.sort_by(|a, b| (&b.date, &b.time).cmp(&(&a.date, &a.time)));
            out.truncate(limit as usize);
            Ok(out)
        })
    }
}

#[cfg(test)]
mod tests;
