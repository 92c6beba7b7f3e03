//! The guided flows: a new worksheet, and the review of its change.

use super::*;
use crate::ids::{ToolGroup, ToolId};

pub(super) const S_INTRO: &str = "intro";
pub(super) const S_LINKS: &str = "links";
pub(super) const S_START: &str = "start";
pub(super) const S_CHANGE: &str = "change";
pub(super) const S_TITLE: &str = "title";

pub(super) fn intensity_step(i: usize) -> String {
    format!("intensity-{}", i + 1)
}

pub(super) fn scale(c: &Content) -> InputKind {
    InputKind::Scale {
        min: 0,
        max: 100,
        anchors: c.intensity.anchors.clone(),
    }
}

pub(super) fn area_list_input() -> InputKind {
    InputKind::TextList {
        max_items: MAX_AREA_ITEMS as u32,
        max_chars: AREA_ITEM_MAX as u32,
    }
}

pub(super) fn link_id(from: FiveAreasArea, to: FiveAreasArea) -> String {
    format!("{}>{}", from.id(), to.id())
}

pub(super) fn parse_link_id(id: &str) -> Option<(FiveAreasArea, FiveAreasArea)> {
    let (a, b) = id.split_once('>')?;
    Some((FiveAreasArea::from_id(a)?, FiveAreasArea::from_id(b)?))
}

/// Walks a new worksheet: intro, situation, thoughts, feelings (a list, then a 0–100 rating
/// for each), body, behaviour, arrows, start area, the change, and an optional title.
pub(super) struct WorksheetFlow;

impl WorksheetFlow {
    /// The worksheet the answers so far describe (complete once the flow is).
    fn sheet(a: &Answers) -> Result<Sheet> {
        let names = a.items(FiveAreasArea::Feelings.id());
        let feelings = names
            .iter()
            .enumerate()
            .map(|(i, n)| FiveAreasFeeling {
                name: n.clone(),
                intensity: a.scale(&intensity_step(i)).unwrap_or(0),
            })
            .collect();
        let links = a
            .choices(S_LINKS)
            .iter()
            .filter_map(|id| parse_link_id(id))
            .map(|(from_area, to_area)| FiveAreasLink {
                from_area,
                to_area,
                note: None,
            })
            .collect();
        let change = match (
            a.choice(S_START).and_then(FiveAreasArea::from_id),
            a.text(S_CHANGE),
        ) {
            (Some(start_area), Some(t)) => Some(FiveAreasChange {
                start_area,
                change: t.to_string(),
            }),
            _ => None,
        };
        check_sheet(&FiveAreasInput {
            title: a.text(S_TITLE).map(str::to_string),
            situation: a.text(FiveAreasArea::Situation.id()).map(str::to_string),
            thoughts: a.items(FiveAreasArea::Thoughts.id()).to_vec(),
            feelings,
            physical: a.items(FiveAreasArea::Physical.id()).to_vec(),
            behaviour: a.items(FiveAreasArea::Behaviour.id()).to_vec(),
            links,
            change,
            complete: true,
            ..Default::default()
        })
    }

    /// The areas answered so far, in order (the arrows may only join these).
    fn filled(a: &Answers) -> Vec<FiveAreasArea> {
        FiveAreasArea::ALL
            .into_iter()
            .filter(|area| match area {
                FiveAreasArea::Situation => a.text(area.id()).is_some(),
                _ => !a.items(area.id()).is_empty(),
            })
            .collect()
    }

    fn area_step(c: &Content, area: FiveAreasArea, input: InputKind) -> Result<StepSpec> {
        let t = c.area(area)?;
        Ok(StepSpec::new(area.id(), &t.prompt, input).help(&t.help))
    }
}

impl FlowDef for WorksheetFlow {
    fn tool(&self) -> ToolId {
        ToolId::FiveAreas
    }

    fn title(&self) -> String {
        content()
            .map(|c| c.tool.title.clone())
            .unwrap_or_else(|_| TOOL.into())
    }

    fn next_step(&self, a: &Answers) -> Result<Option<StepSpec>> {
        let c = content()?;
        use FiveAreasArea::*;
        if !a.has(S_INTRO) {
            return Ok(Some(
                StepSpec::new(S_INTRO, &c.intro.prompt, InputKind::Info).help(&c.intro.help),
            ));
        }
        if !a.has(Situation.id()) {
            let input = InputKind::Text {
                multiline: true,
                max_chars: LONG_TEXT as u32,
            };
            return Ok(Some(Self::area_step(c, Situation, input)?));
        }
        if !a.has(Thoughts.id()) {
            return Ok(Some(Self::area_step(c, Thoughts, area_list_input())?));
        }
        if !a.has(Feelings.id()) {
            let input = InputKind::TextList {
                max_items: MAX_FEELINGS as u32,
                max_chars: FEELING_NAME_MAX as u32,
            };
            return Ok(Some(Self::area_step(c, Feelings, input)?));
        }
        for (i, name) in a.items(Feelings.id()).iter().enumerate() {
            let id = intensity_step(i);
            if !a.has(&id) {
                return Ok(Some(
                    StepSpec::new(id, c.intensity.prompt.replace("{feeling}", name), scale(c))
                        .help(&c.intensity.help),
                ));
            }
        }
        for area in [Physical, Behaviour] {
            if !a.has(area.id()) {
                return Ok(Some(
                    Self::area_step(c, area, area_list_input())?.optional(),
                ));
            }
        }
        if !a.has(S_LINKS) {
            let filled = Self::filled(a);
            let mut choices = vec![];
            for &from in &filled {
                for &to in &filled {
                    if from != to {
                        choices.push(ChoiceOption {
                            id: link_id(from, to),
                            label: c.arrow(from, to),
                            help: None,
                        });
                    }
                }
            }
            let n = choices.len() as u32;
            return Ok(Some(
                StepSpec::new(
                    S_LINKS,
                    &c.links.prompt,
                    InputKind::Choice {
                        choices,
                        multiple: true,
                        min_selected: 1,
                        max_selected: n,
                    },
                )
                .help(&c.links.help)
                .optional(),
            ));
        }
        if !a.has(S_START) {
            let choices = c
                .areas
                .iter()
                .map(|t| ChoiceOption {
                    id: t.id.id().into(),
                    label: t.name.clone(),
                    help: Some(t.change_idea.clone()),
                })
                .collect();
            return Ok(Some(
                StepSpec::new(
                    S_START,
                    &c.start.prompt,
                    InputKind::Choice {
                        choices,
                        multiple: false,
                        min_selected: 1,
                        max_selected: 1,
                    },
                )
                .help(&c.start.help),
            ));
        }
        if !a.has(S_CHANGE) {
            let area = a
                .choice(S_START)
                .and_then(FiveAreasArea::from_id)
                .ok_or_else(|| Error::internal("the start area is missing"))?;
            let help = format!("{}\n\n{}", c.change.help, c.area(area)?.change_idea);
            return Ok(Some(
                StepSpec::new(
                    S_CHANGE,
                    &c.change.prompt,
                    InputKind::Text {
                        multiline: false,
                        max_chars: SHORT_TEXT as u32,
                    },
                )
                .help(help),
            ));
        }
        if !a.has(S_TITLE) {
            return Ok(Some(
                StepSpec::new(
                    S_TITLE,
                    &c.title_step.prompt,
                    InputKind::Text {
                        multiline: false,
                        max_chars: TITLE_MAX as u32,
                    },
                )
                .help(&c.title_step.help)
                .optional(),
            ));
        }
        Ok(None)
    }

    fn total_steps(&self, a: &Answers) -> u32 {
        // intro, 5 areas, links, start, change, title, plus a rating per feeling (at least
        // one before the feelings are named).
        10 + a.items(FiveAreasArea::Feelings.id()).len().max(1) as u32
    }

    fn check(&self, step: &StepSpec, answer: &Answer, _: &Answers) -> Result<()> {
        if let (true, Answer::TextList { items }) =
            (step.id == FiveAreasArea::Feelings.id(), answer)
        {
            feeling_names(items)?;
        }
        Ok(())
    }

    fn summary(&self, a: &Answers) -> Result<SummaryParts> {
        let c = content()?;
        let s = Self::sheet(a)?;
        let none = || c.labels.none.clone();
        let join = |v: &[String]| if v.is_empty() { none() } else { v.join("; ") };
        let mut p = SummaryParts::default();
        if let Some(ch) = &s.change {
            p.headline = Some(
                c.labels
                    .summary_headline
                    .replace("{area}", &c.area_name(ch.start_area)),
            );
        }
        use FiveAreasArea::*;
        p.item(
            c.area_name(Situation),
            s.situation.clone().unwrap_or_else(none),
        );
        p.item(c.area_name(Thoughts), join(&s.thoughts));
        let feelings: Vec<String> = s.feelings.iter().map(|f| c.feeling_line(f)).collect();
        p.item(c.area_name(Feelings), join(&feelings));
        p.item(c.area_name(Physical), join(&s.physical));
        p.item(c.area_name(Behaviour), join(&s.behaviour));
        let arrows: Vec<String> = s
            .links
            .iter()
            .map(|l| c.arrow(l.from_area, l.to_area))
            .collect();
        p.item(&c.labels.links, join(&arrows));
        if let Some(ch) = &s.change {
            p.item(&c.change.prompt, c.change_line(ch));
        }
        p.advice.push(c.labels.advice.clone());
        Ok(p)
    }

    fn save(&self, tx: &Transaction, now: Moment, a: &Answers) -> Result<String> {
        let sheet = Self::sheet(a)?;
        let id = validate::new_id();
        write_sheet(tx, &id, now, now, &sheet)?;
        Ok(id)
    }
}

/// Reviews the change of one worksheet: tried?, what happened, a new rating per feeling
/// (each optional), and the next step.
pub(super) struct ReviewFlow {
    pub(super) worksheet_id: String,
    pub(super) change: FiveAreasChange,
    pub(super) feelings: Vec<FiveAreasFeeling>,
}

pub(super) const S_TRIED: &str = "tried";
pub(super) const S_HAPPENED: &str = "what-happened";
pub(super) const S_NEXT: &str = "next-step";

pub(super) fn rerate_step(i: usize) -> String {
    format!("rerate-{}", i + 1)
}

impl ReviewFlow {
    fn review(&self, a: &Answers) -> Result<CheckedReview> {
        let tried = a
            .choice(S_TRIED)
            .and_then(FiveAreasTried::from_id)
            .ok_or_else(|| Error::out_of_order("the review is not complete"))?;
        let rerated = self
            .feelings
            .iter()
            .enumerate()
            .filter_map(|(i, f)| {
                a.scale(&rerate_step(i)).map(|v| FiveAreasFeeling {
                    name: f.name.clone(),
                    intensity: v,
                })
            })
            .collect();
        check_review(
            &self.feelings,
            &FiveAreasReviewInput {
                tried,
                what_happened: a.text(S_HAPPENED).map(str::to_string),
                rerated,
                next_step: a.text(S_NEXT).map(str::to_string),
            },
        )
    }
}

impl FlowDef for ReviewFlow {
    fn tool(&self) -> ToolId {
        ToolId::FiveAreasReview
    }

    fn title(&self) -> String {
        content()
            .map(|c| c.review_tool.title.clone())
            .unwrap_or_else(|_| TOOL_REVIEW.into())
    }

    fn next_step(&self, a: &Answers) -> Result<Option<StepSpec>> {
        let c = content()?;
        let r = &c.review;
        if !a.has(S_TRIED) {
            let choices = c
                .tried
                .iter()
                .map(|t| ChoiceOption {
                    id: t.id.id().into(),
                    label: t.label.clone(),
                    help: None,
                })
                .collect();
            return Ok(Some(
                StepSpec::new(
                    S_TRIED,
                    r.tried_prompt.replace("{change}", &self.change.change),
                    InputKind::Choice {
                        choices,
                        multiple: false,
                        min_selected: 1,
                        max_selected: 1,
                    },
                )
                .help(&r.tried_help),
            ));
        }
        if !a.has(S_HAPPENED) {
            return Ok(Some(
                StepSpec::new(
                    S_HAPPENED,
                    &r.what_happened_prompt,
                    InputKind::Text {
                        multiline: true,
                        max_chars: LONG_TEXT as u32,
                    },
                )
                .help(&r.what_happened_help)
                .optional(),
            ));
        }
        for (i, f) in self.feelings.iter().enumerate() {
            let id = rerate_step(i);
            if !a.has(&id) {
                let prompt = r
                    .rerate_prompt
                    .replace("{feeling}", &f.name)
                    .replace("{before}", &f.intensity.to_string());
                return Ok(Some(
                    StepSpec::new(id, prompt, scale(c))
                        .help(&r.rerate_help)
                        .optional(),
                ));
            }
        }
        if !a.has(S_NEXT) {
            return Ok(Some(
                StepSpec::new(
                    S_NEXT,
                    &r.next_step_prompt,
                    InputKind::Text {
                        multiline: false,
                        max_chars: SHORT_TEXT as u32,
                    },
                )
                .help(&r.next_step_help)
                .optional(),
            ));
        }
        Ok(None)
    }

    fn total_steps(&self, _: &Answers) -> u32 {
        3 + self.feelings.len() as u32
    }

    fn summary(&self, a: &Answers) -> Result<SummaryParts> {
        let c = content()?;
        let r = self.review(a)?;
        let tried = c.tried(r.tried)?;
        let mut p = SummaryParts {
            headline: Some(c.labels.review_line.replace("{tried}", &tried.label)),
            ..Default::default()
        };
        p.item(&c.change.prompt, c.change_line(&self.change));
        p.item(
            &c.review.what_happened_prompt,
            r.what_happened
                .clone()
                .unwrap_or_else(|| c.labels.none.clone()),
        );
        for f in &r.rerated {
            p.item(
                c.area_name(FiveAreasArea::Feelings),
                c.labels
                    .feeling_change
                    .replace("{feeling}", &f.name)
                    .replace("{before}", &f.before.to_string())
                    .replace("{after}", &f.after.to_string()),
            );
        }
        if let Some(n) = &r.next_step {
            p.item(&c.review.next_step_prompt, n);
        }
        p.advice.push(tried.advice.clone());
        Ok(p)
    }

    fn save(&self, tx: &Transaction, now: Moment, a: &Answers) -> Result<String> {
        // Re-read: the worksheet may have been changed or deleted while the flow was open.
        let w = load(tx, &self.worksheet_id)?;
        reviewable(&w)?;
        let r = self.review(a)?;
        // Ratings of feelings renamed meanwhile cannot be matched: keep the rest.
        let kept: Vec<FiveAreasFeeling> = r
            .rerated
            .iter()
            .filter(|x| w.feelings.iter().any(|f| f.name == x.name))
            .map(|x| FiveAreasFeeling {
                name: x.name.clone(),
                intensity: x.after,
            })
            .collect();
        let r = check_review(
            &w.feelings,
            &FiveAreasReviewInput {
                tried: r.tried,
                what_happened: r.what_happened,
                rerated: kept,
                next_step: r.next_step,
            },
        )?;
        write_review(tx, &self.worksheet_id, now, &r)?;
        Ok(self.worksheet_id.clone())
    }

    fn subject_id(&self) -> Option<String> {
        Some(self.worksheet_id.clone())
    }
}

pub(super) fn tools() -> Vec<ToolInfo> {
    let Ok(c) = content() else {
        return vec![];
    };
    vec![
        ToolInfo {
            id: ToolId::FiveAreas,
            title: c.tool.title.clone(),
            summary: c.tool.summary.clone(),
            group: ToolGroup::FiveAreas,
            needs_subject: false,
        },
        ToolInfo {
            id: ToolId::FiveAreasReview,
            title: c.review_tool.title.clone(),
            summary: c.review_tool.summary.clone(),
            group: ToolGroup::FiveAreas,
            needs_subject: true,
        },
    ]
}

pub(super) fn make(
    tool: &str,
    subject: Option<&str>,
    conn: &Connection,
    _now: Moment,
) -> Result<Option<Box<dyn FlowDef>>> {
    match tool {
        TOOL => Ok(Some(Box::new(WorksheetFlow))),
        TOOL_REVIEW => {
            let subject = subject
                .ok_or_else(|| Error::invalid("subject_id", crate::rules::RuleCode::Required))?;
            let id = validate::id_arg("worksheet", subject)?;
            let w = load(conn, &id)?;
            reviewable(&w)?;
            let change = w
                .change
                .ok_or_else(|| Error::out_of_order("no change to review"))?;
            Ok(Some(Box::new(ReviewFlow {
                worksheet_id: id,
                change,
                feelings: w.feelings,
            })))
        }
        _ => Ok(None),
    }
}

/// The Five Areas flows, for `flow::modules()`.
pub(crate) const MODULE: ToolModule = ToolModule { tools, make };
