//! The guided flows: drawing a map, mapping again from the last one, the plan, and its
//! review. Each works in conversation mode like every flow: nothing is stored unless saved.

use super::*;
use crate::ids::{ToolGroup, ToolId};

pub(super) const S_INTRO: &str = "intro";
pub(super) const S_CONNECTIONS: &str = "connections";
pub(super) const S_STILL: &str = "still";
pub(super) const S_NEW: &str = "new";

fn single(choices: Vec<ChoiceOption>) -> InputKind {
    InputKind::Choice {
        choices,
        multiple: false,
        min_selected: 1,
        max_selected: 1,
    }
}

fn names_input(max_items: usize) -> InputKind {
    InputKind::TextList {
        max_items: max_items as u32,
        max_chars: NAME_MAX as u32,
    }
}

fn one_line(max: usize) -> InputKind {
    InputKind::Text {
        multiline: false,
        max_chars: max as u32,
    }
}

/// The three questions about one connection, as step ids with a suffix ("kind-2").
fn kind_step(suffix: &str) -> String {
    format!("kind-{suffix}")
}
fn ring_step(suffix: &str) -> String {
    format!("ring-{suffix}")
}
fn feel_step(suffix: &str) -> String {
    format!("feel-{suffix}")
}

/// "Last time: close, helpful." for a name on the earlier map.
fn last_time(c: &Content, previous: Option<&ConnectionsMap>, name: &str) -> Option<String> {
    let k = name_key(name);
    let p = previous?.items.iter().find(|i| name_key(&i.name) == k)?;
    Some(fill(
        &c.map.last_time,
        &[
            ("ring", &p.ring_label.to_lowercase()),
            ("feel", &p.feel_label.to_lowercase()),
        ],
    ))
}

fn with_note(help: &str, note: Option<String>) -> String {
    match note {
        Some(n) => format!("{help}\n\n{n}"),
        None => help.to_string(),
    }
}

/// The next unanswered question about the connection `name` (`kind` only when asked).
fn item_steps(
    c: &Content,
    a: &Answers,
    suffix: &str,
    name: &str,
    ask_kind: bool,
    note: Option<String>,
) -> Option<StepSpec> {
    if ask_kind && !a.has(&kind_step(suffix)) {
        return Some(
            StepSpec::new(
                kind_step(suffix),
                fill(&c.map.kind_prompt, &[("name", name)]),
                single(Content::choices(&c.kinds, ConnectionKind::id)),
            )
            .help(&c.map.kind_help),
        );
    }
    if !a.has(&ring_step(suffix)) {
        return Some(
            StepSpec::new(
                ring_step(suffix),
                fill(&c.map.ring_prompt, &[("name", name)]),
                single(Content::choices(&c.rings, ConnectionRing::id)),
            )
            .help(with_note(&c.map.ring_help, note.clone())),
        );
    }
    if !a.has(&feel_step(suffix)) {
        return Some(
            StepSpec::new(
                feel_step(suffix),
                fill(&c.map.feel_prompt, &[("name", name)]),
                single(Content::choices(&c.feels, ConnectionFeel::id)),
            )
            .help(with_note(&c.map.feel_help, note)),
        );
    }
    None
}

/// The connection `name` as answered (its kind from `kind` when not asked).
fn answered_item(
    a: &Answers,
    suffix: &str,
    name: &str,
    kind: Option<ConnectionKind>,
) -> Option<Item> {
    Some(Item {
        name: name.to_string(),
        kind: match kind {
            Some(k) => k,
            None => a
                .choice(&kind_step(suffix))
                .and_then(ConnectionKind::from_id)?,
        },
        ring: a
            .choice(&ring_step(suffix))
            .and_then(ConnectionRing::from_id)?,
        feel: a
            .choice(&feel_step(suffix))
            .and_then(ConnectionFeel::from_id)?,
    })
}

/// Answered items through the same rules as a map given directly (names, limits).
fn checked_items(items: &[Item]) -> Result<Vec<Item>> {
    let inputs: Vec<ConnectionInput> = items
        .iter()
        .map(|i| ConnectionInput {
            name: i.name.clone(),
            kind: i.kind,
            ring: i.ring,
            feel: i.feel,
        })
        .collect();
    check_map(&inputs)
}

/// The summary of a map: how many, ring by ring, and the change since the earlier map.
fn map_summary(
    c: &Content,
    items: &[Item],
    previous: Option<&ConnectionsMap>,
    today: &str,
    remap: bool,
) -> Result<SummaryParts> {
    let mut p = SummaryParts {
        headline: Some(c.headline(items.len())?),
        ..Default::default()
    };
    for &r in ConnectionRing::ALL {
        let mut lines = vec![];
        for it in items.iter().filter(|i| i.ring == r) {
            lines.push(c.item_line(&it.name, it.kind, it.feel)?);
        }
        let value = if lines.is_empty() {
            c.label("none", &[])?
        } else {
            lines.join("; ")
        };
        p.item(&c.ring(r)?.label, value);
    }
    if let Some(before) = previous {
        let now = map_record(c, "", today, "00:00", items)?;
        let ch = change::between(before, &now)?;
        p.item(
            &ch.title,
            format!("{}. {}", ch.headline, ch.lines.join("; ")),
        );
    }
    p.advice.push(c.label("map_advice", &[])?);
    if remap {
        p.advice.push(c.label("remap_advice", &[])?);
    }
    Ok(p)
}

// ---------------------------------------------------------------------------------------
// A new map
// ---------------------------------------------------------------------------------------

/// Draws a map from nothing: who and what is there, then kind, ring and feel of each.
/// When there is an earlier map, its answers are named beside the same names, and the
/// summary says what changed.
pub(super) struct MapFlow {
    pub(super) previous: Option<ConnectionsMap>,
    pub(super) today: String,
}

impl MapFlow {
    fn items(a: &Answers) -> Result<Vec<Item>> {
        let names = a.items(S_CONNECTIONS);
        let mut out = vec![];
        for (i, n) in names.iter().enumerate() {
            let item = answered_item(a, &(i + 1).to_string(), n, None)
                .ok_or_else(|| Error::out_of_order("the map is not complete"))?;
            out.push(item);
        }
        checked_items(&out)
    }
}

impl FlowDef for MapFlow {
    fn tool(&self) -> ToolId {
        ToolId::ConnectionsMap
    }

    fn title(&self) -> String {
        content()
            .map(|c| c.map_tool.title.clone())
            .unwrap_or_else(|_| TOOL_MAP.into())
    }

    fn next_step(&self, a: &Answers) -> Result<Option<StepSpec>> {
        let c = content()?;
        if !a.has(S_INTRO) {
            return Ok(Some(
                StepSpec::new(S_INTRO, &c.map.intro_prompt, InputKind::Info)
                    .help(&c.map.intro_help),
            ));
        }
        if !a.has(S_CONNECTIONS) {
            return Ok(Some(
                StepSpec::new(
                    S_CONNECTIONS,
                    &c.map.connections_prompt,
                    names_input(MAX_CONNECTIONS),
                )
                .help(&c.map.connections_help),
            ));
        }
        for (i, name) in a.items(S_CONNECTIONS).iter().enumerate() {
            let note = last_time(c, self.previous.as_ref(), name);
            if let Some(s) = item_steps(c, a, &(i + 1).to_string(), name, true, note) {
                return Ok(Some(s));
            }
        }
        Ok(None)
    }

    fn total_steps(&self, a: &Answers) -> u32 {
        2 + 3 * a.items(S_CONNECTIONS).len().max(1) as u32
    }

    fn check(&self, step: &StepSpec, answer: &Answer, _: &Answers) -> Result<()> {
        if let (S_CONNECTIONS, Answer::TextList { items }) = (step.id.as_str(), answer) {
            names(S_CONNECTIONS, items, MAX_CONNECTIONS)?;
        }
        Ok(())
    }

    fn summary(&self, a: &Answers) -> Result<SummaryParts> {
        let c = content()?;
        map_summary(
            c,
            &Self::items(a)?,
            self.previous.as_ref(),
            &self.today,
            false,
        )
    }

    fn save(&self, tx: &Transaction, now: Moment, a: &Answers) -> Result<String> {
        let items = Self::items(a)?;
        let id = validate::new_id();
        insert_map(tx, &id, now, now, &items)?;
        Ok(id)
    }
}

// ---------------------------------------------------------------------------------------
// Mapping again
// ---------------------------------------------------------------------------------------

/// Goes over an earlier map: which connections are still there (each keeps its name and
/// kind, and is asked its ring and feel again), then anyone new. Saving stores a new map; the
/// earlier one stays as it was.
pub(super) struct RemapFlow {
    pub(super) previous: ConnectionsMap,
    pub(super) today: String,
}

fn still_id(i: usize) -> String {
    format!("p{}", i + 1)
}

impl RemapFlow {
    /// The earlier connections kept, as (their index on the earlier map, the item).
    fn kept(&self, a: &Answers) -> Vec<(usize, &ConnectionsItem)> {
        let chosen = a.choices(S_STILL);
        self.previous
            .items
            .iter()
            .enumerate()
            .filter(|(i, _)| chosen.contains(&still_id(*i)))
            .collect()
    }

    /// The new names that are not one kept (those are the same connection, not added twice).
    fn new_names(&self, a: &Answers) -> Vec<String> {
        let kept: Vec<String> = self
            .kept(a)
            .iter()
            .map(|(_, i)| name_key(&i.name))
            .collect();
        a.items(S_NEW)
            .iter()
            .filter(|n| !kept.contains(&name_key(n)))
            .cloned()
            .collect()
    }

    fn items(&self, a: &Answers) -> Result<Vec<Item>> {
        let incomplete = || Error::out_of_order("the map is not complete");
        let mut out = vec![];
        for (i, p) in self.kept(a) {
            out.push(answered_item(a, &still_id(i), &p.name, Some(p.kind)).ok_or_else(incomplete)?);
        }
        for (j, n) in self.new_names(a).iter().enumerate() {
            out.push(answered_item(a, &format!("n{}", j + 1), n, None).ok_or_else(incomplete)?);
        }
        checked_items(&out)
    }
}

impl FlowDef for RemapFlow {
    fn tool(&self) -> ToolId {
        ToolId::ConnectionsRemap
    }

    fn title(&self) -> String {
        content()
            .map(|c| c.remap_tool.title.clone())
            .unwrap_or_else(|_| TOOL_REMAP.into())
    }

    fn next_step(&self, a: &Answers) -> Result<Option<StepSpec>> {
        let c = content()?;
        if !a.has(S_INTRO) {
            return Ok(Some(
                StepSpec::new(
                    S_INTRO,
                    fill(
                        &c.remap.intro_prompt,
                        &[("date", &self.previous.date_label)],
                    ),
                    InputKind::Info,
                )
                .help(&c.remap.intro_help),
            ));
        }
        if !self.previous.items.is_empty() && !a.has(S_STILL) {
            let choices: Vec<ChoiceOption> = self
                .previous
                .items
                .iter()
                .enumerate()
                .map(|(i, p)| ChoiceOption {
                    id: still_id(i),
                    label: p.name.clone(),
                    help: Some(format!(
                        "{} · {} · {}",
                        p.ring_label, p.kind_label, p.feel_label
                    )),
                })
                .collect();
            let n = choices.len() as u32;
            return Ok(Some(
                StepSpec::new(
                    S_STILL,
                    &c.remap.still_prompt,
                    InputKind::Choice {
                        choices,
                        multiple: true,
                        min_selected: 1,
                        max_selected: n,
                    },
                )
                .help(&c.remap.still_help)
                .optional(),
            ));
        }
        for (i, p) in self.kept(a) {
            let note = last_time(c, Some(&self.previous), &p.name);
            if let Some(s) = item_steps(c, a, &still_id(i), &p.name, false, note) {
                return Ok(Some(s));
            }
        }
        if !a.has(S_NEW) {
            let room = MAX_CONNECTIONS.saturating_sub(self.kept(a).len()).max(1);
            return Ok(Some(
                StepSpec::new(S_NEW, &c.remap.new_prompt, names_input(room))
                    .help(&c.remap.new_help)
                    .optional(),
            ));
        }
        for (j, n) in self.new_names(a).iter().enumerate() {
            let note = last_time(c, Some(&self.previous), n);
            if let Some(s) = item_steps(c, a, &format!("n{}", j + 1), n, true, note) {
                return Ok(Some(s));
            }
        }
        Ok(None)
    }

    fn total_steps(&self, a: &Answers) -> u32 {
        let still = if self.previous.items.is_empty() { 0 } else { 1 };
        let kept = if a.has(S_STILL) {
            self.kept(a).len()
        } else {
            self.previous.items.len()
        };
        2 + still + 2 * kept as u32 + 3 * self.new_names(a).len() as u32
    }

    fn check(&self, step: &StepSpec, answer: &Answer, a: &Answers) -> Result<()> {
        if let (S_NEW, Answer::TextList { items }) = (step.id.as_str(), answer) {
            let room = MAX_CONNECTIONS.saturating_sub(self.kept(a).len());
            names(S_NEW, items, room)?;
        }
        Ok(())
    }

    fn summary(&self, a: &Answers) -> Result<SummaryParts> {
        let c = content()?;
        map_summary(c, &self.items(a)?, Some(&self.previous), &self.today, true)
    }

    fn save(&self, tx: &Transaction, now: Moment, a: &Answers) -> Result<String> {
        let items = self.items(a)?;
        let id = validate::new_id();
        insert_map(tx, &id, now, now, &items)?;
        Ok(id)
    }

    fn subject_id(&self) -> Option<String> {
        Some(self.previous.id.clone())
    }
}

// ---------------------------------------------------------------------------------------
// The plan
// ---------------------------------------------------------------------------------------

pub(super) const S_INTERESTS: &str = "interests";
pub(super) const S_STRENGTHS: &str = "strengths";
pub(super) const S_OPPORTUNITIES: &str = "opportunities";
pub(super) const S_CHOSEN: &str = "chosen";
pub(super) const S_STEP: &str = "step";
pub(super) const S_SUPPORT: &str = "support";
pub(super) const S_SUPPORT_FROM: &str = "support-from";
pub(super) const S_REVIEW: &str = "review-on";

fn plan_list_input() -> InputKind {
    InputKind::TextList {
        max_items: MAX_PLAN_ITEMS as u32,
        max_chars: PLAN_ITEM_MAX as u32,
    }
}

/// Interests, strengths, opportunities, the one to try first, the first small step, the
/// support wanted and from whom, and when to look back.
pub(super) struct PlanFlow {
    pub(super) today: NaiveDate,
}

impl PlanFlow {
    fn review_day(&self, a: &Answers) -> Option<NaiveDate> {
        let days: i64 = a.choice(S_REVIEW)?.parse().ok()?;
        Some(self.today + Duration::days(days))
    }

    fn plan(&self, a: &Answers) -> Result<Plan> {
        let opportunities = a.items(S_OPPORTUNITIES).to_vec();
        let chosen = match opportunities.as_slice() {
            [one] => Some(one.clone()),
            _ => a
                .choice(S_CHOSEN)
                .and_then(|id| id.strip_prefix('o'))
                .and_then(|n| n.parse::<usize>().ok())
                .and_then(|n| opportunities.get(n.wrapping_sub(1)).cloned()),
        };
        let review_on = self
            .review_day(a)
            .ok_or_else(|| Error::out_of_order("the plan is not complete"))?;
        check_plan(
            &ConnectionsPlanInput {
                interests: a.items(S_INTERESTS).to_vec(),
                strengths: a.items(S_STRENGTHS).to_vec(),
                opportunities,
                chosen,
                step: a.text(S_STEP).unwrap_or_default().to_string(),
                support: a
                    .choices(S_SUPPORT)
                    .iter()
                    .filter_map(|s| ConnectionsSupport::from_id(s))
                    .collect(),
                support_from: a.text(S_SUPPORT_FROM).map(str::to_string),
                review_on: clock::fmt_date(review_on),
            },
            self.today,
        )
    }
}

impl FlowDef for PlanFlow {
    fn tool(&self) -> ToolId {
        ToolId::ConnectionsPlan
    }

    fn title(&self) -> String {
        content()
            .map(|c| c.plan_tool.title.clone())
            .unwrap_or_else(|_| TOOL_PLAN.into())
    }

    fn next_step(&self, a: &Answers) -> Result<Option<StepSpec>> {
        let c = content()?;
        let t = &c.plan;
        if !a.has(S_INTRO) {
            return Ok(Some(
                StepSpec::new(S_INTRO, &t.intro_prompt, InputKind::Info).help(&t.intro_help),
            ));
        }
        if !a.has(S_INTERESTS) {
            return Ok(Some(
                StepSpec::new(S_INTERESTS, &t.interests_prompt, plan_list_input())
                    .help(&t.interests_help),
            ));
        }
        if !a.has(S_STRENGTHS) {
            return Ok(Some(
                StepSpec::new(S_STRENGTHS, &t.strengths_prompt, plan_list_input())
                    .help(&t.strengths_help)
                    .optional(),
            ));
        }
        if !a.has(S_OPPORTUNITIES) {
            return Ok(Some(
                StepSpec::new(S_OPPORTUNITIES, &t.opportunities_prompt, plan_list_input())
                    .help(&t.opportunities_help),
            ));
        }
        let opportunities = a.items(S_OPPORTUNITIES);
        if opportunities.len() > 1 && !a.has(S_CHOSEN) {
            let choices = opportunities
                .iter()
                .enumerate()
                .map(|(i, o)| ChoiceOption {
                    id: format!("o{}", i + 1),
                    label: o.clone(),
                    help: None,
                })
                .collect();
            return Ok(Some(
                StepSpec::new(S_CHOSEN, &t.chosen_prompt, single(choices)).help(&t.chosen_help),
            ));
        }
        if !a.has(S_STEP) {
            return Ok(Some(
                StepSpec::new(S_STEP, &t.step_prompt, one_line(SHORT_TEXT)).help(&t.step_help),
            ));
        }
        if !a.has(S_SUPPORT) {
            let choices = Content::choices(&c.supports, ConnectionsSupport::id);
            let n = choices.len() as u32;
            return Ok(Some(
                StepSpec::new(
                    S_SUPPORT,
                    &t.support_prompt,
                    InputKind::Choice {
                        choices,
                        multiple: true,
                        min_selected: 1,
                        max_selected: n,
                    },
                )
                .help(&t.support_help)
                .optional(),
            ));
        }
        if !a.choices(S_SUPPORT).is_empty() && !a.has(S_SUPPORT_FROM) {
            return Ok(Some(
                StepSpec::new(S_SUPPORT_FROM, &t.support_from_prompt, one_line(NAME_MAX))
                    .help(&t.support_from_help)
                    .optional(),
            ));
        }
        if !a.has(S_REVIEW) {
            let choices = c
                .review_after
                .iter()
                .map(|r| ChoiceOption {
                    id: r.days.to_string(),
                    label: r.label.clone(),
                    help: Some(clock::short_label(self.today + Duration::days(r.days))),
                })
                .collect();
            return Ok(Some(
                StepSpec::new(S_REVIEW, &t.review_prompt, single(choices)).help(&t.review_help),
            ));
        }
        Ok(None)
    }

    fn total_steps(&self, a: &Answers) -> u32 {
        let chosen = if a.items(S_OPPORTUNITIES).len() == 1 {
            0
        } else {
            1
        };
        let from = if a.has(S_SUPPORT) && a.choices(S_SUPPORT).is_empty() {
            0
        } else {
            1
        };
        7 + chosen + from
    }

    fn summary(&self, a: &Answers) -> Result<SummaryParts> {
        let c = content()?;
        let p = self.plan(a)?;
        let none = || c.label("none", &[]);
        let join = |v: &[String]| -> Result<String> {
            if v.is_empty() {
                none()
            } else {
                Ok(v.join("; "))
            }
        };
        let mut s = SummaryParts {
            headline: Some(c.label("plan_headline", &[("step", &p.step)])?),
            ..Default::default()
        };
        s.item(c.label("interests_label", &[])?, join(&p.interests)?);
        s.item(c.label("strengths_label", &[])?, join(&p.strengths)?);
        s.item(
            c.label("opportunities_label", &[])?,
            join(&p.opportunities)?,
        );
        if let Some(ch) = &p.chosen {
            s.item(c.label("chosen_label", &[])?, ch);
        }
        let mut support = vec![];
        for x in &p.support {
            support.push(c.support(*x)?.label.clone());
        }
        s.item(c.label("support_label", &[])?, join(&support)?);
        if let Some(f) = &p.support_from {
            s.item(c.label("support_from_label", &[])?, f);
        }
        s.item(
            c.label("review_on_label", &[])?,
            clock::short_label(p.review_on),
        );
        s.advice.push(c.label("plan_advice", &[])?);
        Ok(s)
    }

    fn save(&self, tx: &Transaction, now: Moment, a: &Answers) -> Result<String> {
        let p = self.plan(a)?;
        let id = validate::new_id();
        insert_plan(tx, &id, now, &p)?;
        Ok(id)
    }
}

// ---------------------------------------------------------------------------------------
// The review
// ---------------------------------------------------------------------------------------

pub(super) const S_OUTCOME: &str = "outcome";
pub(super) const S_HAPPENED: &str = "what-happened";
pub(super) const S_MET: &str = "met";
pub(super) const S_NEXT: &str = "next-step";

/// Looks back on one plan: did it happen, what happened, who was met, what next.
pub(super) struct ReviewFlow {
    pub(super) plan_id: String,
    pub(super) step: String,
}

impl ReviewFlow {
    fn review(a: &Answers) -> Result<CheckedReview> {
        let outcome = a
            .choice(S_OUTCOME)
            .and_then(ConnectionsOutcome::from_id)
            .ok_or_else(|| Error::out_of_order("the review is not complete"))?;
        check_review(&ConnectionsReviewInput {
            outcome,
            what_happened: a.text(S_HAPPENED).map(str::to_string),
            met: a.items(S_MET).to_vec(),
            next_step: a.text(S_NEXT).map(str::to_string),
        })
    }
}

impl FlowDef for ReviewFlow {
    fn tool(&self) -> ToolId {
        ToolId::ConnectionsReview
    }

    fn title(&self) -> String {
        content()
            .map(|c| c.review_tool.title.clone())
            .unwrap_or_else(|_| TOOL_REVIEW.into())
    }

    fn next_step(&self, a: &Answers) -> Result<Option<StepSpec>> {
        let c = content()?;
        let t = &c.review;
        if !a.has(S_OUTCOME) {
            return Ok(Some(
                StepSpec::new(
                    S_OUTCOME,
                    fill(&t.outcome_prompt, &[("step", &self.step)]),
                    single(Content::choices(&c.outcomes, ConnectionsOutcome::id)),
                )
                .help(&t.outcome_help),
            ));
        }
        if !a.has(S_HAPPENED) {
            return Ok(Some(
                StepSpec::new(
                    S_HAPPENED,
                    &t.what_happened_prompt,
                    InputKind::Text {
                        multiline: true,
                        max_chars: LONG_TEXT as u32,
                    },
                )
                .help(&t.what_happened_help)
                .optional(),
            ));
        }
        if !a.has(S_MET) {
            return Ok(Some(
                StepSpec::new(S_MET, &t.met_prompt, names_input(MAX_MET))
                    .help(&t.met_help)
                    .optional(),
            ));
        }
        if !a.has(S_NEXT) {
            return Ok(Some(
                StepSpec::new(S_NEXT, &t.next_prompt, one_line(SHORT_TEXT))
                    .help(&t.next_help)
                    .optional(),
            ));
        }
        Ok(None)
    }

    fn total_steps(&self, _: &Answers) -> u32 {
        4
    }

    fn check(&self, step: &StepSpec, answer: &Answer, _: &Answers) -> Result<()> {
        if let (S_MET, Answer::TextList { items }) = (step.id.as_str(), answer) {
            names(S_MET, items, MAX_MET)?;
        }
        Ok(())
    }

    fn summary(&self, a: &Answers) -> Result<SummaryParts> {
        let c = content()?;
        let r = Self::review(a)?;
        let o = c.outcome(r.outcome)?;
        let mut p = SummaryParts {
            headline: Some(c.label("review_headline", &[("outcome", &o.label)])?),
            ..Default::default()
        };
        p.item(c.label("planned_label", &[])?, &self.step);
        p.item(
            &c.review.what_happened_prompt,
            r.what_happened.clone().unwrap_or(c.label("none", &[])?),
        );
        if !r.met.is_empty() {
            p.item(c.label("met_label", &[])?, r.met.join("; "));
        }
        if let Some(n) = &r.next_step {
            p.item(c.label("next_label", &[])?, n);
        }
        if let Some(advice) = &o.advice {
            p.advice.push(advice.clone());
        }
        p.advice.push(c.label("remap_suggestion", &[])?);
        Ok(p)
    }

    fn save(&self, tx: &Transaction, now: Moment, a: &Answers) -> Result<String> {
        // The plan may have been deleted while the flow was open.
        load_plan(tx, &self.plan_id, now.date())?;
        write_review(tx, &self.plan_id, now, &Self::review(a)?)?;
        Ok(self.plan_id.clone())
    }

    fn subject_id(&self) -> Option<String> {
        Some(self.plan_id.clone())
    }
}

// ---------------------------------------------------------------------------------------
// Registration
// ---------------------------------------------------------------------------------------

pub(super) fn tools() -> Vec<ToolInfo> {
    let Ok(c) = content() else {
        return vec![];
    };
    let info = |id, t: &ToolText, needs_subject| ToolInfo {
        id,
        title: t.title.clone(),
        summary: t.summary.clone(),
        group: ToolGroup::Connections,
        needs_subject,
    };
    vec![
        info(ToolId::ConnectionsMap, &c.map_tool, false),
        info(ToolId::ConnectionsRemap, &c.remap_tool, true),
        info(ToolId::ConnectionsPlan, &c.plan_tool, false),
        info(ToolId::ConnectionsReview, &c.review_tool, true),
    ]
}

fn subject<'a>(subject: Option<&'a str>) -> Result<&'a str> {
    subject.ok_or_else(|| Error::invalid("subject_id", RuleCode::Required))
}

pub(super) fn make(
    tool: &str,
    subject_id: Option<&str>,
    conn: &Connection,
    now: Moment,
) -> Result<Option<Box<dyn FlowDef>>> {
    let today = now.date_string();
    match tool {
        TOOL_MAP => {
            let previous = match newest_map_ids(conn, 1, 0)?.into_iter().next() {
                Some(id) => Some(load_map(conn, &id)?),
                None => None,
            };
            Ok(Some(Box::new(MapFlow { previous, today })))
        }
        TOOL_REMAP => {
            let id = validate::id_arg("map", subject(subject_id)?)?;
            Ok(Some(Box::new(RemapFlow {
                previous: load_map(conn, &id)?,
                today,
            })))
        }
        TOOL_PLAN => Ok(Some(Box::new(PlanFlow { today: now.date() }))),
        TOOL_REVIEW => {
            let id = validate::id_arg("plan", subject(subject_id)?)?;
            let plan = load_plan(conn, &id, now.date())?;
            Ok(Some(Box::new(ReviewFlow {
                plan_id: id,
                step: plan.step,
            })))
        }
        _ => Ok(None),
    }
}

/// The My connections flows, for `flow::modules()`.
pub(crate) const MODULE: ToolModule = ToolModule { tools, make };
