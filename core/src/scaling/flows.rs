//! The scaling tools as guided flows: "checkin", "scale-importance", "scale-confidence",
//! "scale-readiness", "scale-solution-focused" and "scale-custom".
//!
//! The rulers ask for the change first so every later question can use the person's own
//! words; the custom scale asks for its question and numbers first. After the number come
//! the follow-ups for that number (all optional), computed in `content::follow_ups`.
//!
//! Started with a scale id as `subject_id`, a flow asks the same scale again (same change or
//! question, same range) and skips straight to the number: that is how a person re-rates a
//! change over weeks.
//!
//! The summary and the save both go through `store::prepare`, the same rules as the direct
//! API, so a flow cannot store anything the API would refuse.

use rusqlite::{Connection, Transaction};

use super::content::{self, Content, SubjectRule, Template};
use super::store::{self, ScaleRow};
use super::{ScalingFollowUpAnswer, ScalingInput, ANCHOR_LABEL_MAX, FOLLOW_UP_MAX};
use crate::clock::Moment;
use crate::crisis::SafetyFlag;
use crate::error::{Error, Result};
use crate::flow::{
    Answer, Answers, ChoiceOption, FlowDef, InputKind, StepSpec, SummaryParts, ToolInfo, ToolModule,
};
use crate::ids::{ToolGroup, ToolId};
use crate::validate;

const RANGE_STEP: &str = "range";
const MIN_LABEL_STEP: &str = "min-label";
const MAX_LABEL_STEP: &str = "max-label";
const VALUE_STEP: &str = "value";
const NOTE_STEP: &str = "note";
const FEELINGS_STEP: &str = "feelings";

pub(crate) const MODULE: ToolModule = ToolModule { tools, make };

fn tools() -> Vec<ToolInfo> {
    let Ok(c) = content::content() else {
        return vec![];
    };
    c.templates
        .iter()
        .map(|t| ToolInfo {
            id: t.tool,
            title: t.title.clone(),
            summary: t.summary.clone(),
            group: ToolGroup::Scaling,
            needs_subject: false,
        })
        .collect()
}

fn make(
    tool: &str,
    subject: Option<&str>,
    conn: &Connection,
    _now: Moment,
) -> Result<Option<Box<dyn FlowDef>>> {
    let c = content::content()?;
    let Some(template) = c.template_for_tool(tool) else {
        return Ok(None);
    };
    if let Some(id) = crate::flow::edit_target(subject) {
        let entry = store::load_entry(conn, c, &validate::id_arg("record", id)?)?;
        if entry.template != template.id {
            return Err(Error::invalid(
                "record_id",
                crate::rules::RuleCode::Mismatch,
            ));
        }
        let preset = Some(store::load_scale(conn, &entry.scale_id)?);
        return Ok(Some(Box::new(ScalingFlow {
            c,
            template,
            preset,
            editing: Some(entry),
        })));
    }
    let preset = match subject {
        None => None,
        Some(id) => {
            let id = validate::id_arg("scale", id)?;
            let scale = store::load_scale(conn, &id)?;
            if scale.template != template.id {
                return Err(Error::invalid(
                    "subject_id",
                    crate::rules::RuleCode::Mismatch,
                ));
            }
            Some(scale)
        }
    };
    Ok(Some(Box::new(ScalingFlow {
        c,
        template,
        preset,
        editing: None,
    })))
}

struct ScalingFlow {
    c: &'static Content,
    template: &'static Template,
    /// The scale being asked again, if any.
    preset: Option<ScaleRow>,
    /// The stored answer being changed, if this flow edits one.
    editing: Option<super::ScalingEntry>,
}

/// The step id that asks for the subject.
fn subject_step_id(t: &Template) -> &'static str {
    match t.id.as_str() {
        "custom" => "question",
        "solution-focused" => "topic",
        _ => "change",
    }
}

fn range_id(min: i32, max: i32) -> String {
    format!("{min}-{max}")
}

impl ScalingFlow {
    fn asks_subject(&self) -> bool {
        self.preset.is_none() && self.template.subject != SubjectRule::None
    }
    fn asks_range(&self) -> bool {
        self.preset.is_none() && self.template.id == "custom"
    }

    fn subject(&self, a: &Answers) -> Option<String> {
        match &self.preset {
            Some(s) => s.subject.clone(),
            // Tidied as it will be stored, so the questions read as they will later.
            None => a
                .text(subject_step_id(self.template))
                .map(|t| store::tidy_subject(self.c, self.template, t.to_string())),
        }
    }

    fn min(&self, a: &Answers) -> i32 {
        if let Some(s) = &self.preset {
            return s.min;
        }
        let first = self.template.allowed_mins.first().copied().unwrap_or(0);
        a.choice(RANGE_STEP)
            .and_then(|id| {
                self.template
                    .allowed_mins
                    .iter()
                    .copied()
                    .find(|m| range_id(*m, self.c.max) == id)
            })
            .unwrap_or(first)
    }

    fn labels(&self, a: &Answers) -> (Option<String>, Option<String>) {
        match &self.preset {
            Some(s) => (s.min_label.clone(), s.max_label.clone()),
            None => (
                a.text(MIN_LABEL_STEP).map(str::to_string),
                a.text(MAX_LABEL_STEP).map(str::to_string),
            ),
        }
    }

    /// The answers as an input for the direct API's rules.
    fn input(&self, a: &Answers) -> Result<ScalingInput> {
        let value = a
            .scale(VALUE_STEP)
            .ok_or_else(|| Error::internal("the flow has no number yet"))?;
        let min = self.min(a);
        let (min_label, max_label) = self.labels(a);
        let follow_ups = content::follow_ups(self.c, self.template, value, min, self.c.max)
            .into_iter()
            .filter_map(|f| {
                a.text(&f.id).map(|t| ScalingFollowUpAnswer {
                    follow_up_id: f.id.clone(),
                    answer: t.to_string(),
                })
            })
            .collect();
        Ok(ScalingInput {
            template: self.template.id.clone(),
            subject: self.subject(a),
            scale_min: Some(min),
            value,
            follow_ups,
            note: a.text(NOTE_STEP).map(str::to_string),
            feelings: a.choices(FEELINGS_STEP).to_vec(),
            min_label,
            max_label,
            date: None,
            time: None,
        })
    }

    fn text_step(id: &str, prompt: String, help: &str, max: usize, multiline: bool) -> StepSpec {
        StepSpec::new(
            id,
            prompt,
            InputKind::Text {
                multiline,
                max_chars: max as u32,
            },
        )
        .help(help)
    }
}

impl FlowDef for ScalingFlow {
    fn tool(&self) -> ToolId {
        self.template.tool
    }

    fn title(&self) -> String {
        self.template.title.clone()
    }

    fn next_step(&self, a: &Answers) -> Result<Option<StepSpec>> {
        let t = self.template;
        let c = self.c;
        let sid = subject_step_id(t);
        if self.asks_subject() && !a.has(sid) {
            let s = c
                .subject_steps
                .get(&t.id)
                .ok_or_else(|| Error::content_bug("the scaling content is incomplete"))?;
            let step = Self::text_step(
                sid,
                s.prompt.clone(),
                &s.help,
                crate::rules::SHORT_TEXT,
                false,
            );
            return Ok(Some(if t.subject == SubjectRule::Optional {
                step.optional()
            } else {
                step
            }));
        }
        let min = self.min(a);
        let max = c.max;
        let numbers = content::number_vars(min, min, max);
        if self.asks_range() {
            if !a.has(RANGE_STEP) {
                let choices = t
                    .allowed_mins
                    .iter()
                    .map(|m| ChoiceOption {
                        id: range_id(*m, max),
                        label: content::fill(
                            &c.flow.range_choice,
                            &content::number_vars(*m, *m, max),
                        ),
                        help: None,
                    })
                    .collect();
                return Ok(Some(
                    StepSpec::new(
                        RANGE_STEP,
                        c.flow.range_prompt.clone(),
                        InputKind::Choice {
                            choices,
                            multiple: false,
                            min_selected: 1,
                            max_selected: 1,
                        },
                    )
                    .help(c.flow.range_help.clone()),
                ));
            }
            for (id, prompt) in [
                (MIN_LABEL_STEP, &c.flow.min_label_prompt),
                (MAX_LABEL_STEP, &c.flow.max_label_prompt),
            ] {
                if !a.has(id) {
                    return Ok(Some(
                        Self::text_step(
                            id,
                            content::fill(prompt, &numbers),
                            &c.flow.label_help,
                            ANCHOR_LABEL_MAX,
                            false,
                        )
                        .optional(),
                    ));
                }
            }
        }
        let Some(value) = a.scale(VALUE_STEP) else {
            let (lo, hi) = self.labels(a);
            let subject = self.subject(a);
            return Ok(Some(StepSpec::new(
                VALUE_STEP,
                content::question(t, subject.as_deref(), min, max),
                InputKind::Scale {
                    min,
                    max,
                    anchors: content::anchors(t, min, max, lo.as_deref(), hi.as_deref()),
                },
            )));
        };
        for f in content::follow_ups(c, t, value, min, max) {
            if !a.has(&f.id) {
                return Ok(Some(
                    Self::text_step(&f.id, f.prompt, &f.help, FOLLOW_UP_MAX, true).optional(),
                ));
            }
        }
        if t.asks_note && !a.has(NOTE_STEP) {
            return Ok(Some(
                Self::text_step(
                    NOTE_STEP,
                    c.flow.note_prompt.clone(),
                    &c.flow.note_help,
                    crate::rules::LONG_TEXT,
                    true,
                )
                .optional(),
            ));
        }
        // Last, so answers given up front in the old order (number, note) still fit.
        if t.asks_feelings && !a.has(FEELINGS_STEP) {
            let f = &c.feelings;
            let choices = f
                .words
                .iter()
                .map(|w| ChoiceOption {
                    id: w.id.clone(),
                    label: w.label.clone(),
                    help: None,
                })
                .collect();
            return Ok(Some(
                StepSpec::new(
                    FEELINGS_STEP,
                    f.prompt.clone(),
                    InputKind::Choice {
                        choices,
                        multiple: true,
                        min_selected: 1,
                        max_selected: f.max_selected,
                    },
                )
                .help(f.help.clone())
                .optional(),
            ));
        }
        Ok(None)
    }

    fn total_steps(&self, a: &Answers) -> u32 {
        let t = self.template;
        let mut n = 1; // the number
        if self.asks_subject() {
            n += 1;
        }
        if self.asks_range() {
            n += 3;
        }
        n += match a.scale(VALUE_STEP) {
            Some(v) => content::follow_ups(self.c, t, v, self.min(a), self.c.max).len(),
            None => self.c.follow_up_defs(t).len(),
        };
        if t.asks_note {
            n += 1;
        }
        if t.asks_feelings {
            n += 1;
        }
        n as u32
    }

    /// The subject must still read as something after tidying ("to." is nothing).
    fn check(&self, step: &StepSpec, answer: &Answer, _a: &Answers) -> Result<()> {
        if step.id == subject_step_id(self.template) {
            if let Answer::Text { text } = answer {
                let probe = ScalingInput {
                    template: self.template.id.clone(),
                    subject: Some(text.clone()),
                    scale_min: None,
                    value: self.template.allowed_mins.first().copied().unwrap_or(0),
                    follow_ups: vec![],
                    note: None,
                    feelings: vec![],
                    min_label: None,
                    max_label: None,
                    date: None,
                    time: None,
                };
                store::prepare(self.c, &probe).map_err(|e| e.for_field(&step.id))?;
            }
        }
        Ok(())
    }

    fn summary(&self, a: &Answers) -> Result<SummaryParts> {
        let c = self.c;
        let t = self.template;
        let p = store::prepare(c, &self.input(a)?)?;
        let mut vars = content::number_vars(p.value, p.min, p.max);
        vars.push(("title", t.title.clone()));
        let mut parts = SummaryParts {
            headline: Some(content::fill(&c.summary.headline, &vars)),
            advice: t.advice.clone(),
            ..Default::default()
        };
        if let (Some(s), Some(step)) = (&p.subject, c.subject_steps.get(&t.id)) {
            parts.item(step.label.clone(), s.clone());
        }
        parts.item(
            c.summary.value_label.clone(),
            store::value_phrase(c, p.value, p.min, p.max),
        );
        for f in &p.follow_ups {
            parts.item(f.prompt.clone(), f.answer.clone());
        }
        if let Some(n) = &p.note {
            parts.item(c.summary.note_label.clone(), n.clone());
        }
        if !p.feelings.is_empty() {
            let words: Vec<&str> = p
                .feelings
                .iter()
                .filter_map(|id| c.feelings.label_of(id))
                .collect();
            parts.item(c.feelings.label.clone(), words.join(", "));
        }
        if let Some(fa) = &t.follow_up_advice {
            let named = p
                .follow_ups
                .iter()
                .any(|f| f.follow_up_id == fa.follow_up && !f.answer.trim().is_empty());
            parts.advice.push(if named {
                fa.answered.clone()
            } else {
                fa.not_answered.clone()
            });
        }
        if t.gentle_flag_at_min && p.value == p.min {
            parts.flags.push(SafetyFlag {
                code: c.lowest_flag.code,
                title: c.lowest_flag.title.clone(),
                detail: c.lowest_flag.detail.clone(),
                show_help_now: false,
            });
        }
        Ok(parts)
    }

    fn save(&self, tx: &Transaction, now: Moment, a: &Answers) -> Result<String> {
        let p = store::prepare(self.c, &self.input(a)?)?;
        match &self.editing {
            // The moment it was lived stays; only what was answered changes.
            Some(e) => {
                let at = store::entry_time(tx, &e.id)?;
                store::update(tx, &e.id, &p, at, now)?;
                Ok(e.id.clone())
            }
            None => store::insert(tx, &p, now, now),
        }
    }

    fn subject_id(&self) -> Option<String> {
        match &self.editing {
            Some(e) => Some(format!("{}{}", crate::flow::EDIT_PREFIX, e.id)),
            None => self.preset.as_ref().map(|s| s.id.clone()),
        }
    }

    fn prefill(&self) -> Vec<(String, Answer)> {
        let Some(e) = &self.editing else {
            return vec![];
        };
        let text_or_skip = |t: Option<&str>| match t {
            Some(t) => Answer::Text { text: t.into() },
            None => Answer::Skip,
        };
        let t = self.template;
        let mut out = vec![(VALUE_STEP.to_string(), Answer::Scale { value: e.value })];
        for f in content::follow_ups(self.c, t, e.value, e.scale_min, e.scale_max) {
            let stored = e.follow_ups.iter().find(|s| s.follow_up_id == f.id);
            out.push((f.id, text_or_skip(stored.map(|s| s.answer.as_str()))));
        }
        if t.asks_note {
            out.push((NOTE_STEP.into(), text_or_skip(e.note.as_deref())));
        }
        if t.asks_feelings {
            let ids: Vec<String> = e.feelings.iter().map(|f| f.id.clone()).collect();
            out.push((
                FEELINGS_STEP.into(),
                if ids.is_empty() {
                    Answer::Skip
                } else {
                    Answer::Choices { ids }
                },
            ));
        }
        out
    }
}
