//! Guided flows for the Five Ways: log an activity, plan the week, review the plan. Each can
//! be walked in conversation and saved or let go; the wording comes from the content file.

use chrono::{Duration, NaiveDate};
use rusqlite::{Connection, Transaction};

use super::content::{self, fill, FlowText};
use super::{
    entries, plans, views, way_ref, week_label, FiveWaysIntentionOutcome, FiveWaysOutcome,
    FiveWaysPlan, FiveWaysReviewInput, MAX_INTENTIONS,
};
use crate::clock::{fmt_date, week_start, Moment};
use crate::error::{Error, Result};
use crate::flow::{
    Answer, Answers, ChoiceOption, FlowDef, InputKind, StepSpec, SummaryParts, ToolInfo, ToolModule,
};
use crate::ids::{ToolGroup, ToolId, WayId};
use crate::rules::{LONG_TEXT, SHORT_TEXT};
use crate::validate;

pub(crate) const LOG: &str = "five-ways-log";
pub(crate) const PLAN: &str = "five-ways-plan";
pub(crate) const REVIEW: &str = "five-ways-review";

/// The Five Ways entry in `flow::modules()`.
pub(crate) const MODULE: ToolModule = ToolModule { tools, make };

fn text() -> &'static FlowText {
    &content::content().flows
}

fn tools() -> Vec<ToolInfo> {
    let t = text();
    [
        (ToolId::FiveWaysLog, &t.log_title, &t.log_summary),
        (ToolId::FiveWaysPlan, &t.plan_title, &t.plan_summary),
        (ToolId::FiveWaysReview, &t.review_title, &t.review_summary),
    ]
    .into_iter()
    .map(|(id, title, summary)| ToolInfo {
        id,
        title: title.clone(),
        summary: summary.clone(),
        group: ToolGroup::FiveWays,
        needs_subject: false,
    })
    .collect()
}

fn make(
    tool: &str,
    subject: Option<&str>,
    conn: &Connection,
    now: Moment,
) -> Result<Option<Box<dyn FlowDef>>> {
    let today = now.date();
    Ok(match tool {
        LOG => {
            let (counts, _) = views::tally(conn, week_start(today), today)?;
            let editing = match crate::flow::edit_target(subject) {
                Some(id) => Some(entries::get(conn, &crate::validate::id_arg("record", id)?)?),
                None => None,
            };
            Some(Box::new(LogFlow {
                editing,
                today,
                untouched: counts
                    .into_iter()
                    .filter(|c| c.count == 0)
                    .map(|c| c.way_id)
                    .collect(),
            }))
        }
        PLAN => {
            let this = week_start(today);
            let next = this + Duration::days(7);
            Some(Box::new(PlanFlow {
                this,
                has_this: plans::for_week(conn, this, today)?.is_some(),
                has_next: plans::for_week(conn, next, today)?.is_some(),
            }))
        }
        REVIEW => {
            let plan = match subject {
                Some(id) => {
                    let id = validate::id_arg("five ways plan", id)?;
                    let p = plans::load(conn, &id, today)?;
                    plans::check_reviewable(&p)?;
                    p
                }
                None => plans::awaiting_review(conn, today, false)?
                    .ok_or_else(|| Error::out_of_order(text().review_none.clone()))?,
            };
            Some(Box::new(ReviewFlow { plan }))
        }
        _ => None,
    })
}

fn way_choices() -> Vec<ChoiceOption> {
    content::content()
        .ways
        .iter()
        .map(|w| ChoiceOption {
            id: w.id.as_str().to_string(),
            label: w.title.clone(),
            help: Some(w.connect5_line.clone()),
        })
        .collect()
}

/// The ways picked on a choice step (the engine has already checked them against the list).
fn chosen_ways(a: &Answers) -> Result<Vec<WayId>> {
    a.choices("ways")
        .iter()
        .map(|w| super::check_way("ways", w))
        .collect()
}

fn outcome_choices() -> Vec<ChoiceOption> {
    content::content()
        .outcomes
        .iter()
        .map(|o| ChoiceOption {
            id: o.id.clone(),
            label: o.label.clone(),
            help: None,
        })
        .collect()
}

fn single(choices: Vec<ChoiceOption>) -> InputKind {
    InputKind::Choice {
        choices,
        multiple: false,
        min_selected: 1,
        max_selected: 1,
    }
}

fn long_text() -> InputKind {
    InputKind::Text {
        multiline: true,
        max_chars: LONG_TEXT as u32,
    }
}

fn titles(ids: &[WayId]) -> String {
    ids.iter()
        .map(|&w| content::way_title(w))
        .collect::<Vec<_>>()
        .join(", ")
}

// ---------------------------------------------------------------------------------------
// Log: what → ways → note
// ---------------------------------------------------------------------------------------

struct LogFlow {
    /// The stored entry being changed, if this flow edits one.
    editing: Option<super::FiveWaysEntry>,
    today: NaiveDate,
    /// Ways with no entry this week when the flow started, for the summary's nudge.
    untouched: Vec<WayId>,
}

impl FlowDef for LogFlow {
    fn tool(&self) -> ToolId {
        ToolId::FiveWaysLog
    }
    fn title(&self) -> String {
        text().log_title.clone()
    }
    fn next_step(&self, a: &Answers) -> Result<Option<StepSpec>> {
        let t = text();
        Ok(if !a.has("what") {
            Some(
                StepSpec::new(
                    "what",
                    &t.log_what_prompt,
                    InputKind::Text {
                        multiline: false,
                        max_chars: SHORT_TEXT as u32,
                    },
                )
                .help(&t.log_what_help),
            )
        } else if !a.has("ways") {
            Some(
                StepSpec::new(
                    "ways",
                    &t.log_ways_prompt,
                    InputKind::Choice {
                        choices: way_choices(),
                        multiple: true,
                        min_selected: 1,
                        max_selected: 5,
                    },
                )
                .help(&t.log_ways_help),
            )
        } else if !a.has("note") {
            Some(
                StepSpec::new("note", &t.log_note_prompt, long_text())
                    .help(&t.log_note_help)
                    .optional(),
            )
        } else {
            None
        })
    }
    fn total_steps(&self, _: &Answers) -> u32 {
        3
    }
    fn summary(&self, a: &Answers) -> Result<SummaryParts> {
        let t = text();
        let e = entries::clean(
            a.text("what").unwrap_or(""),
            &chosen_ways(a)?,
            a.text("note"),
        )?;
        let mut p = SummaryParts {
            headline: Some(fill(&t.logged_headline, &[("ways", &titles(&e.ways))])),
            ..Default::default()
        };
        p.item(&t.label_what, &e.what);
        p.item(&t.label_ways, titles(&e.ways));
        if let Some(n) = &e.note {
            p.item(&t.label_note, n);
        }
        // What is still untouched once this entry counts, and one idea for it.
        let left: Vec<_> = self
            .untouched
            .iter()
            .filter(|w| !e.ways.contains(w))
            .map(|&w| way_ref(w))
            .collect();
        if left.is_empty() {
            p.advice.push(t.all_five_this_week.clone());
        } else {
            let names = left
                .iter()
                .map(|r| r.title.clone())
                .collect::<Vec<_>>()
                .join(", ");
            p.advice
                .push(fill(&t.not_yet_this_week, &[("ways", &names)]));
            let idea = views::pick_idea(&left, self.today)?;
            p.advice.push(fill(&t.advice_try, &[("idea", &idea.text)]));
        }
        Ok(p)
    }
    fn save(&self, tx: &Transaction, now: Moment, a: &Answers) -> Result<String> {
        let e = entries::clean(
            a.text("what").unwrap_or(""),
            &chosen_ways(a)?,
            a.text("note"),
        )?;
        match &self.editing {
            Some(old) => {
                entries::replace(tx, &old.id, &e, now)?;
                Ok(old.id.clone())
            }
            None => entries::insert(tx, &e, now, now),
        }
    }
    fn subject_id(&self) -> Option<String> {
        self.editing
            .as_ref()
            .map(|e| format!("{}{}", crate::flow::EDIT_PREFIX, e.id))
    }
    fn prefill(&self) -> Vec<(String, Answer)> {
        let Some(e) = &self.editing else {
            return vec![];
        };
        vec![
            (
                "what".into(),
                Answer::Text {
                    text: e.what.clone(),
                },
            ),
            (
                "ways".into(),
                Answer::Choices {
                    ids: e.ways.iter().map(|w| w.as_str().to_string()).collect(),
                },
            ),
            (
                "note".into(),
                match &e.note {
                    Some(n) => Answer::Text { text: n.clone() },
                    None => Answer::Skip,
                },
            ),
        ]
    }
}

// ---------------------------------------------------------------------------------------
// Plan: week → intentions → a way for each (optional)
// ---------------------------------------------------------------------------------------

struct PlanFlow {
    /// Monday of the week the flow was started in.
    this: NaiveDate,
    has_this: bool,
    has_next: bool,
}

impl PlanFlow {
    fn monday(&self, a: &Answers) -> NaiveDate {
        if a.choice("week") == Some("next") {
            self.this + Duration::days(7)
        } else {
            self.this
        }
    }
    fn intentions(&self, a: &Answers) -> Vec<plans::CleanIntention> {
        a.items("intentions")
            .iter()
            .enumerate()
            .map(|(i, item)| plans::CleanIntention {
                text: item.clone(),
                way: a.choice(&format!("way-{}", i + 1)).and_then(WayId::parse),
            })
            .collect()
    }
}

impl FlowDef for PlanFlow {
    fn tool(&self) -> ToolId {
        ToolId::FiveWaysPlan
    }
    fn title(&self) -> String {
        text().plan_title.clone()
    }
    fn next_step(&self, a: &Answers) -> Result<Option<StepSpec>> {
        let t = text();
        if !a.has("week") {
            let next = self.this + Duration::days(7);
            let option = |id: &str, which: &str, monday: NaiveDate, has: bool| ChoiceOption {
                id: id.into(),
                label: fill(
                    &t.plan_week_option,
                    &[("which", which), ("week", &week_label(monday))],
                ),
                help: has.then(|| t.plan_replaces.clone()),
            };
            return Ok(Some(StepSpec::new(
                "week",
                &t.plan_week_prompt,
                single(vec![
                    option("this", &t.plan_this_week, self.this, self.has_this),
                    option("next", &t.plan_next_week, next, self.has_next),
                ]),
            )));
        }
        if !a.has("intentions") {
            return Ok(Some(
                StepSpec::new(
                    "intentions",
                    &t.plan_intentions_prompt,
                    InputKind::TextList {
                        max_items: MAX_INTENTIONS as u32,
                        max_chars: SHORT_TEXT as u32,
                    },
                )
                .help(&t.plan_intentions_help),
            ));
        }
        for (i, item) in a.items("intentions").iter().enumerate() {
            let id = format!("way-{}", i + 1);
            if !a.has(&id) {
                return Ok(Some(
                    StepSpec::new(
                        id,
                        fill(&t.plan_way_question, &[("item", item)]),
                        single(way_choices()),
                    )
                    .help(&t.plan_way_help)
                    .optional(),
                ));
            }
        }
        Ok(None)
    }
    fn total_steps(&self, a: &Answers) -> u32 {
        2 + a.items("intentions").len().max(1) as u32
    }
    fn summary(&self, a: &Answers) -> Result<SummaryParts> {
        let t = text();
        let mut p = SummaryParts {
            headline: Some(fill(
                &t.plan_headline,
                &[("week", &week_label(self.monday(a)))],
            )),
            advice: vec![t.plan_advice.clone()],
            ..Default::default()
        };
        for (n, i) in self.intentions(a).iter().enumerate() {
            let way = i
                .way
                .map(content::way_title)
                .unwrap_or_else(|| t.plan_no_way.clone());
            p.item(format!("{}", n + 1), format!("{} ({way})", i.text));
        }
        Ok(p)
    }
    fn save(&self, tx: &Transaction, now: Moment, a: &Answers) -> Result<String> {
        // The week is checked again at saving: a flow left open past Sunday cannot write a
        // plan for a week that has ended.
        let monday = plans::plannable_week(now.date(), Some(&fmt_date(self.monday(a))))
            .map_err(|_| Error::out_of_order("the week of this plan has ended"))?;
        let items = self.intentions(a);
        if items.is_empty() {
            return Err(Error::invalid(
                "intentions",
                crate::rules::RuleCode::TooFewItems,
            ));
        }
        plans::save_plan(tx, monday, &items, now)
    }
}

// ---------------------------------------------------------------------------------------
// Review: outcome → each intention (optional) → what helped → what got in the way
// ---------------------------------------------------------------------------------------

struct ReviewFlow {
    plan: FiveWaysPlan,
}

impl ReviewFlow {
    fn input(&self, a: &Answers) -> Result<FiveWaysReviewInput> {
        let outcome = a
            .choice("outcome")
            .and_then(FiveWaysOutcome::parse)
            .ok_or_else(|| Error::invalid("outcome", crate::rules::RuleCode::Required))?;
        let intention_outcomes = self
            .plan
            .intentions
            .iter()
            .enumerate()
            .filter_map(|(n, i)| {
                a.choice(&format!("intention-{}", n + 1))
                    .and_then(FiveWaysOutcome::parse)
                    .map(|outcome| FiveWaysIntentionOutcome {
                        intention_id: i.id.clone(),
                        outcome,
                    })
            })
            .collect();
        Ok(FiveWaysReviewInput {
            outcome,
            intention_outcomes,
            what_helped: a.text("helped").map(str::to_string),
            what_got_in_the_way: a.text("hindered").map(str::to_string),
        })
    }
}

impl FlowDef for ReviewFlow {
    fn tool(&self) -> ToolId {
        ToolId::FiveWaysReview
    }
    fn title(&self) -> String {
        text().review_title.clone()
    }
    fn next_step(&self, a: &Answers) -> Result<Option<StepSpec>> {
        let t = text();
        if !a.has("outcome") {
            let plan_lines: Vec<String> = self
                .plan
                .intentions
                .iter()
                .map(|i| format!("• {}", i.text))
                .collect();
            return Ok(Some(
                StepSpec::new(
                    "outcome",
                    &t.review_outcome_prompt,
                    single(outcome_choices()),
                )
                .help(format!("{}\n{}", self.plan.label, plan_lines.join("\n"))),
            ));
        }
        for (n, i) in self.plan.intentions.iter().enumerate() {
            let id = format!("intention-{}", n + 1);
            if !a.has(&id) {
                return Ok(Some(
                    StepSpec::new(
                        id,
                        fill(&t.review_intention_question, &[("item", &i.text)]),
                        single(outcome_choices()),
                    )
                    .help(&t.review_intention_help)
                    .optional(),
                ));
            }
        }
        if !a.has("helped") {
            return Ok(Some(
                StepSpec::new("helped", &t.review_helped_prompt, long_text())
                    .help(&t.review_helped_help)
                    .optional(),
            ));
        }
        if !a.has("hindered") {
            return Ok(Some(
                StepSpec::new("hindered", &t.review_hindered_prompt, long_text())
                    .help(&t.review_hindered_help)
                    .optional(),
            ));
        }
        Ok(None)
    }
    fn total_steps(&self, _: &Answers) -> u32 {
        3 + self.plan.intentions.len() as u32
    }
    fn summary(&self, a: &Answers) -> Result<SummaryParts> {
        let t = text();
        let input = self.input(a)?;
        let overall = content::outcome_label(input.outcome.as_str());
        let mut p = SummaryParts {
            headline: Some(fill(
                &t.review_headline,
                &[("week", &self.plan.label), ("outcome", &overall)],
            )),
            advice: vec![t.review_advice.clone()],
            ..Default::default()
        };
        p.item(&t.label_overall, &overall);
        for i in &self.plan.intentions {
            if let Some(o) = input
                .intention_outcomes
                .iter()
                .find(|o| o.intention_id == i.id)
            {
                p.item(&i.text, content::outcome_label(o.outcome.as_str()));
            }
        }
        if let Some(h) = &input.what_helped {
            p.item(&t.label_helped, h);
        }
        if let Some(h) = &input.what_got_in_the_way {
            p.item(&t.label_hindered, h);
        }
        Ok(p)
    }
    fn save(&self, tx: &Transaction, now: Moment, a: &Answers) -> Result<String> {
        let input = self.input(a)?;
        // Read afresh: the plan may have been edited or deleted while the flow was open.
        let plan = plans::load(tx, &self.plan.id, now.date())?;
        let r = plans::clean_review(&plan, &input)?;
        plans::save_review(tx, &plan.id, &r, now)?;
        Ok(plan.id)
    }
    fn subject_id(&self) -> Option<String> {
        Some(self.plan.id.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{at, ms};
    use super::super::{FiveWaysIntentionInput, FiveWaysPlanInput, FiveWaysPlanStatus};
    use super::*;
    use crate::{Answer, FlowProgress, FlowSummary, Step, WellbeingError, WellbeingStore};

    fn step(p: FlowProgress) -> Step {
        match p {
            FlowProgress::Next { step } => step,
            other => panic!("expected a step, got {other:?}"),
        }
    }
    fn done(p: FlowProgress) -> FlowSummary {
        match p {
            FlowProgress::Complete { summary } => summary,
            other => panic!("expected complete, got {other:?}"),
        }
    }
    fn choose(ids: &[&str]) -> Answer {
        Answer::Choices {
            ids: ids.iter().map(|s| s.to_string()).collect(),
        }
    }
    fn say(t: &str) -> Answer {
        Answer::Text { text: t.into() }
    }
    fn count(c: &WellbeingStore, table: &str) -> i64 {
        c.read(|c| Ok(c.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?))
            .unwrap()
    }

    #[test]
    fn tools_are_listed() {
        let c = WellbeingStore::open_in_memory().unwrap();
        let ids: Vec<String> = c
            .list_tools()
            .into_iter()
            .filter(|t| t.group == ToolGroup::FiveWays)
            .map(|t| t.id.as_str().to_string())
            .collect();
        assert_eq!(ids, [LOG, PLAN, REVIEW]);
    }

    fn walk_log(c: &WellbeingStore) -> (String, FlowSummary) {
        let s = step(c.start_flow(ToolId::FiveWaysLog, None).unwrap());
        assert_eq!((s.step_id.as_str(), s.total), ("what", 3));
        let id = s.flow_id.clone();
        let s = step(
            c.answer_flow(id.clone(), say(" Called my sister "))
                .unwrap(),
        );
        assert_eq!(s.step_id, "ways");
        match &s.input {
            InputKind::Choice {
                choices,
                multiple,
                min_selected,
                max_selected,
            } => {
                assert_eq!(choices.len(), 5);
                assert!(*multiple && *min_selected == 1 && *max_selected == 5);
            }
            other => panic!("{other:?}"),
        }
        // Unknown or repeated ways are refused by the engine and leave the flow in place.
        assert!(c.answer_flow(id.clone(), choose(&["swim"])).is_err());
        assert!(c.answer_flow(id.clone(), choose(&[])).is_err());
        let s = step(
            c.answer_flow(id.clone(), choose(&["give", "connect"]))
                .unwrap(),
        );
        assert!(s.optional && s.step_id == "note");
        let sum = done(c.answer_flow(id.clone(), say("She was pleased")).unwrap());
        (id, sum)
    }

    #[test]
    fn log_flow_saved() {
        let c = at("2026-11-18T21:15:00Z", 0);
        let (id, sum) = walk_log(&c);
        assert_eq!(sum.headline.as_deref(), Some("Logged: Connect, Give"));
        assert!(sum.text.contains("What: Called my sister"), "{}", sum.text);
        assert!(sum.text.contains("Ways: Connect, Give"));
        assert!(sum.text.contains("Note: She was pleased"));
        assert!(
            sum.advice[0].starts_with("Not yet this week: Be active, Take notice, Keep learning")
        );
        assert!(sum.advice[1].starts_with("An idea to try: "));
        let saved = c.save_flow(id).unwrap();
        let e = c.five_ways_entry(saved.record_id).unwrap();
        assert_eq!(
            (e.what.as_str(), e.date.as_str(), e.time.as_str()),
            ("Called my sister", "2026-11-18", "21:15")
        );
        assert_eq!(e.ways, [WayId::Connect, WayId::Give]);
        assert_eq!(e.note.as_deref(), Some("She was pleased"));
    }

    #[test]
    fn log_flow_discarded_and_note_skipped() {
        let c = at("2026-11-18T21:15:00Z", 0);
        let (id, _) = walk_log(&c);
        c.discard_flow(id).unwrap();
        assert_eq!(count(&c, "five_ways_entries"), 0);
        // Skipping the note.
        let id = step(c.start_flow(ToolId::FiveWaysLog, None).unwrap()).flow_id;
        c.answer_flow(id.clone(), say("Read")).unwrap();
        c.answer_flow(id.clone(), choose(&["keep-learning"]))
            .unwrap();
        let sum = done(c.answer_flow(id.clone(), Answer::Skip).unwrap());
        assert!(!sum.text.contains("Note:"));
        let e = c
            .five_ways_entry(c.save_flow(id).unwrap().record_id)
            .unwrap();
        assert_eq!(e.note, None);
    }

    #[test]
    fn log_flow_says_when_all_five_are_touched() {
        let c = at("2026-11-18T21:15:00Z", 0);
        c.five_ways_log(crate::FiveWaysInput {
            what: "Busy day".into(),
            ways: vec![
                WayId::Connect,
                WayId::BeActive,
                WayId::TakeNotice,
                WayId::KeepLearning,
            ],
            note: None,
            date: None,
            time: None,
        })
        .unwrap();
        let id = step(c.start_flow(ToolId::FiveWaysLog, None).unwrap()).flow_id;
        c.answer_flow(id.clone(), say("Helped a neighbour"))
            .unwrap();
        c.answer_flow(id.clone(), choose(&["give"])).unwrap();
        let sum = done(c.answer_flow(id, Answer::Skip).unwrap());
        assert_eq!(sum.advice, ["You have touched all five ways this week."]);
    }

    fn walk_plan(c: &WellbeingStore, week: &str) -> (String, FlowSummary) {
        let s = step(c.start_flow(ToolId::FiveWaysPlan, None).unwrap());
        assert_eq!(s.step_id, "week");
        let id = s.flow_id.clone();
        let s = step(c.answer_flow(id.clone(), choose(&[week])).unwrap());
        assert_eq!(s.step_id, "intentions");
        let s = step(
            c.answer_flow(
                id.clone(),
                Answer::TextList {
                    items: vec![
                        "Swim on Tuesday".into(),
                        " ".into(),
                        "Thank my neighbour".into(),
                    ],
                },
            )
            .unwrap(),
        );
        assert_eq!((s.step_id.as_str(), s.total), ("way-1", 4));
        assert!(s.prompt.contains("Swim on Tuesday") && s.optional);
        let s = step(c.answer_flow(id.clone(), choose(&["be-active"])).unwrap());
        assert_eq!(s.step_id, "way-2");
        let sum = done(c.answer_flow(id.clone(), Answer::Skip).unwrap());
        (id, sum)
    }

    #[test]
    fn plan_flow_saved_this_week_and_next() {
        let c = at("2026-11-18T12:00:00Z", 0);
        let (id, sum) = walk_plan(&c, "this");
        assert_eq!(sum.headline.as_deref(), Some("Plan for 16–22 Nov 2026"));
        assert!(
            sum.text.contains("1: Swim on Tuesday (Be active)"),
            "{}",
            sum.text
        );
        assert!(sum
            .text
            .contains("2: Thank my neighbour (no particular way)"));
        let p = c
            .five_ways_plan(c.save_flow(id).unwrap().record_id)
            .unwrap();
        assert_eq!(p.week_start, "2026-11-16");
        assert_eq!(p.intentions.len(), 2);
        assert_eq!(p.intentions[0].way, Some(WayId::BeActive));
        assert_eq!(p.intentions[1].way, None);
        // Starting again shows that this week already has a plan; saving replaces it.
        let s = step(c.start_flow(ToolId::FiveWaysPlan, None).unwrap());
        match &s.input {
            InputKind::Choice { choices, .. } => {
                assert_eq!(choices[0].label, "This week (16–22 Nov 2026)");
                assert!(choices[0].help.is_some());
                assert_eq!(choices[1].label, "Next week (23–29 Nov 2026)");
                assert!(choices[1].help.is_none());
            }
            other => panic!("{other:?}"),
        }
        c.discard_flow(s.flow_id).unwrap();
        let (id, _) = walk_plan(&c, "this");
        assert_eq!(c.save_flow(id).unwrap().record_id, p.id);
        assert_eq!(count(&c, "five_ways_plans"), 1);
        let (id, sum) = walk_plan(&c, "next");
        assert_eq!(sum.headline.as_deref(), Some("Plan for 23–29 Nov 2026"));
        let next = c
            .five_ways_plan(c.save_flow(id).unwrap().record_id)
            .unwrap();
        assert_eq!(
            (next.week_start.as_str(), next.status),
            ("2026-11-23", FiveWaysPlanStatus::Upcoming)
        );
    }

    #[test]
    fn plan_flow_discarded_and_stale_week_refused() {
        let c = at("2026-11-18T12:00:00Z", 0);
        let (id, _) = walk_plan(&c, "this");
        c.discard_flow(id).unwrap();
        assert_eq!(count(&c, "five_ways_plans"), 0);
        // A flow left open until the week has ended cannot save into the past.
        let (id, _) = walk_plan(&c, "this");
        c.set_fixed_time(ms("2026-11-23T09:00:00Z"), 0).unwrap();
        assert!(matches!(
            c.save_flow(id),
            Err(WellbeingError::OutOfOrder { .. })
        ));
        assert_eq!(count(&c, "five_ways_plans"), 0);
    }

    fn make_plan(c: &WellbeingStore) -> FiveWaysPlan {
        c.five_ways_set_plan(FiveWaysPlanInput {
            week_of: None,
            intentions: vec![
                FiveWaysIntentionInput {
                    text: "Walk twice".into(),
                    way: Some(WayId::BeActive),
                },
                FiveWaysIntentionInput {
                    text: "Call Gran".into(),
                    way: Some(WayId::Connect),
                },
            ],
        })
        .unwrap()
    }

    #[test]
    fn review_without_a_plan_fails_clearly() {
        let c = at("2026-11-18T12:00:00Z", 0);
        match c.start_flow(ToolId::FiveWaysReview, None) {
            Err(WellbeingError::OutOfOrder { reason }) => assert!(reason.contains("no plan")),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            c.start_flow(ToolId::FiveWaysReview, Some(validate::new_id())),
            Err(WellbeingError::NotFound { .. })
        ));
        // Next week's plan is not reviewable yet, neither picked nor named.
        let next = c
            .five_ways_set_plan(FiveWaysPlanInput {
                week_of: Some("2026-11-23".into()),
                intentions: vec![FiveWaysIntentionInput {
                    text: "x".into(),
                    way: None,
                }],
            })
            .unwrap();
        assert!(matches!(
            c.start_flow(ToolId::FiveWaysReview, None),
            Err(WellbeingError::OutOfOrder { .. })
        ));
        assert!(matches!(
            c.start_flow(ToolId::FiveWaysReview, Some(next.id)),
            Err(WellbeingError::OutOfOrder { .. })
        ));
    }

    fn walk_review(c: &WellbeingStore, subject: Option<String>) -> (String, FlowSummary) {
        let s = step(c.start_flow(ToolId::FiveWaysReview, subject).unwrap());
        assert_eq!((s.step_id.as_str(), s.total), ("outcome", 5));
        assert!(s.help.as_deref().unwrap_or("").contains("Walk twice"));
        let id = s.flow_id.clone();
        let s = step(c.answer_flow(id.clone(), choose(&["partly"])).unwrap());
        assert_eq!(s.step_id, "intention-1");
        assert!(s.prompt.contains("Walk twice"));
        let s = step(c.answer_flow(id.clone(), choose(&["done"])).unwrap());
        assert_eq!(s.step_id, "intention-2");
        let s = step(c.answer_flow(id.clone(), Answer::Skip).unwrap());
        assert_eq!(s.step_id, "helped");
        let s = step(
            c.answer_flow(id.clone(), say("Going with a friend"))
                .unwrap(),
        );
        assert_eq!(s.step_id, "hindered");
        let sum = done(c.answer_flow(id.clone(), say("Late shifts")).unwrap());
        (id, sum)
    }

    #[test]
    fn review_flow_saved_on_the_current_plan() {
        let c = at("2026-11-22T19:00:00Z", 0); // Sunday evening
        let p = make_plan(&c);
        let (id, sum) = walk_review(&c, None);
        assert_eq!(
            sum.headline.as_deref(),
            Some("Review of 16–22 Nov 2026: Partly")
        );
        assert!(sum.text.contains("Walk twice: Done"), "{}", sum.text);
        assert!(!sum.text.contains("Call Gran"));
        assert!(sum.text.contains("What helped: Going with a friend"));
        assert!(sum.text.contains("What got in the way: Late shifts"));
        let saved = c.save_flow(id).unwrap();
        assert_eq!(saved.record_id, p.id);
        let r = c.five_ways_plan(p.id).unwrap();
        assert_eq!(r.status, FiveWaysPlanStatus::Reviewed);
        assert_eq!(r.intentions[0].outcome, Some(FiveWaysOutcome::Done));
        assert_eq!(r.intentions[1].outcome, None);
        assert_eq!(
            r.review.unwrap().what_got_in_the_way.as_deref(),
            Some("Late shifts")
        );
        // Nothing left to review now.
        assert!(matches!(
            c.start_flow(ToolId::FiveWaysReview, None),
            Err(WellbeingError::OutOfOrder { .. })
        ));
    }

    #[test]
    fn review_flow_discarded_and_picks_the_open_plan_next_week() {
        let c = at("2026-11-18T12:00:00Z", 0);
        let p = make_plan(&c);
        // A week later the plan is open and the flow picks it up.
        c.set_fixed_time(ms("2026-11-25T12:00:00Z"), 0).unwrap();
        let (id, _) = walk_review(&c, None);
        c.discard_flow(id).unwrap();
        assert_eq!(count(&c, "five_ways_reviews"), 0);
        assert_eq!(
            c.five_ways_plan(p.id.clone()).unwrap().status,
            FiveWaysPlanStatus::Open
        );
        // Named explicitly, and kept as a draft that resumes on the same plan.
        let s = step(
            c.start_flow(ToolId::FiveWaysReview, Some(p.id.clone()))
                .unwrap(),
        );
        c.answer_flow(s.flow_id.clone(), choose(&["not"])).unwrap();
        let d = c.save_flow_draft(s.flow_id.clone()).unwrap();
        c.discard_flow(s.flow_id).unwrap();
        assert!(
            c.list_drafts()
                .unwrap()
                .iter()
                .all(|x| x.flow_id != d.flow_id),
            "discarding lets the draft go"
        );
        assert_eq!(count(&c, "five_ways_reviews"), 0);
    }

    #[test]
    fn review_draft_resumes_on_its_plan() {
        let c = at("2026-11-18T12:00:00Z", 0);
        let p = make_plan(&c);
        let s = step(c.start_flow(ToolId::FiveWaysReview, None).unwrap());
        c.answer_flow(s.flow_id.clone(), choose(&["done"])).unwrap();
        let d = c.save_flow_draft(s.flow_id.clone()).unwrap();
        assert_eq!(d.title, "Review my week");
        let s2 = step(c.resume_flow(d.flow_id).unwrap());
        assert_eq!(s2.step_id, "intention-1");
        for a in [Answer::Skip, Answer::Skip, Answer::Skip, Answer::Skip] {
            c.answer_flow(s2.flow_id.clone(), a).unwrap();
        }
        assert_eq!(c.save_flow(s2.flow_id).unwrap().record_id, p.id);
        assert_eq!(
            c.five_ways_plan(p.id).unwrap().review.unwrap().outcome,
            FiveWaysOutcome::Done
        );
    }
}
