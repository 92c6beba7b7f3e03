//! Change between two results by the NHS Talking Therapies rules, for the results a person
//! has stored.

use rusqlite::Connection;

use crate::clock::{self};
use crate::error::{Error, Result};

use super::change::{self, *};
use super::content::Content;
use super::scoring::Kind;
use super::store::*;
use super::types::*;

pub(super) fn change_of(
    c: &Content,
    a: &change::Assessed,
    start: Option<&MeasureResult>,
    end: Option<&MeasureResult>,
) -> Result<MeasureChange> {
    let (cut, reliable) = change::thresholds(a.kind)?;
    let diff = a.end - a.start;
    let mut lines = vec![];
    let t = |k: &str, points: i32| {
        c.text(
            k,
            &[
                ("points", points.to_string()),
                ("threshold", reliable.to_string()),
            ],
        )
    };
    lines.push(match a.direction {
        MeasureChangeDirection::ReliableImprovement => t("change_improved", -diff),
        MeasureChangeDirection::ReliableDeterioration => t("change_deteriorated", diff),
        MeasureChangeDirection::NoReliableChange => t("change_none", diff.abs()),
    });
    let key = match a.recovery {
        MeasureRecoveryStatus::Recovered => "recovery_recovered",
        MeasureRecoveryStatus::NotRecovered => "recovery_not_recovered",
        MeasureRecoveryStatus::ExcludedNotAtCaseness => "recovery_excluded",
    };
    lines.push(c.text(key, &[("threshold", cut.to_string())]));
    lines.push(c.text("change_talk", &[]));
    Ok(MeasureChange {
        measure: a.kind.measure_id(),
        title: c.measure(a.kind)?.title.clone(),
        start_result_id: start.map(|r| r.id.clone()),
        end_result_id: end.map(|r| r.id.clone()),
        start_date: start.map(|r| r.date.clone()),
        end_date: end.map(|r| r.date.clone()),
        start_total: a.start,
        end_total: a.end,
        difference: diff,
        caseness_threshold: cut,
        reliable_change_threshold: reliable,
        caseness_at_start: a.case_start,
        caseness_at_end: a.case_end,
        direction: a.direction,
        reliable_improvement: a.improved(),
        reliable_deterioration: a.deteriorated(),
        recovery: a.recovery,
        reliable_recovery: a.reliable_recovery,
        lines,
        source: "M24, M25, M27, M28, M29".into(),
    })
}

pub(super) fn paired_of(
    c: &Content,
    p: &change::PairedAssessed,
    phq9: MeasureChange,
    gad7: MeasureChange,
) -> MeasurePairedChange {
    MeasurePairedChange {
        phq9,
        gad7,
        caseness_at_start: p.case_start,
        caseness_at_end: p.case_end,
        recovery: p.recovery,
        reliable_improvement: p.reliable_improvement,
        reliable_deterioration: p.reliable_deterioration,
        reliable_recovery: p.reliable_recovery,
        rule_confidence: "L".into(),
        notes: vec![c.text("paired_rule_note", &[]), c.text("change_talk", &[])],
    }
}

pub(super) fn totals_pair(start: &MeasureResult, end: &MeasureResult) -> Result<(i32, i32)> {
    match (start.total, end.total) {
        (Some(a), Some(b)) => Ok((a, b)),
        _ => Err(Error::invalid(
            "measure",
            crate::rules::RuleCode::NotApplicable,
        )),
    }
}

/// First (on or after `since`) and latest of `kind`, when there are two different ones.
pub(super) fn first_and_latest(
    conn: &Connection,
    kind: Kind,
    since: Option<&str>,
) -> Result<Option<(MeasureResult, MeasureResult)>> {
    let first = first_since(conn, kind, since)?;
    let latest = newest_first(conn, kind, 0, 1)?.into_iter().next();
    Ok(match (first, latest) {
        (Some(f), Some(l)) if f.id != l.id => Some((f, l)),
        _ => None,
    })
}

pub(super) fn progress_of(
    conn: &Connection,
    kind: Kind,
    since: Option<&str>,
) -> Result<Option<(change::Assessed, MeasureResult, MeasureResult)>> {
    change::thresholds(kind)?;
    Ok(match first_and_latest(conn, kind, since)? {
        Some((f, l)) => {
            let (a, b) = totals_pair(&f, &l)?;
            Some((change::assess(kind, a, b)?, f, l))
        }
        None => None,
    })
}

pub(super) fn since_arg(since: Option<String>) -> Result<Option<String>> {
    since
        .map(|s| clock::parse_date("since", &s).map(clock::fmt_date))
        .transpose()
}
