//! The history chart, the thresholds drawn on it, and whether a measure is due.

use chrono::{Duration, NaiveDate};
use rusqlite::Connection;

use crate::chart::{ChartPoint, ChartSeries};
use crate::clock::{self};
use crate::error::Result;

use super::change;
use super::content::{content, Content, MeasureContent};
use super::scoring::{self, Kind};
use super::store::*;
use super::types::*;

pub(super) fn chart_of(
    kind: Kind,
    m: &MeasureContent,
    newest: &[MeasureResult],
) -> Vec<ChartSeries> {
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

pub(super) fn thresholds_of(c: &Content, kind: Kind, m: &MeasureContent) -> Vec<MeasureThreshold> {
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

pub(super) fn notes_of(c: &Content, kind: Kind) -> Vec<String> {
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

pub(super) fn status_of(conn: &Connection, kind: Kind, today: NaiveDate) -> Result<MeasureStatus> {
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
