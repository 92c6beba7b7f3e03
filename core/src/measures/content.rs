//! The measures' wording: items, anchors, band labels, licence lines and the sentences built
//! around a score. It comes from `content/<language>/measures.json`, parsed once.
//!
//! Only words live there; every threshold is in `scoring.rs`, so a second language is a new
//! folder with the same ids and needs no code change. Each text names its source key.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use super::scoring::Kind;
use crate::error::{Error, Result};
use crate::flow::ScaleAnchor;

// Sources and confidence are checked by the content tests and kept for exports.
crate::content::words_record! {
    #[allow(dead_code)]
    #[derive(Debug)]
    pub(crate) struct Sourced {
        pub text: String,
        pub source: String,
        pub confidence: Option<String>,
    }
}

#[derive(Debug, Deserialize)]
pub(crate) struct ItemContent {
    pub id: String,
    pub short: String,
    pub text: String,
    pub source: String,
    /// Item-specific end labels (ONS4 names the feeling at each end).
    #[serde(default)]
    pub anchors: Option<Vec<ScaleAnchor>>,
}

// Sources and confidence are checked by the content tests and kept for exports.
crate::content::words_record! {
    #[allow(dead_code)]
    #[derive(Debug)]
    pub(crate) struct BandContent {
        pub id: String,
        pub label: String,
        pub source: String,
    }
}

#[derive(Debug, Deserialize)]
pub(crate) struct MeasureContent {
    pub id: String,
    pub title: String,
    pub name: String,
    pub about: String,
    pub instructions: String,
    pub stem: String,
    pub anchors: Vec<ScaleAnchor>,
    pub items: Vec<ItemContent>,
    pub bands: Vec<BandContent>,
    pub licence: Sourced,
    pub copyright: Option<Sourced>,
    pub registration: Option<Sourced>,
    pub source: String,
    pub confidence: String,
}

// Sources and confidence are checked by the content tests and kept for exports.
#[allow(dead_code)]
#[derive(Debug, Deserialize)]
pub(crate) struct Content {
    pub language: String,
    pub version: u32,
    pub sources: BTreeMap<String, String>,
    pub texts: BTreeMap<String, Sourced>,
    pub measures: Vec<MeasureContent>,
}

/// The content, parsed once. A parse failure is a build defect (the content test catches
/// it), reported as an error rather than a panic.
pub(crate) fn content() -> Result<&'static Content> {
    static PARSED: OnceLock<std::result::Result<Content, String>> = OnceLock::new();
    Ok(crate::content::parsed(
        &PARSED,
        crate::content::en_gb::MEASURES,
        "measures",
    )?)
}

impl Content {
    pub fn measure(&self, kind: Kind) -> Result<&MeasureContent> {
        self.measures
            .iter()
            .find(|m| m.id == kind.id())
            .ok_or_else(|| Error::content_bug("measures content lacks a measure"))
    }

    /// A sentence with `{name}` placeholders filled in.
    pub fn text(&self, key: &str, vars: &[(&str, String)]) -> String {
        let mut s = self
            .texts
            .get(key)
            .map(|t| t.text.clone())
            .unwrap_or_else(|| key.to_string());
        for (k, v) in vars {
            s = s.replace(&format!("{{{k}}}"), v);
        }
        s
    }
}

impl MeasureContent {
    pub fn band_label(&self, id: &str) -> String {
        self.bands
            .iter()
            .find(|b| b.id == id)
            .map(|b| b.label.clone())
            .unwrap_or_else(|| id.to_string())
    }

    /// The anchor labels shown for item `index`.
    pub fn item_anchors(&self, index: usize) -> Vec<ScaleAnchor> {
        self.items
            .get(index)
            .and_then(|i| i.anchors.clone())
            .unwrap_or_else(|| self.anchors.clone())
    }

    /// The label of answer `value` ("2 – More than half the days"), or the number alone.
    pub fn answer_label(&self, index: usize, value: i32) -> String {
        match self
            .item_anchors(index)
            .into_iter()
            .find(|a| a.value == value)
        {
            Some(a) => format!("{value} – {}", a.label),
            None => value.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::measures::scoring::{self, ALL};

    /// Every text key the code asks for.
    const KEYS: &[&str] = &[
        "not_diagnostic",
        "talk_to_practitioner",
        "total_headline",
        "higher_means_more",
        "ons4_headline",
        "ons4_item_line",
        "swemwbs_headline",
        "swemwbs_no_bands",
        "swemwbs_population",
        "swemwbs_change",
        "item9_flag_title",
        "item9_flag_detail",
        "reference_mean_men",
        "reference_mean_women",
        "caseness_line",
        "change_improved",
        "change_deteriorated",
        "change_none",
        "recovery_recovered",
        "recovery_not_recovered",
        "recovery_excluded",
        "paired_rule_note",
        "change_talk",
    ];

    fn sources_known(c: &Content, s: &str) {
        for key in s
            .split([',', ' ', ';', '(', ')'])
            .filter(|k| !k.is_empty() && k.chars().next().is_some_and(|ch| ch.is_ascii_uppercase()))
        {
            if key
                .chars()
                .all(|ch| ch.is_ascii_uppercase() || ch.is_ascii_digit() || ch == '-')
            {
                assert!(c.sources.contains_key(key), "unknown source key {key}");
            }
        }
        assert!(!s.trim().is_empty());
    }

    #[test]
    fn content_is_complete_and_sourced() {
        let c = content().unwrap();
        assert_eq!(c.language, "en-GB");
        for k in KEYS {
            let t = c
                .texts
                .get(*k)
                .unwrap_or_else(|| panic!("missing text {k}"));
            assert!(!t.text.trim().is_empty());
            sources_known(c, &t.source);
        }
        for t in c.texts.values() {
            sources_known(c, &t.source);
            if let Some(conf) = &t.confidence {
                assert!(["H", "M", "L"].contains(&conf.as_str()));
            }
        }
        assert_eq!(c.measures.len(), ALL.len());
        for kind in ALL {
            let m = c.measure(kind).unwrap();
            assert_eq!(m.items.len(), kind.item_count(), "{}", m.id);
            for f in [
                &m.title,
                &m.name,
                &m.about,
                &m.instructions,
                &m.stem,
                &m.licence.text,
            ] {
                assert!(!f.trim().is_empty(), "{}", m.id);
            }
            sources_known(c, &m.source);
            sources_known(c, &m.licence.source);
            let (lo, hi) = kind.answer_range();
            assert_eq!(m.anchors.first().unwrap().value, lo, "{}", m.id);
            assert_eq!(m.anchors.last().unwrap().value, hi, "{}", m.id);
            let mut ids = vec![];
            for (i, item) in m.items.iter().enumerate() {
                assert!(!item.text.trim().is_empty() && !item.short.trim().is_empty());
                sources_known(c, &item.source);
                ids.push(item.id.clone());
                let a = m.item_anchors(i);
                assert_eq!(a.first().unwrap().value, lo);
                assert_eq!(a.last().unwrap().value, hi);
            }
            ids.sort();
            ids.dedup();
            assert_eq!(ids.len(), m.items.len(), "item ids unique in {}", m.id);
            // Every band id scoring can produce has a label, and no label is unused.
            let mut needed: Vec<&str> = kind.total_bands().iter().map(|b| b.id).collect();
            if kind == Kind::Ons4 {
                needed.extend(scoring::ONS4_POSITIVE_BANDS.iter().map(|b| b.id));
                needed.extend(scoring::ONS4_ANXIETY_BANDS.iter().map(|b| b.id));
            }
            for id in &needed {
                assert!(
                    m.bands.iter().any(|b| b.id == *id),
                    "{} lacks band {id}",
                    m.id
                );
            }
            for b in &m.bands {
                assert!(
                    needed.contains(&b.id.as_str()),
                    "{} has stray band {}",
                    m.id,
                    b.id
                );
                assert!(!b.label.trim().is_empty());
                sources_known(c, &b.source);
            }
        }
    }

    #[test]
    fn published_wording_is_exact() {
        let c = content().unwrap();
        let phq = c.measure(Kind::Phq9).unwrap();
        assert!(phq
            .stem
            .starts_with("Over the last 2 weeks, how often have you been bothered by"));
        let labels: Vec<&str> = phq.anchors.iter().map(|a| a.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "Not at all",
                "Several days",
                "More than half the days",
                "Nearly every day"
            ]
        );
        assert_eq!(
            phq.items[8].text,
            "Thoughts that you would be better off dead or of hurting yourself in some way"
        );
        assert_eq!(
            phq.items[0].text,
            "Little interest or pleasure in doing things"
        );
        let gad = c.measure(Kind::Gad7).unwrap();
        assert_eq!(
            gad.items[6].text,
            "Feeling afraid as if something awful might happen"
        );
        let ons = c.measure(Kind::Ons4).unwrap();
        let texts: Vec<&str> = ons.items.iter().map(|i| i.text.as_str()).collect();
        assert_eq!(
            texts[0],
            "Overall, how satisfied are you with your life nowadays?"
        );
        assert_eq!(
            texts[1],
            "Overall, to what extent do you feel that the things you do in your life are worthwhile?"
        );
        assert_eq!(texts[2], "Overall, how happy did you feel yesterday?");
        assert!(texts[3].ends_with("overall, how anxious did you feel yesterday?"));
        for i in 0..4 {
            let a = ons.item_anchors(i);
            assert!(a[0].label.starts_with("Not at all"));
            assert!(a[1].label.starts_with("Completely"));
        }
        assert!(ons.licence.text.contains("Crown copyright"));
        assert!(ons.licence.text.contains("Open Government Licence"));
        assert!(ons.licence.text.contains("Office for National Statistics"));
        let sw = c.measure(Kind::Swemwbs).unwrap();
        let texts: Vec<&str> = sw.items.iter().map(|i| i.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "I've been feeling optimistic about the future",
                "I've been feeling useful",
                "I've been feeling relaxed",
                "I've been dealing with problems well",
                "I've been thinking clearly",
                "I've been feeling close to other people",
                "I've been able to make up my own mind about things",
            ]
        );
        let labels: Vec<&str> = sw.anchors.iter().map(|a| a.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "None of the time",
                "Rarely",
                "Some of the time",
                "Often",
                "All of the time"
            ]
        );
        assert_eq!(
            sw.copyright.as_ref().unwrap().text,
            "Short Warwick Edinburgh Mental Wellbeing Scale (SWEMWBS) © NHS Health Scotland, University of Warwick and University of Edinburgh, 2008, all rights reserved."
        );
        assert!(sw.registration.is_some());
        for k in [Kind::Phq9, Kind::Gad7] {
            let m = c.measure(k).unwrap();
            assert!(m.licence.text.contains("Pfizer") && m.licence.text.contains("no permission"));
            assert!(m.copyright.is_none() && m.registration.is_none());
        }
    }

    #[test]
    fn templates_fill_and_unknown_keys_fall_back() {
        let c = content().unwrap();
        let s = c.text(
            "total_headline",
            &[
                ("total", "12".into()),
                ("max", "27".into()),
                ("band", "moderate".into()),
            ],
        );
        assert_eq!(
            s,
            "Your score is 12 out of 27, which is in the moderate range."
        );
        assert_eq!(c.text("no-such-key", &[]), "no-such-key");
    }
}
