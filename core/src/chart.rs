//! Chart series: computed in the core so every shell draws the same picture.

use serde::{Deserialize, Serialize};

/// One point of a chart. `value` is `None` on a day with nothing recorded, so shells draw a
/// gap rather than a misleading zero.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ChartPoint {
    /// Local date "YYYY-MM-DD".
    pub date: String,
    /// Short label for the axis ("Mon 3 Nov").
    pub label: String,
    pub value: Option<f64>,
}

/// A series with the range its axis should show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ChartSeries {
    pub id: String,
    pub label: String,
    pub axis_min: f64,
    pub axis_max: f64,
    pub points: Vec<ChartPoint>,
}
