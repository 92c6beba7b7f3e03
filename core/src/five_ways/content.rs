//! The Five Ways content: the ways, their ideas, outcome labels and the flows' wording.
//!
//! Everything a person reads lives in `content/<locale>/five_ways.json`, not in code, so a
//! second language is a second folder plus one line in [`LOCALES`]. The file is compiled in at
//! build time and read once; a file that does not fit is caught by the tests here, never at run
//! time on a phone (the read falls back to an empty guide rather than panicking).

use crate::content::tree::Tree;
use std::sync::OnceLock;

use serde::Deserialize;

use super::{FiveWaysIdea, FiveWaysWay};
use crate::ids::WayId;

/// Embedded content files by locale. The first is the default.
static LOCALES: &[(&str, &Tree)] = &[("en-GB", &crate::content::en_gb::FIVE_WAYS)];

#[derive(Debug, Clone, Deserialize, Default)]
pub(crate) struct Content {
    /// The file's own locale tag, checked against its folder by the content test.
    #[allow(dead_code)]
    pub locale: String,
    pub about: Sourced,
    pub ways: Vec<FiveWaysWay>,
    pub outcomes: Vec<OutcomeText>,
    pub flows: FlowText,
}

crate::content::words_record! {
    #[derive(Debug, Clone, Default)]
    pub(crate) struct Sourced {
        pub text: String,
        /// Attribution, checked by the content test.
        #[allow(dead_code)]
        pub source: String,
    }
}

crate::content::words_record! {
    #[derive(Debug, Clone, Default)]
    pub(crate) struct OutcomeText {
        pub id: String,
        pub label: String,
        /// Attribution, checked by the content test.
        #[allow(dead_code)]
        pub source: String,
    }
}

crate::content::words_record! {
/// Wording of the guided flows. Every field is required, so a translation that misses one
/// fails the content test instead of showing a blank prompt.
#[derive(Debug, Clone, Default)]
pub(crate) struct FlowText {
    /// Attribution, checked by the content test.
    #[allow(dead_code)]
    pub source: String,
    pub log_title: String,
    pub log_summary: String,
    pub log_what_prompt: String,
    pub log_what_help: String,
    pub log_ways_prompt: String,
    pub log_ways_help: String,
    pub log_note_prompt: String,
    pub log_note_help: String,
    pub plan_title: String,
    pub plan_summary: String,
    pub plan_week_prompt: String,
    pub plan_this_week: String,
    pub plan_next_week: String,
    pub plan_intentions_prompt: String,
    pub plan_intentions_help: String,
    pub plan_way_help: String,
    pub plan_replaces: String,
    pub review_title: String,
    pub review_summary: String,
    pub review_outcome_prompt: String,
    pub review_intention_help: String,
    pub review_helped_prompt: String,
    pub review_helped_help: String,
    pub review_hindered_prompt: String,
    pub review_hindered_help: String,
    pub review_none: String,
    pub not_yet_this_week: String,
    pub all_five_this_week: String,
    pub advice_try: String,
    pub label_what: String,
    pub label_ways: String,
    pub label_note: String,
    pub logged_headline: String,
    pub plan_week_option: String,
    pub plan_way_question: String,
    pub plan_headline: String,
    pub plan_no_way: String,
    pub plan_advice: String,
    pub review_intention_question: String,
    pub review_headline: String,
    pub label_overall: String,
    pub label_helped: String,
    pub label_hindered: String,
    pub review_advice: String,
}}

/// Fills `{name}` placeholders in a content template.
pub(crate) fn fill(template: &str, pairs: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (k, v) in pairs {
        out = out.replace(&format!("{{{k}}}"), v);
    }
    out
}

fn parse(tree: &Tree) -> Result<Content, crate::content::tree::Error> {
    let mut c: Content = tree.deserialize()?;
    // Ideas are written under their way; each carries the way id so it can stand alone.
    for w in &mut c.ways {
        for i in &mut w.ideas {
            i.way_id = w.id;
            i.way_title = w.title.clone();
        }
    }
    Ok(c)
}

/// The content in use (the default locale).
pub(crate) fn content() -> &'static Content {
    static CELL: OnceLock<Content> = OnceLock::new();
    CELL.get_or_init(|| parse(LOCALES[0].1).unwrap_or_default())
}

/// The way with this id, if it is one of the five.
pub(crate) fn way(id: WayId) -> Option<&'static FiveWaysWay> {
    content().ways.iter().find(|w| w.id == id)
}

/// The title of a way id (the id itself if unknown, which only happens with old data).
pub(crate) fn way_title(id: WayId) -> String {
    way(id)
        .map(|w| w.title.clone())
        .unwrap_or_else(|| id.to_string())
}

/// Every idea, ways in canonical order, ideas in file order.
pub(crate) fn all_ideas() -> impl Iterator<Item = &'static FiveWaysIdea> {
    content().ways.iter().flat_map(|w| w.ideas.iter())
}

pub(crate) fn outcome_label(id: &str) -> String {
    content()
        .outcomes
        .iter()
        .find(|o| o.id == id)
        .map(|o| o.label.clone())
        .unwrap_or_else(|| id.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    #[allow(unused_imports)]
    use crate::{MeasureId, SafetyFlagCode, ToolGroup, ToolId, WayId};
    use std::collections::HashSet;

    #[test]
    fn every_locale_parses_and_is_complete() {
        for (locale, tree) in LOCALES {
            let c = parse(tree).unwrap_or_else(|e| panic!("{locale}: {e}"));
            assert_eq!(&c.locale, locale);
            assert!(!c.about.text.is_empty() && !c.about.source.is_empty());
            let ids: Vec<WayId> = c.ways.iter().map(|w| w.id).collect();
            assert_eq!(ids, WayId::ALL, "{locale}: the five ways in nef order");
            let mut idea_ids = HashSet::new();
            for w in &c.ways {
                for (what, v) in [
                    ("title", &w.title),
                    ("description", &w.description),
                    ("description_source", &w.description_source),
                    ("nef_phrase", &w.nef_phrase),
                    ("nef_source", &w.nef_source),
                    ("connect5_line", &w.connect5_line),
                    ("connect5_source", &w.connect5_source),
                ] {
                    assert!(!v.trim().is_empty(), "{locale} {}: {what}", w.id);
                }
                // nef is quoted only in short phrases, and always cited.
                assert!(w.nef_phrase.split_whitespace().count() <= 12, "{}", w.id);
                assert!(w.nef_source.contains("nef 2008"));
                assert!(w.connect5_source.contains("[C5]"));
                assert!(w.ideas.len() >= 6, "{}: at least six ideas", w.id);
                for i in &w.ideas {
                    assert_eq!(i.way_id, w.id, "{}", i.id);
                    assert!(i.id.starts_with(w.id.as_str()), "{}", i.id);
                    assert!(!i.text.trim().is_empty() && !i.source.trim().is_empty());
                    assert!(idea_ids.insert(i.id.clone()), "duplicate idea id {}", i.id);
                }
            }
            let outcomes: Vec<&str> = c.outcomes.iter().map(|o| o.id.as_str()).collect();
            assert_eq!(outcomes, ["done", "partly", "not"]);
            assert!(c
                .outcomes
                .iter()
                .all(|o| !o.label.is_empty() && !o.source.is_empty()));
            assert!(!c.flows.source.is_empty() && !c.flows.review_none.is_empty());
        }
    }

    #[test]
    fn connect5_one_liners_match_the_toolbox() {
        // CONTENT.md 1a, column 3 [C5]: quoted exactly.
        let lines: Vec<&str> = content()
            .ways
            .iter()
            .map(|w| w.connect5_line.as_str())
            .collect();
        assert_eq!(
            lines,
            [
                "Build bonds with people",
                "Choose things you'll enjoy",
                "Look around you; be aware of your surroundings and people",
                "Learn or rediscover skills",
                "Do something nice for others and yourself",
            ]
        );
    }

    #[test]
    fn lookups() {
        assert_eq!(way_title(WayId::TakeNotice), "Take notice");
        assert_eq!(outcome_label("partly"), "Partly");
        assert_eq!(
            all_ideas().count(),
            content().ways.iter().map(|w| w.ideas.len()).sum::<usize>()
        );
    }
}
