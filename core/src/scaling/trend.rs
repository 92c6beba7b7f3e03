//! Trends and chart series of a scale, computed here so every shell shows the same picture.
//!
//! **One value per local day: the day's latest answer.** The check-in asks "how are you
//! feeling *today*?", so a second answer the same day is the person updating today's answer
//! (things changed, or the first tap was a slip), not a second sample to blend in. A mean
//! would turn a 2 corrected to 7 into a 4.5 nobody chose. Using the latest also keeps the
//! chart, the averages and the "today" card in agreement.

use chrono::{Duration, NaiveDate};

use super::content::Content;
use super::store::{self, Point, ScaleRow};
use super::{ScalingScaleSummary, ScalingTrend};
use crate::chart::{ChartPoint, ChartSeries};
use crate::clock;

/// Days the check-in chart of the history page covers, ending today.
pub(crate) const CHART_DAYS: i64 = 30;
/// Answers the chart of other scales shows (one point each, the most recent).
pub(crate) const CHART_ENTRIES: usize = 30;
/// How many recent day values make the "now" and "before" of the direction.
const DIRECTION_WINDOW: usize = 3;
/// Smallest difference of means that counts as moving rather than steady.
const DIRECTION_THRESHOLD: f64 = 0.5;

/// The latest value of each local day, oldest day first. `points` must be oldest first.
pub(crate) fn day_values(points: &[Point]) -> Vec<(NaiveDate, i32)> {
    // A map by day, not a search of what is gathered so far: a year's chart is hundreds of
    // points, and a linear search per point grew with the square of them.
    let mut out: std::collections::BTreeMap<NaiveDate, i32> = Default::default();
    for p in points {
        out.insert(p.date, p.value);
    }
    out.into_iter().collect()
}

fn mean(values: impl Iterator<Item = i32>) -> Option<f64> {
    let (sum, n) = values.fold((0i64, 0i64), |(s, n), v| (s + v as i64, n + 1));
    (n > 0).then(|| sum as f64 / n as f64)
}

fn one_decimal(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// Mean of the day values from `days` days back up to `today`.
fn window_average(days: &[(NaiveDate, i32)], today: NaiveDate, span: i64) -> Option<f64> {
    let from = today - Duration::days(span - 1);
    mean(
        days.iter()
            .filter(|(d, _)| *d >= from && *d <= today)
            .map(|(_, v)| *v),
    )
    .map(one_decimal)
}

/// "up", "down" or "steady": the mean of the last three day values against the three before.
/// Comparing recent windows rather than first against latest shows a recent turn that a
/// long history would hide, and three days smooth out a single bad day.
pub(crate) fn direction(days: &[(NaiveDate, i32)]) -> &'static str {
    let n = days.len();
    if n < 2 {
        return "steady";
    }
    let recent = DIRECTION_WINDOW.min(n - 1).max(1);
    let split = n - recent;
    let before_from = split.saturating_sub(DIRECTION_WINDOW);
    let now = mean(days[split..].iter().map(|(_, v)| *v));
    let before = mean(days[before_from..split].iter().map(|(_, v)| *v));
    match (now, before) {
        (Some(a), Some(b)) if a - b >= DIRECTION_THRESHOLD => "up",
        (Some(a), Some(b)) if b - a >= DIRECTION_THRESHOLD => "down",
        _ => "steady",
    }
}

pub(crate) fn trend(c: &Content, points: &[Point], today: NaiveDate) -> ScalingTrend {
    let days = day_values(points);
    let change = match (points.first(), points.last()) {
        (Some(a), Some(b)) => b.value - a.value,
        _ => 0,
    };
    let dir = direction(&days);
    ScalingTrend {
        change_since_first: change,
        average_7_days: window_average(&days, today, 7),
        average_30_days: window_average(&days, today, 30),
        direction: dir.to_string(),
        direction_label: match dir {
            "up" => c.trend.up.clone(),
            "down" => c.trend.down.clone(),
            _ => c.trend.steady.clone(),
        },
    }
}

/// A scale's line in the list; `None` for a scale without answers.
pub(crate) fn summary(
    c: &Content,
    scale: &ScaleRow,
    points: &[Point],
    today: NaiveDate,
) -> Option<ScalingScaleSummary> {
    let latest = points.last()?;
    let (title, question, anchors) = store::scale_texts(c, scale);
    Some(ScalingScaleSummary {
        scale_id: scale.id.clone(),
        template: scale.template.clone(),
        title,
        subject: scale.subject.clone(),
        question,
        scale_min: scale.min,
        scale_max: scale.max,
        anchors,
        latest_value: latest.value,
        latest_date: clock::fmt_date(latest.date),
        latest_date_label: clock::short_label(latest.date),
        entry_count: points.len() as u32,
        trend: trend(c, points, today),
    })
}

fn series_id(scale: &ScaleRow) -> String {
    if scale.template == "checkin" {
        "scaling-checkin".into()
    } else {
        format!("scaling-{}", scale.id)
    }
}

/// One point per day from `from` to `to`, the day's latest value, `None` where none.
/// `days` is in day order, one value a day, as [`day_values`] gives it.
pub(crate) fn daily_series(
    c: &Content,
    scale: &ScaleRow,
    days: &[(NaiveDate, i32)],
    from: NaiveDate,
    to: NaiveDate,
) -> ChartSeries {
    let mut points = vec![];
    let mut d = from;
    while d <= to {
        points.push(ChartPoint {
            date: clock::fmt_date(d),
            label: clock::short_label(d),
            value: days
                .binary_search_by_key(&d, |(day, _)| *day)
                .ok()
                .map(|i| days[i].1 as f64),
        });
        d += Duration::days(1);
    }
    crate::chart::SeriesParts {
        id: series_id(scale),
        label: c.trend.checkin_chart.clone(),
        axis_min: scale.min as f64,
        axis_max: scale.max as f64,
        points,
    }
    .finish()
}

/// One point per answer, the last [`CHART_ENTRIES`], oldest first. Rulers and custom scales
/// are answered now and then rather than daily, so a day grid would be mostly gaps.
pub(crate) fn entry_series(c: &Content, scale: &ScaleRow, points: &[Point]) -> ChartSeries {
    let start = points.len().saturating_sub(CHART_ENTRIES);
    crate::chart::SeriesParts {
        id: series_id(scale),
        label: c.trend.entries_chart.clone(),
        axis_min: scale.min as f64,
        axis_max: scale.max as f64,
        points: points[start..]
            .iter()
            .map(|p| ChartPoint {
                date: clock::fmt_date(p.date),
                label: clock::short_label(p.date),
                value: Some(p.value as f64),
            })
            .collect(),
    }
    .finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        clock::parse_date("d", s).unwrap()
    }

    fn pts(v: &[(&str, i32)]) -> Vec<Point> {
        v.iter()
            .enumerate()
            .map(|(i, (date, value))| Point {
                value: *value,
                date: d(date),
                utc_ms: i as i64,
            })
            .collect()
    }

    #[test]
    fn latest_of_the_day_wins() {
        let p = pts(&[("2026-03-01", 2), ("2026-03-01", 7), ("2026-03-02", 5)]);
        assert_eq!(
            day_values(&p),
            vec![(d("2026-03-01"), 7), (d("2026-03-02"), 5)]
        );
    }

    #[test]
    fn directions() {
        let days = |v: &[i32]| -> Vec<(NaiveDate, i32)> {
            v.iter()
                .enumerate()
                .map(|(i, x)| (d("2026-01-01") + Duration::days(i as i64), *x))
                .collect()
        };
        assert_eq!(direction(&days(&[5])), "steady");
        assert_eq!(direction(&days(&[])), "steady");
        assert_eq!(direction(&days(&[4, 6])), "up");
        assert_eq!(direction(&days(&[6, 4])), "down");
        assert_eq!(direction(&days(&[5, 5, 5, 5, 6, 5])), "steady");
        // A recent turn shows even after a long rise.
        assert_eq!(direction(&days(&[1, 2, 3, 8, 8, 8, 4, 4, 4])), "down");
        assert_eq!(direction(&days(&[2, 2, 2, 3, 3, 3])), "up");
    }

    #[test]
    fn trend_numbers() {
        let c = super::super::content::content().unwrap();
        let today = d("2026-03-31");
        let p = pts(&[
            ("2026-02-01", 2),
            ("2026-03-10", 4),
            ("2026-03-26", 6),
            ("2026-03-31", 3),
            ("2026-03-31", 8),
        ]);
        let t = trend(c, &p, today);
        assert_eq!(t.change_since_first, 6);
        // 7 days: 26th (6) and 31st (8, the day's latest).
        assert_eq!(t.average_7_days, Some(7.0));
        // 30 days: 10th, 26th, 31st.
        assert_eq!(t.average_30_days, Some(6.0));
        assert_eq!(t.direction, "up");
        assert_eq!(t.direction_label, "Going up");
        let old = trend(c, &pts(&[("2025-01-01", 5)]), today);
        assert_eq!(old.average_7_days, None);
        assert_eq!(old.average_30_days, None);
        assert_eq!(old.change_since_first, 0);
    }

    #[test]
    fn series_shapes() {
        let c = super::super::content::content().unwrap();
        let scale = store::check_in_scale_shape(c);
        let days = vec![(d("2026-03-02"), 6)];
        let s = daily_series(c, &scale, &days, d("2026-03-01"), d("2026-03-03"));
        assert_eq!(s.id, "scaling-checkin");
        assert_eq!((s.axis_min, s.axis_max), (0.0, 10.0));
        let v: Vec<_> = s.points.iter().map(|p| p.value).collect();
        assert_eq!(v, vec![None, Some(6.0), None]);
        assert_eq!(s.points[1].label, "Mon 2 Mar");
        let many: Vec<Point> = (0..40)
            .map(|i| Point {
                value: i % 11,
                date: d("2026-01-01") + Duration::days(i as i64),
                utc_ms: i as i64,
            })
            .collect();
        let s = entry_series(c, &scale, &many);
        assert_eq!(s.points.len(), CHART_ENTRIES);
        assert_eq!(s.points.last().unwrap().date, "2026-02-09");
    }
}
