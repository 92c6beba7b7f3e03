//! What each tool recorded in the period, collected through the tools' own view functions
//! (so their wording, bands and change rules are used, never recomputed here), then laid out
//! as report sections.
//!
//! Calls on `WellbeingStore` take the store's lock themselves, so they are made one after the
//! other, never from inside a `read` closure.

use super::content::Content;
use super::svg::num;
use super::{Period, ReportChart, ReportChartKind, ReportEntry, ReportSection, ReportTable};
use crate::chart::{ChartPoint, ChartSeries};
use crate::clock::{fmt_date, parse_date, short_label};
use crate::crisis::SafetyFlag;
use crate::error::{ApiResult, Result};
use crate::five_ways::FiveWaysWayCount;
use crate::handoff::ImportedHandoff;
use crate::ids::MeasureId;
use crate::measures::{
    MeasureChange, MeasureChangeDirection, MeasureRecoveryStatus, MeasureResult,
};
use crate::store::WellbeingStore;

/// Crisis services named on the summary, most urgent first.
const HELP_IDS: &[&str] = &["emergency", "samaritans", "nhs-111-mental-health", "shout"];

pub(crate) struct MeasureBlock {
    pub title: String,
    pub results: Vec<MeasureResult>,
    pub change: Option<MeasureChange>,
    pub series: Vec<ChartSeries>,
}

pub(crate) struct ScaleBlock {
    pub title: String,
    pub max: i32,
    pub series: ChartSeries,
}

pub(crate) struct Worksheet {
    pub date: String,
    pub kind: String,
    pub title: String,
    pub lines: Vec<String>,
}

pub(crate) struct Data {
    pub period: Period,
    pub full_text: bool,
    /// (local date, flag), oldest first.
    pub flags: Vec<(String, SafetyFlag)>,
    pub plan_updated: Option<String>,
    pub help: Vec<String>,
    pub checkins: ChartSeries,
    pub five_ways: Vec<FiveWaysWayCount>,
    pub five_ways_total: u32,
    pub measures: Vec<MeasureBlock>,
    pub worksheets: Vec<Worksheet>,
    pub scales: Vec<ScaleBlock>,
    pub received: Vec<ImportedHandoff>,
    /// My connections, once a map or plan exists.
    pub connections: Option<ReportSection>,
}

fn label_of(date: &str) -> String {
    parse_date("date", date)
        .map(short_label)
        .unwrap_or_else(|_| date.to_string())
}

fn measures(c: &WellbeingStore, p: Period) -> ApiResult<Vec<MeasureBlock>> {
    let results = c.measure_results_between(p.from, p.to, c.profile_or_adult())?;
    let mut order: Vec<MeasureId> = vec![];
    for r in &results {
        if !order.contains(&r.measure) {
            order.push(r.measure);
        }
    }
    let mut out = vec![];
    for m in order {
        let rs: Vec<MeasureResult> = results.iter().filter(|r| r.measure == m).cloned().collect();
        let (first, last) = match (rs.first(), rs.last()) {
            (Some(f), Some(l)) => (f, l),
            _ => continue,
        };
        // The Talking Therapies change rules apply to PHQ-9 and GAD-7 totals only.
        let change = if rs.len() >= 2 && matches!(m, MeasureId::Phq9 | MeasureId::Gad7) {
            c.measure_change(first.id.clone(), last.id.clone()).ok()
        } else {
            None
        };
        let point = |r: &MeasureResult, v: Option<f64>| ChartPoint {
            date: r.date.clone(),
            label: label_of(&r.date),
            value: v,
        };
        let series = if first.total.is_some() || first.metric.is_some() {
            let (min, max) = if first.metric.is_some() {
                (7.0, 35.0)
            } else {
                (0.0, first.total_max.unwrap_or(27) as f64)
            };
            vec![crate::chart::SeriesParts {
                id: format!("{m}-total"),
                label: first.title.clone(),
                axis_min: min,
                axis_max: max,
                points: rs
                    .iter()
                    .map(|r| point(r, r.metric.or(r.total.map(f64::from))))
                    .collect(),
            }
            .finish()]
        } else {
            // Scored item by item (ONS4): one line per item on the same 0–10 axis.
            first
                .subscores
                .iter()
                .map(|s| {
                    crate::chart::SeriesParts {
                        id: format!("{m}-{}", s.item_id),
                        label: s.label.clone(),
                        axis_min: 0.0,
                        axis_max: 10.0,
                        points: rs
                            .iter()
                            .map(|r| {
                                let v = r
                                    .subscores
                                    .iter()
                                    .find(|x| x.item_id == s.item_id)
                                    .map(|x| x.value as f64);
                                point(r, v)
                            })
                            .collect(),
                    }
                    .finish()
                })
                .collect()
        };
        out.push(MeasureBlock {
            title: first.title.clone(),
            change,
            series,
            results: rs,
        });
    }
    Ok(out)
}

fn worksheets(c: &WellbeingStore, p: Period, full: bool) -> ApiResult<Vec<Worksheet>> {
    let mut out = vec![];
    let t = super::content::content()?;
    let kind = t.t("five_areas_kind", &[]);
    let line = |key: &str, text: &str| t.t(key, &[("text", text)]);
    let (from, to) = (fmt_date(p.from), fmt_date(p.to));
    let items = c.read(|conn| crate::five_areas::finished_between(conn, &from, &to))?;
    {
        for item in items {
            let mut lines = vec![];
            let sheet = if full {
                Some(c.five_areas_get(item.id.clone())?)
            } else {
                None
            };
            if let Some(w) = &sheet {
                if let Some(s) = &w.situation {
                    lines.push(line("full_situation", s));
                }
                if !w.thoughts.is_empty() {
                    lines.push(line("full_thoughts", &w.thoughts.join("; ")));
                }
                if !w.feelings.is_empty() {
                    let f: Vec<String> = w
                        .feelings
                        .iter()
                        .map(|f| format!("{} {}/100", f.name, f.intensity))
                        .collect();
                    lines.push(line("full_feelings", &f.join("; ")));
                }
                if !w.physical.is_empty() {
                    lines.push(line("full_body", &w.physical.join("; ")));
                }
                if !w.behaviour.is_empty() {
                    lines.push(line("full_behaviour", &w.behaviour.join("; ")));
                }
            }
            if let Some(ch) = &item.change_label {
                lines.push(ch.clone());
            }
            if let Some(r) = &item.review_label {
                lines.push(r.clone());
            }
            if let Some(r) = sheet.and_then(|w| w.review) {
                if let Some(h) = r.what_happened {
                    lines.push(line("full_what_happened", &h));
                }
                if let Some(n) = r.next_step {
                    lines.push(line("full_next_step", &n));
                }
            }
            out.push(Worksheet {
                date: item.date.clone(),
                kind: kind.clone(),
                title: item.title.clone(),
                lines,
            });
        }
    }
    out.extend(thought_records(c, p, full)?);
    out.sort_by(|a, b| a.date.cmp(&b.date));
    Ok(out)
}

/// Thought records: by default the styles noticed and how strong the feelings were before
/// and after (the thought itself is the person's own words, shown only in full text).
fn thought_records(c: &WellbeingStore, p: Period, full: bool) -> ApiResult<Vec<Worksheet>> {
    let t = super::content::content()?;
    let kind = t.t("thought_record_kind", &[]);
    let line = |key: &str, text: &str| t.t(key, &[("text", text)]);
    let mut out = vec![];
    let (from, to) = (fmt_date(p.from), fmt_date(p.to));
    let items = c.read(|conn| crate::thinking_styles::items_between(conn, &from, &to))?;
    {
        for item in items {
            let mut lines = vec![];
            if full {
                let r = c.thought_record_get(item.id.clone())?;
                lines.push(line("full_situation", &r.situation));
                lines.push(line("full_thought", &r.thought));
                if !r.evidence_for.is_empty() {
                    lines.push(line("full_evidence_for", &r.evidence_for.join("; ")));
                }
                if !r.evidence_against.is_empty() {
                    lines.push(line(
                        "full_evidence_against",
                        &r.evidence_against.join("; "),
                    ));
                }
                if let Some(b) = &r.balanced_thought {
                    lines.push(line("full_balanced", b));
                }
            } else if item.has_balanced_thought {
                lines.push(t.t("balanced_written", &[]));
            }
            if !item.style_names.is_empty() {
                lines.push(line("styles_noticed", &item.style_names.join(", ")));
            }
            if !item.emotion_lines.is_empty() {
                lines.push(line("feelings_rated", &item.emotion_lines.join("; ")));
            }
            let title = if item.style_names.is_empty() {
                item.date_label.clone()
            } else {
                item.style_names.join(", ")
            };
            out.push(Worksheet {
                date: item.date.clone(),
                kind: kind.clone(),
                title,
                lines,
            });
        }
    }
    Ok(out)
}

fn scales(c: &WellbeingStore, p: Period) -> ApiResult<Vec<ScaleBlock>> {
    let mut out = vec![];
    let (from, to) = (fmt_date(p.from), fmt_date(p.to));
    for (title, s, entries) in c.read(|conn| crate::scaling::scales_between(conn, &from, &to))? {
        let title = match &s.subject {
            Some(sub) => format!("{title}: {sub}"),
            None => title,
        };
        out.push(ScaleBlock {
            series: crate::chart::SeriesParts {
                id: format!("scale-{}", s.id),
                label: title.clone(),
                axis_min: s.min as f64,
                axis_max: s.max as f64,
                points: entries
                    .iter()
                    .map(|e| ChartPoint {
                        date: e.date.clone(),
                        label: label_of(&e.date),
                        value: Some(e.value as f64),
                    })
                    .collect(),
            }
            .finish(),
            title,
            max: s.max,
        });
    }
    Ok(out)
}

fn help_lines() -> Vec<String> {
    let all = crate::crisis::crisis_contacts();
    let mut chosen: Vec<_> = HELP_IDS
        .iter()
        .filter_map(|id| all.iter().find(|c| c.id == *id))
        .collect();
    if chosen.is_empty() {
        chosen = all.iter().take(3).collect();
    }
    chosen
        .into_iter()
        .filter_map(|c| {
            c.ways
                .first()
                .map(|w| format!("{}: {} ({})", c.name, w.label, c.when))
        })
        .collect()
}

/// Everything the summary shows for `p`.
pub(crate) fn gather(c: &WellbeingStore, p: Period, full_text: bool) -> ApiResult<Data> {
    let measures = measures(c, p)?;
    let mut flags: Vec<(String, SafetyFlag)> = measures
        .iter()
        .flat_map(|m| {
            m.results
                .iter()
                .flat_map(|r| r.flags.iter().map(|f| (r.date.clone(), f.clone())))
        })
        .collect();
    let (five_ways, five_ways_total) =
        c.read(|conn| crate::five_ways::views::tally(conn, p.from, p.to))?;
    let received = c.read(|conn| {
        let profile = crate::profile::load_or_adult(conn);
        crate::handoff::received_between(conn, &fmt_date(p.from), &fmt_date(p.to), profile)
    })?;
    for r in &received {
        for f in &r.summary.flags {
            flags.push((r.made_on.clone(), f.clone()));
        }
    }
    flags.sort_by(|a, b| a.0.cmp(&b.0));
    let plan = c.safety_plan()?;
    Ok(Data {
        period: p,
        full_text,
        flags,
        plan_updated: if plan.is_empty { None } else { plan.updated },
        help: help_lines(),
        checkins: c.scaling_check_in_series(p.from, p.to)?,
        five_ways,
        five_ways_total,
        measures,
        worksheets: worksheets(c, p, full_text)?,
        scales: scales(c, p)?,
        received,
        connections: crate::connections::report_section(c, p.to, full_text)?
            .map(connections_section),
    })
}

// ---------------------------------------------------------------------------------------
// Sections
// ---------------------------------------------------------------------------------------

fn section(id: &str, title: String) -> ReportSection {
    ReportSection {
        id: id.into(),
        title,
        lines: vec![],
        charts: vec![],
        tables: vec![],
        entries: vec![],
        empty: false,
    }
}

/// The words under a line chart: how much was recorded and its range.
pub(crate) fn line_description(c: &Content, s: &ChartSeries) -> String {
    let recorded: Vec<(&ChartPoint, f64)> = s
        .points
        .iter()
        .filter_map(|p| p.value.map(|v| (p, v)))
        .collect();
    match (recorded.first(), recorded.last()) {
        (Some(first), Some(last)) => {
            let low = recorded.iter().map(|x| x.1).fold(f64::INFINITY, f64::min);
            let high = recorded
                .iter()
                .map(|x| x.1)
                .fold(f64::NEG_INFINITY, f64::max);
            c.t(
                "chart_line_desc",
                &[
                    ("label", &s.label),
                    ("recorded", &recorded.len().to_string()),
                    ("total", &s.points.len().to_string()),
                    ("first", &format!("{} ({})", num(first.1), first.0.label)),
                    ("last", &format!("{} ({})", num(last.1), last.0.label)),
                    ("low", &num(low)),
                    ("high", &num(high)),
                ],
            )
        }
        _ => c.t("chart_line_empty", &[("label", &s.label)]),
    }
}

fn line_chart(c: &Content, id: String, title: String, series: Vec<ChartSeries>) -> ReportChart {
    let description = series
        .iter()
        .map(|s| line_description(c, s))
        .collect::<Vec<_>>()
        .join(" ");
    ReportChart {
        id,
        kind: ReportChartKind::Line,
        title,
        description,
        series,
        svg: None,
    }
}

fn change_label(c: &Content, ch: &MeasureChange) -> String {
    let mut label = c.t(
        match ch.direction {
            MeasureChangeDirection::ReliableImprovement => "change_improvement",
            MeasureChangeDirection::NoReliableChange => "change_none",
            MeasureChangeDirection::ReliableDeterioration => "change_deterioration",
        },
        &[],
    );
    match ch.recovery {
        MeasureRecoveryStatus::Recovered => {
            label = format!("{label}; {}", c.t("change_recovered", &[]))
        }
        MeasureRecoveryStatus::NotRecovered => {
            label = format!("{label}; {}", c.t("change_not_recovered", &[]))
        }
        MeasureRecoveryStatus::ExcludedNotAtCaseness => {}
    }
    c.t(
        "change_label",
        &[
            ("start", &ch.start_total.to_string()),
            ("end", &ch.end_total.to_string()),
            ("label", &label),
        ],
    )
}

/// The sections in the order they are shown: safety first.
pub(crate) fn sections(c: &Content, d: &Data) -> Result<Vec<ReportSection>> {
    let mut out = vec![];

    let mut s = section("safety", c.t("safety_title", &[]));
    if d.flags.is_empty() {
        s.lines.push(c.t("safety_none", &[]));
    }
    for (date, f) in &d.flags {
        // The summary is the person's own words to a practitioner: each kind of flag has a
        // first-person line, not the app's wording (which speaks of its own screens).
        let key = format!("safety_flag_{}", f.code.as_str());
        let key = if c.has(&key) {
            key.as_str()
        } else {
            "safety_flag_line"
        };
        s.lines.push(c.t(
            key,
            &[
                ("date", &label_of(date)),
                ("title", f.title.trim_end_matches('.')),
            ],
        ));
    }
    s.lines.push(match &d.plan_updated {
        Some(u) => c.t("safety_plan_yes", &[("date", &label_of(u))]),
        None => c.t("safety_plan_no", &[]),
    });
    s.entries.push(ReportEntry {
        heading: c.t("help_now", &[]),
        lines: d.help.clone(),
    });
    out.push(s);

    let mut s = section("check-ins", c.t("checkins_title", &[]));
    let values: Vec<f64> = d.checkins.points.iter().filter_map(|p| p.value).collect();
    if values.is_empty() {
        s.empty = true;
        s.lines.push(c.t("checkins_none", &[]));
    } else {
        let avg = values.iter().sum::<f64>() / values.len() as f64;
        s.lines.push(c.t(
            "checkins_summary",
            &[
                ("days", &values.len().to_string()),
                ("total", &d.checkins.points.len().to_string()),
                ("average", &num(avg)),
                ("max", &num(d.checkins.axis_max)),
                (
                    "low",
                    &num(values.iter().cloned().fold(f64::INFINITY, f64::min)),
                ),
                (
                    "high",
                    &num(values.iter().cloned().fold(f64::NEG_INFINITY, f64::max)),
                ),
            ],
        ));
        s.charts.push(line_chart(
            c,
            "chart-check-ins".into(),
            d.checkins.label.clone(),
            vec![d.checkins.clone()],
        ));
    }
    out.push(s);

    let mut s = section("five-ways", c.t("five_ways_title", &[]));
    if d.five_ways_total == 0 {
        s.empty = true;
        s.lines.push(c.t("five_ways_none", &[]));
    } else {
        let touched = d.five_ways.iter().filter(|w| w.count > 0).count();
        s.lines.push(c.t(
            if d.five_ways_total == 1 {
                "five_ways_summary_one"
            } else {
                "five_ways_summary"
            },
            &[
                ("entries", &d.five_ways_total.to_string()),
                ("touched", &touched.to_string()),
            ],
        ));
        let top = d
            .five_ways
            .iter()
            .map(|w| w.count)
            .max()
            .unwrap_or(0)
            .max(5);
        let label = c.t("five_ways_chart", &[]);
        let series = crate::chart::SeriesParts {
            id: "five-ways-balance".into(),
            label: label.clone(),
            axis_min: 0.0,
            axis_max: top as f64,
            points: d
                .five_ways
                .iter()
                .map(|w| ChartPoint {
                    date: fmt_date(d.period.to),
                    label: w.title.clone(),
                    value: Some(w.count as f64),
                })
                .collect(),
        }
        .finish();
        let values = d
            .five_ways
            .iter()
            .map(|w| format!("{} {}", w.title, w.count))
            .collect::<Vec<_>>()
            .join(", ");
        s.charts.push(ReportChart {
            id: "chart-five-ways".into(),
            kind: ReportChartKind::Bar,
            title: label.clone(),
            description: c.t("chart_bar_desc", &[("label", &label), ("values", &values)]),
            series: vec![series],
            svg: None,
        });
    }
    out.push(s);

    let mut s = section("measures", c.t("measures_title", &[]));
    if d.measures.is_empty() {
        s.empty = true;
        s.lines.push(c.t("measures_none", &[]));
    } else {
        if d.measures.iter().any(|m| m.change.is_some()) {
            s.lines.push(c.t("measures_note", &[]));
        }
        for (i, m) in d.measures.iter().enumerate() {
            let mut lines = vec![];
            if let Some(ch) = &m.change {
                lines.push(change_label(c, ch));
                lines.extend(ch.lines.iter().cloned());
            }
            s.entries.push(ReportEntry {
                heading: m.title.clone(),
                lines,
            });
            s.tables.push(ReportTable {
                caption: m.title.clone(),
                headers: vec![
                    c.t("measures_col_date", &[]),
                    c.t("measures_col_score", &[]),
                    c.t("measures_col_range", &[]),
                ],
                rows: m
                    .results
                    .iter()
                    .map(|r| {
                        let score = if r.score_text.is_empty() {
                            r.subscores
                                .iter()
                                .map(|x| format!("{} {}", x.label, x.value))
                                .collect::<Vec<_>>()
                                .join("; ")
                        } else {
                            match r.total_max {
                                Some(max) if r.metric.is_none() => {
                                    format!("{} of {max}", r.score_text)
                                }
                                _ => r.score_text.clone(),
                            }
                        };
                        let range = r.band_label.clone().unwrap_or_else(|| {
                            r.subscores
                                .iter()
                                .map(|x| format!("{}: {}", x.label, x.band_label))
                                .collect::<Vec<_>>()
                                .join("; ")
                        });
                        vec![label_of(&r.date), score, range]
                    })
                    .collect(),
            });
            if m.results.len() >= 2 {
                s.charts.push(line_chart(
                    c,
                    format!("chart-measure-{i}"),
                    m.title.clone(),
                    m.series.clone(),
                ));
            }
        }
    }
    out.push(s);

    let mut s = section("worksheets", c.t("worksheets_title", &[]));
    if d.worksheets.is_empty() {
        s.empty = true;
        s.lines.push(c.t("worksheets_none", &[]));
    } else {
        if !d.full_text {
            s.lines.push(c.t("worksheets_short", &[]));
        }
        for w in &d.worksheets {
            s.entries.push(ReportEntry {
                heading: format!("{} · {} · {}", label_of(&w.date), w.kind, w.title),
                lines: w.lines.clone(),
            });
        }
    }
    out.push(s);

    if let Some(s) = &d.connections {
        out.push(s.clone());
    }

    let mut s = section("scales", c.t("scales_title", &[]));
    if d.scales.is_empty() {
        s.empty = true;
        s.lines.push(c.t("scales_none", &[]));
    }
    for (i, b) in d.scales.iter().enumerate() {
        let vals: Vec<f64> = b.series.points.iter().filter_map(|p| p.value).collect();
        let max = b.max.to_string();
        match vals.as_slice() {
            [] => continue,
            [one] => s.lines.push(c.t(
                "scales_line_one",
                &[("title", &b.title), ("value", &num(*one)), ("max", &max)],
            )),
            [first, .., last] => s.lines.push(c.t(
                "scales_line",
                &[
                    ("title", &b.title),
                    ("count", &vals.len().to_string()),
                    ("first", &num(*first)),
                    ("last", &num(*last)),
                    ("max", &max),
                ],
            )),
        }
        if vals.len() >= 2 {
            s.charts.push(line_chart(
                c,
                format!("chart-scale-{i}"),
                b.title.clone(),
                vec![b.series.clone()],
            ));
        }
    }
    out.push(s);

    if !d.received.is_empty() {
        let mut s = section("received", c.t("received_title", &[]));
        for r in &d.received {
            let date = r.received.split(' ').next().unwrap_or_default().to_string();
            let mut lines = vec![];
            if let Some(h) = &r.summary.headline {
                lines.push(h.clone());
            }
            if d.full_text {
                for i in &r.summary.items {
                    lines.push(format!("{}: {}", i.label, i.value));
                }
            }
            s.entries.push(ReportEntry {
                heading: c.t(
                    "received_line",
                    &[("date", &label_of(&date)), ("title", &r.title)],
                ),
                lines,
            });
        }
        out.push(s);
    }
    Ok(out)
}

/// My connections' parts put in the summary's shape.
fn connections_section(p: crate::connections::SectionParts) -> ReportSection {
    ReportSection {
        id: "connections".into(),
        title: p.title,
        lines: p.lines,
        charts: p
            .chart
            .into_iter()
            .map(|c| ReportChart {
                id: "chart-connections".into(),
                kind: ReportChartKind::Ecomap,
                title: c.title,
                description: c.description,
                series: c.series,
                svg: Some(c.svg),
            })
            .collect(),
        tables: vec![],
        entries: p
            .entries
            .into_iter()
            .map(|(heading, lines)| ReportEntry { heading, lines })
            .collect(),
        empty: false,
    }
}
