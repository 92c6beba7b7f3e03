//! The guided safety plan: one step a section, each a short list.

use rusqlite::{Connection, Transaction};

use crate::clock::Moment;
use crate::crisis::content::content;
use crate::error::Result;
use crate::flow::{
    Answer, Answers, FlowDef, InputKind, StepSpec, SummaryParts, ToolInfo, ToolModule,
};
use crate::ids::{SafetyPlanSectionKind, ToolGroup, ToolId};
use crate::rules::{MAX_LIST_ITEMS, SHORT_TEXT};

use super::store::*;

/// Walks the sections in order. The engine offers `previous_answer` only for steps undone
/// with "back" and a tool cannot seed it, so the current items are shown in each step's help
/// instead, and `Skip` keeps a section as it is; a list answer replaces the section.
struct PlanFlow {
    current: SectionItems,
}

const INTRO: &str = "intro";

impl PlanFlow {
    fn current(&self, kind: SafetyPlanSectionKind) -> &[String] {
        self.current
            .iter()
            .find(|(k, _)| *k == kind)
            .map(|(_, i)| i.as_slice())
            .unwrap_or(&[])
    }

    /// The section's items after the flow: the answer if one was given, else as they were.
    fn result(&self, kind: SafetyPlanSectionKind, a: &Answers) -> Vec<String> {
        match a.get(kind.id()) {
            Some(Answer::TextList { items }) => items.clone(),
            _ => self.current(kind).to_vec(),
        }
    }
}

impl FlowDef for PlanFlow {
    fn tool(&self) -> ToolId {
        ToolId::SafetyPlan
    }

    fn title(&self) -> String {
        content()
            .map(|c| c.plan.title.clone())
            .unwrap_or_else(|_| TOOL_PLAN.into())
    }

    fn next_step(&self, a: &Answers) -> Result<Option<StepSpec>> {
        let c = content()?;
        if !a.has(INTRO) {
            return Ok(Some(
                StepSpec::new(INTRO, &c.plan.intro_prompt, InputKind::Info)
                    .help(&c.plan.intro_help),
            ));
        }
        for s in &c.sections {
            if a.has(s.id.id()) {
                continue;
            }
            let current = self.current(s.id);
            let extra = if current.is_empty() {
                c.plan.empty_help.clone()
            } else {
                c.plan.keep_help.replace("{items}", &current.join("; "))
            };
            return Ok(Some(
                StepSpec::new(
                    s.id.id(),
                    &s.prompt,
                    InputKind::TextList {
                        max_items: MAX_LIST_ITEMS as u32,
                        max_chars: SHORT_TEXT as u32,
                    },
                )
                .help(format!("{}\n\n{}", s.help, extra))
                .optional(),
            ));
        }
        Ok(None)
    }

    fn total_steps(&self, _: &Answers) -> u32 {
        1 + SafetyPlanSectionKind::ALL.len() as u32
    }

    fn check(&self, step: &StepSpec, answer: &Answer, _: &Answers) -> Result<()> {
        if let (Some(kind), Answer::TextList { items }) =
            (SafetyPlanSectionKind::from_id(&step.id), answer)
        {
            check_section(kind, items)?;
        }
        Ok(())
    }

    fn summary(&self, a: &Answers) -> Result<SummaryParts> {
        let c = content()?;
        let mut p = SummaryParts {
            headline: Some(c.plan.headline.clone()),
            advice: c.plan.advice.clone(),
            ..Default::default()
        };
        for s in &c.sections {
            let items = self.result(s.id, a);
            let value = if items.is_empty() {
                c.plan.empty_section.clone()
            } else {
                items.join("; ")
            };
            p.item(&s.title, value);
        }
        Ok(p)
    }

    fn save(&self, tx: &Transaction, now: Moment, a: &Answers) -> Result<String> {
        let id = touch_plan(tx, now)?;
        for kind in SafetyPlanSectionKind::ALL {
            if let Some(Answer::TextList { items }) = a.get(kind.id()) {
                write_section(tx, &id, kind, items)?;
            }
        }
        Ok(id)
    }
}

fn tools() -> Vec<ToolInfo> {
    let (title, summary) = content()
        .map(|c| (c.plan.title.clone(), c.plan.summary.clone()))
        .unwrap_or_else(|_| (TOOL_PLAN.into(), String::new()));
    vec![ToolInfo {
        id: ToolId::SafetyPlan,
        title,
        summary,
        group: ToolGroup::Safety,
        needs_subject: false,
    }]
}

fn make(
    tool: &str,
    _subject: Option<&str>,
    conn: &Connection,
    _now: Moment,
) -> Result<Option<Box<dyn FlowDef>>> {
    if tool != TOOL_PLAN {
        return Ok(None);
    }
    let (current, _) = read_items(conn)?;
    Ok(Some(Box::new(PlanFlow { current })))
}

/// The safety module's flows, for `flow::modules()`.
pub(crate) const MODULE: ToolModule = ToolModule { tools, make };
