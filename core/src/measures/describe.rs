//! A score put into words without diagnosing, with the PHQ-9 item 9 flag raised whatever
//! the total.

use crate::clock::Moment;
use crate::crisis::SafetyFlag;
use crate::error::{Error, Result};
use crate::ids::Profile;

use super::content::{Content, MeasureContent};
use super::scoring::{self, Kind, Score};
use super::types::*;

/// What a score says, in words.
pub(super) struct Described {
    pub(super) band_label: Option<String>,
    pub(super) score_text: String,
    pub(super) headline: String,
    pub(super) subscores: Vec<MeasureSubscore>,
    pub(super) flags: Vec<SafetyFlag>,
    pub(super) advice: Vec<String>,
}

pub(super) fn item9_flag(c: &Content) -> SafetyFlag {
    SafetyFlag {
        code: crate::ids::SafetyFlagCode::Phq9Item9,
        title: c.text("item9_flag_title", &[]),
        detail: c.text("item9_flag_detail", &[]),
        show_help_now: true,
    }
}

pub(super) fn describe(c: &Content, s: &Score) -> Result<Described> {
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

/// A scored administration put into words; its safety notice as `profile` sees it (a young
/// person's lists their services first and says to tell a trusted adult).
pub(super) fn result_of(
    c: &Content,
    s: &Score,
    id: String,
    at: &Moment,
    profile: Profile,
) -> Result<MeasureResult> {
    let m = c.measure(s.kind)?;
    let d = describe(c, s)?;
    Ok(MeasureResult {
        safety: crate::crisis::notice_for(&d.flags, crate::crisis::Audience::Person, profile),
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

pub(super) fn bands_of(kind: Kind, m: &MeasureContent) -> Vec<MeasureBandInfo> {
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

pub(super) fn info_of(c: &Content, kind: Kind) -> Result<MeasureInfo> {
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
