//! The guided flows "phq9", "gad7", "ons4" and "swemwbs": an information step (instructions
//! with the licence and any required copyright line), then one step per item with its
//! answer labels. The summary is the same wording as a stored result, so the PHQ-9 item 9
//! flag leads it whether the person saves or not.

use rusqlite::{Connection, Transaction};

use super::content::content;
use super::describe::describe;
use super::scoring::{self, Kind};
use super::store::insert;
use crate::clock::Moment;
use crate::error::{Error, Result};
use crate::flow::{Answers, FlowDef, InputKind, StepSpec, SummaryParts, ToolInfo, ToolModule};
use crate::ids::{ToolGroup, ToolId};

pub(crate) const MODULE: ToolModule = ToolModule { tools, make };

const INTRO: &str = "intro";

fn tools() -> Vec<ToolInfo> {
    let Ok(c) = content() else {
        return vec![];
    };
    scoring::ALL
        .iter()
        .filter_map(|k| c.measure(*k).ok().map(|m| (k, m)))
        .map(|(k, m)| ToolInfo {
            id: k.measure_id().tool(),
            title: m.title.clone(),
            summary: m.about.clone(),
            group: ToolGroup::Measures,
            needs_subject: false,
        })
        .collect()
}

fn make(
    tool: &str,
    subject: Option<&str>,
    _conn: &Connection,
    _now: Moment,
) -> Result<Option<Box<dyn FlowDef>>> {
    let Some(kind) = Kind::from_id(tool) else {
        return Ok(None);
    };
    if subject.is_some() {
        return Err(Error::invalid(
            "subject_id",
            crate::rules::RuleCode::NotApplicable,
        ));
    }
    Ok(Some(Box::new(MeasureFlow { kind })))
}

struct MeasureFlow {
    kind: Kind,
}

impl MeasureFlow {
    /// The item answers in order, once every item is answered.
    fn answers(&self, a: &Answers) -> Result<Vec<i32>> {
        let m = content()?.measure(self.kind)?;
        m.items
            .iter()
            .map(|it| {
                a.scale(&it.id)
                    .ok_or_else(|| Error::out_of_order("this flow is not complete yet"))
            })
            .collect()
    }
}

impl FlowDef for MeasureFlow {
    fn tool(&self) -> ToolId {
        self.kind.measure_id().tool()
    }

    fn title(&self) -> String {
        content()
            .and_then(|c| c.measure(self.kind).map(|m| m.title.clone()))
            .unwrap_or_else(|_| self.kind.id().to_string())
    }

    fn next_step(&self, a: &Answers) -> Result<Option<StepSpec>> {
        let m = content()?.measure(self.kind)?;
        if !a.has(INTRO) {
            let mut help = m.licence.text.clone();
            if let Some(c) = &m.copyright {
                help = format!("{}\n\n{help}", c.text);
            }
            return Ok(Some(
                StepSpec::new(INTRO, m.instructions.clone(), InputKind::Info).help(help),
            ));
        }
        let (min, max) = self.kind.answer_range();
        for (i, item) in m.items.iter().enumerate() {
            if !a.has(&item.id) {
                return Ok(Some(
                    StepSpec::new(
                        item.id.clone(),
                        item.text.clone(),
                        InputKind::Scale {
                            min,
                            max,
                            anchors: m.item_anchors(i),
                        },
                    )
                    .help(m.stem.clone()),
                ));
            }
        }
        Ok(None)
    }

    fn total_steps(&self, _: &Answers) -> u32 {
        1 + self.kind.item_count() as u32
    }

    fn summary(&self, a: &Answers) -> Result<SummaryParts> {
        let c = content()?;
        let m = c.measure(self.kind)?;
        let answers = self.answers(a)?;
        let s = scoring::score(self.kind, &answers)?;
        let d = describe(c, &s)?;
        let mut p = SummaryParts {
            headline: Some(d.headline),
            flags: d.flags,
            advice: d.advice,
            ..Default::default()
        };
        if !d.subscores.is_empty() {
            for sub in &d.subscores {
                p.item(sub.label.clone(), sub.text.clone());
            }
        } else {
            for (i, (item, v)) in m.items.iter().zip(&answers).enumerate() {
                p.item(item.text.clone(), m.answer_label(i, *v));
            }
        }
        Ok(p)
    }

    fn save(&self, tx: &Transaction, now: Moment, a: &Answers) -> Result<String> {
        let s = scoring::score(self.kind, &self.answers(a)?)?;
        insert(tx, &now, &now, &s)
    }
}
