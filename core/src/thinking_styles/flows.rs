//! The guided thought record: situation → feelings → how strong each is → the thought →
//! thinking traps noticed (suggested ones first) → evidence for → evidence against →
//! balanced thought → each feeling rated again (optional).

use super::*;
use crate::ids::{ToolGroup, ToolId};

pub(super) const S_SITUATION: &str = "situation";
pub(super) const S_EMOTIONS: &str = "emotions";
pub(super) const S_THOUGHT: &str = "thought";
pub(super) const S_STYLES: &str = "styles";
pub(super) const S_FOR: &str = "evidence-for";
pub(super) const S_AGAINST: &str = "evidence-against";
pub(super) const S_BALANCED: &str = "balanced";

pub(super) fn intensity_step(i: usize) -> String {
    format!("intensity-{}", i + 1)
}

pub(super) fn rerate_step(i: usize) -> String {
    format!("rerate-{}", i + 1)
}

fn scale(c: &Content) -> InputKind {
    InputKind::Scale {
        min: 0,
        max: 100,
        anchors: c.intensity.anchors.clone(),
    }
}

fn long_text() -> InputKind {
    InputKind::Text {
        multiline: true,
        max_chars: LONG_TEXT as u32,
    }
}

fn evidence_input() -> InputKind {
    InputKind::TextList {
        max_items: MAX_LIST_ITEMS as u32,
        max_chars: EVIDENCE_MAX as u32,
    }
}

pub(super) struct ThoughtRecordFlow;

impl ThoughtRecordFlow {
    /// The record the answers describe (valid once the flow is complete).
    fn record(a: &Answers) -> Result<Checked> {
        let emotions = a
            .items(S_EMOTIONS)
            .iter()
            .enumerate()
            .map(|(i, name)| ThoughtRecordEmotion {
                name: name.clone(),
                intensity: a.scale(&intensity_step(i)).unwrap_or(0),
                rerated: a.scale(&rerate_step(i)),
            })
            .collect();
        check_record(&ThoughtRecordInput {
            situation: a.text(S_SITUATION).unwrap_or_default().to_string(),
            emotions,
            thought: a.text(S_THOUGHT).unwrap_or_default().to_string(),
            styles: a.choices(S_STYLES).to_vec(),
            evidence_for: a.items(S_FOR).to_vec(),
            evidence_against: a.items(S_AGAINST).to_vec(),
            balanced_thought: a.text(S_BALANCED).map(str::to_string),
            ..Default::default()
        })
    }

    /// The styles choice: styles the thought suggests first (strongest first, their help
    /// naming the words), then the rest in catalogue order. Nothing is pre-ticked.
    fn styles_step(c: &Content, thought: &str) -> StepSpec {
        let suggestions = suggest::suggest(thought);
        let t = &c.styles_step;
        let mut help = t.help.clone();
        help.push_str("\n\n");
        if suggestions.is_empty() {
            help.push_str(&t.none_suggested);
        } else {
            help.push_str(&t.suggested_intro);
            for s in &suggestions {
                let words: Vec<&str> = s.matches.iter().map(|m| m.text.as_str()).collect();
                help.push('\n');
                help.push_str(
                    &t.suggested_line
                        .replace("{style}", &s.style_name)
                        .replace("{words}", &words.join(&c.suggestion.words_joiner)),
                );
            }
        }
        let mut choices: Vec<ChoiceOption> = vec![];
        for s in &suggestions {
            if let Some(style) = c.style(&s.style_id) {
                choices.push(ChoiceOption {
                    id: style.id.clone(),
                    label: style.name.clone(),
                    help: Some(s.wording.clone()),
                });
            }
        }
        for style in &c.styles {
            if !choices.iter().any(|ch| ch.id == style.id) {
                choices.push(ChoiceOption {
                    id: style.id.clone(),
                    label: style.name.clone(),
                    help: Some(style.description.clone()),
                });
            }
        }
        let n = choices.len() as u32;
        StepSpec::new(
            S_STYLES,
            &t.prompt,
            InputKind::Choice {
                choices,
                multiple: true,
                min_selected: 0,
                max_selected: n,
            },
        )
        .help(help)
        .optional()
    }

    /// The balanced thought, with the balancing questions of the styles noticed and the
    /// perspective questions (a friend, a week from now).
    fn balanced_step(c: &Content, noticed: &[String]) -> StepSpec {
        let b = &c.balanced;
        let mut help = format!("{}\n\n{}", b.help, b.questions_intro);
        for id in noticed {
            if let Some(s) = c.style(id) {
                for q in &s.questions {
                    help.push_str(&format!("\n• {q}"));
                }
            }
        }
        help.push_str(&format!("\n• {}\n• {}", b.friend_question, b.week_question));
        StepSpec::new(S_BALANCED, &b.prompt, long_text()).help(help)
    }
}

impl FlowDef for ThoughtRecordFlow {
    fn tool(&self) -> ToolId {
        ToolId::ThoughtRecord
    }

    fn title(&self) -> String {
        content()
            .map(|c| c.tool.title.clone())
            .unwrap_or_else(|_| TOOL.into())
    }

    fn next_step(&self, a: &Answers) -> Result<Option<StepSpec>> {
        let c = content()?;
        if !a.has(S_SITUATION) {
            let help = format!("{}\n\n{}", c.intro.help, c.situation.help);
            return Ok(Some(
                StepSpec::new(S_SITUATION, &c.situation.prompt, long_text()).help(help),
            ));
        }
        if !a.has(S_EMOTIONS) {
            let input = InputKind::TextList {
                max_items: MAX_EMOTIONS as u32,
                max_chars: EMOTION_NAME_MAX as u32,
            };
            return Ok(Some(
                StepSpec::new(S_EMOTIONS, &c.emotions.prompt, input).help(&c.emotions.help),
            ));
        }
        let emotions = a.items(S_EMOTIONS);
        for (i, name) in emotions.iter().enumerate() {
            let id = intensity_step(i);
            if !a.has(&id) {
                let prompt = c.intensity.prompt.replace("{emotion}", name);
                return Ok(Some(
                    StepSpec::new(id, prompt, scale(c)).help(&c.intensity.help),
                ));
            }
        }
        if !a.has(S_THOUGHT) {
            return Ok(Some(
                StepSpec::new(S_THOUGHT, &c.thought.prompt, long_text()).help(&c.thought.help),
            ));
        }
        if !a.has(S_STYLES) {
            let thought = a.text(S_THOUGHT).unwrap_or_default();
            return Ok(Some(Self::styles_step(c, thought)));
        }
        if !a.has(S_FOR) {
            return Ok(Some(
                StepSpec::new(S_FOR, &c.evidence_for.prompt, evidence_input())
                    .help(&c.evidence_for.help)
                    .optional(),
            ));
        }
        if !a.has(S_AGAINST) {
            return Ok(Some(
                StepSpec::new(S_AGAINST, &c.evidence_against.prompt, evidence_input())
                    .help(&c.evidence_against.help)
                    .optional(),
            ));
        }
        if !a.has(S_BALANCED) {
            return Ok(Some(Self::balanced_step(c, a.choices(S_STYLES))));
        }
        for (i, name) in emotions.iter().enumerate() {
            let id = rerate_step(i);
            if !a.has(&id) {
                let before = a.scale(&intensity_step(i)).unwrap_or(0);
                let prompt = c
                    .rerate
                    .prompt
                    .replace("{emotion}", name)
                    .replace("{before}", &before.to_string());
                return Ok(Some(
                    StepSpec::new(id, prompt, scale(c))
                        .help(&c.rerate.help)
                        .optional(),
                ));
            }
        }
        Ok(None)
    }

    fn total_steps(&self, a: &Answers) -> u32 {
        // situation, feelings, thought, styles, evidence for and against, balanced thought,
        // plus a rating and a re-rating per feeling (at least one before they are named).
        7 + 2 * a.items(S_EMOTIONS).len().max(1) as u32
    }

    fn check(&self, step: &StepSpec, answer: &Answer, _: &Answers) -> Result<()> {
        if let (true, Answer::TextList { items }) = (step.id == S_EMOTIONS, answer) {
            emotion_names(items)?;
        }
        Ok(())
    }

    fn summary(&self, a: &Answers) -> Result<SummaryParts> {
        let c = content()?;
        let r = Self::record(a)?;
        let l = &c.labels;
        let join = |v: &[String]| {
            if v.is_empty() {
                l.none.clone()
            } else {
                v.join("; ")
            }
        };
        let headline = match strongest(&r.emotions).and_then(|e| Some((e, e.rerated?))) {
            Some((e, after)) => l
                .headline_change
                .replace("{emotion}", &e.name)
                .replace("{before}", &e.intensity.to_string())
                .replace("{after}", &after.to_string()),
            None => l.headline_no_change.clone(),
        };
        let mut p = SummaryParts {
            headline: Some(headline),
            ..Default::default()
        };
        p.item(&l.situation, &r.situation);
        let lines: Vec<String> = r.emotions.iter().map(|e| c.emotion_line(e)).collect();
        p.item(&l.emotions, join(&lines));
        p.item(&l.thought, &r.thought);
        let names: Vec<String> = r
            .styles
            .iter()
            .filter_map(|id| c.style(id))
            .map(|s| s.name.clone())
            .collect();
        p.item(&l.styles, join(&names));
        p.item(&l.evidence_for, join(&r.evidence_for));
        p.item(&l.evidence_against, join(&r.evidence_against));
        p.item(
            &l.balanced,
            r.balanced_thought.clone().unwrap_or_else(|| l.none.clone()),
        );
        p.advice.push(l.advice.clone());
        Ok(p)
    }

    fn save(&self, tx: &Transaction, now: Moment, a: &Answers) -> Result<String> {
        let r = Self::record(a)?;
        let id = validate::new_id();
        write_record(tx, &id, now, now, &r)?;
        Ok(id)
    }
}

pub(super) fn tools() -> Vec<ToolInfo> {
    let Ok(c) = content() else {
        return vec![];
    };
    vec![ToolInfo {
        id: ToolId::ThoughtRecord,
        title: c.tool.title.clone(),
        summary: c.tool.summary.clone(),
        group: ToolGroup::Thinking,
        needs_subject: false,
    }]
}

pub(super) fn make(
    tool: &str,
    _subject: Option<&str>,
    _conn: &Connection,
    _now: Moment,
) -> Result<Option<Box<dyn FlowDef>>> {
    match tool {
        TOOL => Ok(Some(Box::new(ThoughtRecordFlow))),
        _ => Ok(None),
    }
}

/// The thought record flow, for `flow::modules()`.
pub(crate) const MODULE: ToolModule = ToolModule { tools, make };
