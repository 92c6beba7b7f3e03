//! What a shell is handed about a measure: its items and bands, a result, a page of
//! history, a change between two results, whether it is due.

use serde::{Deserialize, Serialize};

use crate::chart::ChartSeries;
use crate::crisis::SafetyFlag;
use crate::flow::ScaleAnchor;
use crate::ids::MeasureId;

use super::change::*;

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
