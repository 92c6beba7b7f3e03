//! Chart series: computed in the core so every shell draws the same picture, and says the same
//! thing to a screen reader.
//!
//! Every series is built through [`SeriesParts::finish`], which writes its `description`: the
//! label, the dates, how many points hold a value of how many, the latest value, the lowest and
//! highest, and whether it is rising, falling or steady. Building it in one place means no
//! series can reach a shell without one (a test fails on a `ChartSeries` written out by hand).

use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};
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
    /// What a screen reader says for the whole chart, e.g. "Check-ins, 23 to 29 November:
    /// 5 of 7 days recorded, latest 7, from 4 to 8, rising".
    pub description: String,
}

/// A series before its description is written: the only way the core builds a
/// [`ChartSeries`].
pub(crate) struct SeriesParts {
    pub id: String,
    pub label: String,
    pub axis_min: f64,
    pub axis_max: f64,
    pub points: Vec<ChartPoint>,
}

impl SeriesParts {
    /// The finished series, with its description.
    pub(crate) fn finish(self) -> ChartSeries {
        let description = describe(&self);
        ChartSeries {
            id: self.id,
            label: self.label,
            axis_min: self.axis_min,
            axis_max: self.axis_max,
            points: self.points,
            description,
        }
    }
}

crate::content::words_record! {
    #[derive(Debug)]
    struct Text {
        months: Vec<String>,
        day_month: String,
        day_month_year: String,
        same_month_range: String,
        range: String,
        heading: String,
        heading_no_dates: String,
        nothing_recorded: String,
        count_days: String,
        count_weeks: String,
        count_entries: String,
        latest: String,
        low_high: String,
        all_same: String,
        rising: String,
        falling: String,
        steady: String,
        category: String,
        joined: String,
        separator: String,
        #[allow(dead_code)]
        source: String,
    }
}

fn text() -> Option<&'static Text> {
    static CELL: OnceLock<std::result::Result<Text, String>> = OnceLock::new();
    crate::content::parsed(&CELL, crate::content::en_gb::CHARTS, "charts").ok()
}

fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (k, v) in values {
        out = out.replace(&format!("{{{k}}}"), v);
    }
    out
}

/// A value as people say it: whole numbers without ".0", others to one decimal place.
fn number(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if (r - r.round()).abs() < 1e-9 {
        format!("{}", r.round() as i64)
    } else {
        format!("{r:.1}")
    }
}

fn month(t: &Text, d: NaiveDate) -> String {
    t.months
        .get(d.month0() as usize)
        .cloned()
        .unwrap_or_else(|| d.month().to_string())
}

/// "23 to 29 November", "30 November to 6 December", "30 December 2025 to 5 January 2026".
fn dates(t: &Text, from: NaiveDate, to: NaiveDate) -> String {
    let day_month = |d: NaiveDate| {
        fill(
            &t.day_month,
            &[("day", &d.day().to_string()), ("month", &month(t, d))],
        )
    };
    let day_month_year = |d: NaiveDate| {
        fill(
            &t.day_month_year,
            &[
                ("day", &d.day().to_string()),
                ("month", &month(t, d)),
                ("year", &d.year().to_string()),
            ],
        )
    };
    if from == to {
        day_month(from)
    } else if from.year() != to.year() {
        fill(
            &t.range,
            &[("from", &day_month_year(from)), ("to", &day_month_year(to))],
        )
    } else if from.month() == to.month() {
        fill(
            &t.same_month_range,
            &[
                ("from_day", &from.day().to_string()),
                ("to_day", &to.day().to_string()),
                ("month", &month(t, to)),
            ],
        )
    } else {
        fill(
            &t.range,
            &[("from", &day_month(from)), ("to", &day_month(to))],
        )
    }
}

fn describe(s: &SeriesParts) -> String {
    let Some(t) = text() else {
        // Only if the content file were broken: the label still says which chart it is.
        return s.label.clone();
    };
    let parsed: Vec<Option<NaiveDate>> = s
        .points
        .iter()
        .map(|p| NaiveDate::parse_from_str(&p.date, "%Y-%m-%d").ok())
        .collect();
    let known: Vec<NaiveDate> = parsed.iter().flatten().copied().collect();
    let heading = match (known.iter().min(), known.iter().max()) {
        (Some(from), Some(to)) => fill(
            &t.heading,
            &[("label", &s.label), ("dates", &dates(t, *from, *to))],
        ),
        _ => fill(&t.heading_no_dates, &[("label", &s.label)]),
    };
    let values: Vec<f64> = s.points.iter().filter_map(|p| p.value).collect();
    if values.is_empty() {
        return fill(&t.nothing_recorded, &[("heading", &heading)]);
    }
    let sep = t.separator.as_str();
    // Several points on one date are categories (the Five Ways balance), not a line in time:
    // each is said with its own label.
    let one_date = known.len() == s.points.len() && known.windows(2).all(|w| w[0] == w[1]);
    if one_date && s.points.len() > 1 {
        let parts: Vec<String> = s
            .points
            .iter()
            .filter_map(|p| {
                p.value
                    .map(|v| fill(&t.category, &[("name", &p.label), ("value", &number(v))]))
            })
            .collect();
        return fill(
            &t.joined,
            &[("heading", &heading), ("parts", &parts.join(sep))],
        );
    }
    let step = step_days(&parsed);
    let count_template = match step {
        Some(1) => &t.count_days,
        Some(7) => &t.count_weeks,
        _ => &t.count_entries,
    };
    let mut parts = vec![fill(
        count_template,
        &[
            ("recorded", &values.len().to_string()),
            ("total", &s.points.len().to_string()),
        ],
    )];
    let latest = *values.last().unwrap_or(&0.0);
    parts.push(fill(&t.latest, &[("value", &number(latest))]));
    if values.len() > 1 {
        let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        parts.push(if number(lo) == number(hi) {
            fill(&t.all_same, &[("value", &number(lo))])
        } else {
            fill(&t.low_high, &[("min", &number(lo)), ("max", &number(hi))])
        });
        parts.push(direction(t, &values, s.axis_max - s.axis_min).to_string());
    }
    fill(
        &t.joined,
        &[("heading", &heading), ("parts", &parts.join(sep))],
    )
}

/// The spacing in days between consecutive points, when every point has a date and they are
/// evenly spaced (1: a day grid, 7: a week grid).
fn step_days(dates: &[Option<NaiveDate>]) -> Option<i64> {
    let dates: Option<Vec<NaiveDate>> = dates.iter().copied().collect();
    let dates = dates?;
    if dates.len() < 2 {
        return Some(1);
    }
    let step = (dates[1] - dates[0]).num_days();
    dates
        .windows(2)
        .all(|w| (w[1] - w[0]).num_days() == step)
        .then_some(step)
}

/// Rising, falling or steady: the mean of the later half of the recorded values against the
/// earlier half, so one odd day does not turn the trend. A change under a tenth of the axis is
/// steady.
fn direction<'a>(t: &'a Text, values: &[f64], span: f64) -> &'a str {
    let half = values.len() / 2;
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    let early = mean(&values[..half]);
    let late = mean(&values[values.len() - half..]);
    let threshold = if span.is_finite() && span > 0.0 {
        span / 10.0
    } else {
        0.0
    };
    if late - early > threshold {
        &t.rising
    } else if early - late > threshold {
        &t.falling
    } else {
        &t.steady
    }
}

#[cfg(test)]
mod tests;
