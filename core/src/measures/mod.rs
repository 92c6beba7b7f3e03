//! Outcome measures: PHQ-9, GAD-7, ONS4 and SWEMWBS, taken between appointments.
//!
//! A person answers a measure (directly with [`MeasureInput`] or through the guided flows
//! "phq9", "gad7", "ons4", "swemwbs"); the core scores it by the published rules
//! (`scoring.rs`), words the result without diagnosing (`content.rs`), raises the PHQ-9
//! item 9 safety flag whatever the total, stores it, and draws its history. `change.rs`
//! applies the NHS Talking Therapies rules to two administrations.
//!
//! Stored rows keep the raw answers; everything shown (band labels, sentences, flags) is
//! rebuilt from them on reading, so a wording fix reaches old results too, while the stored
//! total, band and flag codes stay available to queries and exports.

mod change;
mod content;
mod describe;
mod flows;
mod history;
mod scoring;
mod store;
mod types;
mod views;

use chrono::NaiveDate;
use rusqlite::params;

use crate::clock::{self, Moment};
use crate::error::{ApiResult, Error, Result};
use crate::ids::MeasureId;
use crate::store::WellbeingStore;
use crate::validate;

pub use change::{MeasureChangeDirection, MeasureRecoveryStatus};
pub(crate) use flows::MODULE;
pub(crate) use store::{check_stored, SCHEMA};
pub use types::*;

use content::content;
use describe::*;
use history::*;
use scoring::Kind;
use store::*;
use views::*;

// ---------------------------------------------------------------------------------------
// Internal calls for the today/week views
// ---------------------------------------------------------------------------------------

#[allow(dead_code)]
impl WellbeingStore {
    /// The newest result of `measure` ("phq9", "gad7", "ons4", "swemwbs"), if any.
    pub(crate) fn measure_latest(&self, measure: &str) -> Result<Option<MeasureResult>> {
        let kind = Kind::parse(measure)?;
        self.read(|conn| Ok(newest_first(conn, kind, 0, 1)?.into_iter().next()))
    }

    /// True when `measure` is due today: never taken, or last taken at least its cadence
    /// ago in local days (PHQ-9, GAD-7, ONS4 weekly; SWEMWBS fortnightly).
    pub(crate) fn measure_is_due(&self, measure: &str) -> Result<bool> {
        let kind = Kind::parse(measure)?;
        let today = self.now().date();
        self.read(|conn| Ok(status_of(conn, kind, today)?.due))
    }

    /// The latest result and due state of every measure the profile is offered, in menu
    /// order: what the home screen, the reminders and the measures screen show.
    pub(crate) fn measure_statuses(&self) -> Result<Vec<MeasureStatus>> {
        let today = self.now().date();
        let profile = self.profile_or_adult();
        self.read(|conn| {
            offered(profile)
                .map(|k| status_of(conn, k, today))
                .collect()
        })
    }

    /// The safety flags of results taken on local dates `from..=to`, newest first, scored
    /// again from the stored answers (the answers are the record; a stored flag is not
    /// trusted) but not put into words: the home screen needs only the flags, and the full
    /// results (headlines, advice, a notice per result) were most of its cost.
    pub(crate) fn measure_flags_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<crate::crisis::SafetyFlag>> {
        self.read(|conn| {
            let c = content()?;
            let mut st = conn.prepare_cached(
                "SELECT measure, answers FROM measures_results WHERE local_date BETWEEN ?1 AND ?2
                 ORDER BY utc_ms DESC, created_utc_ms DESC, rowid DESC",
            )?;
            let rows = st.query_map(params![clock::fmt_date(from), clock::fmt_date(to)], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })?;
            let mut flags = vec![];
            for row in rows {
                let (measure, answers) = row?;
                if store::raises_item9(&measure, &answers)? {
                    flags.push(describe::item9_flag(c));
                }
            }
            Ok(flags)
        })
    }

    /// All results taken on local dates `from..=to` (any measure), oldest first: for a
    /// week's summary. Their notices are built for `profile`, which the caller has read once
    /// for its whole screen.
    pub(crate) fn measure_results_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        profile: crate::ids::Profile,
    ) -> Result<Vec<MeasureResult>> {
        self.read(|conn| {
            let c = content()?;
            let mut st = conn.prepare_cached(&format!(
                "SELECT {COLUMNS} FROM measures_results WHERE local_date BETWEEN ?1 AND ?2
                 ORDER BY utc_ms ASC, created_utc_ms ASC, rowid ASC"
            ))?;
            let rows = st.query_map(
                params![clock::fmt_date(from), clock::fmt_date(to)],
                stored_row,
            )?;
            let mut out = vec![];
            for r in rows {
                out.push(from_row(c, profile, r?)?);
            }
            Ok(out)
        })
    }
}

/// The measures `profile` is offered, in menu order.
fn offered(profile: crate::ids::Profile) -> impl Iterator<Item = Kind> {
    scoring::ALL
        .iter()
        .copied()
        .filter(move |k| crate::profile::offers_measure(profile, k.measure_id()))
}

// ---------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------

/// Applies the NHS Talking Therapies change rules to two totals of one measure ("phq9" or
/// "gad7"), e.g. scores given at appointments.
#[cfg_attr(feature = "ffi", uniffi::export)]
pub fn assess_measure_change(
    measure: MeasureId,
    start_total: i32,
    end_total: i32,
) -> ApiResult<MeasureChange> {
    let kind = Kind::of(measure);
    let a = change::assess(kind, start_total, end_total)?;
    Ok(change_of(content()?, &a, None, None)?)
}

/// The paired PHQ-9 + GAD-7 view of two pairs of totals.
#[cfg_attr(feature = "ffi", uniffi::export)]
pub fn assess_paired_change(
    phq9_start: i32,
    phq9_end: i32,
    gad7_start: i32,
    gad7_end: i32,
) -> ApiResult<MeasurePairedChange> {
    let c = content()?;
    let p = change::assess(Kind::Phq9, phq9_start, phq9_end)?;
    let g = change::assess(Kind::Gad7, gad7_start, gad7_end)?;
    let pa = change::assess_paired(p, g)?;
    Ok(paired_of(
        c,
        &pa,
        change_of(c, &p, None, None)?,
        change_of(c, &g, None, None)?,
    ))
}

#[cfg_attr(feature = "ffi", uniffi::export)]
impl WellbeingStore {
    /// The measures the profile is offered (all four for an adult; for a young person those
    /// validated for their age band) with their wording, answers, bands and licence notes.
    pub fn list_measures(&self) -> ApiResult<Vec<MeasureInfo>> {
        let c = content()?;
        Ok(offered(self.profile_or_adult())
            .map(|k| info_of(c, k))
            .collect::<Result<_>>()?)
    }

    /// One measure's wording, answers, bands and licence notes.
    pub fn measure_info(&self, measure: MeasureId) -> ApiResult<MeasureInfo> {
        Ok(info_of(content()?, Kind::of(measure))?)
    }

    /// Scores and stores one administration. Answers must be exactly one per item, each in
    /// the measure's range.
    pub fn take_measure(&self, input: MeasureInput) -> ApiResult<MeasureResult> {
        let kind = Kind::of(input.measure);
        let s = scoring::score(kind, &input.answers)?;
        let now = self.now();
        let at = Moment::from_local_parts(now, input.date.as_deref(), input.time.as_deref())?;
        let c = content()?;
        let id = self.write(|tx| insert(tx, &now, &at, &s))?;
        Ok(result_of(c, &s, id, &at, self.profile_or_adult())?)
    }

    /// A stored result.
    pub fn measure_result(&self, result_id: String) -> ApiResult<MeasureResult> {
        let id = validate::id_arg("measure result", &result_id)?;
        Ok(self
            .read(|c| load(c, &id))?
            .ok_or_else(|| Error::not_found("measure result", &id))?)
    }

    /// A page of `measure`'s results, newest first (`limit` 1–100), with its chart.
    pub fn measure_history(
        &self,
        measure: MeasureId,
        offset: u32,
        limit: u32,
    ) -> ApiResult<MeasureHistoryPage> {
        let kind = Kind::of(measure);
        validate::in_range("limit", i64::from(limit), 1, i64::from(MAX_PAGE))?;
        let c = content()?;
        let m = c.measure(kind)?;
        Ok(self.read(|conn| {
            let results = newest_first(conn, kind, offset, limit)?;
            let total_count = count(conn, kind)?;
            let charted = newest_first(conn, kind, 0, CHART_POINTS as u32)?;
            Ok(MeasureHistoryPage {
                measure: kind.measure_id(),
                title: m.title.clone(),
                has_more: u64::from(offset) + (results.len() as u64) < u64::from(total_count),
                offset,
                limit,
                total_count,
                chart: chart_of(kind, m, &charted),
                thresholds: thresholds_of(c, kind, m),
                bands: bands_of(kind, m),
                notes: notes_of(c, kind),
                results,
            })
        })?)
    }

    /// Deletes a stored result for good.
    pub fn delete_measure_result(&self, result_id: String) -> ApiResult<()> {
        let id = validate::id_arg("measure result", &result_id)?;
        let n =
            self.write(|tx| Ok(tx.execute("DELETE FROM measures_results WHERE id = ?1", [&id])?))?;
        if n == 0 {
            return Err(Error::not_found("measure result", &id).into());
        }
        Ok(())
    }

    /// The change between two stored results of the same measure (PHQ-9 or GAD-7). The
    /// earlier one is the start, whichever order they are given in.
    pub fn measure_change(
        &self,
        first_result_id: String,
        second_result_id: String,
    ) -> ApiResult<MeasureChange> {
        let a_id = validate::id_arg("measure result", &first_result_id)?;
        let b_id = validate::id_arg("measure result", &second_result_id)?;
        if a_id == b_id {
            return Err(
                Error::invalid("second_result_id", crate::rules::RuleCode::Duplicate).into(),
            );
        }
        let c = content()?;
        let (a, b) = self.read(|conn| {
            let a = load(conn, &a_id)?.ok_or_else(|| Error::not_found("measure result", &a_id))?;
            let b = load(conn, &b_id)?.ok_or_else(|| Error::not_found("measure result", &b_id))?;
            Ok((a, b))
        })?;
        if a.measure != b.measure {
            return Err(
                Error::invalid("second_result_id", crate::rules::RuleCode::Mismatch).into(),
            );
        }
        let kind = Kind::of(a.measure);
        change::thresholds(kind)?;
        let (start, end) = if b.utc_ms < a.utc_ms { (b, a) } else { (a, b) };
        let (s, e) = totals_pair(&start, &end)?;
        let assessed = change::assess(kind, s, e)?;
        Ok(change_of(c, &assessed, Some(&start), Some(&end))?)
    }

    /// First (on or after `since`, "YYYY-MM-DD", if given) vs latest result of `measure`
    /// (PHQ-9 or GAD-7), as NHS Talking Therapies compare them. `None` until there are two.
    pub fn measure_progress(
        &self,
        measure: MeasureId,
        since: Option<String>,
    ) -> ApiResult<Option<MeasureChange>> {
        let kind = Kind::of(measure);
        let since = since_arg(since)?;
        let c = content()?;
        Ok(self.read(|conn| {
            progress_of(conn, kind, since.as_deref())?
                .map(|(a, f, l)| change_of(c, &a, Some(&f), Some(&l)))
                .transpose()
        })?)
    }

    /// PHQ-9 and GAD-7 progress together (first on or after `since` vs latest of each).
    /// `None` until both measures have two results.
    pub fn paired_measure_progress(
        &self,
        since: Option<String>,
    ) -> ApiResult<Option<MeasurePairedChange>> {
        let since = since_arg(since)?;
        let c = content()?;
        Ok(self.read(|conn| {
            let p = progress_of(conn, Kind::Phq9, since.as_deref())?;
            let g = progress_of(conn, Kind::Gad7, since.as_deref())?;
            match (p, g) {
                (Some((pa, pf, pl)), Some((ga, gf, gl))) => {
                    let paired = change::assess_paired(pa, ga)?;
                    Ok(Some(paired_of(
                        c,
                        &paired,
                        change_of(c, &pa, Some(&pf), Some(&pl))?,
                        change_of(c, &ga, Some(&gf), Some(&gl))?,
                    )))
                }
                _ => Ok(None),
            }
        })?)
    }

    /// Each measure's latest result and whether it is due: the measures screen.
    pub fn measures_overview(&self) -> ApiResult<Vec<MeasureStatus>> {
        Ok(self.measure_statuses()?)
    }
}

/// Reads for the records list, kept out of the exported surface.
impl WellbeingStore {
    /// The newest `limit` results of `measure`, newest first: the page alone, without the
    /// history page's count (which reads every result of the measure) and chart.
    pub(crate) fn newest_measure_results(
        &self,
        measure: MeasureId,
        limit: u32,
    ) -> Result<Vec<MeasureResult>> {
        self.read(|conn| newest_first(conn, Kind::of(measure), 0, limit))
    }
}

#[cfg(test)]
mod tests;
