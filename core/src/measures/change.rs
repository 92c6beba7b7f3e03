//! Change between two administrations, by the NHS Talking Therapies (IAPT) outcome rules.
//!
//! The rules (CONTENT.md section 2, confidence H unless noted):
//! - caseness: PHQ-9 total at least 10; GAD-7 total at least 8 [M24][M25][M26];
//! - reliable improvement: a drop of at least 6 (PHQ-9) or 4 (GAD-7), first vs last [M24][M28];
//! - reliable deterioration: a rise by the same amounts [M29] (M);
//! - recovery: at caseness at the start and not at the end; a start below caseness is left
//!   out of recovery altogether (not counted as "not recovered") [M27];
//! - reliable recovery: recovery and reliable improvement together [M27];
//! - paired PHQ-9 + GAD-7: a case on either counts as a case; improvement on at least one
//!   with no reliable deterioration on the other (L: from memory of the IAPT manual).
//!
//! The pure functions here take totals; the API in `mod.rs` feeds them stored results.

use serde::{Deserialize, Serialize};

use super::scoring::Kind;
use crate::error::{Error, Result};

/// PHQ-9 caseness cut-off [M24].
pub(crate) const PHQ9_CASENESS: i32 = 10;
/// GAD-7 caseness cut-off [M24].
pub(crate) const GAD7_CASENESS: i32 = 8;
/// PHQ-9 reliable change index [M24][M28].
pub(crate) const PHQ9_RELIABLE: i32 = 6;
/// GAD-7 reliable change index [M24][M28].
pub(crate) const GAD7_RELIABLE: i32 = 4;

/// Where a change stands on the recovery rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum MeasureRecoveryStatus {
    /// At caseness at the start, not at the end.
    Recovered,
    /// At caseness at the start and still at the end.
    NotRecovered,
    /// Not at caseness at the start: the recovery rule does not apply (IAPT leaves these out
    /// of the recovery rate's denominator).
    ExcludedNotAtCaseness,
}

/// Which way a score moved, judged against the reliable change index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum MeasureChangeDirection {
    ReliableImprovement,
    NoReliableChange,
    ReliableDeterioration,
}

/// The rules applied to one measure's first and last totals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Assessed {
    pub kind: Kind,
    pub start: i32,
    pub end: i32,
    pub case_start: bool,
    pub case_end: bool,
    pub direction: MeasureChangeDirection,
    pub recovery: MeasureRecoveryStatus,
    pub reliable_recovery: bool,
}

impl Assessed {
    pub fn improved(&self) -> bool {
        self.direction == MeasureChangeDirection::ReliableImprovement
    }
    pub fn deteriorated(&self) -> bool {
        self.direction == MeasureChangeDirection::ReliableDeterioration
    }
}

/// Caseness cut-off and reliable change index of a measure the rules cover.
pub(crate) fn thresholds(kind: Kind) -> Result<(i32, i32)> {
    match kind {
        Kind::Phq9 => Ok((PHQ9_CASENESS, PHQ9_RELIABLE)),
        Kind::Gad7 => Ok((GAD7_CASENESS, GAD7_RELIABLE)),
        Kind::Ons4 | Kind::Swemwbs => Err(Error::invalid(
            "measure",
            crate::rules::RuleCode::NotApplicable,
        )),
    }
}

/// Applies the rules to a start and end total (each checked against the measure's range).
pub(crate) fn assess(kind: Kind, start: i32, end: i32) -> Result<Assessed> {
    let (case_cut, reliable) = thresholds(kind)?;
    let (lo, hi) = kind
        .total_range()
        .ok_or_else(|| Error::internal("measure has no total"))?;
    for (field, v) in [("start_total", start), ("end_total", end)] {
        crate::validate::in_range(field, v as i64, lo as i64, hi as i64)?;
    }
    let case_start = start >= case_cut;
    let case_end = end >= case_cut;
    let diff = end - start;
    let direction = if diff <= -reliable {
        MeasureChangeDirection::ReliableImprovement
    } else if diff >= reliable {
        MeasureChangeDirection::ReliableDeterioration
    } else {
        MeasureChangeDirection::NoReliableChange
    };
    let recovery = recovery_of(case_start, case_end);
    let reliable_recovery = recovery == MeasureRecoveryStatus::Recovered
        && direction == MeasureChangeDirection::ReliableImprovement;
    Ok(Assessed {
        kind,
        start,
        end,
        case_start,
        case_end,
        direction,
        recovery,
        reliable_recovery,
    })
}

fn recovery_of(case_start: bool, case_end: bool) -> MeasureRecoveryStatus {
    match (case_start, case_end) {
        (false, _) => MeasureRecoveryStatus::ExcludedNotAtCaseness,
        (true, false) => MeasureRecoveryStatus::Recovered,
        (true, true) => MeasureRecoveryStatus::NotRecovered,
    }
}

/// PHQ-9 and GAD-7 looked at together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PairedAssessed {
    pub phq9: Assessed,
    pub gad7: Assessed,
    /// A case on either measure counts as a case [M24].
    pub case_start: bool,
    pub case_end: bool,
    pub recovery: MeasureRecoveryStatus,
    /// Improvement on at least one with no reliable deterioration on the other (L).
    pub reliable_improvement: bool,
    /// Deterioration on at least one with no reliable improvement on the other: the mirror
    /// of the improvement rule (L).
    pub reliable_deterioration: bool,
    pub reliable_recovery: bool,
}

pub(crate) fn assess_paired(phq9: Assessed, gad7: Assessed) -> Result<PairedAssessed> {
    if phq9.kind != Kind::Phq9 || gad7.kind != Kind::Gad7 {
        return Err(Error::invalid("measure", crate::rules::RuleCode::Mismatch));
    }
    let case_start = phq9.case_start || gad7.case_start;
    let case_end = phq9.case_end || gad7.case_end;
    let reliable_improvement =
        (phq9.improved() && !gad7.deteriorated()) || (gad7.improved() && !phq9.deteriorated());
    let reliable_deterioration =
        (phq9.deteriorated() && !gad7.improved()) || (gad7.deteriorated() && !phq9.improved());
    let recovery = recovery_of(case_start, case_end);
    Ok(PairedAssessed {
        phq9,
        gad7,
        case_start,
        case_end,
        recovery,
        reliable_improvement,
        reliable_deterioration,
        reliable_recovery: recovery == MeasureRecoveryStatus::Recovered && reliable_improvement,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use MeasureChangeDirection::*;
    use MeasureRecoveryStatus::*;

    fn phq(s: i32, e: i32) -> Assessed {
        assess(Kind::Phq9, s, e).unwrap()
    }
    fn gad(s: i32, e: i32) -> Assessed {
        assess(Kind::Gad7, s, e).unwrap()
    }

    #[test]
    fn phq9_caseness_edge_is_9_vs_10() {
        assert!(!phq(9, 9).case_start);
        assert!(phq(10, 10).case_start);
        assert!(!phq(10, 9).case_end);
        assert!(phq(10, 10).case_end);
    }

    #[test]
    fn gad7_caseness_edge_is_7_vs_8() {
        assert!(!gad(7, 7).case_start);
        assert!(gad(8, 8).case_start);
        assert!(!gad(8, 7).case_end);
        assert!(gad(8, 8).case_end);
    }

    #[test]
    fn phq9_reliable_change_edge_is_5_vs_6() {
        assert_eq!(phq(20, 15).direction, NoReliableChange);
        assert_eq!(phq(20, 14).direction, ReliableImprovement);
        assert_eq!(phq(10, 15).direction, NoReliableChange);
        assert_eq!(phq(10, 16).direction, ReliableDeterioration);
        assert_eq!(phq(27, 0).direction, ReliableImprovement);
        assert_eq!(phq(0, 27).direction, ReliableDeterioration);
        assert_eq!(phq(5, 5).direction, NoReliableChange);
    }

    #[test]
    fn gad7_reliable_change_edge_is_3_vs_4() {
        assert_eq!(gad(15, 12).direction, NoReliableChange);
        assert_eq!(gad(15, 11).direction, ReliableImprovement);
        assert_eq!(gad(5, 8).direction, NoReliableChange);
        assert_eq!(gad(5, 9).direction, ReliableDeterioration);
    }

    #[test]
    fn recovery_needs_caseness_at_start_and_not_at_end() {
        // Case at start (10), not at end (9): recovered, but a drop of 1 is not reliable.
        let a = phq(10, 9);
        assert_eq!(a.recovery, Recovered);
        assert!(!a.reliable_recovery);
        // Case at start, drop of 6 to below the cut-off: reliable recovery.
        let a = phq(15, 9);
        assert_eq!((a.recovery, a.direction), (Recovered, ReliableImprovement));
        assert!(a.reliable_recovery);
        // Reliable improvement but still a case: not recovered.
        let a = phq(20, 14);
        assert_eq!(
            (a.recovery, a.direction),
            (NotRecovered, ReliableImprovement)
        );
        assert!(!a.reliable_recovery);
        // GAD-7 at its edges.
        assert_eq!(gad(8, 7).recovery, Recovered);
        assert!(gad(11, 7).reliable_recovery);
        assert!(!gad(10, 7).reliable_recovery, "a drop of 3 is not reliable");
        assert_eq!(gad(8, 8).recovery, NotRecovered);
    }

    #[test]
    fn not_at_caseness_at_start_is_excluded_from_recovery() {
        for a in [phq(9, 0), phq(9, 20), phq(0, 0), gad(7, 0), gad(7, 21)] {
            assert_eq!(a.recovery, ExcludedNotAtCaseness, "{a:?}");
            assert!(!a.reliable_recovery);
        }
        // Still can improve or deteriorate reliably.
        assert_eq!(phq(9, 3).direction, ReliableImprovement);
        assert_eq!(phq(9, 15).direction, ReliableDeterioration);
    }

    #[test]
    fn totals_out_of_range_and_other_measures_are_refused() {
        assert!(matches!(
            assess(Kind::Phq9, 28, 0),
            Err(Error::Invalid { field, .. }) if field == "start_total"
        ));
        assert!(matches!(
            assess(Kind::Gad7, 0, 22),
            Err(Error::Invalid { field, .. }) if field == "end_total"
        ));
        assert!(assess(Kind::Gad7, -1, 0).is_err());
        assert!(assess(Kind::Ons4, 1, 2).is_err());
        assert!(assess(Kind::Swemwbs, 20, 25).is_err());
    }

    #[test]
    fn paired_rule_improvement_on_one_without_deterioration_on_other() {
        // PHQ improves by 6, GAD steady: improvement.
        let p = assess_paired(phq(16, 10), gad(10, 10)).unwrap();
        assert!(p.reliable_improvement && !p.reliable_deterioration);
        // PHQ improves, GAD reliably worse: not improvement (and not deterioration: mixed).
        let p = assess_paired(phq(16, 10), gad(6, 10)).unwrap();
        assert!(!p.reliable_improvement && !p.reliable_deterioration);
        // GAD improves by 4, PHQ rises by 5 (not reliable): improvement.
        let p = assess_paired(phq(5, 10), gad(12, 8)).unwrap();
        assert!(p.reliable_improvement);
        // Neither improves reliably (5 and 3): no improvement.
        let p = assess_paired(phq(15, 10), gad(11, 8)).unwrap();
        assert!(!p.reliable_improvement && !p.reliable_deterioration);
        // Deterioration on one, steady on the other.
        let p = assess_paired(phq(4, 10), gad(3, 3)).unwrap();
        assert!(p.reliable_deterioration && !p.reliable_improvement);
        assert!(assess_paired(gad(1, 1), phq(1, 1)).is_err());
    }

    #[test]
    fn paired_caseness_is_either_measure() {
        // PHQ 9 (not a case) with GAD 8 (a case): a case at the start.
        let p = assess_paired(phq(9, 9), gad(8, 7)).unwrap();
        assert!(p.case_start && !p.case_end);
        assert_eq!(p.recovery, Recovered);
        // Recovery needs both below their cut-offs at the end.
        let p = assess_paired(phq(12, 9), gad(8, 8)).unwrap();
        assert_eq!(p.recovery, NotRecovered);
        // Neither a case at the start: excluded.
        let p = assess_paired(phq(9, 2), gad(7, 1)).unwrap();
        assert_eq!(p.recovery, ExcludedNotAtCaseness);
        assert!(p.reliable_improvement && !p.reliable_recovery);
        // Reliable recovery: recovered and reliably improved.
        let p = assess_paired(phq(16, 9), gad(9, 7)).unwrap();
        assert_eq!(p.recovery, Recovered);
        assert!(p.reliable_recovery);
    }
}
