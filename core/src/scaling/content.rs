//! The scaling tool's wording and rules of thumb, read from the embedded content file.
//!
//! Every question, anchor label and follow-up prompt lives in `content/<lang>/scaling.json`,
//! each with its source key (CONTENT.md §1b), so the code holds no wording and a second
//! language is another folder plus one line in [`LANGUAGES`].
//!
//! Follow-up prompts carry the person's own number. They are computed here from the value
//! and the scale's range, so a prompt never names a number outside the scale: at the bottom
//! of the scale "why not a lower number?" cannot be asked and is skipped; at the top,
//! "what would move you higher?" becomes a question about keeping it there.

use crate::content::tree::Tree;
use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::flow::ScaleAnchor;

/// Embedded content, one entry per language folder.
static LANGUAGES: &[(&str, &Tree)] = &[("en-GB", &crate::content::en_gb::SCALING)];

/// The language used until the app offers a choice.
const DEFAULT_LANGUAGE: &str = "en-GB";

#[derive(Debug, Deserialize)]
pub(crate) struct Content {
    /// Checked by the content tests against the folder name.
    #[allow(dead_code)]
    pub language: String,
    /// Source keys and what they name; every `source` field must use these keys.
    #[allow(dead_code)]
    pub sources: BTreeMap<String, String>,
    /// Top of every scale. Bottoms vary (0 or 1) and are stored with each answer.
    pub max: i32,
    pub templates: Vec<Template>,
    pub subject_steps: HashMap<String, SubjectStep>,
    pub subject_strip_prefixes: Vec<String>,
    pub follow_up_sets: HashMap<String, Vec<FollowUpDef>>,
    pub flow: FlowText,
    pub summary: SummaryText,
    pub trend: TrendText,
    pub lowest_flag: FlagText,
    /// Words a person may pick for how they feel (the check-in).
    pub feelings: FeelingsText,
}

/// The feeling words of the check-in: a fixed list, so they can be counted over the weeks
/// and translated, and so nothing the person typed is needed to show them.
#[derive(Debug, Deserialize)]
pub(crate) struct FeelingsText {
    pub prompt: String,
    pub help: String,
    /// The summary line's label.
    pub label: String,
    pub max_selected: u32,
    pub words: Vec<FeelingWordText>,
    #[allow(dead_code)]
    pub source: String,
}

crate::content::words_record! {
    #[derive(Debug)]
    pub(crate) struct FeelingWordText {
        pub id: String,
        pub label: String,
    }
}

impl FeelingsText {
    pub fn label_of(&self, id: &str) -> Option<&str> {
        self.words
            .iter()
            .find(|w| w.id == id)
            .map(|w| w.label.as_str())
    }
}

/// Whether a template is about something the person names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum SubjectRule {
    None,
    Required,
    Optional,
}

#[derive(Debug, Deserialize)]
pub(crate) struct Template {
    pub id: String,
    /// The guided flow's tool.
    pub tool: crate::ids::ToolId,
    pub title: String,
    pub summary: String,
    /// The question; `{subject}`, `{min}` and `{max}` are filled in.
    pub question: String,
    /// Used instead of `question` when an optional subject was given.
    #[serde(default)]
    pub question_with_subject: Option<String>,
    pub subject: SubjectRule,
    /// Anchor labels; the custom scale takes them from the person instead.
    #[serde(default)]
    pub low_label: Option<String>,
    #[serde(default)]
    pub mid_label: Option<String>,
    #[serde(default)]
    pub high_label: Option<String>,
    /// Bottoms of the scale this template may use (0, and 1 for people who prefer no zero [S8]).
    pub allowed_mins: Vec<i32>,
    /// Key into `follow_up_sets`, or "none".
    pub follow_ups: String,
    pub asks_note: bool,
    /// Offers the feeling words after the note (the check-in).
    #[serde(default)]
    pub asks_feelings: bool,
    /// At the very bottom of a wellbeing-type scale the summary points gently to support.
    pub gentle_flag_at_min: bool,
    pub advice: Vec<String>,
    /// Advice that depends on whether one follow-up was answered, after `advice` (the
    /// solution-focused summary must not speak of "the first step you named" when none was).
    #[serde(default)]
    pub follow_up_advice: Option<FollowUpAdvice>,
    pub source: String,
}

crate::content::words_record! {
    #[derive(Debug)]
    pub(crate) struct FollowUpAdvice {
        pub follow_up: String,
        pub answered: String,
        pub not_answered: String,
    }
}

crate::content::words_record! {
    #[derive(Debug)]
    pub(crate) struct SubjectStep {
        pub prompt: String,
        pub help: String,
        pub label: String,
    }
}

/// What to do with a follow-up at an edge of the scale.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct EdgeVariant {
    #[serde(default)]
    pub skip: bool,
    #[serde(default)]
    pub prompt: Option<String>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct FollowUpDef {
    pub id: String,
    pub prompt: String,
    pub help: String,
    #[serde(default)]
    pub at_min: Option<EdgeVariant>,
    #[serde(default)]
    pub at_max: Option<EdgeVariant>,
    pub source: String,
}

crate::content::words_record! {
    #[derive(Debug)]
    pub(crate) struct FlowText {
        pub range_prompt: String,
        pub range_help: String,
        pub range_choice: String,
        pub min_label_prompt: String,
        pub max_label_prompt: String,
        pub label_help: String,
        pub note_prompt: String,
        pub note_help: String,
    }
}

crate::content::words_record! {
    #[derive(Debug)]
    pub(crate) struct SummaryText {
        pub value_label: String,
        pub value_phrase: String,
        pub headline: String,
        pub note_label: String,
    }
}

crate::content::words_record! {
    #[derive(Debug)]
    pub(crate) struct TrendText {
        pub up: String,
        pub down: String,
        pub steady: String,
        pub checkin_chart: String,
        pub entries_chart: String,
    }
}

#[derive(Debug, Deserialize)]
pub(crate) struct FlagText {
    pub code: crate::ids::SafetyFlagCode,
    pub title: String,
    pub detail: String,
    #[allow(dead_code)]
    pub source: String,
}

fn parsed() -> &'static HashMap<&'static str, std::result::Result<Content, String>> {
    static ALL: OnceLock<HashMap<&'static str, std::result::Result<Content, String>>> =
        OnceLock::new();
    ALL.get_or_init(|| {
        LANGUAGES
            .iter()
            .map(|(lang, tree)| {
                (
                    *lang,
                    tree.deserialize::<Content>().map_err(|e| e.to_string()),
                )
            })
            .collect()
    })
}

/// The scaling content in the app's language.
pub(crate) fn content() -> Result<&'static Content> {
    match parsed().get(DEFAULT_LANGUAGE) {
        Some(Ok(c)) => Ok(c),
        _ => Err(Error::content_bug("the scaling content could not be read")),
    }
}

impl Content {
    pub fn template(&self, id: &str) -> Option<&Template> {
        self.templates.iter().find(|t| t.id == id)
    }
    pub fn template_for_tool(&self, tool: &str) -> Option<&Template> {
        self.templates.iter().find(|t| t.tool.as_str() == tool)
    }
    pub fn follow_up_defs(&self, t: &Template) -> &[FollowUpDef] {
        self.follow_up_sets
            .get(&t.follow_ups)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }
}

/// Fills `{name}` placeholders in one pass. Inserted values are not scanned again, so a
/// person's text that happens to contain "{n}" stays as written. Unknown names are kept.
pub(crate) fn fill(template: &str, vars: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match vars.iter().find(|(k, _)| *k == name) {
                    Some((_, v)) => out.push_str(v),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// A follow-up question as asked for one answer.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FollowUpPrompt {
    pub id: String,
    pub prompt: String,
    pub help: String,
    pub source: String,
}

/// The numbers a follow-up may name for `value` on `min..=max`. "Lower" and "higher" step
/// two points (as in "why a 6 and not a 4?", "what would move you from 6 to 8?" [S1][S2])
/// but never past the ends of the scale.
pub(crate) fn number_vars(value: i32, min: i32, max: i32) -> Vec<(&'static str, String)> {
    vec![
        ("n", value.to_string()),
        ("min", min.to_string()),
        ("max", max.to_string()),
        ("lower", (value - 2).max(min).to_string()),
        ("higher", (value + 2).min(max).to_string()),
        ("prev", (value - 1).max(min).to_string()),
        ("next", (value + 1).min(max).to_string()),
    ]
}

/// The follow-ups to ask after `value` on `min..=max`, in order, prompts filled in.
pub(crate) fn follow_ups(
    c: &Content,
    t: &Template,
    value: i32,
    min: i32,
    max: i32,
) -> Vec<FollowUpPrompt> {
    let vars = number_vars(value, min, max);
    c.follow_up_defs(t)
        .iter()
        .filter_map(|d| {
            let edge = if value <= min {
                d.at_min.as_ref()
            } else if value >= max {
                d.at_max.as_ref()
            } else {
                None
            };
            let text = match edge {
                Some(v) if v.skip => return None,
                Some(EdgeVariant {
                    prompt: Some(p), ..
                }) => p.as_str(),
                _ => d.prompt.as_str(),
            };
            Some(FollowUpPrompt {
                id: d.id.clone(),
                prompt: fill(text, &vars),
                help: d.help.clone(),
                source: d.source.clone(),
            })
        })
        .collect()
}

/// The question as put to the person.
pub(crate) fn question(t: &Template, subject: Option<&str>, min: i32, max: i32) -> String {
    let pattern = match (subject, &t.question_with_subject) {
        (Some(_), Some(q)) => q.as_str(),
        _ => t.question.as_str(),
    };
    fill(
        pattern,
        &[
            ("subject", subject.unwrap_or_default().to_string()),
            ("min", min.to_string()),
            ("max", max.to_string()),
        ],
    )
}

/// Anchor labels for a scale: both ends always (a custom scale without labels shows the
/// numbers), the middle only when the range has a whole-number middle.
pub(crate) fn anchors(
    t: &Template,
    min: i32,
    max: i32,
    min_label: Option<&str>,
    max_label: Option<&str>,
) -> Vec<ScaleAnchor> {
    let low = min_label
        .map(str::to_string)
        .or_else(|| t.low_label.clone())
        .unwrap_or_else(|| min.to_string());
    let high = max_label
        .map(str::to_string)
        .or_else(|| t.high_label.clone())
        .unwrap_or_else(|| max.to_string());
    let mut out = vec![ScaleAnchor {
        value: min,
        label: low,
    }];
    if let Some(mid) = &t.mid_label {
        if (min + max) % 2 == 0 {
            out.push(ScaleAnchor {
                value: (min + max) / 2,
                label: mid.clone(),
            });
        }
    }
    out.push(ScaleAnchor {
        value: max,
        label: high,
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placeholders(s: &str) -> Vec<String> {
        let mut out = vec![];
        let mut rest = s;
        while let Some(i) = rest.find('{') {
            let after = &rest[i + 1..];
            let Some(j) = after.find('}') else { break };
            out.push(after[..j].to_string());
            rest = &after[j + 1..];
        }
        out
    }

    fn known_sources(c: &Content, field: &str) {
        for key in field.split(',').map(str::trim) {
            assert!(c.sources.contains_key(key), "unknown source key {key}");
        }
    }

    #[test]
    fn every_language_parses() {
        for (lang, _) in LANGUAGES {
            match parsed().get(lang) {
                Some(Ok(c)) => assert_eq!(&c.language, lang),
                other => panic!("{lang}: {other:?}"),
            }
        }
    }

    #[test]
    fn content_is_complete_and_sourced() {
        let c = content().unwrap();
        assert_eq!(c.max, 10);
        let ids: Vec<&str> = c.templates.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "checkin",
                "importance",
                "confidence",
                "readiness",
                "solution-focused",
                "custom"
            ]
        );
        let number_names = ["n", "min", "max", "lower", "higher", "prev", "next"];
        for t in &c.templates {
            assert!(!t.title.is_empty() && !t.summary.is_empty(), "{}", t.id);
            known_sources(c, &t.source);
            assert!(!t.allowed_mins.is_empty());
            assert!(t.allowed_mins.iter().all(|m| *m == 0 || *m == 1));
            assert!(t.follow_ups == "none" || c.follow_up_sets.contains_key(&t.follow_ups));
            for p in placeholders(&t.question)
                .into_iter()
                .chain(t.question_with_subject.iter().flat_map(|q| placeholders(q)))
            {
                assert!(["subject", "min", "max"].contains(&p.as_str()), "{p}");
            }
            if t.id != "custom" {
                assert!(t.low_label.is_some() && t.high_label.is_some(), "{}", t.id);
            }
            if t.subject != SubjectRule::None {
                let s = &c.subject_steps[&t.id];
                assert!(!s.prompt.is_empty() && !s.help.is_empty() && !s.label.is_empty());
            }
            if t.subject == SubjectRule::Optional {
                assert!(t.question_with_subject.is_some(), "{}", t.id);
            }
        }
        // The rulers ask about the change by name; the check-in names nothing.
        for id in ["importance", "confidence", "readiness"] {
            let t = c.template(id).unwrap();
            assert!(t.question.contains("{subject}"));
            assert_eq!(t.subject, SubjectRule::Required);
            assert_eq!(t.follow_ups, "mi");
        }
        assert_eq!(c.template("checkin").unwrap().allowed_mins, vec![0]);
        for (set, defs) in &c.follow_up_sets {
            assert!(!defs.is_empty(), "{set}");
            for d in defs {
                known_sources(c, &d.source);
                assert!(!d.help.is_empty());
                let variants = [&d.at_min, &d.at_max];
                for text in std::iter::once(&d.prompt)
                    .chain(variants.iter().filter_map(|v| v.as_ref()?.prompt.as_ref()))
                {
                    for p in placeholders(text) {
                        assert!(number_names.contains(&p.as_str()), "{p} in {}", d.id);
                    }
                }
            }
        }
        known_sources(c, &c.lowest_flag.source);
    }

    #[test]
    fn never_asks_why_not_ten() {
        // Asking why the number is not higher draws out reasons against change [S2].
        let c = content().unwrap();
        for defs in c.follow_up_sets.values() {
            for d in defs {
                let p = d.prompt.to_lowercase();
                assert!(
                    !p.contains("not a higher")
                        && !p.contains("not 10")
                        && !p.contains("not {max}")
                );
            }
        }
    }

    #[test]
    fn fill_is_single_pass() {
        let out = fill(
            "How important is it to you to {subject}? ({n})",
            &[("subject", "say {n} out loud".into()), ("n", "6".into())],
        );
        assert_eq!(out, "How important is it to you to say {n} out loud? (6)");
        assert_eq!(fill("a {unknown} b {", &[]), "a {unknown} b {");
    }

    #[test]
    fn mi_follow_ups_at_the_edges() {
        let c = content().unwrap();
        let t = c.template("importance").unwrap();
        let f = follow_ups(c, t, 6, 0, 10);
        assert_eq!(f[0].id, "not-lower");
        assert!(f[0]
            .prompt
            .contains("Why a 6 and not a lower number, such as 4"));
        assert!(f[1].prompt.contains("from 6 to 8"));
        // One above the bottom: "lower" stops at the bottom.
        let f = follow_ups(c, t, 1, 0, 10);
        assert!(f[0].prompt.contains("such as 0"));
        // At the bottom there is no lower number to ask about.
        let f = follow_ups(c, t, 0, 0, 10);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].id, "move-up");
        assert!(f[0].prompt.contains("from 0 to 2"));
        // Near and at the top.
        let f = follow_ups(c, t, 9, 0, 10);
        assert!(f[1].prompt.contains("from 9 to 10"));
        let f = follow_ups(c, t, 10, 0, 10);
        assert_eq!(f.len(), 2);
        assert!(f[0]
            .prompt
            .contains("Why a 10 and not a lower number, such as 8"));
        assert!(f[1].prompt.contains("at 10, the top"));
        assert!(!f[1].prompt.contains("11") && !f[1].prompt.contains("12"));
        // On a 1-10 ruler the bottom is 1.
        let f = follow_ups(c, t, 1, 1, 10);
        assert_eq!(f.len(), 1);
        assert!(f[0].prompt.contains("from 1 to 3"));
        let f = follow_ups(c, t, 2, 1, 10);
        assert!(f[0].prompt.contains("such as 1"));
        assert!(!f[0].prompt.contains("such as 0"));
    }

    #[test]
    fn solution_focused_follow_ups_at_the_edges() {
        let c = content().unwrap();
        let t = c.template("solution-focused").unwrap();
        let ids = |f: &[FollowUpPrompt]| f.iter().map(|p| p.id.clone()).collect::<Vec<_>>();
        let f = follow_ups(c, t, 4, 0, 10);
        assert_eq!(
            ids(&f),
            ["how-got-here", "no-slide", "one-higher", "first-step"]
        );
        assert!(f[0].prompt.contains("from 3 to 4"));
        assert!(f[1].prompt.contains("back to 3"));
        assert!(f[2].prompt.contains("What would 5 look like"));
        assert!(f[3].prompt.contains("towards 5"));
        // At the worst it has been: a coping question, no "sliding back".
        let f = follow_ups(c, t, 0, 0, 10);
        assert_eq!(ids(&f), ["how-got-here", "one-higher", "first-step"]);
        assert!(f[0].prompt.contains("getting through"));
        assert!(f[1].prompt.contains("What would 1 look like"));
        let f = follow_ups(c, t, 1, 1, 10);
        assert_eq!(ids(&f), ["how-got-here", "one-higher", "first-step"]);
        assert!(f[1].prompt.contains("What would 2 look like"));
        assert!(!f.iter().any(|p| p.prompt.contains(" 0")));
        // At the top: nothing higher to picture or step towards.
        let f = follow_ups(c, t, 10, 1, 10);
        assert_eq!(ids(&f), ["how-got-here", "no-slide", "one-higher"]);
        assert!(f[0].prompt.contains("from 9 to 10"));
        assert!(!f.iter().any(|p| p.prompt.contains("11")));
    }

    #[test]
    fn anchors_cover_both_ends() {
        let c = content().unwrap();
        let checkin = c.template("checkin").unwrap();
        let a = anchors(checkin, 0, 10, None, None);
        assert_eq!(a.iter().map(|a| a.value).collect::<Vec<_>>(), [0, 5, 10]);
        let custom = c.template("custom").unwrap();
        let a = anchors(custom, 1, 10, None, Some("Fully"));
        assert_eq!(a[0].label, "1");
        assert_eq!(a[1].label, "Fully");
        assert_eq!(a.len(), 2);
        let sf = c.template("solution-focused").unwrap();
        assert!(question(sf, None, 1, 10).starts_with("If 10 is how you want"));
        assert!(question(sf, None, 1, 10).contains("1 is the worst"));
        assert!(question(sf, Some("my sleep"), 0, 10).starts_with("Thinking about my sleep:"));
    }
}
