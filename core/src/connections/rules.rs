//! The rules a map, a plan and a review must keep. Errors name the field and the rule,
//! never the person's words.

use super::*;

/// The key two names are matched by: lower case, spaces collapsed. "Jo", " jo " and "JO"
/// are the same connection.
pub(crate) fn name_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A connection after validation.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Item {
    pub(crate) name: String,
    pub(crate) kind: ConnectionKind,
    pub(crate) ring: ConnectionRing,
    pub(crate) feel: ConnectionFeel,
}

/// Names of a list: each required and short, at most `max`, none twice (ignoring case).
pub(super) fn names(field: &str, names: &[String], max: usize) -> Result<Vec<String>> {
    let names = validate::text_list(field, names, max, NAME_MAX)?;
    let mut seen: Vec<String> = vec![];
    for (i, n) in names.iter().enumerate() {
        let k = name_key(n);
        if seen.contains(&k) {
            return Err(Error::invalid(field, RuleCode::Duplicate).at_item(i));
        }
        seen.push(k);
    }
    Ok(names)
}

/// Checks a map: at most [`MAX_CONNECTIONS`], each name given, short, and unique.
pub(crate) fn check_map(input: &[ConnectionInput]) -> Result<Vec<Item>> {
    let given: Vec<String> = input.iter().map(|c| c.name.clone()).collect();
    let names = names("connections", &given, MAX_CONNECTIONS)?;
    Ok(names
        .into_iter()
        .zip(input)
        .map(|(name, c)| Item {
            name,
            kind: c.kind,
            ring: c.ring,
            feel: c.feel,
        })
        .collect())
}

/// A plan after validation.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Plan {
    pub(super) interests: Vec<String>,
    pub(super) strengths: Vec<String>,
    pub(super) opportunities: Vec<String>,
    pub(super) chosen: Option<String>,
    pub(super) step: String,
    pub(super) support: Vec<ConnectionsSupport>,
    pub(super) support_from: Option<String>,
    pub(super) review_on: NaiveDate,
}

fn plan_list(field: &str, items: &[String]) -> Result<Vec<String>> {
    validate::text_list(field, items, MAX_PLAN_ITEMS, PLAN_ITEM_MAX)
}

/// Checks a plan: at least one interest, lists within their limits, the chosen opportunity
/// one of those listed, a step, each support once, a review day from today to a year on.
pub(super) fn check_plan(input: &ConnectionsPlanInput, today: NaiveDate) -> Result<Plan> {
    let interests = plan_list("interests", &input.interests)?;
    if interests.is_empty() {
        return Err(Error::invalid_limit("interests", RuleCode::TooFewItems, 1));
    }
    let strengths = plan_list("strengths", &input.strengths)?;
    let opportunities = plan_list("opportunities", &input.opportunities)?;
    let chosen = validate::optional_text("chosen", input.chosen.as_deref(), PLAN_ITEM_MAX, false)?;
    if let Some(ch) = &chosen {
        if !opportunities.iter().any(|o| name_key(o) == name_key(ch)) {
            return Err(Error::invalid("chosen", RuleCode::NotOnList));
        }
    }
    let step = validate::required_text("step", &input.step, SHORT_TEXT, false)?;
    let mut support: Vec<ConnectionsSupport> = vec![];
    for (i, s) in input.support.iter().enumerate() {
        if support.contains(s) {
            return Err(Error::invalid("support", RuleCode::Duplicate).at_item(i));
        }
        support.push(*s);
    }
    let support_from = validate::optional_text(
        "support_from",
        input.support_from.as_deref(),
        NAME_MAX,
        false,
    )?;
    let review_on = clock::parse_date("review_on", input.review_on.trim())?;
    if review_on < today {
        return Err(Error::invalid("review_on", RuleCode::OutOfRange));
    }
    if (review_on - today).num_days() > MAX_REVIEW_DAYS {
        return Err(Error::invalid_limit(
            "review_on",
            RuleCode::SpanTooLong,
            MAX_REVIEW_DAYS,
        ));
    }
    Ok(Plan {
        interests,
        strengths,
        opportunities,
        chosen,
        step,
        support,
        support_from,
        review_on,
    })
}

/// A review after validation.
pub(super) struct CheckedReview {
    pub(super) outcome: ConnectionsOutcome,
    pub(super) what_happened: Option<String>,
    pub(super) met: Vec<String>,
    pub(super) next_step: Option<String>,
}

pub(super) fn check_review(input: &ConnectionsReviewInput) -> Result<CheckedReview> {
    Ok(CheckedReview {
        outcome: input.outcome,
        what_happened: validate::optional_text(
            "what_happened",
            input.what_happened.as_deref(),
            LONG_TEXT,
            true,
        )?,
        met: names("met", &input.met, MAX_MET)?,
        next_step: validate::optional_text(
            "next_step",
            input.next_step.as_deref(),
            SHORT_TEXT,
            false,
        )?,
    })
}
