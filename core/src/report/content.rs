//! The report's wording, from `content/en-GB/report.json` (every text with its source).

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::error::Result;

crate::content::words_record! {
    #[derive(Debug)]
    struct Entry {
        text: String,
        /// Read by the content test: every text names where it comes from.
        #[allow(dead_code)]
        source: String,
    }
}

#[derive(Debug, Deserialize)]
pub(crate) struct Content {
    #[allow(dead_code)]
    locale: String,
    texts: HashMap<String, Entry>,
}

/// Every key the code uses: the content test checks each is present and sourced.
#[cfg(test)]
pub(crate) const KEYS: &[&str] = &[
    "document_title",
    "heading",
    "period",
    "not_diagnosis",
    "private",
    "safety_title",
    "safety_none",
    "safety_flag_line",
    "safety_flag_phq9-item9",
    "safety_flag_scaling-lowest",
    "safety_plan_yes",
    "safety_plan_no",
    "help_now",
    "checkins_title",
    "checkins_summary",
    "checkins_none",
    "five_ways_title",
    "five_ways_summary",
    "five_ways_summary_one",
    "five_ways_chart",
    "five_ways_none",
    "measures_title",
    "measures_none",
    "measures_note",
    "measures_col_date",
    "measures_col_score",
    "measures_col_range",
    "change_improvement",
    "change_none",
    "change_deterioration",
    "change_recovered",
    "change_not_recovered",
    "change_label",
    "worksheets_title",
    "worksheets_none",
    "worksheets_short",
    "five_areas_kind",
    "change_chosen",
    "scales_title",
    "scales_none",
    "scales_line",
    "scales_line_one",
    "received_title",
    "received_line",
    "chart_values",
    "chart_line_desc",
    "chart_line_empty",
    "chart_bar_desc",
    "col_date",
    "col_value",
    "col_category",
    "col_count",
    "full_situation",
    "full_thoughts",
    "full_feelings",
    "full_body",
    "full_behaviour",
    "full_what_happened",
    "full_next_step",
    "thought_record_kind",
    "styles_noticed",
    "feelings_rated",
    "balanced_written",
    "full_thought",
    "full_evidence_for",
    "full_evidence_against",
    "full_balanced",
];

pub(crate) fn content() -> Result<&'static Content> {
    static C: OnceLock<std::result::Result<Content, String>> = OnceLock::new();
    Ok(crate::content::parsed(
        &C,
        crate::content::en_gb::REPORT,
        "report",
    )?)
}

impl Content {
    /// The text under `key` with each `{name}` replaced.
    /// Whether the content has `key` (for texts chosen by a code, with a general fallback).
    pub(crate) fn has(&self, key: &str) -> bool {
        self.texts.contains_key(key)
    }

    pub(crate) fn t(&self, key: &str, vars: &[(&str, &str)]) -> String {
        let mut s = self
            .texts
            .get(key)
            .map(|e| e.text.clone())
            .unwrap_or_else(|| key.to_string());
        for (k, v) in vars {
            s = s.replace(&format!("{{{k}}}"), v);
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_present_worded_and_sourced() {
        let c = content().unwrap();
        for k in KEYS {
            let e = c.texts.get(*k).unwrap_or_else(|| panic!("missing {k}"));
            assert!(!e.text.trim().is_empty(), "{k} has no text");
            assert!(!e.source.trim().is_empty(), "{k} has no source");
        }
        for k in c.texts.keys() {
            assert!(KEYS.contains(&k.as_str()), "{k} is not used");
        }
    }

    #[test]
    fn placeholders_are_filled() {
        let c = content().unwrap();
        assert_eq!(
            c.t(
                "received_line",
                &[("date", "Mon 3 Nov"), ("title", "Five Areas")]
            ),
            "Received on Mon 3 Nov: Five Areas"
        );
    }

    #[test]
    fn no_diagnostic_wording() {
        let c = content().unwrap();
        for (k, e) in &c.texts {
            let t = e.text.to_lowercase();
            for bad in [
                "you have depression",
                "you have anxiety",
                "diagnosed with",
                "disorder",
            ] {
                assert!(!t.contains(bad), "{k} says {bad}");
            }
        }
    }
}
