//! Scoring by the published rules, kept apart from any wording.
//!
//! Thresholds and tables are language-independent, so they live here in code rather than in
//! the (per-language) content files; the content only names the bands by id. Every number
//! below is quoted from CONTENT.md section 2 with its source key, and the tests pin each
//! published edge so a slip in a threshold fails loudly.

use crate::error::{Error, Result};

/// The four measures. Ids are the stable strings stored with every result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Kind {
    Phq9,
    Gad7,
    Ons4,
    Swemwbs,
}

pub(crate) const ALL: [Kind; 4] = [Kind::Phq9, Kind::Gad7, Kind::Ons4, Kind::Swemwbs];

/// A band: an inclusive range of scores with a stable id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Band {
    pub id: &'static str,
    pub min: i32,
    pub max: i32,
}

const fn band(id: &'static str, min: i32, max: i32) -> Band {
    Band { id, min, max }
}

/// PHQ-9 total 0–27 [M3][M4].
pub(crate) const PHQ9_BANDS: &[Band] = &[
    band("minimal", 0, 4),
    band("mild", 5, 9),
    band("moderate", 10, 14),
    band("moderately-severe", 15, 19),
    band("severe", 20, 27),
];

/// GAD-7 total 0–21 [M5][M6].
pub(crate) const GAD7_BANDS: &[Band] = &[
    band("minimal", 0, 4),
    band("mild", 5, 9),
    band("moderate", 10, 14),
    band("severe", 15, 21),
];

/// ONS life satisfaction, worthwhile and happiness items, each 0–10 [M9].
pub(crate) const ONS4_POSITIVE_BANDS: &[Band] = &[
    band("low", 0, 4),
    band("medium", 5, 6),
    band("high", 7, 8),
    band("very-high", 9, 10),
];

/// ONS anxiety item 0–10: the scale runs the other way, so its bands differ [M9].
pub(crate) const ONS4_ANXIETY_BANDS: &[Band] = &[
    band("very-low", 0, 1),
    band("low", 2, 3),
    band("medium", 4, 5),
    band("high", 6, 10),
];

/// SWEMWBS raw total 7..=35 to metric score, in hundredths, the complete published
/// conversion [M22][M23], two rows confirmed by German norms [M17]. Kept as integers so
/// the table is exact; divided by 100 when shown.
pub(crate) const SWEMWBS_METRIC_HUNDREDTHS: [i32; 29] = [
    700, 951, 1125, 1240, 1333, 1408, 1475, 1532, 1584, 1636, 1688, 1743, 1798, 1859,
    1925, // 7–21
    1998, 2073, 2154, 2235, 2321, 2411, 2503, 2602, 2703, 2813, 2931, 3070, 3255,
    3500, // 22–35
];

/// PHQ-9 item 9 (zero-based index 8): any answer above 0 needs follow-up whatever the
/// total [M3].
pub(crate) const PHQ9_ITEM9_INDEX: usize = 8;
pub(crate) const PHQ9_ITEM9_FLAG: &str = "phq9-item9";

impl Kind {
    /// The public id of this measure.
    pub fn measure_id(self) -> crate::ids::MeasureId {
        use crate::ids::MeasureId;
        match self {
            Kind::Phq9 => MeasureId::Phq9,
            Kind::Gad7 => MeasureId::Gad7,
            Kind::Ons4 => MeasureId::Ons4,
            Kind::Swemwbs => MeasureId::Swemwbs,
        }
    }

    /// The kind a caller named.
    pub fn of(m: crate::ids::MeasureId) -> Kind {
        use crate::ids::MeasureId;
        match m {
            MeasureId::Phq9 => Kind::Phq9,
            MeasureId::Gad7 => Kind::Gad7,
            MeasureId::Ons4 => Kind::Ons4,
            MeasureId::Swemwbs => Kind::Swemwbs,
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            Kind::Phq9 => "phq9",
            Kind::Gad7 => "gad7",
            Kind::Ons4 => "ons4",
            Kind::Swemwbs => "swemwbs",
        }
    }

    pub fn from_id(id: &str) -> Option<Kind> {
        ALL.into_iter().find(|k| k.id() == id)
    }

    /// The measure named by a caller, or NotFound (the echoed id is cut short and limited to
    /// id characters, so no free text can reach an error).
    pub fn parse(id: &str) -> Result<Kind> {
        let t = id.trim();
        Kind::from_id(t).ok_or_else(|| {
            let shown: String = t
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
                .take(20)
                .collect();
            Error::not_found("measure", shown)
        })
    }

    pub fn item_count(self) -> usize {
        match self {
            Kind::Phq9 => 9,
            Kind::Gad7 => 7,
            Kind::Ons4 => 4,
            Kind::Swemwbs => 7,
        }
    }

    /// The lowest and highest answer to each item.
    pub fn answer_range(self) -> (i32, i32) {
        match self {
            Kind::Phq9 | Kind::Gad7 => (0, 3),
            Kind::Ons4 => (0, 10),
            Kind::Swemwbs => (1, 5),
        }
    }

    /// Bands of the total, for measures whose total is banded.
    pub fn total_bands(self) -> &'static [Band] {
        match self {
            Kind::Phq9 => PHQ9_BANDS,
            Kind::Gad7 => GAD7_BANDS,
            Kind::Ons4 | Kind::Swemwbs => &[],
        }
    }

    /// The range of the summed total, or `None` when the measure is never summed (ONS4).
    pub fn total_range(self) -> Option<(i32, i32)> {
        match self {
            Kind::Ons4 => None,
            k => {
                let (lo, hi) = k.answer_range();
                let n = k.item_count() as i32;
                Some((lo * n, hi * n))
            }
        }
    }

    /// Bands of one ONS4 item (by zero-based index): anxiety, the fourth, has its own.
    pub fn ons4_item_bands(index: usize) -> &'static [Band] {
        if index == 3 {
            ONS4_ANXIETY_BANDS
        } else {
            ONS4_POSITIVE_BANDS
        }
    }

    /// How often a measure is suggested, in days. PHQ-9 and GAD-7 are taken weekly between
    /// NHS Talking Therapies appointments; ONS4 asks about "yesterday" and "nowadays", so
    /// weekly too; SWEMWBS looks back two weeks, so fortnightly (our choice).
    pub fn cadence_days(self) -> i64 {
        match self {
            Kind::Phq9 | Kind::Gad7 | Kind::Ons4 => 7,
            Kind::Swemwbs => 14,
        }
    }
}

/// The band of `value` in `bands`, if any covers it.
pub(crate) fn band_of(bands: &'static [Band], value: i32) -> Option<&'static Band> {
    bands.iter().find(|b| b.min <= value && value <= b.max)
}

/// SWEMWBS metric score for a raw total of 7..=35, or `None` outside the table.
pub(crate) fn swemwbs_metric(raw: i32) -> Option<f64> {
    let i = usize::try_from(raw.checked_sub(7)?).ok()?;
    SWEMWBS_METRIC_HUNDREDTHS
        .get(i)
        .map(|h| f64::from(*h) / 100.0)
}

/// Two decimals, as the metric is published.
pub(crate) fn fmt_metric(m: f64) -> String {
    format!("{m:.2}")
}

/// A scored administration, before any wording.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Score {
    pub kind: Kind,
    pub answers: Vec<i32>,
    /// The summed total; `None` for ONS4, which is never summed [M10].
    pub total: Option<i32>,
    /// SWEMWBS metric score.
    pub metric: Option<f64>,
    /// Band of the total (PHQ-9, GAD-7).
    pub band: Option<&'static str>,
    /// Per-item bands (ONS4 only): (item index, band id).
    pub item_bands: Vec<(usize, &'static str)>,
    /// PHQ-9 item 9 answered above 0.
    pub item9: bool,
}

/// Checks the answers (exact count, each in range) and scores them.
pub(crate) fn score(kind: Kind, answers: &[i32]) -> Result<Score> {
    let n = kind.item_count();
    if answers.len() != n {
        let rule = if answers.len() > n {
            crate::rules::RuleCode::TooManyItems
        } else {
            crate::rules::RuleCode::TooFewItems
        };
        return Err(Error::invalid_limit("answers", rule, n as i64));
    }
    let (lo, hi) = kind.answer_range();
    for (i, a) in answers.iter().enumerate() {
        if *a < lo || *a > hi {
            return Err(Error::out_of_range(
                format!("answers[{}]", i + 1),
                *a as i64,
                lo as i64,
                hi as i64,
            )
            .at_item(i));
        }
    }
    let sum: i32 = answers.iter().sum();
    let mut s = Score {
        kind,
        answers: answers.to_vec(),
        total: None,
        metric: None,
        band: None,
        item_bands: vec![],
        item9: false,
    };
    match kind {
        Kind::Phq9 | Kind::Gad7 => {
            s.total = Some(sum);
            s.band = band_of(kind.total_bands(), sum).map(|b| b.id);
            if s.band.is_none() {
                return Err(Error::internal("a total fell outside every band"));
            }
            s.item9 = kind == Kind::Phq9 && answers[PHQ9_ITEM9_INDEX] > 0;
        }
        Kind::Ons4 => {
            for (i, a) in answers.iter().enumerate() {
                let b = band_of(Kind::ons4_item_bands(i), *a)
                    .ok_or_else(|| Error::internal("an answer fell outside every band"))?;
                s.item_bands.push((i, b.id));
            }
        }
        Kind::Swemwbs => {
            s.total = Some(sum);
            s.metric = Some(
                swemwbs_metric(sum)
                    .ok_or_else(|| Error::internal("a total fell outside the table"))?,
            );
        }
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phq(item9: i32, rest_total: i32) -> Vec<i32> {
        // Spread `rest_total` over items 1–8 (each at most 3).
        let mut v = vec![0; 9];
        let mut left = rest_total;
        for x in v.iter_mut().take(8) {
            let put = left.min(3);
            *x = put;
            left -= put;
        }
        assert_eq!(left, 0, "test helper asked for an impossible total");
        v[8] = item9;
        v
    }

    /// Bands must cover the whole range with no gap or overlap.
    fn assert_covers(bands: &[Band], lo: i32, hi: i32) {
        assert_eq!(bands.first().unwrap().min, lo);
        assert_eq!(bands.last().unwrap().max, hi);
        for w in bands.windows(2) {
            assert!(w[0].min <= w[0].max);
            assert_eq!(w[1].min, w[0].max + 1, "gap or overlap after {}", w[0].id);
        }
        for v in lo..=hi {
            let n = bands.iter().filter(|b| b.min <= v && v <= b.max).count();
            assert_eq!(n, 1, "value {v} is in {n} bands");
        }
    }

    #[test]
    fn every_band_set_covers_its_range_exactly() {
        assert_covers(PHQ9_BANDS, 0, 27);
        assert_covers(GAD7_BANDS, 0, 21);
        assert_covers(ONS4_POSITIVE_BANDS, 0, 10);
        assert_covers(ONS4_ANXIETY_BANDS, 0, 10);
        assert_eq!(Kind::Phq9.total_range(), Some((0, 27)));
        assert_eq!(Kind::Gad7.total_range(), Some((0, 21)));
        assert_eq!(Kind::Swemwbs.total_range(), Some((7, 35)));
        assert_eq!(Kind::Ons4.total_range(), None);
    }

    #[test]
    fn phq9_bands_at_every_published_edge() {
        for (total, want) in [
            (0, "minimal"),
            (4, "minimal"),
            (5, "mild"),
            (9, "mild"),
            (10, "moderate"),
            (14, "moderate"),
            (15, "moderately-severe"),
            (19, "moderately-severe"),
            (20, "severe"),
            (27, "severe"),
        ] {
            let s = if total == 27 {
                score(Kind::Phq9, &[3; 9]).unwrap()
            } else {
                score(Kind::Phq9, &phq(0, total)).unwrap()
            };
            assert_eq!(s.total, Some(total));
            assert_eq!(s.band, Some(want), "total {total}");
        }
    }

    #[test]
    fn gad7_bands_at_every_published_edge() {
        for (total, want) in [
            (0, "minimal"),
            (4, "minimal"),
            (5, "mild"),
            (9, "mild"),
            (10, "moderate"),
            (14, "moderate"),
            (15, "severe"),
            (21, "severe"),
        ] {
            let mut v = vec![0; 7];
            let mut left = total;
            for x in v.iter_mut() {
                *x = left.min(3);
                left -= *x;
            }
            let s = score(Kind::Gad7, &v).unwrap();
            assert_eq!((s.total, s.band), (Some(total), Some(want)));
            assert!(!s.item9);
        }
    }

    #[test]
    fn item9_flags_whatever_the_total() {
        // Total 1, made only of item 9.
        let s = score(Kind::Phq9, &phq(1, 0)).unwrap();
        assert_eq!(s.total, Some(1));
        assert_eq!(s.band, Some("minimal"));
        assert!(s.item9);
        for v in 1..=3 {
            assert!(score(Kind::Phq9, &phq(v, 0)).unwrap().item9, "item 9 = {v}");
            assert!(
                score(Kind::Phq9, &phq(v, 24)).unwrap().item9,
                "item 9 = {v}"
            );
        }
        // Total 24 with item 9 at 0 (the highest total possible without it): no flag.
        let s = score(Kind::Phq9, &phq(0, 24)).unwrap();
        assert_eq!((s.total, s.item9), (Some(24), false));
        // All zero: no flag.
        assert!(!score(Kind::Phq9, &[0; 9]).unwrap().item9);
        // Total 27 means item 9 is 3: flagged.
        assert!(score(Kind::Phq9, &[3; 9]).unwrap().item9);
        // Item 9 is the ninth answer, not any other.
        let mut v = vec![0; 9];
        v[7] = 3;
        assert!(!score(Kind::Phq9, &v).unwrap().item9);
    }

    #[test]
    fn ons4_items_banded_separately_never_summed() {
        let s = score(Kind::Ons4, &[4, 5, 9, 1]).unwrap();
        assert_eq!(s.total, None);
        assert_eq!(s.band, None);
        assert_eq!(
            s.item_bands,
            vec![(0, "low"), (1, "medium"), (2, "very-high"), (3, "very-low")]
        );
        let positive = [
            (0, "low"),
            (4, "low"),
            (5, "medium"),
            (6, "medium"),
            (7, "high"),
            (8, "high"),
            (9, "very-high"),
            (10, "very-high"),
        ];
        let anxiety = [
            (0, "very-low"),
            (1, "very-low"),
            (2, "low"),
            (3, "low"),
            (4, "medium"),
            (5, "medium"),
            (6, "high"),
            (10, "high"),
        ];
        for (v, want) in positive {
            let s = score(Kind::Ons4, &[v, v, v, 0]).unwrap();
            for i in 0..3 {
                assert_eq!(s.item_bands[i], (i, want), "item {i} value {v}");
            }
        }
        for (v, want) in anxiety {
            let s = score(Kind::Ons4, &[0, 0, 0, v]).unwrap();
            assert_eq!(s.item_bands[3], (3, want), "anxiety {v}");
        }
    }

    #[test]
    fn swemwbs_metric_table_is_complete_and_exact() {
        let table = [
            (7, "7.00"),
            (8, "9.51"),
            (9, "11.25"),
            (10, "12.40"),
            (11, "13.33"),
            (12, "14.08"),
            (13, "14.75"),
            (14, "15.32"),
            (15, "15.84"),
            (16, "16.36"),
            (17, "16.88"),
            (18, "17.43"),
            (19, "17.98"),
            (20, "18.59"),
            (21, "19.25"),
            (22, "19.98"),
            (23, "20.73"),
            (24, "21.54"),
            (25, "22.35"),
            (26, "23.21"),
            (27, "24.11"),
            (28, "25.03"),
            (29, "26.02"),
            (30, "27.03"),
            (31, "28.13"),
            (32, "29.31"),
            (33, "30.70"),
            (34, "32.55"),
            (35, "35.00"),
        ];
        for (raw, want) in table {
            assert_eq!(fmt_metric(swemwbs_metric(raw).unwrap()), want, "raw {raw}");
        }
        assert_eq!(swemwbs_metric(6), None);
        assert_eq!(swemwbs_metric(36), None);
        assert_eq!(swemwbs_metric(i32::MIN), None);
        // Strictly increasing: a higher raw score never gives a lower metric.
        for w in SWEMWBS_METRIC_HUNDREDTHS.windows(2) {
            assert!(w[1] > w[0]);
        }
        let s = score(Kind::Swemwbs, &[4, 4, 4, 4, 4, 3, 3]).unwrap();
        assert_eq!(s.total, Some(26));
        assert_eq!(s.metric, Some(23.21));
        assert_eq!(s.band, None, "SWEMWBS has no clinical bands");
    }

    #[test]
    fn answers_must_have_exact_count() {
        for (kind, n) in [
            (Kind::Phq9, 9),
            (Kind::Gad7, 7),
            (Kind::Ons4, 4),
            (Kind::Swemwbs, 7),
        ] {
            let (lo, _) = kind.answer_range();
            for bad in [0, n - 1, n + 1] {
                match score(kind, &vec![lo; bad]) {
                    Err(Error::Invalid { field, .. }) => assert_eq!(field, "answers"),
                    other => panic!("{kind:?} with {bad} answers gave {other:?}"),
                }
            }
            assert!(score(kind, &vec![lo; n]).is_ok());
        }
    }

    #[test]
    fn each_answer_must_be_in_range() {
        for kind in ALL {
            let (lo, hi) = kind.answer_range();
            let n = kind.item_count();
            for bad in [lo - 1, hi + 1, i32::MIN, i32::MAX] {
                let mut v = vec![lo; n];
                v[n - 1] = bad;
                match score(kind, &v) {
                    Err(Error::Invalid { field, .. }) => assert_eq!(field, format!("answers[{n}]")),
                    other => panic!("{kind:?} answer {bad} gave {other:?}"),
                }
            }
            assert!(score(kind, &vec![hi; n]).is_ok());
        }
    }

    #[test]
    fn unknown_measure_is_not_found_and_not_echoed_raw() {
        assert_eq!(Kind::parse(" phq9 ").unwrap(), Kind::Phq9);
        match Kind::parse("my secret words phq") {
            Err(Error::NotFound { id, .. }) => assert!(!id.contains(' ')),
            other => panic!("{other:?}"),
        }
        assert!(Kind::parse("PHQ9").is_err());
        assert!(Kind::parse("").is_err());
    }
}
