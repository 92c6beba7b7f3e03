//! Every step of every tool, reached by walking each tool twice (lowest and highest answers,
//! first and last choices) on a store of `profile`, with the records the reviewing tools
//! look back at made first.

use crate::flow::{Answer, FlowProgress, InputKind, Step};
use crate::ids::{Profile, ToolId};
use crate::store::WellbeingStore;

fn answer(step: &Step, high: bool) -> Answer {
    match &step.input {
        InputKind::Scale { min, max, .. } => Answer::Scale {
            value: if high { *max } else { *min },
        },
        InputKind::Choice { choices, .. } => Answer::Choices {
            ids: vec![if high {
                choices[choices.len() - 1].id.clone()
            } else {
                choices[0].id.clone()
            }],
        },
        InputKind::Text { .. } => Answer::Text {
            text: "A few words".into(),
        },
        InputKind::TextList { .. } => Answer::TextList {
            items: vec!["Mum".into(), "Library".into()],
        },
        InputKind::Info => Answer::Continue,
    }
}

/// Walks `tool` to its end on `c`, saving it; every step met.
fn walk(c: &WellbeingStore, tool: ToolId, subject: Option<String>, high: bool) -> Vec<Step> {
    let mut seen = vec![];
    let Ok(mut p) = c.start_flow(tool, subject) else {
        return seen;
    };
    loop {
        match p {
            FlowProgress::Next { step } => {
                let a = answer(&step, high);
                let id = step.flow_id.clone();
                seen.push(step);
                p = match c.answer_flow(id.clone(), a) {
                    Ok(p) => p,
                    Err(_) => return seen,
                };
            }
            FlowProgress::Complete { summary } => {
                let _ = c.save_flow(summary.flow_id);
                return seen;
            }
        }
    }
}

/// The subject a reviewing tool needs: the newest record of the tool it reviews.
fn subject(c: &WellbeingStore, tool: ToolId) -> Option<String> {
    let of = match tool {
        ToolId::FiveWaysReview => ToolId::FiveWaysPlan,
        ToolId::FiveAreasReview => ToolId::FiveAreas,
        ToolId::ConnectionsRemap => ToolId::ConnectionsMap,
        ToolId::ConnectionsReview => ToolId::ConnectionsPlan,
        _ => return None,
    };
    c.records(of, 1).ok()?.rows.first().map(|r| r.id.clone())
}

pub(crate) fn every_step(profile: Profile) -> Vec<Step> {
    let mut out = vec![];
    for high in [false, true] {
        let c = WellbeingStore::open_in_memory().unwrap();
        c.set_profile(profile).unwrap();
        for tool in ToolId::ALL {
            let s = subject(&c, *tool);
            out.extend(walk(&c, *tool, s, high));
        }
    }
    out
}
