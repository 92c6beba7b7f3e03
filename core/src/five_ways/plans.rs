//! Weekly plans ("this week I'll…") and their reviews: the *follow up* half of the Connect 5
//! toolbox loop [C5]. One plan per Monday-to-Sunday week; saving again replaces it.
//! A past week's plan without a review stays `Open` so the app can invite a look back.

use chrono::{Duration, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

use super::{
    content, week_label, FiveWaysIntention, FiveWaysIntentionInput, FiveWaysOutcome, FiveWaysPlan,
    FiveWaysPlanInput, FiveWaysPlanStatus, FiveWaysReview, FiveWaysReviewInput, MAX_INTENTIONS,
};
use crate::clock::{fmt_date, parse_date, week_start, Moment};
use crate::error::{ApiResult, Error, Result};
use crate::ids::WayId;
use crate::rules::{LONG_TEXT, SHORT_TEXT};
use crate::store::WellbeingStore;
use crate::validate;

/// Most plans one list call returns.
const MAX_PAGE: u32 = 100;

/// An intention checked and normalised.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CleanIntention {
    pub text: String,
    pub way: Option<WayId>,
}

pub(crate) fn clean_intentions(items: &[FiveWaysIntentionInput]) -> Result<Vec<CleanIntention>> {
    if items.is_empty() {
        return Err(Error::invalid(
            "intentions",
            crate::rules::RuleCode::TooFewItems,
        ));
    }
    if items.len() > MAX_INTENTIONS {
        return Err(Error::invalid_limit(
            "intentions",
            crate::rules::RuleCode::TooManyItems,
            MAX_INTENTIONS as i64,
        ));
    }
    items
        .iter()
        .map(|i| {
            Ok(CleanIntention {
                text: validate::required_text("intention", &i.text, SHORT_TEXT, false)?,
                way: i.way,
            })
        })
        .collect()
}

/// The Monday of the week a plan may be made for: this week or next, nothing else (a plan
/// looks ahead; the past is for reviewing).
pub(crate) fn plannable_week(today: NaiveDate, week_of: Option<&str>) -> Result<NaiveDate> {
    let this = week_start(today);
    let monday = match week_of {
        None => this,
        Some(s) => week_start(parse_date("week_of", s)?),
    };
    if monday < this {
        return Err(Error::invalid(
            "week_of",
            crate::rules::RuleCode::OutOfRange,
        ));
    }
    if monday > this + Duration::days(7) {
        return Err(Error::invalid(
            "week_of",
            crate::rules::RuleCode::OutOfRange,
        ));
    }
    Ok(monday)
}

/// Stores the plan for the week starting `monday`, replacing any earlier one (its
/// intentions, and with them their per-intention outcomes; a plan-level review stays).
pub(crate) fn save_plan(
    tx: &Transaction,
    monday: NaiveDate,
    items: &[CleanIntention],
    now: Moment,
) -> Result<String> {
    let week = fmt_date(monday);
    let existing: Option<String> = tx
        .prepare_cached("SELECT id FROM five_ways_plans WHERE week_start = ?1")?
        .query_row([&week], |r| r.get(0))
        .optional()?;
    let id =
        match existing {
            Some(id) => {
                tx.execute(
                    "UPDATE five_ways_plans SET utc_ms = ?2, utc_offset_min = ?3, local_date = ?4,
                    local_time = ?5, updated_utc_ms = ?2 WHERE id = ?1",
                    params![
                        id,
                        now.utc_ms,
                        now.offset_min,
                        now.date_string(),
                        now.time_string()
                    ],
                )?;
                tx.execute("DELETE FROM five_ways_intentions WHERE plan_id = ?1", [&id])?;
                id
            }
            None => {
                let id = validate::new_id();
                tx.execute(
                "INSERT INTO five_ways_plans (id, week_start, utc_ms, utc_offset_min, local_date,
                    local_time, created_utc_ms, updated_utc_ms)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?3, ?3)",
                params![id, week, now.utc_ms, now.offset_min, now.date_string(), now.time_string()],
            )?;
                id
            }
        };
    for (pos, i) in items.iter().enumerate() {
        tx.execute(
            "INSERT INTO five_ways_intentions (id, plan_id, position, text, way)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                validate::new_id(),
                id,
                pos as i64,
                i.text,
                i.way.map(WayId::as_str)
            ],
        )?;
    }
    Ok(id)
}

/// A review checked and normalised.
pub(crate) struct CleanReview {
    pub outcome: FiveWaysOutcome,
    /// (intention id, outcome) pairs, each intention of the plan at most once.
    pub per_intention: Vec<(String, FiveWaysOutcome)>,
    pub helped: Option<String>,
    pub hindered: Option<String>,
}

/// Checks a review against the plan it reviews.
pub(crate) fn clean_review(
    plan: &FiveWaysPlan,
    input: &FiveWaysReviewInput,
) -> Result<CleanReview> {
    let mut per = Vec::with_capacity(input.intention_outcomes.len());
    for io in &input.intention_outcomes {
        let id = validate::id_arg("intention", &io.intention_id)?;
        if !plan.intentions.iter().any(|i| i.id == id) {
            return Err(Error::not_found("intention", &id));
        }
        if per.iter().any(|(x, _)| x == &id) {
            return Err(Error::invalid(
                "intention_outcomes",
                crate::rules::RuleCode::Duplicate,
            ));
        }
        per.push((id, io.outcome));
    }
    Ok(CleanReview {
        outcome: input.outcome,
        per_intention: per,
        helped: validate::optional_text(
            "what_helped",
            input.what_helped.as_deref(),
            LONG_TEXT,
            true,
        )?,
        hindered: validate::optional_text(
            "what_got_in_the_way",
            input.what_got_in_the_way.as_deref(),
            LONG_TEXT,
            true,
        )?,
    })
}

/// Refuses reviewing a week that has not begun.
pub(crate) fn check_reviewable(plan: &FiveWaysPlan) -> Result<()> {
    if plan.status == FiveWaysPlanStatus::Upcoming {
        return Err(Error::out_of_order("this plan's week has not started yet"));
    }
    Ok(())
}

/// Writes (or replaces) the review of `plan_id`.
pub(crate) fn save_review(
    tx: &Transaction,
    plan_id: &str,
    r: &CleanReview,
    now: Moment,
) -> Result<()> {
    tx.execute(
        "INSERT INTO five_ways_reviews (id, plan_id, outcome, what_helped, what_got_in_the_way,
            utc_ms, utc_offset_min, local_date, local_time, created_utc_ms, updated_utc_ms)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?6, ?6)
         ON CONFLICT(plan_id) DO UPDATE SET outcome = excluded.outcome,
            what_helped = excluded.what_helped, what_got_in_the_way = excluded.what_got_in_the_way,
            utc_ms = excluded.utc_ms, utc_offset_min = excluded.utc_offset_min,
            local_date = excluded.local_date, local_time = excluded.local_time,
            updated_utc_ms = excluded.updated_utc_ms",
        params![
            validate::new_id(),
            plan_id,
            r.outcome.as_str(),
            r.helped,
            r.hindered,
            now.utc_ms,
            now.offset_min,
            now.date_string(),
            now.time_string()
        ],
    )?;
    // A new review says how each intention went afresh.
    tx.execute(
        "UPDATE five_ways_intentions SET outcome = NULL WHERE plan_id = ?1",
        [plan_id],
    )?;
    for (id, o) in &r.per_intention {
        tx.execute(
            "UPDATE five_ways_intentions SET outcome = ?3 WHERE plan_id = ?1 AND id = ?2",
            params![plan_id, id, o.as_str()],
        )?;
    }
    Ok(())
}

pub(crate) fn status(monday: NaiveDate, today: NaiveDate, reviewed: bool) -> FiveWaysPlanStatus {
    let this = week_start(today);
    if reviewed {
        FiveWaysPlanStatus::Reviewed
    } else if monday > this {
        FiveWaysPlanStatus::Upcoming
    } else if monday == this {
        FiveWaysPlanStatus::Current
    } else {
        FiveWaysPlanStatus::Open
    }
}

fn outcome_col(s: Option<String>) -> Option<FiveWaysOutcome> {
    s.as_deref().and_then(FiveWaysOutcome::parse)
}

/// Loads a plan with its intentions and review.
pub(crate) fn load(conn: &Connection, id: &str, today: NaiveDate) -> Result<FiveWaysPlan> {
    let week: String = conn
        .query_row(
            "SELECT week_start FROM five_ways_plans WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| Error::not_found("five ways plan", id))?;
    let monday = parse_date("week_start", &week)?;
    let mut st = conn.prepare_cached(
        "SELECT id, text, way, outcome FROM five_ways_intentions WHERE plan_id = ?1 ORDER BY position",
    )?;
    let intentions = st
        .query_map([id], |r| {
            let way: Option<String> = r.get(2)?;
            let way = way.as_deref().and_then(WayId::parse);
            Ok(FiveWaysIntention {
                id: r.get(0)?,
                text: r.get(1)?,
                way_title: way.map(content::way_title),
                way,
                outcome: outcome_col(r.get(3)?),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let review = conn
        .query_row(
            "SELECT outcome, what_helped, what_got_in_the_way, local_date, local_time
             FROM five_ways_reviews WHERE plan_id = ?1",
            [id],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                ))
            },
        )
        .optional()?
        .and_then(|(o, helped, hindered, date, time)| {
            let outcome = FiveWaysOutcome::parse(&o)?;
            Some(FiveWaysReview {
                outcome,
                outcome_label: content::outcome_label(outcome.as_str()),
                what_helped: helped,
                what_got_in_the_way: hindered,
                date,
                time,
            })
        });
    Ok(FiveWaysPlan {
        id: id.to_string(),
        week_start: week,
        week_end: fmt_date(monday + Duration::days(6)),
        label: week_label(monday),
        status: status(monday, today, review.is_some()),
        intentions,
        review,
    })
}

/// The plan of the week starting `monday`, if any.
pub(crate) fn for_week(
    conn: &Connection,
    monday: NaiveDate,
    today: NaiveDate,
) -> Result<Option<FiveWaysPlan>> {
    let id: Option<String> = conn
        .prepare_cached("SELECT id FROM five_ways_plans WHERE week_start = ?1")?
        .query_row([fmt_date(monday)], |r| r.get(0))
        .optional()?;
    id.map(|id| load(conn, &id, today)).transpose()
}

/// The plan a review should look at now: the most recent unreviewed plan whose week has
/// begun (this week's, else the latest open one).
pub(crate) fn awaiting_review(
    conn: &Connection,
    today: NaiveDate,
    past_only: bool,
) -> Result<Option<FiveWaysPlan>> {
    let this = week_start(today);
    let limit = if past_only {
        this - Duration::days(1)
    } else {
        this
    };
    let id: Option<String> = conn
        .prepare_cached(
            "SELECT p.id FROM five_ways_plans p
             WHERE p.week_start <= ?1
               AND NOT EXISTS (SELECT 1 FROM five_ways_reviews r WHERE r.plan_id = p.id)
             ORDER BY p.week_start DESC LIMIT 1",
        )?
        .query_row([fmt_date(limit)], |r| r.get(0))
        .optional()?;
    id.map(|id| load(conn, &id, today)).transpose()
}

#[cfg_attr(feature = "ffi", uniffi::export)]
impl WellbeingStore {
    /// Saves the plan for this week (or the week of `week_of`, this week or next),
    /// replacing any plan that week already has.
    pub fn five_ways_set_plan(&self, input: FiveWaysPlanInput) -> ApiResult<FiveWaysPlan> {
        let now = self.now();
        let monday = plannable_week(now.date(), input.week_of.as_deref())?;
        let items = clean_intentions(&input.intentions)?;
        Ok(self.write(|tx| {
            let id = save_plan(tx, monday, &items, now)?;
            load(tx, &id, now.date())
        })?)
    }

    /// One plan.
    pub fn five_ways_plan(&self, plan_id: String) -> ApiResult<FiveWaysPlan> {
        let id = validate::id_arg("five ways plan", &plan_id)?;
        let today = self.now().date();
        Ok(self.read(|c| load(c, &id, today))?)
    }

    /// The plan of the week containing `date` (default today), if there is one.
    pub fn five_ways_plan_for_week(&self, date: Option<String>) -> ApiResult<Option<FiveWaysPlan>> {
        let today = self.now().date();
        let d = match date {
            Some(s) => parse_date("date", &s)?,
            None => today,
        };
        Ok(self.read(|c| for_week(c, week_start(d), today))?)
    }

    /// Reviews a plan (at the week's end or any time once its week has begun). Reviewing
    /// again replaces the earlier review.
    pub fn five_ways_review_plan(
        &self,
        plan_id: String,
        input: FiveWaysReviewInput,
    ) -> ApiResult<FiveWaysPlan> {
        let id = validate::id_arg("five ways plan", &plan_id)?;
        let now = self.now();
        Ok(self.write(|tx| {
            let plan = load(tx, &id, now.date())?;
            check_reviewable(&plan)?;
            let r = clean_review(&plan, &input)?;
            save_review(tx, &id, &r, now)?;
            load(tx, &id, now.date())
        })?)
    }

    /// Removes a plan's review (the plan stays, and becomes open again if its week ended).
    pub fn five_ways_delete_review(&self, plan_id: String) -> ApiResult<FiveWaysPlan> {
        let id = validate::id_arg("five ways plan", &plan_id)?;
        let today = self.now().date();
        Ok(self.write(|tx| {
            load(tx, &id, today)?;
            tx.execute("DELETE FROM five_ways_reviews WHERE plan_id = ?1", [&id])?;
            tx.execute(
                "UPDATE five_ways_intentions SET outcome = NULL WHERE plan_id = ?1",
                [&id],
            )?;
            load(tx, &id, today)
        })?)
    }

    /// Deletes a plan with its intentions and review.
    pub fn five_ways_delete_plan(&self, plan_id: String) -> ApiResult<()> {
        let id = validate::id_arg("five ways plan", &plan_id)?;
        let n =
            self.write(|tx| Ok(tx.execute("DELETE FROM five_ways_plans WHERE id = ?1", [&id])?))?;
        if n == 0 {
            return Err(Error::not_found("five ways plan", &id).into());
        }
        Ok(())
    }

    /// Plans with their reviews, newest week first. `before` (a date) starts the page at
    /// the weeks before the one containing it; pass the last plan's `week_start` for the
    /// next page. `limit` is 1 to 100.
    pub fn five_ways_plans(
        &self,
        before: Option<String>,
        limit: u32,
    ) -> ApiResult<Vec<FiveWaysPlan>> {
        validate::in_range("limit", limit as i64, 1, MAX_PAGE as i64)?;
        let before = before
            .map(|s| parse_date("before", &s).map(|d| fmt_date(week_start(d))))
            .transpose()?;
        let today = self.now().date();
        Ok(self.read(|c| {
            let mut st = c.prepare_cached(
                "SELECT id FROM five_ways_plans WHERE ?1 IS NULL OR week_start < ?1
                 ORDER BY week_start DESC LIMIT ?2",
            )?;
            let ids = st
                .query_map(params![before, limit], |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            ids.iter().map(|id| load(c, id, today)).collect()
        })?)
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{at, ms};
    use super::super::FiveWaysIntentionOutcome;
    use super::*;
    use crate::WellbeingError;

    fn intent(text: &str, way: Option<&str>) -> FiveWaysIntentionInput {
        FiveWaysIntentionInput {
            text: text.into(),
            way: way.map(|w| WayId::parse(w).unwrap()),
        }
    }

    fn plan_input(week_of: Option<&str>, items: Vec<FiveWaysIntentionInput>) -> FiveWaysPlanInput {
        FiveWaysPlanInput {
            week_of: week_of.map(Into::into),
            intentions: items,
        }
    }

    fn review(outcome: FiveWaysOutcome) -> FiveWaysReviewInput {
        FiveWaysReviewInput {
            outcome,
            intention_outcomes: vec![],
            what_helped: None,
            what_got_in_the_way: None,
        }
    }

    fn field<T: std::fmt::Debug>(r: ApiResult<T>) -> String {
        match r {
            Err(WellbeingError::InvalidInput { field, .. }) => field,
            other => panic!("expected InvalidInput, got {other:?}"),
        }
    }

    // Wednesday 18 Nov 2026.
    const WED: &str = "2026-11-18T12:00:00Z";

    #[test]
    fn plan_for_this_week_and_replace() {
        let c = at(WED, 0);
        let p = c
            .five_ways_set_plan(plan_input(
                None,
                vec![
                    intent(" Walk to work twice ", Some("be-active")),
                    intent("Call Gran", None),
                ],
            ))
            .unwrap();
        assert_eq!(
            (p.week_start.as_str(), p.week_end.as_str(), p.label.as_str()),
            ("2026-11-16", "2026-11-22", "16–22 Nov 2026")
        );
        assert_eq!(p.status, FiveWaysPlanStatus::Current);
        assert_eq!(p.intentions[0].text, "Walk to work twice");
        assert_eq!(p.intentions[0].way_title.as_deref(), Some("Be active"));
        assert_eq!(p.intentions[1].way, None);
        // Saving again for any day of the same week replaces it: one plan per week.
        let p2 = c
            .five_ways_set_plan(plan_input(
                Some("2026-11-22"),
                vec![intent("Read", Some("keep-learning"))],
            ))
            .unwrap();
        assert_eq!(p2.id, p.id);
        assert_eq!(p2.intentions.len(), 1);
        assert_eq!(c.five_ways_plans(None, 10).unwrap(), vec![p2.clone()]);
        assert_eq!(c.five_ways_plan_for_week(None).unwrap(), Some(p2));
        let n: i64 = c
            .read(|c| {
                Ok(
                    c.query_row("SELECT count(*) FROM five_ways_intentions", [], |r| {
                        r.get(0)
                    })?,
                )
            })
            .unwrap();
        assert_eq!(n, 1);
    }

    #[test]
    fn plan_rules() {
        let c = at(WED, 0);
        let ok = || vec![intent("x", None)];
        assert_eq!(
            field(c.five_ways_set_plan(plan_input(None, vec![]))),
            "intentions"
        );
        let eleven = (0..11).map(|i| intent(&format!("i{i}"), None)).collect();
        assert_eq!(
            field(c.five_ways_set_plan(plan_input(None, eleven))),
            "intentions"
        );
        let ten: Vec<_> = (0..10).map(|i| intent(&format!("i{i}"), None)).collect();
        assert!(c.five_ways_set_plan(plan_input(None, ten)).is_ok());
        assert_eq!(
            field(c.five_ways_set_plan(plan_input(None, vec![intent(" ", None)]))),
            "intention"
        );
        assert_eq!(
            field(c.five_ways_set_plan(plan_input(None, vec![intent(&"x".repeat(201), None)]))),
            "intention"
        );
        assert_eq!(
            field(c.five_ways_set_plan(plan_input(Some("2026-11-15"), ok()))),
            "week_of"
        );
        assert_eq!(
            field(c.five_ways_set_plan(plan_input(Some("2026-11-30"), ok()))),
            "week_of"
        );
        assert_eq!(
            field(c.five_ways_set_plan(plan_input(Some("2026-11-31"), ok()))),
            "week_of"
        );
        // Next week can be planned ahead.
        let next = c
            .five_ways_set_plan(plan_input(Some("2026-11-29"), ok()))
            .unwrap();
        assert_eq!(next.week_start, "2026-11-23");
        assert_eq!(next.status, FiveWaysPlanStatus::Upcoming);
    }

    #[test]
    fn review_with_outcomes_and_replace() {
        let c = at(WED, 0);
        let p = c
            .five_ways_set_plan(plan_input(
                None,
                vec![intent("a", None), intent("b", Some("give"))],
            ))
            .unwrap();
        let r = c
            .five_ways_review_plan(
                p.id.clone(),
                FiveWaysReviewInput {
                    outcome: FiveWaysOutcome::Partly,
                    intention_outcomes: vec![FiveWaysIntentionOutcome {
                        intention_id: p.intentions[1].id.clone(),
                        outcome: FiveWaysOutcome::Done,
                    }],
                    what_helped: Some(" My friend came too ".into()),
                    what_got_in_the_way: Some("Rain\nand work".into()),
                },
            )
            .unwrap();
        assert_eq!(r.status, FiveWaysPlanStatus::Reviewed);
        let rv = r.review.clone().unwrap();
        assert_eq!(rv.outcome, FiveWaysOutcome::Partly);
        assert_eq!(rv.outcome_label, "Partly");
        assert_eq!(rv.what_helped.as_deref(), Some("My friend came too"));
        assert_eq!(rv.what_got_in_the_way.as_deref(), Some("Rain\nand work"));
        assert_eq!(
            (rv.date.as_str(), rv.time.as_str()),
            ("2026-11-18", "12:00")
        );
        assert_eq!(r.intentions[0].outcome, None);
        assert_eq!(r.intentions[1].outcome, Some(FiveWaysOutcome::Done));
        // Reviewing again replaces the review, including per-intention outcomes.
        let r2 = c
            .five_ways_review_plan(p.id.clone(), review(FiveWaysOutcome::Done))
            .unwrap();
        assert_eq!(r2.review.as_ref().unwrap().outcome, FiveWaysOutcome::Done);
        assert_eq!(r2.review.as_ref().unwrap().what_helped, None);
        assert!(r2.intentions.iter().all(|i| i.outcome.is_none()));
        let n: i64 = c
            .read(|c| Ok(c.query_row("SELECT count(*) FROM five_ways_reviews", [], |r| r.get(0))?))
            .unwrap();
        assert_eq!(n, 1);
        // Deleting the review leaves the plan, current again.
        let back = c.five_ways_delete_review(p.id.clone()).unwrap();
        assert_eq!(
            (back.status, back.review),
            (FiveWaysPlanStatus::Current, None)
        );
    }

    #[test]
    fn review_rules() {
        let c = at(WED, 0);
        let p = c
            .five_ways_set_plan(plan_input(None, vec![intent("a", None)]))
            .unwrap();
        let other = c
            .five_ways_set_plan(plan_input(Some("2026-11-23"), vec![intent("b", None)]))
            .unwrap();
        let with = |ios: Vec<(&str, FiveWaysOutcome)>| FiveWaysReviewInput {
            intention_outcomes: ios
                .into_iter()
                .map(|(id, outcome)| FiveWaysIntentionOutcome {
                    intention_id: id.into(),
                    outcome,
                })
                .collect(),
            ..review(FiveWaysOutcome::Done)
        };
        let mine = p.intentions[0].id.as_str();
        // An intention of another plan is not found here.
        assert!(matches!(
            c.five_ways_review_plan(
                p.id.clone(),
                with(vec![(&other.intentions[0].id, FiveWaysOutcome::Done)])
            ),
            Err(WellbeingError::NotFound { .. })
        ));
        assert_eq!(
            field(c.five_ways_review_plan(
                p.id.clone(),
                with(vec![
                    (mine, FiveWaysOutcome::Done),
                    (mine, FiveWaysOutcome::Partly)
                ])
            )),
            "intention_outcomes"
        );
        let long = FiveWaysReviewInput {
            what_helped: Some("h".repeat(4001)),
            ..review(FiveWaysOutcome::Done)
        };
        assert_eq!(
            field(c.five_ways_review_plan(p.id.clone(), long)),
            "what_helped"
        );
        let long = FiveWaysReviewInput {
            what_got_in_the_way: Some("h".repeat(4001)),
            ..review(FiveWaysOutcome::Done)
        };
        assert_eq!(
            field(c.five_ways_review_plan(p.id.clone(), long)),
            "what_got_in_the_way"
        );
        // Next week's plan cannot be reviewed yet.
        assert!(matches!(
            c.five_ways_review_plan(other.id.clone(), review(FiveWaysOutcome::Done)),
            Err(WellbeingError::OutOfOrder { .. })
        ));
        assert!(matches!(
            c.five_ways_review_plan(validate::new_id(), review(FiveWaysOutcome::Done)),
            Err(WellbeingError::NotFound { .. })
        ));
        // Nothing was written by the refused calls.
        assert_eq!(c.five_ways_plan(p.id.clone()).unwrap().review, None);
    }

    #[test]
    fn past_unreviewed_plans_are_open_and_listed_newest_first() {
        let c = at("2026-11-04T12:00:00Z", 0); // Wed 4 Nov
        let a = c
            .five_ways_set_plan(plan_input(None, vec![intent("a", None)]))
            .unwrap();
        c.set_fixed_time(ms("2026-11-11T12:00:00Z"), 0).unwrap();
        let b = c
            .five_ways_set_plan(plan_input(None, vec![intent("b", None)]))
            .unwrap();
        c.five_ways_review_plan(b.id.clone(), review(FiveWaysOutcome::NotDone))
            .unwrap();
        c.set_fixed_time(ms(WED), 0).unwrap();
        let d = c
            .five_ways_set_plan(plan_input(None, vec![intent("d", None)]))
            .unwrap();
        let all = c.five_ways_plans(None, 10).unwrap();
        let got: Vec<(&str, FiveWaysPlanStatus)> = all
            .iter()
            .map(|p| (p.week_start.as_str(), p.status))
            .collect();
        assert_eq!(
            got,
            [
                ("2026-11-16", FiveWaysPlanStatus::Current),
                ("2026-11-09", FiveWaysPlanStatus::Reviewed),
                ("2026-11-02", FiveWaysPlanStatus::Open),
            ]
        );
        // Paging.
        let page1 = c.five_ways_plans(None, 2).unwrap();
        assert_eq!(page1.len(), 2);
        let page2 = c
            .five_ways_plans(Some(page1[1].week_start.clone()), 2)
            .unwrap();
        assert_eq!(page2.iter().map(|p| &p.id).collect::<Vec<_>>(), [&a.id]);
        assert_eq!(field(c.five_ways_plans(None, 0)), "limit");
        assert_eq!(field(c.five_ways_plans(None, 101)), "limit");
        assert_eq!(field(c.five_ways_plans(Some("x".into()), 5)), "before");
        // Awaiting review: this week's first, else the latest open one.
        let today = c.now().date();
        let w = c
            .read(|c| awaiting_review(c, today, false))
            .unwrap()
            .unwrap();
        assert_eq!(w.id, d.id);
        let w = c
            .read(|c| awaiting_review(c, today, true))
            .unwrap()
            .unwrap();
        assert_eq!(w.id, a.id);
    }

    #[test]
    fn delete_plan_cascades() {
        let c = at(WED, 0);
        let p = c
            .five_ways_set_plan(plan_input(None, vec![intent("a", None)]))
            .unwrap();
        c.five_ways_review_plan(p.id.clone(), review(FiveWaysOutcome::Done))
            .unwrap();
        c.five_ways_delete_plan(p.id.clone()).unwrap();
        let n: i64 = c
            .read(|c| {
                Ok(c.query_row(
                    "SELECT (SELECT count(*) FROM five_ways_plans) + (SELECT count(*) FROM five_ways_intentions)
                          + (SELECT count(*) FROM five_ways_reviews)",
                    [],
                    |r| r.get(0),
                )?)
            })
            .unwrap();
        assert_eq!(n, 0);
        assert!(matches!(
            c.five_ways_delete_plan(p.id.clone()),
            Err(WellbeingError::NotFound { .. })
        ));
        assert!(matches!(
            c.five_ways_plan(p.id),
            Err(WellbeingError::NotFound { .. })
        ));
    }
}
