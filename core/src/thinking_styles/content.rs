//! The thinking styles catalogue and the thought record wording, read from the content file
//! of the language in use.

use super::*;
use crate::content::tree::Tree;
use crate::content::{StepText, ToolText};

// `source` fields document where wording comes from; only the content test reads them.
#[derive(Debug, Deserialize)]
#[cfg_attr(not(test), allow(dead_code))]
pub(super) struct Content {
    pub(super) sources: std::collections::BTreeMap<String, String>,
    pub(super) tool: ToolText,
    pub(super) suggestion: SuggestionText,
    /// The word lists the suggestion rules share (see `suggest.rs`).
    pub(super) rules: RulesText,
    pub(super) styles: Vec<StyleText>,
    pub(super) intro: StepText,
    pub(super) situation: StepText,
    pub(super) emotions: StepText,
    pub(super) intensity: IntensityText,
    pub(super) thought: StepText,
    pub(super) styles_step: StylesStepText,
    pub(super) evidence_for: StepText,
    pub(super) evidence_against: StepText,
    pub(super) balanced: BalancedText,
    pub(super) rerate: StepText,
    pub(super) labels: Labels,
}

crate::content::words_record! {
    #[derive(Debug)]
    #[cfg_attr(not(test), allow(dead_code))]
    pub(super) struct SuggestionText {
        /// With `{style}`, `{words}` and `{question}`.
        pub(super) wording: String,
        pub(super) words_joiner: String,
        pub(super) source: String,
    }
}

#[derive(Debug, Deserialize)]
pub(super) struct RulesText {
    /// Word classes, used in patterns as `@name`; each entry is a pattern choice (`go_wrong`,
    /// `fail*`).
    pub(super) classes: std::collections::BTreeMap<String, Vec<String>>,
    /// Text-speak and common misspellings, and the words they stand for.
    pub(super) spellings: std::collections::BTreeMap<String, String>,
    /// Words that negate what follows them in the same clause.
    pub(super) negators: Vec<String>,
    /// Small words a negation reaches across.
    pub(super) negation_skips: Vec<String>,
}

crate::content::words_record! {
    #[derive(Debug)]
    pub(super) struct StyleText {
        pub(super) id: String,
        pub(super) name: String,
        /// The name as it reads inside a sentence ("a ‘should’ statement").
        pub(super) in_sentence: String,
        pub(super) aliases: Vec<String>,
        pub(super) description: String,
        pub(super) example: String,
        pub(super) questions: Vec<String>,
        pub(super) patterns: Vec<String>,
        pub(super) exceptions: Vec<String>,
        pub(super) source: String,
    }
}

#[derive(Debug, Deserialize)]
#[cfg_attr(not(test), allow(dead_code))]
pub(super) struct IntensityText {
    pub(super) prompt: String,
    pub(super) help: String,
    pub(super) anchors: Vec<ScaleAnchor>,
    pub(super) source: String,
}

crate::content::words_record! {
    #[derive(Debug)]
    #[cfg_attr(not(test), allow(dead_code))]
    pub(super) struct StylesStepText {
        pub(super) prompt: String,
        pub(super) help: String,
        pub(super) suggested_intro: String,
        pub(super) suggested_line: String,
        pub(super) none_suggested: String,
        pub(super) source: String,
    }
}

crate::content::words_record! {
    #[derive(Debug)]
    #[cfg_attr(not(test), allow(dead_code))]
    pub(super) struct BalancedText {
        pub(super) prompt: String,
        pub(super) help: String,
        pub(super) questions_intro: String,
        pub(super) friend_question: String,
        pub(super) week_question: String,
        pub(super) source: String,
    }
}

crate::content::words_record! {
    #[derive(Debug)]
    pub(super) struct Labels {
        pub(super) situation: String,
        pub(super) emotions: String,
        pub(super) thought: String,
        pub(super) styles: String,
        pub(super) evidence_for: String,
        pub(super) evidence_against: String,
        pub(super) balanced: String,
        pub(super) none: String,
        pub(super) emotion_line: String,
        pub(super) emotion_change: String,
        pub(super) headline_change: String,
        pub(super) headline_no_change: String,
        pub(super) advice: String,
        pub(super) chart_before: String,
        pub(super) chart_after: String,
        pub(super) chart_change: String,
        pub(super) empty_history: String,
    }
}

/// One entry per language folder; the first is the default. A second language is one more
/// line here and one more folder, with no other code change.
pub(super) static LOCALES: &[(&str, &Tree)] = &[("en-GB", &crate::content::en_gb::THINKING_STYLES)];

pub(super) fn content() -> Result<&'static Content> {
    static CONTENT: OnceLock<std::result::Result<Content, String>> = OnceLock::new();
    Ok(crate::content::parsed(
        &CONTENT,
        *LOCALES[0].1,
        "thinking styles",
    )?)
}

/// The compiled suggestion rules, one per style in catalogue order.
pub(super) fn rules() -> Result<&'static suggest::Rules> {
    static RULES: OnceLock<Option<suggest::Rules>> = OnceLock::new();
    RULES
        .get_or_init(|| suggest::compile_rules(content().ok()?))
        .as_ref()
        .ok_or_else(|| Error::content_bug("thinking styles rules could not be read"))
}

impl Content {
    pub(super) fn style(&self, id: &str) -> Option<&StyleText> {
        self.styles.iter().find(|s| s.id == id)
    }

    pub(super) fn emotion_line(&self, e: &ThoughtRecordEmotion) -> String {
        match e.rerated {
            Some(after) => self
                .labels
                .emotion_change
                .replace("{emotion}", &e.name)
                .replace("{before}", &e.intensity.to_string())
                .replace("{after}", &after.to_string()),
            None => self
                .labels
                .emotion_line
                .replace("{emotion}", &e.name)
                .replace("{before}", &e.intensity.to_string()),
        }
    }
}

pub(super) fn public_style(s: &StyleText) -> ThinkingStyle {
    ThinkingStyle {
        id: s.id.clone(),
        name: s.name.clone(),
        aliases: s.aliases.clone(),
        description: s.description.clone(),
        example: s.example.clone(),
        balancing_questions: s.questions.clone(),
        sources: s.source.split(';').map(|k| k.trim().to_string()).collect(),
    }
}
